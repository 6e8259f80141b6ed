using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Tuopin.Application.Storage;

namespace Tuopin.Application.Audit;

/// <summary>
/// The audit as a hash chain. Entries are numbered 1, 2, 3 … in the order their transactions claim the
/// chain's head (one row, <c>audit_chain</c>): the claim is the transaction's first write, so concurrent
/// writers — other requests, a shell command, another server — queue behind it (PostgreSQL's row lock,
/// SQLite's write lock) instead of forking the chain. Each entry's hash is SHA-256 of the previous hash
/// and the entry's content in a fixed form; the head keeps the last hash. A changed entry, a deleted one
/// (a gap) or entries cut from the end (the head no longer matches) are found by <see cref="VerifyAsync"/>.
/// The database refuses updates and deletes of sealed entries (triggers), whatever role connects.
/// </summary>
public static class AuditChain
{
    public static readonly string Genesis = new('0', 64);

    private static readonly JsonSerializerOptions Canonical = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Times are kept to the microsecond, as PostgreSQL stores them, so that a hash reads back the same on both databases.</summary>
    public static DateTime Truncate(DateTime at) => new(at.Ticks - at.Ticks % 10, DateTimeKind.Utc);

    /// <summary>The hash of an entry after <paramref name="previous"/>.</summary>
    public static string HashOf(string previous, AuditEntry e)
    {
        object?[] fields =
        [
            e.Sequence, Truncate(e.At).ToString("yyyy-MM-ddTHH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture), e.UserId?.ToString(), e.UserName,
            (int)e.Action, e.EntityType, e.EntityId.ToString(), e.HouseholdId?.ToString(), e.Changes, e.Reason, e.CorrelationId.ToString(), e.Client,
        ];
        // The area and then the county joined the entry later: an entry with a county has its township, village and county
        // in its hash (15 fields: moving it to another county, or taking its county away, breaks the chain); one with an area
        // and no county its township and village (14, as entries were written before counties); one with neither the twelve
        // fields entries always had. The three lengths differ, so no entry hashes as another form would.
        if (e.CountyId is not null) fields = [.. fields, e.TownshipId?.ToString(), e.VillageId?.ToString(), e.CountyId.Value.ToString()];
        else if (e.TownshipId is not null || e.VillageId is not null) fields = [.. fields, e.TownshipId?.ToString(), e.VillageId?.ToString()];
        var text = previous + "\n" + JsonSerializer.Serialize(fields, Canonical);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>
    /// Numbers and hashes the entries about to be inserted, inside the context's current transaction
    /// (the caller opened one): claims the head, chains the entries, moves the head.
    /// </summary>
    internal static async Task SealAsync(TuopinDb db, IReadOnlyList<AuditEntry> entries, CancellationToken ct)
    {
        var (sequence, hash) = await ClaimAsync(db, entries.Count, ct);
        var next = sequence - entries.Count;
        var actors = AuditCounties.Of(db.Actor);
        foreach (var e in entries)
        {
            // An entry its writer gave no county of its record is the actor's county's (a county-wide record, an account); the
            // operator's contexts have none to give: what they write says its county itself (AuditCounties).
            e.CountyId ??= actors;
            e.At = Truncate(e.At);
            e.Sequence = ++next;
            e.Hash = hash = HashOf(hash, e);
        }
        await SetHeadAsync(db, hash, ct);
    }

    /// <summary>Takes <paramref name="count"/> numbers: returns the head's new sequence and the hash before them.</summary>
    private static async Task<(long Sequence, string Hash)> ClaimAsync(TuopinDb db, int count, CancellationToken ct)
    {
        await using var command = Command(db, "UPDATE audit_chain SET sequence = sequence + @count WHERE id = 1 RETURNING sequence, hash");
        Parameter(command, "@count", (long)count);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) throw new InvalidOperationException("The audit chain's head is missing: run tuopin migrate.");
        return (reader.GetInt64(0), reader.GetString(1));
    }

    private static async Task SetHeadAsync(TuopinDb db, string hash, CancellationToken ct)
    {
        await using var command = Command(db, "UPDATE audit_chain SET hash = @hash WHERE id = 1");
        Parameter(command, "@hash", hash);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static DbCommand Command(TuopinDb db, string sql)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        return command;
    }

    private static void Parameter(DbCommand command, string name, object value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        command.Parameters.Add(p);
    }

    /// <summary>
    /// Entries written before the chain existed (a database from an earlier version) are sealed once, in
    /// the order they were written, when the schema is migrated. Returns how many were sealed.
    /// </summary>
    public static async Task<int> SealUnchainedAsync(TuopinDb db, CancellationToken ct = default)
    {
        if (!await db.AuditEntries.AnyAsync(e => e.Sequence == null, ct)) return 0;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var entries = await db.AuditEntries.Where(e => e.Sequence == null).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(ct);
        await SealAsync(db, entries, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return entries.Count;
    }

    /// <summary>Where the chain breaks; a changed entry's break keeps the entry's county as it now reads (for <see cref="OfAnotherCounty"/>).</summary>
    public sealed record Break(long? Sequence, Guid? EntryId, DateTime? At, string? UserName, string Code, string Problem, Guid? CountyId = null)
    {
        /// <summary>The break as a reader of another county is told it: where the chain breaks, not whose entry or what it was.</summary>
        public Break OfAnotherCounty() => EntryId is null ? this
            : new(Sequence, null, null, null, Code, $"第 {Sequence} 条审计记录（其他县的记录）的内容与其哈希不符：记录被改动过");
    }

    public sealed record Verification(long Entries, long HeadSequence, string HeadHash, IReadOnlyList<Break> Breaks)
    {
        public bool Intact => Breaks.Count == 0;
    }

    /// <summary>
    /// Recomputes the chain from the first entry: reports every entry whose content no longer matches its
    /// hash, every missing number, unnumbered entries, and a head that does not end where the entries do.
    /// Reads in order of sequence, a page at a time.
    /// </summary>
    public static async Task<Verification> VerifyAsync(TuopinDb db, CancellationToken ct = default)
    {
        var head = await db.Set<AuditChainHead>().AsNoTracking().SingleAsync(h => h.Id == 1, ct);
        var breaks = new List<Break>();
        var previous = Genesis;
        long expected = 1, count = 0, after = 0;
        const int Page = 5_000;
        while (true)
        {
            var from = after;
            var page = await db.AuditEntries.AsNoTracking().Where(e => e.Sequence > from).OrderBy(e => e.Sequence).Take(Page).ToListAsync(ct);
            foreach (var e in page)
            {
                count++;
                if (e.Sequence != expected)
                {
                    breaks.Add(new Break(expected, null, null, null, "audit.missing",
                        e.Sequence - expected == 1 ? $"第 {expected} 条审计记录不见了（被删除）" : $"第 {expected}–{e.Sequence - 1} 条审计记录不见了（被删除）"));
                    // The next entry was chained to the one that is gone: take its word for the link and go on.
                    previous = null!;
                }
                var recomputed = previous is null ? null : HashOf(previous, e);
                if (recomputed is not null && !string.Equals(recomputed, e.Hash, StringComparison.Ordinal))
                    breaks.Add(new Break(e.Sequence, e.Id, e.At, e.UserName, "audit.changed",
                        $"第 {e.Sequence} 条审计记录（{e.At:yyyy-MM-dd HH:mm:ss} UTC，{e.UserName}，{e.EntityType}）的内容与其哈希不符：记录被改动过", e.CountyId));
                previous = e.Hash ?? Genesis;
                expected = e.Sequence!.Value + 1;
            }
            if (page.Count < Page) break;
            after = page[^1].Sequence!.Value;
        }
        if (expected - 1 != head.Sequence)
            breaks.Add(new Break(head.Sequence, null, null, null, "audit.head",
                expected - 1 < head.Sequence
                    ? $"链头记到第 {head.Sequence} 条，记录只到第 {expected - 1} 条：末尾的记录被删除"
                    : $"记录到第 {expected - 1} 条，链头只记到第 {head.Sequence} 条：链头被改动"));
        else if (!string.Equals(previous, head.Hash, StringComparison.Ordinal))
            breaks.Add(new Break(head.Sequence, null, null, null, "audit.head", "链头的哈希与最后一条记录不符：链头或最后一条记录被改动"));
        var unchained = await db.AuditEntries.CountAsync(e => e.Sequence == null, ct);
        if (unchained > 0)
            breaks.Add(new Break(null, null, null, null, "audit.unchained", $"有 {unchained} 条审计记录没有编入链（在链外写入）"));
        return new Verification(count, head.Sequence, head.Hash, breaks);
    }
}
