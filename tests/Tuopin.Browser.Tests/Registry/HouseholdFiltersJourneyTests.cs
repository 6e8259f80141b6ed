using Microsoft.Playwright;
using Tuopin.Browser.Tests.Pages;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Registry;
using Tuopin.Testing;
using static Microsoft.Playwright.Assertions;

namespace Tuopin.Browser.Tests.Registry;

/// <summary>The household list says what it is filtered by: the dropdowns a number's link set, the filters without a dropdown, the member a search matched.</summary>
[Collection(BrowserCollection.Name)]
public sealed class HouseholdFiltersJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task AListReachedFromANumber_ShowsItsFilters_AndASearchSaysWhoMatched()
    {
        var county = fixture.County;
        await county.AddHouseholdAsync(BrowserFixture.Village, Build.Member(name: "向德福"), Build.Member(Relation.Spouse, Sex.Female, "冉秀英"));
        var password = await fixture.App.AddUserAsync("county_filters", Role.CountyAdmin);
        var page = await fixture.NewPageAsync();
        await new LoginPage(page).SignInAsync("county_filters", password);
        var (village, township) = county.Villages[BrowserFixture.Village];

        // As the dashboard's village number links it: the village and its township are selected, the year is named.
        await page.GotoAsync($"/households?villageId={village}&poorAtEndOf=2017");
        await Expect(page.GetByTestId("filter-village")).ToHaveValueAsync(village.ToString());
        await Expect(page.GetByTestId("filter-township")).ToHaveValueAsync(township.ToString());
        await Expect(page.GetByTestId("active-filter")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("2017 年底仍未脱贫"));
        // The village's public list opens on the working year, not the clock's.
        var working = await county.As<Application.Plan.GetWorkingYear>(county.Admin).HandleAsync();
        await Expect(page.GetByTestId("public-list-year")).ToHaveValueAsync(working.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByTestId("active-filter").GetByRole(AriaRole.Link).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("poorAtEndOf") && url.Contains("villageId="));
        await Expect(page.GetByTestId("active-filters")).ToHaveCountAsync(0);

        // A name search names the member it matched, who is not the head.
        await page.GetByRole(AriaRole.Textbox, new() { Name = "成员姓名" }).FillAsync("秀英");
        await page.GetByRole(AriaRole.Button, new() { Name = "按姓名查找" }).ClickAsync();
        var list = new HouseholdListPage(page);
        await Expect(list.ResultCount).ToContainTextAsync("共 1 户");
        await Expect(list.Rows.First).ToContainTextAsync("向德福");
        await Expect(page.GetByTestId("matched-member")).ToHaveTextAsync("查到：冉秀英（配偶）");

        // A malformed ID: the error, and no rows left over from the search before.
        await list.FindByResidentIdAsync("12345");
        await Expect(page.Locator(".ant-alert-error")).ToContainTextAsync("身份证");
        await Expect(page.GetByTestId("no-results")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("households")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "tuopin-household-filters.png"), FullPage = true });
    }
}
