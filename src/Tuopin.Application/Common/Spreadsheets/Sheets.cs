using System.Globalization;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Tuopin.Domain.Common;

namespace Tuopin.Application.Common;

/// <summary>One cell as read: its text, and whether the spreadsheet stored it as a number.</summary>
public readonly record struct SheetCell(string Text, bool IsNumber)
{
    public bool IsBlank => string.IsNullOrWhiteSpace(Text);
}

/// <summary>One row of a sheet with its own row number (the header is row 1).</summary>
public sealed record SheetRow(int Number, SheetCell[] Cells)
{
    public SheetCell this[int column] => column < Cells.Length ? Cells[column] : default;

    public bool IsBlank => Cells.All(c => c.IsBlank || c.Text is null);
}

public enum SheetFormat { Xlsx, Csv, Xls }

/// <summary>One sheet of a workbook: its name, its rows (read once, in order) and how many sheets the workbook has.</summary>
public sealed record NamedSheet(string Name, IEnumerable<SheetRow> Rows, int Count = 1);

public static class SheetFormats
{
    /// <summary>The format a file name says, or null when it is not .xlsx, .xls or .csv.</summary>
    public static SheetFormat? FromFileName(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".xlsx" => SheetFormat.Xlsx,
        ".xls" => SheetFormat.Xls,
        ".csv" => SheetFormat.Csv,
        _ => null,
    };

    /// <summary>What an import takes, for its refusal of another file: the same words everywhere.</summary>
    public static LocalText OnlyImportable(string fileName) => new(
        $"只能导入 .xlsx、.xls 或 .csv 文件，“{Path.GetFileName(fileName)}”不是",
        $"Only .xlsx, .xls and .csv files can be imported, not '{Path.GetFileName(fileName)}'");

    public static string ContentType(SheetFormat format) => format switch
    {
        SheetFormat.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        SheetFormat.Xls => "application/vnd.ms-excel",
        _ => "text/csv; charset=utf-8",
    };

    /// <summary>The format a file written from one of this format is written in: .xls is read, never written (it becomes .xlsx).</summary>
    public static SheetFormat Writable(SheetFormat format) => format == SheetFormat.Xls ? SheetFormat.Xlsx : format;

    /// <summary>Reads the first sheet of a workbook, or a CSV file, one row at a time.</summary>
    public static IEnumerable<SheetRow> Read(Stream stream, SheetFormat format) => format switch
    {
        SheetFormat.Xlsx => XlsxReader.Read(stream),
        SheetFormat.Xls => XlsReader.Read(stream),
        _ => CsvReader.Read(stream),
    };

    /// <summary>Every sheet of a workbook in order (a CSV file is one sheet without a name).</summary>
    public static IEnumerable<NamedSheet> ReadSheets(Stream stream, SheetFormat format) => format switch
    {
        SheetFormat.Xlsx => XlsxReader.ReadSheets(stream),
        SheetFormat.Xls => XlsReader.ReadSheets(stream),
        _ => [new NamedSheet(string.Empty, CsvReader.Read(stream))],
    };
}

/// <summary>
/// Reads CSV (RFC 4180) as a stream: one record in memory at a time. The encoding is detected
/// without asking: a UTF-8 byte-order mark, else UTF-8 if the start of the file is valid UTF-8,
/// else GB18030 (which includes GBK and GB2312).
/// </summary>
public static class CsvReader
{
    private const int Probe = 64 * 1024;

    static CsvReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static Encoding Gb18030 => Encoding.GetEncoding("GB18030");

