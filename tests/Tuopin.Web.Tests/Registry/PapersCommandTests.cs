using DocumentFormat.OpenXml.Packaging;
using Tuopin.Testing;

using static Tuopin.Web.Tests.CliRun;

namespace Tuopin.Web.Tests.Registry;

/// <summary>tuopin registry papers: written files, refusals with the reason (exit 1), usage errors (exit 2).</summary>
public sealed class PapersCommandTests
{
    [Fact]
    public async Task Papers_WriteTheList_RefuseAnEmptyVillageOrUnknownHousehold_AndSayHowToCallThem()
    {
        var directory = TestDirectories.New("cli-papers");
        string[] db = ["--db", Path.Combine(directory, "papers.db"), "--data-dir", directory];
        Assert.Equal(0, (await RunAsync(["places", "load", .. db])).Exit);
        var list = Path.Combine(directory, "out", "list.docx");

        var (written, text, writtenError) = await RunAsync(["registry", "papers", "list", .. db, "--village", "三胡乡/黄柏园村", "--year", "2016", "--out", list]);
        Assert.True(written == 0, writtenError);
        Assert.Contains("三胡乡黄柏园村-2016年拟退出贫困户公示名单.docx（0 户，证件号码已遮盖）", text, StringComparison.Ordinal);
        using (var word = WordprocessingDocument.Open(list, false))
            Assert.Contains("三胡乡黄柏园村2016年拟退出贫困户公示", word.MainDocumentPart!.Document!.Body!.InnerText, StringComparison.Ordinal);

        var (empty, _, emptyError) = await RunAsync(["registry", "papers", "form", .. db, "--village", "三胡乡/黄柏园村", "--out", Path.Combine(directory, "f.docx")]);
        Assert.Equal(1, empty);
        Assert.Contains("该村没有可打印的建档立卡贫困户", emptyError, StringComparison.Ordinal);
        var (unknown, _, unknownError) = await RunAsync(["registry", "papers", "card", .. db, "--household", "4228271002010999", "--out", Path.Combine(directory, "c.docx")]);
        Assert.Equal(1, unknown);
        Assert.Contains("没有户编号为 4228271002010999 的贫困户", unknownError, StringComparison.Ordinal);
        var (both, _, bothError) = await RunAsync(["registry", "papers", "card", .. db, "--household", "1", "--village", "三胡乡/黄柏园村", "--out", Path.Combine(directory, "c.docx")]);
        Assert.Equal(2, both);
        Assert.Contains("二者选一", bothError, StringComparison.Ordinal);
        var (badFile, _, badFileError) = await RunAsync(["registry", "papers", "form", .. db, "--household", "1", "--out", Path.Combine(directory, "x.xlsx")]);
        Assert.Equal(2, badFile);
        Assert.Contains(".docx 或 .pdf", badFileError, StringComparison.Ordinal);
    }
}
