using System.Globalization;
using System.Text;

namespace Tuopin.Application.Common;

/// <summary>
/// Reads the rows of a worksheet part straight from its UTF-8 bytes. A county's registry is a sheet of
/// some 400 MB of XML that the import reads twice; a general XmlReader spent three seconds a pass on it
/// (a string for every attribute, a context for every xml:space, a builder for every inline string), this
/// scanner a fraction of that. It understands what a worksheet holds: elements with or without a
/// namespace prefix, attributes in either quote, the five named entities and character references,
/// CDATA, comments and processing instructions, and XML's line-end rule (CR LF and CR read as LF). A
/// document type declaration is refused, as the XmlReader refuses it. Parts in another encoding than
/// UTF-8 are left to the XmlReader (<see cref="IsUtf8"/>). Short values repeat (是, 否, 汉族, a village's
/// name) and are made into a string once, through a small cache. Within <see cref="SheetLimits"/>: the
/// rows are built by <see cref="RowBuilder"/>, a cell past XFD or a row past 1,048,576 is refused as its
/// tag is read, and the buffer holds at most <see cref="SheetLimits.MaxMarkupBytes"/> of one tag, text or
/// comment (a cell's text longer than that is refused as too long before it is made into a string).
/// </summary>
internal sealed class SheetXmlScanner : IDisposable
{
    private static readonly UTF8Encoding Utf8 = new(false, throwOnInvalidBytes: true);
    private readonly Stream _stream;
    private readonly string _part;
    private byte[] _buffer = new byte[1 << 18];
    private int _pos;
    private int _end;
    private bool _eof;
    private readonly StringCache _cache = new();

    /// <param name="stream">The part's bytes.</param>
    /// <param name="part">The part's name, for messages.</param>
    public SheetXmlScanner(Stream stream, string part = "xl/worksheets/sheet1.xml")
    {
        _stream = stream;
        _part = part;
        IsUtf8 = ReadProlog();
    }

    /// <summary>False when the part declares another encoding (or has a UTF-16 byte-order mark): read it with an XmlReader instead.</summary>
    public bool IsUtf8 { get; }

    public void Dispose() => _stream.Dispose();

    private enum Name { Other, Row, Cell, Value, Text, Phonetic }

    /// <summary>The rows, as <see cref="XlsxReader"/> gives them: cells by column, shared strings resolved.</summary>
    public IEnumerable<SheetRow> Rows(List<string> strings)
    {
        var next = 1;
        var row = new RowBuilder();
        var position = 0;
        var column = 0;
        string? type = null;
        string? value = null;
        string? run = null;
        StringBuilder? inline = null;
        var inCell = false;
        var phonetic = 0;
        while (true)
        {
            var lt = IndexOf((byte)'<', 0);
            if (lt < 0) yield break;
            Advance(lt);
            var second = Peek(1);
            if (second is (byte)'?' or (byte)'!')
            {
                SkipMarkup();
                continue;
            }
            var end = TagEnd();
            var tag = _buffer.AsSpan(_pos, end + 1);
            if (second == (byte)'/')
            {
                var name = NameOf(LocalName(tag[2..]));
                Advance(end + 1);
                if (name == Name.Cell && inCell)
                {
                    inCell = false;
                    position = XlsxReader.Add(row, column, XlsxReader.CellOf(type, value ?? inline?.ToString() ?? run ?? string.Empty, strings));
                }
                else if (name == Name.Phonetic) phonetic--;
                else if (name == Name.Row) yield return row.Finish();
                continue;
            }
            var empty = tag[^2] == (byte)'/';
            var element = NameOf(LocalName(tag[1..]));
            switch (element)
            {
                case Name.Row:
                    var number = Attribute(tag, "r"u8, out var r) ? RowNumber(r) ?? next : next;
                    Advance(end + 1);
                    row.Start(number);
                    next = number + 1;
                    position = 0;
                    if (empty) yield return row.Finish();
                    break;
                case Name.Cell:
                    var referenced = Attribute(tag, "r"u8, out var reference);
                    column = referenced ? ColumnIndex(reference) : position;
                    if (column >= SheetLimits.MaxColumns)
                        throw SheetLimits.ColumnBeyond(row.Number, referenced ? Encoding.UTF8.GetString(reference[..Math.Min(reference.Length, 40)])
                            : XlsxReader.ColumnName(column) + row.Number.ToString(CultureInfo.InvariantCulture));
                    type = Attribute(tag, "t"u8, out var t) ? TypeName(t) : null;
                    Advance(end + 1);
                    value = null;
                    run = null;
                    inline = null;
                    inCell = !empty;
                    if (!inCell) position = XlsxReader.Add(row, column, XlsxReader.CellOf(type, string.Empty, strings));
                    break;
                case Name.Phonetic:
                    Advance(end + 1);
                    if (!empty) phonetic++;
                    break;
                case Name.Value when inCell && !empty:
                    Advance(end + 1);
                    value = Content() ?? throw XlsxReader.CellTooLong(row, column);
                    break;
                case Name.Text when inCell && phonetic == 0 && !empty:
                    Advance(end + 1);
                    var text = Content() ?? throw XlsxReader.CellTooLong(row, column);
                    // The usual inline string is one run, kept as it is; rich text joins its runs.
                    if (run is null) run = text;
                    else (inline ??= new StringBuilder(run)).Append(text);
                    if (inline?.Length > SheetLimits.MaxCellLength) throw XlsxReader.CellTooLong(row, column);
                    break;
                default:
                    Advance(end + 1);
                    break;
            }
        }
    }

