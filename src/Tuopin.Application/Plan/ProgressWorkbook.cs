using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Tuopin.Application.Common;

namespace Tuopin.Application.Plan;

/// <summary>
/// The progress tables as an Excel workbook (.xlsx): one sheet each for years, townships, zones,
/// villages, deadlines and units behind, numbers as numbers, so officials can work on them in Excel.
/// </summary>
public static class ProgressWorkbook
{
    public static byte[] Write(GetProgress.Result r)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook(new Sheets());
            var title = $"{r.AreaName} 截至{r.AsOf:yyyy-MM-dd}（{r.PlanTitle} 第{r.PlanVersion}版）";

            FigureSheets.Add(workbook, "年度目标", title,
                ["年度", "目标户数", "实际户数", "目标人数", "实际人数", "计入年度", "计划年末剩余户数", "实际年末剩余户数", "计划年末剩余人数", "实际年末剩余人数", "出列贫困村目标", "发生率达标贫困村", "落后", "责任单位", "方案条目"],
                r.Years.Select(y => new object?[]
                {
                    y.Year, y.Target.Households, y.Actual?.Households, y.Target.People, y.Actual?.People, string.Join("、", y.CountedYears),
                    y.PlannedRemaining.Households, y.ActualRemaining?.Households, y.PlannedRemaining.People, y.ActualRemaining?.People,
                    y.PoorVillagesTarget, y.PoorVillagesMeeting, y.Behind ? "是" : "否", y.Responsible, y.Section,
                }));
            string[] unitHeader = ["单位", "所属乡镇", "计划出列年", "村数", "贫困村", "发生率达标贫困村", "建档立卡户数", "建档立卡人数", "已脱贫户数", "已脱贫人数", "未脱贫户数", "未脱贫人数", "户籍人口", "贫困发生率（%）", "状态", "责任单位"];
            object?[] UnitRow(GetProgress.Unit u) =>
            [
                u.Name, u.TownshipName, u.PlannedExitYear, u.Villages, u.PoorVillages, u.PoorVillagesMeeting,
                u.Registered.Households, u.Registered.People, u.Exited.Households, u.Exited.People, u.Remaining.Households, u.Remaining.People,
                u.Population, u.IncidenceRate, StatusName(u.Status), u.Responsible,
            ];
            FigureSheets.Add(workbook, "乡镇", title, unitHeader, new[] { r.County }.Concat(r.Townships).Select(UnitRow));
            FigureSheets.Add(workbook, "片区", title, unitHeader, r.Zones.Select(UnitRow));
            FigureSheets.Add(workbook, "村", title, unitHeader, r.Villages.Select(UnitRow));
            FigureSheets.Add(workbook, "期限", title, ["期限", "事项", "服务年度", "状态", "情况", "责任单位", "方案条目", "方案推定"],
                r.Deadlines.Select(d => new object?[] { d.Date.ToString("yyyy-MM-dd"), d.Name, d.Serves, StatusName(d.Status), d.Detail.Zh, d.Responsible, d.Section, d.Implied ? "是" : "否" }));
            FigureSheets.Add(workbook, "需关注", title, ["类别", "单位或事项", "情况", "责任单位", "期限"],
                r.Alerts.Select(a => new object?[] { StatusName(a.Kind), a.Unit, a.Message.Zh, a.Responsible, a.Due?.ToString("yyyy-MM-dd") }));
            FigureSheets.Add(workbook, "其他目标", title, ["类别", "目标", "目标值", "单位", "年度", "实际", "责任单位", "方案条目"],
                r.Conditions.Concat(r.OtherTargets).Select(t => new object?[] { KindName(t.Kind), t.Name, t.Target, t.Unit, t.Year, t.Actual?.ToString() ?? "无记录", t.Responsible, t.Section }));
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    public static string StatusName(string status) => status switch
    {
        GetProgress.OnTrack => "推进中",
        GetProgress.Done => "已达标",
        GetProgress.Behind => "落后",
        GetProgress.NoTarget => "无出列任务",
        GetProgress.Met => "已完成",
        GetProgress.Missed => "逾期",
        GetProgress.Near => "临近",
        GetProgress.Open => "未到期",
        GetProgress.NotRecorded => "无记录",
        "year_behind" => "年度落后",
        "total_behind" => "总目标未完成",
        "deadline_missed" => "逾期",
        "deadline_near" => "临近",
        _ => status,
    };

    private static string KindName(string kind) => kind switch
    {
        "condition" => "村级基础设施",
        "facility" => "村级公共服务设施",
        "industry" => "特色产业",
        "training" => "能力提升",
        _ => kind,
    };
}
