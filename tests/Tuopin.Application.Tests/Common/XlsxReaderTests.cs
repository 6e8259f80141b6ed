using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Tuopin.Application.Common;

namespace Tuopin.Application.Tests.Common;

/// <summary>
/// The worksheet scanner against the XmlReader it replaced: the same rows and cells for what Excel,
/// LibreOffice and our own export write, and for the XML a hand-edited or unusual workbook holds.
/// </summary>
public sealed class XlsxReaderTests
{
    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    /// <summary>A workbook with one sheet (its XML as given, bytes in the given encoding) and an optional shared-string table.</summary>
    private static MemoryStream Workbook(string sheetXml, string? sharedStrings = null, Encoding? encoding = null)
    {
        var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string path, string text, Encoding? e = null)
            {
                using var entry = zip.CreateEntry(path).Open();
                var bytes = (e ?? new UTF8Encoding(false)).GetBytes(text);
                var preamble = e?.GetPreamble() ?? [];
                entry.Write(preamble);
                entry.Write(bytes);
            }
            Add("[Content_Types].xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
                <Default Extension="xml" ContentType="application/xml"/>
                <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
                <Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
                <Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
                </Types>
                """);
            Add("_rels/.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
                """);
            Add("xl/workbook.xml", $"""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <workbook xmlns="{Main}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>
                """);
            Add("xl/_rels/workbook.xml.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>
                """);
            Add("xl/worksheets/sheet1.xml", sheetXml, encoding);
            Add("xl/sharedStrings.xml", sharedStrings ?? $"""<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{Main}" count="0" uniqueCount="0"/>""");
        }
        stream.Position = 0;
        return stream;
    }

    private static List<SheetRow> Read(MemoryStream workbook, bool scan)
    {
        workbook.Position = 0;
        return [.. XlsxReader.Read(workbook, scan)];
    }

    private static string Show(IEnumerable<SheetRow> rows) =>
        string.Join("\n", rows.Select(r => r.Number + ": " + string.Join(" | ", r.Cells.Select(c => (c.IsNumber ? "#" : "") + c.Text.Replace("\n", "\\n").Replace("\r", "\\r")))));

    /// <summary>Both readers, and the scanner's rows as text for the assertions.</summary>
    private static string ReadBoth(MemoryStream workbook)
    {
        var scanned = Show(Read(workbook, scan: true));
        Assert.Equal(Show(Read(workbook, scan: false)), scanned);
        return scanned;
    }

    private const string SharedStrings = $"""
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <sst xmlns="{Main}" count="4" uniqueCount="4">
          <si><t>户编号</t></si>
          <si><r><t>田</t></r><r><rPr><b/></rPr><t xml:space="preserve">大山 </t></r><rPh sb="0" eb="1"><t>tian</t></rPh></si>
          <si><t/></si>
          <si><t>a&amp;b</t></si>
        </sst>
        """;

    [Fact]
    public void ExcelStyle_SharedStrings_RichText_Phonetics_NumbersAndFormulas()
    {
        var sheet = $"""
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="{Main}"><dimension ref="A1:F3"/><sheetData>
            <row r="1" spans="1:6"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>
            <row r="2"><c r="A2" s="1"><v>4.22827E+17</v></c><c r="C2" t="b"><v>1</v></c><c r="D2" t="str"><f>A1&amp;B1</f><v>ab</v></c><c r="F2" t="s"/></row>
            <row r="4"><c r="B4" t="e"><v>#N/A</v></c></row>
            </sheetData></worksheet>
            """;
        Assert.Equal("""
            1: 户编号 | 田大山  |  | a&b
            2: #4.22827E+17 |  | 1 | ab |  | 
            4:  | #N/A
            """.ReplaceLineEndings("\n"), ReadBoth(Workbook(sheet, SharedStrings)));
    }

    [Fact]
    public void PrefixedInlineStrings_AsOurExportWritesThem()
    {
        var sheet = $"""
            <?xml version="1.0" encoding="utf-8"?><x:worksheet xmlns:x="{Main}"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t xml:space="preserve">姓名</x:t></x:is></x:c><x:c r="B1" t="inlineStr"><x:is><x:t xml:space="preserve">  </x:t></x:is></x:c><x:c r="C1"><x:v>85.1</x:v></x:c></x:row><x:row r="2" /></x:sheetData></x:worksheet>
            """;
        Assert.Equal("1: 姓名 |    | #85.1\n2: ", ReadBoth(Workbook("\uFEFF" + sheet)));
    }

    [Fact]
    public void Entities_LineEnds_Cdata_Comments_QuotesAndCellsWithoutReferences()
    {
        var sheet = $"""
            <?xml version='1.0' encoding='UTF-8'?>
            <!-- saved by hand -->
            <worksheet xmlns='{Main}'><sheetData>
            <row r='1'><c t='inlineStr'><is><t>&lt;&amp;&gt;&quot;&apos;&#20013;&#x6587;&#x1F600;</t></is></c><c t="inlineStr"><is><t>a{"\r\n"}b{"\r"}c&#13;d</t></is></c></row>
            <?custom instruction?>
            <row><c t="inlineStr"><is><t><![CDATA[x<y & z]]></t></is></c><c t="inlineStr"><is><t>one<!-- note -->two</t></is></c><c r="E2" t="inlineStr"><is><r><t>rich</t></r><r><rPr><i/></rPr><t xml:space="preserve"> text</t></r></is></c></row>
            <row r="7"><c r="B7"><v>  12  </v></c><c r="C7" t="s"><v>9</v></c></row>
            </sheetData></worksheet>
            """;
        Assert.Equal("""
            1: <&>"'中文😀 | a\nb\nc\rd
            2: x<y & z | onetwo |  |  | rich text
            7:  | #  12   | 
            """.ReplaceLineEndings("\n"), ReadBoth(Workbook(sheet)));
    }

    [Fact]
    public void ManyRows_AndALongCell_CrossTheBufferAnywhere()
    {
        var random = new Random(7);
        var text = new StringBuilder($"""<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="{Main}"><x:sheetData>""");
        // 32,760 characters (within a cell's 32,767) written as character references: about 287 KB, longer than the scanner's first buffer.
        var longCell = string.Concat(Enumerable.Repeat("&#x00957F;&#x006587;&#x00672C;&amp;", 8_190));
        for (var row = 1; row <= 6000; row++)
        {
            text.Append($"""<x:row r="{row}">""");
            for (var column = 0; column < 1 + random.Next(12); column++)
            {
                var reference = XlsxReader.ColumnName(column) + row;
                text.Append(((row, column) == (3000, 0) ? 1 : random.Next(5)) switch
                {
                    0 => $"""<x:c r="{reference}"><x:v>{random.Next(100_000)}.{random.Next(100)}</x:v></x:c>""",
                    1 => $"""<x:c r="{reference}" t="inlineStr"><x:is><x:t xml:space="preserve">{(row == 3000 ? longCell : "村" + random.Next(50))}</x:t></x:is></x:c>""",
                    2 => $"""<x:c r="{reference}" t="s"><x:v>{random.Next(4)}</x:v></x:c>""",
                    3 => $"""<x:c r="{reference}" t="inlineStr"><x:is><x:t>4228{random.NextInt64(10_000_000_000_000, 99_999_999_999_999)}</x:t></x:is></x:c>""",
                    _ => $"""<x:c r="{reference}"/>""",
                });
            }
            text.Append("</x:row>");
        }
        text.Append("</x:sheetData></x:worksheet>");
        var workbook = Workbook(text.ToString(), SharedStrings);
        var rows = Read(workbook, scan: true);
        Assert.Equal(6000, rows.Count);
        Assert.Contains(rows, r => r.Cells.Any(c => c.Text == string.Concat(Enumerable.Repeat("长文本&", 8_190))));
        Assert.Equal(Show(Read(workbook, scan: false)), Show(rows));
    }

    [Fact]
    public void Utf16Sheet_IsReadByTheXmlReader()
    {
        var sheet = $"""<?xml version="1.0" encoding="UTF-16"?><worksheet xmlns="{Main}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>贫困户</t></is></c><c r="B1"><v>3</v></c></row></sheetData></worksheet>""";
        var rows = Read(Workbook(sheet, encoding: new UnicodeEncoding(false, true)), scan: true);
        Assert.Equal("1: 贫困户 | #3", Show(rows));
    }

    [Fact]
    public void DocumentType_Truncation_AndBadUtf8_AreRefused()
    {
        var dtd = $"""<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY x "boom">]><worksheet xmlns="{Main}"><sheetData><row r="1"><c t="inlineStr"><is><t>&x;</t></is></c></row></sheetData></worksheet>""";
        Assert.Throws<InvalidDataException>(() => Read(Workbook(dtd), scan: true));

        var truncated = $"""<?xml version="1.0"?><worksheet xmlns="{Main}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>cut""";
        Assert.Throws<InvalidDataException>(() => Read(Workbook(truncated), scan: true));

        var unknownEntity = $"""<?xml version="1.0"?><worksheet xmlns="{Main}"><sheetData><row r="1"><c t="inlineStr"><is><t>&nbsp;</t></is></c></row></sheetData></worksheet>""";
        Assert.Throws<InvalidDataException>(() => Read(Workbook(unknownEntity), scan: true));

        var badUtf8 = new MemoryStream();
        using (var zip = new ZipArchive(Workbook($"""<?xml version="1.0"?><worksheet xmlns="{Main}"><sheetData><row r="1"><c t="inlineStr"><is><t>XX</t></is></c></row></sheetData></worksheet>"""), ZipArchiveMode.Read))
        using (var copy = new ZipArchive(badUtf8, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in zip.Entries)
            {
                using var source = entry.Open();
                var bytes = new MemoryStream();
                source.CopyTo(bytes);
                var content = bytes.ToArray();
                if (entry.FullName.EndsWith("sheet1.xml", StringComparison.Ordinal))
                {
                    var at = Encoding.ASCII.GetString(content).IndexOf("XX", StringComparison.Ordinal);
                    content[at] = 0xC3; // a lead byte followed by 'X': not UTF-8
                }
                using var target = copy.CreateEntry(entry.FullName).Open();
                target.Write(content);
            }
        }
        badUtf8.Position = 0;
        Assert.Throws<InvalidDataException>(() => Read(badUtf8, scan: true));
    }

    [Fact]
    public async Task WorkbookSavedByLibreOffice_ReadsAsTheCsvItCameFrom()
    {
        var directory = Tuopin.Testing.TestDirectories.New("xlsx-lo");
        var csv = Path.Combine(directory, "book.csv");
        await File.WriteAllTextAsync(csv, "户编号,姓名,备注,收入\r\n4228272022090001,田大山,\"a, \"\"b\"\" & <c>\",5000.5\r\n4228272022090002,向秀英,\"多行\n文本\",\r\n", new UTF8Encoding(false));
        var start = new ProcessStartInfo("libreoffice", ["--headless", "-env:UserInstallation=file://" + Path.Combine(directory, "lo-profile"),
            "--infilter=CSV:44,34,76,1,1/2/2/2/3/2/4/1", "--convert-to", "xlsx", "--outdir", directory, csv])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using (var process = Process.Start(start)!)
            await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(3)).Token);
        var xlsx = Path.Combine(directory, "book.xlsx");
        Assert.True(File.Exists(xlsx), "LibreOffice made no workbook");
        var workbook = new MemoryStream(await File.ReadAllBytesAsync(xlsx));
        Assert.Equal("""
            1: 户编号 | 姓名 | 备注 | 收入
            2: 4228272022090001 | 田大山 | a, "b" & <c> | #5000.5
            3: 4228272022090002 | 向秀英 | 多行\n文本
            """.ReplaceLineEndings("\n"), ReadBoth(workbook));
    }

    [Fact]
    public void SheetWriter_WritesWhatBothReadersReadBack()
    {
        var workbook = new MemoryStream();
        using (var writer = new SheetWriter(workbook, SheetFormat.Xlsx, "登记", [20, 8.6]))
        {
            writer.WriteRow(["户编号", "备注", "收入"], 1);
            writer.WriteRow(["4228272022090001", "a&b <c> \"q\" 'x'", 5000.5m, 3]);
            writer.WriteRow([null, "行一\r\n行二\r末\t制表", -1.25, "  前后空格  "]);
            writer.WriteRow(["坏\u0001字", "😀 \uD800 孤", null, ""], 2, 1);
        }
        workbook.Position = 0;
        Assert.Equal("""
            1: 户编号 | 备注 | 收入
            2: 4228272022090001 | a&b <c> "q" 'x' | #5000.5 | #3
            3:  | 行一\r\n行二\r末\t制表 | #-1.25 |   前后空格  
            4: 坏\uFFFD字 | 😀 \uFFFD 孤 |  | 
            """.ReplaceLineEndings("\n").Replace("\\t", "\t", StringComparison.Ordinal).Replace("\\uFFFD", "\uFFFD", StringComparison.Ordinal), ReadBoth(workbook));
    }
}
