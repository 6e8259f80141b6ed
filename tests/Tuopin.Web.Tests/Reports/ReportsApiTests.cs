using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tuopin.Application.Common;
using Tuopin.Application.Registry;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Registry;
using Tuopin.Testing;

using static Tuopin.Web.Tests.CliRun;

namespace Tuopin.Web.Tests.Reports;

/// <summary>
/// The report forms over HTTP and at the command line: the .xlsx read back and the API's JSON give the same figures
/// (the page's table against both: ReportsJourneyTests); another township's officer is refused (404), an anonymous caller 401.
/// </summary>
public sealed class ReportsApiTests
{
    private static async Task BuildAsync(TestCounty county)
    {
        var a = await county.AddHouseholdAsync("三胡乡/黄柏园村", Build.Member(), Build.Member(Relation.Spouse, Sex.Female), Build.Member(Relation.Son));
        await county.AddHouseholdAsync("三胡乡/石桥村", Build.Member());
        var c = await county.AddHouseholdAsync("翔凤镇/老茶村", Build.Member(), Build.Member(Relation.Daughter, Sex.Female));
        await ExitAsync(county, a, 2015);
        await ExitAsync(county, c, 2016);
    }

    private static async Task ExitAsync(TestCounty county, Guid id, int year)
    {
        var h = await county.As<GetHousehold>(county.Admin).HandleAsync(id);
        await county.As<ChangeHouseholdStatus>(county.Admin).HandleAsync(new ChangeHouseholdStatus.Request(id, h.Version, HouseholdStatus.Exited, year, new DateOnly(year, 12, 15), "测试"));
    }

    [Fact]
    public async Task TheXlsx_AndTheApi_GiveTheSameFigures()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        await BuildAsync(county);
        await using var app = await RunningApp.StartAsync(county);
        var admin = await app.ClientAsAsync(Role.CountyAdmin);

        foreach (var (code, query) in new[] { ("population", "year=2016"), ("population", "year=2016&township=三胡乡"), ("village-exits", "year=2016"), ("training", "year=2016") })
        {
            var api = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/reports/{code}?{query}", RunningApp.Json);
            var apiRows = api.GetProperty("rows").EnumerateArray().Select(r => (Area: r.GetProperty("area").GetString()!, Values: r.GetProperty("values").EnumerateArray().Select(v => v.GetDecimal()).ToArray()))
                .Append((Area: "合计", Values: api.GetProperty("total").GetProperty("values").EnumerateArray().Select(v => v.GetDecimal()).ToArray())).ToList();
            Assert.NotEmpty(apiRows);

            var file = await admin.GetAsync($"/api/v1/reports/{code}.xlsx?{query}");
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
            Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", file.Content.Headers.ContentType?.MediaType);
            var sheet = XlsxReader.Read(new MemoryStream(await file.Content.ReadAsByteArrayAsync())).ToList();
            var fileRows = sheet.Skip(3).Take(apiRows.Count)
                .Select(r => (Area: r[0].Text, Values: r.Cells.Skip(1).Select(c => decimal.Parse(c.Text, CultureInfo.InvariantCulture)).ToArray())).ToList();

            for (var i = 0; i < apiRows.Count; i++)
            {
                Assert.Equal(apiRows[i].Area, fileRows[i].Area);
                Assert.Equal(apiRows[i].Values, fileRows[i].Values);
            }
            Assert.Contains(sheet.Skip(3 + apiRows.Count), r => r[0].Text.StartsWith("口径：", StringComparison.Ordinal));
        }

