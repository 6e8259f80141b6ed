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
    internal static void Wrote(TuopinDb db)
    {
        if (db.Writes is null) return;
        if (db.Database.CurrentTransaction is null) db.Writes.Bump();
        else db.WritePending = true;
    }
}

/// <summary>Counts a context's pending writes when its transaction commits, and statements run outside any transaction.</summary>
internal sealed class WriteCounterInterceptor : IDbTransactionInterceptor, IDbCommandInterceptor
{
    public static readonly WriteCounterInterceptor Instance = new();

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is TuopinDb db) db.WritePending = false;
    }

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionRolledBack(transaction, eventData);
        return Task.CompletedTask;
    }

    private static void Committed(DbContext? context)
    {
        if (context is not TuopinDb { WritePending: true } db) return;
        db.WritePending = false;
        db.Writes?.Bump();
    }

    // ExecuteUpdate/ExecuteDelete/ExecuteSql outside a transaction commit on their own.
    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Statement(command, eventData.Context);
        return result;
    }

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Statement(command, eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Statement(DbCommand command, DbContext? context)
    {
        // Inside a transaction the registry's statements (a household's move, an import's numbering) come with
        // a save or a bulk write of the same transaction, which marks it.
        if (context is TuopinDb db && command.Transaction is null) db.Writes?.Bump();
    }
}
