using System.Globalization;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Tuopin.Application.Import;

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

public enum SheetFormat { Xlsx, Csv }

public static class SheetFormats
{
    /// <summary>The format a file name says, or null when it is neither .xlsx nor .csv.</summary>
    public static SheetFormat? FromFileName(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".xlsx" => SheetFormat.Xlsx,
        ".csv" => SheetFormat.Csv,
        _ => null,
    };

    public static string ContentType(SheetFormat format) => format == SheetFormat.Xlsx
        ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        : "text/csv; charset=utf-8";

    /// <summary>Reads the first sheet of a workbook, or a CSV file, one row at a time.</summary>
    public static IEnumerable<SheetRow> Read(Stream stream, SheetFormat format) =>
        format == SheetFormat.Xlsx ? XlsxReader.Read(stream) : CsvReader.Read(stream);
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
        var cells = new List<SheetCell>();
        var field = new StringBuilder();
        var row = 0;
        var inQuotes = false;
        var any = false;
        while (true)
        {
            var c = reader.Read();
            if (c < 0)
            {
                if (any || field.Length > 0 || cells.Count > 0)
                {
                    cells.Add(new SheetCell(field.ToString(), false));
                    yield return new SheetRow(++row, cells.ToArray());
                }
                yield break;
            }
            any = true;
            var ch = (char)c;
            if (inQuotes)
            {
                if (ch == '"')
                {
                    if (reader.Peek() == '"') { reader.Read(); field.Append('"'); }
                    else inQuotes = false;
                }
                else field.Append(ch);
                continue;
            }
            switch (ch)
            {
                case '"' when field.Length == 0:
                    inQuotes = true;
                    break;
                case ',':
                    cells.Add(new SheetCell(field.ToString(), false));
                    field.Clear();
                    break;
                case '\r':
                case '\n':
                    if (ch == '\r' && reader.Peek() == '\n') reader.Read();
                    cells.Add(new SheetCell(field.ToString(), false));
                    field.Clear();
                    yield return new SheetRow(++row, cells.ToArray());
                    cells.Clear();
                    any = false;
                    break;
                default:
                    field.Append(ch);
                    break;
            }
        }
    }
}

