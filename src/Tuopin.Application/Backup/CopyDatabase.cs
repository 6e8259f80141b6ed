using System.Data.Common;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Tuopin.Application.Storage;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Backup;

/// <summary>
/// Copies a whole database into a new one, across providers: how a county moves from its SQLite file to PostgreSQL
/// (<c>tuopin copy --from county.db --to "Host=…"</c>). A backup restores only into its own kind of database (ADR 0009)
/// and the registry's export carries households alone; this carries every table of the model — the registry and its
/// history, the audit chain as it is (its hashes do not depend on the provider), plans, projects, funds, exit, supervision,
/// accounts. Rows are read through the source's model and written with the bulk writer through the target's, so each
/// provider's own types and conversions apply (PostgreSQL keeps times to the microsecond: a SQLite time's last 100 ns digit
/// is dropped; the audit's times were already cut to microseconds for its hashes); the personal data stays encrypted
/// under the same key, which both must use.
/// The target is migrated first and must hold no county data; the copy is one transaction on the target, and every
/// table's rows are counted on both sides before it commits. The stored files (attachments) are not in the database: the
/// server keeps using the same data directory.
/// </summary>
public sealed class CopyDatabase(IPersonalDataProtector protector, TimeProvider clock)
{
    public sealed record TableCopy(string Table, long Rows);

    public sealed record Result(IReadOnlyList<TableCopy> Tables, long Rows);

    // Rows the target's migrations write themselves (the audit chain's head); replaced by the source's.
    private static readonly string[] Seeded = ["audit_chain"];

    // The roll-up's per-county counts are derived: the bulk path stamps every county whose households and villages it
    // copies, and the first roll-up read recounts them on the target (ADR 0016). Neither copied nor compared.
    private static readonly string[] Derived = ["county_tallies", "county_tally_stamps"];

    public async Task<Result> HandleAsync(DbTarget from, DbTarget to, CancellationToken ct = default)
    {
        if (from.ConnectionString == to.ConnectionString)
            throw Refused("源数据库与目标数据库相同", "The source and the target are the same database");
        var source = new TuopinDbFactory(from, protector, clock);
        var target = new TuopinDbFactory(to, protector, clock);

        await using (var db = source.CreateForOperator("copy"))
        {
            var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
            if (pending.Count > 0)
                throw Refused($"源数据库的结构不是最新的（缺 {pending.Count} 个迁移），请先对它运行 tuopin migrate",
                    $"The source's schema is not current ({pending.Count} migrations missing): run tuopin migrate on it first");
        }
        await new MigrateDatabase(target).HandleAsync(ct);

        await using var sourceDb = source.CreateForOperator("copy");
        await using var targetDb = target.CreateForOperator("copy");
        var entityTypes = Order(targetDb.Model);
        await targetDb.Database.OpenConnectionAsync(ct);
        await using var transaction = await targetDb.Database.BeginTransactionAsync(ct);
        var connection = targetDb.Database.GetDbConnection();
        var dbTransaction = transaction.GetDbTransaction();

        var held = (await DatabaseInventory.CountAsync(connection, to.Provider, dbTransaction, ct))
            .Where(t => t.Rows > 0 && !DatabaseInventory.IsBookkeeping(t.Name) && !Seeded.Contains(t.Name) && !Derived.Contains(t.Name)).ToList();
        if (held.Count > 0)
            throw Refused($"目标数据库已有数据（{string.Join("、", held.Select(t => $"{t.Name} {t.Rows} 行"))}），只能复制到新建的数据库",
                $"The target already holds data ({string.Join(", ", held.Select(t => $"{t.Name} {t.Rows} rows"))}): copy into a new database only");
        foreach (var table in Seeded.Where(t => entityTypes.Any(e => e.GetTableName() == t)))
            await Execute(connection, dbTransaction, $"DELETE FROM {DatabaseInventory.Qualified(to.Provider, table)}", ct);

        var copy = typeof(CopyDatabase).GetMethod(nameof(CopyTableAsync), BindingFlags.NonPublic | BindingFlags.Static)!;
        foreach (var entityType in entityTypes)
            await (Task)copy.MakeGenericMethod(entityType.ClrType).Invoke(null, [sourceDb, targetDb, entityType, ct])!;

        if (to.Provider == DbProvider.Postgres) await ResetIdentitiesAsync(connection, dbTransaction, ct);

        // Every table, counted on both sides inside the target's transaction: nothing commits unless they agree.
        await sourceDb.Database.OpenConnectionAsync(ct);
        var counted = await DatabaseInventory.CountAsync(sourceDb.Database.GetDbConnection(), from.Provider, null, ct);
        var copied = (await DatabaseInventory.CountAsync(connection, to.Provider, dbTransaction, ct)).ToDictionary(t => t.Name, t => t.Rows);
        var tables = new List<TableCopy>();
        foreach (var t in counted.Where(t => !DatabaseInventory.IsBookkeeping(t.Name) && !Derived.Contains(t.Name)))
        {
            var rows = copied.GetValueOrDefault(t.Name, -1);
            if (rows != t.Rows)
                throw Refused($"复制后 {t.Name} 的行数不符：源 {t.Rows}，目标 {rows}；目标未作任何更改",
                    $"After the copy {t.Name} holds {rows} rows, the source {t.Rows}: nothing was written to the target");
            tables.Add(new TableCopy(t.Name, t.Rows));
        }
        await transaction.CommitAsync(ct);
        target.Writes.Bump();
        return new Result(tables, tables.Sum(t => t.Rows));
    }

