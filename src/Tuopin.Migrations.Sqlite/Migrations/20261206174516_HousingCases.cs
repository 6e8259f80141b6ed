using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tuopin.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class HousingCases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "housing_cases",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    household_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    county_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    township_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    village_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    kind = table.Column<int>(type: "INTEGER", nullable: false),
                    settlement = table.Column<int>(type: "INTEGER", nullable: true),
                    site_name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    category = table.Column<int>(type: "INTEGER", nullable: false),
                    category_reasons = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    category_reasons_en = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    amount = table.Column<long>(type: "INTEGER", nullable: true),
                    step = table.Column<int>(type: "INTEGER", nullable: false),
                    applied_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    application_note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    approved_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    approved_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    approval_document = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    started_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    accepted_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    accepted_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    acceptance_result = table.Column<int>(type: "INTEGER", nullable: true),
                    acceptance_note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    failed_acceptances = table.Column<int>(type: "INTEGER", nullable: false),
                    paid_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    paid_amount = table.Column<long>(type: "INTEGER", nullable: true),
                    payment_voucher = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    cancelled_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    cancel_reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    measure_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_housing_cases", x => x.id);
                    table.ForeignKey(
                        name: "fk_housing_cases_households_household_id",
                        column: x => x.household_id,
                        principalTable: "households",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_housing_cases_measures_measure_id",
                        column: x => x.measure_id,
                        principalTable: "measures",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_housing_cases_county_id_step",
                table: "housing_cases",
                columns: new[] { "county_id", "step" });

            migrationBuilder.CreateIndex(
                name: "ix_housing_cases_live_household",
                table: "housing_cases",
                column: "household_id",
                unique: true,
                filter: "step <> 9");

            migrationBuilder.CreateIndex(
                name: "ix_housing_cases_measure_id",
                table: "housing_cases",
                column: "measure_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_housing_cases_township_id_step",
                table: "housing_cases",
                columns: new[] { "township_id", "step" });

            migrationBuilder.CreateIndex(
                name: "ix_housing_cases_village_id_step",
                table: "housing_cases",
                columns: new[] { "village_id", "step" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "housing_cases");
        }
    }
}
