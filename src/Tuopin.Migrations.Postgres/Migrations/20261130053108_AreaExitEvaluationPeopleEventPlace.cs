using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tuopin.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AreaExitEvaluationPeopleEventPlace : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "township_id_after",
                table: "household_status_changes",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "village_id_after",
                table: "household_status_changes",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "people",
                table: "evaluation_samples",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "area_exit_procedures",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    level = table.Column<int>(type: "integer", nullable: false),
                    area_id = table.Column<Guid>(type: "uuid", nullable: false),
                    county_id = table.Column<Guid>(type: "uuid", nullable: false),
                    township_id = table.Column<Guid>(type: "uuid", nullable: false),
                    village_id = table.Column<Guid>(type: "uuid", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    stage = table.Column<int>(type: "integer", nullable: false),
                    round = table.Column<int>(type: "integer", nullable: false),
                    exited = table.Column<bool>(type: "boolean", nullable: false),
                    exited_on = table.Column<DateOnly>(type: "date", nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_area_exit_procedures", x => x.id);
                    table.ForeignKey(
                        name: "fk_area_exit_procedures_counties_county_id",
                        column: x => x.county_id,
                        principalTable: "counties",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "area_exit_evidence",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    procedure_id = table.Column<Guid>(type: "uuid", nullable: false),
                    county_id = table.Column<Guid>(type: "uuid", nullable: false),
                    township_id = table.Column<Guid>(type: "uuid", nullable: false),
                    village_id = table.Column<Guid>(type: "uuid", nullable: false),
                    item = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    file_name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    content_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    size = table.Column<long>(type: "bigint", nullable: false),
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    uploaded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    uploaded_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_area_exit_evidence", x => x.id);
                    table.ForeignKey(
                        name: "fk_area_exit_evidence_area_exit_procedures_procedure_id",
                        column: x => x.procedure_id,
                        principalTable: "area_exit_procedures",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "area_exit_steps",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    procedure_id = table.Column<Guid>(type: "uuid", nullable: false),
                    county_id = table.Column<Guid>(type: "uuid", nullable: false),
                    township_id = table.Column<Guid>(type: "uuid", nullable: false),
                    village_id = table.Column<Guid>(type: "uuid", nullable: false),
                    round = table.Column<int>(type: "integer", nullable: false),
                    step = table.Column<int>(type: "integer", nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    snapshot = table.Column<string>(type: "text", maxLength: 2147483647, nullable: true),
                    passed = table.Column<bool>(type: "boolean", nullable: true),
                    user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    actor_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    actor_role = table.Column<int>(type: "integer", nullable: false),
                    recorded_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_area_exit_steps", x => x.id);
                    table.ForeignKey(
                        name: "fk_area_exit_steps_area_exit_procedures_procedure_id",
                        column: x => x.procedure_id,
                        principalTable: "area_exit_procedures",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_area_exit_evidence_procedure_id_item",
                table: "area_exit_evidence",
                columns: new[] { "procedure_id", "item" });

            migrationBuilder.CreateIndex(
                name: "ix_area_exit_evidence_township_id",
                table: "area_exit_evidence",
                column: "township_id");

            migrationBuilder.CreateIndex(
                name: "ix_area_exit_evidence_village_id",
                table: "area_exit_evidence",
                column: "village_id");

            migrationBuilder.CreateIndex(
                name: "ix_area_exit_procedures_county_id_year_level",
                table: "area_exit_procedures",
                columns: new[] { "county_id", "year", "level" });

            migrationBuilder.CreateIndex(
                name: "ix_area_exit_procedures_level_area_id_year",
                table: "area_exit_procedures",
                columns: new[] { "level", "area_id", "year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_area_exit_procedures_township_id_year",
                table: "area_exit_procedures",
                columns: new[] { "township_id", "year" });

            migrationBuilder.CreateIndex(
                name: "ix_area_exit_procedures_village_id_year",
                table: "area_exit_procedures",
                columns: new[] { "village_id", "year" });

            migrationBuilder.CreateIndex(
                name: "ix_area_exit_steps_procedure_id_round_step",
                table: "area_exit_steps",
                columns: new[] { "procedure_id", "round", "step" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_area_exit_steps_township_id",
                table: "area_exit_steps",
                column: "township_id");

            migrationBuilder.CreateIndex(
                name: "ix_area_exit_steps_village_id",
                table: "area_exit_steps",
                column: "village_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "area_exit_evidence");

            migrationBuilder.DropTable(
                name: "area_exit_steps");

            migrationBuilder.DropTable(
                name: "area_exit_procedures");

            migrationBuilder.DropColumn(
                name: "township_id_after",
                table: "household_status_changes");

            migrationBuilder.DropColumn(
                name: "village_id_after",
                table: "household_status_changes");

            migrationBuilder.DropColumn(
                name: "people",
                table: "evaluation_samples");
        }
    }
}
