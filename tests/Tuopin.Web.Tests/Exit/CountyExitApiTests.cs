using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Exit;
using Tuopin.Testing;

namespace Tuopin.Web.Tests.Exit;

/// <summary>The county's own exit (贫困县摘帽) over HTTP: the same endpoints at level county; only the county administrator writes.</summary>
public sealed class CountyExitApiTests
{
    [Theory, BothDatabases]
    public async Task OnlyTheCountyAdministrator_OpensAndRunsTheCountysExit_OthersReadItsLineOrAreRefused(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        await using var app = await RunningApp.StartAsync(county);
        var admin = await app.ClientAsAsync(Role.CountyAdmin);
        var township = await app.ClientAsAsync(Role.TownshipOfficer, "三胡乡");
        var village = await app.ClientAsAsync(Role.VillageOfficer, "三胡乡/黄柏园村");
        var anonymous = app.AnonymousClient();
        var open = new { level = AreaExitLevel.County, areaId = county.CountyId, year = 2016 };

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/v1/exit/areas", open, RunningApp.Json)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/exit/areas?year=2016&level=County")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/exit/areas/county/{county.CountyId}/report.docx?year=2016")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await township.PostAsJsonAsync("/api/v1/exit/areas", open, RunningApp.Json)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await village.PostAsJsonAsync("/api/v1/exit/areas", open, RunningApp.Json)).StatusCode);

        var opened = await admin.PostAsJsonAsync("/api/v1/exit/areas", open, RunningApp.Json);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        var id = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        // The township officer cannot record a step, file a document or read the procedure; they see its line on the board.
        var step = await township.PostAsJsonAsync($"/api/v1/exit/areas/{id}/steps", new { step = AreaExitStep.SelfAssessment, date = "2016-11-20" }, RunningApp.Json);
        Assert.Contains(step.StatusCode, new[] { HttpStatusCode.Forbidden, HttpStatusCode.NotFound });
        using (var form = new MultipartFormDataContent { { new ByteArrayContent("%PDF-1.4\n%%EOF\n"u8.ToArray()), "file", "申请.pdf" } })
            Assert.Contains((await township.PostAsync($"/api/v1/exit/areas/{id}/evidence/county_application", form)).StatusCode, new[] { HttpStatusCode.Forbidden, HttpStatusCode.NotFound });
        Assert.Equal(HttpStatusCode.NotFound, (await township.GetAsync($"/api/v1/exit/areas/{id}")).StatusCode);
        var board = await township.GetFromJsonAsync<JsonElement>("/api/v1/exit/areas?year=2016&level=County", RunningApp.Json);
        var row = Assert.Single(board.GetProperty("rows").EnumerateArray());
        Assert.Equal(id, row.GetProperty("procedureId").GetGuid());
        Assert.Equal(HttpStatusCode.Forbidden, (await township.GetAsync($"/api/v1/exit/areas/county/{county.CountyId}/report.docx?year=2016")).StatusCode);

        // Before the evaluation the self-assessment is refused with the three rates named; the report is still made, saying so.
        var early = await admin.PostAsJsonAsync($"/api/v1/exit/areas/{id}/steps", new { step = AreaExitStep.SelfAssessment, date = "2016-11-20" }, RunningApp.Json);
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        var docx = await admin.GetAsync($"/api/v1/exit/areas/county/{county.CountyId}/report.docx?year=2016");
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        using var zip = new ZipArchive(await docx.Content.ReadAsStreamAsync());
        using var reader = new StreamReader(zip.GetEntry("word/document.xml")!.Open());
        var xml = await reader.ReadToEndAsync();
        Assert.Contains("贫困县退出自查评估报告", xml, StringComparison.Ordinal);
        Assert.Contains("尚未开展第三方评估抽样调查", xml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/v1/exit/areas/county/{county.CountyId}/report.xlsx?year=2016")).StatusCode);
    }
}
