using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tuopin.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class EdgeHouseholds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<Guid>(
                name: "household_id",
                table: "monitoring_cases",
                type: "uuid",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uuid");

            migrationBuilder.AddColumn<Guid>(
                name: "edge_household_id",
                table: "monitoring_cases",
                type: "uuid",
                nullable: true);

            migrationBuilder.AlterColumn<Guid>(
                name: "household_id",
                table: "measures",
                type: "uuid",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uuid");

            migrationBuilder.AddColumn<Guid>(
                name: "edge_household_id",
                table: "measures",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "edge_households",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    county_id = table.Column<Guid>(type: "uuid", nullable: false),
                    township_id = table.Column<Guid>(type: "uuid", nullable: false),
                    village_id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    address = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    phone_cipher = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    income_per_head = table.Column<long>(type: "bigint", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_edge_households", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "edge_members",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    edge_household_id = table.Column<Guid>(type: "uuid", nullable: false),
                    county_id = table.Column<Guid>(type: "uuid", nullable: false),
                    township_id = table.Column<Guid>(type: "uuid", nullable: false),
                    village_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    relation = table.Column<int>(type: "integer", nullable: false),
                    sex = table.Column<int>(type: "integer", nullable: false),
                    birth_date = table.Column<DateOnly>(type: "date", nullable: false),
                    resident_id_cipher = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    resident_id_index = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    health = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_edge_members", x => x.id);
                    table.ForeignKey(
                        name: "fk_edge_members_edge_households_edge_household_id",
                        column: x => x.edge_household_id,
                        principalTable: "edge_households",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_monitoring_cases_open_edge_household",
                table: "monitoring_cases",
                column: "edge_household_id",
                unique: true,
                filter: "closed_on IS NULL");

            migrationBuilder.AddCheckConstraint(
                name: "ck_monitoring_cases_one_household",
                table: "monitoring_cases",
                sql: "(household_id IS NULL) <> (edge_household_id IS NULL)");

            migrationBuilder.CreateIndex(
                name: "ix_measures_edge_household_id_year",
                table: "measures",
                columns: new[] { "edge_household_id", "year" });

            migrationBuilder.AddCheckConstraint(
                name: "ck_measures_one_household",
                table: "measures",
                sql: "(household_id IS NULL) <> (edge_household_id IS NULL)");

            migrationBuilder.CreateIndex(
                name: "ix_edge_households_county_id",
                table: "edge_households",
                column: "county_id");

            migrationBuilder.CreateIndex(
                name: "ix_edge_households_number",
                table: "edge_households",
                column: "number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_edge_households_township_id",
                table: "edge_households",
                column: "township_id");

            migrationBuilder.CreateIndex(
                name: "ix_edge_households_village_id",
                table: "edge_households",
                column: "village_id");

            migrationBuilder.CreateIndex(
                name: "ix_edge_members_edge_household_id",
                table: "edge_members",
                column: "edge_household_id");

            migrationBuilder.CreateIndex(
                name: "ix_edge_members_resident_id_index",
                table: "edge_members",
                column: "resident_id_index",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_edge_members_village_id",
                table: "edge_members",
                column: "village_id");

            migrationBuilder.AddForeignKey(
                name: "fk_measures_edge_households_edge_household_id",
                table: "measures",
                column: "edge_household_id",
                principalTable: "edge_households",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "fk_monitoring_cases_edge_households_edge_household_id",
                table: "monitoring_cases",
                column: "edge_household_id",
                principalTable: "edge_households",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_measures_edge_households_edge_household_id",
                table: "measures");

            migrationBuilder.DropForeignKey(
                name: "fk_monitoring_cases_edge_households_edge_household_id",
                table: "monitoring_cases");

            migrationBuilder.DropTable(
                name: "edge_members");

            migrationBuilder.DropTable(
                name: "edge_households");

            migrationBuilder.DropIndex(
                name: "ix_monitoring_cases_open_edge_household",
                table: "monitoring_cases");

            migrationBuilder.DropCheckConstraint(
                name: "ck_monitoring_cases_one_household",
                table: "monitoring_cases");

            migrationBuilder.DropIndex(
                name: "ix_measures_edge_household_id_year",
                table: "measures");

            migrationBuilder.DropCheckConstraint(
                name: "ck_measures_one_household",
                table: "measures");

            migrationBuilder.DropColumn(
                name: "edge_household_id",
                table: "monitoring_cases");

            migrationBuilder.DropColumn(
                name: "edge_household_id",
                table: "measures");

            migrationBuilder.AlterColumn<Guid>(
                name: "household_id",
                table: "monitoring_cases",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uuid",
                oldNullable: true);

            migrationBuilder.AlterColumn<Guid>(
                name: "household_id",
                table: "measures",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uuid",
                oldNullable: true);
        }
    }
}
