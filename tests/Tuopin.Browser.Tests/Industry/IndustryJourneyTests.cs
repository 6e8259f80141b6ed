using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Tuopin.Application.Registry;
using Tuopin.Browser.Tests.Pages;
using Tuopin.Domain.Accounts;
using Tuopin.Testing;
using static Microsoft.Playwright.Assertions;

namespace Tuopin.Browser.Tests.Industry;

/// <summary>
/// The county office registers a specialised cooperative for 道地药材 serving a village, enrols two of the village's poor
/// households in the industry through it, and sees the industry's actuals rise by exactly what it recorded on the
/// progress dashboard's targets and on the industry page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class IndustryJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    /// <summary>A village (and township) no other journey uses.</summary>
    private const string Village = "绿水镇/四合村";

    [Fact]
    public async Task TheCountyOffice_RegistersACooperative_EnrolsHouseholds_AndTheIndustryActualRises()
    {
        var county = fixture.County;
        await county.QueryAsync(db => Application.Plan.LoadPlan.EnsureBuiltInAsync(db));
        var year = county.Today.Year;
        var villageId = county.Villages[Village].Id;
        var numbers = new List<string>();
        foreach (var name in new[] { "田光荣", "向秀英" })
        {
            var id = await county.As<CreateHousehold>(county.Admin).HandleAsync(new CreateHousehold.Request(
                Build.Household(villageId), [Build.Member(name: name)], RegisteredOn: new DateOnly(2014, 10, 1)));
            numbers.Add(await county.QueryAsync(db => db.Households.Where(h => h.Id == id).Select(h => h.Number).SingleAsync()));
        }
        var password = await fixture.App.AddUserAsync("county_industry", Role.CountyAdmin);
        var page = await fixture.NewPageAsync();
        await page.SetViewportSizeAsync(1280, 900);
        await new LoginPage(page).SignInAsync("county_industry", password);

        // Before: what the dashboard says of 道地药材 now (the shared fixture may hold other journeys' records, or none: 无记录).
        var mu = page.Locator("[data-testid=target-row][data-key='industries.herbs.mu'] [data-testid=target-actual]");
        var poor = page.Locator("[data-testid=target-row][data-key='industries.herbs.poorHouseholds'] [data-testid=target-actual]");
        await page.GotoAsync($"/progress/tables?year={year}");
        await Expect(mu).ToBeVisibleAsync(new() { Timeout = 60_000 });
        var muBefore = Number(await mu.InnerTextAsync());
        var poorBefore = Number(await poor.InnerTextAsync());

        // A specialised cooperative for 道地药材 serving the village.
        await page.GotoAsync("/industry/entities");
        await page.GetByTestId("entity-kind").SelectOptionAsync("SpecialisedCooperative", new() { Timeout = 60_000 });
        await page.GetByTestId("entity-name").FillAsync("来凤县四合村道地药材专业合作社");
        await page.Locator("[data-testid=entity-industry][data-industry=herbs]").CheckAsync();
        await page.GetByTestId("entity-villages").SelectOptionAsync([villageId.ToString()]);
        await page.GetByTestId("entity-save").ClickAsync();
        await Expect(page.GetByTestId("entity-saved")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(page.Locator("[data-testid=entity-row][data-entity='来凤县四合村道地药材专业合作社']")).ToContainTextAsync("四合村");

        // Two households enrolled through it: 3 亩 on order, 2 亩 as a scale grower.
        await page.GotoAsync("/industry/participations");
        foreach (var (number, scale, farmer) in new[] { (numbers[0], "3", false), (numbers[1], "2", true) })
        {
            await page.GetByTestId("participation-household").FillAsync(number, new() { Timeout = 60_000 });
            await page.GetByTestId("participation-industry").SelectOptionAsync("herbs");
            await page.GetByTestId("participation-year").FillAsync(year.ToString(CultureInfo.InvariantCulture));
            await page.GetByTestId("participation-scale").FillAsync(scale);
            await page.GetByTestId("participation-entity").SelectOptionAsync(new SelectOptionValue { Label = "来凤县四合村道地药材专业合作社" });
            if (farmer) await page.GetByTestId("participation-farmer").CheckAsync();
            await page.GetByTestId("participation-save").ClickAsync();
            await Expect(page.GetByTestId("participation-saved")).ToContainTextAsync(number, new() { Timeout = 30_000 });
        }

        // After: the dashboard's actuals rose by what was recorded, and the industry page says the same.
        await page.GotoAsync($"/progress/tables?year={year}");
        await Expect(mu).ToHaveTextAsync((muBefore + 5).ToString("N0", CultureInfo.InvariantCulture), new() { Timeout = 60_000 });
        await Expect(poor).ToHaveTextAsync((poorBefore + 2).ToString("N0", CultureInfo.InvariantCulture));
        await page.GotoAsync($"/industry?year={year}");
        var row = page.Locator("[data-testid=industry-row][data-industry=herbs]");
        await Expect(row.GetByTestId("industry-mu")).ToContainTextAsync((muBefore + 5).ToString("N0", CultureInfo.InvariantCulture), new() { Timeout = 60_000 });
        await Expect(row.GetByTestId("industry-poor")).ToContainTextAsync((poorBefore + 2).ToString("N0", CultureInfo.InvariantCulture));
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "tuopin-industry-journey.png"), FullPage = true });
    }

    /// <summary>A shown actual as a number: 无记录 (nothing recorded yet) is none.</summary>
    private static decimal Number(string text) =>
        decimal.TryParse(text.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var n) ? n : 0;
}
