using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Tuopin.Application.Common;

namespace Tuopin.Application.Exit;

/// <summary>
/// The self-assessment report's tables as an Excel workbook: sheet 标准 (every standard's figure against its
/// threshold), sheet 贫困户 (registered, exited by year, remaining, incidence) and, for a township, sheet 村
/// (its poor villages). Numbers are numbers; each sheet starts with the report's title.
/// </summary>
public static class SelfAssessmentWorkbook
{
    public const string StandardsSheet = "标准";
    public const string HouseholdsSheet = "贫困户";
    public const string VillagesSheet = "村";

    public static readonly string[] StandardsHeader = ["序号", "标准", "指标值", "标准值", "单位", "指标值（文字）", "标准值（文字）", "是否达标", "说明"];
    public static readonly string[] HouseholdsHeader = ["项目", "户数", "人数"];
    public static readonly string[] VillagesHeader = ["序号", "村", "行政区划代码", "计划出列年度", "建档立卡户数", "建档立卡人数", "年末剩余贫困户", "年末剩余贫困人口", "本年达标户", "本年达标人数", "户籍人口", "贫困发生率（%）", "是否达标", "未达标的条件"];

    public static byte[] Write(SelfAssessmentReport.Model m)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook(new Sheets());
            var title = $"{m.Title}（{m.County}{m.AreaName} {m.AreaCode}，国家扶贫标准 {m.PovertyLine.ToString("0.##", CultureInfo.InvariantCulture)} 元，生成于 {m.GeneratedAt:yyyy-MM-dd HH:mm}）";

            AddSheet(workbook, StandardsSheet, title, StandardsHeader, [6, 22, 12, 12, 8, 16, 16, 10, 70],
                m.Standards.Select((s, i) => new object?[] { i + 1, s.Name, s.Value, s.Threshold, s.Unit, s.Figure, s.Limit, s.StateText, s.Explanation }));
            AddSheet(workbook, HouseholdsSheet, title, HouseholdsHeader, [36, 12, 12], HouseholdRows(m));
            if (m.Level == ExitLevel.Township)
                AddSheet(workbook, VillagesSheet, title, VillagesHeader, [6, 14, 16, 12, 12, 12, 14, 16, 12, 12, 12, 14, 10, 60],
                    m.Villages.Select((v, i) => new object?[]
                    {
                        i + 1, v.Name, v.Code, v.PlannedExitYear, v.RegisteredHouseholds, v.RegisteredPeople, v.RemainingHouseholds, v.RemainingPeople,
                        v.ReadyHouseholds, v.ReadyPeople, v.RegisteredPopulation, v.Incidence, v.Ready ? "达标" : "未达标", v.Failing,
                    }));
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    /// <summary>The rows of sheet 贫困户, also printed in the document's basic-situation table.</summary>
    public static IEnumerable<object?[]> HouseholdRows(SelfAssessmentReport.Model m)
    {
        var h = m.Households;
        yield return ["建档立卡贫困户（累计）", h.RegisteredHouseholds, h.RegisteredPeople];
        foreach (var y in h.ExitedByYear) yield return [$"{y.Year}年脱贫", y.Households, y.People];
        yield return [$"截至{m.Year}年底已脱贫合计", h.ExitedHouseholds, h.ExitedPeople];
        yield return [$"{m.Year}年底剩余贫困户", h.RemainingHouseholds, h.RemainingPeople];
        yield return ["其中本年达到脱贫标准", h.ReadyHouseholds, h.ReadyPeople];
        yield return ["按达标户退出计算的剩余贫困人口", null, h.ProjectedRemainingPeople];
        yield return ["户籍人口", null, h.RegisteredPopulation];
        yield return ["贫困发生率（%）", null, h.Incidence];
    }

    /// <summary>Each sheet of the report with its columns' widths, the title and headings kept in view.</summary>
    private static void AddSheet(WorkbookPart workbook, string name, string title, string[] header, int[] widths, IEnumerable<object?[]> rows) =>
        FigureSheets.Add(workbook, name, title, header, rows, widths, freezeHeadings: true);
}
