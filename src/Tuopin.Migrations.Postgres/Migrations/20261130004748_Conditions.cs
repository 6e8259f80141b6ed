using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tuopin.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Conditions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "village_conditions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    county_id = table.Column<Guid>(type: "uuid", nullable: false),
                    township_id = table.Column<Guid>(type: "uuid", nullable: false),
                    village_id = table.Column<Guid>(type: "uuid", nullable: false),
                    year = table.Column<int>(type: "integer", nullable: false),
                    hardened_road = table.Column<bool>(type: "boolean", nullable: false),
                    bus_service = table.Column<bool>(type: "boolean", nullable: false),
                    natural_villages = table.Column<int>(type: "integer", nullable: false),
                    natural_villages_with_road = table.Column<int>(type: "integer", nullable: false),
                    natural_villages_with_power = table.Column<int>(type: "integer", nullable: false),
                    households = table.Column<int>(type: "integer", nullable: false),
                    piped_water_households = table.Column<int>(type: "integer", nullable: false),
                    safe_water_households = table.Column<int>(type: "integer", nullable: false),
                    electricity_households = table.Column<int>(type: "integer", nullable: false),
                    radio_tv_households = table.Column<int>(type: "integer", nullable: false),
                    broadband = table.Column<bool>(type: "boolean", nullable: false),
                    mobile_signal = table.Column<bool>(type: "boolean", nullable: false),
                    school_or_kindergarten = table.Column<bool>(type: "boolean", nullable: false),
                    clinic = table.Column<bool>(type: "boolean", nullable: false),
                    service_centre = table.Column<bool>(type: "boolean", nullable: false),
                    cultural_centre = table.Column<bool>(type: "boolean", nullable: false),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false),
                    updated_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_village_conditions", x => x.id);
                    table.ForeignKey(
                        name: "fk_village_conditions_counties_county_id",
                        column: x => x.county_id,
                        principalTable: "counties",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_village_conditions_townships_township_id",
                        column: x => x.township_id,
                        principalTable: "townships",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_village_conditions_villages_village_id",
                        column: x => x.village_id,
                        principalTable: "villages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_village_conditions_county_id_year",
                table: "village_conditions",
                columns: new[] { "county_id", "year" });

            migrationBuilder.CreateIndex(
                name: "ix_village_conditions_township_id_year",
                table: "village_conditions",
                columns: new[] { "township_id", "year" });

            migrationBuilder.CreateIndex(
                name: "ix_village_conditions_village_id_year",
                table: "village_conditions",
                columns: new[] { "village_id", "year" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "village_conditions");
        }
    }
}
