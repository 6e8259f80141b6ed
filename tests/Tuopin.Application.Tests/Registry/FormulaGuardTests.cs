using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using Tuopin.Application.Common;

namespace Tuopin.Application.Tests.Registry;

/// <summary>
/// A member named =HYPERLINK(…) must not become a formula when an official opens an export: text that
/// begins like a formula is written with a leading apostrophe (OWASP, CSV injection), numbers are not,
/// and the readers take the apostrophe off again.
/// </summary>
public sealed class FormulaGuardTests
{
    private static readonly object?[] Values = ["=1+1", "@SUM(A1)", "+1", "-1", "\tx", "\rx", "'=x", "'plain", -200m, 35, "田大山"];

    private static MemoryStream Write(SheetFormat format, IEnumerable<object?[]> rows)
    {
        var stream = new MemoryStream();
        using (var writer = new SheetWriter(stream, format, "Sheet1"))
        {
            foreach (var row in rows) writer.WriteRow(row);
        }
        stream.Position = 0;
        return stream;
    }

    [Fact]
    public void TextThatLooksLikeAFormula_GetsAnApostrophe_NumbersStayNumbers_AndBothReadersTakeItOff()
    {
        var csv = Write(SheetFormat.Csv, [Values]);
        var xlsx = Write(SheetFormat.Xlsx, [Values]);

        var raw = new UTF8Encoding(false).GetString(csv.ToArray()).TrimStart('\uFEFF');
        Assert.Equal("'=1+1,'@SUM(A1),'+1,'-1,'\tx,\"'\rx\",''=x,'plain,-200,35,田大山\r\n", raw);
        string sheet;
        using (var zip = new ZipArchive(xlsx, ZipArchiveMode.Read, leaveOpen: true))
        using (var reader = new StreamReader(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open()))
            sheet = reader.ReadToEnd();
        // A string is an inline string, never a formula; numbers are values.
        Assert.DoesNotContain("<f>", sheet, StringComparison.Ordinal);
        Assert.Contains("""<c r="A1" t="inlineStr"><is><t xml:space="preserve">'=1+1</t></is></c>""", sheet, StringComparison.Ordinal);
        Assert.Contains("""<c r="I1"><v>-200</v></c>""", sheet, StringComparison.Ordinal);

        var expected = new[] { "=1+1", "@SUM(A1)", "+1", "-1", "\tx", "\rx", "'=x", "'plain", "-200", "35", "田大山" };
        csv.Position = 0;
        Assert.Equal(expected, CsvReader.Read(csv).Single().Cells.Select(c => c.Text));
        xlsx.Position = 0;
        Assert.Equal(expected, XlsxReader.Read(xlsx, scan: true).Single().Cells.Select(c => c.Text));
        xlsx.Position = 0;
        Assert.Equal(expected, XlsxReader.Read(xlsx, scan: false).Single().Cells.Select(c => c.Text));
    }

    [Fact]
    public async Task LibreOffice_OpensTheExportedCsv_WithoutEvaluatingItsText()
    {
        var directory = Tuopin.Testing.TestDirectories.New("csv-formula");
        var csv = Path.Combine(directory, "export.csv");
        var written = Write(SheetFormat.Csv, [["姓名", "收入"], ["=1+1", -200m], ["@SUM(1,2)", 35]]).ToArray();
        // The same text unguarded on a last row, to show that this LibreOffice does evaluate formulas in a CSV file.
        await File.WriteAllBytesAsync(csv, [.. written, .. "=2+2,1\r\n"u8]);
        var start = new ProcessStartInfo("libreoffice", ["--headless", "-env:UserInstallation=file://" + Path.Combine(directory, "lo-profile"),
            "--infilter=CSV:44,34,76,1", "--convert-to", "xlsx", "--outdir", directory, csv])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using (var process = Process.Start(start)!)
            await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(3)).Token);
        var xlsx = Path.Combine(directory, "export.xlsx");
        Assert.True(File.Exists(xlsx), "LibreOffice made no workbook");

        var rows = XlsxReader.Read(new MemoryStream(await File.ReadAllBytesAsync(xlsx))).ToList();

        Assert.Equal(("=1+1", false), (rows[1][0].Text, rows[1][0].IsNumber));
        Assert.Equal(("-200", true), (rows[1][1].Text, rows[1][1].IsNumber));
        Assert.Equal(("@SUM(1,2)", false), (rows[2][0].Text, rows[2][0].IsNumber));
        Assert.Equal(("4", true), (rows[3][0].Text, rows[3][0].IsNumber));
    }
}
