using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tuopin.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class AuditArea : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "township_id",
                table: "audit_entries",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "village_id",
                table: "audit_entries",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_entity_type_sequence",
                table: "audit_entries",
                columns: new[] { "entity_type", "sequence" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_township_id_sequence",
                table: "audit_entries",
                columns: new[] { "township_id", "sequence" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_user_name_sequence",
                table: "audit_entries",
                columns: new[] { "user_name", "sequence" });

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_village_id_sequence",
                table: "audit_entries",
                columns: new[] { "village_id", "sequence" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_audit_entries_entity_type_sequence",
                table: "audit_entries");

            migrationBuilder.DropIndex(
                name: "ix_audit_entries_township_id_sequence",
                table: "audit_entries");

            migrationBuilder.DropIndex(
                name: "ix_audit_entries_user_name_sequence",
                table: "audit_entries");

            migrationBuilder.DropIndex(
                name: "ix_audit_entries_village_id_sequence",
                table: "audit_entries");

            migrationBuilder.DropColumn(
                name: "township_id",
                table: "audit_entries");

            migrationBuilder.DropColumn(
                name: "village_id",
                table: "audit_entries");
        }
    }
}
