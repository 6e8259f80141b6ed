using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;
using Tuopin.Domain.Projects;
using Tuopin.Testing;

using static Tuopin.Web.Tests.CliRun;

namespace Tuopin.Web.Tests.Funds;

/// <summary>The fund ledger over HTTP (the county allocates, the township pays its households, the ledger and its .xlsx, the village's own household's trace) and `tuopin funds check` / `trace`.</summary>
public sealed class FundsApiTests
{
    private const string Own = "三胡乡/黄柏园村";

    private static async Task<Guid> ProjectAsync(TestCounty county)
    {
        await using var db = county.Factory.CreateForOperator("tests");
        var project = new Project
        {
            Id = Guid.CreateVersion7(), CountyId = county.CountyId, Code = "LF2016-CY-001", Name = "黄柏园村藤茶基地", Category = ProjectCategory.Industry, Year = 2016,
            ResponsibleTownshipId = county.Townships["三胡乡"], Budget = Money.FromYuan(10_000m), OutputQuantity = 50, OutputUnit = "亩", Step = ProjectStep.Notice,
            ApprovedOn = new DateOnly(2016, 3, 1), NoticeStartsOn = new DateOnly(2016, 3, 2), NoticeEndsOn = new DateOnly(2016, 3, 10), RecordedBy = "tests", Version = 1,
            Villages = [new ProjectVillage { Id = Guid.CreateVersion7(), VillageId = county.Villages[Own].Id }],
        };
        db.Projects.Add(project);
        await db.SaveChangesAsync();
        return project.Id;
    }

