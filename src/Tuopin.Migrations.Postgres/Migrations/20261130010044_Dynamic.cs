using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tuopin.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Dynamic : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "joined_on",
                table: "members",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "left_on",
                table: "members",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "closed_on",
                table: "households",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "attachment_id",
                table: "household_status_changes",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "closed",
                table: "household_status_changes",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "document_number",
                table: "household_status_changes",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "evidence",
                table: "household_status_changes",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "kind",
                table: "household_status_changes",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<Guid>(
                name: "member_id",
                table: "household_status_changes",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "related_household_id",
                table: "household_status_changes",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "sequence",
                table: "household_status_changes",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "size_after",
                table: "household_status_changes",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "quality_reviews",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    rule_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    subject_id = table.Column<Guid>(type: "uuid", nullable: false),
                    household_id = table.Column<Guid>(type: "uuid", nullable: false),
                    county_id = table.Column<Guid>(type: "uuid", nullable: false),
                    township_id = table.Column<Guid>(type: "uuid", nullable: false),
                    village_id = table.Column<Guid>(type: "uuid", nullable: false),
                    resolution = table.Column<int>(type: "integer", nullable: false),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    reviewed_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    reviewed_at = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_quality_reviews", x => x.id);
                });

            migrationBuilder.Sql(Tuopin.Application.Dynamic.EventBackfill.Sql);

            migrationBuilder.CreateIndex(
                name: "ix_household_status_changes_date",
                table: "household_status_changes",
                column: "date");

            migrationBuilder.CreateIndex(
                name: "ix_household_status_changes_household_id_sequence",
                table: "household_status_changes",
                columns: new[] { "household_id", "sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_quality_reviews_household_id",
                table: "quality_reviews",
                column: "household_id");

            migrationBuilder.CreateIndex(
                name: "ix_quality_reviews_rule_code_subject_id",
                table: "quality_reviews",
                columns: new[] { "rule_code", "subject_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_quality_reviews_township_id",
                table: "quality_reviews",
                column: "township_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "quality_reviews");

            migrationBuilder.DropIndex(
                name: "ix_household_status_changes_date",
                table: "household_status_changes");

            migrationBuilder.DropIndex(
                name: "ix_household_status_changes_household_id_sequence",
                table: "household_status_changes");

            migrationBuilder.DropColumn(
                name: "joined_on",
                table: "members");

            migrationBuilder.DropColumn(
                name: "left_on",
                table: "members");

            migrationBuilder.DropColumn(
                name: "closed_on",
                table: "households");

            migrationBuilder.DropColumn(
                name: "attachment_id",
                table: "household_status_changes");

            migrationBuilder.DropColumn(
                name: "closed",
                table: "household_status_changes");

            migrationBuilder.DropColumn(
                name: "document_number",
                table: "household_status_changes");

            migrationBuilder.DropColumn(
                name: "evidence",
                table: "household_status_changes");

            migrationBuilder.DropColumn(
                name: "kind",
                table: "household_status_changes");

            migrationBuilder.DropColumn(
                name: "member_id",
                table: "household_status_changes");

            migrationBuilder.DropColumn(
                name: "related_household_id",
                table: "household_status_changes");

            migrationBuilder.DropColumn(
                name: "sequence",
                table: "household_status_changes");

            migrationBuilder.DropColumn(
                name: "size_after",
                table: "household_status_changes");
        }
    }
}
