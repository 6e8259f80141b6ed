using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Tuopin.Application.Common;

/// <summary>
/// The zip directory of an .xlsx, read before the Open XML SDK opens the package, and the parts the
/// reader needs, inflated here rather than through the SDK so that their size is enforced while they
/// are read. The directory is checked first: how many entries, how large it is, what each part says
/// it holds (a part declaring more than its limit is refused without inflating a byte). Declared sizes
/// can lie, so each part is also counted as it inflates and refused the moment it goes past its
/// declared size or its limit. The parts the SDK reads whole itself on opening — [Content_Types].xml
/// and the relationship parts — are inflated here first and counted together.
/// </summary>
internal sealed class SheetPackage
{
    private const uint EndOfDirectory = 0x06054b50;
    private const uint Zip64Locator = 0x07064b50;
    private const uint Zip64EndOfDirectory = 0x06064b50;
    private const uint DirectoryHeader = 0x02014b50;
    private const uint LocalHeader = 0x04034b50;

    /// <summary>One entry as the central directory describes it.</summary>
    internal sealed record Entry(string Name, ushort Flags, ushort Method, long CompressedSize, long Size, long LocalHeaderOffset);

    private readonly Stream _stream;
    private readonly Dictionary<string, Entry> _entries;

    private SheetPackage(Stream stream, Dictionary<string, Entry> entries)
    {
        _stream = stream;
        _entries = entries;
    }

    /// <summary>
    /// Reads and checks the directory of the zip package in <paramref name="stream"/> (seekable), and
    /// inflates its index parts within <see cref="SheetLimits.MaxIndexBytes"/>. The stream's position
    /// is left where it was.
    /// </summary>
    public static SheetPackage Open(Stream stream)
    {
        var start = stream.Position;
        var entries = ReadDirectory(stream);
        var package = new SheetPackage(stream, entries);
        long index = 0;
        foreach (var entry in entries.Values)
        {
            if (!entry.Name.Equals("[Content_Types].xml", StringComparison.OrdinalIgnoreCase) && !entry.Name.EndsWith(".rels", StringComparison.OrdinalIgnoreCase)) continue;
            using var part = package.Open(entry, SheetLimits.MaxIndexBytes - index, SheetLimits.IndexTooLarge);
            part.CopyTo(Stream.Null);
            index += part.BytesRead;
        }
        stream.Position = start;
        return package;
    }

    /// <summary>The part at a package URI ("/xl/sharedStrings.xml"), or null when no entry has that name.</summary>
    public PartStream? Open(Uri partUri, long limit)
    {
        var name = Uri.UnescapeDataString(partUri.OriginalString).TrimStart('/');
        return _entries.TryGetValue(name, out var entry) ? Open(entry, limit, () => SheetLimits.PartTooLarge(entry.Name, limit)) : null;
    }

    private PartStream Open(Entry entry, long limit, Func<SheetLimitException> tooLarge)
    {
        if (entry.Size > limit) throw tooLarge();
        if ((entry.Flags & 1) != 0) throw new InvalidDataException($"The part {entry.Name} is encrypted.");
        Span<byte> header = stackalloc byte[30];
        _stream.Position = entry.LocalHeaderOffset;
        _stream.ReadExactly(header);
        if (BinaryPrimitives.ReadUInt32LittleEndian(header) != LocalHeader) throw Damaged($"the local header of {entry.Name} is missing");
        var dataStart = entry.LocalHeaderOffset + 30 + BinaryPrimitives.ReadUInt16LittleEndian(header[26..]) + BinaryPrimitives.ReadUInt16LittleEndian(header[28..]);
        if (dataStart + entry.CompressedSize > _stream.Length) throw Damaged($"{entry.Name} runs past the end of the file");
        Stream raw = new Slice(_stream, dataStart, entry.CompressedSize);
        Stream content = entry.Method switch
        {
            0 => raw,
            8 => new DeflateStream(raw, CompressionMode.Decompress),
            _ => throw new InvalidDataException($"The part {entry.Name} uses compression method {entry.Method}, which is not supported."),
        };
        return new PartStream(content, entry.Name, entry.Size, limit, tooLarge);
    }

    private static InvalidDataException Damaged(string what) => new($"The file is not a readable .xlsx workbook: {what}.");

