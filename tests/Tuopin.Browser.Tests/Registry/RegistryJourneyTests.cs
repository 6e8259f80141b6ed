using Microsoft.Playwright;
using Tuopin.Application.Registry;
using Tuopin.Browser.Tests.Pages;
using Tuopin.Domain.Registry;
using static Microsoft.Playwright.Assertions;

namespace Tuopin.Browser.Tests.Registry;

[Collection(BrowserCollection.Name)]
public sealed class RegistryJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task VillageOfficer_FindsAHouseholdByResidentId_EditsAMember_AndSeesTheChangeAndItsAuthor()
    {
        var page = await fixture.NewPageAsync();
        var overview = await new LoginPage(page).SignInAsync(fixture.OfficerName, fixture.OfficerPassword);
        await Expect(overview.CurrentUser).ToHaveTextAsync(fixture.OfficerName);

        var list = await overview.OpenHouseholdsAsync();
        await list.FindByResidentIdAsync(fixture.Wife.ResidentId!);
        await Expect(list.ResultCount).ToContainTextAsync("共 1 户");
        await Expect(list.Rows).ToHaveCountAsync(1);
        await Expect(list.Rows.First).ToContainTextAsync("彭志勇");
        var number = await list.Rows.First.Locator("a").InnerTextAsync();

        var household = await list.OpenAsync(number);
        await Expect(household.MemberRow("覃桂花")).ToContainTextAsync(fixture.Wife.ResidentId!);
        var edit = await household.EditMemberAsync("覃桂花");
        await Expect(edit.ResidentId).ToHaveValueAsync(fixture.Wife.ResidentId!);
        await edit.ChangeNameAsync("覃桂华", "依户口簿更正姓名");
        household = await edit.SaveAsync();

        // The household says what was saved, by the member's new name.
        await Expect(page.GetByTestId("saved")).ToContainTextAsync("已保存成员“覃桂华”的修改");
        await Expect(household.MemberRow("覃桂华")).ToBeVisibleAsync();
        await Expect(household.MemberRow("覃桂花")).ToHaveCountAsync(0);
        var history = await household.OpenHistoryAsync();
        await Expect(history).ToContainTextAsync(fixture.OfficerName);
        await Expect(history).ToContainTextAsync("覃桂花 → 覃桂华");
        await Expect(history).ToContainTextAsync("依户口簿更正姓名");
    }

    [Fact]
    public async Task AWrongResidentId_IsExplained_OnTheForm_AndNothingIsSaved()
    {
        var page = await fixture.NewPageAsync();
        await new LoginPage(page).SignInAsync(fixture.OfficerName, fixture.OfficerPassword);
        await page.GotoAsync($"/households/{fixture.HouseholdId}");
        var household = new HouseholdPage(page);
        var edit = await household.EditMemberAsync("彭志勇");
        var wrong = fixture.Head.ResidentId![..17] + (fixture.Head.ResidentId[17] == '0' ? "1" : "0");

        await edit.ResidentId.FillAsync(wrong);
        await edit.SaveExpectingProblemsAsync();

        await Expect(edit.Problems).ToContainTextAsync("身份证号码");
        await Expect(edit.Problems).ToContainTextAsync("校验位");
        await Expect(page.Locator(".field-error[data-field='residentId']")).ToBeVisibleAsync();
        Assert.EndsWith("/edit", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OverviewNumbers_LeadToTheHouseholdsBehindThem()
    {
        var page = await fixture.NewPageAsync();
        await new LoginPage(page).SignInAsync(fixture.OfficerName, fixture.OfficerPassword);

        // Other journeys add households to the same village; count what is there now.
        var officer = fixture.County.VillageOfficer(BrowserFixture.Village);
        var expected = (await fixture.County.As<ListHouseholds>(officer).HandleAsync(new ListHouseholds.Query { Status = HouseholdStatus.NotExited })).Total;
        Assert.True(expected >= 2);
        var remaining = page.GetByTestId("stat-remaining");
        await Expect(remaining).ToContainTextAsync(expected.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await remaining.ClickAsync();
        await page.WaitForURLAsync("**/households?status=NotExited");

        var list = new HouseholdListPage(page);
        await Expect(list.ResultCount).ToContainTextAsync($"共 {expected} 户");
        // The village officer's overview and list hold only their village.
        await Expect(page.GetByTestId("households")).Not.ToContainTextAsync("老茶村");
    }

    [Fact]
    public async Task AnEnglishSpeakingOfficial_CanSwitchTheLanguage()
    {
        var page = await fixture.NewPageAsync();
        var overview = await new LoginPage(page).SignInAsync(fixture.OfficerName, fixture.OfficerPassword);
        await Expect(overview.Heading).ToContainTextAsync("建档立卡总览");

        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();

        await Expect(overview.Heading).ToContainTextAsync("Registry overview");
        await Expect(page.GetByRole(AriaRole.Menuitem, new() { Name = "Households" })).ToBeVisibleAsync();
    }
}
