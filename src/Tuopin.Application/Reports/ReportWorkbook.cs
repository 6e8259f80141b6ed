using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Tuopin.Application.Reports;

/// <summary>
/// A report form as an .xlsx in its fixed layout: the title merged across the table, a header block (area, year,
/// unit of measure), the column headings, a row per area and the totals row, then the 口径 under the table and the
/// 制表单位 / 制表时间 footer. Numbers are numbers (counts whole, yuan with two decimals, rates with one), so the
/// cells read back are the figures of <see cref="GetReport"/>. Written with the Open XML SDK the other workbooks use.
/// </summary>
public static class ReportWorkbook
{
    /// <summary>The sheet's rows before the column headings: title, header block.</summary>
    public const int HeaderRow = 3;

    // Styles: 0 default, 1 title, 2 heading (bordered, bold, wrapped), 3 whole number, 4 yuan, 5 rate, 6 text cell bordered, 7 note (wrapped), 8 bold total text.
    private const uint Title = 1, Heading = 2, Whole = 3, Yuan = 4, Rate = 5, Text = 6, Note = 7, TotalText = 8;

    public static byte[] Write(GetReport.Result r)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook(new Sheets());
            workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
            var part = workbook.AddNewPart<WorksheetPart>();
            var width = r.Columns.Count + 1;
            var last = Common.XlsxReader.ColumnName(width - 1);
            var data = new SheetData();
            var merges = new MergeCells();
            uint index = 1;

            data.Append(Row(index, [(r.Title, Title)], height: 30));
            merges.Append(new MergeCell { Reference = $"A{index}:{last}{index}" });
            index++;
            var asOf = r.AsOf == new DateOnly(r.Year, 12, 31) ? $"{r.Year}年度" : $"{r.Year}年度（截至{r.AsOf:yyyy年M月d日}）";
            data.Append(Row(index, [($"填报区域：{r.AreaName}　　统计期间：{asOf}　　计量单位：{r.Unit}", 0)]));
            merges.Append(new MergeCell { Reference = $"A{index}:{last}{index}" });
            index++;
            data.Append(Row(index++, [(r.Level == ReportLevel.County ? "乡镇" : "村", Heading), .. r.Columns.Select(c => ((object?)c.Zh, Heading))], height: 45));
            foreach (var row in r.Rows) data.Append(Row(index++, Cells(r, row, Text)));
            data.Append(Row(index++, Cells(r, r.Total, TotalText)));
            index++;
            data.Append(Row(index, [("口径：" + r.Basis, Note)], height: Math.Max(45, 15 * (r.Basis.Length / (width * 7) + 2))));
            merges.Append(new MergeCell { Reference = $"A{index}:{last}{index}" });
            index++;
            data.Append(Row(index, [($"制表单位：{r.MadeBy}　　制表时间：{r.MadeAt:yyyy年M月d日 HH:mm}", 0)]));
            merges.Append(new MergeCell { Reference = $"A{index}:{last}{index}" });

            part.Worksheet = new Worksheet(
                new SheetViews(new SheetView { WorkbookViewId = 0, Pane = new Pane { VerticalSplit = HeaderRow, TopLeftCell = $"A{HeaderRow + 1}", State = PaneStateValues.Frozen, ActivePane = PaneValues.BottomLeft } }),
                new Columns(Enumerable.Range(1, width).Select(i => new Column { Min = (uint)i, Max = (uint)i, Width = i == 1 ? 16 : r.Columns[i - 2].Value == ReportValue.Yuan ? 16 : 11, CustomWidth = true })),
                data,
                merges,
                new PageMargins { Left = 0.4, Right = 0.4, Top = 0.6, Bottom = 0.6, Header = 0.3, Footer = 0.3 },
                new PageSetup { Orientation = OrientationValues.Landscape, PaperSize = 9, FitToWidth = 1, FitToHeight = 0 });
            part.Worksheet.InsertAt(new SheetProperties(new PageSetupProperties { FitToPage = true }), 0);
            workbook.Workbook.Sheets!.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = 1, Name = r.Title.Length > 31 ? r.Title[..31] : r.Title });
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    public static string FileName(GetReport.Result r) => $"{r.Title}_{r.AreaName}_{r.Year}.xlsx";

    private static (object?, uint)[] Cells(GetReport.Result r, GetReport.Row row, uint textStyle) =>
        [(row.Area, textStyle), .. r.Columns.Select((c, i) => ((object?)row.Values[i], c.Value switch { ReportValue.Yuan => Yuan, ReportValue.Percent => Rate, _ => Whole }))];

    private static Row Row(uint index, (object? Value, uint Style)[] values, double? height = null)
    {
        var row = new Row { RowIndex = index };
        if (height is { } h) { row.Height = h; row.CustomHeight = true; }
        foreach (var (value, style) in values)
        {
            Cell cell = value switch
            {
                null => new Cell(),
                decimal d => new Cell { DataType = CellValues.Number, CellValue = new CellValue(d) },
                _ => new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(value.ToString() ?? string.Empty)) },
            };
            if (style != 0) cell.StyleIndex = style;
            row.Append(cell);
        }
        return row;
    }

    private static Stylesheet Styles()
    {
        var thin = new Border(
            new LeftBorder { Style = BorderStyleValues.Thin }, new RightBorder { Style = BorderStyleValues.Thin },
            new TopBorder { Style = BorderStyleValues.Thin }, new BottomBorder { Style = BorderStyleValues.Thin }, new DiagonalBorder());
        static CellFormat Format(uint font, uint border, uint numberFormat, HorizontalAlignmentValues? horizontal, bool wrap) => new(
            new Alignment { Horizontal = horizontal, Vertical = VerticalAlignmentValues.Center, WrapText = wrap })
        { FontId = font, BorderId = border, NumberFormatId = numberFormat, FillId = 0, ApplyFont = true, ApplyBorder = true, ApplyNumberFormat = true, ApplyAlignment = true };
        return new Stylesheet(
            new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "0.0" }) { Count = 1 },
            new Fonts(
                new Font(new FontSize { Val = 11 }, new FontName { Val = "SimSun" }),
                new Font(new Bold(), new FontSize { Val = 16 }, new FontName { Val = "SimHei" }),
                new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "SimSun" })) { Count = 3 },
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
            new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()), thin) { Count = 2 },
            new CellStyleFormats(new CellFormat()) { Count = 1 },
            new CellFormats(
                new CellFormat(),
                Format(1, 0, 0, HorizontalAlignmentValues.Center, false),
                Format(2, 1, 0, HorizontalAlignmentValues.Center, true),
                Format(0, 1, 3, HorizontalAlignmentValues.Right, false),
                Format(0, 1, 4, HorizontalAlignmentValues.Right, false),
                Format(0, 1, 164, HorizontalAlignmentValues.Right, false),
                Format(0, 1, 0, HorizontalAlignmentValues.Left, false),
                Format(0, 0, 0, HorizontalAlignmentValues.Left, true),
                Format(2, 1, 0, HorizontalAlignmentValues.Center, false)) { Count = 9 });
    }
}
