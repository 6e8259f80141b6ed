using System.Diagnostics;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Exit;
using Tuopin.Application.Plan;
using Tuopin.Application.Storage;
using Tuopin.Domain.Registry;
using Tuopin.Testing;
using static Tuopin.Application.Tests.Exit.AssessExitTests;
using Spreadsheet = DocumentFormat.OpenXml.Spreadsheet;

namespace Tuopin.Application.Tests.Exit;

/// <summary>
/// A hand-built fixture, year 2016, line 2,952 yuan, in 三胡乡 (poor villages 黄柏园村, 石桥村, 苗寨沟村):
/// 黄柏园村 (population 100): A 3 people failing income and education; B 1 person ready; C 2 people failing
/// housing and medical; D 2 people exited 2015; E 1 person exited 2014. Registered 5 households / 9 people,
/// exited 2014 1/1 and 2015 1/2, remaining 3/6, ready 1/1, incidence (6 − 1) ÷ 100 = 5% ≥ 2%: not ready.
/// 石桥村 (population 100): F 1 person ready; incidence 0%: ready. Every other village of 三胡乡 60 people:
/// township population 100 + 100 + 14 × 60 = 1,040; remaining 7 people, ready 2, incidence 5 ÷ 1,040 = 0.48%.
/// </summary>
public sealed class SelfAssessmentReportTests
{
    private const string Huangbo = "三胡乡/黄柏园村";
    private const string Shiqiao = "三胡乡/石桥村";

