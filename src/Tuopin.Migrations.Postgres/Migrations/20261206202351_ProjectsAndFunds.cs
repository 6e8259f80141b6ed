using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tuopin.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class ProjectsAndFunds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "fund_sources",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    county_id = table.Column<Guid>(type: "uuid", nullable: false),
                    level = table.Column<int>(type: "integer", nullable: false),
                    issuing_department = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    document_number = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    received_on = table.Column<DateOnly>(type: "date", nullable: false),
                    amount = table.Column<long>(type: "bigint", nullable: false),
                    category = table.Column<int>(type: "integer", nullable: false),
                    allocated = table.Column<long>(type: "bigint", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fund_sources", x => x.id);
                    table.CheckConstraint("ck_fund_sources_allocated", "amount > 0 AND allocated >= 0 AND allocated <= amount");
                    table.ForeignKey(
                        name: "fk_fund_sources_counties_county_id",
                        column: x => x.county_id,
                        principalTable: "counties",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "projects",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    county_id = table.Column<Guid>(type: "uuid", nullable: false),
                    code = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    category = table.Column<int>(type: "integer", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    responsible_township_id = table.Column<Guid>(type: "uuid", nullable: true),
                    responsible_department = table.Column<int>(type: "integer", nullable: true),
                    budget = table.Column<long>(type: "bigint", nullable: false),
                    output_quantity = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    output_unit = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    step = table.Column<int>(type: "integer", nullable: false),
                    approval_document_number = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    approved_on = table.Column<DateOnly>(type: "date", nullable: true),
                    notice_starts_on = table.Column<DateOnly>(type: "date", nullable: true),
                    notice_ends_on = table.Column<DateOnly>(type: "date", nullable: true),
                    held_by_objection = table.Column<bool>(type: "boolean", nullable: false),
                    contractor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    contract_amount = table.Column<long>(type: "bigint", nullable: true),
                    started_on = table.Column<DateOnly>(type: "date", nullable: true),
                    progress_percent = table.Column<int>(type: "integer", nullable: false),
                    accepted_on = table.Column<DateOnly>(type: "date", nullable: true),
                    accepted_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    acceptance_result = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    reimbursed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    closed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    integrated = table.Column<bool>(type: "boolean", nullable: false),
                    flagged = table.Column<bool>(type: "boolean", nullable: false),
                    flag_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    recorded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_projects", x => x.id);
                    table.CheckConstraint("ck_projects_budget", "budget >= 0 AND progress_percent BETWEEN 0 AND 100");
                    table.ForeignKey(
                        name: "fk_projects_counties_county_id",
                        column: x => x.county_id,
                        principalTable: "counties",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_projects_townships_responsible_township_id",
                        column: x => x.responsible_township_id,
                        principalTable: "townships",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "fund_allocations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    county_id = table.Column<Guid>(type: "uuid", nullable: false),
                    fund_source_id = table.Column<Guid>(type: "uuid", nullable: false),
                    project_id = table.Column<Guid>(type: "uuid", nullable: false),
                    allocated_on = table.Column<DateOnly>(type: "date", nullable: false),
                    amount = table.Column<long>(type: "bigint", nullable: false),
                    disbursed = table.Column<long>(type: "bigint", nullable: false),
                    document_number = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    recorded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_fund_allocations", x => x.id);
                    table.CheckConstraint("ck_fund_allocations_disbursed", "amount >= 0 AND disbursed >= 0 AND disbursed <= amount");
                    table.ForeignKey(
                        name: "fk_fund_allocations_fund_sources_fund_source_id",
                        column: x => x.fund_source_id,
                        principalTable: "fund_sources",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_fund_allocations_projects_project_id",
                        column: x => x.project_id,
                        principalTable: "projects",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "project_beneficiaries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    project_id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_project_beneficiaries", x => x.id);
                    table.ForeignKey(
                        name: "fk_project_beneficiaries_households_household_id",
                        column: x => x.household_id,
                        principalTable: "households",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_project_beneficiaries_projects_project_id",
                        column: x => x.project_id,
                        principalTable: "projects",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "project_steps",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    project_id = table.Column<Guid>(type: "uuid", nullable: false),
                    step = table.Column<int>(type: "integer", nullable: false),
                    on = table.Column<DateOnly>(type: "date", nullable: false),
                    document_number = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    recorded_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_project_steps", x => x.id);
                    table.ForeignKey(
                        name: "fk_project_steps_projects_project_id",
                        column: x => x.project_id,
                        principalTable: "projects",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "project_villages",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    project_id = table.Column<Guid>(type: "uuid", nullable: false),
                    village_id = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_project_villages", x => x.id);
                    table.ForeignKey(
                        name: "fk_project_villages_projects_project_id",
                        column: x => x.project_id,
                        principalTable: "projects",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_project_villages_villages_village_id",
                        column: x => x.village_id,
                        principalTable: "villages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "disbursements",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    county_id = table.Column<Guid>(type: "uuid", nullable: false),
                    fund_allocation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    fund_source_id = table.Column<Guid>(type: "uuid", nullable: false),
                    project_id = table.Column<Guid>(type: "uuid", nullable: false),
                    paid_on = table.Column<DateOnly>(type: "date", nullable: false),
                    amount = table.Column<long>(type: "bigint", nullable: false),
                    payee_kind = table.Column<int>(type: "integer", nullable: false),
                    payee = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: true),
                    township_id = table.Column<Guid>(type: "uuid", nullable: true),
                    village_id = table.Column<Guid>(type: "uuid", nullable: true),
                    subsidy_type = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    measure_id = table.Column<Guid>(type: "uuid", nullable: true),
                    voucher_number = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    is_final = table.Column<bool>(type: "boolean", nullable: false),
                    refund_of_id = table.Column<Guid>(type: "uuid", nullable: true),
                    recorded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_disbursements", x => x.id);
                    table.CheckConstraint("ck_disbursements_payee", "payee_kind <> 2 OR household_id IS NOT NULL");
                    table.ForeignKey(
                        name: "fk_disbursements_disbursements_refund_of_id",
                        column: x => x.refund_of_id,
                        principalTable: "disbursements",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_disbursements_fund_allocations_fund_allocation_id",
                        column: x => x.fund_allocation_id,
                        principalTable: "fund_allocations",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_disbursements_fund_sources_fund_source_id",
                        column: x => x.fund_source_id,
                        principalTable: "fund_sources",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_disbursements_households_household_id",
                        column: x => x.household_id,
                        principalTable: "households",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_disbursements_measures_measure_id",
                        column: x => x.measure_id,
                        principalTable: "measures",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_disbursements_projects_project_id",
                        column: x => x.project_id,
                        principalTable: "projects",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_disbursements_county_id_paid_on",
                table: "disbursements",
                columns: new[] { "county_id", "paid_on" });

            migrationBuilder.CreateIndex(
                name: "ix_disbursements_fund_allocation_id",
                table: "disbursements",
                column: "fund_allocation_id");

            migrationBuilder.CreateIndex(
                name: "ix_disbursements_fund_source_id_paid_on",
                table: "disbursements",
                columns: new[] { "fund_source_id", "paid_on" });

            migrationBuilder.CreateIndex(
                name: "ix_disbursements_household_id_paid_on",
                table: "disbursements",
                columns: new[] { "household_id", "paid_on" });

            migrationBuilder.CreateIndex(
                name: "ix_disbursements_measure_id",
                table: "disbursements",
                column: "measure_id");

            migrationBuilder.CreateIndex(
                name: "ix_disbursements_project_id_paid_on",
                table: "disbursements",
                columns: new[] { "project_id", "paid_on" });

            migrationBuilder.CreateIndex(
                name: "ix_disbursements_refund_of_id",
                table: "disbursements",
                column: "refund_of_id");

            migrationBuilder.CreateIndex(
                name: "ix_fund_allocations_fund_source_id",
                table: "fund_allocations",
                column: "fund_source_id");

            migrationBuilder.CreateIndex(
                name: "ix_fund_allocations_project_id",
                table: "fund_allocations",
                column: "project_id");

            migrationBuilder.CreateIndex(
                name: "ix_fund_sources_county_id_document_number",
                table: "fund_sources",
                columns: new[] { "county_id", "document_number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_fund_sources_county_id_year",
                table: "fund_sources",
                columns: new[] { "county_id", "year" });

            migrationBuilder.CreateIndex(
                name: "ix_project_beneficiaries_household_id",
                table: "project_beneficiaries",
                column: "household_id");

            migrationBuilder.CreateIndex(
                name: "ix_project_beneficiaries_project_id_household_id",
                table: "project_beneficiaries",
                columns: new[] { "project_id", "household_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_project_steps_project_id_step",
                table: "project_steps",
                columns: new[] { "project_id", "step" });

            migrationBuilder.CreateIndex(
                name: "ix_project_villages_project_id_village_id",
                table: "project_villages",
                columns: new[] { "project_id", "village_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_project_villages_village_id",
                table: "project_villages",
                column: "village_id");

            migrationBuilder.CreateIndex(
                name: "ix_projects_county_id_code",
                table: "projects",
                columns: new[] { "county_id", "code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_projects_county_id_year_step",
                table: "projects",
                columns: new[] { "county_id", "year", "step" });

            migrationBuilder.CreateIndex(
                name: "ix_projects_responsible_township_id",
                table: "projects",
                column: "responsible_township_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "disbursements");

            migrationBuilder.DropTable(
                name: "project_beneficiaries");

            migrationBuilder.DropTable(
                name: "project_steps");

            migrationBuilder.DropTable(
                name: "project_villages");

            migrationBuilder.DropTable(
                name: "fund_allocations");

            migrationBuilder.DropTable(
                name: "fund_sources");

            migrationBuilder.DropTable(
                name: "projects");
        }
    }
}
