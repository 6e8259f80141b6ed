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
/// sent to sign in. An official the operator granted the counties' records reads one county from its row, masked and
/// without a button that writes, and comes back to the roll-up.
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

    [Fact]
    public async Task AGrantedPrefectureOfficial_ReadsACountyFromTheRollup_MaskedAndWithoutEditing_AndGoesBack()
    {
        var county = fixture.County;
        var enshi = await county.QueryAsync(db => db.Prefectures.Where(p => p.Code == "422800").Select(p => p.Id).SingleAsync());
        var password = await fixture.App.AddUserAsync("rollup_reader", Role.PrefectureOfficial, region: enshi, countyRecords: true);
        var shots = Environment.GetEnvironmentVariable("TUOPIN_SCREENSHOTS");

        var page = await fixture.NewPageAsync();
        await page.SetViewportSizeAsync(390, 900);
        await new LoginPage(page).SignInAsync("rollup_reader", password);
        await page.WaitForURLAsync("**/rollup", new() { Timeout = 60_000 });
        var laifeng = page.Locator("[data-testid=rollup-county][data-code='422827']");
        var read = laifeng.GetByTestId("rollup-read-county");
        await Expect(read).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(read).ToHaveTextAsync("查看县级记录");
        await Expect(page.GetByTestId("reading-bar")).ToHaveCountAsync(0);
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"/rollup with the county buttons is {width}px wide at 390px");
        if (shots is not null) await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "rollup-granted-390.png"), FullPage = true });

        // The county's records: the overview first, the header saying which county and how, the way back beside it.
        await read.ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await Expect(page.GetByTestId("reading-bar")).ToContainTextAsync("正在查阅来凤县的县级记录", new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("reading-bar")).ToContainTextAsync("只读，个人信息已脱敏");
        await Expect(page.Locator(".app-area")).ToHaveTextAsync("来凤县");

        await page.GotoAsync("/households");
        var list = new HouseholdListPage(page);
        await Expect(list.ResultCount).ToBeVisibleAsync(new() { Timeout = 60_000 });
        var row = list.Rows.Filter(new() { HasText = fixture.Head.Name });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("422827************");
        await Expect(page.Locator("body")).Not.ToContainTextAsync(fixture.Head.ResidentId!);
        // No button that writes: no new household, no import, no search by an exact number.
        await Expect(page.Locator("a[href='/households/new']")).ToHaveCountAsync(0);
        await Expect(page.Locator("a[href='/households/import']")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("id-search")).ToHaveCountAsync(0);
        width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"/households while reading is {width}px wide at 390px");
        if (shots is not null) await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "households-reading-390.png"), FullPage = true });

        await row.GetByRole(Microsoft.Playwright.AriaRole.Link).First.ClickAsync();
        var household = new HouseholdPage(page);
        await Expect(household.MemberRow(fixture.Head.Name!)).ToContainTextAsync("422827************", new() { Timeout = 60_000 });
        await Expect(household.Heading).ToContainTextAsync(fixture.Head.Name!);
        await Expect(page.GetByTestId("edit-household")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("add-member")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("edit-member")).ToHaveCountAsync(0);
        await Expect(page.Locator("body")).Not.ToContainTextAsync(fixture.Head.ResidentId!);
        if (shots is not null) await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "household-reading-390.png"), FullPage = true });
        // A page that writes, typed in: refused.
        Assert.Equal(403, (await page.GotoAsync("/households/new"))!.Status);

        // Back to the roll-up: the county's pages are refused again.
        await page.GotoAsync("/");
        await page.GetByTestId("reading-leave").ClickAsync();
        await page.WaitForURLAsync("**/rollup");
        await Expect(page.GetByTestId("rollup-county")).Not.ToHaveCountAsync(0, new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("reading-bar")).ToHaveCountAsync(0);
        Assert.Equal(403, (await page.GotoAsync("/households"))!.Status);
    }
}
