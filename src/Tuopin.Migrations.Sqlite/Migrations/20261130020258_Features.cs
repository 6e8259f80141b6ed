using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tuopin.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Features : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "joined_on",
                table: "members",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "left_on",
                table: "members",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "closed_on",
                table: "households",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "attachment_id",
                table: "household_status_changes",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "closed",
                table: "household_status_changes",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "document_number",
                table: "household_status_changes",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "evidence",
                table: "household_status_changes",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "kind",
                table: "household_status_changes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<Guid>(
                name: "member_id",
                table: "household_status_changes",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "related_household_id",
                table: "household_status_changes",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "sequence",
                table: "household_status_changes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "size_after",
                table: "household_status_changes",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "attachments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    county_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    township_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    village_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    step_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    procedure_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    household_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    content_type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    size = table.Column<long>(type: "INTEGER", nullable: false),
                    sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    uploaded_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    uploaded_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_attachments", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "evaluations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    county_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    seed = table.Column<long>(type: "INTEGER", nullable: false),
                    villages = table.Column<int>(type: "INTEGER", nullable: false),
                    exited_per_village = table.Column<int>(type: "INTEGER", nullable: false),
                    not_exited_per_village = table.Column<int>(type: "INTEGER", nullable: false),
                    outside_per_village = table.Column<int>(type: "INTEGER", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_evaluations", x => x.id);
                    table.ForeignKey(
                        name: "fk_evaluations_counties_county_id",
                        column: x => x.county_id,
                        principalTable: "counties",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "exit_procedures",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    household_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    county_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    township_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    village_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    batch_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    stage = table.Column<int>(type: "INTEGER", nullable: false),
                    notice_ends_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    withdrawn = table.Column<bool>(type: "INTEGER", nullable: false),
                    withdrawn_reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_exit_procedures", x => x.id);
                    table.ForeignKey(
                        name: "fk_exit_procedures_households_household_id",
                        column: x => x.household_id,
                        principalTable: "households",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_exit_procedures_villages_village_id",
                        column: x => x.village_id,
                        principalTable: "villages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "exit_standards",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    county_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    village_incidence_limit = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false),
                    township_incidence_limit = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false),
                    county_incidence_limit = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false),
                    wrong_exit_limit = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false),
                    missed_limit = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false),
                    approval_minimum = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false),
                    village_collective_income_minimum = table.Column<long>(type: "INTEGER", nullable: true),
                    required_village_conditions = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    township_requires_poor_villages_ready = table.Column<bool>(type: "INTEGER", nullable: false),
                    risk_income_margin = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false),
                    watch_income = table.Column<bool>(type: "INTEGER", nullable: false),
                    watch_illness_or_disability = table.Column<bool>(type: "INTEGER", nullable: false),
                    watch_disaster = table.Column<bool>(type: "INTEGER", nullable: false),
                    watch_labour_loss = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_exit_standards", x => x.id);
                    table.ForeignKey(
                        name: "fk_exit_standards_counties_county_id",
                        column: x => x.county_id,
                        principalTable: "counties",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "plan_versions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    county_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    document = table.Column<string>(type: "TEXT", maxLength: 2147483647, nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    created_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    change = table.Column<string>(type: "TEXT", maxLength: 2147483647, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_plan_versions", x => x.id);
                    table.ForeignKey(
                        name: "fk_plan_versions_counties_county_id",
                        column: x => x.county_id,
                        principalTable: "counties",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "quality_reviews",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    rule_code = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    subject_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    household_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    county_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    township_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    village_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    resolution = table.Column<int>(type: "INTEGER", nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    reviewed_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    reviewed_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_quality_reviews", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "village_conditions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    county_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    township_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    village_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    hardened_road = table.Column<bool>(type: "INTEGER", nullable: false),
                    bus_service = table.Column<bool>(type: "INTEGER", nullable: false),
                    natural_villages = table.Column<int>(type: "INTEGER", nullable: false),
                    natural_villages_with_road = table.Column<int>(type: "INTEGER", nullable: false),
                    natural_villages_with_power = table.Column<int>(type: "INTEGER", nullable: false),
                    households = table.Column<int>(type: "INTEGER", nullable: false),
                    piped_water_households = table.Column<int>(type: "INTEGER", nullable: false),
                    safe_water_households = table.Column<int>(type: "INTEGER", nullable: false),
                    electricity_households = table.Column<int>(type: "INTEGER", nullable: false),
                    radio_tv_households = table.Column<int>(type: "INTEGER", nullable: false),
                    broadband = table.Column<bool>(type: "INTEGER", nullable: false),
                    mobile_signal = table.Column<bool>(type: "INTEGER", nullable: false),
                    school_or_kindergarten = table.Column<bool>(type: "INTEGER", nullable: false),
                    clinic = table.Column<bool>(type: "INTEGER", nullable: false),
                    service_centre = table.Column<bool>(type: "INTEGER", nullable: false),
                    cultural_centre = table.Column<bool>(type: "INTEGER", nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_village_conditions", x => x.id);
                    table.ForeignKey(
                        name: "fk_village_conditions_counties_county_id",
                        column: x => x.county_id,
                        principalTable: "counties",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_village_conditions_townships_township_id",
                        column: x => x.township_id,
                        principalTable: "townships",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_village_conditions_villages_village_id",
                        column: x => x.village_id,
                        principalTable: "villages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "evaluation_samples",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    evaluation_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    county_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    township_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    village_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    household_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    kind = table.Column<int>(type: "INTEGER", nullable: false),
                    position = table.Column<int>(type: "INTEGER", nullable: false),
                    visited = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    visited_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    wrongly_exited = table.Column<bool>(type: "INTEGER", nullable: true),
                    missed = table.Column<bool>(type: "INTEGER", nullable: true),
                    approves = table.Column<bool>(type: "INTEGER", nullable: true),
                    note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_evaluation_samples", x => x.id);
                    table.ForeignKey(
                        name: "fk_evaluation_samples_evaluations_evaluation_id",
                        column: x => x.evaluation_id,
                        principalTable: "evaluations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_evaluation_samples_households_household_id",
                        column: x => x.household_id,
                        principalTable: "households",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "exit_objections",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    procedure_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    household_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    county_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    township_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    village_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    raised_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    raised_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    content = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    resolved_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    resolution = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    upheld = table.Column<bool>(type: "INTEGER", nullable: true),
                    resolved_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_exit_objections", x => x.id);
                    table.ForeignKey(
                        name: "fk_exit_objections_exit_procedures_procedure_id",
                        column: x => x.procedure_id,
                        principalTable: "exit_procedures",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "exit_procedure_steps",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    procedure_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    household_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    county_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    township_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    village_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    step = table.Column<int>(type: "INTEGER", nullable: false),
                    date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    actor_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    actor_role = table.Column<int>(type: "INTEGER", nullable: false),
                    recorded_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_exit_procedure_steps", x => x.id);
                    table.ForeignKey(
                        name: "fk_exit_procedure_steps_exit_procedures_procedure_id",
                        column: x => x.procedure_id,
                        principalTable: "exit_procedures",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_household_status_changes_date",
                table: "household_status_changes",
                column: "date");

            // Existing status changes become numbered, typed events before the unique index needs them.
            migrationBuilder.Sql(Tuopin.Application.Registry.EventBackfill.Sql);

            migrationBuilder.CreateIndex(
                name: "ix_household_status_changes_household_id_sequence",
                table: "household_status_changes",
                columns: new[] { "household_id", "sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_attachments_procedure_id",
                table: "attachments",
                column: "procedure_id");

            migrationBuilder.CreateIndex(
                name: "ix_attachments_step_id",
                table: "attachments",
                column: "step_id");

            migrationBuilder.CreateIndex(
                name: "ix_attachments_township_id",
                table: "attachments",
                column: "township_id");

            migrationBuilder.CreateIndex(
                name: "ix_attachments_village_id",
                table: "attachments",
                column: "village_id");

            migrationBuilder.CreateIndex(
                name: "ix_evaluation_samples_evaluation_id_position",
                table: "evaluation_samples",
                columns: new[] { "evaluation_id", "position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_evaluation_samples_household_id",
                table: "evaluation_samples",
                column: "household_id");

            migrationBuilder.CreateIndex(
                name: "ix_evaluation_samples_village_id",
                table: "evaluation_samples",
                column: "village_id");

            migrationBuilder.CreateIndex(
                name: "ix_evaluations_county_id_year",
                table: "evaluations",
                columns: new[] { "county_id", "year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_exit_objections_procedure_id",
                table: "exit_objections",
                column: "procedure_id");

            migrationBuilder.CreateIndex(
                name: "ix_exit_procedure_steps_procedure_id_step",
                table: "exit_procedure_steps",
                columns: new[] { "procedure_id", "step" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_exit_procedure_steps_township_id",
                table: "exit_procedure_steps",
                column: "township_id");

            migrationBuilder.CreateIndex(
                name: "ix_exit_procedure_steps_village_id",
                table: "exit_procedure_steps",
                column: "village_id");

            migrationBuilder.CreateIndex(
                name: "ix_exit_procedures_batch_id",
                table: "exit_procedures",
                column: "batch_id");

            migrationBuilder.CreateIndex(
                name: "ix_exit_procedures_county_id_year_stage",
                table: "exit_procedures",
                columns: new[] { "county_id", "year", "stage" });

            migrationBuilder.CreateIndex(
                name: "ix_exit_procedures_household_id_year",
                table: "exit_procedures",
                columns: new[] { "household_id", "year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_exit_procedures_township_id_year_stage",
                table: "exit_procedures",
                columns: new[] { "township_id", "year", "stage" });

            migrationBuilder.CreateIndex(
                name: "ix_exit_procedures_village_id_year_stage",
                table: "exit_procedures",
                columns: new[] { "village_id", "year", "stage" });

            migrationBuilder.CreateIndex(
                name: "ix_exit_standards_county_id",
                table: "exit_standards",
                column: "county_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_plan_versions_county_id_version",
                table: "plan_versions",
                columns: new[] { "county_id", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_quality_reviews_household_id",
                table: "quality_reviews",
                column: "household_id");

            migrationBuilder.CreateIndex(
                name: "ix_quality_reviews_rule_code_subject_id",
                table: "quality_reviews",
                columns: new[] { "rule_code", "subject_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_quality_reviews_township_id",
                table: "quality_reviews",
                column: "township_id");

            migrationBuilder.CreateIndex(
                name: "ix_village_conditions_county_id_year",
                table: "village_conditions",
                columns: new[] { "county_id", "year" });

            migrationBuilder.CreateIndex(
                name: "ix_village_conditions_township_id_year",
                table: "village_conditions",
                columns: new[] { "township_id", "year" });

            migrationBuilder.CreateIndex(
                name: "ix_village_conditions_village_id_year",
                table: "village_conditions",
                columns: new[] { "village_id", "year" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "attachments");

            migrationBuilder.DropTable(
                name: "evaluation_samples");

            migrationBuilder.DropTable(
                name: "exit_objections");

            migrationBuilder.DropTable(
                name: "exit_procedure_steps");

            migrationBuilder.DropTable(
                name: "exit_standards");

            migrationBuilder.DropTable(
                name: "plan_versions");

            migrationBuilder.DropTable(
                name: "quality_reviews");

            migrationBuilder.DropTable(
                name: "village_conditions");

            migrationBuilder.DropTable(
                name: "evaluations");

            migrationBuilder.DropTable(
                name: "exit_procedures");

            migrationBuilder.DropIndex(
                name: "ix_household_status_changes_date",
                table: "household_status_changes");

            migrationBuilder.DropIndex(
                name: "ix_household_status_changes_household_id_sequence",
                table: "household_status_changes");

            migrationBuilder.DropColumn(
                name: "joined_on",
                table: "members");

            migrationBuilder.DropColumn(
                name: "left_on",
                table: "members");

            migrationBuilder.DropColumn(
                name: "closed_on",
                table: "households");

            migrationBuilder.DropColumn(
                name: "attachment_id",
                table: "household_status_changes");

            migrationBuilder.DropColumn(
                name: "closed",
                table: "household_status_changes");

            migrationBuilder.DropColumn(
                name: "document_number",
                table: "household_status_changes");

            migrationBuilder.DropColumn(
                name: "evidence",
                table: "household_status_changes");

            migrationBuilder.DropColumn(
                name: "kind",
                table: "household_status_changes");

            migrationBuilder.DropColumn(
                name: "member_id",
                table: "household_status_changes");

            migrationBuilder.DropColumn(
                name: "related_household_id",
                table: "household_status_changes");

            migrationBuilder.DropColumn(
                name: "sequence",
                table: "household_status_changes");

            migrationBuilder.DropColumn(
                name: "size_after",
                table: "household_status_changes");
        }
    }
}
