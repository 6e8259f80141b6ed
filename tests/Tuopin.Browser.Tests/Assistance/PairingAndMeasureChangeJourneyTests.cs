using Microsoft.Playwright;
using Tuopin.Application.Assistance;
using Tuopin.Application.Registry;
using Tuopin.Browser.Tests.Pages;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Assistance;
using Tuopin.Testing;
using static Microsoft.Playwright.Assertions;

namespace Tuopin.Browser.Tests.Assistance;

/// <summary>
/// The county office narrows the coverage to one township, then on a household's 帮扶 tab marks a measure done
/// without its effect (the rule names it), records the effect, and ends the pairing: the household is left
/// without a cadre and the tab says so. On the roster, the administrator sets the limit of households a cadre answers for.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PairingAndMeasureChangeJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    /// <summary>A village (and township) no other journey uses.</summary>
    private const string Village = "百福司镇/冉家村";

    [Fact]
    public async Task TheCountyOffice_NarrowsTheCoverage_CompletesAMeasure_AndEndsAPairing()
    {
        var county = fixture.County;
        var year = county.Today.Year;
        var household = await county.As<CreateHousehold>(county.Admin).HandleAsync(new CreateHousehold.Request(
            Build.Household(county.Villages[Village].Id) with { Housing = Tuopin.Domain.Registry.HousingSafety.DangerD },
            [Build.Member(name: "冉启明")], RegisteredOn: new DateOnly(2014, 10, 1)));
        var cadre = await county.As<RegisterCadre>(county.Admin).HandleAsync(new RegisterCadre.Request("冉家结对干部", "县农业局"));
        await county.As<AssignCadre>(county.Admin).HandleAsync(new AssignCadre.Request(household, cadre.Id, new DateOnly(year, 1, 1)));
        await county.As<RecordMeasure>(county.Admin).HandleAsync(new RecordMeasure.Request(household,
            new RecordMeasure.Fields(year, MeasureType.Industry, "发展油茶5亩", Amount: 1_500m, ExpectedIncome: 800m, Status: MeasureStatus.InProgress)));
        var password = await fixture.App.AddUserAsync("county_pairing_end", Role.CountyAdmin);
        var page = await fixture.NewPageAsync();
        await page.SetViewportSizeAsync(1280, 900);
        await new LoginPage(page).SignInAsync("county_pairing_end", password);

        // The coverage of one township is broken down by its villages, and its links keep the township.
        await page.GotoAsync($"/assistance?year={year}");
        await page.GetByTestId("coverage-township").SelectOptionAsync(county.Villages[Village].TownshipId.ToString(), new() { Timeout = 60_000 });
        // The filter moves the address in the page (no load event); the coverage behind it is the county's heaviest query, so
        // this wait is as long as the others on this page.
        await page.WaitForURLAsync(url => url.Contains("township=" + county.Villages[Village].TownshipId, StringComparison.Ordinal),
            new() { WaitUntil = WaitUntilState.Commit, Timeout = 60_000 });
        // Only this journey registers households in the township: its one poor household is the count.
        await Expect(page.GetByTestId("count-poor")).ToHaveTextAsync("1", new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("coverage-township")).ToHaveValueAsync(county.Villages[Village].TownshipId.ToString());
        await Expect(page.GetByTestId("area-column").Filter(new() { HasText = "黄柏园村" })).ToHaveCountAsync(0);

        await page.GotoAsync($"/households/{household}");
        await page.GetByRole(AriaRole.Tab, new() { Name = "帮扶" }).ClickAsync();
        var tab = page.GetByTestId("assistance");
        await Expect(tab.GetByTestId("current-cadre")).ToContainTextAsync("冉家结对干部", new() { Timeout = 30_000 });
        // A grade D house of a household that can work: the fixed subsidy, and why.
        await Expect(tab.GetByTestId("housing-category")).ToHaveAttributeAsync("data-category", "FixedSubsidy");
        await Expect(tab.GetByTestId("housing-eligibility")).ToContainTextAsync("危房D级");

        // Done without its effect: saved, and the rule names it; with the effect, the finding goes.
        await tab.GetByTestId("measure-edit").ClickAsync();
        await Expect(tab.GetByTestId("measure-content")).ToHaveValueAsync("发展油茶5亩");
        await tab.GetByTestId("measure-status").SelectOptionAsync(nameof(MeasureStatus.Done));
        await tab.GetByTestId("measure-done").FillAsync(county.Today.ToString("yyyy-MM-dd"));
        await tab.GetByTestId("measure-reason").FillAsync("验收完成");
        await tab.GetByTestId("measure-save").ClickAsync();
        await Expect(tab.GetByTestId("assistance-saved")).ToContainTextAsync("已保存措施“发展油茶5亩”的修改");
        await Expect(tab.GetByTestId("measure")).ToContainTextAsync("未录成效");
        await Expect(tab.GetByTestId("finding-done_without_effect")).ToBeVisibleAsync();
        await tab.GetByTestId("measure-edit").ClickAsync();
        await tab.GetByTestId("measure-effect-income").FillAsync("900");
        await tab.GetByTestId("measure-effect-note").FillAsync("油茶挂果，增收900元");
        await tab.GetByTestId("measure-save").ClickAsync();
        await Expect(tab.GetByTestId("measure")).ToContainTextAsync("油茶挂果");
        await Expect(tab.GetByTestId("finding-done_without_effect")).ToHaveCountAsync(0);

        // The pairing ends yesterday with its reason: no cadre now, and the history keeps it.
        await tab.GetByTestId("end-open").ClickAsync();
        await tab.GetByTestId("end-date").FillAsync(county.Today.AddDays(-1).ToString("yyyy-MM-dd"));
        await tab.GetByTestId("end-save").ClickAsync();
        await Expect(tab.Locator(".field-error[data-field=reason]")).ToBeVisibleAsync();
        await tab.GetByTestId("end-reason").FillAsync("帮扶干部调离");
        await tab.GetByTestId("end-save").ClickAsync();
        await Expect(tab.GetByTestId("assistance-saved")).ToContainTextAsync("已结束结对");
        await Expect(tab.GetByTestId("current-cadre")).ToContainTextAsync("该年度没有帮扶责任人");
        await Expect(tab.GetByTestId("pairing")).ToContainTextAsync("帮扶干部调离");
        await Expect(tab.GetByTestId("finding-cadre_ended")).ToBeVisibleAsync();

        // The limit of households a cadre answers for is the administrator's: 0 is refused beside the field; the
        // same limit again is kept (the other journeys of this app count against it).
        await page.GotoAsync("/assistance/cadres");
        var limit = page.GetByTestId("cadre-limit");
        await Expect(limit).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var current = await limit.InputValueAsync();
        await limit.FillAsync("0");
        await page.GetByTestId("cadre-limit-save").ClickAsync();
        await Expect(page.Locator(".field-error[data-field=limit]")).ToContainTextAsync("1至100");
        await limit.FillAsync(current);
        await page.GetByTestId("cadre-limit-reason").FillAsync("按县扶贫办通知");
        await page.GetByTestId("cadre-limit-save").ClickAsync();
        await Expect(page.GetByTestId("cadre-limit-saved")).ToContainTextAsync($"改为 {current} 户");
        await Expect(page.GetByTestId("cadre-limit-note")).ToContainTextAsync($"不超过 {current} 户");

        // The household fits the fixed subsidy: it applies for a relocation to a centralised site from the panel, and the case opens.
        await page.GotoAsync($"/households/{household}");
        await page.GetByRole(AriaRole.Tab, new() { Name = "帮扶" }).ClickAsync();
        await page.GetByTestId("housing-apply").ClickAsync(new() { Timeout = 30_000 });
        await page.GetByTestId("housing-apply-kind").SelectOptionAsync("Relocation");
        await page.GetByTestId("housing-apply-site").FillAsync("百福司集镇安置点");
        await page.GetByTestId("housing-apply-submit").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/housing/cases/", StringComparison.Ordinal));
        await Expect(page.GetByTestId("housing-case-step")).ToHaveAttributeAsync("data-step", "Applied", new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("housing-case-kind")).ToContainTextAsync("易地扶贫搬迁");
        await Expect(page.GetByTestId("housing-measure-status")).ToContainTextAsync("计划");
        await Expect(page.GetByTestId("housing-action").Filter(new() { HasText = "审批" })).ToBeVisibleAsync();
    }
}
