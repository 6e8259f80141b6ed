using System.Globalization;
using System.Text.RegularExpressions;
using Tuopin.Domain.Common;

namespace Tuopin.Application.Common;

/// <summary>A row that is not data, skipped and said so: its sheet (null in a CSV file or a one-sheet workbook), its row (or rows) and why.</summary>
public sealed record SkippedRow(string? Sheet, int Row, int LastRow, string Code, LocalText Reason)
{
    /// <summary>"工作表“一村”第 3 行" / "sheet '一村', row 3"; a range for consecutive blank rows.</summary>
    public LocalText Where => SheetTable.Where(Sheet, Row, LastRow);
}

/// <summary>A fault of a sheet's header (a column a later sheet has that the first list does not), for the import to report as an error.</summary>
public sealed record SheetFault(string? Sheet, int Row, string Column, string Code, LocalText Message);

/// <summary>
/// A workbook or CSV file read as the county's offices send them, for every import: in each sheet the
/// header row is found (not assumed to be row 1) among its first <see cref="HeaderSearchRows"/> rows by
/// the import's own column names, a two-row header with a group cell over sub-headers ("2016年收入"
/// over "工资性收入") read as one name per column; titles and blank rows above it, totals
/// (合计, 小计, 总计), footers (制表人, 审核人, 填报日期, 备注, 说明 …) and blank rows are skipped and
/// listed in <see cref="Skipped"/>; sheets without such a header (instructions, a cover) are skipped
/// and said so. The rows are given in the column order of the first sheet's header, so that an
/// import reads one header and then the data rows of every sheet, streamed.
/// <para>
/// A row's <see cref="SheetRow.Number"/> is a line: <see cref="Line"/> of its sheet's index and its row
/// number, so that the first sheet's lines are its row numbers; <see cref="Locate"/> gives the sheet and
/// row back, and <see cref="Where(int)"/> the words for a message.
/// </para>
/// </summary>
public sealed partial class SheetTable
{
    /// <summary>Rows at the top of a sheet among which its header is looked for.</summary>
    public const int HeaderSearchRows = 10;

    private const int SheetShift = 21; // rows go up to 1,048,576 = 2^20

    private readonly Stream _stream;
    private readonly SheetFormat _format;
    private readonly Func<string, bool> _isColumn;
    private readonly int _minColumns;
    private readonly List<string> _sheetNames = [];
    private bool _named;

    /// <param name="stream">The file (seekable for a workbook).</param>
    /// <param name="format">Its format.</param>
    /// <param name="isColumn">Whether a header text names one of the import's columns.</param>
    /// <param name="minColumns">Known column names a row must hold to be taken for the header.</param>
    public SheetTable(Stream stream, SheetFormat format, Func<string, bool> isColumn, int minColumns = 2)
    {
        _stream = stream;
        _format = format;
        _isColumn = isColumn;
        _minColumns = minColumns;
    }

    /// <summary>The header as read (the first list sheet's, one name per column, groups joined); empty before <see cref="Rows"/> is read.</summary>
    public IReadOnlyList<string> Header { get; private set; } = [];

    /// <summary>The line of the header (row 1 of a template file).</summary>
    public int HeaderLine { get; private set; } = 1;

    /// <summary>Rows and sheets skipped, in the order read (filled while <see cref="Rows"/> is read).</summary>
    public List<SkippedRow> Skipped { get; } = [];

    /// <summary>Faults of later sheets' headers.</summary>
    public List<SheetFault> Faults { get; } = [];

    /// <summary>Whether any list was found; false: the file's first non-blank row was given as the header (for the import's own "column missing" reasons).</summary>
    public bool HeaderFound { get; private set; }

    /// <summary>Whether the file is a workbook of several sheets (rows are then named with their sheet); known once <see cref="Rows"/> has begun.</summary>
    public bool Named => _named;

    public static int Line(int sheet, int row) => (sheet << SheetShift) | row;

    /// <summary>The sheet (null for the only sheet of a file) and row of a line.</summary>
    public (string? Sheet, int Row) Locate(int line)
    {
        var sheet = line >> SheetShift;
        var row = line & ((1 << SheetShift) - 1);
        return (_named && sheet < _sheetNames.Count ? _sheetNames[sheet] : null, row);
    }

    public LocalText Where(int line)
    {
        var (sheet, row) = Locate(line);
        return Where(sheet, row, row);
    }

