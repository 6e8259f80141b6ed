using System.Globalization;
using Tuopin.Domain.Common;

namespace Tuopin.Application.Common;

/// <summary>
/// What a spreadsheet may hold before the readers refuse it, checked as it is read and before the
/// memory is spent: a file of a few kilobytes must not make the server pad a row to millions of cells
/// or inflate a string to a gigabyte. Excel's own limits where Excel has one; the others measured on
/// the whole-county export of the demo data (78,913 members; docs/import-template.md, "Limits").
/// </summary>
public static class SheetLimits
{
    /// <summary>Excel's last column, XFD.</summary>
    public const int MaxColumns = 16_384;

    /// <summary>Excel's last row.</summary>
    public const int MaxRows = 1_048_576;

    /// <summary>Excel's limit on a cell's text: shared strings, inline strings and CSV fields alike.</summary>
    public const int MaxCellLength = 32_767;

    /// <summary>
    /// A row is kept in memory no wider than the header (the first row with a non-blank cell) or this,
    /// whichever is wider: no import reads a column without a header, so cells further right are not
    /// kept, and a stray cell at XFD cannot make every row 16,384 cells wide.
    /// </summary>
    public const int MinRowWidth = 256;

    /// <summary>Cells a sheet may make, blanks padded between cells included (the county: 6.9 million).</summary>
    public const long MaxCells = 100_000_000;

    /// <summary>The worksheet part, decompressed; it is streamed (the county's: 321 MB, 274 MB as LibreOffice saves it).</summary>
    public const long MaxSheetBytes = 2L << 30;

    /// <summary>Any other part, decompressed: the shared strings (the county's: 9.4 MB), the workbook.</summary>
    public const long MaxPartBytes = 256L << 20;

    /// <summary>[Content_Types].xml and the relationship parts together, which the Open XML SDK reads whole (the county's: 1.3 KB).</summary>
    public const long MaxIndexBytes = 4L << 20;

    /// <summary>Entries of the zip package (the county's export: 6; saved by LibreOffice: 9).</summary>
    public const int MaxParts = 10_000;

    /// <summary>Shared strings (the county saved by LibreOffice: 184,873), all held in memory.</summary>
    public const int MaxSharedStrings = 2_000_000;

    /// <summary>Characters of all shared strings together (the county: 2,349,429).</summary>
    public const long MaxSharedStringChars = 32_000_000;

    /// <summary>
    /// Bytes of XML between two '&lt;': one tag, one text, one comment. A cell's 32,767 characters take
    /// at most some 330 KB even written as character references; the XML readers hold a tag or text whole.
    /// </summary>
    public const int MaxMarkupBytes = 1 << 20;

    /// <summary>Characters of one CSV record (the county's longest: 765).</summary>
    /// <summary>Sheets of a workbook read by an import (one per village of a township is some 30).</summary>
    public const int MaxSheets = 255;

    public const int MaxRecordLength = 1 << 20;

    /// <summary>A registry file sent to the server (the county's export: 27.6 MB as .xlsx, 37.8 MB as .csv).</summary>
    public const long MaxUploadBytes = 200L << 20;

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Size(long bytes) => bytes >= 1 << 30 && bytes % (1 << 30) == 0 ? N(bytes >> 30) + " GB"
        : bytes >= 1 << 20 && bytes % (1 << 20) == 0 ? N(bytes >> 20) + " MB" : N(bytes) + " bytes";

    /// <summary>A cell reference or row number as the file wrote it, cut short if the file made it long.</summary>
    private static string Shown(string text) => text.Length > 24 ? text[..24] + "…" : text;

    public static SheetLimitException ColumnBeyond(int row, string reference) => new("sheet.columns", new LocalText(
        $"第 {N(row)} 行的单元格 {Shown(reference)} 超出了最后一列 XFD（第 {N(MaxColumns)} 列）",
        $"Row {N(row)}: the cell {Shown(reference)} lies beyond the last column, XFD (column {N(MaxColumns)})"));

    public static SheetLimitException TooManyFields(int row) => new("sheet.columns", new LocalText(
        $"第 {N(row)} 行超过 {N(MaxColumns)} 列（最后一列 XFD）",
        $"Row {N(row)} has more than {N(MaxColumns)} columns (the last column is XFD)"));

