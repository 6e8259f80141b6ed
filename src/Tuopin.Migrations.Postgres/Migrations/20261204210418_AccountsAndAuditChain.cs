using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tuopin.Migrations.Postgres.Migrations
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
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "disabled_at",
                table: "users",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "last_sign_in_at",
                table: "users",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "client",
                table: "audit_entries",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "hash",
                table: "audit_entries",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "sequence",
                table: "audit_entries",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "audit_chain",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    sequence = table.Column<long>(type: "bigint", nullable: false),
                    hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
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

            // Audit entries are never changed or deleted, whichever role connects (the application's
            // included). An entry not yet in the chain (written before it existed) may be sealed once.
            migrationBuilder.Sql("""
                CREATE FUNCTION tuopin_audit_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF TG_OP = 'UPDATE' THEN
                    IF OLD.hash IS NULL
                       AND NEW.id = OLD.id AND NEW.user_name = OLD.user_name AND NEW.action = OLD.action
                       AND NEW.entity_type = OLD.entity_type AND NEW.entity_id = OLD.entity_id AND NEW.changes = OLD.changes THEN
                      RETURN NEW;
                    END IF;
                  END IF;
                  RAISE EXCEPTION 'audit entries are never changed or deleted (%)', TG_OP USING ERRCODE = 'insufficient_privilege';
                END $$;
                CREATE TRIGGER audit_entries_immutable BEFORE UPDATE OR DELETE ON audit_entries
                  FOR EACH ROW EXECUTE FUNCTION tuopin_audit_immutable();
                CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries
                  FOR EACH STATEMENT EXECUTE FUNCTION tuopin_audit_immutable();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS audit_entries_no_truncate ON audit_entries;
                DROP TRIGGER IF EXISTS audit_entries_immutable ON audit_entries;
                DROP FUNCTION IF EXISTS tuopin_audit_immutable();
                """);

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