    public static LocalText Where(string? sheet, int row, int lastRow)
    {
        var rows = lastRow > row ? Inv($"第 {row}–{lastRow} 行") : Inv($"第 {row} 行");
        var rowsEn = lastRow > row ? Inv($"rows {row}–{lastRow}") : Inv($"row {row}");
        return sheet is null ? new(rows, char.ToUpperInvariant(rowsEn[0]) + rowsEn[1..]) : new($"工作表“{sheet}”{rows}", $"Sheet '{sheet}', {rowsEn}");
    }

    /// <summary>
    /// The header (first), then the data rows of every list sheet in the first header's column order.
    /// Read once per enumeration (an import that reads the file twice enumerates twice).
    /// </summary>
    public IEnumerable<SheetRow> Rows()
    {
        Skipped.Clear();
        Faults.Clear();
        _sheetNames.Clear();
        HeaderFound = false;
        Header = [];
        var sheets = SheetFormats.ReadSheets(_stream, _format);
        var index = -1;
        int[]? map = null; // this sheet's column → the first header's column
        SheetRow? fallback = null;
        foreach (var sheet in sheets)
        {
            index++;
            _sheetNames.Add(sheet.Name);
            if (index == 0) _named = sheet.Count > 1;
            // One sheet: its rows are named by number only, as in a CSV file.
            var name = _named ? sheet.Name : null;
            using var rows = sheet.Rows.GetEnumerator();
            var top = new List<SheetRow>();
            while (top.Count < HeaderSearchRows && rows.MoveNext()) top.Add(rows.Current);
            var found = FindHeader(top);
            if (found is null)
            {
                // Not a list: the rest of the sheet is not read.
                fallback ??= top.FirstOrDefault(r => !r.IsBlank) is { } first ? first with { Number = Line(index, first.Number) } : null;
                var what = top.Count == 0 || top.All(r => r.IsBlank) ? new LocalText("是空的", "is empty") : new LocalText("前 10 行中没有本导入的表头", "has no header of this import in its first 10 rows");
                Skipped.Add(new SkippedRow(sheet.Name, 0, 0, "sheet.not_a_list", new LocalText(
                    $"工作表“{sheet.Name}”{what.Zh}，不是名单，已跳过", $"Sheet '{sheet.Name}' {what.En}: not a list, skipped")));
                continue;
            }
            var (headerAt, rowsUsed, names) = found.Value;
            // Above the header: titles, and blank rows (a workbook may leave a blank row out altogether: the gap is one too).
            var expected = 1;
            for (var i = 0; i < headerAt - rowsUsed + 1; i++)
            {
                var r = top[i];
                if (r.Number > expected) Skipped.Add(new SkippedRow(name, expected, r.Number - 1, "row.blank", new LocalText("表头之上的空行", "Blank row above the header")));
                expected = r.Number + 1;
                Skipped.Add(new SkippedRow(name, r.Number, r.Number, r.IsBlank ? "row.blank" : "row.title",
                    r.IsBlank ? new LocalText("表头之上的空行", "Blank row above the header") : new LocalText($"表头之上的标题：“{FirstText(r)}”", $"Title above the header: '{FirstText(r)}'")));
            }
            var firstHeaderRow = top[headerAt - rowsUsed + 1].Number;
            if (firstHeaderRow > expected) Skipped.Add(new SkippedRow(name, expected, firstHeaderRow - 1, "row.blank", new LocalText("表头之上的空行", "Blank row above the header")));
            var headerRow = top[headerAt];
            if (!HeaderFound)
            {
                HeaderFound = true;
                Header = names;
                HeaderLine = Line(index, headerRow.Number);
                map = null;
                yield return new SheetRow(HeaderLine, [.. names.Select(n => new SheetCell(n, false))]);
            }
            else map = MapColumns(sheet.Name, headerRow.Number, names);
            var reader = new DataRows(this, name, index, map, Header.Count, headerRow.Number);
            foreach (var row in top.Skip(headerAt + 1))
                if (reader.Take(row) is { } data) yield return data;
            while (rows.MoveNext())
                if (reader.Take(rows.Current) is { } data) yield return data;
            reader.End();
        }
        if (!HeaderFound && fallback is not null)
        {
            // No sheet has this import's header: the first non-blank row is given as the header, for the
            // import to say which columns are missing (as it did when row 1 was the header).
            HeaderLine = fallback.Number;
            Header = [.. fallback.Cells.Select(c => TextCleaner.Clean(c.Text))];
            yield return fallback;
        }
    }

