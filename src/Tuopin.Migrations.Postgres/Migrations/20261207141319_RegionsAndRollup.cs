using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tuopin.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class RegionsAndRollup : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "region_id",
                table: "users",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "prefecture_id",
                table: "counties",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "county_tallies",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    county_id = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<int>(type: "integer", nullable: false),
                    exit_year = table.Column<int>(type: "integer", nullable: true),
                    households = table.Column<int>(type: "integer", nullable: false),
                    people = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_county_tallies", x => x.id);
                    table.ForeignKey(
                        name: "fk_county_tallies_counties_county_id",
                        column: x => x.county_id,
                        principalTable: "counties",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "county_tally_stamps",
                columns: table => new
                {
                    county_id = table.Column<Guid>(type: "uuid", nullable: false),
                    writes = table.Column<long>(type: "bigint", nullable: false),
                    tallied = table.Column<long>(type: "bigint", nullable: false),
                    registered_population = table.Column<int>(type: "integer", nullable: false),
                    villages = table.Column<int>(type: "integer", nullable: false),
                    villages_without_population = table.Column<int>(type: "integer", nullable: false),
                    tallied_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_county_tally_stamps", x => x.county_id);
                    table.ForeignKey(
                        name: "fk_county_tally_stamps_counties_county_id",
                        column: x => x.county_id,
                        principalTable: "counties",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "provinces",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_provinces", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "prefectures",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    province_id = table.Column<Guid>(type: "uuid", nullable: false),
                    code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_prefectures", x => x.id);
                    table.ForeignKey(
                        name: "fk_prefectures_provinces_province_id",
                        column: x => x.province_id,
                        principalTable: "provinces",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_counties_prefecture_id",
                table: "counties",
                column: "prefecture_id");

            migrationBuilder.CreateIndex(
                name: "ix_county_tallies_county_id",
                table: "county_tallies",
                column: "county_id");

            migrationBuilder.CreateIndex(
                name: "ix_prefectures_code",
                table: "prefectures",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_prefectures_province_id",
                table: "prefectures",
                column: "province_id");

            migrationBuilder.CreateIndex(
                name: "ix_provinces_code",
                table: "provinces",
                column: "code",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "fk_counties_prefectures_prefecture_id",
                table: "counties",
                column: "prefecture_id",
                principalTable: "prefectures",
                principalColumn: "id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_counties_prefectures_prefecture_id",
                table: "counties");

            migrationBuilder.DropTable(
                name: "county_tallies");

            migrationBuilder.DropTable(
                name: "county_tally_stamps");

            migrationBuilder.DropTable(
                name: "prefectures");

            migrationBuilder.DropTable(
                name: "provinces");

            migrationBuilder.DropIndex(
                name: "ix_counties_prefecture_id",
                table: "counties");

            migrationBuilder.DropColumn(
                name: "region_id",
                table: "users");

            migrationBuilder.DropColumn(
                name: "prefecture_id",
                table: "counties");
        }
    }
}
