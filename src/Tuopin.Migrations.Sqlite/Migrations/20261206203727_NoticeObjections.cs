using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tuopin.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class NoticeObjections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "notice_objections",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    kind = table.Column<int>(type: "INTEGER", nullable: false),
                    target_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    year = table.Column<int>(type: "INTEGER", nullable: false),
                    county_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    township_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    village_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    department = table.Column<int>(type: "INTEGER", nullable: true),
                    text = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    contact_name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    phone_cipher = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    phone_masked = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    received_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    status = table.Column<int>(type: "INTEGER", nullable: false),
                    answer = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    answered_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    answered_at = table.Column<DateTime>(type: "TEXT", nullable: true),
                    version = table.Column<int>(type: "INTEGER", nullable: false),
                    created_at = table.Column<DateTime>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_notice_objections", x => x.id);
                    table.ForeignKey(
                        name: "fk_notice_objections_counties_county_id",
                        column: x => x.county_id,
                        principalTable: "counties",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_notice_objections_county_id_status",
                table: "notice_objections",
                columns: new[] { "county_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_notice_objections_kind_target_id_status",
                table: "notice_objections",
                columns: new[] { "kind", "target_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_notice_objections_township_id_status",
                table: "notice_objections",
                columns: new[] { "township_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_notice_objections_village_id_status",
                table: "notice_objections",
                columns: new[] { "village_id", "status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "notice_objections");
        }
    }
}
