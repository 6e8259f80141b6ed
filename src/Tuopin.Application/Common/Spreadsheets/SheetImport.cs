using Tuopin.Domain.Common;

namespace Tuopin.Application.Common;

/// <summary>
/// A column of a small import: its heading in the template (Chinese, what the offices write), its English code, other
/// names the offices' own lists give it (英文 or Chinese), and whether the file must have it.
/// </summary>
public sealed record SheetColumn(string Heading, string Code, bool Required = false, params string[] Aliases)
{
    /// <summary>Whether a header text names this column: its heading, its code or an alias (English case-blind).</summary>
    public bool IsNamed(string text) =>
        text == Heading || string.Equals(text, Code, StringComparison.OrdinalIgnoreCase) || Aliases.Any(a => string.Equals(a, text, StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// Reading for the small imports (village conditions, measures, training attendance): the file as rows of
/// trimmed cells, with the header found by the import's own column names, checked once here for all of them (an
/// empty file, unknown and missing columns, later sheets' headers, too many rows). The registry import, which
/// streams a county's file, has its own reader over the same <see cref="SheetTable"/>.
/// </summary>
public static class SheetImport
{
    /// <summary>
    /// The file's data rows under its header, each cell found by its column (<see cref="ImportTable"/>). Refused
    /// whole, with every reason, when the file cannot be read, is empty, has an unknown column or lacks a required
    /// one, has more than <paramref name="maxRows"/> rows or none.
    /// </summary>
    public static ImportTable Read(Stream content, string fileName, IReadOnlyList<SheetColumn> columns, int maxRows)
    {
        var (table, sheet) = ReadRows(content, fileName, heading => columns.Any(c => c.IsNamed(heading)), maxRows);
        // The table gives the header first (the row found, or the first non-blank row when none was).
        var header = table.FirstOrDefault(r => r.Cells.Any(c => !string.IsNullOrWhiteSpace(c)));
        if (header.Cells is null)
            throw new InvalidRequestException([new Problem("file", "import.empty", new LocalText("文件是空的", "The file is empty"))]);
        var problems = new List<Problem>();
        var at = $"rows[{sheet.Locate(header.Number).Row}]";
        var where = sheet.Where(header.Number);
        var positions = new Dictionary<SheetColumn, int>();
        for (var i = 0; i < header.Cells.Length; i++)
        {
            var heading = header.Cells[i]?.Trim();
            if (string.IsNullOrEmpty(heading)) continue;
            if (columns.FirstOrDefault(c => c.IsNamed(heading)) is { } column) positions[column] = i;
            else problems.Add(new Problem(at, "import.unknown_column", new LocalText($"{where.Zh}：不认识的列“{heading}”", $"{where.En}: unknown column \"{heading}\"")));
        }
        foreach (var missing in columns.Where(c => c.Required && !positions.ContainsKey(c)))
            problems.Add(new Problem(at, "import.missing_column", new LocalText($"{where.Zh}：缺少列“{missing.Heading}”", $"{where.En}: the column \"{missing.Heading}\" ({missing.Code}) is missing")));
        foreach (var fault in sheet.Faults)
            problems.Add(new Problem($"rows[{fault.Row}]", fault.Code, fault.Message));
        if (problems.Count > 0) throw new InvalidRequestException(problems);

        // Counted before any row is checked: rows with faults count too, and a file of too many is not checked row by row.
        var rows = table.Where(r => r.Number > header.Number && !r.Cells.All(string.IsNullOrWhiteSpace)).ToList();
        if (rows.Count > maxRows)
            throw new InvalidRequestException([new Problem("file", "import.too_many_rows", new LocalText($"一次最多导入 {maxRows} 行", $"At most {maxRows} rows at a time"))]);
        if (rows.Count == 0)
            throw new InvalidRequestException([new Problem("file", "import.no_rows", new LocalText("文件中没有数据行", "The file has no data rows"))]);
        return new ImportTable(sheet, positions, [.. rows.Select(r => new ImportRow(r.Number, r.Cells, positions))]);
    }

    /// <summary>
    /// The file as rows of cells, each with its line (<see cref="SheetTable"/>: the header found among the
    /// first rows, titles, totals, footers and blank rows skipped, every sheet of a workbook read), read by
    /// the project's spreadsheet readers within their limits. Reading stops as soon as the file has more
    /// rows than an import takes.
    /// </summary>
    private static (List<(int Number, string?[] Cells)> Rows, SheetTable Table) ReadRows(Stream content, string fileName, Func<string, bool> isColumn, int maxRows)
    {
        var format = SheetFormats.FromFileName(fileName)
            ?? throw new InvalidRequestException([new Problem("file", "import.file_type", SheetFormats.OnlyImportable(fileName))]);
        var rows = new List<(int, string?[])>();
        // A zip package needs a seekable stream; these uploads are small (a few MB), so it is buffered in memory.
        Stream source = content;
        if (format != SheetFormat.Csv && !content.CanSeek)
        {
            var buffer = new MemoryStream();
            content.CopyTo(buffer);
            buffer.Position = 0;
            source = buffer;
        }
        var table = new SheetTable(source, format, isColumn, minColumns: 2);
        var filled = 0;
        try
        {
            foreach (var row in table.Rows())
            {
                var cells = row.Cells.Select(c => string.IsNullOrWhiteSpace(c.Text) ? null : c.Text.Trim()).ToArray();
                // The heading and maxRows data rows; one more is refused by the caller without reading the rest.
                if (cells.Any(c => c is not null) && ++filled > maxRows + 2) break;
                rows.Add((row.Number, cells));
            }
        }
        catch (SheetLimitException e)
        {
            throw new InvalidRequestException([new Problem("file", e.Code, e.Text)]);
        }
        catch (Exception e) when (format == SheetFormat.Xls && e is InvalidDataException)
        {
            throw new InvalidRequestException([new Problem("file", "import.unreadable", Registry.ImportRegistry.Unreadable(format, e))]);
        }
        catch (Exception e) when (format == SheetFormat.Xlsx && e is not OperationCanceledException)
        {
            throw new InvalidRequestException([new Problem("file", "import.unreadable", new LocalText("无法读取该 .xlsx 文件，请确认它是 Excel 工作簿", "The .xlsx file cannot be read; is it an Excel workbook?"))]);
        }
        return (rows, table);
    }
}

/// <summary>
/// A small import's file once its header is checked: the data rows (blank rows left out), where each line is
/// (<see cref="Where"/>), what was skipped as not data, and one way of naming a fault of a cell.
/// </summary>
public sealed class ImportTable
{
    private readonly SheetTable _sheet;
    private readonly Dictionary<SheetColumn, int> _positions;

    internal ImportTable(SheetTable sheet, Dictionary<SheetColumn, int> positions, IReadOnlyList<ImportRow> rows)
    {
        _sheet = sheet;
        _positions = positions;
        Rows = rows;
    }

    public IReadOnlyList<ImportRow> Rows { get; }

    /// <summary>The rows and sheets that are not data (titles, blank rows, totals, footers, instruction sheets), with their reasons.</summary>
    public IReadOnlyList<SkippedRow> Skipped => _sheet.Skipped;

    /// <summary>Whether the file has the column (an optional one may be left out).</summary>
    public bool Has(SheetColumn column) => _positions.ContainsKey(column);

    /// <summary>"第 3 行" / "Row 3", with the sheet in a workbook of several.</summary>
    public LocalText Where(int line) => _sheet.Where(line);

    /// <summary>The row number (of its sheet) a problem's field names: <c>rows[3]</c>.</summary>
    public string Field(int line) => $"rows[{_sheet.Locate(line).Row}]";

    /// <summary>A fault of a cell: "第 3 行，村：reason", its field <c>rows[3].村</c>.</summary>
    public Problem At(int line, string column, string code, LocalText reason)
    {
        var where = _sheet.Where(line);
        return new($"{Field(line)}.{column}", code, new LocalText($"{where.Zh}，{column}：{reason.Zh}", $"{where.En}, {column}: {reason.En}"));
    }

    /// <summary>A cell's text, or a "不能为空" fault of the row when it is empty.</summary>
    public string? Required(ImportRow row, SheetColumn column, List<Problem> problems)
    {
        var text = row[column];
        if (string.IsNullOrEmpty(text)) problems.Add(At(row.Line, column.Heading, "import.required", new LocalText("不能为空", "is required")));
        return text;
    }
}

/// <summary>One data row: its line (<see cref="ImportTable.Where"/>) and its cells by column, trimmed, null when empty or absent.</summary>
public sealed class ImportRow(int line, string?[] cells, IReadOnlyDictionary<SheetColumn, int> positions)
{
    public int Line { get; } = line;

    public string? this[SheetColumn column] => positions.TryGetValue(column, out var i) && i < cells.Length ? cells[i]?.Trim() : null;
}