    private static async Task CopyTableAsync<T>(TuopinDb source, TuopinDb target, IEntityType entityType, CancellationToken ct) where T : class
    {
        const int Batch = 20_000;
        var rows = source.Set<T>().IgnoreQueryFilters().AsNoTracking();
        // A table that refers to itself (a unit under a unit) is written parents first.
        var self = entityType.GetForeignKeys().Where(fk => fk.PrincipalEntityType == entityType).ToList();
        if (self.Count > 0)
        {
            var all = await rows.ToListAsync(ct);
            await BulkWriter.InsertAsync(target, ParentsFirst(all, entityType, self), ct);
            return;
        }
        var batch = new List<T>(Batch);
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(ct))
        {
            batch.Add(row);
            if (batch.Count < Batch) continue;
            await BulkWriter.InsertAsync(target, batch, ct);
            batch = new List<T>(Batch);
        }
        await BulkWriter.InsertAsync(target, batch, ct);
    }

    private static List<T> ParentsFirst<T>(List<T> rows, IEntityType entityType, List<IForeignKey> self) where T : class
    {
        var key = entityType.FindPrimaryKey()!.Properties.Single().GetGetter();
        var byKey = rows.ToDictionary(r => key.GetClrValue(r)!);
        var done = new HashSet<object>();
        var ordered = new List<T>(rows.Count);
        void Visit(T row, int depth)
        {
            var id = key.GetClrValue(row)!;
            if (done.Contains(id) || depth > rows.Count) return;
            foreach (var fk in self)
            {
                var parent = fk.Properties.Single().GetGetter().GetClrValue(row);
                if (parent is not null && byKey.TryGetValue(parent, out var p) && !ReferenceEquals(p, row)) Visit(p, depth + 1);
            }
            if (done.Add(id)) ordered.Add(row);
        }
        foreach (var row in rows) Visit(row, 0);
        return ordered;
    }

    /// <summary>The tables of the model, each after the tables it refers to. The name index is left out: the bulk writer rewrites it with the members.</summary>
    private static List<IEntityType> Order(IModel model)
    {
        var types = model.GetEntityTypes()
            .Where(e => e.GetTableName() is not null && !e.IsOwned() && e.FindPrimaryKey() is not null && e.BaseType is null
                && e.ClrType != typeof(Registry.MemberNameGram) && !Derived.Contains(e.GetTableName()) && !e.ClrType.IsAbstract && e.ClrType != typeof(Dictionary<string, object>))
            .OrderBy(e => e.GetTableName(), StringComparer.Ordinal)
            .ToList();
        var ordered = new List<IEntityType>();
        var visiting = new HashSet<IEntityType>();
        void Visit(IEntityType e)
        {
            if (ordered.Contains(e) || !visiting.Add(e)) return;
            foreach (var fk in e.GetForeignKeys().Where(fk => fk.PrincipalEntityType != e))
            {
                var principal = fk.PrincipalEntityType.GetRootType();
                if (types.Contains(principal)) Visit(principal);
            }
            ordered.Add(e);
        }
        foreach (var e in types) Visit(e);
        return ordered;
    }

    private static async Task ResetIdentitiesAsync(DbConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        // Rows copied with their own numbers: the identity columns' sequences go on after the highest.
        const string Sql = """
            SELECT table_name, column_name FROM information_schema.columns
            WHERE table_schema = 'public' AND is_identity = 'YES'
            """;
        var columns = new List<(string Table, string Column)>();
        await using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = Sql;
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) columns.Add((reader.GetString(0), reader.GetString(1)));
        }
        foreach (var (table, column) in columns)
            await Execute(connection, transaction,
                $"SELECT setval(pg_get_serial_sequence('public.\"{table}\"', '{column}'), coalesce(max(\"{column}\"), 0) + 1, false) FROM public.\"{table}\"", ct);
    }

    private static async Task Execute(DbConnection connection, DbTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }

    private static BackupRefusedException Refused(string zh, string en) => BackupManifest.Refused(zh, en);
}
