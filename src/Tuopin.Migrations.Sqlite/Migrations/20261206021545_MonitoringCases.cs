using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tuopin.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class MonitoringCases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "monitoring_cases",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    household_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    county_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    township_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    village_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    risk = table.Column<int>(type: "INTEGER", nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    enrolled_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    review_due = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    last_reviewed_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    last_review_note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    reviews = table.Column<int>(type: "INTEGER", nullable: false),
                    closed_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    outcome = table.Column<int>(type: "INTEGER", nullable: true),
                    close_reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_monitoring_cases", x => x.id);
                    table.ForeignKey(
                        name: "fk_monitoring_cases_households_household_id",
                        column: x => x.household_id,
                        principalTable: "households",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_monitoring_cases_county_id_closed_on",
                table: "monitoring_cases",
                columns: new[] { "county_id", "closed_on" });

            migrationBuilder.CreateIndex(
                name: "ix_monitoring_cases_household_id_enrolled_on",
                table: "monitoring_cases",
                columns: new[] { "household_id", "enrolled_on" });

            migrationBuilder.CreateIndex(
                name: "ix_monitoring_cases_open_household",
                table: "monitoring_cases",
                column: "household_id",
                unique: true,
                filter: "closed_on IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_monitoring_cases_township_id_closed_on",
                table: "monitoring_cases",
                columns: new[] { "township_id", "closed_on" });

            migrationBuilder.CreateIndex(
                name: "ix_monitoring_cases_village_id_closed_on",
                table: "monitoring_cases",
                columns: new[] { "village_id", "closed_on" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "monitoring_cases");
        }
    }
}
