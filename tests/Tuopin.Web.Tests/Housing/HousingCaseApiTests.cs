using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tuopin.Application.Housing;
using Tuopin.Application.Registry;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Registry;
using Tuopin.Testing;

using static Tuopin.Web.Tests.CliRun;

namespace Tuopin.Web.Tests.Housing;

/// <summary>A housing case over the API, from the village's application to the county's payment; and the CLI's counts per step.</summary>
public sealed class HousingCaseApiTests
{
    private const string Village = "三胡乡/黄柏园村";

    [Fact]
    public async Task ACase_IsAppliedApprovedBuiltAcceptedAndPaid_OverTheApi_AndCountedByTheCli()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        await county.As<SetHousingSubsidies>(county.Admin).HandleAsync(new SetHousingSubsidies.Amounts(Build: 40_000m, Fixed: 25_000m, Renovation: 10_000m));
        var household = await county.As<CreateHousehold>(county.Admin).HandleAsync(new CreateHousehold.Request(
            Build.Household(county.Villages[Village].Id) with { Housing = HousingSafety.DangerD }, [Build.Member()], RegisteredOn: new DateOnly(2014, 10, 1)));
        await using var app = await RunningApp.StartAsync(county);
        var village = await app.ClientAsAsync(Role.VillageOfficer, Village);
        var township = await app.ClientAsAsync(Role.TownshipOfficer, "三胡乡");
        var today = county.Today;

        var applied = await village.PostAsJsonAsync("/api/v1/housing/cases", new { householdId = household, kind = "relocation", settlement = "centralised", siteName = "三胡集镇安置点", appliedOn = today.AddDays(-30) }, RunningApp.Json);
        Assert.Equal(HttpStatusCode.Created, applied.StatusCode);
        var id = (await applied.Content.ReadFromJsonAsync<JsonElement>(RunningApp.Json)).GetProperty("id").GetGuid();

        var approvedByVillage = await village.PostAsJsonAsync($"/api/v1/housing/cases/{id}/approve", new { version = 1, approvedOn = today.AddDays(-25), document = "来发改〔2017〕9号" }, RunningApp.Json);
        Assert.Equal(HttpStatusCode.Forbidden, approvedByVillage.StatusCode);
        var version = await StepAsync(township, $"/api/v1/housing/cases/{id}/approve", new { version = 1, approvedOn = today.AddDays(-25), document = "来发改〔2017〕9号" });
        var early = await township.PostAsJsonAsync($"/api/v1/housing/cases/{id}/pay", new { version, paidOn = today, voucher = "P-1" }, RunningApp.Json);
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Contains("先验收后拨付", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        version = await StepAsync(village, $"/api/v1/housing/cases/{id}/start", new { version, startedOn = today.AddDays(-20) });
        version = await StepAsync(township, $"/api/v1/housing/cases/{id}/accept", new { version, acceptedOn = today.AddDays(-2), acceptedBy = "乡镇验收组", result = "pass" });
        var stale = await township.PostAsJsonAsync($"/api/v1/housing/cases/{id}/pay", new { version = version - 1, paidOn = today, voucher = "P-1" }, RunningApp.Json);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        await StepAsync(township, $"/api/v1/housing/cases/{id}/pay", new { version, paidOn = today, voucher = "P-1" });

        var detail = await township.GetFromJsonAsync<JsonElement>($"/api/v1/housing/cases/{id}", RunningApp.Json);
        Assert.Equal("paid", detail.GetProperty("step").GetString());
        Assert.Equal(25_000m, detail.GetProperty("paidAmount").GetDecimal());
        Assert.Equal("done", detail.GetProperty("measureStatus").GetString());
        var assistance = await village.GetStringAsync($"/api/v1/assistance/households/{household}");
        Assert.Contains("三胡集镇安置点", assistance, StringComparison.Ordinal);

        string[] db = ["--db", county.Target.SqliteFile!, "--data-dir", county.Settings.DataDirectory];
        var (exit, json, error) = await RunAsync(["housing", "cases", .. db, "--step", "Paid", "--format", "json"]);
        Assert.True(exit == 0, error);
        using var doc = JsonDocument.Parse(json);
        Assert.Equal(1, doc.RootElement.GetProperty("byStep").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "已拨付").GetProperty("count").GetInt32());
        Assert.Single(doc.RootElement.GetProperty("cases").EnumerateArray());
    }

    private static async Task<int> StepAsync(HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body, RunningApp.Json);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>(RunningApp.Json)).GetProperty("version").GetInt32();
    }
}
