using Tuopin.Application.Common;

namespace Tuopin.Application.Supervision;

/// <summary>
/// The year's assessment as the screen shows it, as .xlsx (the shared <see cref="SheetWriter"/>): the ranking of the
/// townships, then of the departments, then one row per indicator of each unit the reader sees in detail — the figure as
/// counted, the rule, the weight, the points and the arithmetic. The same figures as the page and the API.
/// </summary>
public static class AssessmentWorkbook
{
    public static byte[] Write(AssessTheYear.Result r)
    {
        using var stream = new MemoryStream();
        using (var writer = new SheetWriter(stream, SheetFormat.Xlsx, "年度考核", [10, 24, 12, 30, 16, 14, 10, 10, 80]))
        {
            writer.WriteRow([$"{r.Year}年度脱贫攻坚考核（截至 {r.AsOf:yyyy-MM-dd}，{(r.DefaultScheme ? "默认考核方案" : "县定考核方案")}）", null, null, null, null, null, null, null, null], 1);
            foreach (var (title, units) in new[] { ("乡镇", r.Townships), ("县直部门", r.Departments) })
            {
                writer.WriteRow([$"{title}排名", null, null, null, null, null, null, null, null], 1);
                writer.WriteRow(["名次", "单位", "得分", null, null, null, null, null, null], 1);
                foreach (var u in units) writer.WriteRow([u.Rank, u.Name, u.Score, null, null, null, null, null, null]);
                writer.WriteRow([null, null, null, null, null, null, null, null, null]);
            }
            writer.WriteRow(["指标明细", null, null, null, null, null, null, null, null], 1);
            writer.WriteRow(["代码", "单位", "指标", "数据来源", "计数", "数值", "权重", "得分", "计算过程"], 1);
            foreach (var u in r.Townships.Concat(r.Departments).Where(u => u.Detail))
                foreach (var i in u.Indicators)
                    writer.WriteRow([i.Code, u.Name, i.Name, i.SourceName.Zh, i.Counted, i.Figure, i.Weight, i.Points, i.Arithmetic]);
        }
        return stream.ToArray();
    }

    public static string FileName(AssessTheYear.Result r) => $"年度考核_{r.Year}.xlsx";
}
