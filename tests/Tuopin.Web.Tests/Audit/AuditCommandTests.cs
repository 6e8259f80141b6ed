using System.Data.Common;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Audit;
using Tuopin.Application.Storage;
using Tuopin.Testing;
using static Tuopin.Web.Tests.CliRun;

namespace Tuopin.Web.Tests.Audit;

/// <summary>The audit as a chain: intact after ordinary work, refused to the application's own connection, and a tampered entry named.</summary>
public sealed class AuditCommandTests
{
    [Theory, BothDatabases]
    public async Task TheChain_IsIntact_RefusesChanges_AndVerifyNamesAChangedOrMissingEntry(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        for (var i = 0; i < 3; i++) await county.AddHouseholdAsync("三胡乡/黄柏园村");
        var directory = TestDirectories.New("audit");
        string[] db = ["--db", county.Target.Provider == DbProvider.Sqlite ? county.Target.SqliteFile! : county.Target.ConnectionString, "--data-dir", directory];

        var (intact, text, _) = await RunAsync(["audit", "verify", .. db]);
        Assert.Equal(0, intact);
        Assert.Contains("审计链完整", text, StringComparison.Ordinal);
        var entries = await county.QueryAsync(d => d.AuditEntries.OrderBy(e => e.Sequence).ToListAsync());
        Assert.NotEmpty(entries);
        Assert.Equal(Enumerable.Range(1, entries.Count).Select(n => (long?)n), entries.Select(e => e.Sequence));
        Assert.All(entries, e => Assert.Matches("^[0-9a-f]{64}$", e.Hash!));
        var head = await county.QueryAsync(d => d.AuditChainHeads.SingleAsync());
        Assert.Equal((entries.Count, entries[^1].Hash), ((int)head.Sequence, head.Hash));

        // The application's own connection may neither change nor delete an entry.
        var target = entries[1];
        await Assert.ThrowsAnyAsync<DbException>(() => SqlAsync(county, $"UPDATE audit_entries SET user_name = 'someone else' WHERE sequence = {target.Sequence}"));
        await Assert.ThrowsAnyAsync<DbException>(() => SqlAsync(county, $"DELETE FROM audit_entries WHERE sequence = {entries[^1].Sequence}"));
        Assert.Equal(entries.Count, await county.QueryAsync(d => d.AuditEntries.CountAsync()));

        // Someone with the database's files or its owner's rights goes round the guard: the chain shows it.
        await SqlAsync(county, provider == DbProvider.Sqlite
            ? "DROP TRIGGER audit_entries_no_update; DROP TRIGGER audit_entries_no_delete;"
            : "ALTER TABLE audit_entries DISABLE TRIGGER USER;");
        await SqlAsync(county, $"UPDATE audit_entries SET user_name = 'someone else' WHERE sequence = {target.Sequence}");
        await SqlAsync(county, $"DELETE FROM audit_entries WHERE sequence = {entries[3].Sequence}");

        var (broken, json, _) = await RunAsync(["audit", "verify", .. db, "--format", "json"]);
        Assert.Equal(1, broken);
        var result = JsonDocument.Parse(json).RootElement;
        Assert.False(result.GetProperty("intact").GetBoolean());
        var breaks = result.GetProperty("breaks").EnumerateArray().Select(b => (b.GetProperty("code").GetString(), b.GetProperty("sequence").GetInt64())).ToList();
        Assert.Contains(("audit.changed", target.Sequence!.Value), breaks);
        Assert.Contains(("audit.missing", entries[3].Sequence!.Value), breaks);
        Assert.Equal(2, breaks.Count);
        var (_, words, _) = await RunAsync(["audit", "verify", .. db]);
        Assert.Contains($"第 {target.Sequence} 条审计记录", words, StringComparison.Ordinal);
        Assert.Contains("被改动过", words, StringComparison.Ordinal);
    }

    [Theory, BothDatabases]
    public async Task ConcurrentWriters_ChainOneAfterAnother(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        // Eight villages (one village numbers its households one at a time), saved at once.
        await Task.WhenAll(county.Villages.Keys.Order(StringComparer.Ordinal).Take(8).Select(v => county.AddHouseholdAsync(v)));

        var verification = await county.QueryAsync(d => AuditChain.VerifyAsync(d));
        Assert.True(verification.Intact, string.Join("; ", verification.Breaks.Select(b => b.Problem)));
        Assert.Equal(verification.Entries, verification.HeadSequence);
        Assert.True(verification.Entries >= 8);
    }

    private static async Task SqlAsync(TestCounty county, string sql)
    {
        await using var db = county.Factory.CreateForOperator("tests");
        await db.Database.ExecuteSqlRawAsync(sql);
    }
}
