using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tuopin.Application.Organisation;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Organisation;
using Tuopin.Testing;

using static Tuopin.Web.Tests.CliRun;

namespace Tuopin.Web.Tests.Supervision;

/// <summary>
/// The supervision API and <c>tuopin supervision findings</c>: an inspector records an inspection and a finding on a
/// village, the village's officer rectifies it with evidence, the inspector closes it; another township's officer gets 404
/// on the finding, a village officer cannot record, an anonymous caller gets 401, a bad upload is refused; the CLI lists
/// the overdue findings and exits 1 while any exist.
/// </summary>
public sealed class SupervisionApiTests
{
    private sealed record Saved(Guid Id, int Version);

    private const string Huangbo = "三胡乡/黄柏园村";

    [Fact]
    public async Task AFindingIsRecordedRectifiedAndClosed_OthersAreRefused_AndTheCliCountsOverdue()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        var (village, township) = county.Villages[Huangbo];
        var team = await county.As<SaveUnit>(county.Admin).HandleAsync(new SaveUnit.Request(new SaveUnit.Fields(UnitKind.VillageTeam, "黄柏园村脱贫责任组", TownshipId: township, VillageId: village)));
        await using (var app = await RunningApp.StartAsync(county))
        {
            var inspector = await app.ClientAsAsync(Role.Inspector);
            var officer = await app.ClientAsAsync(Role.VillageOfficer, Huangbo);
            var other = await app.ClientAsAsync(Role.TownshipOfficer, "翔凤镇");
            var anonymous = app.AnonymousClient();

            var created = await inspector.PostAsJsonAsync("/api/v1/supervision/inspections", new
            {
                kind = 2, year = 2016, title = "帮扶工作暗访", villageId = village, plannedOn = new DateOnly(2016, 5, 1), visitedOn = new DateOnly(2016, 5, 2), inspectors = "王督查",
            }, RunningApp.Json);
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var inspection = (await created.Content.ReadFromJsonAsync<Saved>(RunningApp.Json))!;
            var body = new { category = 2, description = "帮扶措施未落实", responsibleUnitId = team.Id, deadline = new DateOnly(2016, 6, 30), targetKind = 2, targetId = village };
            // A village officer may not record a finding; an anonymous caller is not signed in.
            Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsJsonAsync($"/api/v1/supervision/inspections/{inspection.Id}/findings", body, RunningApp.Json)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync($"/api/v1/supervision/inspections/{inspection.Id}/findings", body, RunningApp.Json)).StatusCode);
            var recorded = await inspector.PostAsJsonAsync($"/api/v1/supervision/inspections/{inspection.Id}/findings", body, RunningApp.Json);
            Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
            var finding = (await recorded.Content.ReadFromJsonAsync<Saved>(RunningApp.Json))!;

            // Another township's officer: the finding is not found, nor can it be rectified; anonymous: 401.
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/supervision/findings/{finding.Id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"/api/v1/supervision/findings/{finding.Id}/rectify", new { version = 1, measures = "x", submit = true }, RunningApp.Json)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/supervision/findings/{finding.Id}")).StatusCode);
            Assert.DoesNotContain("帮扶措施未落实", await other.GetStringAsync("/api/v1/supervision/findings"), StringComparison.Ordinal);

            // A bad upload is refused with its reason; a PDF is kept.
            var exe = new MultipartFormDataContent { { new ByteArrayContent("MZ\x90\0"u8.ToArray()), "file", "整改.pdf" } };
            var refused = await officer.PostAsync($"/api/v1/supervision/findings/{finding.Id}/evidence", exe);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("upload.content_mismatch", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            var pdf = new MultipartFormDataContent { { new ByteArrayContent("%PDF-1.4\n%%EOF\n"u8.ToArray()), "file", "整改材料.pdf" } };
            Assert.Equal(HttpStatusCode.OK, (await officer.PostAsync($"/api/v1/supervision/findings/{finding.Id}/evidence", pdf)).StatusCode);

            // Overdue now: the CLI (run below) and the list say so.
            var overdue = JsonDocument.Parse(await inspector.GetStringAsync("/api/v1/supervision/findings?overdue=true")).RootElement;
            Assert.Equal(1, overdue.GetProperty("overdue").GetInt32());

            var submitted = await officer.PostAsJsonAsync($"/api/v1/supervision/findings/{finding.Id}/rectify", new { version = 1, measures = "已逐户落实产业帮扶措施", submit = true }, RunningApp.Json);
            Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
            var version = (await submitted.Content.ReadFromJsonAsync<Saved>(RunningApp.Json))!.Version;
            Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsJsonAsync($"/api/v1/supervision/findings/{finding.Id}/close", new { version }, RunningApp.Json)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await inspector.PostAsJsonAsync($"/api/v1/supervision/findings/{finding.Id}/close", new { version }, RunningApp.Json)).StatusCode);
            var shown = JsonDocument.Parse(await officer.GetStringAsync($"/api/v1/supervision/findings/{finding.Id}")).RootElement;
            Assert.Equal("closed", shown.GetProperty("status").GetString());
            Assert.Equal(1, shown.GetProperty("evidence").GetArrayLength());
            var stats = JsonDocument.Parse(await inspector.GetStringAsync("/api/v1/supervision/stats?year=2016")).RootElement;
            Assert.Equal(1, stats.GetProperty("total").GetProperty("closed").GetInt32());
        }

        // The CLI: no overdue finding now (exit 0); a second one past its deadline makes --overdue exit 1.
        string[] db = ["--db", county.Target.SqliteFile!, "--data-dir", county.Settings.DataDirectory];
        var (none, _, _) = await RunAsync(["supervision", "findings", .. db, "--overdue"]);
        Assert.Equal(0, none);
        var inspectionId = await county.QueryAsync(db => Task.FromResult(db.Inspections.Select(i => i.Id).Single()));
        await county.As<Application.Supervision.RecordFinding>(county.Inspector).HandleAsync(new(inspectionId, Domain.Supervision.FindingCategory.DataQuality, "档案不全", team.Id, new DateOnly(2016, 7, 31)));
        var (exit, output, _) = await RunAsync(["supervision", "findings", .. db, "--year", "2016", "--overdue", "--format", "json"]);
        Assert.Equal(1, exit);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal(1, json.GetProperty("overdue").GetInt32());
        Assert.Equal("档案不全", json.GetProperty("findings")[0].GetProperty("description").GetString());
        var (textExit, text, _) = await RunAsync(["supervision", "findings", .. db]);
        Assert.Equal(0, textExit);
        Assert.Contains("逾期未销号 / overdue: 1", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APlannedInspectionIsListedAsPlanned_ItsVisitRecordedByPut_AStaleVersionAndOthersRefused()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        var (village, _) = county.Villages[Huangbo];
        var today = county.Today;
        await using var app = await RunningApp.StartAsync(county);
        var inspector = await app.ClientAsAsync(Role.Inspector);
        var officer = await app.ClientAsAsync(Role.VillageOfficer, Huangbo);
        var anonymous = app.AnonymousClient();

        // Planned: no visit day.
        var created = await inspector.PostAsJsonAsync("/api/v1/supervision/inspections", new
        {
            kind = 1, year = today.Year, title = "驻村帮扶督查", villageId = village, plannedOn = today.AddDays(5), inspectors = "王督查",
        }, RunningApp.Json);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var inspection = (await created.Content.ReadFromJsonAsync<Saved>(RunningApp.Json))!;
        var planned = JsonDocument.Parse(await inspector.GetStringAsync("/api/v1/supervision/inspections?stage=Planned")).RootElement.GetProperty("inspections").GetProperty("items");
        Assert.Equal("planned", Assert.Single(planned.EnumerateArray()).GetProperty("stage").GetString());

        var change = new { version = 1, kind = 1, title = "驻村帮扶督查", villageId = village, plannedOn = today, visitedOn = today, inspectors = "王督查、刘督查", reason = "已实施" };
        var path = $"/api/v1/supervision/inspections/{inspection.Id}";
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PutAsJsonAsync(path, change, RunningApp.Json)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PutAsJsonAsync(path, change, RunningApp.Json)).StatusCode);
        var future = await inspector.PutAsJsonAsync(path, change with { visitedOn = today.AddDays(1) }, RunningApp.Json);
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        Assert.Contains("visitedOn", await future.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var put = await inspector.PutAsJsonAsync(path, change, RunningApp.Json);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(2, (await put.Content.ReadFromJsonAsync<Saved>(RunningApp.Json))!.Version);
        Assert.Equal(HttpStatusCode.Conflict, (await inspector.PutAsJsonAsync(path, change, RunningApp.Json)).StatusCode);

        var shown = JsonDocument.Parse(await inspector.GetStringAsync(path)).RootElement;
        Assert.Equal(("visited", today.ToString("yyyy-MM-dd"), "王督查、刘督查", 2),
            (shown.GetProperty("stage").GetString(), shown.GetProperty("visitedOn").GetString(), shown.GetProperty("inspectors").GetString(), shown.GetProperty("version").GetInt32()));
        Assert.Equal(0, JsonDocument.Parse(await inspector.GetStringAsync("/api/v1/supervision/inspections?stage=Planned")).RootElement.GetProperty("total").GetInt32());
    }
}
