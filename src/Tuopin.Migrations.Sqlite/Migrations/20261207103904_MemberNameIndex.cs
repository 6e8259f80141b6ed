using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tuopin.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class MemberNameIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "member_name_grams",
                columns: table => new
                {
                    gram = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    member_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    household_id = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_member_name_grams", x => new { x.gram, x.member_id });
                    table.ForeignKey(
                        name: "fk_member_name_grams_members_member_id",
                        column: x => x.member_id,
                        principalTable: "members",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_member_name_grams_gram_household_id",
                table: "member_name_grams",
                columns: new[] { "gram", "household_id" });

            migrationBuilder.CreateIndex(
                name: "ix_member_name_grams_member_id",
                table: "member_name_grams",
                column: "member_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "member_name_grams");
        }
    }
}