/// <summary>
/// Reads the first worksheet of an .xlsx as a stream: the package is opened with the Open XML SDK; the
/// sheet part is read by <see cref="SheetXmlScanner"/> from its UTF-8 bytes (a part in another encoding
/// with a plain forward-only XmlReader), and the shared strings with an XmlReader. The SDK's own
/// OpenXmlReader costs an object per element and was 20 times slower on the registry. One row is
/// materialised at a time; only the shared-string table is held in memory.
/// </summary>
public static class XlsxReader
{
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit, IgnoreComments = true, IgnoreProcessingInstructions = true, CloseInput = true,
    };

    public static IEnumerable<SheetRow> Read(Stream stream) => Read(stream, scan: true);

    /// <param name="stream">The workbook.</param>
    /// <param name="scan">False: the sheet is read with the XmlReader even when it is UTF-8 (the reference for tests).</param>
    internal static IEnumerable<SheetRow> Read(Stream stream, bool scan)
    {
        using var document = OpenDocument(stream);
        var workbook = document.WorkbookPart ?? throw new InvalidDataException("The workbook has no workbook part.");
        var strings = SharedStrings(workbook);
        var sheet = workbook.Workbook?.Sheets?.Elements<Sheet>().FirstOrDefault() ?? throw new InvalidDataException("The workbook has no sheet.");
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!.Value!);
        using (var scanner = new SheetXmlScanner(part.GetStream(FileMode.Open, FileAccess.Read)))
        {
            if (scan && scanner.IsUtf8)
            {
                foreach (var row in scanner.Rows(strings)) yield return row;
                yield break;
            }
        }
        foreach (var row in ReadWithXmlReader(part.GetStream(FileMode.Open, FileAccess.Read), strings)) yield return row;
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
        var number = 0;
        var cells = new List<SheetCell>();
        var position = 0;
        var column = 0;
        string? type = null;
        string? value = null;
        StringBuilder? inline = null;
        var inCell = false;
        var phonetic = 0;
        while (xml.Read())
        {
            if (xml.NodeType == XmlNodeType.Element)
            {
                var name = xml.LocalName;
                if ((object)name == rowName)
                {
                    number = int.TryParse(xml.GetAttribute("r"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var r) ? r : next;
                    next = number + 1;
                    cells.Clear();
                    position = 0;
                    if (xml.IsEmptyElement) yield return new SheetRow(number, []);
                }
                else if ((object)name == cellName)
                {
                    var reference = xml.GetAttribute("r");
                    column = reference is null ? position : ColumnIndex(reference);
                    type = xml.GetAttribute("t");
                    value = null;
                    inline = null;
                    inCell = !xml.IsEmptyElement;
                    if (!inCell) AddCell(cells, ref position, column, CellOf(type, string.Empty, strings));
                }
                else if ((object)name == phoneticName && !xml.IsEmptyElement) phonetic++;
                else if (inCell && (object)name == valueName && !xml.IsEmptyElement) value = Content(xml);
                else if (inCell && phonetic == 0 && (object)name == textName && !xml.IsEmptyElement) (inline ??= new StringBuilder()).Append(Content(xml));
            }
            else if (xml.NodeType == XmlNodeType.EndElement)
            {
                var name = xml.LocalName;
                if ((object)name == cellName && inCell)
                {
                    inCell = false;
                    AddCell(cells, ref position, column, CellOf(type, value ?? inline?.ToString() ?? string.Empty, strings));
                }
                else if ((object)name == phoneticName) phonetic--;
                else if ((object)name == rowName) yield return new SheetRow(number, cells.ToArray());
            }
        }
    }

    internal static void AddCell(List<SheetCell> cells, ref int position, int column, SheetCell cell)
    {
        while (cells.Count < column) cells.Add(new SheetCell(string.Empty, false));
        cells.Add(cell);
        position = column + 1;
    }

    /// <summary>The text of the current element; the reader is left on its end tag.</summary>
    private static string Content(XmlReader xml)
    {
        string? first = null;
        StringBuilder? more = null;
        xml.Read();
        while (!xml.EOF && xml.NodeType != XmlNodeType.EndElement)
        {
            if (xml.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace)
            {
                if (first is null) first = xml.Value;
                else (more ??= new StringBuilder(first)).Append(xml.Value);
            }
            if (xml.NodeType == XmlNodeType.Element) xml.Skip(); // no markup inside a value; skipped if there is
            else xml.Read();
        }
        return more?.ToString() ?? first ?? string.Empty;
    }

    /// <summary>One cell by its type: a shared string resolved, text kept as text, anything else a number.</summary>
    internal static SheetCell CellOf(string? type, string raw, List<string> strings) => type switch
    {
        "s" => new SheetCell(int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) && i >= 0 && i < strings.Count ? strings[i] : string.Empty, false),
        "inlineStr" or "str" or "b" or "e" or "d" => new SheetCell(raw, false),
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

    /// <summary>The shared strings: each item's text runs, without phonetic guides (rPh).</summary>
    private static List<string> SharedStrings(WorkbookPart workbook)
    {
        var list = new List<string>();
        if (workbook.SharedStringTablePart is not { } part) return list;
        using var xml = XmlReader.Create(part.GetStream(FileMode.Open, FileAccess.Read), Settings);
        var itemName = xml.NameTable.Add("si");
        var textName = xml.NameTable.Add("t");
        var phoneticName = xml.NameTable.Add("rPh");
        StringBuilder? item = null;
        var phonetic = 0;
        while (xml.Read())
        {
            if (xml.NodeType == XmlNodeType.Element)
            {
                var name = xml.LocalName;
                if ((object)name == itemName)
                {
                    if (xml.IsEmptyElement) list.Add(string.Empty);
                    else item = new StringBuilder();
                }
                else if ((object)name == phoneticName && !xml.IsEmptyElement) phonetic++;
                else if ((object)name == textName && phonetic == 0 && item is not null && !xml.IsEmptyElement) item.Append(Content(xml));
            }
            else if (xml.NodeType == XmlNodeType.EndElement)
            {
                var name = xml.LocalName;
                if ((object)name == phoneticName) phonetic--;
                else if ((object)name == itemName && item is not null)
                {
                    list.Add(item.ToString());
                    item = null;
                }
            }
        }
        return list;
    }

    /// <summary>"C7" → 2: the zero-based column of a cell reference.</summary>
    public static int ColumnIndex(string reference)
    {
        var n = 0;
        foreach (var ch in reference)
        {
            if (ch is >= 'A' and <= 'Z') n = n * 26 + (ch - 'A' + 1);
            else if (ch is >= 'a' and <= 'z') n = n * 26 + (ch - 'a' + 1);
            else break;
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

    /// <summary>Writes one row. Strings stay text (resident IDs are never numbers); style 1 is bold, 2 red.</summary>
    public void WriteRow(IReadOnlyList<object?> values, uint style = 0, int? styledColumn = null)
    {
        _row++;
        if (_csv is not null)
        {
            for (var i = 0; i < values.Count; i++)
            {
                if (i > 0) _csv.Write(',');
                _csv.Write(Csv(Format(values[i])));
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
            if (value is int or long or decimal or double)
            {
                xml.Write("\"><v>");
                xml.Write(Format(value));
                xml.Write("</v></c>");
            }
            else
            {
                xml.Write("\" t=\"inlineStr\"><is><t xml:space=\"preserve\">");
                WriteEscaped(xml, Format(value));
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