    private static async Task<TestCounty> ArrangeAsync(DbProvider provider, bool plan = false)
    {
        var county = await TestCounty.CreateAsync(provider);
        var a = await county.AddHouseholdAsync(Huangbo, Build.Member(), Build.Member(Relation.Spouse, Sex.Female),
            Build.Member(Relation.Son, birth: new DateOnly(2004, 3, 1)) with { Schooling = Schooling.NotInSchool, Education = Education.Primary, Labour = LabourSkill.None });
        var b = await county.AddHouseholdAsync(Huangbo, Build.Member());
        var c = await county.AddHouseholdAsync(Huangbo, Build.Member(), Build.Member(Relation.Spouse, Sex.Female) with { MedicalInsurance = false });
        var d = await county.AddHouseholdAsync(Huangbo, Build.Member(), Build.Member(Relation.Spouse, Sex.Female));
        var e = await county.AddHouseholdAsync(Huangbo, Build.Member());
        var f = await county.AddHouseholdAsync(Shiqiao, Build.Member());
        await IncomeAsync(county, a, Build.Income(2016, wage: 5760m, expense: 500m));   // 8,100 ÷ 3 = 2,700
        await IncomeAsync(county, b, Build.Income(2016, wage: 1660m, expense: 500m));   // 4,000 ÷ 1
        await IncomeAsync(county, c, Build.Income(2016, wage: 5660m, expense: 500m));   // 8,000 ÷ 2 = 4,000
        await IncomeAsync(county, f, Build.Income(2016, wage: 1660m, expense: 500m));   // 4,000 ÷ 1
        await county.QueryAsync(db => db.Households.Where(h => h.Id == c).ExecuteUpdateAsync(s => s.SetProperty(h => h.Housing, HousingSafety.DangerD)));
        await StatusAsync(county, d, HouseholdStatus.Exited, 2015);
        await StatusAsync(county, e, HouseholdStatus.Exited, 2014);
        var sanhu = county.Townships["三胡乡"];
        await county.QueryAsync(db => db.Villages.Where(v => v.TownshipId == sanhu).ExecuteUpdateAsync(s => s.SetProperty(v => v.RegisteredPopulation, 60)));
        foreach (var v in new[] { Huangbo, Shiqiao })
        {
            var id = county.Villages[v].Id;
            await county.QueryAsync(db => db.Villages.Where(x => x.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.RegisteredPopulation, 100)));
        }
        if (plan)
        {
            await using var db = county.Factory.CreateForOperator("tests");
            await LoadPlan.EnsureBuiltInAsync(db);
        }
        return county;
    }

    private static Task<SelfAssessmentReport.Model> ReportAsync(TestCounty county, ExitLevel level, Guid area, Tuopin.Application.Accounts.Actor? actor = null, int year = 2016) =>
        county.As<SelfAssessmentReport>(actor ?? county.Admin).HandleAsync(new SelfAssessmentReport.Request(level, area, year));

    [Theory, BothDatabases]
    public async Task VillageReport_FiguresFromTheRecords_AndAFailingVillageListsItsFailingStandards(DbProvider provider)
    {
        await using var county = await ArrangeAsync(provider, plan: true);

        var m = await ReportAsync(county, ExitLevel.Village, county.Villages[Huangbo].Id);

        Assert.Equal("三胡乡黄柏园村2016年贫困村退出自查报告", m.Title);
        Assert.Equal(("来凤县", "三胡乡", "黄柏园村", 2016, 2952m), (m.County, m.Township, m.Village, m.Year, m.PovertyLine));
        Assert.Matches("^4228\\d{8}$", m.VillageCode);
        Assert.Equal(m.VillageCode![..9], m.TownshipCode);
        var h = m.Households;
        Assert.Equal((5, 9), (h.RegisteredHouseholds, h.RegisteredPeople));
        Assert.Equal([new(2014, 1, 1), new(2015, 1, 2)], h.ExitedByYear);
        Assert.Equal((3, 6, 1, 1, 100, 5m), (h.RemainingHouseholds, h.RemainingPeople, h.ReadyHouseholds, h.ReadyPeople, h.RegisteredPopulation, h.Incidence));
        Assert.Equal(h.RegisteredHouseholds, h.ExitedHouseholds + h.RemainingHouseholds);

        Assert.False(m.Ready);
        var incidence = Assert.Single(m.Standards);
        Assert.Equal(("village_incidence", "贫困发生率", "5%", "< 2%", "未达标"), (incidence.Rule, incidence.Name, incidence.Figure, incidence.Limit, incidence.StateText));
        Assert.Equal((5m, 2m, "%"), (incidence.Value, incidence.Threshold, incidence.Unit));
        Assert.Equal([incidence], m.Failing);
        Assert.Empty(m.Villages);

        Assert.Equal("截至2016年底，全村建档立卡贫困户 5 户 9 人，已脱贫 2 户 3 人（2014年 1 户 1 人，2015年 1 户 2 人），尚有贫困户 3 户 6 人，其中本年达到脱贫标准 1 户 1 人。"
            + "按本年达标户退出计算，剩余贫困人口 5 人，户籍人口 100 人，贫困发生率 5%，未低于 2% 的退出标准。", SelfAssessmentDocument.Opening(m));
        var conclusion = SelfAssessmentDocument.Conclusion(m);
        Assert.StartsWith("经自查，三胡乡黄柏园村2016年未达到贫困村退出标准，共 1 项标准中 1 项未达标或未能评估：1. 贫困发生率（未达标）：贫困发生率 5% ≥ 2%", conclusion, StringComparison.Ordinal);

        // The plan names who is responsible and by when.
        Assert.Contains(m.Responsible, r => r.Unit == "村支部书记和驻村工作队长" && r.Section == "4(1)");
        Assert.Contains(m.Responsible, r => r.Unit == "出列乡镇人民政府、出列村" && r.Duty.Contains("2016年12月15日前", StringComparison.Ordinal));
        Assert.Equal(new DateOnly(2016, 12, 15), m.Deadline);
        Assert.Equal("县管理员", m.GeneratedBy);

        // A village meeting the standard.
        var ready = await ReportAsync(county, ExitLevel.Village, county.Villages[Shiqiao].Id);
        Assert.True(ready.Ready);
        Assert.Equal((1, 1, 0m), (ready.Households.RegisteredHouseholds, ready.Households.ReadyHouseholds, ready.Households.Incidence));
        Assert.Empty(ready.Households.ExitedByYear);
        Assert.Equal("经自查，三胡乡石桥村2016年各项指标均达到贫困村退出标准（共 1 项），特申请考核验收。", SelfAssessmentDocument.Conclusion(ready));
        Assert.Contains("低于 2% 的退出标准", SelfAssessmentDocument.Opening(ready), StringComparison.Ordinal);
    }

    [Theory, BothDatabases]
    public async Task TownshipReport_ListsItsPoorVillages_AndTheFailingOne(DbProvider provider)
    {
        await using var county = await ArrangeAsync(provider);

        var m = await ReportAsync(county, ExitLevel.Township, county.Townships["三胡乡"]);

        Assert.Equal("三胡乡2016年贫困乡镇退出自查报告", m.Title);
        Assert.Null(m.Village);
        Assert.Equal((6, 10, 2, 7, 2, 2, 1040, 0.48m),
            (m.Households.RegisteredHouseholds, m.Households.RegisteredPeople, m.Households.ExitedHouseholds, m.Households.RemainingPeople,
                m.Households.ReadyHouseholds, m.Households.ReadyPeople, m.Households.RegisteredPopulation, m.Households.Incidence));
        Assert.Equal(["township_incidence", "poor_villages"], m.Standards.Select(s => s.Rule).ToList());
        Assert.True(m.Standards[0].Met);
        Assert.Equal(("1 个未达标", "全部达标", "3 个贫困村中 1 个未达标：黄柏园村"), (m.Standards[1].Figure, m.Standards[1].Limit, m.Standards[1].Explanation));
        Assert.False(m.Ready);
        Assert.Equal(new[] { "黄柏园村", "石桥村", "苗寨沟村" }.Order(StringComparer.Ordinal), m.Villages.Select(v => v.Name).Order(StringComparer.Ordinal));
        var huangbo = m.Villages.Single(v => v.Name == "黄柏园村");
        Assert.Equal((false, 5m, 100, "贫困发生率 5% ≥ 2%（剩余贫困人口 5 ÷ 户籍人口 100；已扣除本年达标待退出的 1 户 1 人）"), (huangbo.Ready, huangbo.Incidence, huangbo.RegisteredPopulation, huangbo.Failing));
        Assert.True(m.Villages.Single(v => v.Name == "石桥村").Ready);
        Assert.Contains("3 个贫困村中 1 个未达标：黄柏园村", SelfAssessmentDocument.Conclusion(m), StringComparison.Ordinal);
        Assert.Empty(m.Responsible); // no plan loaded: nothing invented
    }

    [Theory, BothDatabases]
    public async Task Reports_StayInsideTheActorsArea(DbProvider provider)
    {
        await using var county = await ArrangeAsync(provider);
        var huangbo = county.Villages[Huangbo].Id;
        var sanhu = county.Townships["三胡乡"];

        await Assert.ThrowsAsync<NotFoundException>(() => ReportAsync(county, ExitLevel.Village, huangbo, county.TownshipOfficer("绿水镇")));
        await Assert.ThrowsAsync<NotFoundException>(() => ReportAsync(county, ExitLevel.Township, sanhu, county.TownshipOfficer("绿水镇")));
        await Assert.ThrowsAsync<NotFoundException>(() => ReportAsync(county, ExitLevel.Village, huangbo, county.VillageOfficer(Shiqiao)));
        await Assert.ThrowsAsync<NotFoundException>(() => ReportAsync(county, ExitLevel.Township, sanhu, county.VillageOfficer(Huangbo)));
        await Assert.ThrowsAsync<NotFoundException>(() => ReportAsync(county, ExitLevel.Village, Guid.NewGuid()));

        Assert.Equal(5, (await ReportAsync(county, ExitLevel.Village, huangbo, county.VillageOfficer(Huangbo))).Households.RegisteredHouseholds);
        Assert.Equal(5, (await ReportAsync(county, ExitLevel.Village, huangbo, county.TownshipOfficer("三胡乡"))).Households.RegisteredHouseholds);
        Assert.Equal(3, (await ReportAsync(county, ExitLevel.Township, sanhu, county.TownshipOfficer("三胡乡"))).Villages.Count);
        Assert.Equal("督查员", (await ReportAsync(county, ExitLevel.Township, sanhu, county.Inspector)).GeneratedBy);

        // Not a poor village, and a year whose line is not set: refused with the reason.
        var notPoor = county.Villages.First(v => v.Key.StartsWith("三胡乡/", StringComparison.Ordinal) && v.Key is not (Huangbo or Shiqiao or "三胡乡/苗寨沟村")).Value.Id;
        Assert.Equal("exit.report.not_poor_village", Assert.Single((await Assert.ThrowsAsync<InvalidRequestException>(() => ReportAsync(county, ExitLevel.Village, notPoor))).Problems).Code);
        var unset = await Assert.ThrowsAsync<InvalidRequestException>(() => ReportAsync(county, ExitLevel.Village, huangbo, year: 2017));
        Assert.Equal("exit.poverty_line_not_set", Assert.Single(unset.Problems).Code);
    }

    [Theory, BothDatabases]
    public async Task Documents_AreValidOpenXml_OpenInLibreOffice_AndTheWorkbookReadsBackAsTheModel(DbProvider provider)
    {
        await using var county = await ArrangeAsync(provider, plan: true);
        var m = await ReportAsync(county, ExitLevel.Township, county.Townships["三胡乡"]);
        var directory = TestDirectories.New("exit-report");

        var docx = SelfAssessmentDocument.Write(m);
        using (var word = WordprocessingDocument.Open(new MemoryStream(docx), false))
        {
            Assert.Empty(new OpenXmlValidator().Validate(word).Select(e => $"{e.Path?.XPath}: {e.Description}"));
            var text = word.MainDocumentPart!.Document!.Body!.InnerText;
            Assert.Contains(m.Title, text, StringComparison.Ordinal);
            Assert.Contains("标准指标值标准值是否达标", text, StringComparison.Ordinal);
            Assert.Contains("苗寨沟村", text, StringComparison.Ordinal);
            Assert.Contains("中共三胡乡委员会（盖章）", text, StringComparison.Ordinal);
            var fonts = word.MainDocumentPart.StyleDefinitionsPart!.Styles!.Descendants<DocumentFormat.OpenXml.Wordprocessing.RunFonts>().Select(f => f.EastAsia?.Value).ToList();
            Assert.Contains("宋体", fonts);
            Assert.Contains("黑体", fonts);
        }
        var docxFile = Path.Combine(directory, "report.docx");
        await File.WriteAllBytesAsync(docxFile, docx);
        var pdf = await LibreOfficeAsync(docxFile, "pdf", directory);
        Assert.True(new FileInfo(pdf).Length > 1000);
        Assert.StartsWith("%PDF", Encoding.ASCII.GetString(File.ReadAllBytes(pdf), 0, 4), StringComparison.Ordinal);

        var xlsx = SelfAssessmentWorkbook.Write(m);
        using (var book = SpreadsheetDocument.Open(new MemoryStream(xlsx), false))
        {
            Assert.Empty(new OpenXmlValidator().Validate(book));
            var sheets = Sheets(book);
            Assert.Equal([SelfAssessmentWorkbook.StandardsSheet, SelfAssessmentWorkbook.HouseholdsSheet, SelfAssessmentWorkbook.VillagesSheet], sheets.Keys.ToList());
            var standards = sheets[SelfAssessmentWorkbook.StandardsSheet];
            Assert.Equal(SelfAssessmentWorkbook.StandardsHeader, standards[1].Select(c => c.Text));
            Assert.Equal(m.Standards.Count, standards.Count - 2);
            for (var i = 0; i < m.Standards.Count; i++)
            {
                var s = m.Standards[i];
                var row = standards[i + 2];
                Assert.Equal((s.Name, s.Value, s.Threshold, s.StateText, s.Explanation), (row[1].Text, row[2].Number, row[3].Number, row[7].Text, row[8].Text));
            }
            var villages = sheets[SelfAssessmentWorkbook.VillagesSheet];
            Assert.Equal(m.Villages.Count, villages.Count - 2);
            for (var i = 0; i < m.Villages.Count; i++)
            {
                var v = m.Villages[i];
                var row = villages[i + 2];
                Assert.Equal((v.Name, v.Code, (decimal)v.RemainingPeople, v.Incidence, v.Ready ? "达标" : "未达标"), (row[1].Text, row[2].Text, row[7].Number!.Value, row[11].Number, row[12].Text));
            }
            var households = sheets[SelfAssessmentWorkbook.HouseholdsSheet];
            Assert.Equal(("建档立卡贫困户（累计）", 6m, 10m), (households[2][0].Text, households[2][1].Number, households[2][2].Number));
            Assert.Contains(households, r => r[0].Text == "2015年脱贫" && r[1].Number == 1m && r[2].Number == 2m);
        }
        var xlsxFile = Path.Combine(directory, "report.xlsx");
        await File.WriteAllBytesAsync(xlsxFile, xlsx);
        var csv = await File.ReadAllTextAsync(await LibreOfficeAsync(xlsxFile, "csv:Text - txt - csv (StarCalc):44,34,76", directory), Encoding.UTF8);
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("序号,标准,指标值,标准值,单位", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("1,贫困发生率,0.48,2,%", lines[2], StringComparison.Ordinal);
    }

    private sealed record CellValue(string Text, decimal? Number);

    private static Dictionary<string, List<List<CellValue>>> Sheets(SpreadsheetDocument book)
    {
        var result = new Dictionary<string, List<List<CellValue>>>();
        var part = book.WorkbookPart!;
        foreach (var sheet in part.Workbook!.Sheets!.Elements<Spreadsheet.Sheet>())
        {
            var ws = (WorksheetPart)part.GetPartById(sheet.Id!.Value!);
            result[sheet.Name!.Value!] = ws.Worksheet!.Descendants<Spreadsheet.Row>().Select(r => r.Elements<Spreadsheet.Cell>().Select(c =>
                c.DataType?.Value == Spreadsheet.CellValues.Number
                    ? new CellValue(c.CellValue!.Text, decimal.Parse(c.CellValue.Text, System.Globalization.CultureInfo.InvariantCulture))
                    : new CellValue(c.InnerText, null)).ToList()).ToList();
        }
        return result;
    }

    /// <summary>Converts with LibreOffice (own profile, so parallel tests do not collide) and returns the new file.</summary>
    internal static async Task<string> LibreOfficeAsync(string file, string format, string directory)
    {
        var outDir = Path.Combine(directory, "lo-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(outDir);
        var start = new ProcessStartInfo("libreoffice", ["--headless", "-env:UserInstallation=file://" + Path.Combine(outDir, "profile"), "--convert-to", format, "--outdir", outDir, file])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(3)).Token);
        var extension = format.Split(':')[0];
        var converted = Path.Combine(outDir, Path.GetFileNameWithoutExtension(file) + "." + extension);
        Assert.True(File.Exists(converted) && new FileInfo(converted).Length > 0, $"LibreOffice did not convert {file} to {extension}: {await stderr}");
        return converted;
    }
}
