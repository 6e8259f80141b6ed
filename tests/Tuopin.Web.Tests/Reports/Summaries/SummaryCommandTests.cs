using System.IO.Compression;
using Tuopin.Application.Plan;
using Tuopin.Application.Storage;
using Tuopin.Testing;

using static Tuopin.Web.Tests.CliRun;

namespace Tuopin.Web.Tests.Reports;

public sealed class SummaryCommandTests
{
    [Fact]
    public async Task Summary_WritesTheCountysAndATownshipsDraft_AndRefusesABadHalf()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        await using (var db = county.Factory.CreateForOperator("tests"))
            await LoadPlan.EnsureBuiltInAsync(db);
        string[] db0 = ["--db", county.Target.SqliteFile!, "--data-dir", county.Settings.DataDirectory];
        var annual = Path.Combine(county.Settings.DataDirectory, "county.docx");
        var halfFile = Path.Combine(county.Settings.DataDirectory, "sanhu.docx");

        var (written, text, writeError) = await RunAsync(["summary", .. db0, "--year", "2016", "--out", annual]);
        var (township, townshipText, townshipError) = await RunAsync(["summary", .. db0, "--year", "2016", "--half", "1", "--township", "三胡乡", "--out", halfFile]);
        var (badHalf, _, _) = await RunAsync(["summary", .. db0, "--year", "2016", "--half", "3", "--out", annual + "2.docx"]);
        var (badFile, _, _) = await RunAsync(["summary", .. db0, "--year", "2016", "--out", annual + ".pdf"]);

        Assert.True(written == 0, writeError);
        Assert.Contains("来凤县2016年脱贫攻坚年度工作总结", text, StringComparison.Ordinal);
        using (var zip = ZipFile.OpenRead(annual))
            Assert.NotNull(zip.GetEntry("word/document.xml"));
        Assert.True(township == 0, townshipError);
        Assert.Contains("三胡乡2016年上半年脱贫攻坚工作总结", townshipText, StringComparison.Ordinal);
        Assert.Equal(2, badHalf);
        Assert.Equal(2, badFile);
    }
}