    [Fact]
    public async Task TheCountyAllocates_TheTownshipPaysItsHouseholds_AndTheLedgerTheXlsxTheTraceAndTheCliAgree()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        var household = await county.AddHouseholdAsync(Own);
        var number = await county.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Households.Where(h => h.Id == household).Select(h => h.Number)));
        var project = await ProjectAsync(county);
        string[] dbArgs = ["--db", county.Target.SqliteFile!, "--data-dir", county.Settings.DataDirectory];
        var (clean, _, cleanError) = await RunAsync(["funds", "check", .. dbArgs, "--as-of", "2016-03-31"]);
        Assert.True(clean == 0, cleanError);

        await using var app = await RunningApp.StartAsync(county);
        var admin = await app.ClientAsAsync(Role.CountyAdmin);
        var township = await app.ClientAsAsync(Role.TownshipOfficer, "三胡乡");
        var village = await app.ClientAsAsync(Role.VillageOfficer, Own);

        var source = await (await admin.PostAsJsonAsync("/api/v1/funds/sources", new { level = "central", issuingDepartment = "财政部", documentNumber = "财农〔2016〕7号", year = 2016, receivedOn = new DateOnly(2016, 1, 20), amount = 20_000m, category = "industryDevelopment" }, RunningApp.Json)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.Forbidden, (await township.PostAsJsonAsync("/api/v1/funds/allocations", new { sourceId = source.GetProperty("id").GetGuid(), projectId = project, allocatedOn = new DateOnly(2016, 2, 1), amount = 1m }, RunningApp.Json)).StatusCode);
        var allocated = await admin.PostAsJsonAsync("/api/v1/funds/allocations", new { sourceId = source.GetProperty("id").GetGuid(), projectId = project, allocatedOn = new DateOnly(2016, 2, 1), amount = 12_000m }, RunningApp.Json);
        Assert.Equal(HttpStatusCode.OK, allocated.StatusCode);
        var allocationId = (await allocated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var early = await township.PostAsJsonAsync("/api/v1/funds/disbursements", new { allocationId, paidOn = new DateOnly(2016, 3, 10), payments = new[] { new { amount = 3_000m, householdNumber = number, subsidyType = "产业奖补" } } }, RunningApp.Json);
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Contains("2016-03-10", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var paid = await township.PostAsJsonAsync("/api/v1/funds/disbursements", new { allocationId, paidOn = new DateOnly(2016, 3, 11), payments = new[] { new { amount = 3_000m, householdNumber = number, subsidyType = "产业奖补" } } }, RunningApp.Json);
        Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
        await township.PostAsJsonAsync("/api/v1/funds/disbursements", new { allocationId, paidOn = new DateOnly(2016, 4, 11), payments = new[] { new { amount = 1_000m, householdNumber = number, subsidyType = "产业奖补" } } }, RunningApp.Json);

        var ledger = await admin.GetFromJsonAsync<JsonElement>("/api/v1/funds/ledger?by=township", RunningApp.Json);
        var row = Assert.Single(ledger.GetProperty("rows").EnumerateArray());
        Assert.Equal((12_000m, 4_000m, 8_000m), (row.GetProperty("allocated").GetDecimal(), row.GetProperty("disbursed").GetDecimal(), row.GetProperty("balance").GetDecimal()));
        var xlsx = await admin.GetAsync("/api/v1/funds/ledger.xlsx?by=township");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        var trace = await village.GetFromJsonAsync<JsonElement>($"/api/v1/funds/trace/household/{number}", RunningApp.Json);
        Assert.Equal(4_000m, trace.GetProperty("total").GetDecimal());
        Assert.Equal(HttpStatusCode.Forbidden, (await village.GetAsync("/api/v1/funds/ledger")).StatusCode);

        // The CLI: the same household paid the same subsidy twice in 2016 — an alert, exit 1; the traces as JSON.
        var (code, text, error) = await RunAsync(["funds", "check", .. dbArgs, "--as-of", "2016-04-30", "--format", "json"]);
        Assert.True(code == 1, error);
        using (var doc = JsonDocument.Parse(text))
            Assert.Contains(doc.RootElement.GetProperty("findings").EnumerateArray(), f => f.GetProperty("code").GetString() == "funds.paid_twice");
        var (traced, sourceJson, traceError) = await RunAsync(["funds", "trace", .. dbArgs, "--source", "财农〔2016〕7号", "--format", "json"]);
        Assert.True(traced == 0, traceError);
        using (var doc = JsonDocument.Parse(sourceJson))
            Assert.Equal(4_000m, doc.RootElement.GetProperty("disbursed").GetDecimal());
        var (byHousehold, householdText, _) = await RunAsync(["funds", "trace", .. dbArgs, "--household", number]);
        Assert.Equal(0, byHousehold);
        Assert.Contains("4,000.00", householdText, StringComparison.Ordinal);
        var (usage, _, _) = await RunAsync(["funds", "trace", .. dbArgs]);
        Assert.Equal(2, usage);
    }

    [Fact]
    public async Task TheSettingsOfProjectsAndFunds_AreReadAndSetOverHttpAndFromTheCommandLine_ByTheCountyAdministratorOnly()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        string[] dbArgs = ["--db", county.Target.SqliteFile!, "--data-dir", county.Settings.DataDirectory];
        await using (var app = await RunningApp.StartAsync(county))
        {
            var admin = await app.ClientAsAsync(Role.CountyAdmin);
            var township = await app.ClientAsAsync(Role.TownshipOfficer, "三胡乡");
            var read = await township.GetFromJsonAsync<JsonElement>("/api/v1/funds/settings", RunningApp.Json);
            Assert.Equal((90, false), (read.GetProperty("idleDays").GetInt32(), read.GetProperty("canSet").GetBoolean()));
            Assert.Equal(HttpStatusCode.Forbidden, (await township.PutAsJsonAsync("/api/v1/funds/settings", new { idleDays = 30 }, RunningApp.Json)).StatusCode);
            var bad = await admin.PutAsJsonAsync("/api/v1/funds/settings", new { idleDays = 30, schedule = "6:50,3:25" }, RunningApp.Json);
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Contains("schedule", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(90, (await admin.GetFromJsonAsync<JsonElement>("/api/v1/funds/settings", RunningApp.Json)).GetProperty("idleDays").GetInt32());
            var set = await admin.PutAsJsonAsync("/api/v1/funds/settings", new { idleDays = 30, reason = "县扶贫办通知" }, RunningApp.Json);
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
            var after = await set.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal((30, true), (after.GetProperty("idleDays").GetInt32(), after.GetProperty("canSet").GetBoolean()));
        }

        var (shown, text, showError) = await RunAsync(["funds", "settings", .. dbArgs]);
        Assert.True(shown == 0, showError);
        Assert.Contains("idle days: 30", text, StringComparison.Ordinal);
        var (refused, _, refusal) = await RunAsync(["funds", "settings", .. dbArgs, "--notice-min-days", "0"]);
        Assert.NotEqual(0, refused);
        Assert.Contains("公示期须在1至90天之间", refusal, StringComparison.Ordinal);
        var (changed, json, changeError) = await RunAsync(["funds", "settings", .. dbArgs, "--not-started-days", "60", "--schedule", "6:40,12:100", "--reason", "调整", "--format", "json"]);
        Assert.True(changed == 0, changeError);
        using var doc = JsonDocument.Parse(json);
        Assert.Equal((60, "6:40,12:100", 30), (doc.RootElement.GetProperty("notStartedDays").GetInt32(), doc.RootElement.GetProperty("schedule").GetString(), doc.RootElement.GetProperty("idleDays").GetInt32()));
    }
}

