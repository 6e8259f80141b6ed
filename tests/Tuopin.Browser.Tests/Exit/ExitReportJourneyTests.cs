using DocumentFormat.OpenXml.Packaging;
using Tuopin.Browser.Tests.Pages;
using static Microsoft.Playwright.Assertions;

namespace Tuopin.Browser.Tests.Exit;

[Collection(BrowserCollection.Name)]
public sealed class ExitReportJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task AVillageOfficer_DownloadsTheVillagesSelfAssessmentReport_FromTheAssessmentPage()
    {
        var page = await fixture.NewPageAsync();
        await new LoginPage(page).SignInAsync(fixture.OfficerName, fixture.OfficerPassword);
        await page.GotoAsync("/exit?year=2016&level=Village");

        var links = page.GetByTestId("exit-report-docx");
        await Expect(links).ToHaveCountAsync(1); // their own village only
        await Expect(page.GetByTestId("exit-report-xlsx")).ToHaveCountAsync(1);
        var download = await page.RunAndWaitForDownloadAsync(() => links.ClickAsync());

        Assert.Equal("三胡乡黄柏园村-2016-自查报告.docx", download.SuggestedFilename);
        var file = await download.PathAsync();
        using var word = WordprocessingDocument.Open(file, false);
        var text = word.MainDocumentPart!.Document!.Body!.InnerText;
        Assert.Contains("三胡乡黄柏园村2016年贫困村退出自查报告", text, StringComparison.Ordinal);
        Assert.Contains("三胡乡黄柏园村“两委”（盖章）", text, StringComparison.Ordinal);
    }
}
