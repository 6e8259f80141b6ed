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

    [Theory, BothDatabases]
    public async Task TheLog_IsListedFromTheShell_FilteredAsOnThePage_AndExportedAsXlsx(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var keys = county.Villages.Keys.Order(StringComparer.Ordinal).ToList();
        var here = keys.First(k => k == "三胡乡/黄柏园村");
        var elsewhere = keys.First(k => !k.StartsWith("三胡乡/", StringComparison.Ordinal));
        for (var i = 0; i < 2; i++) await county.AddHouseholdAsync(here);
        await county.AddHouseholdAsync(elsewhere);
        var directory = TestDirectories.New("audit-list");
        string[] db = ["--db", county.Target.Provider == DbProvider.Sqlite ? county.Target.SqliteFile! : county.Target.ConnectionString, "--data-dir", directory];
        var villageId = county.Villages[here].Id;
        var expected = await county.QueryAsync(d => d.AuditEntries.CountAsync(e => e.Sequence != null && e.VillageId == villageId));
        Assert.True(expected >= 2);

        var (exit, json, _) = await RunAsync(["audit", "list", "--township", "三胡乡", "--village", "黄柏园村", "--kind", "changes", "--format", "json", .. db]);
        Assert.Equal(0, exit);
        var result = JsonDocument.Parse(json).RootElement;
        Assert.Equal(expected, result.GetProperty("matching").GetInt32());
        var entries = result.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(expected, entries.Count);
        Assert.All(entries, e => Assert.Equal("黄柏园村", e.GetProperty("village").GetString()));
        // Newest first, as the page shows them.
        var sequences = entries.Select(e => e.GetProperty("sequence").GetInt64()).ToList();
        Assert.Equal(sequences.OrderDescending(), sequences);

        var (limited, text, _) = await RunAsync(["audit", "list", "--limit", "1", .. db]);
        Assert.Equal(0, limited);
        Assert.Contains("显示最新 1 条", text, StringComparison.Ordinal);

        var file = Path.Combine(directory, "audit.xlsx");
        var (exported, saved, _) = await RunAsync(["audit", "list", "--village", "黄柏园村", "--township", "三胡乡", "--out", file, "--format", "json", .. db]);
        Assert.Equal(0, exported);
        Assert.Equal(expected, JsonDocument.Parse(saved).RootElement.GetProperty("rows").GetInt32());
        Assert.Equal("PK", System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(file), 0, 2));
        // The export is itself in the log.
        var (_, exports, _) = await RunAsync(["audit", "list", "--kind", "exports", "--format", "json", .. db]);
        Assert.True(JsonDocument.Parse(exports).RootElement.GetProperty("matching").GetInt32() >= 1);

        // Bad input is named and changes nothing.
        var (badKind, _, kindError) = await RunAsync(["audit", "list", "--kind", "everything", .. db]);
        Assert.Equal(1, badKind);
        Assert.Contains("--kind", kindError, StringComparison.Ordinal);
        var (badTownship, _, townshipError) = await RunAsync(["audit", "list", "--township", "不存在乡", .. db]);
        Assert.Equal(1, badTownship);
        Assert.Contains("没有这个乡镇：不存在乡", townshipError, StringComparison.Ordinal);
    }

    private static async Task SqlAsync(TestCounty county, string sql)
    {
        await using var db = county.Factory.CreateForOperator("tests");
        await db.Database.ExecuteSqlRawAsync(sql);
    }
}
