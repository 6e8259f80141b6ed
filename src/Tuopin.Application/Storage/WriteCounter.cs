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

    public static WriteCounter For(DbTarget target) => Counters.GetOrAdd(target.ConnectionString, _ => new WriteCounter());

    public long Current => Interlocked.Read(ref _value);

    public void Bump() => Interlocked.Increment(ref _value);

    /// <summary>A context wrote: counted now when nothing is left to commit, else when its transaction commits.</summary>
    internal static async Task WroteAsync(TuopinDb db, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null) await CommittedAsync(db, ct);
        else db.WritePending = true;
    }

    /// <summary>
    /// A write of the context has committed. The primary's WAL position is remembered for its actor first (read-your-writes
    /// on a replica), then the count goes up: whoever sees the new count also sees the position.
    /// </summary>
    internal static async Task CommittedAsync(TuopinDb db, CancellationToken ct)
    {
        if (db.Reads is { HasReplica: true } reads) await reads.WroteAsync(TuopinDbFactory.ReaderKey(db.Actor), ct);
        db.Writes?.Bump();
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
        if (eventData.Context is TuopinDb db) db.WritePending = false;
    }

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionRolledBack(transaction, eventData);
        return Task.CompletedTask;
    }

    private static Task CommittedAsync(DbContext? context, CancellationToken ct)
    {
        if (context is not TuopinDb { WritePending: true } db) return Task.CompletedTask;
        db.WritePending = false;
        return WriteCounter.CommittedAsync(db, ct);
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
        return context is TuopinDb db && command.Transaction is null ? WriteCounter.CommittedAsync(db, ct) : Task.CompletedTask;
    }
}
