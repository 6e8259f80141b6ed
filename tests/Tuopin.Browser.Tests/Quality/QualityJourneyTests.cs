using Microsoft.Playwright;
using Tuopin.Browser.Tests.Pages;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Registry;
using Tuopin.Testing;
using static Microsoft.Playwright.Assertions;

namespace Tuopin.Browser.Tests.Quality;

/// <summary>The data-quality check on a phone: a township's counts by village, a village's findings with what is wrong, a refused mark said beside its row.</summary>
[Collection(BrowserCollection.Name)]
public sealed class QualityJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task ATownshipOfficer_OnAPhone_GoesFromAVillagesCount_ToItsFindings_AndIsToldBesideTheRowWhatIsMissing()
    {
        var county = fixture.County;
        await county.AddHouseholdAsync(BrowserFixture.Village, Build.Member(Relation.Head, Sex.Male, "冉德明") with { MedicalInsurance = false });
        var password = await fixture.App.AddUserAsync("sanhu_quality", Role.TownshipOfficer, "三胡乡", displayName: "向承志");
        var page = await fixture.NewPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        await new LoginPage(page).SignInAsync("sanhu_quality", password);

        await page.GotoAsync("/quality");
        var rule = page.GetByTestId("rule-no_medical_insurance");
        await Expect(rule).ToBeVisibleAsync(new() { Timeout = 30_000 });
        // A township's columns are its villages, not the county's townships; the page itself does not scroll sideways.
        var areas = await page.GetByTestId("area-column").AllInnerTextsAsync();
        Assert.Contains("黄柏园村", areas);
        Assert.DoesNotContain("翔凤镇", areas);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), "the page fits 390 px; wide tables scroll inside their box");

        var column = areas.ToList().IndexOf("黄柏园村");
        await rule.Locator("td.num").Nth(2 + column).Locator("a").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/quality/no_medical_insurance") && url.Contains($"village={county.Villages[BrowserFixture.Village].Id}"));
        await Expect(page.GetByTestId("findings-filter")).ToContainTextAsync("黄柏园村");
        var row = page.GetByTestId("finding").Filter(new() { HasText = "冉德明" });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.GetByTestId("finding-detail")).ToHaveTextAsync("未参加基本医疗保险");

        // Marked without a reason: refused beside the row, nothing at the top of the page.
        await row.GetByTestId("explain").ClickAsync();
        await Expect(row.GetByTestId("row-error")).ToContainTextAsync("理由");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "tuopin-quality-findings-390.png"), FullPage = true });

        // Explained with a reason: the row says so, under the officer's name (not the login).
        await row.GetByTestId("review-reason").FillAsync("已在县医院参保，待系统同步");
        await row.GetByTestId("explain").ClickAsync();
        await Expect(row).ToContainTextAsync("已在县医院参保，待系统同步 · 向承志");
        await Expect(row).Not.ToContainTextAsync("sanhu_quality");

        // 查看全部 lifts the filter.
        await page.GetByTestId("findings-filter").GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.GetByTestId("findings-filter")).ToHaveCountAsync(0);
    }
}