    private static Dictionary<string, Entry> ReadDirectory(Stream stream)
    {
        var length = stream.Length;
        // The end-of-directory record: 22 bytes and a comment of at most 65,535, at the end of the file.
        var tailLength = (int)Math.Min(length, 22 + 0xFFFF);
        var tail = new byte[tailLength];
        stream.Position = length - tailLength;
        stream.ReadExactly(tail);
        var at = -1;
        for (var i = tailLength - 22; i >= 0; i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(i)) == EndOfDirectory)
            {
                at = i;
                break;
            }
        }
        if (at < 0) throw Damaged("it is not a zip package");
        var end = tail.AsSpan(at);
        long count = BinaryPrimitives.ReadUInt16LittleEndian(end[10..]);
        long directoryOffset = BinaryPrimitives.ReadUInt32LittleEndian(end[16..]);
        var endPosition = length - tailLength + at;
        if (endPosition >= 20)
        {
            // Zip64: a locator just before the record points to the 64-bit record.
            Span<byte> locator = stackalloc byte[20];
            stream.Position = endPosition - 20;
            stream.ReadExactly(locator);
            if (BinaryPrimitives.ReadUInt32LittleEndian(locator) == Zip64Locator)
            {
                var recordAt = BinaryPrimitives.ReadInt64LittleEndian(locator[8..]);
                if (recordAt < 0 || recordAt > length - 56) throw Damaged("its zip64 directory record is out of place");
                Span<byte> record = stackalloc byte[56];
                stream.Position = recordAt;
                stream.ReadExactly(record);
                if (BinaryPrimitives.ReadUInt32LittleEndian(record) != Zip64EndOfDirectory) throw Damaged("its zip64 directory record is missing");
                count = BinaryPrimitives.ReadInt64LittleEndian(record[32..]);
                directoryOffset = BinaryPrimitives.ReadInt64LittleEndian(record[48..]);
            }
        }
        if (count > SheetLimits.MaxParts || count < 0) throw SheetLimits.TooManyParts();
        if (directoryOffset < 0 || directoryOffset > length) throw Damaged("its directory is out of place");

        // The entries as the runtime's zip reader takes them: one after another while the signature
        // repeats (whatever count the end record declares), so that the limits count what it will load.
        var entries = new Dictionary<string, Entry>(StringComparer.OrdinalIgnoreCase);
        using var reader = new BufferedStream(new Slice(stream, directoryOffset, length - directoryOffset), 1 << 16);
        Span<byte> fixedPart = stackalloc byte[46];
        long directoryBytes = 0;
        while (true)
        {
            if (reader.ReadAtLeast(fixedPart, 46, throwOnEndOfStream: false) < 46 || BinaryPrimitives.ReadUInt32LittleEndian(fixedPart) != DirectoryHeader) break;
            if (entries.Count >= SheetLimits.MaxParts) throw SheetLimits.TooManyParts();
            var flags = BinaryPrimitives.ReadUInt16LittleEndian(fixedPart[8..]);
            var method = BinaryPrimitives.ReadUInt16LittleEndian(fixedPart[10..]);
            long compressed = BinaryPrimitives.ReadUInt32LittleEndian(fixedPart[20..]);
            long size = BinaryPrimitives.ReadUInt32LittleEndian(fixedPart[24..]);
            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(fixedPart[28..]);
            var extraLength = BinaryPrimitives.ReadUInt16LittleEndian(fixedPart[30..]);
            var commentLength = BinaryPrimitives.ReadUInt16LittleEndian(fixedPart[32..]);
            long offset = BinaryPrimitives.ReadUInt32LittleEndian(fixedPart[42..]);
            directoryBytes += 46 + nameLength + extraLength + commentLength;
            if (directoryBytes > SheetLimits.MaxIndexBytes) throw SheetLimits.IndexTooLarge();
            var variable = new byte[nameLength + extraLength + commentLength];
            reader.ReadExactly(variable);
            // Bit 11: the name is UTF-8; otherwise code page 437, which agrees with it on the ASCII names of a workbook.
            var name = ((flags & 0x800) != 0 ? Encoding.UTF8 : Encoding.Latin1).GetString(variable, 0, nameLength);
            ReadZip64(variable.AsSpan(nameLength, extraLength), ref size, ref compressed, ref offset);
            if (size < 0 || compressed < 0 || offset < 0 || offset > length) throw Damaged($"the directory entry of {name} is out of range");
            if (!entries.TryAdd(name, new Entry(name, flags, method, compressed, size, offset))) throw Damaged($"it has two entries named {name}");
        }
        if (entries.Count != count) throw Damaged($"its directory lists {entries.Count} entries, its end record {count}");
        if (entries.Values.FirstOrDefault(e => e.Size > SheetLimits.MaxSheetBytes) is { } large) throw SheetLimits.PartTooLarge(large.Name, SheetLimits.MaxSheetBytes);
        return entries;
    }

    /// <summary>The zip64 extra field: the 64-bit values of the fields that hold 0xFFFFFFFF, in this order.</summary>
    private static void ReadZip64(ReadOnlySpan<byte> extra, ref long size, ref long compressed, ref long offset)
    {
        while (extra.Length >= 4)
        {
            var id = BinaryPrimitives.ReadUInt16LittleEndian(extra);
            var length = BinaryPrimitives.ReadUInt16LittleEndian(extra[2..]);
            if (4 + length > extra.Length) return;
            var data = extra.Slice(4, length);
            if (id == 1)
            {
                if (size == uint.MaxValue && data.Length >= 8) { size = BinaryPrimitives.ReadInt64LittleEndian(data); data = data[8..]; }
                if (compressed == uint.MaxValue && data.Length >= 8) { compressed = BinaryPrimitives.ReadInt64LittleEndian(data); data = data[8..]; }
                if (offset == uint.MaxValue && data.Length >= 8) offset = BinaryPrimitives.ReadInt64LittleEndian(data);
                return;
            }
            extra = extra[(4 + length)..];
        }
    }

    /// <summary>A window of another stream, which it seeks to before each read (the SDK shares the stream).</summary>
    private sealed class Slice(Stream inner, long start, long length) : Stream
    {
        private long _position;

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var left = length - _position;
            if (left <= 0) return 0;
            if (buffer.Length > left) buffer = buffer[..(int)left];
            if (inner.Position != start + _position) inner.Position = start + _position;
            var n = inner.Read(buffer);
            _position += n;
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

/// <summary>
/// A part as it inflates, counted: refused the moment it goes past the size its directory entry
/// declares or past its limit, and when it ends short of the declared size.
/// </summary>
internal sealed class PartStream(Stream inner, string name, long declared, long limit, Func<SheetLimitException> tooLarge) : Stream
{
    public string Name { get; } = name;

    public long BytesRead { get; private set; }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        BytesRead += n;
        if (BytesRead > limit) throw tooLarge();
        if (BytesRead > declared)
            throw new SheetLimitException("sheet.part_size", new Domain.Common.LocalText(
                $"{Name} 解压后超过其声明的 {declared:N0} 字节：文件已损坏或被篡改",
                $"{Name} inflates to more than the {declared:N0} bytes it declares: the file is damaged or forged"));
        if (n == 0 && buffer.Length > 0 && BytesRead < declared)
            throw new InvalidDataException($"The file is not a readable .xlsx workbook: {Name} ends after {BytesRead:N0} of the {declared:N0} bytes it declares.");
        return n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}

/// <summary>
/// Refuses XML with more than <see cref="SheetLimits.MaxMarkupBytes"/> between two '&lt;': an XmlReader
/// holds a start tag with its attributes whole (a 400 MB attribute cost 1.6 GB), and so would a name.
/// Text and comments it streams, but no worksheet has that much of either. The '&lt;' is found as the
/// encoding writes it: a byte in UTF-8 and the GB encodings (no other character has the byte 0x3C
/// there), a 16- or 32-bit unit in UTF-16 and UTF-32, told by the byte-order mark or the first character.
/// </summary>
internal sealed class MarkupGuard(Stream inner, string part) : Stream
{
    private int _unit;       // bytes per character unit: 0 until the start is seen
    private bool _bigEndian;
    private int _phase;      // the byte of the current unit
    private bool _lessThan;  // the unit so far can still be '<'
    private long _run;       // bytes since the last '<'
    private readonly byte[] _start = new byte[4];
    private int _started;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = inner.Read(buffer);
        Check(buffer[..n]);
        return n;
    }

    private void Check(ReadOnlySpan<byte> bytes)
    {
        if (_unit == 0)
        {
            while (_started < 4 && !bytes.IsEmpty)
            {
                _start[_started++] = bytes[0];
                bytes = bytes[1..];
            }
            if (_started < 4) return;
            (_unit, _bigEndian) = _start switch
            {
                [0x00, 0x00, 0xFE, 0xFF] or [0x00, 0x00, 0x00, 0x3C] => (4, true),
                [0xFF, 0xFE, 0x00, 0x00] or [0x3C, 0x00, 0x00, 0x00] => (4, false),
                [0xFE, 0xFF, _, _] or [0x00, 0x3C, _, _] => (2, true),
                [0xFF, 0xFE, _, _] or [0x3C, 0x00, _, _] => (2, false),
                _ => (1, false),
            };
            Scan(_start);
        }
        Scan(bytes);
    }

    private void Scan(ReadOnlySpan<byte> bytes)
    {
        if (_unit == 1)
        {
            var last = bytes.LastIndexOf((byte)'<');
            _run = last < 0 ? _run + bytes.Length : bytes.Length - last - 1;
        }
        else
        {
            // The unit is '<' when its low byte is 0x3C and the others are 0.
            foreach (var b in bytes)
            {
                var low = _bigEndian ? _phase == _unit - 1 : _phase == 0;
                if (_phase == 0) _lessThan = true;
                _lessThan &= low ? b == 0x3C : b == 0;
                _run++;
                if (++_phase == _unit)
                {
                    _phase = 0;
                    if (_lessThan) _run = 0;
                }
            }
        }
        if (_run > SheetLimits.MaxMarkupBytes) throw SheetLimits.MarkupTooLong(part);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
