using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Tuopin.Application.Conditions;
using Tuopin.Browser.Tests.Pages;
using Tuopin.Domain.Accounts;
using static Microsoft.Playwright.Assertions;

namespace Tuopin.Browser.Tests.Plan;

/// <summary>The progress dashboard: a township's bar leads to its villages, a village's number to its households.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task CountyAdmin_ClicksATownshipsBar_SeesItsVillages_ThenTheHouseholdsBehindANumber()
    {
        var county = fixture.County;
        await county.QueryAsync(db => Application.Plan.LoadPlan.EnsureBuiltInAsync(db));
        await county.As<SaveVillageCondition>(county.Admin).HandleAsync(new SaveVillageCondition.Request(county.Villages[BrowserFixture.Village].Id, 2017,
            new ConditionFields { HardenedRoad = true, NaturalVillages = 5, NaturalVillagesWithRoad = 3, Households = 100, PipedWaterHouseholds = 80, SafeWaterHouseholds = 100, ElectricityHouseholds = 100, RadioTvHouseholds = 100 }));
        var password = await fixture.App.AddUserAsync("county_dashboard", Role.CountyAdmin);
        var page = await fixture.NewPageAsync();
        await new LoginPage(page).SignInAsync("county_dashboard", password);

        var console = new List<string>();
        page.Console += (_, m) => console.Add($"{m.Type}: {m.Text}");
        page.PageError += (_, e) => console.Add($"error: {e}");
        await page.GotoAsync("/progress?year=2017");
        var chart = page.Locator("[data-chart=townships][data-rendered=true]");
        try
        {
            await Expect(chart).ToBeVisibleAsync(new() { Timeout = 30_000 });
        }
        catch (PlaywrightException e)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "tuopin-dashboard-failed.png"), FullPage = true });
            var body = await page.Locator("body").InnerTextAsync();
            throw new InvalidOperationException($"The township chart was not drawn. Page: {body[..Math.Min(body.Length, 600)]} Browser console: {string.Join(" | ", console)}", e);
        }
        await Expect(page.Locator("[data-chart=conditions][data-rendered=true]")).ToBeVisibleAsync();
        // The county's own charts set its actuals against the plan's targets.
        Assert.Equal(["目标", "实际"], await page.EvaluateAsync<string[]>("() => window.tuopinCharts.seriesNames('exits')"));
        // The alert list names the units behind and who answers for them (the fixture's 三胡乡 village has 80% piped water against 95%).
        await Expect(page.GetByTestId("alerts")).ToContainTextAsync("责任单位");

        // A real click on 三胡乡's bar of households still poor (the chart is a canvas: find the bar's position, click there).
        var townships = await page.GetByTestId("township-link").AllInnerTextsAsync();
        var index = townships.ToList().IndexOf("三胡乡");
        Assert.True(index >= 0, "三胡乡 is in the township table");
        // The chart may sit below the fold; positions are the viewport's, so bring it into view first.
        await page.Locator("[data-chart=townships]").ScrollIntoViewIfNeededAsync();
        var point = await page.EvaluateAsync<System.Text.Json.JsonElement>("([i]) => window.tuopinCharts.itemCenter('townships', 1, i)", new object[] { index });
        Assert.Equal(System.Text.Json.JsonValueKind.Object, point.ValueKind);
        await page.Mouse.ClickAsync(point.GetProperty("x").GetSingle(), point.GetProperty("y").GetSingle());

        await page.WaitForURLAsync(url => url.Contains("/progress/villages") && url.Contains($"townshipId={county.Townships["三胡乡"]}"));
        await Expect(page.GetByTestId("villages-title")).ToContainTextAsync("三胡乡");
        var row = page.GetByTestId("village-row").Filter(new() { HasText = "黄柏园村" });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("village-row").Filter(new() { HasText = "老茶村" })).ToHaveCountAsync(0);
        // Other journeys of the shared fixture register households in this village too: count what the records say
        // now, by the progress's rule (still poor at the end of 2017: not exited, returned, or exited later).
        var villageId = county.Villages[BrowserFixture.Village].Id;
        var remaining = await county.QueryAsync(db => db.Households.CountAsync(h => h.VillageId == villageId
            && (h.Status == Domain.Registry.HouseholdStatus.NotExited || h.Status == Domain.Registry.HouseholdStatus.Returned
                || (h.Status == Domain.Registry.HouseholdStatus.Exited && (h.ExitYear == null || h.ExitYear > 2017)))));
        Assert.True(remaining > 0, "the fixture's village has households still poor");
        await Expect(row.GetByTestId("village-remaining")).ToHaveTextAsync(remaining.ToString(System.Globalization.CultureInfo.InvariantCulture));

        await row.GetByTestId("village-remaining").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/households") && url.Contains($"villageId={county.Villages[BrowserFixture.Village].Id}"));
        var list = new HouseholdListPage(page);
        await Expect(list.ResultCount).ToContainTextAsync($"共 {remaining} 户");
        await Expect(list.Rows).ToHaveCountAsync(Math.Min(remaining, 20));
        await Expect(list.Rows.First).ToContainTextAsync("黄柏园村");
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "tuopin-dashboard-households.png") });
    }

    [Fact]
    public async Task Dashboard_DrawsTheConditionsAgainstTargets()
    {
        await fixture.County.QueryAsync(db => Application.Plan.LoadPlan.EnsureBuiltInAsync(db));
        var password = await fixture.App.AddUserAsync("county_dashboard2", Role.CountyAdmin);
        var page = await fixture.NewPageAsync();
        await new LoginPage(page).SignInAsync("county_dashboard2", password);
        var console = new List<string>();
        page.Console += (_, m) => console.Add($"{m.Type}: {m.Text}");
        page.PageError += (_, e) => console.Add($"error: {e}");
        await page.GotoAsync("/progress?year=2017");
        try
        {
            await Expect(page.Locator("[data-chart=remaining][data-rendered=true]")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        }
        catch (PlaywrightException e)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "tuopin-dashboard-failed2.png"), FullPage = true });
            var body = await page.Locator("body").InnerTextAsync();
            throw new InvalidOperationException($"The remaining chart was not drawn. Page: {body[..Math.Min(body.Length, 400)]} Browser console: {string.Join(" | ", console)}", e);
        }
        await Expect(page.Locator("[data-chart=exits][data-rendered=true] canvas")).ToHaveCountAsync(1);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "tuopin-dashboard.png"), FullPage = true });
    }


    [Fact]
    public async Task ATownshipsDashboard_SaysItsOwnName_AndDrawsItsActualsWithoutTheCountysTargets()
    {
        await fixture.County.QueryAsync(db => Application.Plan.LoadPlan.EnsureBuiltInAsync(db));
        var password = await fixture.App.AddUserAsync("sanhu_dashboard", Role.TownshipOfficer, "三胡乡");
        var page = await fixture.NewPageAsync();
        await new LoginPage(page).SignInAsync("sanhu_dashboard", password);

        await page.GotoAsync("/progress?year=2017");
        await Expect(page.Locator("[data-chart=exits][data-rendered=true]")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("scope-note")).ToContainTextAsync("三胡乡");
        await Expect(page.GetByTestId("alerts")).Not.ToContainTextAsync("全县");
        var exits = await page.EvaluateAsync<string[]>("() => window.tuopinCharts.seriesNames('exits')");
        var remaining = await page.EvaluateAsync<string[]>("() => window.tuopinCharts.seriesNames('remaining')");
        Assert.Equal(["实际"], exits);
        Assert.Equal(["实际剩余"], remaining);
    }
}
