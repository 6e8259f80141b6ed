using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Tuopin.Application.Storage;

/// <summary>
/// Counts the committed writes to one database made by this process: what a cache of a computed view (the county
/// overview) compares with to know it is still current. Bumped after the write is committed, never before, so a
/// view computed from the state before it is never kept under the new count. One per database (connection string)
/// per process: every context of every factory on that database shares it. Another process writing to the same
/// PostgreSQL database is not seen (docs/adr/0015-name-search-and-overview-cache.md says what would be next).
/// </summary>
public sealed class WriteCounter
{
    private static readonly ConcurrentDictionary<string, WriteCounter> Counters = new(StringComparer.Ordinal);

    private long _value;
    private long _registry;

    public static WriteCounter For(DbTarget target) => Counters.GetOrAdd(target.ConnectionString, _ => new WriteCounter());

    /// <summary>Every committed write.</summary>
    public long Current => Interlocked.Read(ref _value);

    /// <summary>
    /// The committed writes that may change what the registry's kept views show (<see cref="Registry.CountyOverview"/>, a name
    /// search's households): every write but those <see cref="TouchesRegistry"/> can tell leave the registry alone.
    /// </summary>
    public long Registry => Interlocked.Read(ref _registry);

    /// <summary>A write has committed; <paramref name="registry"/>: it may have changed the registry's views.</summary>
    public void Bump(bool registry = true)
    {
        if (registry) Interlocked.Increment(ref _registry);
        Interlocked.Increment(ref _value);
    }

    /// <summary>A context wrote: counted now when nothing is left to commit, else when its transaction commits.</summary>
    internal static Task WroteAsync(TuopinDb db, CancellationToken ct) => WroteAsync(db, registry: true, ct);

    /// <inheritdoc cref="WroteAsync(TuopinDb, CancellationToken)"/>
    internal static async Task WroteAsync(TuopinDb db, bool registry, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null) await CommittedAsync(db, registry, ct);
        else
        {
            db.WritePending = true;
            db.RegistryWritePending |= registry;
        }
    }

    /// <summary>
    /// Whether the changes a context is about to save may change what the registry's kept views show. Only what certainly
    /// cannot is left out — a household's income (a household saved with it changes only its version and time), the audit's
    /// own rows, accounts, and the records of the concerns those views never read (assistance, industry, credit, housing,
    /// projects, funds, exit procedures, conditions, notices, organisation, supervision) — so that a view may be counted again
    /// needlessly but is never kept past a change it shows. The views read households, members and their names' index, the
    /// places, the events and the settings.
    /// </summary>
    internal static bool TouchesRegistry(Microsoft.EntityFrameworkCore.ChangeTracking.ChangeTracker tracker) =>
        tracker.Entries().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && !LeavesRegistry(e));

    private static readonly HashSet<string> OutsideRegistry = new(StringComparer.Ordinal)
    {
        "Tuopin.Domain.Assistance", "Tuopin.Domain.Industry", "Tuopin.Domain.Credit", "Tuopin.Domain.Housing",
        "Tuopin.Domain.Projects", "Tuopin.Domain.Funds", "Tuopin.Domain.Exit", "Tuopin.Domain.Conditions", "Tuopin.Domain.Notices",
        "Tuopin.Domain.Organisation", "Tuopin.Domain.Supervision",
    };

    /// <summary>A household saved only for its version and time (beside an income or another record of its own): none of its figures changed.</summary>
    internal static bool OnlyVersionChanged(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry e) =>
        e.Entity is Domain.Registry.Household && e.State == EntityState.Modified
        && e.Properties.Where(p => p.IsModified).All(p => p.Metadata.Name is nameof(Domain.Registry.Household.Version) or nameof(Domain.Registry.Household.UpdatedAt));

    private static bool LeavesRegistry(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry e) => e.Entity switch
    {
        Audit.AuditEntry or Audit.AuditChainHead or Accounts.User => true,
        Domain.Registry.HouseholdIncome => true,
        Domain.Registry.Household when OnlyVersionChanged(e) => true,
        _ => e.Entity.GetType().Namespace is { } space && OutsideRegistry.Contains(space),
    };

    /// <summary>
    /// A write of the context has committed. The primary's WAL position is remembered for its actor first (read-your-writes
    /// on a replica), then the count goes up: whoever sees the new count also sees the position.
    /// </summary>
    internal static async Task CommittedAsync(TuopinDb db, bool registry, CancellationToken ct)
    {
        if (db.Reads is { HasReplica: true } reads) await reads.WroteAsync(TuopinDbFactory.ReaderKey(db.Actor), ct);
        db.Writes?.Bump(registry);
    }
}

/// <summary>Counts a context's pending writes when its transaction commits, and statements run outside any transaction.</summary>
internal sealed class WriteCounterInterceptor : IDbTransactionInterceptor, IDbCommandInterceptor
{
    public static readonly WriteCounterInterceptor Instance = new();

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        CommittedAsync(eventData.Context, default).GetAwaiter().GetResult();

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        CommittedAsync(eventData.Context, cancellationToken);

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is TuopinDb db) db.WritePending = db.RegistryWritePending = false;
    }

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionRolledBack(transaction, eventData);
        return Task.CompletedTask;
    }

    private static Task CommittedAsync(DbContext? context, CancellationToken ct)
    {
        if (context is not TuopinDb { WritePending: true } db) return Task.CompletedTask;
        var registry = db.RegistryWritePending;
        db.WritePending = db.RegistryWritePending = false;
        return WriteCounter.CommittedAsync(db, registry, ct);
    }

    // ExecuteUpdate/ExecuteDelete/ExecuteSql outside a transaction commit on their own.
    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        StatementAsync(command, eventData.Context, default).GetAwaiter().GetResult();
        return result;
    }

    public async ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        await StatementAsync(command, eventData.Context, cancellationToken);
        return result;
    }

    private static Task StatementAsync(DbCommand command, DbContext? context, CancellationToken ct)
    {
        // Inside a transaction the registry's statements (a household's move, an import's numbering) come with
        // a save or a bulk write of the same transaction, which marks it.
        return context is TuopinDb db && command.Transaction is null ? WriteCounter.CommittedAsync(db, registry: true, ct) : Task.CompletedTask;
    }
}