    private string TypeName(ReadOnlySpan<byte> t) => t switch
    {
        [(byte)'s'] => "s",
        [(byte)'n'] => "n",
        [(byte)'b'] => "b",
        [(byte)'e'] => "e",
        [(byte)'d'] => "d",
        _ when t.SequenceEqual("inlineStr"u8) => "inlineStr",
        _ when t.SequenceEqual("str"u8) => "str",
        _ => Text(t),
    };

    private static Name NameOf(ReadOnlySpan<byte> local) => local switch
    {
        [(byte)'c'] => Name.Cell,
        [(byte)'v'] => Name.Value,
        [(byte)'t'] => Name.Text,
        [(byte)'r', (byte)'o', (byte)'w'] => Name.Row,
        [(byte)'r', (byte)'P', (byte)'h'] => Name.Phonetic,
        _ => Name.Other,
    };

    /// <summary>The local name at the start of a tag's inside ("x:row r=…" → "row").</summary>
    private static ReadOnlySpan<byte> LocalName(ReadOnlySpan<byte> inside)
    {
        var length = inside.IndexOfAny(" \t\r\n/>"u8);
        var name = length < 0 ? inside : inside[..length];
        var colon = name.LastIndexOf((byte)':');
        return colon < 0 ? name : name[(colon + 1)..];
    }

