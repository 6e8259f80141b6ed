using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Accounts;
using Tuopin.Application.Plan;
using Tuopin.Browser.Tests.Pages;
using Tuopin.Domain.Accounts;
using static Microsoft.Playwright.Assertions;

namespace Tuopin.Browser.Tests.Plan;

/// <summary>
/// A prefecture official (恩施州) on a phone: signed in, lands on the roll-up (not the county overview, which is not theirs),
/// whose figures are the use case's; the menu offers the roll-up only; a county page is refused. An anonymous visitor is
/// sent to sign in.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RollupJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task APrefectureOfficial_LandsOnTheRollup_SeesTheUseCasesFigures_AndNoCountyPage()
    {
        var county = fixture.County;
        var enshi = await county.QueryAsync(db => db.Prefectures.Where(p => p.Code == "422800").Select(p => p.Id).SingleAsync());
        var password = await fixture.App.AddUserAsync("rollup_enshi", Role.PrefectureOfficial, region: enshi);
        var expected = await county.As<GetRollup>(new Actor(Guid.NewGuid(), "恩施州", Role.PrefectureOfficial, AreaScope.Region(AreaLevel.Prefecture, enshi)))
            .HandleAsync(new GetRollup.Query());

        var page = await fixture.NewPageAsync();
        await page.SetViewportSizeAsync(390, 900);
        await new LoginPage(page).SignInAsync("rollup_enshi", password);
        await page.WaitForURLAsync("**/rollup", new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("rollup-title")).ToContainTextAsync("恩施土家族苗族自治州", new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("rollup-county")).ToHaveCountAsync(expected.Counties.Count);
        await Expect(page.Locator(".app-area")).ToHaveTextAsync("恩施土家族苗族自治州");
        var laifeng = page.Locator("[data-testid=rollup-county][data-code='422827']");
        await Expect(laifeng).ToContainTextAsync("来凤县");
        await Expect(page.GetByTestId("rollup-registered")).ToHaveTextAsync(expected.Total.Registered.Households.ToString("N0"));
        await Expect(page.GetByTestId("rollup-remaining")).ToHaveTextAsync(expected.Total.Remaining.Households.ToString("N0"));
        await Expect(page.GetByTestId("rollup-xlsx")).ToHaveAttributeAsync("href", $"/api/v1/rollup.xlsx?area=422800&year={expected.Year}");
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"/rollup is {width}px wide at 390px");

        // The menu: the roll-up, and none of the county's pages.
        var items = new List<string>();
        foreach (var item in await page.Locator(".app-sider .ant-menu-item").AllAsync())
            items.Add(await item.Locator("a").GetAttributeAsync("href") ?? "");
        Assert.Equal(["/rollup"], items);

        // A county page typed in is refused, shows no household, and its way home is the roll-up.
        var response = await page.GotoAsync("/households");
        Assert.Equal(403, response!.Status);
        await Expect(page.GetByTestId("forbidden-role")).ToContainTextAsync("市州");
        await Expect(page.GetByTestId("household-row")).ToHaveCountAsync(0);
        await page.GetByTestId("forbidden-home").ClickAsync();
        await page.WaitForURLAsync("**/rollup");
        await Expect(page.GetByTestId("rollup-county")).ToHaveCountAsync(expected.Counties.Count);

        // Anonymous: to sign in.
        var visitor = await fixture.NewPageAsync();
        await visitor.GotoAsync("/rollup");
        await visitor.WaitForURLAsync("**/login**");
    }
}
