using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Tuopin.Testing;

/// <summary>
/// Workbooks and CSV files built byte by byte for the reader's limits: a part's XML is written through
/// a callback straight into its zip entry, so that a part that inflates to a gigabyte is made without a
/// gigabyte in memory and stays small on disk.
/// </summary>
public static class SheetFiles
{
    public const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    private static readonly UTF8Encoding Utf8 = new(false);

    /// <summary>A workbook with one sheet (and a shared-string table when given), each part's bytes written by its callback.</summary>
    public static MemoryStream Workbook(Action<Stream> sheet, Action<Stream>? sharedStrings = null, Action<ZipArchive>? more = null, string? contentTypes = null)
    {
        var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string path, Action<Stream> write)
            {
                using var entry = zip.CreateEntry(path, CompressionLevel.Optimal).Open();
                write(entry);
            }
            Add("[Content_Types].xml", s => Write(s, contentTypes ?? """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
                <Default Extension="xml" ContentType="application/xml"/>
                <Default Extension="bin" ContentType="application/octet-stream"/>
                <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
                <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
                <Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
                </Types>
                """));
            Add("_rels/.rels", s => Write(s, """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
                """));
            Add("xl/workbook.xml", s => Write(s, $"""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <workbook xmlns="{Main}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>
                """));
            Add("xl/_rels/workbook.xml.rels", s => Write(s, $"""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>{(sharedStrings is null ? "" : """<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>""")}</Relationships>
                """));
            Add("xl/worksheets/sheet1.xml", sheet);
            if (sharedStrings is not null) Add("xl/sharedStrings.xml", sharedStrings);
            more?.Invoke(zip);
        }
        stream.Position = 0;
        return stream;
    }

    /// <summary>A workbook whose sheet is this XML inside sheetData.</summary>
    public static MemoryStream Workbook(string sheetData, Action<Stream>? sharedStrings = null) =>
        Workbook(s => Write(s, SheetStart + sheetData + SheetEnd), sharedStrings);

    public const string SheetStart = $"""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="{Main}"><sheetData>""";

    public const string SheetEnd = "</sheetData></worksheet>";

    public static void Write(Stream stream, string text) => stream.Write(Utf8.GetBytes(text));

    /// <summary>The same byte, <paramref name="count"/> times, a megabyte at a time.</summary>
    public static void Repeat(Stream stream, byte value, long count)
    {
        var chunk = new byte[(int)Math.Min(count, 1 << 20)];
        Array.Fill(chunk, value);
        for (var left = count; left > 0; left -= chunk.Length) stream.Write(chunk, 0, (int)Math.Min(left, chunk.Length));
    }

    /// <summary>
    /// Makes an entry of a zip package declare another uncompressed size than its data inflates to, in
    /// its local header and in the central directory (the CRC is left as it was).
    /// </summary>
    public static MemoryStream DeclareSize(MemoryStream package, string entryName, uint size)
    {
        var bytes = package.ToArray();
        var name = Encoding.ASCII.GetBytes(entryName);
        var patched = 0;
        for (var i = 0; i + 46 < bytes.Length; i++)
        {
            var signature = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(i));
            if (signature == 0x04034b50 && bytes.AsSpan(i + 30, Math.Min(name.Length, bytes.Length - i - 30)).SequenceEqual(name)
                && BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(i + 26)) == name.Length)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i + 22), size);
                patched++;
            }
            else if (signature == 0x02014b50 && bytes.AsSpan(i + 46, Math.Min(name.Length, bytes.Length - i - 46)).SequenceEqual(name)
                && BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(i + 28)) == name.Length)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i + 24), size);
                patched++;
            }
        }
        if (patched != 2) throw new InvalidOperationException($"{entryName}: {patched} headers patched, not 2");
        return new MemoryStream(bytes);
    }
}

/// <summary>
/// A read-only, seekable stream of a head, one byte repeated, and a tail, made as it is read: a CSV
/// file of a gigabyte without a gigabyte anywhere.
/// </summary>
public sealed class RepeatedStream(byte[] head, byte fill, long count, byte[] tail) : Stream
{
    public RepeatedStream(string head, char fill, long count, string tail = "")
        : this(Encoding.UTF8.GetBytes(head), (byte)fill, count, Encoding.UTF8.GetBytes(tail))
    {
    }

    private long _position;

    public override long Length => head.Length + count + tail.Length;

    public override long Position
    {
        get => _position;
        set => _position = value;
    }

    public override int Read(byte[] buffer, int offset, int length)
    {
        var written = 0;
        while (written < length && _position < Length)
        {
            if (_position < head.Length) buffer[offset + written++] = head[_position++];
            else if (_position < head.Length + count)
            {
                var n = (int)Math.Min(length - written, head.Length + count - _position);
                Array.Fill(buffer, fill, offset + written, n);
                written += n;
                _position += n;
            }
            else buffer[offset + written++] = tail[_position++ - head.Length - count];
        }
        return written;
    }

    public override long Seek(long offset, SeekOrigin origin) => _position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        _ => Length + offset,
    };

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    public override void Flush() { }
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
