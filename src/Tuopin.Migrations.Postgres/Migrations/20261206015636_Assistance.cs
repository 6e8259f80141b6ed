using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tuopin.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Assistance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "cadres",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    county_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    work_unit = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    position = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    phone_cipher = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cadres", x => x.id);
                    table.ForeignKey(
                        name: "fk_cadres_counties_county_id",
                        column: x => x.county_id,
                        principalTable: "counties",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "work_teams",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    county_id = table.Column<Guid>(type: "uuid", nullable: false),
                    township_id = table.Column<Guid>(type: "uuid", nullable: false),
                    village_id = table.Column<Guid>(type: "uuid", nullable: false),
                    stationed_unit = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    first_secretary = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    leader = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    members = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    started_on = table.Column<DateOnly>(type: "date", nullable: false),
                    ended_on = table.Column<DateOnly>(type: "date", nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_work_teams", x => x.id);
                    table.ForeignKey(
                        name: "fk_work_teams_villages_village_id",
                        column: x => x.village_id,
                        principalTable: "villages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "cadre_assignments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: false),
                    county_id = table.Column<Guid>(type: "uuid", nullable: false),
                    township_id = table.Column<Guid>(type: "uuid", nullable: false),
                    village_id = table.Column<Guid>(type: "uuid", nullable: false),
                    cadre_id = table.Column<Guid>(type: "uuid", nullable: false),
                    started_on = table.Column<DateOnly>(type: "date", nullable: false),
                    ended_on = table.Column<DateOnly>(type: "date", nullable: true),
                    end_reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    recorded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    recorded_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cadre_assignments", x => x.id);
                    table.ForeignKey(
                        name: "fk_cadre_assignments_cadres_cadre_id",
                        column: x => x.cadre_id,
                        principalTable: "cadres",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_cadre_assignments_households_household_id",
                        column: x => x.household_id,
                        principalTable: "households",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "measures",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: false),
                    county_id = table.Column<Guid>(type: "uuid", nullable: false),
                    township_id = table.Column<Guid>(type: "uuid", nullable: false),
                    village_id = table.Column<Guid>(type: "uuid", nullable: false),
                    member_id = table.Column<Guid>(type: "uuid", nullable: true),
                    year = table.Column<int>(type: "integer", nullable: false),
                    type = table.Column<int>(type: "integer", nullable: false),
                    content = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    amount = table.Column<long>(type: "bigint", nullable: false),
                    expected_income = table.Column<long>(type: "bigint", nullable: false),
                    cadre_id = table.Column<Guid>(type: "uuid", nullable: true),
                    planned_on = table.Column<DateOnly>(type: "date", nullable: true),
                    done_on = table.Column<DateOnly>(type: "date", nullable: true),
                    status = table.Column<int>(type: "integer", nullable: false),
                    effect_income = table.Column<long>(type: "bigint", nullable: true),
                    effect_note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    recorded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    reviewed_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    reviewed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_measures", x => x.id);
                    table.ForeignKey(
                        name: "fk_measures_cadres_cadre_id",
                        column: x => x.cadre_id,
                        principalTable: "cadres",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_measures_households_household_id",
                        column: x => x.household_id,
                        principalTable: "households",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_measures_members_member_id",
                        column: x => x.member_id,
                        principalTable: "members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_cadre_assignments_cadre_id_ended_on",
                table: "cadre_assignments",
                columns: new[] { "cadre_id", "ended_on" });

            migrationBuilder.CreateIndex(
                name: "ix_cadre_assignments_household_id_started_on",
                table: "cadre_assignments",
                columns: new[] { "household_id", "started_on" });

            migrationBuilder.CreateIndex(
                name: "ix_cadre_assignments_township_id",
                table: "cadre_assignments",
                column: "township_id");

            migrationBuilder.CreateIndex(
                name: "ix_cadre_assignments_village_id",
                table: "cadre_assignments",
                column: "village_id");

            migrationBuilder.CreateIndex(
                name: "ix_cadres_county_id_name",
                table: "cadres",
                columns: new[] { "county_id", "name" });

            migrationBuilder.CreateIndex(
                name: "ix_measures_cadre_id",
                table: "measures",
                column: "cadre_id");

            migrationBuilder.CreateIndex(
                name: "ix_measures_county_id_year",
                table: "measures",
                columns: new[] { "county_id", "year" });

            migrationBuilder.CreateIndex(
                name: "ix_measures_household_id_year",
                table: "measures",
                columns: new[] { "household_id", "year" });

            migrationBuilder.CreateIndex(
                name: "ix_measures_member_id",
                table: "measures",
                column: "member_id");

            migrationBuilder.CreateIndex(
                name: "ix_measures_township_id_year",
                table: "measures",
                columns: new[] { "township_id", "year" });

            migrationBuilder.CreateIndex(
                name: "ix_measures_village_id_year",
                table: "measures",
                columns: new[] { "village_id", "year" });

            migrationBuilder.CreateIndex(
                name: "ix_work_teams_county_id",
                table: "work_teams",
                column: "county_id");

            migrationBuilder.CreateIndex(
                name: "ix_work_teams_township_id",
                table: "work_teams",
                column: "township_id");

            migrationBuilder.CreateIndex(
                name: "ix_work_teams_village_id_started_on",
                table: "work_teams",
                columns: new[] { "village_id", "started_on" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "cadre_assignments");

            migrationBuilder.DropTable(
                name: "measures");

            migrationBuilder.DropTable(
                name: "work_teams");

            migrationBuilder.DropTable(
                name: "cadres");
        }
    }
}
