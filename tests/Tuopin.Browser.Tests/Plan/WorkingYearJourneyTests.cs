using Microsoft.Playwright;
using Tuopin.Application.Plan;
using Tuopin.Application.Storage;
using Tuopin.Browser.Tests.Pages;
using Tuopin.Domain.Accounts;
using Tuopin.Testing;
using static Microsoft.Playwright.Assertions;

namespace Tuopin.Browser.Tests.Plan;

/// <summary>
/// One working year everywhere: with the county's working year set, every page that shows a year opens on
/// it; the administrator's overview says what the year lacks and changes it. Its own county and app (the
/// shared fixture's year must not move under the other journeys), the shared browser.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WorkingYearJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task EveryPage_OpensOnTheWorkingYear_AndTheAdministratorSeesWhatItLacks()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        await county.QueryAsync(db => LoadPlan.EnsureBuiltInAsync(db));
        await county.As<SetWorkingYear>(county.Admin).HandleAsync(new SetWorkingYear.Request(2019));
        await using var app = await RunningApp.StartAsync(county);
        var password = await app.AddUserAsync("county_year", Role.CountyAdmin);
        var context = await fixture.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString(), Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await new LoginPage(page).SignInAsync("county_year", password);

        // The overview: the year, and what 2019 lacks (the data set has no 2019 poverty line), with a link to fix it.
        await Expect(page.GetByTestId("working-year")).ToHaveValueAsync("2019");
        var gap = page.Locator("[data-gap='poverty_line.missing']");
        await Expect(gap).ToContainTextAsync("2019 年国家扶贫标准未设置");
        await Expect(gap.Locator("a")).ToHaveAttributeAsync("href", "/exit/standards");

        var selectors = new (string Url, Func<ILocator> Field)[]
        {
            ("/conditions", () => page.GetByTestId("condition-year")),
            ("/exit", () => page.GetByTestId("exit-year")),
            ("/exit/areas", () => page.GetByTestId("area-year")),
            ("/exit/procedures", () => page.GetByTestId("board-year")),
            ("/exit/evaluation", () => page.GetByLabel("评估年度")),
            ("/exit/risks", () => page.GetByTestId("risk-year")),
            ("/exit/whatif", () => page.GetByTestId("whatif-year")),
            ("/progress", () => page.GetByTestId("progress-year")),
            ("/households/new", () => page.GetByLabel("识别年度")),
        };
        foreach (var (url, field) in selectors)
        {
            await page.GotoAsync(url);
            await Expect(field()).ToHaveValueAsync("2019", new() { Timeout = 15_000 });
        }
        await page.GotoAsync("/progress/tables");
        await Expect(page.GetByTestId("export")).ToHaveAttributeAsync("href", "/api/v1/progress.xlsx?year=2019");
        // Risks could not check incomes without the line: the page says so instead of "no risk".
        await page.GotoAsync("/exit/risks");
        await Expect(page.GetByTestId("risk-empty")).ToContainTextAsync("不能据此认定没有风险");

        // The administrator moves the year on the overview; the pages follow.
        await page.GotoAsync("/");
        await page.GetByTestId("working-year").SelectOptionAsync("2016");
        await page.GetByTestId("working-year-save").ClickAsync();
        await Expect(page.GetByTestId("year-setup")).ToContainTextAsync("工作年度已设为 2016 年");
        await Expect(page.Locator("[data-gap='poverty_line.missing']")).ToHaveCountAsync(0);
        await page.GotoAsync("/exit/procedures");
        await Expect(page.GetByTestId("board-year")).ToHaveValueAsync("2016");
        await context.CloseAsync();
    }
}
