using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Tuopin.Browser.Tests.Pages;
using Tuopin.Domain.Accounts;
using static Microsoft.Playwright.Assertions;

namespace Tuopin.Browser.Tests.Reports;

/// <summary>
/// The report pages attacked: /reports and /reports/summaries. A village officer is refused another area's form and every
/// summary (no download link); an inspector reads both; an anonymous visitor is sent to sign in. Both pages at 390 px: no
/// element wider than the phone outside a <c>.table-scroll</c>.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReportsAccessJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const string WideElements =
        "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 391 && !e.closest('.table-scroll')).map(e => e.tagName + '.' + e.className + ':' + Math.round(e.getBoundingClientRect().right)).slice(0, 8).join(' | ')";

    private static async Task FitsThePhoneAsync(IPage page, string what)
    {
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        var wide = await page.EvaluateAsync<string>(WideElements);
        Assert.True(width <= 390 && wide.Length == 0, $"{what} is {width}px wide at 390px: {wide}");
    }

    [Fact]
    public async Task AVillageOfficer_IsRefused_AnInspectorReads_AndBothPagesFitAPhone()
    {
        var villagePassword = await fixture.App.AddUserAsync("reports_village", Role.VillageOfficer, "三胡乡/黄柏园村");
        var village = await fixture.NewPageAsync();
        await village.SetViewportSizeAsync(390, 900);
        await new LoginPage(village).SignInAsync("reports_village", villagePassword);
        await village.GotoAsync("/reports?form=population&year=2016&township=翔凤镇");
        await Expect(village.GetByTestId("report-refusal")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(village.GetByTestId("report-row")).ToHaveCountAsync(0);
        await FitsThePhoneAsync(village, "/reports (village officer)");
        await village.GotoAsync("/reports/summaries");
        await Expect(village.GetByTestId("summary-refusal")).ToBeVisibleAsync();
        await Expect(village.GetByTestId("summary-download")).ToHaveCountAsync(0);
        await FitsThePhoneAsync(village, "/reports/summaries (village officer)");

        var inspectorPassword = await fixture.App.AddUserAsync("reports_inspector", Role.Inspector);
        var inspector = await fixture.NewPageAsync();
        await inspector.SetViewportSizeAsync(390, 900);
        await new LoginPage(inspector).SignInAsync("reports_inspector", inspectorPassword);
        await inspector.GotoAsync("/reports?form=project-funds&year=2016");
        await Expect(inspector.GetByTestId("report-table")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(inspector.GetByTestId("report-download")).ToHaveAttributeAsync("href", "/api/v1/reports/project-funds.xlsx?year=2016");
        await FitsThePhoneAsync(inspector, "/reports (inspector)");
        await inspector.GotoAsync("/reports/summaries");
        await Expect(inspector.GetByTestId("summary-download")).ToBeVisibleAsync();
        await Expect(inspector.GetByTestId("summary-section")).ToHaveCountAsync(6);
        await Expect(inspector.GetByTestId("summary-section").Nth(4)).ToHaveTextAsync("督查检查和问题整改情况");
        await FitsThePhoneAsync(inspector, "/reports/summaries (inspector)");

        foreach (var path in new[] { "/reports", "/reports/summaries" })
        {
            var visitor = await fixture.NewPageAsync();
            await visitor.GotoAsync(path);
            await Expect(visitor).ToHaveURLAsync(new Regex("/login"));
            await Expect(visitor.GetByLabel("登录名")).ToBeVisibleAsync();
        }
    }
}
