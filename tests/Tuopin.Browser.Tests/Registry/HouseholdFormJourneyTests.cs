using Microsoft.Playwright;
using Tuopin.Browser.Tests.Pages;
using Tuopin.Domain.Registry;
using Tuopin.Testing;
using static Microsoft.Playwright.Assertions;

namespace Tuopin.Browser.Tests.Registry;

[Collection(BrowserCollection.Name)]
public sealed class HouseholdFormJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task VillageOfficer_RegistersAHousehold_ThroughTheForm_ThenCorrectsIt()
    {
        var page = await fixture.NewPageAsync();
        await new LoginPage(page).SignInAsync(fixture.OfficerName, fixture.OfficerPassword);
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "新增贫困户" }).ClickAsync();
        await page.WaitForURLAsync("**/households/new");

        // The officer's one village is already chosen; the head's sex and birth date follow the ID.
        await Expect(page.GetByTestId("household-village")).ToHaveValueAsync(fixture.County.Villages[BrowserFixture.Village].Id.ToString());
        var head = Build.NewResidentId(Sex.Female, new DateOnly(1962, 3, 8));
        await page.GetByTestId("household-main-cause").SelectOptionAsync("Disability");
        await page.GetByTestId("member-resident-id").FillAsync(head.Value.ToLowerInvariant());
        await page.GetByTestId("member-name").FillAsync("冉秀珍");
        await page.GetByTestId("member-name").PressAsync("Tab");
        await Expect(page.GetByTestId("member-sex")).ToHaveValueAsync("Female");
        await Expect(page.GetByTestId("member-birth-date")).ToHaveValueAsync("1962-03-08");
        await page.GetByTestId("member-health").SelectOptionAsync("Disabled");
        await page.GetByTestId("save").ClickAsync();

        // Disabled without a grade: the form says which member and which field.
        var problems = page.GetByTestId("problems");
        await Expect(problems).ToContainTextAsync("第1名成员 残疾等级");
        await page.GetByLabel("残疾等级").SelectOptionAsync("2");
        await page.GetByTestId("save").ClickAsync();
        await page.WaitForURLAsync(url => !url.EndsWith("/new", StringComparison.Ordinal));

        var household = new HouseholdPage(page);
        await Expect(page.GetByTestId("saved")).ToContainTextAsync("已新增贫困户");
        await Expect(household.MemberRow("冉秀珍")).ToContainTextAsync(head.Value);
        await Expect(household.MemberRow("冉秀珍")).ToContainTextAsync("残疾 2级");
        await Expect(household.Heading).ToContainTextAsync("未脱贫");

        await page.GetByTestId("edit-household").ClickAsync();
        await page.GetByTestId("household-attribute").SelectOptionAsync("Dibao");
        await page.GetByTestId("save").ClickAsync();
        await page.WaitForURLAsync(url => !url.EndsWith("/edit", StringComparison.Ordinal));
        await Expect(page.GetByTestId("saved")).ToContainTextAsync("已保存户信息的修改");
        var history = await new HouseholdPage(page).OpenHistoryAsync();
        await Expect(history).ToContainTextAsync("贫困户属性：一般贫困户 → 低保贫困户");
        await Expect(history).ToContainTextAsync(fixture.OfficerName);
    }
}
