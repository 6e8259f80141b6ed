using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Tuopin.Application.Common;

namespace Tuopin.Application.Plan;

/// <summary>The roll-up as an Excel workbook: the counties with the area's total, and the poor at the end of each year by county. Figures only: no household.</summary>
public static class RollupWorkbook
{
    public static byte[] Write(GetRollup.Result r)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, DocumentFormat.OpenXml.SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook(new Sheets());
            var title = $"{r.Name} 脱贫攻坚汇总（{r.Year}年末）";
            var years = r.Total.Exits.Select(e => e.Year).ToList();
            string[] header = ["县（市、区）", "代码", "所属市州", "建档立卡户数", "建档立卡人数", "未脱贫户数", "未脱贫人数", "已清退户数", .. years.SelectMany(y => new[] { $"{y}年脱贫户数", $"{y}年脱贫人数" }),
                $"{r.Year}年末贫困户数", $"{r.Year}年末贫困人数", "户籍人口", "贫困发生率（%）"];
            object?[] Row(string name, string code, string? prefecture, GetRollup.Figures f) =>
            [
                name, code, prefecture, f.Registered.Households, f.Registered.People, f.Remaining.Households, f.Remaining.People, f.Removed.Households,
                .. years.SelectMany(y => f.Exits.FirstOrDefault(e => e.Year == y) is { } e ? new object?[] { e.Households, e.People } : [0, 0]),
                f.PoorAtEnd[^1].Households, f.PoorAtEnd[^1].People, f.Population, f.Incidence,
            ];
            FigureSheets.Add(workbook, "按县汇总", title, header,
                r.Counties.Select(c => Row(c.Name, c.Code, c.Prefecture, c.Figures)).Append(Row("合计", r.Code, null, r.Total)));
            var ends = r.Total.PoorAtEnd.Select(p => p.Year).ToList();
            FigureSheets.Add(workbook, "年末贫困人口", title, ["县（市、区）", .. ends.Select(y => $"{y}年末贫困人数")],
                r.Counties.Select(c => Ends(c.Name, c.Figures)).Append(Ends("合计", r.Total)));
            static object?[] Ends(string name, GetRollup.Figures f) => [name, .. f.PoorAtEnd.Select(p => (object?)p.People)];
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }
}
