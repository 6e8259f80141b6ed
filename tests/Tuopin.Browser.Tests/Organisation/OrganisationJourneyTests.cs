using Microsoft.Playwright;
using Tuopin.Application.Organisation;
using Tuopin.Browser.Tests.Pages;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Organisation;
using static Microsoft.Playwright.Assertions;

namespace Tuopin.Browser.Tests.Organisation;

/// <summary>
/// The county office records a township's poverty office, which shows what it lacks, names its first director on the
/// unit's page, and the gap goes; a village officer, on a phone, sees their own village's team and nothing of the township's.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class OrganisationJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const string Township = "漫水乡";

    [Fact]
    public async Task TheCountyOffice_RecordsAnOffice_AndNamesItsFirstDirector_AndAVillageOfficerSeesOnlyTheirTeam()
    {
        var county = fixture.County;
        var village = county.Villages.Keys.Where(k => k.StartsWith(Township + "/", StringComparison.Ordinal)).Order(StringComparer.Ordinal).First();
        var (villageId, townshipId) = county.Villages[village];
        var teamName = village.Replace("/", "", StringComparison.Ordinal) + "脱贫责任组";
        var team = await county.As<SaveUnit>(county.Admin).HandleAsync(new SaveUnit.Request(new SaveUnit.Fields(UnitKind.VillageTeam, teamName, TownshipId: townshipId, VillageId: villageId)));
        await county.As<SaveUnitPerson>(county.Admin).HandleAsync(new SaveUnitPerson.Request(team.Id, new SaveUnitPerson.Fields("冉支书", "村支部书记", true, true)));

        var password = await fixture.App.AddUserAsync("county_organisation", Role.CountyAdmin);
        var page = await fixture.NewPageAsync();
        await page.SetViewportSizeAsync(1280, 900);
        await new LoginPage(page).SignInAsync("county_organisation", password);
        await page.GotoAsync("/organisation");
        await Expect(page.GetByTestId("unit-form")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await page.GetByTestId("unit-kind").SelectOptionAsync("TownshipOffice", new() { Timeout = 60_000 });
        await page.GetByTestId("unit-name").FillAsync(Township + "扶贫开发办");
        await page.GetByTestId("unit-township").SelectOptionAsync(townshipId.ToString());
        await page.GetByTestId("unit-save").ClickAsync();
        await Expect(page.GetByTestId("unit-saved")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var office = page.Locator($"[data-testid=township-office][data-unit='{Township}扶贫开发办']");
        await Expect(office.GetByTestId("unit-gap")).ToHaveCountAsync(2, new() { Timeout = 15_000 });

        await office.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.GetByTestId("unit-name")).ToHaveTextAsync(Township + "扶贫开发办", new() { Timeout = 15_000 });
        await page.GetByTestId("person-name").FillAsync("覃第一");
        await page.GetByTestId("person-position").FillAsync("第一主任、分管副书记");
        await page.GetByTestId("person-first").CheckAsync();
        await page.GetByTestId("person-save").ClickAsync();
        await Expect(page.GetByTestId("person-saved")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(page.GetByTestId("first-responsible")).ToContainTextAsync("覃第一");
        // The first director is named; only the director (主任) is still missing.
        await Expect(page.GetByTestId("unit-gap")).ToHaveCountAsync(1);

        var officerPassword = await fixture.App.AddUserAsync("village_organisation", Role.VillageOfficer, village);
        var phone = await fixture.NewPageAsync();
        await phone.SetViewportSizeAsync(390, 900);
        await new LoginPage(phone).SignInAsync("village_organisation", officerPassword);
        await phone.GotoAsync("/organisation");
        var row = phone.Locator($"[data-testid=village-team][data-unit='{teamName}']");
        await Expect(row).ToContainTextAsync("冉支书", new() { Timeout = 60_000 });
        await Expect(phone.GetByTestId("township-offices")).ToHaveCountAsync(0);
        await Expect(phone.GetByTestId("unit-form")).ToHaveCountAsync(0);
        // Within the phone's width: the table scrolls inside its card, the page does not.
        var overflow = await phone.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow);
    }
}