    public static SheetLimitException RowBeyond(string number) => new("sheet.rows", new LocalText(
        $"行号 {Shown(number)} 超出了最后一行（第 {N(MaxRows)} 行）",
        $"Row number {Shown(number)} lies beyond the last row ({N(MaxRows)})"));

    public static SheetLimitException CellTooLong(int row, string cell) => new("sheet.cell_length", new LocalText(
        $"第 {N(row)} 行 {Shown(cell)} 单元格的文字超过 {N(MaxCellLength)} 个字符",
        $"Row {N(row)}, cell {Shown(cell)}: the text is longer than {N(MaxCellLength)} characters"));

    public static SheetLimitException SharedStringTooLong(int index) => new("sheet.cell_length", new LocalText(
        $"共享字符串表的第 {N(index + 1)} 项超过 {N(MaxCellLength)} 个字符",
        $"Item {N(index + 1)} of the shared-string table is longer than {N(MaxCellLength)} characters"));

    public static SheetLimitException TooManySharedStrings() => new("sheet.shared_strings", new LocalText(
        $"共享字符串表超过 {N(MaxSharedStrings)} 项",
        $"The shared-string table has more than {N(MaxSharedStrings)} items"));

    public static SheetLimitException SharedStringsTooLong() => new("sheet.shared_strings", new LocalText(
        $"共享字符串表的文字合计超过 {N(MaxSharedStringChars)} 个字符",
        $"The shared-string table holds more than {N(MaxSharedStringChars)} characters in all"));

    public static SheetLimitException TooManyCells() => new("sheet.cells", new LocalText(
        $"工作表的单元格（含中间的空白单元格）超过 {N(MaxCells)} 个",
        $"The sheet has more than {N(MaxCells)} cells (blank cells between them included)"));

    public static SheetLimitException MarkupTooLong(string part) => new("sheet.markup", new LocalText(
        $"{part} 中有一段标记或文字超过 {Size(MaxMarkupBytes)}，文件已损坏或不是正常的工作簿",
        $"{part} has a tag or text longer than {Size(MaxMarkupBytes)}: the file is damaged or not an ordinary workbook"));

    public static SheetLimitException PartTooLarge(string part, long limit) => new("sheet.part_size", new LocalText(
        $"{part} 解压后超过 {Size(limit)}",
        $"{part} is larger than {Size(limit)} when decompressed"));

    public static SheetLimitException IndexTooLarge() => new("sheet.part_size", new LocalText(
        $"工作簿的目录部分（[Content_Types].xml 与各 .rels）解压后合计超过 {Size(MaxIndexBytes)}",
        $"The workbook's index parts ([Content_Types].xml and the .rels parts) are larger than {Size(MaxIndexBytes)} together when decompressed"));

    public static SheetLimitException TooManyParts() => new("sheet.parts", new LocalText(
        $"工作簿（zip 压缩包）中的文件超过 {N(MaxParts)} 个",
        $"The workbook (a zip package) has more than {N(MaxParts)} entries"));

    public static SheetLimitException RecordTooLong(int row) => new("sheet.record_length", new LocalText(
        $"CSV 文件第 {N(row)} 行超过 {N(MaxRecordLength)} 个字符（可能缺少结束引号）",
        $"Row {N(row)} of the CSV file is longer than {N(MaxRecordLength)} characters (a closing quote may be missing)"));

    public static SheetLimitException XlsTooLarge(long limit) => new("sheet.xls_size", new LocalText(
        $".xls 文件超过 {Size(limit)}：请在 Excel 或 WPS 中另存为 .xlsx 后再导入",
        $"The .xls file is larger than {Size(limit)}: save it as .xlsx in Excel or WPS and import that"));

    /// <summary>The answer to an upload over <paramref name="limit"/> bytes (the API's 413, the upload pages).</summary>
    public static LocalText UploadTooLarge(long limit) => new(
        $"文件超过 {Size(limit)}，未接收。请分成几个文件导入",
        $"The file is larger than {Size(limit)} and was not accepted; import it in several parts");
}

/// <summary>
/// A spreadsheet refused for exceeding one of <see cref="SheetLimits"/>; the message names the cell, row
/// or part and the limit, in both languages (the imports turn it into their "file" problem).
/// </summary>
public sealed class SheetLimitException(string code, LocalText text) : Exception(text.Zh + " / " + text.En)
{
    /// <summary>The problem code the imports report (sheet.columns, sheet.cell_length, …).</summary>
    public string Code { get; } = code;

    public LocalText Text { get; } = text;
}
