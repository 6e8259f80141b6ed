using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Accounts;
using Tuopin.Application.Audit;
using Tuopin.Application.Storage;
using Tuopin.Testing;
using static Tuopin.Web.Tests.CliRun;

namespace Tuopin.Web.Tests.Accounts;

/// <summary>
/// The operator grants a prefecture's or province's account the records of its counties (ADR 0016) at the shell — when
/// making it or afterwards — and takes it back; a county's account is never granted; every change is in the audit.
/// </summary>
public sealed class CountyRecordsCommandTests
{
    [Fact]
    public async Task TheOperator_GrantsAndRevokes_ARegionalAccountsCountyRecords_FromTheShell()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        string[] db = ["--db", county.Target.SqliteFile!, "--data-dir", TestDirectories.New("county-records")];

        var (added, addText, addError) = await RunAsync(["users", "add", "--name", "enshi", "--display-name", "州扶贫办", "--role", "prefecture", "--area", "422800", "--records", .. db]);
        Assert.True(added == 0, addError);
        Assert.Contains("逐县查阅", addText, StringComparison.Ordinal);
        Assert.Equal(0, (await RunAsync(["users", "add", "--name", "hubei", "--role", "province", "--area", "湖北省", .. db])).Exit);
        Assert.Equal(0, (await RunAsync(["users", "add", "--name", "cun", "--role", "village", "--area", "三胡乡/黄柏园村", .. db])).Exit);
        // Only a regional account is made with the grant, and only a regional account is granted.
        var (countyAdd, _, countyAddError) = await RunAsync(["users", "add", "--name", "cun2", "--role", "village", "--area", "三胡乡/黄柏园村", "--records", .. db]);
        Assert.Equal(Tuopin.Web.Cli.TuopinCli.Refused, countyAdd);
        Assert.Contains("市州、省级账号", countyAddError, StringComparison.Ordinal);
        var (countyGrant, _, countyGrantError) = await RunAsync(["users", "grant", "--name", "cun", "--records", .. db]);
        Assert.Equal(Tuopin.Web.Cli.TuopinCli.Refused, countyGrant);
        Assert.Contains("县内账号", countyGrantError, StringComparison.Ordinal);
        // The grant names what it gives.
        Assert.Equal(Tuopin.Web.Cli.TuopinCli.Usage, (await RunAsync(["users", "grant", "--name", "hubei", .. db])).Exit);

        var (granted, grantText, grantError) = await RunAsync(["users", "grant", "--name", "hubei", "--records", "--reason", "省级核查", .. db]);
        Assert.True(granted == 0, grantError);
        Assert.Contains("重新登录后生效", grantText, StringComparison.Ordinal);
        Assert.Equal(Tuopin.Web.Cli.TuopinCli.Refused, (await RunAsync(["users", "grant", "--name", "hubei", "--records", .. db])).Exit);
        var (_, list, _) = await RunAsync(["users", "list", .. db]);
        Assert.Matches(@"enshi\s+prefecture\s+须改密码.*恩施土家族苗族自治州（可查阅县级记录） 州扶贫办", list);
        Assert.Matches(@"hubei\s+province\s+.*湖北省（可查阅县级记录）", list);
        Assert.Matches(@"cun\s+village\s+.*三胡乡黄柏园村 cun", list);

        Assert.Equal(0, (await RunAsync(["users", "revoke", "--name", "enshi", "--records", .. db])).Exit);
        Assert.Equal(Tuopin.Web.Cli.TuopinCli.Refused, (await RunAsync(["users", "revoke", "--name", "enshi", "--records", .. db])).Exit);
        var users = await county.QueryAsync(d => d.Users.AsNoTracking().ToDictionaryAsync(u => u.UserName!, u => u.ReadsCountyRecords));
        Assert.Equal((false, true, false), (users["enshi"], users["hubei"], users["cun"]));

        // Who, when, what: made with the grant, granted, taken back — each under the operator's name.
        var entries = await county.QueryAsync(d => d.AuditEntries.AsNoTracking().Where(e => e.EntityType == nameof(User) && e.Changes.Contains("countyRecords\":{")).OrderBy(e => e.Sequence).ToListAsync());
        Assert.Equal(3, entries.Count);
        Assert.Equal([AuditAction.Insert, AuditAction.Update, AuditAction.Update], entries.Select(e => e.Action));
        Assert.Equal("省级核查", entries[1].Reason);
        Assert.All(entries, e => Assert.StartsWith(Environment.UserName, e.UserName, StringComparison.Ordinal));
        Assert.Equal(0, (await RunAsync(["audit", "verify", .. db])).Exit);
    }
}
