using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Exit;
using Tuopin.Testing;

namespace Tuopin.Web.Tests.Exit;

/// <summary>Village exit (出列) over HTTP: the steps, evidence uploads, the zip, and the area rules.</summary>
public sealed class AreaExitApiTests
{
    private const string Village = "三胡乡/黄柏园村";
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n% 出列材料\n%%EOF\n");

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, Guid id, string item, string name)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Pdf);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", name);
        return await client.PostAsync($"/api/v1/exit/areas/{id}/evidence/{item}", form);
    }

    private static async Task<string[]> ProblemCodesAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("code").GetString()!).ToArray();
    }

    [Theory, BothDatabases]
    public async Task AVillage_GoesThroughItsExit_OverHttp_AndAnotherTownshipSeesNothing(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        await county.QueryAsync(db => db.Villages.ExecuteUpdateAsync(s => s.SetProperty(v => v.RegisteredPopulation, 100)));
        await using var app = await RunningApp.StartAsync(county);
        var village = await app.ClientAsAsync(Role.VillageOfficer, Village);
        var township = await app.ClientAsAsync(Role.TownshipOfficer, "三胡乡");
        var admin = await app.ClientAsAsync(Role.CountyAdmin);
        var other = await app.ClientAsAsync(Role.TownshipOfficer, "绿水镇");

        var opened = await village.PostAsJsonAsync("/api/v1/exit/areas", new { level = AreaExitLevel.Village, areaId = county.Villages[Village].Id, year = 2016 }, RunningApp.Json);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        var id = (await opened.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var assessed = await village.PostAsJsonAsync($"/api/v1/exit/areas/{id}/steps", new { step = AreaExitStep.SelfAssessment, date = "2016-11-20", note = "自评" }, RunningApp.Json);
        Assert.Equal(HttpStatusCode.OK, assessed.StatusCode);
        var view = await assessed.Content.ReadFromJsonAsync<JsonElement>();
        var snapshot = view.GetProperty("steps")[0].GetProperty("snapshot");
        Assert.True(snapshot.GetProperty("ready").GetBoolean());
        Assert.Contains(snapshot.GetProperty("conditions").EnumerateArray(), c => c.GetProperty("rule").GetString() == "village_incidence" && c.GetProperty("threshold").GetDecimal() == 2m);

        // Applying without the evidence: 400 listing each missing document.
        var early = await township.PostAsJsonAsync($"/api/v1/exit/areas/{id}/steps", new { step = AreaExitStep.Application, date = "2016-12-10" }, RunningApp.Json);
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        var codes = await ProblemCodesAsync(early);
        Assert.Equal(AreaExitRules.DefaultVillageChecklist.Count(i => i.Required), codes.Length);
        Assert.All(codes, c => Assert.Equal("area_exit.evidence_missing", c));

        foreach (var item in AreaExitRules.DefaultVillageChecklist.Where(i => i.Required))
            Assert.Equal(HttpStatusCode.OK, (await UploadAsync(village, id, item.Key, $"{item.Key}.pdf")).StatusCode);
        var badName = await UploadAsync(village, id, "village_notice", "..\\evil.pdf");
        Assert.Equal(HttpStatusCode.BadRequest, badName.StatusCode);

        // Another township: 404 on everything, and its writes are refused.
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/exit/areas/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/exit/areas/{id}/file.zip")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await UploadAsync(other, id, "village_notice", "x.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"/api/v1/exit/areas/{id}/steps", new { step = AreaExitStep.Application, date = "2016-12-10" }, RunningApp.Json)).StatusCode);
        var otherBoard = await other.GetFromJsonAsync<JsonElement>("/api/v1/exit/areas?year=2016&level=Village");
        Assert.DoesNotContain(otherBoard.GetProperty("rows").EnumerateArray(), r => r.GetProperty("areaId").GetGuid() == county.Villages[Village].Id);

        // Wrong role 403; after the deadline 400 with the reason; then in time.
        Assert.Equal(HttpStatusCode.Forbidden, (await village.PostAsJsonAsync($"/api/v1/exit/areas/{id}/steps", new { step = AreaExitStep.Application, date = "2016-12-10" }, RunningApp.Json)).StatusCode);
        var late = await township.PostAsJsonAsync($"/api/v1/exit/areas/{id}/steps", new { step = AreaExitStep.Application, date = "2016-12-20" }, RunningApp.Json);
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Equal(["area_exit.deadline_passed"], await ProblemCodesAsync(late));
        Assert.Equal(HttpStatusCode.OK, (await township.PostAsJsonAsync($"/api/v1/exit/areas/{id}/steps", new { step = AreaExitStep.Application, date = "2016-12-10" }, RunningApp.Json)).StatusCode);
        var accepted = await admin.PostAsJsonAsync($"/api/v1/exit/areas/{id}/steps", new { step = AreaExitStep.Acceptance, date = "2016-12-22", note = "验收通过", passed = true }, RunningApp.Json);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.True((await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("exited").GetBoolean());

        var board = await township.GetFromJsonAsync<JsonElement>("/api/v1/exit/areas?year=2016&level=Village");
        var row = board.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("areaId").GetGuid() == county.Villages[Village].Id);
        Assert.True(row.GetProperty("exited").GetBoolean());
        Assert.Empty(row.GetProperty("missing").EnumerateArray());

        // The zip, streamed: one document per required item and the index workbook.
        var zipResponse = await township.GetAsync($"/api/v1/exit/areas/{id}/file.zip");
        Assert.Equal(HttpStatusCode.OK, zipResponse.StatusCode);
        Assert.Equal("application/zip", zipResponse.Content.Headers.ContentType?.MediaType);
        var bytes = await zipResponse.Content.ReadAsByteArrayAsync();
        using (var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read))
        {
            Assert.Equal(AreaExitRules.DefaultVillageChecklist.Count(i => i.Required) + 1, zip.Entries.Count);
            Assert.Contains(zip.Entries, e => e.FullName == "01 贫困村出列申请/village_application.pdf");
            using var index = new MemoryStream();
            await using (var s = zip.GetEntry("索引.xlsx")!.Open()) await s.CopyToAsync(index);
            index.Position = 0;
            var sheet = Tuopin.Application.Common.SheetFormats.Read(index, Tuopin.Application.Common.SheetFormat.Xlsx).ToList();
            var status = sheet[0].Cells.Select(c => c.Text).ToList().IndexOf("状态");
            var rows = sheet.Skip(1).ToList();
            Assert.Equal(AreaExitRules.DefaultVillageChecklist.Count, rows.Count);
            Assert.Equal(7, rows.Count(r => r[status].Text == "已提交"));
        }

        // A stored file changed on disk: 409 naming it, before any byte of the archive.
        var store = app.Services.GetRequiredService<AttachmentStore>();
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Pdf));
        await File.WriteAllBytesAsync(store.PathOf(sha), Encoding.ASCII.GetBytes("%PDF-1.4 changed"));
        var changed = await township.GetAsync($"/api/v1/exit/areas/{id}/file.zip");
        Assert.Equal(HttpStatusCode.Conflict, changed.StatusCode);
        Assert.Contains("SHA-256", await changed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
