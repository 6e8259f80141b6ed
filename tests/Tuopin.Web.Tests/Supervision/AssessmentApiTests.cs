using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tuopin.Application.Organisation;
using Tuopin.Application.Storage;
using Tuopin.Application.Supervision;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Organisation;
using Tuopin.Domain.Supervision;
using Tuopin.Testing;

using static Tuopin.Web.Tests.CliRun;

namespace Tuopin.Web.Tests.Supervision;

/// <summary>
/// The assessment API and <c>tuopin assessment</c>: a finding of 三胡乡 closed on time counts in its township's figure; another
/// township's officer reads the ranking without 三胡乡's indicators; a village officer gets 403, an anonymous caller 401; the
/// scheme is set by the county administrator only, a bad one refused (400, the field named); the .xlsx opens as a workbook;
/// the CLI prints the same scores as JSON and writes the .xlsx.
/// </summary>
public sealed class AssessmentApiTests
{
    private const string Huangbo = "三胡乡/黄柏园村";

    [Fact]
    public async Task TheAssessmentIsReadBySomeRefusedToOthers_TheSchemeSetByTheAdministrator_AndTheCliAgrees()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        var (village, township) = county.Villages[Huangbo];
        // This year's assessment is judged as of today, so a finding closed today counts (a past year's is judged as of its
        // 31 December, when this finding was not closed yet).
        var year = county.Today.Year;
        var inspected = new DateOnly(year, 1, 1);
        var team = await county.As<SaveUnit>(county.Admin).HandleAsync(new SaveUnit.Request(new SaveUnit.Fields(UnitKind.VillageTeam, "黄柏园村脱贫责任组", TownshipId: township, VillageId: village)));
        var inspection = await county.As<RecordInspection>(county.Inspector).HandleAsync(new RecordInspection.Request(
            InspectionKind.Supervision, year, "督查", null, township, null, inspected, inspected, "王督查"));
        var finding = await county.As<RecordFinding>(county.Inspector).HandleAsync(new RecordFinding.Request(inspection.Id, FindingCategory.Other, "问题", team.Id, county.Today.AddDays(30)));
        var v = await county.As<RectifyFinding>(county.Admin).HandleAsync(new RectifyFinding.Request(finding.Id, 1, "已整改", true));
        await county.As<CloseFinding>(county.Inspector).HandleAsync(new CloseFinding.Request(finding.Id, v));

        await using (var app = await RunningApp.StartAsync(county))
        {
            var admin = await app.ClientAsAsync(Role.CountyAdmin);
            var other = await app.ClientAsAsync(Role.TownshipOfficer, "翔凤镇");
            var villageOfficer = await app.ClientAsAsync(Role.VillageOfficer, Huangbo);
            var anonymous = app.AnonymousClient();

            var all = JsonDocument.Parse(await admin.GetStringAsync($"/api/v1/supervision/assessment?year={year}")).RootElement;
            var sanhu = all.GetProperty("townships").EnumerateArray().Single(t => t.GetProperty("id").GetGuid() == township);
            var t6 = sanhu.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("code").GetString() == "T6");
            Assert.Equal(("1/1", 15m), (t6.GetProperty("counted").GetString(), t6.GetProperty("points").GetDecimal()));

            var seen = JsonDocument.Parse(await other.GetStringAsync($"/api/v1/supervision/assessment?year={year}")).RootElement;
            var sanhuSeen = seen.GetProperty("townships").EnumerateArray().Single(t => t.GetProperty("id").GetGuid() == township);
            Assert.Equal(sanhu.GetProperty("score").GetDecimal(), sanhuSeen.GetProperty("score").GetDecimal());
            Assert.False(sanhuSeen.GetProperty("detail").GetBoolean());
            Assert.Equal(0, sanhuSeen.GetProperty("indicators").GetArrayLength());
            Assert.Equal(HttpStatusCode.Forbidden, (await villageOfficer.GetAsync($"/api/v1/supervision/assessment?year={year}")).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/supervision/assessment?year={year}")).StatusCode);

            var xlsx = await admin.GetAsync($"/api/v1/supervision/assessment.xlsx?year={year}");
            Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
            var bytes = await xlsx.Content.ReadAsByteArrayAsync();
            Assert.Equal("PK"u8.ToArray(), bytes[..2]);

            // The scheme: a township officer may not set it; a bad one is refused with the field named; a good one is kept.
            var scheme = JsonDocument.Parse(await admin.GetStringAsync("/api/v1/supervision/assessment/scheme")).RootElement;
            Assert.True(scheme.GetProperty("isDefault").GetBoolean());
            var indicators = AssessmentScheme.Default.Indicators.ToList();
            Assert.Equal(HttpStatusCode.Forbidden, (await other.PutAsJsonAsync("/api/v1/supervision/assessment/scheme", new { indicators }, RunningApp.Json)).StatusCode);
            var bad = await admin.PutAsJsonAsync("/api/v1/supervision/assessment/scheme", new { indicators = indicators.Select(i => i.Code == "D1" ? i with { Weight = 30 } : i), reason = "x" }, RunningApp.Json);
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Contains("indicators.department", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            var good = await admin.PutAsJsonAsync("/api/v1/supervision/assessment/scheme", new { indicators = indicators.Select(i => i.Code == "T6" ? i with { Floor = 50, Full = 100 } : i), reason = "考核办会议" }, RunningApp.Json);
            Assert.Equal(HttpStatusCode.OK, good.StatusCode);
            Assert.False(JsonDocument.Parse(await good.Content.ReadAsStringAsync()).RootElement.GetProperty("isDefault").GetBoolean());
        }

        string[] db = ["--db", county.Target.SqliteFile!, "--data-dir", county.Settings.DataDirectory];
        var file = Path.Combine(county.Settings.DataDirectory, $"assessment-{year}.xlsx");
        var (exit, output, _) = await RunAsync(["assessment", .. db, "--year", year.ToString(System.Globalization.CultureInfo.InvariantCulture), "--out", file, "--format", "json"]);
        Assert.Equal(0, exit);
        var json = JsonDocument.Parse(output).RootElement;
        var cliSanhu = json.GetProperty("townships").EnumerateArray().Single(t => t.GetProperty("id").GetGuid() == township);
        var cliT6 = cliSanhu.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("code").GetString() == "T6");
        Assert.Equal("1/1", cliT6.GetProperty("counted").GetString());
        Assert.True(File.Exists(file));
        var (schemeExit, schemeOutput, _) = await RunAsync(["assessment", "scheme", .. db, "--format", "json"]);
        Assert.Equal(0, schemeExit);
        Assert.Equal(50m, JsonDocument.Parse(schemeOutput).RootElement.EnumerateArray().Single(i => i.GetProperty("code").GetString() == "T6").GetProperty("floor").GetDecimal());
        var (refusedExit, _, refusedError) = await RunAsync(["assessment", .. db, "--out", "a.pdf"]);
        Assert.NotEqual(0, refusedExit);
        Assert.Contains(".xlsx", refusedError, StringComparison.Ordinal);
    }
}
