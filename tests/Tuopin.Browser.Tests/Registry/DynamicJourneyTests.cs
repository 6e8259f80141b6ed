using Microsoft.Playwright;
using Tuopin.Browser.Tests.Pages;
using Tuopin.Domain.Registry;
using Tuopin.Testing;
using static Microsoft.Playwright.Assertions;

namespace Tuopin.Browser.Tests.Registry;

[Collection(BrowserCollection.Name)]
public sealed class DynamicJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task VillageOfficer_SplitsAHousehold_AndTheWifeIsTheNewHeadsSpouse()
    {
        var id = await fixture.County.AddHouseholdAsync(BrowserFixture.Village,
            Build.Member(name: "田长发"), Build.Member(Relation.Son, name: "田小军"), Build.Member(Relation.DaughterInLaw, Sex.Female, name: "彭小梅"));
        var page = await fixture.NewPageAsync();
        await new LoginPage(page).SignInAsync(fixture.OfficerName, fixture.OfficerPassword);
        await page.GotoAsync($"households/{id}");
        await page.GetByRole(AriaRole.Tab, new() { Name = "动态变化" }).ClickAsync();

        await page.GetByTestId("event-kind").SelectOptionAsync("Split");
        var split = page.GetByTestId("event-split");
        await split.Locator("label", new() { HasText = "田小军" }).GetByTestId("split-member").CheckAsync();
        await split.Locator("label", new() { HasText = "彭小梅" }).GetByTestId("split-member").CheckAsync();
        await split.Locator(".event-member-row", new() { HasText = "田小军" }).GetByTestId("split-head").CheckAsync();
        // The daughter-in-law of the old head is read as the new head's spouse; the officer could change it.
        await Expect(split.Locator(".event-member-row", new() { HasText = "彭小梅" }).GetByTestId("split-relation")).ToHaveValueAsync("Spouse");
        await page.GetByTestId("event-reason").FillAsync("儿子成家后分户");
        await page.GetByTestId("event-save").ClickAsync();

        await Expect(page.GetByTestId("event").Filter(new() { HasText = "分户" })).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("event").Filter(new() { HasText = "分户" })).ToContainTextAsync("家庭人口 1");
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "家庭成员 (1)" })).ToBeVisibleAsync();
        var created = await fixture.County.QueryAsync(db => Task.FromResult(db.Members.Where(m => m.Name == "彭小梅").Select(m => new { m.HouseholdId, m.Relation }).Single()));
        Assert.NotEqual(id, created.HouseholdId);
        Assert.Equal(Relation.Spouse, created.Relation);
    }
}
