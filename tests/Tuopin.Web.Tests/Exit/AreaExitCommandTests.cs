using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Exit;
using Tuopin.Application.Storage;
using Tuopin.Domain.Exit;
using Tuopin.Testing;

using static Tuopin.Web.Tests.CliRun;

namespace Tuopin.Web.Tests.Exit;

public sealed class AreaExitCommandTests
{
    [Fact]
    public async Task ExitAreaList_ShowsTheYearsVillages_AndExport_WritesTheZip()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        await county.QueryAsync(db => db.Villages.ExecuteUpdateAsync(s => s.SetProperty(v => v.RegisteredPopulation, 100)));
        var officer = county.VillageOfficer("三胡乡/黄柏园村");
        var id = await county.As<OpenAreaExit>(officer).HandleAsync(new OpenAreaExit.Request(AreaExitLevel.Village, county.Villages["三胡乡/黄柏园村"].Id, 2016));
        await county.As<AttachAreaEvidence>(officer).HandleAsync(new AttachAreaEvidence.Request(id, "village_application", "申请.pdf", new MemoryStream(Encoding.ASCII.GetBytes("%PDF-1.4\n%%EOF\n"))));
        string[] db = ["--db", county.Target.SqliteFile!, "--data-dir", county.Settings.DataDirectory];

        var (listed, text, listError) = await RunAsync(["exit", "area", "list", .. db, "--year", "2016"]);
        var (json, jsonText, _) = await RunAsync(["exit", "area", "list", .. db, "--year", "2016", "--level", "township", "--format", "json"]);
        var zipPath = Path.Combine(county.Settings.DataDirectory, "out.zip");
        var (exported, exportText, exportError) = await RunAsync(["exit", "area", "export", .. db, "--year", "2016", "--area", "三胡乡/黄柏园村", "--out", zipPath]);
        var (missing, _, missingError) = await RunAsync(["exit", "area", "export", .. db, "--year", "2016", "--area", "三胡乡/石桥村", "--out", zipPath + "2"]);
        var (countyListed, countyText, countyError) = await RunAsync(["exit", "area", "list", .. db, "--year", "2016", "--level", "county"]);
        var reportPath = Path.Combine(county.Settings.DataDirectory, "county.docx");
        var (reported, reportText, reportError) = await RunAsync(["exit", "report", .. db, "--level", "county", "--area", "来凤县", "--year", "2016", "--out", reportPath]);
        var (badLevel, _, _) = await RunAsync(["exit", "area", "list", .. db, "--year", "2016", "--level", "nation"]);

        Assert.True(listed == 0, listError);
        Assert.Contains("2016 年贫困村出列：20 个", text, StringComparison.Ordinal);
        Assert.Contains("三胡乡黄柏园村", text, StringComparison.Ordinal);
        Assert.Contains("必备材料 1/7", text, StringComparison.Ordinal);
        Assert.Equal(0, json);
        using (var doc = JsonDocument.Parse(jsonText))
            Assert.Equal(4, doc.RootElement.GetProperty("rows").GetArrayLength());
        Assert.True(exported == 0, exportError);
        Assert.Contains("已导出", exportText, StringComparison.Ordinal);
        using (var zip = ZipFile.OpenRead(zipPath))
            Assert.Equal(["01 贫困村出列申请/申请.pdf", ExportAreaExitFile.IndexName], zip.Entries.Select(e => e.FullName));
        Assert.Equal(1, missing);
        Assert.Contains("没有 2016 年的出列程序", missingError, StringComparison.Ordinal);
        // The county's own exit (摘帽) at level county: its board line, and its self-assessment report.
        Assert.True(countyListed == 0, countyError);
        Assert.Contains("年贫困县摘帽：", countyText, StringComparison.Ordinal);
        Assert.True(reported == 0, reportError);
        Assert.Contains("来凤县2016年贫困县退出自查评估报告", reportText, StringComparison.Ordinal);
        Assert.True(new FileInfo(reportPath).Length > 0);
        Assert.Equal(2, badLevel);
    }
}