        // The hand-counted figures themselves: 三胡乡 starts 2016 with B poor (A exited in 2015) and ends it so; 翔凤镇's C exits in 2016.
        var population = await admin.GetFromJsonAsync<JsonElement>("/api/v1/reports/population?year=2016", RunningApp.Json);
        var columns = population.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("key").GetString()).ToList();
        var total = population.GetProperty("total").GetProperty("values").EnumerateArray().Select(v => v.GetDecimal()).ToList();
        Assert.Equal((2m, 3m, 1m, 2m, 1m, 1m), (total[columns.IndexOf("start_h")], total[columns.IndexOf("start_p")], total[columns.IndexOf("exit_h")], total[columns.IndexOf("exit_p")], total[columns.IndexOf("end_h")], total[columns.IndexOf("end_p")]));
    }

    [Fact]
    public async Task AnotherTownship_IsNotFound_AnAnonymousCallerIsUnauthorized_AndTheVillageSeesItsOwn()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        await BuildAsync(county);
        await using var app = await RunningApp.StartAsync(county);
        var township = await app.ClientAsAsync(Role.TownshipOfficer, "翔凤镇");
        var village = await app.ClientAsAsync(Role.VillageOfficer, "三胡乡/石桥村");
        var inspector = await app.ClientAsAsync(Role.Inspector);

        Assert.Equal(HttpStatusCode.NotFound, (await township.GetAsync("/api/v1/reports/population?year=2016&township=三胡乡")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await township.GetAsync($"/api/v1/reports/population.xlsx?year=2016&township={county.Townships["三胡乡"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await village.GetAsync("/api/v1/reports/training?year=2016&township=三胡乡&village=黄柏园村")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await township.GetAsync("/api/v1/reports/no-such-form?year=2016")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await village.GetAsync("/api/v1/reports/project-funds?year=2016")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.AnonymousClient().GetAsync("/api/v1/reports/population?year=2016")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.AnonymousClient().GetAsync("/api/v1/reports/population.xlsx?year=2016")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.AnonymousClient().GetAsync("/api/v1/reports")).StatusCode);

        // Without an area each officer gets their own: the township's villages, the one village.
        var own = await township.GetFromJsonAsync<JsonElement>("/api/v1/reports/population?year=2016", RunningApp.Json);
        Assert.Equal("来凤县翔凤镇", own.GetProperty("areaName").GetString());
        var mine = await village.GetFromJsonAsync<JsonElement>("/api/v1/reports/population?year=2016", RunningApp.Json);
        Assert.Equal("石桥村", Assert.Single(mine.GetProperty("rows").EnumerateArray().ToList()).GetProperty("area").GetString());
        Assert.Equal(HttpStatusCode.OK, (await inspector.GetAsync("/api/v1/reports/assistance.xlsx?year=2016&township=三胡乡")).StatusCode);

        var catalogue = await village.GetFromJsonAsync<JsonElement>("/api/v1/reports", RunningApp.Json);
        Assert.Equal(["population", "assistance", "village-exits", "project-funds", "training"], catalogue.EnumerateArray().Select(f => f.GetProperty("code").GetString()!).ToArray());
    }

    [Fact]
    public async Task TheCli_ListsTheForms_WritesOne_AndRefusesAnUnknownTownship()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        await BuildAsync(county);
        string[] dbArgs = ["--db", county.Target.SqliteFile!, "--data-dir", county.Settings.DataDirectory];

        var (listed, list, listError) = await RunAsync(["report", "list", .. dbArgs]);
        Assert.True(listed == 0, listError);
        Assert.Contains("贫困人口动态变化表", list, StringComparison.Ordinal);

        var path = Path.Combine(county.Settings.DataDirectory, "out", "population.xlsx");
        var (wrote, json, error) = await RunAsync(["report", "population", "--year", "2016", "--township", "三胡乡", "--out", path, "--format", "json", .. dbArgs]);
        Assert.True(wrote == 0, error);
        var answer = JsonDocument.Parse(json).RootElement;
        Assert.Equal("来凤县三胡乡", answer.GetProperty("area").GetString());
        var sheet = XlsxReader.Read(File.OpenRead(path)).ToList();
        Assert.Equal("贫困人口动态变化表", sheet[0][0].Text);
        var totalRow = sheet.First(r => r[0].Text == "合计");
        Assert.Equal(answer.GetProperty("total").EnumerateArray().Select(v => v.GetDecimal()).ToArray(), totalRow.Cells.Skip(1).Select(c => decimal.Parse(c.Text, CultureInfo.InvariantCulture)).ToArray());

        var (refused, _, refusal) = await RunAsync(["report", "population", "--year", "2016", "--township", "没有这个乡", .. dbArgs]);
        Assert.Equal(1, refused);
        Assert.Contains("没有这个乡", refusal, StringComparison.Ordinal);
        var (usage, _, _) = await RunAsync(["report", "no-such-form", .. dbArgs]);
        Assert.Equal(2, usage);
    }
}
