using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Tuopin.Testing;

/// <summary>
/// Workbooks as county offices make them, for the import tests: several sheets, titles above the
/// header, merged cells (a group cell over sub-headers), numbers as number cells. Written with the Open
/// XML SDK the way Excel writes them (a merged range keeps its text in its first cell).
/// </summary>
public static class OfficeBooks
{
    /// <summary>One sheet: its name, its rows from row 1 (null = an empty cell, a double = a number cell) and its merged ranges ("A3:A4").</summary>
    public sealed record Sheet(string Name, IReadOnlyList<object?[]> Rows, params string[] Merges);

    public static MemoryStream Book(params Sheet[] sheets)
    {
        var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook(new Sheets());
            uint id = 1;
            foreach (var sheet in sheets)
            {
                var part = workbook.AddNewPart<WorksheetPart>();
                var data = new SheetData();
                for (var r = 0; r < sheet.Rows.Count; r++)
                {
                    var row = new Row { RowIndex = (uint)(r + 1) };
                    for (var c = 0; c < sheet.Rows[r].Length; c++)
                    {
                        var value = sheet.Rows[r][c];
                        if (value is null) continue;
                        var reference = ColumnName(c) + (r + 1).ToString(CultureInfo.InvariantCulture);
                        row.Append(value is double or int or decimal
                            ? new Cell { CellReference = reference, CellValue = new CellValue(Convert.ToString(value, CultureInfo.InvariantCulture)!) }
                            : new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(value.ToString()!)) });
                    }
                    data.Append(row);
                }
                var worksheet = new Worksheet(data);
                if (sheet.Merges.Length > 0)
                    worksheet.Append(new MergeCells(sheet.Merges.Select(m => new MergeCell { Reference = m })));
                part.Worksheet = worksheet;
                workbook.Workbook.Sheets!.Append(new DocumentFormat.OpenXml.Spreadsheet.Sheet { Id = workbook.GetIdOfPart(part), SheetId = id++, Name = sheet.Name });
            }
        }
        stream.Position = 0;
        return stream;
    }

    private static string ColumnName(int index)
    {
        var name = string.Empty;
        for (index++; index > 0; index = (index - 1) / 26) name = (char)('A' + (index - 1) % 26) + name;
        return name;
    }
}
