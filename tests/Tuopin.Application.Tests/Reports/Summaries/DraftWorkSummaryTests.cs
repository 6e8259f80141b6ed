using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Plan;
using Tuopin.Application.Reports;
using Tuopin.Application.Organisation;
using Tuopin.Application.Storage;
using Tuopin.Application.Supervision;
using Tuopin.Domain.Organisation;
using Tuopin.Domain.Registry;
using Tuopin.Domain.Supervision;
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
        Assert.Contains("inspections", DraftWorkSummary.SectionOrder);
        Assert.Equal(new DateOnly(Year, 12, 31), m.AsOf);
        Assert.All(m.Sections.SelectMany(s => s.Tables), t => Assert.StartsWith("数据来源：", t.Source, StringComparison.Ordinal));
        var table = m.Sections.Single(s => s.Key == "progress").Tables.Single();
        Assert.Equal([N(progress.County.Registered.Households), N(progress.County.Registered.People)], table.Rows[0].Skip(1));
        Assert.Equal([N(progress.County.Remaining.Households), N(progress.County.Remaining.People)], table.Rows[2].Skip(1));

        var docx = SummaryDocument.Write(m);
        var text = await TextAsync(docx);
        Assert.Contains(ProgressSentence(progress.County), text, StringComparison.Ordinal);
        Assert.Contains("【请在此补充", text, StringComparison.Ordinal);
        Assert.Contains("数据来源：减贫进度（GetProgress", text, StringComparison.Ordinal);
        Assert.Contains("六、存在的问题和下一步工作打算", text, StringComparison.Ordinal);

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

    /// <summary>
    /// Two inspections of 三胡乡 in 2016 (visited 12 May and 10 September) and four findings: A closed on time in June,
    /// B (deadline 20 June) closed late on 1 August, C (deadline 1 December) and D (the September inspection's) open.
    /// </summary>
    private static async Task ArrangeInspectionsAsync(TestCounty county)
    {
        var save = county.As<SaveUnit>(county.Admin);
        var office = await save.HandleAsync(new SaveUnit.Request(new SaveUnit.Fields(UnitKind.TownshipOffice, "三胡乡扶贫开发办", TownshipId: county.Townships["三胡乡"])));
        var record = county.As<RecordInspection>(county.Inspector);
        var may = new DateOnly(Year, 5, 12);
        var september = new DateOnly(Year, 9, 10);
        var first = await record.HandleAsync(new RecordInspection.Request(InspectionKind.Supervision, Year, "精准识别工作督查", null, county.Townships["三胡乡"], null, may, may, "张督查"));
        var second = await record.HandleAsync(new RecordInspection.Request(InspectionKind.Special, Year, "扶贫资金专项督查", null, county.Townships["三胡乡"], null, september, september, "李督查"));
        var finding = county.As<RecordFinding>(county.Inspector);
        var a = await finding.HandleAsync(new(first.Id, FindingCategory.Identification, "家庭人口与户籍不一致", office.Id, new DateOnly(Year, 6, 15)));
        var b = await finding.HandleAsync(new(first.Id, FindingCategory.Assistance, "帮扶走访记录缺失", office.Id, new DateOnly(Year, 6, 20)));
        await finding.HandleAsync(new(first.Id, FindingCategory.DataQuality, "档案不全", office.Id, new DateOnly(Year, 12, 1)));
        await finding.HandleAsync(new(second.Id, FindingCategory.Funds, "拨付凭证缺失", office.Id, new DateOnly(Year, 10, 30)));
        await county.QueryAsync(db => db.Findings.Where(f => f.Id == a.Id)
            .ExecuteUpdateAsync(x => x.SetProperty(f => f.Status, FindingStatus.Closed).SetProperty(f => f.ClosedOn, new DateOnly(Year, 6, 10))));
        await county.QueryAsync(db => db.Findings.Where(f => f.Id == b.Id)
            .ExecuteUpdateAsync(x => x.SetProperty(f => f.Status, FindingStatus.Closed).SetProperty(f => f.ClosedOn, new DateOnly(Year, 8, 1))));
    }

    private static IReadOnlyList<string> TotalRow(DraftWorkSummary.Model m) => m.Sections.Single(s => s.Key == "inspections").Tables.Single().Rows[^1];

    [Theory, BothDatabases]
    public async Task TheInspectionsSection_CountsAsOfTheEndOfThePeriod_FromGetFindingStats(DbProvider provider)
    {
        await using var county = await ArrangeAsync(provider);
        await ArrangeInspectionsAsync(county);

        // The first half, drafted years later, counts as of 30 June: one inspection held, A closed on time, B overdue, C not yet due.
        var half = await county.As<DraftWorkSummary>(county.Admin).HandleAsync(new DraftWorkSummary.Request(Year, 1));
        var june = new DateOnly(Year, 6, 30);
        Assert.Equal(june, half.AsOf);
        Assert.Equal(["合计", "3", "1", "1", "1"], TotalRow(half));
        var statsJune = await county.As<GetFindingStats>(county.Inspector).HandleAsync(Year, june);
        Assert.Equal((1, 3, 1, 1, 1), (statsJune.Inspections, statsJune.Total.Findings, statsJune.Total.Closed, statsJune.Total.ClosedOnTime, statsJune.Total.Overdue));
        var section = half.Sections.Single(s => s.Key == "inspections");
        Assert.Equal("五、督查检查和问题整改情况", section.Heading);
        Assert.Contains("开展督查检查 1 次，发现问题 3 个，已整改销号 1 个（按期 1 个", section.Paragraphs.Single(), StringComparison.Ordinal);
        Assert.Equal(["识别不精准", "帮扶不到位", "数据质量"], section.Tables.Single().Rows.SkipLast(1).Select(r => r[0]));
        // Every figure of the half-year summary is as of 30 June, the progress and coverage included.
        Assert.All(half.Sections.SelectMany(s => s.Tables), t => Assert.Contains("截至 2016-06-30", t.Source, StringComparison.Ordinal));
        Assert.Contains("截至2016年6月30日", half.Sections[0].Paragraphs.Single(), StringComparison.Ordinal);
        Assert.Equal(june, (await county.As<GetProgress>(county.Admin).HandleAsync(new GetProgress.Query(Year, june))).AsOf);

        // The year counts as of 31 December: two inspections, four findings, A and B closed (B late), C and D overdue.
        var annual = await county.As<DraftWorkSummary>(county.Admin).HandleAsync(new DraftWorkSummary.Request(Year));
        Assert.Equal(["合计", "4", "2", "1", "2"], TotalRow(annual));
        var statsYear = await county.As<GetFindingStats>(county.Inspector).HandleAsync(Year, new DateOnly(Year, 12, 31));
        Assert.Equal(2, statsYear.Inspections);
        Assert.Equal(statsYear.ByCategory.Select(c => c.Findings.ToString(CultureInfo.InvariantCulture)), annual.Sections.Single(s => s.Key == "inspections").Tables.Single().Rows.SkipLast(1).Select(r => r[1]));
        Assert.All(annual.Sections.SelectMany(s => s.Tables), t => Assert.Contains("截至 2016-12-31", t.Source, StringComparison.Ordinal));
        Assert.Contains("督查检查 2 次", await TextAsync(SummaryDocument.Write(annual)), StringComparison.Ordinal);

        // A township's summary counts only its own findings: 翔凤镇 has none.
        var xiangfeng = await county.As<DraftWorkSummary>(county.TownshipOfficer("翔凤镇")).HandleAsync(new DraftWorkSummary.Request(Year, 1, county.Townships["翔凤镇"]));
        Assert.Equal(["合计", "0", "0", "0", "0"], TotalRow(xiangfeng));
        var sanhu = await county.As<DraftWorkSummary>(county.TownshipOfficer("三胡乡")).HandleAsync(new DraftWorkSummary.Request(Year, 1, county.Townships["三胡乡"]));
        Assert.Equal(TotalRow(half), TotalRow(sanhu));
    }

    [Fact]
    public void TheAsOfDay_IsTheEndOfThePeriod_OrTodayWhenEarlier()
    {
        Assert.Equal(new DateOnly(2016, 6, 30), DraftWorkSummary.AsOfDay(2016, 1, new DateOnly(2026, 12, 7)));
        Assert.Equal(new DateOnly(2016, 12, 31), DraftWorkSummary.AsOfDay(2016, 2, new DateOnly(2026, 12, 7)));
        Assert.Equal(new DateOnly(2016, 12, 31), DraftWorkSummary.AsOfDay(2016, null, new DateOnly(2026, 12, 7)));
        Assert.Equal(new DateOnly(2026, 3, 5), DraftWorkSummary.AsOfDay(2026, 1, new DateOnly(2026, 3, 5)));
        Assert.Equal(new DateOnly(2026, 12, 7), DraftWorkSummary.AsOfDay(2026, null, new DateOnly(2026, 12, 7)));
    }
}
