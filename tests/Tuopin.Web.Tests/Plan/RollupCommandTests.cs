using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Accounts;
using Tuopin.Application.Plan;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Testing;

using static Tuopin.Web.Tests.CliRun;

namespace Tuopin.Web.Tests.Plan;

/// <summary>
/// <c>tuopin users add --role prefecture|province --area</c> and <c>tuopin rollup</c>: the operator creates a prefecture
/// official for 恩施州 (an unknown prefecture refused, naming it); the county administrator cannot create one through the API (403); the roll-up
/// from the shell prints what the use case counts and writes the .xlsx; an unknown area is refused.
/// </summary>
public sealed class RollupCommandTests
{
    [Fact]
    public async Task TheOperatorCreatesAPrefectureOfficial_AndTheRollupFromTheShellIsTheUseCases()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        string[] db = ["--db", county.Target.SqliteFile!, "--data-dir", county.Settings.DataDirectory];

        var (added, _, addError) = await RunAsync(["users", "add", "--name", "enshi", "--role", "prefecture", "--area", "422800", .. db]);
        Assert.True(added == 0, addError);
        var user = await county.QueryAsync(d => d.Users.SingleAsync(u => u.UserName == "enshi"));
        var enshi = await county.QueryAsync(d => d.Prefectures.SingleAsync(p => p.Code == "422800"));
        Assert.Equal((Role.PrefectureOfficial, (Guid?)enshi.Id, Guid.Empty), (user.Role, user.RegionId, user.CountyId));
        var (unknown, _, unknownError) = await RunAsync(["users", "add", "--name", "nowhere", "--role", "prefecture", "--area", "429900", .. db]);
        Assert.NotEqual(0, unknown);
        Assert.Contains("429900", unknownError, StringComparison.Ordinal);
        // The county administrator, through the API, may not make an official above the county.
        await using (var app = await RunningApp.StartAsync(county))
        {
            using var admin = await app.ClientAsAsync(Role.CountyAdmin);
            var response = await admin.PostAsJsonAsync("/api/v1/accounts", new { userName = "enshi2", displayName = "恩施州", role = Role.PrefectureOfficial, area = "422800" });
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.False(await county.QueryAsync(d => d.Users.AnyAsync(u => u.UserName == "enshi2")));
        }

        var official = new Actor(user.Id, "enshi", Role.PrefectureOfficial, AreaScope.Region(AreaLevel.Prefecture, enshi.Id));
        var expected = await county.As<GetRollup>(official).HandleAsync(new GetRollup.Query());
        var file = Path.Combine(county.Settings.DataDirectory, "rollup-422800.xlsx");
        var (exit, output, error) = await RunAsync(["rollup", "--area", "422800", "--out", file, "--format", "json", .. db]);
        Assert.True(exit == 0, error);
        var json = JsonDocument.Parse(output).RootElement.GetProperty("rollup");
        Assert.Equal("422800", json.GetProperty("code").GetString());
        Assert.Equal(expected.Counties.Count, json.GetProperty("counties").GetArrayLength());
        Assert.Equal(expected.Total.Registered.Households, json.GetProperty("total").GetProperty("registered").GetProperty("households").GetInt32());
        Assert.Equal(expected.Total.Remaining.People, json.GetProperty("total").GetProperty("remaining").GetProperty("people").GetInt32());
        Assert.True(new FileInfo(file).Length > 0);

        var (text, textOutput, _) = await RunAsync(["rollup", "--area", "422800", .. db]);
        Assert.Equal(0, text);
        Assert.Contains("来凤县", textOutput, StringComparison.Ordinal);
        var (refused, _, refusedError) = await RunAsync(["rollup", "--area", "999999", .. db]);
        Assert.NotEqual(0, refused);
        Assert.Contains("999999", refusedError, StringComparison.Ordinal);
    }
}