    /// <summary>An unprefixed attribute's raw value in a start tag (the tag from '&lt;' to '&gt;').</summary>
    private static bool Attribute(ReadOnlySpan<byte> tag, ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
    {
        var i = tag.IndexOfAny(" \t\r\n/>"u8);
        while (i >= 0 && i < tag.Length)
        {
            while (i < tag.Length && tag[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') i++;
            if (i >= tag.Length || tag[i] is (byte)'/' or (byte)'>') break;
            var nameStart = i;
            while (i < tag.Length && tag[i] is not ((byte)'=' or (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')) i++;
            var attribute = tag[nameStart..i];
            while (i < tag.Length && tag[i] is not ((byte)'"' or (byte)'\'')) i++;
            if (i >= tag.Length) break;
            var quote = tag[i];
            var close = tag[(i + 1)..].IndexOf(quote);
            if (close < 0) break;
            if (attribute.SequenceEqual(name))
            {
                value = tag.Slice(i + 1, close);
                return true;
            }
            i += close + 2;
        }
        value = default;
        return false;
    }

    /// <summary>A row's number from its r attribute, as <see cref="XlsxReader.RowNumber"/>: null when it is not digits; refused past the last row.</summary>
    private static int? RowNumber(ReadOnlySpan<byte> digits)
    {
        if (digits.IsEmpty) return null;
        var value = 0;
        foreach (var b in digits)
        {
            if (b is < (byte)'0' or > (byte)'9') return null;
            value = value * 10 + (b - '0');
            if (value > SheetLimits.MaxRows) throw SheetLimits.RowBeyond(Encoding.ASCII.GetString(digits[..Math.Min(digits.Length, 40)]));
        }
        return value;
    }

    /// <summary>"C7" → 2, as <see cref="XlsxReader.ColumnIndex"/>.</summary>
    private static int ColumnIndex(ReadOnlySpan<byte> reference)
    {
        var n = 0;
        foreach (var b in reference)
        {
            if (b is >= (byte)'A' and <= (byte)'Z') n = n * 26 + (b - 'A' + 1);
            else if (b is >= (byte)'a' and <= (byte)'z') n = n * 26 + (b - 'a' + 1);
            else break;
            if (n > SheetLimits.MaxColumns) return SheetLimits.MaxColumns;
        }
        return n - 1;
    }

    /// <summary>
    /// The text of the element whose start tag was just read, up to its end tag (which is consumed):
    /// text and CDATA; comments and processing instructions skipped; an element inside is skipped whole.
    /// Null when the text is longer than a cell may be (<see cref="SheetLimits.MaxCellLength"/>).
    /// </summary>
    private string? Content()
    {
        int lt;
        try
        {
            lt = IndexOf((byte)'<', 0);
        }
        catch (SheetLimitException e) when (e.Code == "sheet.markup")
        {
            return null;
        }
        if (lt < 0) throw Truncated();
        if (Peek(lt + 1) == (byte)'/')
        {
            var text = Text(_buffer.AsSpan(_pos, lt));
            Advance(lt);
            Advance(TagEnd() + 1);
            return text.Length > SheetLimits.MaxCellLength ? null : text;
        }
        var builder = new StringBuilder();
        while (true)
        {
            try
            {
                lt = IndexOf((byte)'<', 0);
            }
            catch (SheetLimitException e) when (e.Code == "sheet.markup")
            {
                return null;
            }
            if (lt < 0) throw Truncated();
            builder.Append(Text(_buffer.AsSpan(_pos, lt)));
            if (builder.Length > SheetLimits.MaxCellLength) return null;
            Advance(lt);
            var second = Peek(1);
            if (second == (byte)'/')
            {
                Advance(TagEnd() + 1);
                return builder.ToString();
            }
            if (second == (byte)'!' && StartsWith("<![CDATA["u8))
            {
                var close = IndexOf("]]>"u8, 9);
                builder.Append(Normalise(Decode(_buffer.AsSpan(_pos + 9, close - 9))));
                if (builder.Length > SheetLimits.MaxCellLength) return null;
                Advance(close + 3);
            }
            else if (second is (byte)'!' or (byte)'?') SkipMarkup();
            else SkipElement();
        }
    }

    /// <summary>Skips an element inside a value, with everything in it.</summary>
    private void SkipElement()
    {
        var depth = 0;
        while (true)
        {
            var lt = IndexOf((byte)'<', 0);
            if (lt < 0) throw Truncated();
            Advance(lt);
            var second = Peek(1);
            if (second is (byte)'!' or (byte)'?')
            {
                if (StartsWith("<![CDATA["u8)) Advance(IndexOf("]]>"u8, 9) + 3);
                else SkipMarkup();
                continue;
            }
            var end = TagEnd();
            var closing = second == (byte)'/';
            var empty = _buffer[_pos + end - 1] == (byte)'/';
            Advance(end + 1);
            if (closing) depth--;
            else if (!empty) depth++;
            if (depth == 0) return;
        }
    }

    /// <summary>A comment, processing instruction or CDATA outside a value; a DTD is refused.</summary>
    private void SkipMarkup()
    {
        if (StartsWith("<!--"u8)) Advance(IndexOf("-->"u8, 4) + 3);
        else if (StartsWith("<![CDATA["u8)) Advance(IndexOf("]]>"u8, 9) + 3);
        else if (StartsWith("<?"u8)) Advance(IndexOf("?>"u8, 2) + 2);
        else throw new InvalidDataException("The worksheet contains a document type declaration, which is not allowed.");
    }

    /// <summary>Text between tags as a string: entities resolved, line ends normalised, short values shared.</summary>
    private string Text(ReadOnlySpan<byte> raw)
    {
        if (raw.IsEmpty) return string.Empty;
        if (raw.IndexOfAny((byte)'&', (byte)'\r') < 0) return raw.Length <= StringCache.MaxLength ? _cache.Get(raw) : Decode(raw);
        // Line ends first: a CR that a character reference (&#13;) makes is kept.
        return Entities(Normalise(Decode(raw)));
    }

    private static string Decode(ReadOnlySpan<byte> raw)
    {
        try
        {
            return Utf8.GetString(raw);
        }
        catch (DecoderFallbackException e)
        {
            throw new InvalidDataException("The worksheet is not valid UTF-8: " + e.Message, e);
        }
    }

    private static string Normalise(string text) =>
        text.Contains('\r', StringComparison.Ordinal) ? text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n') : text;

    private static string Entities(string text)
    {
        var amp = text.IndexOf('&', StringComparison.Ordinal);
        if (amp < 0) return text;
        var result = new StringBuilder(text.Length);
        var from = 0;
        while (amp >= 0)
        {
            result.Append(text, from, amp - from);
            var semi = text.IndexOf(';', amp + 1);
            if (semi < 0) throw new InvalidDataException("The worksheet has an '&' that starts no entity.");
            var name = text.AsSpan(amp + 1, semi - amp - 1);
            switch (name)
            {
                case "lt": result.Append('<'); break;
                case "gt": result.Append('>'); break;
                case "amp": result.Append('&'); break;
                case "quot": result.Append('"'); break;
                case "apos": result.Append('\''); break;
                default:
                    if (name.Length > 1 && name[0] == '#' && (name[1] is 'x'
                            ? int.TryParse(name[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code)
                            : int.TryParse(name[1..], NumberStyles.None, CultureInfo.InvariantCulture, out code))
                        && code is > 0 and <= 0x10FFFF and not (>= 0xD800 and <= 0xDFFF))
                        result.Append(char.ConvertFromUtf32(code));
                    else throw new InvalidDataException($"The worksheet has an unknown entity '&{name};'.");
                    break;
            }
            from = semi + 1;
            amp = text.IndexOf('&', from);
        }
        return result.Append(text, from, text.Length - from).ToString();
    }

    // ---- The buffer: everything from _pos on stays in it until _pos moves past it ----

    /// <summary>Offset from _pos of the '&gt;' that ends the tag starting at _pos (quoted '&gt;' skipped).</summary>
    private int TagEnd()
    {
        var from = 1;
        while (true)
        {
            var i = _buffer.AsSpan(_pos + from, _end - _pos - from).IndexOfAny((byte)'>', (byte)'"', (byte)'\'');
            if (i < 0)
            {
                from = _end - _pos;
                if (!More()) throw Truncated();
                continue;
            }
            from += i;
            var c = _buffer[_pos + from];
            if (c == (byte)'>') return from;
            var close = IndexOf(c, from + 1);
            if (close < 0) throw Truncated();
            from = close + 1;
        }
    }

    /// <summary>Offset from _pos of the first <paramref name="b"/> at or after <paramref name="from"/>; -1 at the end.</summary>
    private int IndexOf(byte b, int from)
    {
        while (true)
        {
            var i = _buffer.AsSpan(_pos + from, _end - _pos - from).IndexOf(b);
            if (i >= 0) return from + i;
            from = _end - _pos;
            if (!More()) return -1;
        }
    }

    private int IndexOf(ReadOnlySpan<byte> text, int from)
    {
        while (true)
        {
            var i = _buffer.AsSpan(_pos + from, _end - _pos - from).IndexOf(text);
            if (i >= 0) return from + i;
            from = Math.Max(from, _end - _pos - text.Length + 1);
            if (!More()) throw Truncated();
        }
    }

    private bool StartsWith(ReadOnlySpan<byte> text)
    {
        while (_end - _pos < text.Length)
            if (!More()) return false;
        return _buffer.AsSpan(_pos, text.Length).SequenceEqual(text);
    }

    /// <summary>
    /// Moves past n bytes. Never "_pos += Call()": the call may move the buffer's contents and reset
    /// _pos, and the compound assignment would add to the value read before it.
    /// </summary>
    private void Advance(int n) => _pos += n;

    private byte Peek(int offset)
    {
        while (_pos + offset >= _end)
            if (!More()) return 0;
        return _buffer[_pos + offset];
    }

    /// <summary>
    /// More bytes from the stream, keeping those from _pos on; false at its end. What is kept is one
    /// tag, text or comment in the reading, refused past <see cref="SheetLimits.MaxMarkupBytes"/>.
    /// </summary>
    private bool More()
    {
        if (_eof) return false;
        if (_pos > 0)
        {
            Buffer.BlockCopy(_buffer, _pos, _buffer, 0, _end - _pos);
            _end -= _pos;
            _pos = 0;
        }
        if (_end >= SheetLimits.MaxMarkupBytes) throw SheetLimits.MarkupTooLong(_part);
        if (_end == _buffer.Length) Array.Resize(ref _buffer, Math.Min(_buffer.Length * 2, SheetLimits.MaxMarkupBytes));
        var n = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (n == 0)
        {
            _eof = true;
            return false;
        }
        _end += n;
        return true;
    }

    private static InvalidDataException Truncated() => new("The worksheet ends in the middle of an element: the file is damaged or incomplete.");

    /// <summary>Skips a UTF-8 byte-order mark; false for a UTF-16 one or a declared encoding other than UTF-8.</summary>
    private bool ReadProlog()
    {
        if (Peek(0) == 0xFF || Peek(0) == 0xFE || Peek(0) == 0) return false;
        if (StartsWith([0xEF, 0xBB, 0xBF])) Advance(3);
        if (!StartsWith("<?xml"u8)) return true;
        var end = IndexOf("?>"u8, 5);
        var declaration = _buffer.AsSpan(_pos, end);
        if (!Attribute([.. declaration, (byte)'>'], "encoding"u8, out var encoding)) return true;
        var name = Encoding.ASCII.GetString(encoding);
        return name.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || name.Equals("utf8", StringComparison.OrdinalIgnoreCase)
            || name.Equals("us-ascii", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Strings of up to 24 bytes, each made once while it keeps coming (a direct-mapped cache).</summary>
    private sealed class StringCache
    {
        public const int MaxLength = 24;
        private const int Size = 4096;
        private readonly byte[] _keys = new byte[Size * MaxLength];
        private readonly byte[] _lengths = new byte[Size];
        private readonly string?[] _values = new string?[Size];

        public string Get(ReadOnlySpan<byte> raw)
        {
            var slot = (int)((uint)HashOf(raw) % Size);
            var key = _keys.AsSpan(slot * MaxLength, MaxLength);
            if (_values[slot] is { } known && _lengths[slot] == raw.Length && key[..raw.Length].SequenceEqual(raw)) return known;
            var text = Decode(raw);
            raw.CopyTo(key);
            _lengths[slot] = (byte)raw.Length;
            _values[slot] = text;
            return text;
        }

        private static int HashOf(ReadOnlySpan<byte> raw)
        {
            var hash = 2166136261u;
            foreach (var b in raw) hash = (hash ^ b) * 16777619u;
            return (int)hash;
        }
    }
}
