using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tuopin.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Exit : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "exit_standards",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    county_id = table.Column<Guid>(type: "uuid", nullable: false),
                    village_incidence_limit = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false),
                    township_incidence_limit = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false),
                    county_incidence_limit = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false),
                    wrong_exit_limit = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false),
                    missed_limit = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false),
                    approval_minimum = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false),
                    village_collective_income_minimum = table.Column<long>(type: "bigint", nullable: true),
                    required_village_conditions = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    township_requires_poor_villages_ready = table.Column<bool>(type: "boolean", nullable: false),
                    risk_income_margin = table.Column<decimal>(type: "numeric(5,2)", precision: 5, scale: 2, nullable: false),
                    watch_income = table.Column<bool>(type: "boolean", nullable: false),
                    watch_illness_or_disability = table.Column<bool>(type: "boolean", nullable: false),
                    watch_disaster = table.Column<bool>(type: "boolean", nullable: false),
                    watch_labour_loss = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_exit_standards", x => x.id);
                    table.ForeignKey(
                        name: "fk_exit_standards_counties_county_id",
                        column: x => x.county_id,
                        principalTable: "counties",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_exit_standards_county_id",
                table: "exit_standards",
                column: "county_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "exit_standards");
        }
    }
}
