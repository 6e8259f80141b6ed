using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tuopin.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AccountsAndAuditChain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "department",
                table: "users",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "disabled_at",
                table: "users",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "last_sign_in_at",
                table: "users",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "client",
                table: "audit_entries",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "hash",
                table: "audit_entries",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "sequence",
                table: "audit_entries",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "audit_chain",
                columns: table => new
                {
                    id = table.Column<int>(type: "INTEGER", nullable: false),
                    sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_chain", x => x.id);
                });

            migrationBuilder.InsertData(
                table: "audit_chain",
                columns: new[] { "id", "hash", "sequence" },
                values: new object[] { 1, "0000000000000000000000000000000000000000000000000000000000000000", 0L });

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_sequence",
                table: "audit_entries",
                column: "sequence",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_user_id_at",
                table: "audit_entries",
                columns: new[] { "user_id", "at" });

            // Audit entries are never changed or deleted. An entry not yet in the chain (written before it existed) may be sealed once.
            migrationBuilder.Sql("""
                CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
                WHEN OLD.hash IS NOT NULL OR NEW.id IS NOT OLD.id OR NEW.user_name IS NOT OLD.user_name OR NEW.action IS NOT OLD.action
                  OR NEW.entity_type IS NOT OLD.entity_type OR NEW.entity_id IS NOT OLD.entity_id OR NEW.changes IS NOT OLD.changes
                BEGIN SELECT RAISE(ABORT, 'audit entries are never changed or deleted'); END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries
                BEGIN SELECT RAISE(ABORT, 'audit entries are never changed or deleted'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS audit_entries_no_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS audit_entries_no_delete;");

            migrationBuilder.DropTable(
                name: "audit_chain");

            migrationBuilder.DropIndex(
                name: "ix_audit_entries_sequence",
                table: "audit_entries");

            migrationBuilder.DropIndex(
                name: "ix_audit_entries_user_id_at",
                table: "audit_entries");

            migrationBuilder.DropColumn(
                name: "department",
                table: "users");

            migrationBuilder.DropColumn(
                name: "disabled_at",
                table: "users");

            migrationBuilder.DropColumn(
                name: "last_sign_in_at",
                table: "users");

            migrationBuilder.DropColumn(
                name: "client",
                table: "audit_entries");

            migrationBuilder.DropColumn(
                name: "hash",
                table: "audit_entries");

            migrationBuilder.DropColumn(
                name: "sequence",
                table: "audit_entries");
        }
    }
}
