using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Testing;

using static Tuopin.Web.Tests.CliRun;

namespace Tuopin.Web.Tests.Credit;

/// <summary>Micro-credit over HTTP (a village officer's loan and repayment, the limit named, the fund the county's) and `tuopin credit status`.</summary>
public sealed class CreditApiTests
{
    private const string Own = "三胡乡/黄柏园村";

    [Fact]
    public async Task AVillageOfficer_RecordsALoanAndARepayment_TheLimitIsNamed_AndTheFundIsTheCountys()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        var own = await county.AddHouseholdAsync(Own);
        await using var app = await RunningApp.StartAsync(county);
        var village = await app.ClientAsAsync(Role.VillageOfficer, Own);
        var admin = await app.ClientAsAsync(Role.CountyAdmin);

        var over = await village.PostAsJsonAsync("/api/v1/credit/loans", new { householdId = own, loan = new { bank = "来凤农商行", contractNumber = "W-1", amount = 50_000.01m, issuedOn = new DateOnly(2016, 3, 1), termMonths = 36, purpose = "养猪", industryId = "pigs" } }, RunningApp.Json);
        Assert.Equal(HttpStatusCode.BadRequest, over.StatusCode);
        Assert.Contains("50,000.00", await over.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var issued = await village.PostAsJsonAsync("/api/v1/credit/loans", new { householdId = own, loan = new { bank = "来凤农商行", contractNumber = "W-1", amount = 50_000m, issuedOn = new DateOnly(2014, 3, 1), termMonths = 36, purpose = "养猪", industryId = "pigs" } }, RunningApp.Json);
        Assert.Equal(HttpStatusCode.OK, issued.StatusCode);
        var saved = await issued.Content.ReadFromJsonAsync<JsonElement>();
        var id = saved.GetProperty("id").GetGuid();
        var repaid = await village.PostAsJsonAsync($"/api/v1/credit/loans/{id}/repayments", new { version = saved.GetProperty("version").GetInt32(), paidOn = new DateOnly(2016, 3, 1), principal = 20_000m, interest = 4_350m }, RunningApp.Json);
        Assert.Equal(HttpStatusCode.OK, repaid.StatusCode);
        var stale = await village.PostAsJsonAsync($"/api/v1/credit/loans/{id}/repayments", new { version = 1, paidOn = new DateOnly(2016, 4, 1), principal = 1m }, RunningApp.Json);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

        var overdue = await village.GetFromJsonAsync<JsonElement>("/api/v1/credit/loans/overdue?asOf=2017-03-02");
        var row = Assert.Single(overdue.GetProperty("loans").EnumerateArray());
        Assert.Equal((1, 30_000m), (row.GetProperty("daysOverdue").GetInt32(), row.GetProperty("outstanding").GetDecimal()));
        // The village sees its loans but not the county's fund; the administrator deposits and sees the leverage.
        Assert.Equal(JsonValueKind.Null, (await village.GetFromJsonAsync<JsonElement>("/api/v1/credit/status?asOf=2017-03-02")).GetProperty("guaranteeFund").ValueKind);
        Assert.Equal(HttpStatusCode.Forbidden, (await village.GetAsync("/api/v1/credit/fund")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync("/api/v1/credit/fund/deposits", new { depositedOn = new DateOnly(2014, 1, 1), amount = 10_000m, source = "来财农发〔2014〕3号" }, RunningApp.Json)).StatusCode);
        var status = await admin.GetFromJsonAsync<JsonElement>("/api/v1/credit/status?asOf=2017-03-02");
        Assert.Equal(3m, status.GetProperty("guaranteeFund").GetProperty("leverage").GetDecimal());

        string[] db = ["--db", county.Target.SqliteFile!, "--data-dir", county.Settings.DataDirectory];
        var (exit, output, error) = await RunAsync(["credit", "status", .. db, "--as-of", "2017-03-02", "--format", "json"]);
        Assert.True(exit == 0, error);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(1, doc.RootElement.GetProperty("overdue").GetProperty("count").GetInt32());
        Assert.Equal(30_000m, doc.RootElement.GetProperty("outstanding").GetProperty("amount").GetDecimal());
        Assert.Equal(3m, doc.RootElement.GetProperty("fund").GetProperty("leverage").GetDecimal());
        var (textExit, text, _) = await RunAsync(["credit", "status", .. db, "--as-of", "2017-03-02"]);
        Assert.Equal(0, textExit);
        Assert.Contains("逾期 1 笔", text, StringComparison.Ordinal);
    }
}
