using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tuopin.Application.Common;
using Tuopin.Application.Registry;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;
using Tuopin.Domain.Funds;
using Tuopin.Domain.Projects;
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
        await FundsAsync(county);
        await using var app = await RunningApp.StartAsync(county);
        var admin = await app.ClientAsAsync(Role.CountyAdmin);

        foreach (var (code, query) in new[] { ("population", "year=2016"), ("population", "year=2016&township=三胡乡"), ("village-exits", "year=2016"), ("training", "year=2016"), ("project-funds", "year=2016") })
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

    /// <summary>
    /// A 2016 and a 2015 fund source; 2016 projects P1, P2 (三胡乡), P3 (翔凤镇) and P4 (county level, no township), and P5, a 2015
    /// project of 三胡乡 given 2016 money; P1 is also given 2015 money. Returns the projects by code.
    /// </summary>
    private static async Task<Dictionary<string, Guid>> FundsAsync(TestCounty county)
    {
        var ids = new Dictionary<string, Guid>();
        await county.QueryAsync(async db =>
        {
            FundSource S(int year, string number) => new() { Id = Guid.NewGuid(), CountyId = county.CountyId, IssuingDepartment = "省财政厅", DocumentNumber = number, Year = year, ReceivedOn = new DateOnly(year, 3, 1), Amount = Money.FromYuan(1_000_000m), Category = IntegrationCategory.ConditionImprovement, RecordedBy = "tests" };
            var s2016 = S(2016, "鄂财〔2016〕1号");
            var s2015 = S(2015, "鄂财〔2015〕9号");
            Project P(string code, Guid? township, ProjectStep step, decimal budget, int year = 2016)
            {
                var p = new Project
                {
                    Id = Guid.NewGuid(), CountyId = county.CountyId, Code = code, Name = "项目" + code, Category = ProjectCategory.Road, Year = year, ResponsibleTownshipId = township, Budget = Money.FromYuan(budget),
                    OutputUnit = "公里", Step = step, RecordedBy = "tests",
                };
                ids[code] = p.Id;
                return p;
            }
            var p1 = P("P1", county.Townships["三胡乡"], ProjectStep.Implementing, 300_000m);
            var p2 = P("P2", county.Townships["三胡乡"], ProjectStep.Closed, 100_000.55m);
            var p3 = P("P3", county.Townships["翔凤镇"], ProjectStep.Accepted, 80_000m);
            var p4 = P("P4", null, ProjectStep.Implementing, 50_000m);
            var p5 = P("P5", county.Townships["三胡乡"], ProjectStep.Closed, 999m, 2015);
            FundAllocation A(FundSource s, Project p, decimal amount, decimal paid) => new() { Id = Guid.NewGuid(), CountyId = county.CountyId, FundSourceId = s.Id, ProjectId = p.Id, AllocatedOn = new DateOnly(s.Year, 4, 1), Amount = Money.FromYuan(amount), Disbursed = Money.FromYuan(paid), RecordedBy = "tests" };
            db.AddRange(s2016, s2015, p1, p2, p3, p4, p5);
            db.AddRange(A(s2016, p1, 200_000m, 50_000.10m), A(s2015, p1, 40_000m, 40_000m), A(s2016, p2, 100_000.55m, 100_000.55m), A(s2016, p3, 70_000m, 35_000m),
                A(s2016, p4, 20_000m, 0m), A(s2016, p5, 999m, 999m));
            return await db.SaveChangesAsync();
        });
        return ids;
    }

    /// <summary>
    /// The projects-and-funds form against the fund ledger (Funds/GetFundLedger) over the API, same year, same areas. The form counts
    /// the year's projects (项目年度) with all the money given to them; the ledger's year is the money's (资金年度). Per project
    /// (the ledger's project view, all years) the form's allocated and paid sums are the ledger's to the fen, row by row and in total;
    /// the ledger by township for 2016 differs from the form exactly by P1's 2015 money (in the form) and P5's 2016 money (in the ledger).
    /// </summary>
    [Fact]
    public async Task TheProjectFundsForm_HasTheFundLedgersFigures_ForTheSameProjects()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        var ids = await FundsAsync(county);
        await using var app = await RunningApp.StartAsync(county);
        var admin = await app.ClientAsAsync(Role.CountyAdmin);

        var form = await admin.GetFromJsonAsync<JsonElement>("/api/v1/reports/project-funds?year=2016", RunningApp.Json);
        var columns = form.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("key").GetString()).ToList();
        (decimal Allocated, decimal Paid) FormLine(JsonElement values)
        {
            var v = values.EnumerateArray().Select(x => x.GetDecimal()).ToList();
            return (v[columns.IndexOf("allocated")], v[columns.IndexOf("disbursed")]);
        }
        var formRows = form.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("area").GetString()!, r => FormLine(r.GetProperty("values")));
        var formTotal = FormLine(form.GetProperty("total").GetProperty("values"));

        var byProject = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/funds/ledger?by=project", RunningApp.Json)).GetProperty("rows").EnumerateArray()
            .ToDictionary(r => r.GetProperty("id").GetGuid(), r => (Allocated: r.GetProperty("allocated").GetDecimal(), Paid: r.GetProperty("disbursed").GetDecimal()));
        (decimal, decimal) Ledger(params string[] codes) => (codes.Sum(c => byProject[ids[c]].Allocated), codes.Sum(c => byProject[ids[c]].Paid));
        Assert.Equal(Ledger("P1", "P2"), formRows["三胡乡"]);
        Assert.Equal(Ledger("P3"), formRows["翔凤镇"]);
        Assert.Equal(Ledger("P4"), formRows["县直"]);
        Assert.Equal(Ledger("P1", "P2", "P3", "P4"), formTotal);
        Assert.Equal((340_000.55m, 190_000.65m), formRows["三胡乡"]);

        var byTownship = await admin.GetFromJsonAsync<JsonElement>("/api/v1/funds/ledger?by=township&year=2016", RunningApp.Json);
        var sanhu = byTownship.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("id").ValueKind == JsonValueKind.String && r.GetProperty("id").GetGuid() == county.Townships["三胡乡"]);
        Assert.Equal(formRows["三胡乡"].Allocated - 40_000m + 999m, sanhu.GetProperty("allocated").GetDecimal());
        Assert.Equal(formRows["三胡乡"].Paid - 40_000m + 999m, sanhu.GetProperty("disbursed").GetDecimal());
        var xiangfeng = byTownship.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("id").ValueKind == JsonValueKind.String && r.GetProperty("id").GetGuid() == county.Townships["翔凤镇"]);
        Assert.Equal(formRows["翔凤镇"], (xiangfeng.GetProperty("allocated").GetDecimal(), xiangfeng.GetProperty("disbursed").GetDecimal()));
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
