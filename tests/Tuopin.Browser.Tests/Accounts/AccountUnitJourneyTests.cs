using Microsoft.Playwright;
using Tuopin.Application.Organisation;
using Tuopin.Browser.Tests.Pages;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Organisation;
using static Microsoft.Playwright.Assertions;

namespace Tuopin.Browser.Tests.Accounts;

/// <summary>The administrator names the unit an account works for: the picker offers only the units that fit the role and area, and the list shows it.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccountUnitJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task Administrator_CreatesTheDisciplineGroupsAccount_WithItsUnit_AndThePickerOffersOnlyUnitsThatFit()
    {
        var county = fixture.County;
        var group = await county.As<SaveUnit>(county.Admin).HandleAsync(new SaveUnit.Request(new SaveUnit.Fields(UnitKind.WorkingGroup, "执纪问责组")));
        await county.As<SaveUnit>(county.Admin).HandleAsync(new SaveUnit.Request(new SaveUnit.Fields(UnitKind.Department, "县纪委", ParentId: group.Id)));
        var adminPassword = await fixture.App.AddUserAsync("county_admin_units", Role.CountyAdmin);
        var page = await fixture.NewPageAsync();
        await new LoginPage(page).SignInAsync("county_admin_units", adminPassword);
        await page.GotoAsync("/accounts");

        // A township officer's account is not offered a county department.
        await page.GetByTestId("account-role").SelectOptionAsync("TownshipOfficer");
        await page.GetByTestId("account-township").SelectOptionAsync(new SelectOptionValue { Label = "三胡乡" });
        await Expect(page.GetByTestId("account-unit").Locator("option", new() { HasText = "县纪委" })).ToHaveCountAsync(0);

        await page.GetByTestId("account-name").FillAsync("jiwei_journey");
        await page.GetByTestId("account-role").SelectOptionAsync("LineDepartment");
        await page.GetByTestId("account-unit").SelectOptionAsync(new SelectOptionValue { Label = "县纪委" });
        await page.GetByTestId("create-account").ClickAsync();
        await Expect(page.GetByTestId("created-account")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("account-unit-jiwei_journey")).ToHaveTextAsync("县纪委");
    }
}
