using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tuopin.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Credit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "guarantee_fund_deposits",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    county_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    deposited_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    amount = table.Column<long>(type: "INTEGER", nullable: false),
                    source = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    recorded_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_guarantee_fund_deposits", x => x.id);
                    table.ForeignKey(
                        name: "fk_guarantee_fund_deposits_counties_county_id",
                        column: x => x.county_id,
                        principalTable: "counties",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "loans",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    household_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    county_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    township_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    village_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    bank = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    contract_number = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    amount = table.Column<long>(type: "INTEGER", nullable: false),
                    issued_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    term_months = table.Column<int>(type: "INTEGER", nullable: false),
                    due_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    purpose = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    industry_id = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    interest_rate = table.Column<decimal>(type: "TEXT", precision: 6, scale: 4, nullable: false),
                    subsidy_rate = table.Column<decimal>(type: "TEXT", precision: 6, scale: 4, nullable: false),
                    guarantee = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    principal_repaid = table.Column<long>(type: "INTEGER", nullable: false),
                    closed_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    measure_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_loans", x => x.id);
                    table.CheckConstraint("ck_loans_amount", "amount > 0 AND principal_repaid >= 0 AND principal_repaid <= amount");
                    table.ForeignKey(
                        name: "fk_loans_households_household_id",
                        column: x => x.household_id,
                        principalTable: "households",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_loans_measures_measure_id",
                        column: x => x.measure_id,
                        principalTable: "measures",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "loan_repayments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    loan_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    household_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    county_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    township_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    village_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    paid_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    principal = table.Column<long>(type: "INTEGER", nullable: false),
                    interest = table.Column<long>(type: "INTEGER", nullable: false),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    recorded_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_loan_repayments", x => x.id);
                    table.ForeignKey(
                        name: "fk_loan_repayments_households_household_id",
                        column: x => x.household_id,
                        principalTable: "households",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_loan_repayments_loans_loan_id",
                        column: x => x.loan_id,
                        principalTable: "loans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "risk_compensations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    county_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    loan_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    paid_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    amount = table.Column<long>(type: "INTEGER", nullable: false),
                    note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    recorded_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_risk_compensations", x => x.id);
                    table.ForeignKey(
                        name: "fk_risk_compensations_counties_county_id",
                        column: x => x.county_id,
                        principalTable: "counties",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_risk_compensations_loans_loan_id",
                        column: x => x.loan_id,
                        principalTable: "loans",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_guarantee_fund_deposits_county_id_deposited_on",
                table: "guarantee_fund_deposits",
                columns: new[] { "county_id", "deposited_on" });

            migrationBuilder.CreateIndex(
                name: "ix_loan_repayments_household_id",
                table: "loan_repayments",
                column: "household_id");

            migrationBuilder.CreateIndex(
                name: "ix_loan_repayments_loan_id_paid_on",
                table: "loan_repayments",
                columns: new[] { "loan_id", "paid_on" });

            migrationBuilder.CreateIndex(
                name: "ix_loans_bank_contract_number",
                table: "loans",
                columns: new[] { "bank", "contract_number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_loans_county_id_status_due_on",
                table: "loans",
                columns: new[] { "county_id", "status", "due_on" });

            migrationBuilder.CreateIndex(
                name: "ix_loans_household_id",
                table: "loans",
                column: "household_id");

            migrationBuilder.CreateIndex(
                name: "ix_loans_measure_id",
                table: "loans",
                column: "measure_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_loans_township_id_status_due_on",
                table: "loans",
                columns: new[] { "township_id", "status", "due_on" });

            migrationBuilder.CreateIndex(
                name: "ix_loans_village_id_status_due_on",
                table: "loans",
                columns: new[] { "village_id", "status", "due_on" });

            migrationBuilder.CreateIndex(
                name: "ix_risk_compensations_county_id_paid_on",
                table: "risk_compensations",
                columns: new[] { "county_id", "paid_on" });

            migrationBuilder.CreateIndex(
                name: "ix_risk_compensations_loan_id",
                table: "risk_compensations",
                column: "loan_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "guarantee_fund_deposits");

            migrationBuilder.DropTable(
                name: "loan_repayments");

            migrationBuilder.DropTable(
                name: "risk_compensations");

            migrationBuilder.DropTable(
                name: "loans");
        }
    }
}
