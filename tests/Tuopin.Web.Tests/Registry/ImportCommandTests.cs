using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Tuopin.Domain.Registry;
using Tuopin.Testing;

using static Tuopin.Web.Tests.CliRun;

namespace Tuopin.Web.Tests.Registry;

/// <summary>tuopin import / export registry: exit codes, the JSON answer, and workbooks LibreOffice opens.</summary>
public sealed class ImportCommandTests
{
    private const string Header = "户编号,乡镇,行政村,识别年度,主要致贫原因,姓名,证件号码,与户主关系";

    private static string Line(string number, string name, string id, string relation) => $"{number},三胡乡,黄柏园村,2014,因病,{name},{id},{relation}";

    [Fact]
    public async Task Import_ExitCodes_Json_DryRun_AndExportThatLibreOfficeOpens()
    {
        var directory = TestDirectories.New("cli-import");
        var db = Path.Combine(directory, "county.db");
        Assert.Equal(0, (await RunAsync("places", "load", "--db", db, "--data-dir", directory)).Exit);
        var head = Build.NewResidentId(Sex.Male).Value;
        var bad = Path.Combine(directory, "bad.csv");
        await File.WriteAllTextAsync(bad, string.Join("\n", Header, Line("4228272022090001", "田一", head, "户主"), Line("4228272022090002", "田二", "4.22827E+17", "户主")), Encoding.UTF8);
        var good = Path.Combine(directory, "good.csv");
        await File.WriteAllTextAsync(good, string.Join("\n", Header, Line("4228272022090001", "田一", head, "户主")), Encoding.UTF8);

        var (rejected, json, _) = await RunAsync("import", bad, "--db", db, "--data-dir", directory, "--format", "json");
        var (dry, _, _) = await RunAsync("import", good, "--db", db, "--data-dir", directory, "--dry-run");
        var (statsAfterDry, statsJson, _) = await RunAsync("registry", "stats", "--db", db, "--data-dir", directory, "--format", "json");
        var (imported, text, _) = await RunAsync("import", good, "--db", db, "--data-dir", directory);
        var (again, _, againError) = await RunAsync("import", good, "--db", db, "--data-dir", directory);
        var (updated, _, _) = await RunAsync("import", good, "--db", db, "--data-dir", directory, "--update");
        var (wrongType, _, _) = await RunAsync("import", Path.Combine(directory, "registry.txt"), "--db", db, "--data-dir", directory);
        var (missing, _, _) = await RunAsync("import", Path.Combine(directory, "none.csv"), "--db", db, "--data-dir", directory);
        var (noFile, _, _) = await RunAsync("import", "--db", db);
        // An office's .xls workbook: its refused row named by sheet and row, its titles, totals, footers and instruction sheet listed as skipped.
        var (xls, xlsJson, _) = await RunAsync("import", Path.Combine(AppContext.BaseDirectory, "Fixtures", "office-book.xls"), "--db", db, "--data-dir", directory, "--dry-run", "--format", "json");

        Assert.Equal(1, rejected);
        using (var doc = JsonDocument.Parse(json))
        {
            var root = doc.RootElement;
            Assert.Equal(["rows", "households", "accepted", "rejected", "errors", "skipped"], root.EnumerateObject().Select(p => p.Name));
            Assert.Equal((2, 2, 1, 1), (root.GetProperty("rows").GetInt32(), root.GetProperty("households").GetInt32(), root.GetProperty("accepted").GetInt32(), root.GetProperty("rejected").GetInt32()));
            var error = Assert.Single(root.GetProperty("errors").EnumerateArray());
            Assert.Equal(["row", "column", "value", "code", "message", "sheet"], error.EnumerateObject().Select(p => p.Name));
            Assert.Equal(JsonValueKind.Null, error.GetProperty("sheet").ValueKind);
            Assert.Empty(root.GetProperty("skipped").EnumerateArray());
            Assert.Equal(3, error.GetProperty("row").GetInt32());
            Assert.Equal("证件号码", error.GetProperty("column").GetString());
            Assert.Equal("4.22827E+17", error.GetProperty("value").GetString());
            Assert.Equal("resident_id.excel_number", error.GetProperty("code").GetString());
        }
        Assert.Equal(0, dry);
        Assert.Equal(0, statsAfterDry);
        Assert.Equal(0, JsonDocument.Parse(statsJson).RootElement.GetProperty("households").GetInt32());
        Assert.Equal(0, imported);
        Assert.Contains("已导入", text, StringComparison.Ordinal);
        Assert.Equal(1, again);
        Assert.Contains("更新模式", againError, StringComparison.Ordinal);
        Assert.Equal(0, updated);
        Assert.Equal(2, wrongType);
        Assert.Equal(2, missing);
        Assert.Equal(2, noFile);
        Assert.Equal(1, xls);
        using (var doc = JsonDocument.Parse(xlsJson))
        {
            var root = doc.RootElement;
            Assert.Contains(root.GetProperty("errors").EnumerateArray(), e => e.GetProperty("sheet").GetString() == "黄柏园村" && e.GetProperty("row").GetInt32() == 7 && e.GetProperty("column").GetString() == "证件号码");
            Assert.Equal(["填表说明:0", "黄柏园村:1", "黄柏园村:2", "黄柏园村:8", "黄柏园村:9", "黄柏园村:10", "黄柏园村:11", "石桥村:1", "石桥村:5"],
                root.GetProperty("skipped").EnumerateArray().Select(e => $"{e.GetProperty("sheet").GetString()}:{e.GetProperty("row").GetInt32()}"));
        }

        // Export: full IDs for the operator, masked with --mask; the workbook opens in LibreOffice.
        var xlsx = Path.Combine(directory, "registry.xlsx");
        var csv = Path.Combine(directory, "masked.csv");
        Assert.Equal(0, (await RunAsync("export", "registry", "--db", db, "--data-dir", directory, "--out", xlsx)).Exit);
        Assert.Equal(0, (await RunAsync("export", "registry", "--db", db, "--data-dir", directory, "--out", csv, "--mask")).Exit);
        Assert.Equal(2, (await RunAsync("export", "registry", "--db", db, "--data-dir", directory, "--out", Path.Combine(directory, "x.pdf"))).Exit);
        var maskedText = await File.ReadAllTextAsync(csv);
        Assert.DoesNotContain(head, maskedText, StringComparison.Ordinal);
        Assert.Contains(ResidentId.Mask(head), maskedText, StringComparison.Ordinal);

        var converted = await LibreOfficeToCsvAsync(xlsx, directory);
        var lines = converted.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("户编号,乡镇,行政村,村民小组,识别年度", lines[0], StringComparison.Ordinal);
        Assert.Equal(2, lines.Length);
        Assert.Contains(head, lines[1], StringComparison.Ordinal);
        Assert.Contains("4228272022090001,三胡乡,黄柏园村", lines[1], StringComparison.Ordinal);
    }

    private static async Task<string> LibreOfficeToCsvAsync(string xlsx, string directory)
    {
        var outDir = Path.Combine(directory, "lo");
        Directory.CreateDirectory(outDir);
        var start = new ProcessStartInfo("libreoffice", ["--headless", "-env:UserInstallation=file://" + Path.Combine(directory, "lo-profile"), "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", outDir, xlsx])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(3)).Token);
        var file = Path.Combine(outDir, Path.GetFileNameWithoutExtension(xlsx) + ".csv");
        Assert.True(File.Exists(file), await process.StandardError.ReadToEndAsync());
        return await File.ReadAllTextAsync(file, Encoding.UTF8);
    }
}