    public static Encoding Detect(Stream stream)
    {
        var start = stream.Position;
        var buffer = new byte[Probe];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = stream.Read(buffer, read, buffer.Length - read)) > 0) read += n;
        stream.Position = start;
        if (read >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF) return new UTF8Encoding(false);
        var strict = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
        try
        {
            // flush: false, so that a character cut at the end of the probe is not taken for an error.
            strict.GetCharCount(buffer, 0, read, flush: false);
            return new UTF8Encoding(false);
        }
        catch (DecoderFallbackException)
        {
            return Gb18030;
        }
    }

    /// <summary>
    /// The records as rows, within <see cref="SheetLimits"/>: a field of more than 32,767 characters, a
    /// record of more than <see cref="SheetLimits.MaxRecordLength"/> (one endless quoted field or line)
    /// or of more than 16,384 fields is refused as soon as it is read that far.
    /// </summary>
    public static IEnumerable<SheetRow> Read(Stream stream)
    {
        Stream source = stream;
        if (!stream.CanSeek)
        {
            // The probe needs to look ahead; a non-seekable stream is buffered to a temporary file, never to memory.
            var temp = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
            stream.CopyTo(temp);
            temp.Position = 0;
            source = temp;
        }
        var encoding = Detect(source);
        using var reader = new StreamReader(source, encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: source == stream);
        var row = new RowBuilder();
        var field = new StringBuilder();
        var number = 1;
        var column = 0;
        var length = 0;
        var inQuotes = false;
        var any = false;
        row.Start(number);
        while (true)
        {
            var c = reader.Read();
            if (c < 0)
            {
                if (any || field.Length > 0 || column > 0)
                {
                    AddField(row, column, field);
                    yield return row.Finish();
                }
                yield break;
            }
            any = true;
            if (++length > SheetLimits.MaxRecordLength) throw SheetLimits.RecordTooLong(number);
            var ch = (char)c;
            if (inQuotes)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"') { reader.Read(); Append(field, '"', number, column); }
                    else inQuotes = false;
                }
                else Append(field, ch, number, column);
                continue;
            }
            switch (ch)
            {
                case '"' when field.Length == 0:
                    inQuotes = true;
                    break;
                case ',':
                    AddField(row, column++, field);
                    break;
                case '\r':
                case '\n':
                    if (ch == '\r' && reader.Peek() == '\n') reader.Read();
                    AddField(row, column, field);
                    yield return row.Finish();
                    row.Start(++number);
                    column = 0;
                    length = 0;
                    any = false;
                    break;
                default:
                    Append(field, ch, number, column);
                    break;
            }
        }
    }

    private static void Append(StringBuilder field, char ch, int row, int column)
    {
        if (field.Length >= SheetLimits.MaxCellLength) throw SheetLimits.CellTooLong(row, XlsxReader.ColumnName(column) + row.ToString(CultureInfo.InvariantCulture));
        field.Append(ch);
    }

    private static void AddField(RowBuilder row, int column, StringBuilder field)
    {
        if (column >= SheetLimits.MaxColumns) throw SheetLimits.TooManyFields(row.Number);
        row.Add(column, new SheetCell(FormulaGuard.Unguard(field.ToString()), false));
        field.Clear();
    }
}

/// <summary>
/// Builds a sheet's rows one at a time within <see cref="SheetLimits"/>, for every reader (the worksheet
/// scanner, the XmlReader, CSV): row numbers up to 1,048,576, a cell's text up to 32,767 characters,
/// and a row no wider in memory than the header or <see cref="SheetLimits.MinRowWidth"/> columns,
/// whichever is wider (the header is the first row with a non-blank cell: no import reads a column
/// without one). A cell further right is not kept, and blanks are not padded out to it, so that a
/// cell at XFD costs nothing; the cells a sheet makes, padding included, are counted.
/// </summary>
internal sealed class RowBuilder
{
    private static readonly SheetCell Blank = new(string.Empty, false);
    private readonly List<SheetCell> _cells = [];
    private int _width;
    private bool _header;
    private long _made;

    public int Number { get; private set; }

    public void Start(int number)
    {
        if (number > SheetLimits.MaxRows) throw SheetLimits.RowBeyond(number.ToString(CultureInfo.InvariantCulture));
        Number = number;
        _cells.Clear();
    }

