using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using Tuopin.Testing;

using static Tuopin.Web.Tests.CliRun;

namespace Tuopin.Web.Tests.Exit;

public sealed class ExitReportCommandTests
{
    [Fact]
    public async Task ExitReport_WritesTheDocxOrXlsx_ForAVillageOrTownshipByCodeOrName()
    {
        var directory = TestDirectories.New("cli-exit-report");
        string[] db = ["--db", Path.Combine(directory, "exit.db"), "--data-dir", directory];
        Assert.Equal(0, (await RunAsync(["places", "load", .. db])).Exit);
        var docx = Path.Combine(directory, "out", "黄柏园村.docx");
        var xlsx = Path.Combine(directory, "三胡乡.xlsx");

        var (village, villageText, villageError) = await RunAsync(["exit", "report", .. db, "--level", "village", "--area", "三胡乡/黄柏园村", "--year", "2016", "--out", docx]);
        var (township, townshipJson, _) = await RunAsync(["exit", "report", .. db, "--level", "township", "--area", "三胡乡", "--year", "2016", "--out", xlsx, "--format", "json"]);
        var (unknown, _, unknownError) = await RunAsync(["exit", "report", .. db, "--level", "village", "--area", "三胡乡/没有村", "--year", "2016", "--out", docx]);
        var (unset, _, unsetError) = await RunAsync(["exit", "report", .. db, "--level", "township", "--area", "三胡乡", "--year", "2017", "--out", xlsx]);
        var (badFile, _, badFileError) = await RunAsync(["exit", "report", .. db, "--level", "township", "--area", "三胡乡", "--year", "2016", "--out", Path.Combine(directory, "x.pdf")]);
        var (badLevel, _, _) = await RunAsync(["exit", "report", .. db, "--level", "nation", "--area", "三胡乡", "--year", "2016", "--out", xlsx]);

        Assert.True(village == 0, villageError);
        // No population recorded: the incidence cannot be computed, so the village is not judged ready, and the report says why.
        Assert.Contains("已生成《三胡乡黄柏园村2016年贫困村退出自查报告》", villageText, StringComparison.Ordinal);
        Assert.Contains("结论：未达到退出标准：1 个村的户籍人口未录入，无法计算贫困发生率", villageText, StringComparison.Ordinal);
        using (var word = WordprocessingDocument.Open(docx, false))
            Assert.Contains("户籍人口未录入，贫困发生率无法计算", word.MainDocumentPart!.Document!.Body!.InnerText, StringComparison.Ordinal);
        Assert.Equal(0, township);
        using (var json = JsonDocument.Parse(townshipJson))
        {
            Assert.Equal("三胡乡2016年贫困乡镇退出自查报告", json.RootElement.GetProperty("title").GetString());
            Assert.False(json.RootElement.GetProperty("ready").GetBoolean());
        }
        Assert.True(File.Exists(xlsx));
        Assert.Equal(1, unknown);
        Assert.Contains("没有村“三胡乡/没有村”", unknownError, StringComparison.Ordinal);
        Assert.Equal(1, unset);
        Assert.Contains("2017 年的国家扶贫标准尚未设置", unsetError, StringComparison.Ordinal);
        Assert.Equal(2, badFile);
        Assert.Contains(".docx 或 .xlsx", badFileError, StringComparison.Ordinal);
        Assert.Equal(2, badLevel);
    }
}