    private static string FirstText(SheetRow row)
    {
        var text = TextCleaner.Clean(row.Cells.FirstOrDefault(c => !c.IsBlank).Text ?? string.Empty).Trim();
        return text.Length > 40 ? text[..40] + "…" : text;
    }

    /// <summary>The header among the top rows: its index, 1 or 2 rows, and the names; null when none holds enough known names.</summary>
    private (int At, int Rows, string[] Names)? FindHeader(List<SheetRow> top)
    {
        (int At, int Rows, string[] Names, int Score)? best = null;
        for (var i = 0; i < top.Count; i++)
        {
            if (top[i].IsBlank) continue;
            var single = top[i].Cells.Select(c => Clean(c.Text)).ToArray();
            var score = single.Count(n => n.Length > 0 && _isColumn(n));
            if (score >= _minColumns && (best is null || score > best.Value.Score)) best = (i, 1, single, score);
            if (i > 0 && !top[i - 1].IsBlank)
            {
                var joined = Join(top[i - 1], top[i]);
                var joinedScore = joined.Count(n => n.Length > 0 && _isColumn(n));
                if (joinedScore >= _minColumns && (best is null || joinedScore > best.Value.Score)) best = (i, 2, joined, joinedScore);
            }
        }
        return best is { } b ? (b.At, b.Rows, b.Names) : null;
    }

    [GeneratedRegex(@"^\s*(\d{4})\s*年")]
    private static partial Regex YearGroup();

    /// <summary>
    /// A two-row header as one name per column. A merged cell keeps its text in its first cell, so a
    /// group cell ("2016年收入") stands over the sub-headers from its column to the next group cell; a
    /// column with nothing below (a cell merged down) keeps the upper text. A sub-header is named, of
    /// the import's names, the first that is known: group + sub, the group's year + sub
    /// ("2016年" + "工资性收入"), or the sub-header alone.
    /// </summary>
    private string[] Join(SheetRow upper, SheetRow lower)
    {
        var width = Math.Max(upper.Cells.Length, lower.Cells.Length);
        var names = new string[width];
        var group = string.Empty;
        for (var i = 0; i < width; i++)
        {
            var up = Clean(upper[i].Text ?? string.Empty);
            var down = Clean(lower[i].Text ?? string.Empty);
            if (up.Length > 0) group = up;
            if (down.Length == 0)
            {
                names[i] = up;
                continue;
            }
            if (group.Length == 0)
            {
                names[i] = down;
                continue;
            }
            var year = YearGroup().Match(group);
            string[] candidates = year.Success ? [group + down, year.Groups[1].Value + "年" + down, down] : [group + down, down];
            names[i] = candidates.FirstOrDefault(_isColumn) ?? group + down;
        }
        return names;
    }

    private static string Clean(string? text) => TextCleaner.Clean(text ?? string.Empty).Replace("\n", "", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal).Trim();

    /// <summary>A later sheet's columns mapped by name onto the first header; a known column the first header lacks is a fault.</summary>
    private int[] MapColumns(string sheet, int row, string[] names)
    {
        var map = new int[names.Length];
        for (var i = 0; i < names.Length; i++)
        {
            map[i] = -1;
            if (names[i].Length == 0) continue;
            for (var j = 0; j < Header.Count; j++)
                if (string.Equals(Header[j], names[i], StringComparison.OrdinalIgnoreCase)) { map[i] = j; break; }
            if (map[i] < 0 && _isColumn(names[i]))
                Faults.Add(new SheetFault(sheet, row, names[i], "column.not_in_first_sheet", new LocalText(
                    $"工作表“{sheet}”的列“{names[i]}”在第一张名单的表头中没有：各工作表的列须相同",
                    $"Sheet '{sheet}' has the column '{names[i]}', which the first list's header does not: every sheet needs the same columns")));
        }
        return map;
    }

    private static readonly string[] Totals = ["合计", "小计", "总计", "累计", "共计"];
    private static readonly string[] Footers = ["制表人", "制表", "审核人", "审核", "填报人", "填报日期", "填报单位", "填表人", "填表日期", "填表", "负责人", "单位负责人", "经办人", "统计人", "备注", "说明", "注：", "注:"];

    // The first characters of the footer words: a cell without any of them cannot begin with one.
    private static readonly System.Buffers.SearchValues<char> FooterInitials = System.Buffers.SearchValues.Create(string.Concat(Footers.Select(f => f[0]).Distinct()));

