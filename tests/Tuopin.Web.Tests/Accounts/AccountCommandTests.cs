using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Accounts;
using Tuopin.Application.Audit;
using Tuopin.Application.Storage;
using Tuopin.Testing;
using static Tuopin.Web.Tests.CliRun;

namespace Tuopin.Web.Tests.Accounts;

/// <summary>The operator's account verbs from the shell: add, list, disable, enable, reset-password, change — audited, and never leaving the county without an administrator.</summary>
public sealed class AccountCommandTests
{
    [Fact]
    public async Task TheOperator_ManagesAccounts_FromTheShell()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        var directory = TestDirectories.New("accounts");
        string[] db = ["--db", county.Target.SqliteFile!, "--data-dir", directory];

        var (added, addText, addError) = await RunAsync(["users", "add", "--name", "chief", "--role", "county-admin", .. db]);
        Assert.True(added == 0, addError);
        Assert.Contains("初始密码：", addText, StringComparison.Ordinal);
        var (addedVillage, _, villageError) = await RunAsync(["users", "add", "--name", "zhang", "--display-name", "张村干", "--role", "village", "--area", "三胡乡/黄柏园村", .. db]);
        Assert.True(addedVillage == 0, villageError);

        // The last active administrator is neither disabled nor made something else.
        var (lastExit, _, lastError) = await RunAsync(["users", "disable", "--name", "chief", .. db]);
        Assert.Equal(Tuopin.Web.Cli.TuopinCli.Refused, lastExit);
        Assert.Contains("最后一个", lastError, StringComparison.Ordinal);
        var (demoteExit, _, demoteError) = await RunAsync(["users", "change", "--name", "chief", "--role", "inspector", .. db]);
        Assert.Equal(Tuopin.Web.Cli.TuopinCli.Refused, demoteExit);
        Assert.Contains("最后一个", demoteError, StringComparison.Ordinal);

        Assert.Equal(0, (await RunAsync(["users", "disable", "--name", "zhang", "--reason", "调离", .. db])).Exit);
        var (_, listJson, _) = await RunAsync(["users", "list", "--format", "json", .. db]);
        var zhang = JsonDocument.Parse(listJson).RootElement.EnumerateArray().Single(u => u.GetProperty("userName").GetString() == "zhang");
        Assert.True(zhang.GetProperty("disabled").GetBoolean());
        var (_, listText, _) = await RunAsync(["users", "list", .. db]);
        Assert.Matches(@"zhang\s+village\s+已停用\s+上次登录 从未登录\s+三胡乡黄柏园村 张村干", listText);

        Assert.Equal(0, (await RunAsync(["users", "enable", "--name", "zhang", .. db])).Exit);
        var (resetExit, resetText, _) = await RunAsync(["users", "reset-password", "--name", "zhang", "--format", "json", .. db]);
        Assert.Equal(0, resetExit);
        var password = JsonDocument.Parse(resetText).RootElement.GetProperty("password").GetString();
        Assert.False(string.IsNullOrWhiteSpace(password));
        Assert.Equal(0, (await RunAsync(["users", "change", "--name", "zhang", "--area", "翔凤镇/老茶村", "--reason", "调任", .. db])).Exit);
        var (badArea, _, badAreaError) = await RunAsync(["users", "change", "--name", "zhang", "--area", "没有这个村", .. db]);
        Assert.Equal(Tuopin.Web.Cli.TuopinCli.Refused, badArea);
        Assert.Contains("没有这个村", badAreaError, StringComparison.Ordinal);
        var (unknown, _, unknownError) = await RunAsync(["users", "enable", "--name", "nobody", .. db]);
        Assert.Equal(Tuopin.Web.Cli.TuopinCli.Refused, unknown);
        Assert.Contains("nobody", unknownError, StringComparison.Ordinal);

        var user = await county.QueryAsync(d => d.Users.SingleAsync(u => u.UserName == "zhang"));
        Assert.Null(user.DisabledAt);
        Assert.True(user.MustChangePassword);
        Assert.Equal(county.Villages["翔凤镇/老茶村"].Id, user.VillageId);
        Assert.Equal(county.Villages["翔凤镇/老茶村"].TownshipId, user.TownshipId);

        // Every change is in the audit under the operator's name, created through disabled, enabled, reset, moved.
        var entries = await county.QueryAsync(d => d.AuditEntries.Where(e => e.EntityType == nameof(User) && e.EntityId == user.Id).OrderBy(e => e.Sequence).ToListAsync());
        Assert.Equal([AuditAction.Insert, AuditAction.Update, AuditAction.Update, AuditAction.Update, AuditAction.Update], entries.Select(e => e.Action));
        Assert.Equal("调离", entries[1].Reason);
        Assert.Equal("调任", entries[4].Reason);
        Assert.All(entries, e => Assert.StartsWith(Environment.UserName, e.UserName, StringComparison.Ordinal));
        Assert.DoesNotContain(password!, string.Join("\n", entries.Select(e => e.Changes)), StringComparison.Ordinal);
        Assert.Equal(0, (await RunAsync(["audit", "verify", .. db])).Exit);
    }

    [Theory, BothDatabases]
    public async Task AnAccountChangedFromTheShell_LosesTheRunningServersToken_WithinSeconds(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        await using var app = await RunningApp.StartAsync(county);
        var password = await app.AddUserAsync("wu", Domain.Accounts.Role.VillageOfficer, "三胡乡/黄柏园村");
        var moved = await app.AddUserAsync("zhao", Domain.Accounts.Role.VillageOfficer, "三胡乡/黄柏园村");
        var wu = app.BearerClient((await app.TokenAsync("wu", password)).Token!);
        var zhao = app.BearerClient((await app.TokenAsync("zhao", moved)).Token!);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await wu.GetAsync("/api/v1/overview")).StatusCode);
        string[] db = ["--db", provider == DbProvider.Sqlite ? county.Target.SqliteFile! : county.Target.ConnectionString, "--data-dir", TestDirectories.New("accounts-live")];

        // The shell is another process to the server: it learns of the change when its short cache of the account runs out.
        Assert.Equal(0, (await RunAsync(["users", "disable", "--name", "wu", .. db])).Exit);
        Assert.Equal(0, (await RunAsync(["users", "change", "--name", "zhao", "--role", "inspector", .. db])).Exit);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while ((await wu.GetAsync("/api/v1/overview")).StatusCode != System.Net.HttpStatusCode.Unauthorized)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), "The disabled account's token still works after 15 s");
            await Task.Delay(250);
        }
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await zhao.GetAsync("/api/v1/overview")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await app.TokenAsync("wu", password)).Response.StatusCode);
    }
}
