using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tuopin.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Supervision : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "inspections",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    county_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    kind = table.Column<int>(type: "INTEGER", nullable: false),
                    title = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    subject_unit_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    township_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    village_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    planned_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    visited_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    inspectors = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    notes = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inspections", x => x.id);
                    table.ForeignKey(
                        name: "fk_inspections_counties_county_id",
                        column: x => x.county_id,
                        principalTable: "counties",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_inspections_org_units_subject_unit_id",
                        column: x => x.subject_unit_id,
                        principalTable: "org_units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_inspections_townships_township_id",
                        column: x => x.township_id,
                        principalTable: "townships",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_inspections_villages_village_id",
                        column: x => x.village_id,
                        principalTable: "villages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "findings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    county_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    inspection_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    category = table.Column<int>(type: "INTEGER", nullable: false),
                    description = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    responsible_unit_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    deadline = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    target_kind = table.Column<int>(type: "INTEGER", nullable: true),
                    target_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    township_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    village_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    measures = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    submitted_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    submitted_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    closed_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    closed_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    reopen_reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    reopened = table.Column<int>(type: "INTEGER", nullable: false),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_findings", x => x.id);
                    table.ForeignKey(
                        name: "fk_findings_inspections_inspection_id",
                        column: x => x.inspection_id,
                        principalTable: "inspections",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_findings_org_units_responsible_unit_id",
                        column: x => x.responsible_unit_id,
                        principalTable: "org_units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_findings_townships_township_id",
                        column: x => x.township_id,
                        principalTable: "townships",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_findings_villages_village_id",
                        column: x => x.village_id,
                        principalTable: "villages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "accountability_cases",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    county_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    subject_unit_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    subject_person_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    cause = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    finding_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    project_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    disbursement_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    measure = table.Column<int>(type: "INTEGER", nullable: false),
                    opened_on = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    decided_on = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    township_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    village_id = table.Column<Guid>(type: "TEXT", nullable: true),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_accountability_cases", x => x.id);
                    table.ForeignKey(
                        name: "fk_accountability_cases_disbursements_disbursement_id",
                        column: x => x.disbursement_id,
                        principalTable: "disbursements",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_accountability_cases_findings_finding_id",
                        column: x => x.finding_id,
                        principalTable: "findings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_accountability_cases_org_units_subject_unit_id",
                        column: x => x.subject_unit_id,
                        principalTable: "org_units",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_accountability_cases_projects_project_id",
                        column: x => x.project_id,
                        principalTable: "projects",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_accountability_cases_unit_people_subject_person_id",
                        column: x => x.subject_person_id,
                        principalTable: "unit_people",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "finding_evidence",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    county_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    finding_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    of_rectification = table.Column<bool>(type: "INTEGER", nullable: false),
                    file_name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    content_type = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    size = table.Column<long>(type: "INTEGER", nullable: false),
                    sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    uploaded_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    uploaded_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_finding_evidence", x => x.id);
                    table.ForeignKey(
                        name: "fk_finding_evidence_findings_finding_id",
                        column: x => x.finding_id,
                        principalTable: "findings",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_accountability_cases_county_id_year",
                table: "accountability_cases",
                columns: new[] { "county_id", "year" });

            migrationBuilder.CreateIndex(
                name: "ix_accountability_cases_disbursement_id",
                table: "accountability_cases",
                column: "disbursement_id");

            migrationBuilder.CreateIndex(
                name: "ix_accountability_cases_finding_id",
                table: "accountability_cases",
                column: "finding_id");

            migrationBuilder.CreateIndex(
                name: "ix_accountability_cases_project_id",
                table: "accountability_cases",
                column: "project_id");

            migrationBuilder.CreateIndex(
                name: "ix_accountability_cases_subject_person_id",
                table: "accountability_cases",
                column: "subject_person_id");

            migrationBuilder.CreateIndex(
                name: "ix_accountability_cases_subject_unit_id",
                table: "accountability_cases",
                column: "subject_unit_id");

            migrationBuilder.CreateIndex(
                name: "ix_accountability_cases_township_id",
                table: "accountability_cases",
                column: "township_id");

            migrationBuilder.CreateIndex(
                name: "ix_accountability_cases_village_id",
                table: "accountability_cases",
                column: "village_id");

            migrationBuilder.CreateIndex(
                name: "ix_finding_evidence_finding_id",
                table: "finding_evidence",
                column: "finding_id");

            migrationBuilder.CreateIndex(
                name: "ix_findings_county_id_year_status",
                table: "findings",
                columns: new[] { "county_id", "year", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_findings_inspection_id",
                table: "findings",
                column: "inspection_id");

            migrationBuilder.CreateIndex(
                name: "ix_findings_responsible_unit_id_status",
                table: "findings",
                columns: new[] { "responsible_unit_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_findings_target_kind_target_id",
                table: "findings",
                columns: new[] { "target_kind", "target_id" });

            migrationBuilder.CreateIndex(
                name: "ix_findings_township_id_status",
                table: "findings",
                columns: new[] { "township_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_findings_village_id_status",
                table: "findings",
                columns: new[] { "village_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_inspections_county_id_year",
                table: "inspections",
                columns: new[] { "county_id", "year" });

            migrationBuilder.CreateIndex(
                name: "ix_inspections_subject_unit_id",
                table: "inspections",
                column: "subject_unit_id");

            migrationBuilder.CreateIndex(
                name: "ix_inspections_township_id",
                table: "inspections",
                column: "township_id");

            migrationBuilder.CreateIndex(
                name: "ix_inspections_village_id",
                table: "inspections",
                column: "village_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "accountability_cases");

            migrationBuilder.DropTable(
                name: "finding_evidence");

            migrationBuilder.DropTable(
                name: "findings");

            migrationBuilder.DropTable(
                name: "inspections");
        }
    }
}
