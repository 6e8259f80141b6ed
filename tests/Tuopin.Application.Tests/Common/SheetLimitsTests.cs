using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Tuopin.Application.Common;
using Tuopin.Testing;
using static Tuopin.Testing.SheetFiles;

namespace Tuopin.Application.Tests.Common;

/// <summary>
/// Files built to take a server down — a cell at column ZZZZZZ, a string that inflates to a gigabyte,
/// a zip part that lies about its size, an endless CSV field — each refused by the shared reader,
/// quickly, with a message naming the cell or part and the limit, and without the memory it asked for.
/// Memory is the reading thread's own allocation (the reading is synchronous on it), so other tests
/// running at the same time do not count.
/// </summary>
public sealed class SheetLimitsTests
{
    private const long Megabyte = 1 << 20;

    private static SheetLimitException Refused(Func<IEnumerable<SheetRow>> read, long maxAllocated = 32 * Megabyte)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        var refusal = Assert.Throws<SheetLimitException>(() =>
        {
            foreach (var _ in read())
            {
            }
        });
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < maxAllocated, $"{allocated / Megabyte} MB allocated before the refusal");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"refused after {watch.Elapsed}");
        return refusal;
    }

    private static IEnumerable<SheetRow> Xlsx(Stream file, bool scan)
    {
        file.Position = 0;
        return XlsxReader.Read(file, scan);
    }

    private static IEnumerable<SheetRow> Csv(Stream file)
    {
        file.Position = 0;
        return CsvReader.Read(file);
    }

    [Theory, InlineData(true), InlineData(false)]
    public void CellAtColumnZZZZZZ_IsRefused_NotPaddedOut(bool scan)
    {
        var file = Workbook("""<row r="1"><c r="A1" t="inlineStr"><is><t>户编号</t></is></c></row><row r="2"><c r="A2"><v>1</v></c><c r="ZZZZZZ2" t="inlineStr"><is><t>x</t></is></c></row>""");
        Assert.True(file.Length < 2500, $"{file.Length} bytes");

        var refusal = Refused(() => Xlsx(file, scan));

        Assert.Equal("sheet.columns", refusal.Code);
        Assert.Equal("第 2 行的单元格 ZZZZZZ2 超出了最后一列 XFD（第 16,384 列）", refusal.Text.Zh);
        Assert.Equal("Row 2: the cell ZZZZZZ2 lies beyond the last column, XFD (column 16,384)", refusal.Text.En);
    }

    [Theory, InlineData(true), InlineData(false)]
    public void CellsAtXfd_WithinTheLimit_DoNotWidenTheRows_BeyondTheHeader(bool scan)
    {
        var data = new StringBuilder("""<row r="1"><c r="A1" t="inlineStr"><is><t>户编号</t></is></c><c r="B1" t="inlineStr"><is><t>姓名</t></is></c><c r="C1" t="s"/></row>""");
        for (var row = 2; row <= 3000; row++) data.Append($"""<row r="{row}"><c r="A{row}"><v>{row}</v></c><c r="XFD{row}" t="inlineStr"><is><t>far</t></is></c></row>""");
        var file = Workbook(data.ToString());

        var before = GC.GetAllocatedBytesForCurrentThread();
        var rows = Xlsx(file, scan).ToList();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(3000, rows.Count);
        Assert.Equal(["户编号", "姓名", ""], rows[0].Cells.Select(c => c.Text));
        // Not 16,384 cells a row: nothing to the right of the header's columns (or column IV) is kept.
        Assert.All(rows, r => Assert.True(r.Cells.Length <= SheetLimits.MinRowWidth, $"row {r.Number}: {r.Cells.Length} cells"));
        Assert.Equal("2999", rows[^2][0].Text);
        Assert.True(allocated < 64 * Megabyte, $"{allocated / Megabyte} MB allocated");
    }

    [Theory, InlineData(true), InlineData(false)]
    public void RowBeyond1048576_IsRefused(bool scan)
    {
        var file = Workbook("""<row r="1"><c r="A1" t="inlineStr"><is><t>户编号</t></is></c></row><row r="1048577"><c r="A1048577"><v>1</v></c></row>""");

        var refusal = Refused(() => Xlsx(file, scan));

        Assert.Equal("sheet.rows", refusal.Code);
        Assert.Equal("行号 1048577 超出了最后一行（第 1,048,576 行）", refusal.Text.Zh);
        Assert.Equal("Row number 1048577 lies beyond the last row (1,048,576)", refusal.Text.En);
    }

    [Theory, InlineData(true), InlineData(false)]
    public void MoreThan16384Columns_AreRefused(bool scan)
    {
        // Cells without a reference follow one another: the 16,385th is column XFE.
        var file = Workbook("""<row r="1">""" + string.Concat(Enumerable.Repeat("""<c t="inlineStr"><is><t>列</t></is></c>""", SheetLimits.MaxColumns + 1)) + "</row>");

        var refusal = Refused(() => Xlsx(file, scan), maxAllocated: 64 * Megabyte);

        Assert.Equal("sheet.columns", refusal.Code);
        Assert.Contains("XFE1", refusal.Text.En, StringComparison.Ordinal);
    }

    [Fact]
    public void SharedStringInflatingToAGigabyte_IsRefused_ByItsSize_OrWhenItLies_ByACellsLength()
    {
        var file = Workbook("""<row r="1"><c r="A1" t="s"><v>0</v></c></row>""", sst =>
        {
            Write(sst, $"""<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{Main}" count="1" uniqueCount="1"><si><t>""");
            Repeat(sst, (byte)'A', 1L << 30);
            Write(sst, "</t></si></sst>");
        });
        Assert.True(file.Length < 2 * Megabyte, $"{file.Length} bytes");
        // The same part declaring 100 MB, within the limit of a part: read, and refused at a cell's length.
        var lying = DeclareSize(file, "xl/sharedStrings.xml", 100 << 20);

        var declared = Refused(() => Xlsx(file, scan: true));
        var read = Refused(() => Xlsx(lying, scan: true));

        Assert.Equal("xl/sharedStrings.xml is larger than 256 MB when decompressed", declared.Text.En);
        Assert.Equal("sheet.cell_length", read.Code);
        Assert.Equal("Item 1 of the shared-string table is longer than 32,767 characters", read.Text.En);
    }

    [Fact]
    public void SharedStrings_BeyondTheirCountOrTheirCharacters_AreRefused()
    {
        var many = Workbook("""<row r="1"><c r="A1" t="s"><v>0</v></c></row>""", sst =>
        {
            Write(sst, $"""<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{Main}">""");
            for (var i = 0; i <= SheetLimits.MaxSharedStrings; i++) Write(sst, "<si/>");
            Write(sst, "</sst>");
        });
        var refusal = Refused(() => Xlsx(many, scan: true), maxAllocated: 256 * Megabyte);
        Assert.Equal("sheet.shared_strings", refusal.Code);
        Assert.Equal("The shared-string table has more than 2,000,000 items", refusal.Text.En);

        // 1,001 strings of 32,000 characters, each within a cell's limit, 32,032,000 together.
        var long_ = Workbook("""<row r="1"><c r="A1" t="s"><v>0</v></c></row>""", sst =>
        {
            Write(sst, $"""<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{Main}">""");
            for (var i = 0; i < 1001; i++)
            {
                Write(sst, "<si><t>");
                Repeat(sst, (byte)'B', 32_000);
                Write(sst, "</t></si>");
            }
            Write(sst, "</sst>");
        });
        // What the table may hold (32 million characters, 64 MB) is spent, and not more.
        refusal = Refused(() => Xlsx(long_, scan: true), maxAllocated: 256 * Megabyte);
        Assert.Equal("sheet.shared_strings", refusal.Code);
        Assert.Equal("The shared-string table holds more than 32,000,000 characters in all", refusal.Text.En);
    }

    [Theory, InlineData(true), InlineData(false)]
    public void PartInflatingPastTheSizeItDeclares_IsRefused(bool scan)
    {
        // The directory says the sheet ends after its first row; its data go on for 16 MB more.
        var firstRow = SheetStart + """<row r="1"><c r="A1" t="inlineStr"><is><t>户编号</t></is></c></row>""";
        var honest = Workbook(sheet =>
        {
            Write(sheet, firstRow);
            for (var row = 2; row < 200_000; row++) Write(sheet, $"""<row r="{row}"><c r="A{row}"><v>{row}</v></c></row>""");
            Write(sheet, SheetEnd);
        });
        var declared = (uint)Encoding.UTF8.GetByteCount(firstRow);
        var lying = DeclareSize(honest, "xl/worksheets/sheet1.xml", declared);

        var refusal = Refused(() => Xlsx(lying, scan));

        Assert.Equal("sheet.part_size", refusal.Code);
        Assert.Equal($"xl/worksheets/sheet1.xml inflates to more than the {declared:N0} bytes it declares: the file is damaged or forged", refusal.Text.En);
    }

    [Fact]
    public void PartDeclaringMoreThanItsLimit_IsRefused_BeforeAByteIsInflated()
    {
        var file = Workbook("""<row r="1"><c r="A1" t="s"><v>0</v></c></row>""",
            sst => Write(sst, $"""<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{Main}"><si><t>户编号</t></si></sst>"""));

        var strings = Refused(() => Xlsx(DeclareSize(file, "xl/sharedStrings.xml", 300_000_000), scan: true));
        var sheet = Refused(() => Xlsx(DeclareSize(file, "xl/worksheets/sheet1.xml", 3_000_000_000), scan: true));

        Assert.Equal("xl/sharedStrings.xml is larger than 256 MB when decompressed", strings.Text.En);
        Assert.Equal("xl/worksheets/sheet1.xml is larger than 2 GB when decompressed", sheet.Text.En);
    }

    [Theory, InlineData(true), InlineData(false)]
    public void AttributeOfAHundredMegabytes_IsRefused_AsMarkupTooLong(bool scan)
    {
        // An XmlReader holds a start tag whole: a 400 MB attribute cost it 1.6 GB.
        var file = Workbook(sheet =>
        {
            Write(sheet, SheetStart + """<row r="1"><c r="A1" x=" """);
            Repeat(sheet, (byte)'a', 100 * Megabyte);
            Write(sheet, "\"/></row>" + SheetEnd);
        });

        var refusal = Refused(() => Xlsx(file, scan));

        Assert.Equal("sheet.markup", refusal.Code);
        Assert.Equal("xl/worksheets/sheet1.xml has a tag or text longer than 1 MB: the file is damaged or not an ordinary workbook", refusal.Text.En);
    }

    [Theory, InlineData(true), InlineData(false)]
    public void InlineStringLongerThan32767_IsRefused_NamingTheCell(bool scan)
    {
        var file = Workbook(sheet =>
        {
            Write(sheet, SheetStart + """<row r="1"><c r="A1" t="inlineStr"><is><t>户编号</t></is></c></row><row r="2"><c r="C2" t="inlineStr"><is><t>""");
            Repeat(sheet, (byte)'y', 50 * Megabyte);
            Write(sheet, "</t></is></c></row>" + SheetEnd);
        });

        var refusal = Refused(() => Xlsx(file, scan));

        Assert.Equal("sheet.cell_length", refusal.Code);
        Assert.Equal("第 2 行 C2 单元格的文字超过 32,767 个字符", refusal.Text.Zh);
    }

    [Fact]
    public void SheetOfMoreThanAHundredMillionCells_IsRefused()
    {
        // A header reaching column XFD lets every row be that wide: 6,200 such rows are 101 million cells.
        var data = new StringBuilder("""<row r="1"><c r="A1" t="inlineStr"><is><t>户编号</t></is></c><c r="XFD1" t="inlineStr"><is><t>远</t></is></c></row>""");
        for (var row = 2; row <= 6200; row++) data.Append($"""<row r="{row}"><c r="XFD{row}"><v>1</v></c></row>""");
        var file = Workbook(data.ToString());

        var refusal = Refused(() => Xlsx(file, scan: true), maxAllocated: long.MaxValue);

        Assert.Equal("sheet.cells", refusal.Code);
        Assert.Equal("The sheet has more than 100,000,000 cells (blank cells between them included)", refusal.Text.En);
    }

    [Fact]
    public void PackageOfMoreThan10000Entries_IsRefused()
    {
        var file = Workbook(s => Write(s, SheetStart + SheetEnd), more: zip =>
        {
            for (var i = 0; i < SheetLimits.MaxParts; i++) zip.CreateEntry($"x/{i}.bin", CompressionLevel.NoCompression);
        });

        var refusal = Refused(() => Xlsx(file, scan: true));

        Assert.Equal("sheet.parts", refusal.Code);
        Assert.Equal("The workbook (a zip package) has more than 10,000 entries", refusal.Text.En);
    }

    [Fact]
    public void ContentTypesOfMegabytes_AreRefused_BeforeTheSdkReadsThem()
    {
        // 80,000 file extensions (5.6 MB), each of which the package reader would keep.
        var types = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
            <Default Extension="xml" ContentType="application/xml"/>
            <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
            <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
            """ + string.Concat(Enumerable.Range(0, 80_000).Select(i => $"""<Default Extension="e{i}" ContentType="application/octet-stream"/>""")) + "</Types>";
        var file = Workbook(s => Write(s, SheetStart + SheetEnd), contentTypes: types);

        var refusal = Refused(() => Xlsx(file, scan: true));

        Assert.Equal("sheet.part_size", refusal.Code);
        Assert.Equal("The workbook's index parts ([Content_Types].xml and the .rels parts) are larger than 4 MB together when decompressed", refusal.Text.En);
    }

    [Fact]
    public void CsvWithAnEndlessQuotedField_OrAnEndlessLine_IsRefused_AfterACellsLength()
    {
        var quoted = new RepeatedStream("户编号,姓名\r\n4228272022090001,\"", 'x', 1L << 30);
        var line = new RepeatedStream("户编号,姓名\r\n4228272022090001,", 'x', 1L << 30);

        foreach (var file in new Stream[] { quoted, line })
        {
            var refusal = Refused(() => Csv(file));
            Assert.Equal("sheet.cell_length", refusal.Code);
            Assert.Equal("第 2 行 B2 单元格的文字超过 32,767 个字符", refusal.Text.Zh);
            Assert.Equal("Row 2, cell B2: the text is longer than 32,767 characters", refusal.Text.En);
        }
    }

    [Fact]
    public void CsvRecordLongerThanAMegabyte_OrWiderThan16384Columns_IsRefused()
    {
        var field = new string('x', 30_000);
        var longRecord = new MemoryStream(Encoding.UTF8.GetBytes("户编号\r\n" + string.Join(",", Enumerable.Repeat(field, 40)) + "\r\n"));
        var wide = new MemoryStream(Encoding.UTF8.GetBytes(string.Join(",", Enumerable.Repeat("列", SheetLimits.MaxColumns + 1)) + "\r\n"));

        var record = Refused(() => Csv(longRecord));
        var columns = Refused(() => Csv(wide));

        Assert.Equal("sheet.record_length", record.Code);
        Assert.Equal("Row 2 of the CSV file is longer than 1,048,576 characters (a closing quote may be missing)", record.Text.En);
        Assert.Equal("sheet.columns", columns.Code);
        Assert.Equal("Row 1 has more than 16,384 columns (the last column is XFD)", columns.Text.En);
    }

    [Fact]
    public void CsvCellsFarRightOfTheHeader_AreNotKept()
    {
        var line = string.Join(",", Enumerable.Repeat("", 10_000)) + "远";
        var file = new MemoryStream(Encoding.UTF8.GetBytes("户编号,姓名\r\n1,田\r\n2," + line + "\r\n"));

        var rows = Csv(file).ToList();

        Assert.Equal([2, 2, SheetLimits.MinRowWidth], rows.Select(r => r.Cells.Length));
        Assert.DoesNotContain(rows[2].Cells, c => c.Text == "远");
    }
}
