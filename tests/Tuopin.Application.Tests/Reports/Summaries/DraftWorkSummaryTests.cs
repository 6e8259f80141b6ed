using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Plan;
using Tuopin.Application.Reports;
using Tuopin.Application.Storage;
using Tuopin.Domain.Registry;
using Tuopin.Testing;

namespace Tuopin.Application.Tests.Reports;

public sealed class DraftWorkSummaryTests
{
    private const int Year = 2016;

    private static async Task<TestCounty> ArrangeAsync(DbProvider provider)
    {
        var county = await TestCounty.CreateAsync(provider);
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

    private static async Task<string> TextAsync(byte[] docx)
    {
        using var zip = new ZipArchive(new MemoryStream(docx));
        using var reader = new StreamReader(zip.GetEntry("word/document.xml")!.Open());
        return Regex.Replace(await reader.ReadToEndAsync(), "<[^>]+>", string.Empty);
    }

    private static string N(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>The progress paragraph as GetProgress's own figures give it: registered, exited, remaining.</summary>
    private static string ProgressSentence(GetProgress.Unit u) =>
        $"建档立卡贫困户 {N(u.Registered.Households)} 户 {N(u.Registered.People)} 人，已脱贫 {N(u.Exited.Households)} 户 {N(u.Exited.People)} 人，剩余贫困 {N(u.Remaining.Households)} 户 {N(u.Remaining.People)} 人";

    [Theory, BothDatabases]
    public async Task TheCountysAnnualSummary_ShowsTheProgressFiguresOfGetProgress_InTheDocxText_WithSourcesAndPlaceholders(DbProvider provider)
    {
        await using var county = await ArrangeAsync(provider);
        var progress = await county.As<GetProgress>(county.Admin).HandleAsync(new GetProgress.Query(Year));
        var m = await county.As<DraftWorkSummary>(county.Admin).HandleAsync(new DraftWorkSummary.Request(Year));

        Assert.Equal("来凤县2016年脱贫攻坚年度工作总结", m.Title);
        Assert.Equal(DraftWorkSummary.SectionOrder, m.Sections.Select(s => s.Key));
        Assert.DoesNotContain("inspections", DraftWorkSummary.SectionOrder);
        Assert.All(m.Sections.SelectMany(s => s.Tables), t => Assert.StartsWith("数据来源：", t.Source, StringComparison.Ordinal));
        var table = m.Sections.Single(s => s.Key == "progress").Tables.Single();
        Assert.Equal([N(progress.County.Registered.Households), N(progress.County.Registered.People)], table.Rows[0].Skip(1));
        Assert.Equal([N(progress.County.Remaining.Households), N(progress.County.Remaining.People)], table.Rows[2].Skip(1));

        var docx = SummaryDocument.Write(m);
        var text = await TextAsync(docx);
        Assert.Contains(ProgressSentence(progress.County), text, StringComparison.Ordinal);
        Assert.Contains("【请在此补充", text, StringComparison.Ordinal);
        Assert.Contains("数据来源：减贫进度（GetProgress", text, StringComparison.Ordinal);
        Assert.Contains("五、存在的问题和下一步工作打算", text, StringComparison.Ordinal);

        var directory = TestDirectories.New("work-summary");
        var file = Path.Combine(directory, "summary.docx");
        await File.WriteAllBytesAsync(file, docx);
        var pdf = await Exit.SelfAssessmentReportTests.LibreOfficeAsync(file, "pdf", directory);
        Assert.StartsWith("%PDF", Encoding.ASCII.GetString(File.ReadAllBytes(pdf), 0, 4), StringComparison.Ordinal);
    }

    [Theory, BothDatabases]
    public async Task ATownshipOfficer_DraftsOnlyTheirTownships_AndAVillageOfficerNone(DbProvider provider)
    {
        await using var county = await ArrangeAsync(provider);
        var officer = county.TownshipOfficer("三胡乡");
        var sanhu = county.Townships["三胡乡"];
        var progress = await county.As<GetProgress>(officer).HandleAsync(new GetProgress.Query(Year));
        var m = await county.As<DraftWorkSummary>(officer).HandleAsync(new DraftWorkSummary.Request(Year, 1, sanhu));
        Assert.Equal("三胡乡2016年上半年脱贫攻坚工作总结", m.Title);
        Assert.Contains(ProgressSentence(progress.Townships.Single(t => t.Id == sanhu)), await TextAsync(SummaryDocument.Write(m)), StringComparison.Ordinal);
        // The county sees the same township's figures.
        var byCounty = await county.As<DraftWorkSummary>(county.Inspector).HandleAsync(new DraftWorkSummary.Request(Year, 1, sanhu));
        Assert.Equal(m.Sections[0].Tables[0].Rows, byCounty.Sections[0].Tables[0].Rows);

        await Assert.ThrowsAsync<NotFoundException>(() => county.As<DraftWorkSummary>(officer).HandleAsync(new DraftWorkSummary.Request(Year, null, county.Townships["翔凤镇"])));
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<DraftWorkSummary>(officer).HandleAsync(new DraftWorkSummary.Request(Year)));
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<DraftWorkSummary>(county.VillageOfficer("三胡乡/黄柏园村")).HandleAsync(new DraftWorkSummary.Request(Year, null, sanhu)));
        var half = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<DraftWorkSummary>(county.Admin).HandleAsync(new DraftWorkSummary.Request(Year, 3)));
        Assert.Equal("summary.half", half.Problems.Single().Code);
    }
}
