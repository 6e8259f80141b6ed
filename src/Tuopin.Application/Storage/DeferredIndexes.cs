using System.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Tuopin.Application.Storage;

/// <summary>
/// A bulk load into an empty registry on PostgreSQL without the registry tables' plain (non-unique) indexes, built again
/// once at the end (a sort per index instead of a random B-tree insert per row and index; docs/adr/0005-bulk-writes.md).
/// Only the synthetic counties' load uses it, and only when the database holds no household at all: no county's registry
/// is there to be read slowly meanwhile. Keys, unique indexes and foreign keys stay, so every constraint is checked row by
/// row as before; a query during the load gives the same answers, only without those indexes' help. The dropped
/// indexes' definitions are kept in <c>settings</c> (in the same transaction as the drop) until they are built again, so a
/// load that was killed leaves them written down: the next synthetic load (or <see cref="RestoreAsync"/>) builds them
/// first. Never for an import: a live county's registry must keep its indexes.
/// </summary>
public static class DeferredIndexes
{
    public const string SettingKey = "storage.deferred-indexes";

    /// <summary>The registry's tables whose plain indexes are deferred.</summary>
    public static readonly string[] Tables = ["households", "members", "member_name_grams", "household_incomes", "household_status_changes"];

    /// <summary>
    /// Drops the registry tables' plain indexes when the database is PostgreSQL and its registry is empty; returns how many
    /// were dropped (0: nothing done, the load writes into the indexed tables).
    /// </summary>
    public static async Task<int> DropIfEmptyAsync(TuopinDb db, CancellationToken ct = default)
    {
        if (db.Database.GetDbConnection() is not NpgsqlConnection) return 0;
        await RestoreAsync(db, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, ct);
        if (await db.Households.AnyAsync(ct) || await db.Members.AnyAsync(ct)) return 0;
        var indexes = await db.Database.SqlQueryRaw<IndexRow>(
                "SELECT indexname AS \"Name\", indexdef AS \"Definition\" FROM pg_indexes " +
                "WHERE schemaname = current_schema() AND tablename = ANY({0}) AND indexdef NOT LIKE 'CREATE UNIQUE INDEX %' ORDER BY tablename, indexname",
                new object[] { Tables })
            .ToListAsync(ct);
        if (indexes.Count == 0) return 0;
        db.Settings.Add(new Setting { Key = SettingKey, Value = string.Join(";\n", indexes.Select(i => i.Definition)) });
        await db.SaveChangesAsync(ct);
        // The names are pg_indexes' own (the model's index names), quoted.
        var drop = "DROP INDEX " + string.Join(", ", indexes.Select(i => "\"" + i.Name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));
        await db.Database.ExecuteSqlRawAsync(drop, ct);
        await transaction.CommitAsync(ct);
        return indexes.Count;
    }

    /// <summary>Builds again the indexes a load dropped (when any are written down), in one transaction with forgetting them.</summary>
    public static async Task RestoreAsync(TuopinDb db, CancellationToken ct = default)
    {
        if (db.Database.GetDbConnection() is not NpgsqlConnection) return;
        var pending = await db.Settings.AsNoTracking().Where(s => s.Key == SettingKey).Select(s => s.Value).SingleOrDefaultAsync(ct);
        if (pending is null) return;
        // An index over a province's rows takes minutes (the name grams' of 100 counties: more than the 30 s a command may
        // take by default); the load waits for it, however long.
        db.Database.SetCommandTimeout(TimeSpan.Zero);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // A sort in memory per index where it fits (the session's setting only; the server's default is 64 MB).
        await db.Database.ExecuteSqlRawAsync("SET LOCAL maintenance_work_mem = '256MB'", ct);
        foreach (var definition in pending.Split(";\n"))
            await db.Database.ExecuteSqlRawAsync(IfNotExists(definition), ct);
        await db.Settings.Where(s => s.Key == SettingKey).ExecuteDeleteAsync(ct);
        await transaction.CommitAsync(ct);
    }

    // pg_indexes gives "CREATE INDEX name ON …": written again with IF NOT EXISTS, so an index already built again is left.
    private static string IfNotExists(string definition) =>
        definition.StartsWith("CREATE INDEX ", StringComparison.Ordinal) ? "CREATE INDEX IF NOT EXISTS " + definition["CREATE INDEX ".Length..] : definition;

    private sealed record IndexRow(string Name, string Definition);
}
