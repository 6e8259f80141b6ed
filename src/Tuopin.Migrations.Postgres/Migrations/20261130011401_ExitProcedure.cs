using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tuopin.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ExitProcedure : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "attachments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    county_id = table.Column<Guid>(type: "uuid", nullable: false),
                    township_id = table.Column<Guid>(type: "uuid", nullable: false),
                    village_id = table.Column<Guid>(type: "uuid", nullable: false),
                    step_id = table.Column<Guid>(type: "uuid", nullable: false),
                    procedure_id = table.Column<Guid>(type: "uuid", nullable: true),
                    household_id = table.Column<Guid>(type: "uuid", nullable: true),
                    file_name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    content_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    size = table.Column<long>(type: "bigint", nullable: false),
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    uploaded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    uploaded_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_attachments", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "evaluations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    county_id = table.Column<Guid>(type: "uuid", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    seed = table.Column<long>(type: "bigint", nullable: false),
                    villages = table.Column<int>(type: "integer", nullable: false),
                    exited_per_village = table.Column<int>(type: "integer", nullable: false),
                    not_exited_per_village = table.Column<int>(type: "integer", nullable: false),
                    outside_per_village = table.Column<int>(type: "integer", nullable: false),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: false),
                    county_id = table.Column<Guid>(type: "uuid", nullable: false),
                    township_id = table.Column<Guid>(type: "uuid", nullable: false),
                    village_id = table.Column<Guid>(type: "uuid", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    batch_id = table.Column<Guid>(type: "uuid", nullable: false),
                    stage = table.Column<int>(type: "integer", nullable: false),
                    notice_ends_on = table.Column<DateOnly>(type: "date", nullable: true),
                    withdrawn = table.Column<bool>(type: "boolean", nullable: false),
                    withdrawn_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                name: "evaluation_samples",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    evaluation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    county_id = table.Column<Guid>(type: "uuid", nullable: false),
                    township_id = table.Column<Guid>(type: "uuid", nullable: false),
                    village_id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: true),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    visited = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    visited_on = table.Column<DateOnly>(type: "date", nullable: true),
                    wrongly_exited = table.Column<bool>(type: "boolean", nullable: true),
                    missed = table.Column<bool>(type: "boolean", nullable: true),
                    approves = table.Column<bool>(type: "boolean", nullable: true),
                    note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    recorded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
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
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    procedure_id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: false),
                    county_id = table.Column<Guid>(type: "uuid", nullable: false),
                    township_id = table.Column<Guid>(type: "uuid", nullable: false),
                    village_id = table.Column<Guid>(type: "uuid", nullable: false),
                    raised_on = table.Column<DateOnly>(type: "date", nullable: false),
                    raised_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    content = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    resolved_on = table.Column<DateOnly>(type: "date", nullable: true),
                    resolution = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    upheld = table.Column<bool>(type: "boolean", nullable: true),
                    resolved_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
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
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    procedure_id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: false),
                    county_id = table.Column<Guid>(type: "uuid", nullable: false),
                    township_id = table.Column<Guid>(type: "uuid", nullable: false),
                    village_id = table.Column<Guid>(type: "uuid", nullable: false),
                    step = table.Column<int>(type: "integer", nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    actor_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    actor_role = table.Column<int>(type: "integer", nullable: false),
                    recorded_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                name: "evaluations");

            migrationBuilder.DropTable(
                name: "exit_procedures");
        }
    }
}
