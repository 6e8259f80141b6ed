using System.IO.Compression;
using Microsoft.Playwright;
using Tuopin.Browser.Tests.Pages;
using static Microsoft.Playwright.Assertions;

namespace Tuopin.Browser.Tests.Registry;

/// <summary>A village officer prints a household's 明白卡 and the village's 公示名单 from a phone: real downloads, masked where they must be.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PapersJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task AVillageOfficer_OnAPhone_DownloadsTheHouseholdCard_AndTheMaskedPublicList()
    {
        var page = await fixture.NewPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        await new LoginPage(page).SignInAsync(fixture.OfficerName, fixture.OfficerPassword);

        await page.GotoAsync($"/households/{fixture.HouseholdId}");
        var card = page.GetByTestId("print-household-card");
        await Expect(card).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var box = await card.BoundingBoxAsync();
        Assert.True(box is not null && box.X >= 0 && box.X + box.Width <= 390, "the button is within the phone's width");
        var text = await DocumentTextAsync(await page.RunAndWaitForDownloadAsync(() => card.ClickAsync()));
        Assert.Contains("明白卡", text, StringComparison.Ordinal);
        Assert.Contains(fixture.Head.Name!, text, StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Head.ResidentId!, text, StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "tuopin-papers-household-390.png"), FullPage = true });

        // The village's public list: names with IDs cut to their first six digits.
        await page.GotoAsync("/households");
        var list = page.GetByTestId("print-public-list");
        await Expect(list).ToBeVisibleAsync();
        await page.GetByTestId("public-list-kind").SelectOptionAsync("registration");
        var listText = await DocumentTextAsync(await page.RunAndWaitForDownloadAsync(() => list.ClickAsync()));
        Assert.Contains("公示", listText, StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Head.ResidentId!, listText, StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Head.ResidentId![..10], listText, StringComparison.Ordinal);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "tuopin-papers-list-390.png"), FullPage = true });
    }

    /// <summary>The text of a downloaded .docx (its main part, tags removed).</summary>
    private static async Task<string> DocumentTextAsync(IDownload download)
    {
        Assert.EndsWith(".docx", download.SuggestedFilename, StringComparison.Ordinal);
        var path = await download.PathAsync();
        using var zip = ZipFile.OpenRead(path!);
        using var reader = new StreamReader(zip.GetEntry("word/document.xml")!.Open());
        var xml = await reader.ReadToEndAsync();
        return System.Text.RegularExpressions.Regex.Replace(xml, "<[^>]+>", "");
    }
}
