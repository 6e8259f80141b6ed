using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Audit;
using Tuopin.Application.Plan;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Registry;
using Tuopin.Testing;

namespace Tuopin.Web.Tests.Reports;

/// <summary>
/// The work summary drafts (工作总结) over HTTP: the county's annual .docx carries the title and GetProgress's figures
/// (as DraftWorkSummaryTests reads them); a township officer gets their own township's and 404 for another's, 403 for
/// the county's; a village officer 403; an anonymous caller 401.
/// </summary>
public sealed class SummaryApiTests
{
    private const int Year = 2016;

    /// <summary>As DraftWorkSummaryTests: nine households in three villages, two of each three exited in 2016.</summary>
    private static async Task<TestCounty> ArrangeAsync()
    {
        var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        await using (var db = county.Factory.CreateForOperator("tests"))
            await LoadPlan.EnsureBuiltInAsync(db);
        var ids = new List<Guid>();
        foreach (var village in new[] { "三胡乡/黄柏园村", "三胡乡/石桥村", "翔凤镇/老茶村" })
            for (var i = 0; i < 3; i++) ids.Add(await county.AddHouseholdAsync(village));
        var exited = ids.Where((_, i) => i % 3 != 2).ToList();
        await county.QueryAsync(db => db.Households.Where(h => exited.Contains(h.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.Status, HouseholdStatus.Exited).SetProperty(h => h.ExitYear, Year)));
        await county.QueryAsync(db => db.Villages.ExecuteUpdateAsync(s => s.SetProperty(v => v.RegisteredPopulation, 400)));
        return county;
    }

    private static async Task<string> TextAsync(HttpResponseMessage response)
    {
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()));
        using var reader = new StreamReader(zip.GetEntry("word/document.xml")!.Open());
        return Regex.Replace(await reader.ReadToEndAsync(), "<[^>]+>", string.Empty);
    }

    private static string N(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string ProgressSentence(GetProgress.Unit u) =>
        $"建档立卡贫困户 {N(u.Registered.Households)} 户 {N(u.Registered.People)} 人，已脱贫 {N(u.Exited.Households)} 户 {N(u.Exited.People)} 人，剩余贫困 {N(u.Remaining.Households)} 户 {N(u.Remaining.People)} 人";

    [Fact]
    public async Task TheCountyAdmin_DownloadsTheCountysAnnualDocx_WithGetProgresssFigures_AndTheExportIsAudited()
    {
        await using var county = await ArrangeAsync();
        var progress = await county.As<GetProgress>(county.Admin).HandleAsync(new GetProgress.Query(Year));
        await using var app = await RunningApp.StartAsync(county);
        var admin = await app.ClientAsAsync(Role.CountyAdmin);

        var response = await admin.GetAsync($"/api/v1/reports/summaries/{Year}.docx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("来凤县-2016-年度工作总结.docx", response.Content.Headers.ContentDisposition?.FileNameStar);
        var text = await TextAsync(response);
        Assert.Contains("来凤县2016年脱贫攻坚年度工作总结", text, StringComparison.Ordinal);
        Assert.Contains(ProgressSentence(progress.County), text, StringComparison.Ordinal);
        Assert.True(progress.County.Exited.Households > 0);
        Assert.Contains("数据来源：减贫进度（GetProgress", text, StringComparison.Ordinal);
        Assert.Contains("【请在此补充", text, StringComparison.Ordinal);

        // The half-year draft of a township, named by its name.
        var half = await admin.GetAsync($"/api/v1/reports/summaries/{Year}.docx?half=1&township=三胡乡");
        Assert.Equal(HttpStatusCode.OK, half.StatusCode);
        Assert.Contains("三胡乡2016年上半年脱贫攻坚工作总结", await TextAsync(half), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync($"/api/v1/reports/summaries/{Year}.docx?half=3")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/v1/reports/summaries/{Year}.docx?township=没有乡")).StatusCode);

        var audited = await county.QueryAsync(db => db.AuditEntries.Where(e => e.EntityType == "WorkSummary" && e.Action == AuditAction.Export).CountAsync());
        Assert.Equal(2, audited);
    }

    [Fact]
    public async Task ATownshipOfficer_GetsTheirOwn_AndNotAnothers_AVillageOfficerIsForbidden_AnAnonymousCallerUnauthorized()
    {
        await using var county = await ArrangeAsync();
        var sanhu = county.Townships["三胡乡"];
        var progress = await county.As<GetProgress>(county.TownshipOfficer("三胡乡")).HandleAsync(new GetProgress.Query(Year));
        await using var app = await RunningApp.StartAsync(county);
        var officer = await app.ClientAsAsync(Role.TownshipOfficer, "三胡乡");
        var other = await app.ClientAsAsync(Role.TownshipOfficer, "翔凤镇");
        var village = await app.ClientAsAsync(Role.VillageOfficer, "三胡乡/黄柏园村");

        var own = await officer.GetAsync($"/api/v1/reports/summaries/{Year}.docx?township={sanhu}");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        var text = await TextAsync(own);
        Assert.Contains("三胡乡2016年脱贫攻坚年度工作总结", text, StringComparison.Ordinal);
        Assert.Contains(ProgressSentence(progress.Townships.Single(t => t.Id == sanhu)), text, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/reports/summaries/{Year}.docx?township={sanhu}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/v1/reports/summaries/{Year}.docx?township=三胡乡")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/api/v1/reports/summaries/{Year}.docx")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await village.GetAsync($"/api/v1/reports/summaries/{Year}.docx?township={sanhu}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await village.GetAsync($"/api/v1/reports/summaries/{Year}.docx")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.AnonymousClient().GetAsync($"/api/v1/reports/summaries/{Year}.docx")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.AnonymousClient().GetAsync($"/api/v1/reports/summaries/{Year}.docx?township={sanhu}")).StatusCode);
    }
}
