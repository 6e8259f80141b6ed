using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Testing;

using static Tuopin.Web.Tests.CliRun;

namespace Tuopin.Web.Tests.Projects;

/// <summary>The project library over HTTP (a township plans, applies and publishes; the county approves; a step out of
/// order is refused with its reason; another township does not see it) and `tuopin projects list`.</summary>
public sealed class ProjectsApiTests
{
    private const string Own = "三胡乡/黄柏园村";

    [Fact]
    public async Task ATownshipPlansAndApplies_TheCountyApproves_TheNoticeIsPublished_AndOutOfOrderIsRefusedWithTheReason()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        await using var app = await RunningApp.StartAsync(county);
        var township = await app.ClientAsAsync(Role.TownshipOfficer, "三胡乡");
        var other = await app.ClientAsAsync(Role.TownshipOfficer, "翔凤镇");
        var admin = await app.ClientAsAsync(Role.CountyAdmin);

        var planned = await township.PostAsJsonAsync("/api/v1/projects", new
        {
            project = new { name = "黄柏园村通组公路", category = "Road", year = 2016, villages = new[] { county.Villages[Own].Id }, responsibleTownshipId = county.Townships["三胡乡"], budget = 800_000m, outputQuantity = 3.2m, outputUnit = "公里", integrated = true, plannedOn = new DateOnly(2016, 1, 10) },
        }, RunningApp.Json);
        Assert.Equal(HttpStatusCode.OK, planned.StatusCode);
        var saved = await planned.Content.ReadFromJsonAsync<JsonElement>();
        var id = saved.GetProperty("id").GetGuid();

        var early = await admin.PostAsJsonAsync($"/api/v1/projects/{id}/approve", new { version = 1, on = new DateOnly(2016, 2, 1), documentNumber = "来扶贫发〔2016〕1号" }, RunningApp.Json);
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Contains("下一步应为「申报」", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"/api/v1/projects/{id}/apply", new { version = 1, on = new DateOnly(2016, 1, 20) }, RunningApp.Json)).StatusCode);
        var applied = await township.PostAsJsonAsync($"/api/v1/projects/{id}/apply", new { version = 1, on = new DateOnly(2016, 1, 20) }, RunningApp.Json);
        Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await township.PostAsJsonAsync($"/api/v1/projects/{id}/approve", new { version = 2, on = new DateOnly(2016, 2, 1), documentNumber = "x" }, RunningApp.Json)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/projects/{id}/approve", new { version = 2, on = new DateOnly(2016, 2, 1), documentNumber = "来扶贫发〔2016〕1号" }, RunningApp.Json)).StatusCode);
        var shortNotice = await township.PostAsJsonAsync($"/api/v1/projects/{id}/notice", new { version = 3, on = new DateOnly(2016, 2, 5), days = 5 }, RunningApp.Json);
        Assert.Equal(HttpStatusCode.BadRequest, shortNotice.StatusCode);
        Assert.Contains("不得少于7天", await shortNotice.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await township.PostAsJsonAsync($"/api/v1/projects/{id}/notice", new { version = 3, on = new DateOnly(2016, 2, 5), days = 7 }, RunningApp.Json)).StatusCode);

        var project = await township.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{id}");
        Assert.Equal("2016-02-11", project.GetProperty("noticeEndsOn").GetString());
        Assert.Equal(4, project.GetProperty("steps").GetArrayLength());
        Assert.Equal(0, (await other.GetFromJsonAsync<JsonElement>("/api/v1/projects")).GetProperty("total").GetInt32());
        Assert.Equal(1, (await admin.GetFromJsonAsync<JsonElement>("/api/v1/projects?year=2016&step=Notice")).GetProperty("total").GetInt32());

        string[] db = ["--db", county.Target.SqliteFile!, "--data-dir", county.Settings.DataDirectory];
        var (exit, output, error) = await RunAsync(["projects", "list", .. db, "--year", "2016", "--step", "公示", "--format", "json"]);
        Assert.True(exit == 0, error);
        using var doc = JsonDocument.Parse(output);
        var row = Assert.Single(doc.RootElement.EnumerateArray());
        Assert.Equal(("LF2016-11-001", "Notice", 800_000m), (row.GetProperty("code").GetString(), row.GetProperty("step").GetString(), row.GetProperty("budget").GetDecimal()));
        var (textExit, text, _) = await RunAsync(["projects", "list", .. db]);
        Assert.Equal(0, textExit);
        Assert.Contains("LF2016-11-001  2016  公示  黄柏园村通组公路", text, StringComparison.Ordinal);
        var (badExit, _, _) = await RunAsync(["projects", "list", .. db, "--step", "nowhere"]);
        Assert.Equal(2, badExit);
    }
}
