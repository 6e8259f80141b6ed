using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Testing;

using static Tuopin.Web.Tests.CliRun;

namespace Tuopin.Web.Tests.Industry;

/// <summary>The industry API and <c>tuopin industry progress</c>: a cooperative registered, households enrolled, the actual risen.</summary>
public sealed class IndustryApiTests
{
    private const string Own = "三胡乡/黄柏园村", Other = "翔凤镇/老茶村";

    [Fact]
    public async Task ACooperativeIsRegistered_HouseholdsEnrolled_AndTheIndustrysActualRises_InTheApiAndTheCli()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        await county.QueryAsync(db => Application.Plan.LoadPlan.EnsureBuiltInAsync(db));
        var (a, b) = (await county.AddHouseholdAsync(Own), await county.AddHouseholdAsync(Own));
        await using (var app = await RunningApp.StartAsync(county))
        {
            var township = await app.ClientAsAsync(Role.TownshipOfficer, "三胡乡");
            var village = await app.ClientAsAsync(Role.VillageOfficer, Own);
            var stranger = await app.ClientAsAsync(Role.VillageOfficer, Other);
            var inspector = await app.ClientAsAsync(Role.Inspector);

            var created = await township.PostAsJsonAsync("/api/v1/industry/entities", new
            {
                kind = 2, name = "黄柏园藤茶专业合作社", industries = new[] { "vine_tea" }, villages = new[] { county.Villages[Own].Id }, registeredOn = new DateOnly(2015, 4, 1),
            }, RunningApp.Json);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var coop = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            Assert.Equal(HttpStatusCode.Forbidden, (await village.PostAsJsonAsync("/api/v1/industry/entities", new { kind = 2, name = "x", registeredOn = new DateOnly(2015, 4, 1) }, RunningApp.Json)).StatusCode);

            foreach (var h in new[] { a, b })
                Assert.Equal(HttpStatusCode.Created, (await village.PostAsJsonAsync("/api/v1/industry/participations",
                    new { householdId = h, industryId = "vine_tea", year = 2017, scale = 2.5, scaleFarmer = h == a, link = 2, marketEntityId = coop }, RunningApp.Json)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsJsonAsync("/api/v1/industry/participations",
                new { householdId = a, industryId = "vine_tea", year = 2017, scale = 1, scaleFarmer = false, link = 1 }, RunningApp.Json)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await inspector.PostAsJsonAsync("/api/v1/industry/participations",
                new { householdId = a, industryId = "vine_tea", year = 2017, scale = 1, scaleFarmer = false, link = 1 }, RunningApp.Json)).StatusCode);

            var progress = await inspector.GetFromJsonAsync<JsonElement>("/api/v1/industry/progress?year=2017");
            var vine = progress.GetProperty("industries").EnumerateArray().Single(i => i.GetProperty("id").GetString() == "vine_tea");
            Assert.Equal((5m, 2, 1), (vine.GetProperty("mu").GetDecimal(), vine.GetProperty("poorHouseholds").GetInt32(), vine.GetProperty("scaleFarmers").GetInt32()));
            var theirs = await stranger.GetFromJsonAsync<JsonElement>("/api/v1/industry/progress?year=2017");
            Assert.Equal(0, theirs.GetProperty("industries").EnumerateArray().Single(i => i.GetProperty("id").GetString() == "vine_tea").GetProperty("records").GetInt32());
            var check = await township.GetFromJsonAsync<JsonElement>("/api/v1/industry/villages-121?year=2017");
            var own = check.GetProperty("villages").EnumerateArray().Single(v => v.GetProperty("villageId").GetGuid() == county.Villages[Own].Id);
            Assert.Equal("tea", own.GetProperty("leadingIndustry").GetString());
            Assert.Equal(2, own.GetProperty("missing").GetArrayLength());
            var listed = await village.GetFromJsonAsync<JsonElement>($"/api/v1/industry/participations?industryId=tea&year=2017");
            Assert.Equal(2, listed.GetProperty("total").GetInt32());
        }

        string[] db = ["--db", county.Target.SqliteFile!, "--data-dir", county.Settings.DataDirectory];
        var (code, text, error) = await RunAsync(["industry", "progress", .. db, "--year", "2017", "--format", "json"]);
        Assert.True(code == 0, error);
        using var doc = JsonDocument.Parse(text);
        var industries = doc.RootElement.GetProperty("industries").EnumerateArray().ToList();
        Assert.Equal(9, industries.Count);
        var tea = industries.Single(i => i.GetProperty("id").GetString() == "tea");
        Assert.Equal((100_000, 5m), (tea.GetProperty("muTarget").GetInt32(), tea.GetProperty("mu").GetDecimal()));
        var (plain, plainText, _) = await RunAsync(["industry", "progress", .. db, "--year", "2017"]);
        Assert.Equal(0, plain);
        Assert.Contains("藤茶", plainText, StringComparison.Ordinal);
        Assert.Equal(2, await county.QueryAsync(db => db.Measures.CountAsync(m => m.Type == Domain.Assistance.MeasureType.Industry)));
    }
}