    /// <summary>A cell at a column (below <see cref="SheetLimits.MaxColumns"/>, which the reader checks with the reference in hand).</summary>
    public void Add(int column, SheetCell cell)
    {
        if (cell.Text.Length > SheetLimits.MaxCellLength)
            throw SheetLimits.CellTooLong(Number, XlsxReader.ColumnName(Math.Max(column, _cells.Count)) + Number.ToString(CultureInfo.InvariantCulture));
        // Before the header a blank cell is kept within the minimum width only, and a non-blank one
        // anywhere: its row is the header.
        var bound = _header ? _width : cell.IsBlank ? SheetLimits.MinRowWidth : SheetLimits.MaxColumns;
        if (column >= bound) return;
        if (_made + Math.Max(column - _cells.Count, 0) + 1 > SheetLimits.MaxCells) throw SheetLimits.TooManyCells();
        _made += Math.Max(column - _cells.Count, 0) + 1;
        while (_cells.Count < column) _cells.Add(Blank);
        _cells.Add(cell);
    }

    public SheetRow Finish()
    {
        var row = new SheetRow(Number, _cells.ToArray());
        if (!_header)
        {
            var last = Array.FindLastIndex(row.Cells, c => !c.IsBlank);
            if (last >= 0)
            {
                _header = true;
                _width = Math.Max(last + 1, SheetLimits.MinRowWidth);
            }
        }
        return row;
    }
}

/// <summary>
/// Text cells that a spreadsheet program would take for a formula (OWASP, CSV injection): a text that
/// begins with =, +, -, @, a tab or a carriage return is written with a leading apostrophe, which Excel
/// and WPS show as text; a text that begins with apostrophes before one of those gets one more, so
/// that reading takes exactly one off and every text comes back as it was written. Numbers are numbers
/// and are written as they are.
/// </summary>
public static class FormulaGuard
{
    private static bool StartsLikeAFormula(ReadOnlySpan<char> text)
    {
        var i = 0;
        while (i < text.Length && text[i] == '\'') i++;
        return i < text.Length && text[i] is '=' or '+' or '-' or '@' or '\t' or '\r';
    }

    /// <summary>The text as written to a file.</summary>
    public static string Guard(string text) => StartsLikeAFormula(text) ? "'" + text : text;

    /// <summary>The text as read from a file: the apostrophe <see cref="Guard"/> added taken off.</summary>
    public static string Unguard(string text) => text.Length > 1 && text[0] == '\'' && StartsLikeAFormula(text.AsSpan(1)) ? text[1..] : text;
}

