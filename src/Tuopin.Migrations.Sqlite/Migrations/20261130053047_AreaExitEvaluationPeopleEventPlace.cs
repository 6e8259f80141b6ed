using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tuopin.Migrations.Sqlite.Migrations
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
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "village_id_after",
                table: "household_status_changes",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "people",
                table: "evaluation_samples",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "area_exit_procedures",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    level = table.Column<int>(type: "INTEGER", nullable: false),
                    area_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    county_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    township_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    village_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    stage = table.Column<int>(type: "INTEGER", nullable: false),
                    round = table.Column<int>(type: "INTEGER", nullable: false),
                    exited = table.Column<bool>(type: "INTEGER", nullable: false),
                    exited_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
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
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    procedure_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    county_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    township_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    village_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    item = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    content_type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    size = table.Column<long>(type: "INTEGER", nullable: false),
                    sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    uploaded_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    uploaded_at = table.Column<DateTime>(type: "TEXT", nullable: false)
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
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    procedure_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    county_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    township_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    village_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    round = table.Column<int>(type: "INTEGER", nullable: false),
                    step = table.Column<int>(type: "INTEGER", nullable: false),
                    date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    snapshot = table.Column<string>(type: "TEXT", maxLength: 2147483647, nullable: true),
                    passed = table.Column<bool>(type: "INTEGER", nullable: true),
                    user_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    actor_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    actor_role = table.Column<int>(type: "INTEGER", nullable: false),
                    recorded_at = table.Column<DateTime>(type: "TEXT", nullable: false)
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