    /// <summary>A total row: 合计, 小计 or 总计 (spaces inside allowed, "一组小计" too) in one of its first three non-blank cells.</summary>
    public static bool IsTotal(SheetRow row)
    {
        // Every total word ends in 计: rows without it (nearly all) are passed over without allocating.
        var seen = 0;
        var any = false;
        foreach (var cell in row.Cells)
        {
            if (cell.IsBlank) continue;
            if (cell.Text.Contains('计')) { any = true; break; }
            if (++seen == 3) break;
        }
        if (!any) return false;
        foreach (var cell in row.Cells.Where(c => !c.IsBlank).Take(3))
        {
            var text = new string(TextCleaner.Clean(cell.Text).Where(c => !char.IsWhiteSpace(c)).ToArray());
            if (text.Length <= 12 && Totals.Any(t => text.StartsWith(t, StringComparison.Ordinal) || text.EndsWith(t, StringComparison.Ordinal)
                || text.EndsWith(t + ":", StringComparison.Ordinal) || text.EndsWith(t + "：", StringComparison.Ordinal))) return true;
        }
        return false;
    }

    /// <summary>A footer: its first non-blank cell begins with 制表人, 审核人, 填报人, 填报日期, 备注, 说明, 注： …</summary>
    public static bool IsFooter(SheetRow row)
    {
        var first = row.Cells.FirstOrDefault(c => !c.IsBlank).Text;
        if (first is null || first.AsSpan().IndexOfAny(FooterInitials) < 0) return false;
        var text = new string(TextCleaner.Clean(first).Where(c => !char.IsWhiteSpace(c)).ToArray());
        return Footers.Any(f => text.StartsWith(f, StringComparison.Ordinal));
    }

    /// <summary>A sheet's data rows: not-data rows skipped and listed (consecutive blanks as one range), the rest given as lines in the first header's order.</summary>
    private sealed class DataRows(SheetTable table, string? sheet, int index, int[]? map, int width, int headerRow)
    {
        private int _blankFrom;
        private int _blankTo;
        private int _footerAt;
        private int _last = headerRow;

        public SheetRow? Take(SheetRow row)
        {
            // Rows a workbook leaves out are blank rows too (.xls files list them, .xlsx files need not).
            if (row.Number > _last + 1)
            {
                if (_blankFrom > 0 && _last == _blankTo) _blankTo = row.Number - 1;
                else
                {
                    FlushBlanks();
                    (_blankFrom, _blankTo) = (_last + 1, row.Number - 1);
                }
            }
            _last = Math.Max(_last, row.Number);
            if (row.IsBlank)
            {
                if (_blankFrom > 0 && row.Number == _blankTo + 1) _blankTo = row.Number;
                else
                {
                    FlushBlanks();
                    _blankFrom = _blankTo = row.Number;
                }
                return null;
            }
            FlushBlanks();
            if (IsTotal(row))
            {
                table.Skipped.Add(new SkippedRow(sheet, row.Number, row.Number, "row.total", new LocalText($"合计行：“{FirstText(row)}”", $"Total row: '{FirstText(row)}'")));
                return null;
            }
            if (IsFooter(row) || (_footerAt > 0 && row.Cells.Count(c => !c.IsBlank) <= 2))
            {
                // A footer, or a line of a note continued below one (a row of one or two cells).
                if (_footerAt == 0) _footerAt = row.Number;
                table.Skipped.Add(new SkippedRow(sheet, row.Number, row.Number, "row.footer", new LocalText($"表尾：“{FirstText(row)}”", $"Footer: '{FirstText(row)}'")));
                return null;
            }
            _footerAt = 0;
            if (map is null) return row with { Number = Line(index, row.Number) };
            var cells = new SheetCell[width];
            for (var i = 0; i < row.Cells.Length && i < map.Length; i++)
                if (map[i] >= 0) cells[map[i]] = row.Cells[i];
            for (var i = 0; i < cells.Length; i++) cells[i] = cells[i].Text is null ? new SheetCell(string.Empty, false) : cells[i];
            return new SheetRow(Line(index, row.Number), cells);
        }

        /// <summary>Blank rows at the end of a sheet are not listed: nothing follows them (an .xls file may list hundreds of formatted empty rows).</summary>
        public void End() => _blankFrom = _blankTo = 0;

        private void FlushBlanks()
        {
            if (_blankFrom == 0) return;
            table.Skipped.Add(new SkippedRow(sheet, _blankFrom, _blankTo, "row.blank", new LocalText("空行", "Blank row")));
            _blankFrom = _blankTo = 0;
        }
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
