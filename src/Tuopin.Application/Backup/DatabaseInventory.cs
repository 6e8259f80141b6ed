using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Accounts;
using Tuopin.Application.Storage;

namespace Tuopin.Application.Backup;

/// <summary>
/// What a database holds, read through a plain connection (inside the caller's transaction, so that a
/// backup counts the rows of its own snapshot): its tables, their rows, the migrations applied, and the
/// stored files its records name.
/// </summary>
internal static class DatabaseInventory
{
    // EF Core's history table, with the snake_case column name the naming convention gives it.
    private const string History = "__EFMigrationsHistory";

    /// <summary>Tables that hold the program's bookkeeping, not the county's data.</summary>
    public static bool IsBookkeeping(string table) => table.StartsWith("__EFMigrations", StringComparison.Ordinal);

    public static async Task<List<string>> TablesAsync(DbConnection connection, DbProvider provider, DbTransaction? transaction, CancellationToken ct)
    {
        var sql = provider == DbProvider.Sqlite
            ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
            : "SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = 'public'";
        var names = new List<string>();
        await using var command = Command(connection, transaction, sql);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) names.Add(reader.GetString(0));
        names.Sort(StringComparer.Ordinal);
        return names;
    }

    public static async Task<List<BackupManifest.TableRows>> CountAsync(DbConnection connection, DbProvider provider, DbTransaction? transaction, CancellationToken ct)
    {
        var counts = new List<BackupManifest.TableRows>();
        foreach (var table in await TablesAsync(connection, provider, transaction, ct))
        {
            await using var command = Command(connection, transaction, $"SELECT count(*) FROM {Qualified(provider, table)}");
            counts.Add(new(table, Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture)));
        }
        return counts;
    }

    public static async Task<List<string>> MigrationsAsync(DbConnection connection, DbProvider provider, DbTransaction? transaction, CancellationToken ct)
    {
        var migrations = new List<string>();
        if (!(await TablesAsync(connection, provider, transaction, ct)).Contains(History)) return migrations;
        await using var command = Command(connection, transaction, $"SELECT migration_id FROM {Qualified(provider, History)}");
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) migrations.Add(reader.GetString(0));
        migrations.Sort(StringComparer.Ordinal);
        return migrations;
    }

    /// <summary>The SHA-256 names of the stored files that attachments and area-exit evidence refer to.</summary>
    public static async Task<List<string>> StoredFilesAsync(DbConnection connection, DbProvider provider, DbTransaction? transaction, CancellationToken ct)
    {
        var tables = await TablesAsync(connection, provider, transaction, ct);
        var files = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (table, column) in FileColumns(provider))
        {
            if (!tables.Contains(table)) continue;
            await using var command = Command(connection, transaction, $"SELECT DISTINCT {Quote(column)} FROM {Qualified(provider, table)}");
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) files.Add(reader.GetString(0));
        }
        return [.. files];
    }

    /// <summary>The migrations this build knows for the provider, oldest first.</summary>
    public static List<string> KnownMigrations(DbProvider provider)
    {
        using var db = ModelOnly(provider);
        return [.. db.Database.GetMigrations()];
    }

    /// <summary>The tables and columns that name stored files, as the model maps them.</summary>
    private static List<(string Table, string Column)> FileColumns(DbProvider provider)
    {
        using var db = ModelOnly(provider);
        var result = new List<(string, string)>();
        foreach (var type in new[] { typeof(Domain.Exit.Attachment), typeof(Domain.Exit.AreaEvidence) })
        {
            var entity = db.Model.FindEntityType(type)!;
            var table = entity.GetTableName()!;
            var column = entity.FindProperty("Sha256")!.GetColumnName(Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(table, entity.GetSchema()))!;
            result.Add((table, column));
        }
        return result;
    }

    /// <summary>A context for the model and the migrations of a provider, never connected (nor a folder made for it).</summary>
    private static TuopinDb ModelOnly(DbProvider provider)
    {
        var builder = new DbContextOptionsBuilder<TuopinDb>();
        DbTarget.Parse(provider == DbProvider.Sqlite ? ":memory:" : "Host=localhost").Configure(builder);
        return new TuopinDb(OperatorModel.Use(builder.Options, provider)) { Actor = Actor.Operator("backup") };
    }

    public static string Qualified(DbProvider provider, string table) => provider == DbProvider.Sqlite ? Quote(table) : "public." + Quote(table);

    public static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        // A county's tables are counted in seconds, but a slow disk should not fail a backup.
        if (connection is Npgsql.NpgsqlConnection) command.CommandTimeout = 0;
        return command;
    }
}