/// <summary>
/// Reads the first worksheet of an .xlsx as a stream: the package is opened with the Open XML SDK; the
/// sheet part is read by <see cref="SheetXmlScanner"/> from its UTF-8 bytes (a part in another encoding
/// with a plain forward-only XmlReader), and the shared strings with an XmlReader. The SDK's own
/// OpenXmlReader costs an object per element and was 20 times slower on the registry. One row is
/// materialised at a time; only the shared-string table is held in memory. Everything is read within
/// <see cref="SheetLimits"/>: the zip directory is checked before the SDK opens the package, and the
/// parts are inflated by <see cref="SheetPackage"/>, which counts them as they come.
/// </summary>
public static class XlsxReader
{
    private const string RelationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string StrictRelationshipsNamespace = "http://purl.oclc.org/ooxml/officeDocument/relationships";

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit, IgnoreComments = true, IgnoreProcessingInstructions = true, CloseInput = true,
    };

    public static IEnumerable<SheetRow> Read(Stream stream) => Read(stream, scan: true);

    /// <param name="stream">The workbook.</param>
    /// <param name="scan">False: the sheet is read with the XmlReader even when it is UTF-8 (the reference for tests).</param>
    internal static IEnumerable<SheetRow> Read(Stream stream, bool scan)
    {
        foreach (var sheet in ReadSheets(stream, scan, firstOnly: true))
        {
            foreach (var row in sheet.Rows) yield return row;
            yield break;
        }
        throw new InvalidDataException("The workbook has no sheet.");
    }

    /// <summary>
    /// Every worksheet of the workbook in its order, each with its name; a sheet's rows are to be read
    /// before the next sheet is asked for (the package stays open for the whole enumeration).
    /// </summary>
    public static IEnumerable<NamedSheet> ReadSheets(Stream stream) => ReadSheets(stream, scan: true, firstOnly: false);

    private static IEnumerable<NamedSheet> ReadSheets(Stream stream, bool scan, bool firstOnly)
    {
        var package = OpenPackage(stream);
        using var document = OpenDocument(stream);
        var workbook = document.WorkbookPart ?? throw new InvalidDataException("The workbook has no workbook part.");
        var strings = SharedStrings(package, workbook);
        var sheets = SheetIds(package, workbook, firstOnly);
        if (sheets.Count == 0) throw new InvalidDataException("The workbook has no sheet.");
        foreach (var (name, id) in sheets)
        {
            // A chart sheet or a dialog sheet has no rows: it is not a list, and is given as an empty sheet.
            if (!workbook.TryGetPartById(id, out var found) || found is not WorksheetPart part)
            {
                if (firstOnly) throw new InvalidDataException("The workbook's first sheet is not a worksheet.");
                yield return new NamedSheet(name, [], sheets.Count);
                continue;
            }
            yield return new NamedSheet(name, Rows(package, part, strings, scan), sheets.Count);
        }
    }

    private static IEnumerable<SheetRow> Rows(SheetPackage package, WorksheetPart part, List<string> strings, bool scan)
    {
        using (var scanner = new SheetXmlScanner(OpenPart(package, part, SheetLimits.MaxSheetBytes), PartName(part)))
        {
            if (scan && scanner.IsUtf8)
            {
                foreach (var row in scanner.Rows(strings)) yield return row;
                yield break;
            }
        }
        foreach (var row in ReadWithXmlReader(Guarded(package, part, SheetLimits.MaxSheetBytes), strings)) yield return row;
    }

    private static SheetPackage OpenPackage(Stream stream)
    {
        try
        {
            return SheetPackage.Open(stream);
        }
        catch (EndOfStreamException e)
        {
            throw new InvalidDataException("The file is not a readable .xlsx workbook: it ends too soon.", e);
        }
    }

    private static string PartName(OpenXmlPart part) => Uri.UnescapeDataString(part.Uri.OriginalString).TrimStart('/');

    /// <summary>A part's bytes, counted within its limit: inflated from the zip entry, or (a part the directory does not name) through the SDK.</summary>
    private static Stream OpenPart(SheetPackage package, OpenXmlPart part, long limit) =>
        (Stream?)package.Open(part.Uri, limit)
        ?? new PartStream(part.GetStream(FileMode.Open, FileAccess.Read), PartName(part), long.MaxValue, limit, () => SheetLimits.PartTooLarge(PartName(part), limit));

    private static Stream Guarded(SheetPackage package, OpenXmlPart part, long limit) => new MarkupGuard(OpenPart(package, part, limit), PartName(part));

    /// <summary>The names and relationship ids of the workbook's sheets (or its first), read from the part (the SDK would load it whole).</summary>
    private static List<(string Name, string Id)> SheetIds(SheetPackage package, WorkbookPart workbook, bool firstOnly)
    {
        var sheets = new List<(string, string)>();
        using var xml = XmlReader.Create(Guarded(package, workbook, SheetLimits.MaxPartBytes), Settings);
        while (xml.Read())
        {
            if (xml.NodeType != XmlNodeType.Element || xml.LocalName != "sheet") continue;
            var id = xml.GetAttribute("id", RelationshipsNamespace) ?? xml.GetAttribute("id", StrictRelationshipsNamespace);
            if (id is null) continue;
            sheets.Add((xml.GetAttribute("name") ?? "Sheet" + (sheets.Count + 1).ToString(CultureInfo.InvariantCulture), id));
            if (firstOnly || sheets.Count >= SheetLimits.MaxSheets) break;
        }
        return sheets;
    }

    /// <summary>The sheet read with an XmlReader: for a part not in UTF-8, and as the reference the scanner is tested against.</summary>
    private static IEnumerable<SheetRow> ReadWithXmlReader(Stream stream, List<string> strings)
    {
        using var xml = XmlReader.Create(stream, Settings);
        var names = xml.NameTable;
        var rowName = names.Add("row");
        var cellName = names.Add("c");
        var valueName = names.Add("v");
        var textName = names.Add("t");
        var phoneticName = names.Add("rPh");
        var next = 1;
        var row = new RowBuilder();
        var position = 0;
        var column = 0;
        string? type = null;
        string? value = null;
        var inline = default(Runs);
        var scratch = new char[256];
        var inCell = false;
        var phonetic = 0;
        while (xml.Read())
        {
            if (xml.NodeType == XmlNodeType.Element)
            {
                var name = xml.LocalName;
                if ((object)name == rowName)
                {
                    var number = RowNumber(xml.GetAttribute("r")) ?? next;
                    row.Start(number);
                    next = number + 1;
                    position = 0;
                    if (xml.IsEmptyElement) yield return row.Finish();
                }
                else if ((object)name == cellName)
                {
                    var reference = xml.GetAttribute("r");
                    column = reference is null ? position : ColumnIndex(reference);
                    if (column >= SheetLimits.MaxColumns)
                        throw SheetLimits.ColumnBeyond(row.Number, reference ?? ColumnName(column) + row.Number.ToString(CultureInfo.InvariantCulture));
                    type = xml.GetAttribute("t");
                    value = null;
                    inline = default;
                    inCell = !xml.IsEmptyElement;
                    if (!inCell) position = Add(row, column, CellOf(type, string.Empty, strings));
                }
                else if ((object)name == phoneticName && !xml.IsEmptyElement) phonetic++;
                else if (inCell && (object)name == valueName && !xml.IsEmptyElement) value = Content(xml, ref scratch) ?? throw CellTooLong(row, column);
                else if (inCell && phonetic == 0 && (object)name == textName && !xml.IsEmptyElement)
                {
                    inline.Add(Content(xml, ref scratch) ?? throw CellTooLong(row, column));
                    if (inline.Length > SheetLimits.MaxCellLength) throw CellTooLong(row, column);
                }
            }
            else if (xml.NodeType == XmlNodeType.EndElement)
            {
                var name = xml.LocalName;
                if ((object)name == cellName && inCell)
                {
                    inCell = false;
                    position = Add(row, column, CellOf(type, value ?? inline.Text ?? string.Empty, strings));
                }
                else if ((object)name == phoneticName) phonetic--;
                else if ((object)name == rowName) yield return row.Finish();
            }
        }
    }

    /// <summary>Adds a cell; the column after it, for the next cell without a reference.</summary>
    internal static int Add(RowBuilder row, int column, SheetCell cell)
    {
        row.Add(column, cell);
        return column + 1;
    }

    internal static SheetLimitException CellTooLong(RowBuilder row, int column) =>
        SheetLimits.CellTooLong(row.Number, ColumnName(column) + row.Number.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// A row's number from its r attribute: null when it has none or it is not a number (the row then
    /// follows the one before); refused beyond the last row.
    /// </summary>
    internal static int? RowNumber(string? r)
    {
        if (string.IsNullOrEmpty(r) || !r.All(char.IsAsciiDigit)) return int.TryParse(r, NumberStyles.Integer, CultureInfo.InvariantCulture, out var signed) ? signed : null;
        var digits = r.TrimStart('0');
        if (digits.Length > 7 || (digits.Length > 0 && int.Parse(digits, CultureInfo.InvariantCulture) > SheetLimits.MaxRows)) throw SheetLimits.RowBeyond(r);
        return digits.Length == 0 ? 0 : int.Parse(digits, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The text of the current element, read a chunk at a time into <paramref name="scratch"/> (kept
    /// for the next value) and given up past a cell's 32,767 characters (null then); the reader is
    /// left on its end tag.
    /// </summary>
    private static string? Content(XmlReader xml, ref char[] scratch)
    {
        var length = 0;
        xml.Read();
        while (!xml.EOF && xml.NodeType != XmlNodeType.EndElement)
        {
            if (xml.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)
            {
                int n;
                while ((n = xml.ReadValueChunk(scratch, length, scratch.Length - length)) > 0)
                {
                    length += n;
                    if (length > SheetLimits.MaxCellLength) return null;
                    if (length == scratch.Length) Array.Resize(ref scratch, Math.Min(scratch.Length * 2, SheetLimits.MaxCellLength + 1));
                }
            }
            if (xml.NodeType == XmlNodeType.Element) xml.Skip(); // no markup inside a value; skipped if there is
            else xml.Read();
        }
        return length == 0 ? string.Empty : new string(scratch, 0, length);
    }

    /// <summary>A text made of runs (rich text): the first run as it is, a builder only from the second.</summary>
    private struct Runs
    {
        private string? _first;
        private StringBuilder? _more;

        public readonly int Length => _more?.Length ?? _first?.Length ?? 0;

        public void Add(string run)
        {
            if (_first is null) _first = run;
            else (_more ??= new StringBuilder(_first)).Append(run);
        }

        public readonly string? Text => _more?.ToString() ?? _first;
    }

    /// <summary>One cell by its type: a shared string resolved, text kept as text, anything else a number.</summary>
    internal static SheetCell CellOf(string? type, string raw, List<string> strings) => type switch
    {
        "s" => new SheetCell(int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i >= 0 && i < strings.Count ? strings[i] : string.Empty, false),
        "inlineStr" or "str" => new SheetCell(FormulaGuard.Unguard(raw), false),
        "b" or "e" or "d" => new SheetCell(raw, false),
        _ => new SheetCell(raw, raw.Length > 0),
    };

    private static SpreadsheetDocument OpenDocument(Stream stream)
    {
        try
        {
            return SpreadsheetDocument.Open(stream, false);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or FileFormatException or IOException)
        {
            throw new InvalidDataException("The file is not a readable .xlsx workbook: " + e.Message, e);
        }
    }

    /// <summary>
    /// The shared strings: each item's text runs, without phonetic guides (rPh); guarded as text cells
    /// are. Refused past <see cref="SheetLimits.MaxSharedStrings"/> items or <see cref="SheetLimits.MaxSharedStringChars"/>
    /// characters, and an item past a cell's 32,767, before the memory is spent.
    /// </summary>
    private static List<string> SharedStrings(SheetPackage package, WorkbookPart workbook)
    {
        var list = new List<string>();
        if (workbook.SharedStringTablePart is not { } part) return list;
        using var xml = XmlReader.Create(Guarded(package, part, SheetLimits.MaxPartBytes), Settings);
        var itemName = xml.NameTable.Add("si");
        var textName = xml.NameTable.Add("t");
        var phoneticName = xml.NameTable.Add("rPh");
        Runs? item = null;
        var scratch = new char[256];
        var phonetic = 0;
        long total = 0;
        void Add(string text)
        {
            if (list.Count >= SheetLimits.MaxSharedStrings) throw SheetLimits.TooManySharedStrings();
            total += text.Length;
            if (total > SheetLimits.MaxSharedStringChars) throw SheetLimits.SharedStringsTooLong();
            list.Add(FormulaGuard.Unguard(text));
        }
        while (xml.Read())
        {
            if (xml.NodeType == XmlNodeType.Element)
            {
                var name = xml.LocalName;
                if ((object)name == itemName)
                {
                    if (xml.IsEmptyElement) Add(string.Empty);
                    else item = default(Runs);
                }
                else if ((object)name == phoneticName && !xml.IsEmptyElement) phonetic++;
                else if ((object)name == textName && phonetic == 0 && item is { } runs && !xml.IsEmptyElement)
                {
                    runs.Add(Content(xml, ref scratch) ?? throw SheetLimits.SharedStringTooLong(list.Count));
                    if (runs.Length > SheetLimits.MaxCellLength) throw SheetLimits.SharedStringTooLong(list.Count);
                    item = runs;
                }
            }
            else if (xml.NodeType == XmlNodeType.EndElement)
            {
                var name = xml.LocalName;
                if ((object)name == phoneticName) phonetic--;
                else if ((object)name == itemName && item is { } runs)
                {
                    Add(runs.Text ?? string.Empty);
                    item = null;
                }
            }
        }
        return list;
    }

    /// <summary>"C7" → 2: the zero-based column of a cell reference; past the last column, <see cref="SheetLimits.MaxColumns"/> or more.</summary>
    public static int ColumnIndex(string reference)
    {
        var n = 0;
        foreach (var ch in reference)
        {
            if (ch is >= 'A' and <= 'Z') n = n * 26 + (ch - 'A' + 1);
            else if (ch is >= 'a' and <= 'z') n = n * 26 + (ch - 'a' + 1);
            else break;
            // Past the last column already: stop before the number overflows (ZZZZZZZZ…).
            if (n > SheetLimits.MaxColumns) return SheetLimits.MaxColumns;
        }
        return n - 1;
    }

    public static string ColumnName(int index)
    {
        var name = string.Empty;
        for (var n = index + 1; n > 0; n = (n - 1) / 26) name = (char)('A' + (n - 1) % 26) + name;
        return name;
    }
}

/// <summary>
/// Writes rows to .xlsx (forward-only, inline strings) or CSV (UTF-8 with BOM, as Excel expects). The
/// package, workbook and styles come from the Open XML SDK; the worksheet's XML, which is nearly all of
/// a registry export (some 7 million cells), is written as text straight into its part: the SDK's
/// writer made an element object and an attribute list for every cell and took three times as long
/// as the rest of the export.
/// </summary>
public sealed class SheetWriter : IDisposable
{
    private readonly SheetFormat _format;
    private readonly SpreadsheetDocument? _document;
    private readonly StreamWriter? _xml;
    private readonly StreamWriter? _csv;
    private readonly List<string> _columns = [];
    private int _row;

    public SheetWriter(Stream stream, SheetFormat format, string sheetName, IReadOnlyList<double>? widths = null)
    {
        _format = format;
        if (format == SheetFormat.Csv)
        {
            _csv = new StreamWriter(stream, new UTF8Encoding(true), 1 << 16, leaveOpen: true) { NewLine = "\r\n" };
            return;
        }
        _document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook);
        var workbook = _document.AddWorkbookPart();
        workbook.Workbook = new Workbook(new Sheets(new Sheet { Id = "rIdSheet1", SheetId = 1, Name = sheetName }));
        var styles = workbook.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = Stylesheet();
        var sheet = workbook.AddNewPart<WorksheetPart>("rIdSheet1");
        _xml = new StreamWriter(sheet.GetStream(FileMode.Create, FileAccess.Write), new UTF8Encoding(false), 1 << 16);
        _xml.Write("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">""");
        // The header row stays in view while scrolling.
        _xml.Write("""<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>""");
        if (widths is { Count: > 0 })
        {
            _xml.Write("<cols>");
            for (var i = 0; i < widths.Count; i++)
                _xml.Write(string.Create(CultureInfo.InvariantCulture, $"""<col min="{i + 1}" max="{i + 1}" width="{widths[i]}" customWidth="1"/>"""));
            _xml.Write("</cols>");
        }
        _xml.Write("<sheetData>");
    }

    private static Stylesheet Stylesheet() => new(
        new Fonts(new Font(), new Font(new Bold()), new Font(new Color { Rgb = "FFC00000" })) { Count = 3 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(
            new CellFormat(),
            new CellFormat { FontId = 1, ApplyFont = true },
            new CellFormat { FontId = 2, ApplyFont = true, Alignment = new Alignment { WrapText = true }, ApplyAlignment = true }) { Count = 3 });

    /// <summary>
    /// Writes one row. Strings stay text (resident IDs are never numbers), and a text a spreadsheet
    /// program would run as a formula gets the apostrophe of <see cref="FormulaGuard"/>, in a CSV file
    /// and in a workbook alike (where it is an inline string, never a formula, but may be saved as CSV
    /// from there); numbers are written as they are. Style 1 is bold, 2 red.
    /// </summary>
    public void WriteRow(IReadOnlyList<object?> values, uint style = 0, int? styledColumn = null)
    {
        _row++;
        if (_csv is not null)
        {
            for (var i = 0; i < values.Count; i++)
            {
                if (i > 0) _csv.Write(',');
                var value = values[i];
                _csv.Write(Csv(IsNumber(value) ? Format(value) : FormulaGuard.Guard(Format(value))));
            }
            _csv.WriteLine();
            return;
        }
        var xml = _xml!;
        var number = _row.ToString(CultureInfo.InvariantCulture);
        xml.Write("<row r=\"");
        xml.Write(number);
        xml.Write("\">");
        for (var i = 0; i < values.Count; i++)
        {
            var value = values[i];
            if (value is null) continue;
            while (_columns.Count <= i) _columns.Add(XlsxReader.ColumnName(_columns.Count));
            xml.Write("<c r=\"");
            xml.Write(_columns[i]);
            xml.Write(number);
            var cellStyle = styledColumn is null || styledColumn == i ? style : 0;
            if (cellStyle != 0)
            {
                xml.Write("\" s=\"");
                xml.Write(cellStyle.ToString(CultureInfo.InvariantCulture));
            }
            if (IsNumber(value))
            {
                xml.Write("\"><v>");
                xml.Write(Format(value));
                xml.Write("</v></c>");
            }
            else
            {
                xml.Write("\" t=\"inlineStr\"><is><t xml:space=\"preserve\">");
                WriteEscaped(xml, FormulaGuard.Guard(Format(value)));
                xml.Write("</t></is></c>");
            }
        }
        xml.Write("</row>");
    }

    /// <summary>
    /// Text as XML character data: markup characters escaped, a CR kept as a reference (a literal one
    /// would be read as LF), and characters XML 1.0 cannot hold (control characters, lone surrogates)
    /// replaced by U+FFFD, as no reader could take them back.
    /// </summary>
    private static void WriteEscaped(StreamWriter xml, string text)
    {
        var from = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            string? replacement;
            if (c is '&') replacement = "&amp;";
            else if (c is '<') replacement = "&lt;";
            else if (c is '>') replacement = "&gt;";
            else if (c is '\r') replacement = "&#13;";
            else if (c < ' ' && c is not ('\t' or '\n')) replacement = "\uFFFD";
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
            else if (char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF') replacement = "\uFFFD";
            else continue;
            xml.Write(text.AsSpan(from, i - from));
            xml.Write(replacement);
            from = i + 1;
        }
        xml.Write(text.AsSpan(from));
    }

    private static bool IsNumber(object? value) => value is int or long or decimal or double;

    private static string Format(object? value) => value switch
    {
        null => string.Empty,
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static string Csv(string text) =>
        text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;

    public void Dispose()
    {
        if (_format == SheetFormat.Csv)
        {
            _csv!.Flush();
            _csv.Dispose();
            return;
        }
        _xml!.Write("</sheetData></worksheet>");
        _xml.Dispose();
        _document!.Dispose();
    }
}
