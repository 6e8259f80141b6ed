using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tuopin.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class HousingCasesAndIndustry : Migration
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

            migrationBuilder.CreateTable(
                name: "market_entities",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    county_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<int>(type: "INTEGER", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    credit_code = table.Column<string>(type: "TEXT", maxLength: 18, nullable: true),
                    industries = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    registered_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_market_entities", x => x.id);
                    table.ForeignKey(
                        name: "fk_market_entities_counties_county_id",
                        column: x => x.county_id,
                        principalTable: "counties",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "industry_participations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    household_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    county_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    township_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    village_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    industry_id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    scale = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    scale_farmer = table.Column<bool>(type: "INTEGER", nullable: false),
                    market_entity_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    link = table.Column<int>(type: "INTEGER", nullable: false),
                    measure_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    cancelled_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    cancel_reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_industry_participations", x => x.id);
                    table.ForeignKey(
                        name: "fk_industry_participations_households_household_id",
                        column: x => x.household_id,
                        principalTable: "households",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_industry_participations_market_entities_market_entity_id",
                        column: x => x.market_entity_id,
                        principalTable: "market_entities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_industry_participations_measures_measure_id",
                        column: x => x.measure_id,
                        principalTable: "measures",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "market_entity_villages",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    market_entity_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    village_id = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_market_entity_villages", x => x.id);
                    table.ForeignKey(
                        name: "fk_market_entity_villages_market_entities_market_entity_id",
                        column: x => x.market_entity_id,
                        principalTable: "market_entities",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_market_entity_villages_villages_village_id",
                        column: x => x.village_id,
                        principalTable: "villages",
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

            migrationBuilder.CreateIndex(
                name: "ix_industry_participations_county_id_industry_id_year",
                table: "industry_participations",
                columns: new[] { "county_id", "industry_id", "year" });

            migrationBuilder.CreateIndex(
                name: "ix_industry_participations_household_id_year",
                table: "industry_participations",
                columns: new[] { "household_id", "year" });

            migrationBuilder.CreateIndex(
                name: "ix_industry_participations_market_entity_id",
                table: "industry_participations",
                column: "market_entity_id");

            migrationBuilder.CreateIndex(
                name: "ix_industry_participations_measure_id",
                table: "industry_participations",
                column: "measure_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_industry_participations_township_id_industry_id_year",
                table: "industry_participations",
                columns: new[] { "township_id", "industry_id", "year" });

            migrationBuilder.CreateIndex(
                name: "ix_industry_participations_village_id_industry_id_year",
                table: "industry_participations",
                columns: new[] { "village_id", "industry_id", "year" });

            migrationBuilder.CreateIndex(
                name: "ix_market_entities_county_id_name",
                table: "market_entities",
                columns: new[] { "county_id", "name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_market_entity_villages_market_entity_id_village_id",
                table: "market_entity_villages",
                columns: new[] { "market_entity_id", "village_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_market_entity_villages_village_id",
                table: "market_entity_villages",
                column: "village_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "housing_cases");

            migrationBuilder.DropTable(
                name: "industry_participations");

            migrationBuilder.DropTable(
                name: "market_entity_villages");

            migrationBuilder.DropTable(
                name: "market_entities");
        }
    }
}
