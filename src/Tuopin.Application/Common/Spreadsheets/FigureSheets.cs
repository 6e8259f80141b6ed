using System.Globalization;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Tuopin.Application.Common;

/// <summary>
/// A sheet of figures in a small workbook written with the Open XML SDK (progress, roll-up, self-assessment): the title in
/// row 1, the column headings in row 2, then a row per item; numbers are numbers, everything else text. The registry's large
/// exports use <see cref="SheetWriter"/> instead, and a report form its fixed layout (<see cref="Reports.ReportWorkbook"/>).
/// </summary>
public static class FigureSheets
{
    /// <summary>
    /// Adds the sheet. <paramref name="widths"/>: each column's width (default: 22 for the first, 13 for the others);
    /// <paramref name="freezeHeadings"/>: the title and headings stay in view while scrolling.
    /// </summary>
    public static void Add(WorkbookPart workbook, string name, string title, string[] header, IEnumerable<object?[]> rows,
        int[]? widths = null, bool freezeHeadings = false)
    {
        var part = workbook.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        uint index = 1;
        data.Append(Row(index++, [title]));
        data.Append(Row(index++, header));
        foreach (var row in rows) data.Append(Row(index++, row));
        widths ??= [.. Enumerable.Range(1, header.Length).Select(i => i == 1 ? 22 : 13)];
        var columns = new Columns(widths.Select((w, i) => new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = w, CustomWidth = true }));
        part.Worksheet = freezeHeadings
            ? new Worksheet(
                new SheetViews(new SheetView { WorkbookViewId = 0, Pane = new Pane { VerticalSplit = 2, TopLeftCell = "A3", State = PaneStateValues.Frozen, ActivePane = PaneValues.BottomLeft } }),
                columns, data)
            : new Worksheet(columns, data);
        var sheets = workbook.Workbook.Sheets!;
        sheets.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = (uint)sheets.Count() + 1, Name = name });
    }

    private static Row Row(uint index, object?[] values)
    {
        var row = new Row { RowIndex = index };
        foreach (var value in values)
        {
            row.Append(value switch
            {
                null => new Cell(),
                int or long or decimal or double => new Cell { DataType = CellValues.Number, CellValue = new CellValue(Convert.ToDecimal(value, CultureInfo.InvariantCulture)) },
                _ => new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(value.ToString() ?? string.Empty)) },
            });
        }
        return row;
    }
}
