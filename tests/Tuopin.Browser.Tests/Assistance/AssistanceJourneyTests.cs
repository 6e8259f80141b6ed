using Microsoft.Playwright;
using Tuopin.Application.Assistance;
using Tuopin.Application.Exit;
using Tuopin.Application.Registry;
using Tuopin.Browser.Tests.Pages;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Registry;
using Tuopin.Testing;
using static Microsoft.Playwright.Assertions;

namespace Tuopin.Browser.Tests.Assistance;

/// <summary>
/// The assistance work on a phone: a village officer pairs a poor household with a cadre and gives it an education
/// measure; the plan becomes sufficient, the household's findings go, and the coverage no longer counts it. An
/// inspector reads the same tab without a button that writes.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AssistanceJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    /// <summary>A village no other journey uses, and a year no other journey reads (its poverty line is set here).</summary>
    private const string Village = "三胡乡/狮子桥村";

    private const int Year = 2018;

    [Fact]
    public async Task AVillageOfficer_OnAPhone_PairsAHouseholdAndAddsAMeasure_AndThePlanAndTheCoverageFollow()
    {
        var county = fixture.County;
        var cadre = await county.As<RegisterCadre>(county.Admin).HandleAsync(new RegisterCadre.Request("向红梅", "县教育局", "科员", "13900001111"));
        await county.As<SetPovertyLine>(county.Admin).HandleAsync(new SetPovertyLine.Request(Year, 3535m, "浏览器测试"));
        var fields = Build.Household(county.Villages[Village].Id) with { MainCause = PovertyCause.Schooling };
        var household = await county.As<CreateHousehold>(county.Admin).HandleAsync(new CreateHousehold.Request(fields,
            [Build.Member(Relation.Head, Sex.Male, "冉启富"), Build.Member(Relation.Spouse, Sex.Female, "彭春兰")], RegisteredOn: new DateOnly(2014, 10, 1)));
        var detail = await county.As<GetHousehold>(county.Admin).HandleAsync(household);
        // (2,000 wage + 2,000 production + 840 pension − 500 expense) ÷ 2 = 2,170 a person: below the line until a measure adds enough.
        await county.As<RecordIncome>(county.Admin).HandleAsync(new RecordIncome.Request(household, detail.Version, Build.Income(Year - 1, wage: 2000m)));
        var password = await fixture.App.AddUserAsync("shiziqiao_assist", Role.VillageOfficer, Village);

        var page = await fixture.NewPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        await new LoginPage(page).SignInAsync("shiziqiao_assist", password);

        // The coverage counts the household as unpaired; the count opens the list that names it.
        await page.GotoAsync($"/assistance?year={Year}");
        await Expect(page.GetByTestId("rule-no_cadre").Locator("td.num a")).ToHaveTextAsync("1", new() { Timeout = 30_000 });
        await FitsAsync(page);
        await ShootAsync(page, "coverage");
        await page.GetByTestId("rule-no_cadre").Locator("td.num a").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/assistance/findings?rule=no_cadre", StringComparison.Ordinal));
        await Expect(page.GetByTestId("finding-household")).ToContainTextAsync(detail.Number);
        await FitsAsync(page);

        // The household's 帮扶 tab: no cadre, no education measure, a plan not enough.
        await page.GetByTestId("finding-household").GetByRole(AriaRole.Link, new() { Name = detail.Number }).ClickAsync();
        await page.WaitForURLAsync($"**/households/{household}");
        await page.GetByRole(AriaRole.Tab, new() { Name = "帮扶" }).ClickAsync();
        await page.GetByTestId("assistance-year").SelectOptionAsync(Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var tab = page.GetByTestId("assistance");
        await Expect(tab.GetByTestId("finding-no_cadre")).ToBeVisibleAsync();
        await Expect(tab.GetByTestId("finding-schooling_without_education")).ToContainTextAsync("因学致贫、无教育扶贫措施");
        await Expect(tab.GetByTestId("plan-tag")).ToHaveAttributeAsync("data-sufficient", "no");
        await Expect(tab.GetByTestId("plan-arithmetic")).ToContainTextAsync("÷ 2 人 = 2,170.00 元/人");

        // The cadre, chosen from the roster, from the first day of the year.
        await tab.GetByTestId("assign-open").ClickAsync();
        await tab.GetByTestId("assign-cadre").SelectOptionAsync(cadre.Id.ToString());
        await tab.GetByTestId("assign-save").ClickAsync();
        await Expect(tab.GetByTestId("assistance-saved")).ToContainTextAsync("向红梅");
        await Expect(tab.GetByTestId("current-cadre")).ToContainTextAsync("向红梅 · 县教育局 · 科员 · 13900001111");
        await Expect(tab.GetByTestId("finding-no_cadre")).ToHaveCountAsync(0);

        // A measure without its content is refused beside the field; with it, the plan is enough.
        await tab.GetByTestId("measure-add").ClickAsync();
        await tab.GetByTestId("measure-type").SelectOptionAsync("Education");
        await tab.GetByTestId("measure-member").SelectOptionAsync(new SelectOptionValue { Label = "彭春兰" });
        await tab.GetByTestId("measure-expected").FillAsync("3000");
        await tab.GetByTestId("measure-save").ClickAsync();
        await Expect(tab.Locator(".field-error[data-field=content]")).ToContainTextAsync("请填写措施内容");
        await tab.GetByTestId("measure-content").FillAsync("雨露计划助学补助");
        await tab.GetByTestId("measure-amount").FillAsync("3000");
        // Done needs its day: the day and the effect are asked only then.
        await Expect(tab.GetByTestId("measure-done")).ToHaveCountAsync(0);
        await tab.GetByTestId("measure-status").SelectOptionAsync("Done");
        await tab.GetByTestId("measure-save").ClickAsync();
        await Expect(tab.Locator(".field-error[data-field=doneOn]")).ToContainTextAsync("已完成的措施须填写完成日期");
        await tab.GetByTestId("measure-status").SelectOptionAsync("InProgress");
        await FitsAsync(page);
        await ShootAsync(page, "measure-form");
        await tab.GetByTestId("measure-save").ClickAsync();
        await Expect(tab.GetByTestId("assistance-saved")).ToContainTextAsync("已新增措施“雨露计划助学补助”");
        var measure = tab.GetByTestId("measure");
        await Expect(measure).ToHaveCountAsync(1);
        await Expect(measure).ToContainTextAsync("教育扶贫");
        await Expect(measure).ToContainTextAsync("彭春兰");
        await Expect(measure).ToContainTextAsync("实施中");
        await Expect(tab.GetByTestId("plan-tag")).ToHaveAttributeAsync("data-sufficient", "yes");
        await Expect(tab.GetByTestId("plan-tag")).ToContainTextAsync("足以脱贫");
        await Expect(tab.GetByTestId("plan-arithmetic")).ToContainTextAsync("措施预期增收 3,000.00 元");
        await Expect(tab.GetByTestId("plan-arithmetic")).ToContainTextAsync("计划足以脱贫");
        await Expect(tab.GetByTestId("no-findings")).ToBeVisibleAsync();
        // The village officer neither reviews nor is offered to.
        await Expect(tab.GetByTestId("measure-review-button")).ToHaveCountAsync(0);
        await FitsAsync(page);
        await ShootAsync(page, "household-tab");

        // The coverage no longer counts it, and its lists no longer name it.
        await page.GotoAsync($"/assistance?year={Year}");
        await Expect(page.GetByTestId("rule-no_cadre").Locator("td.num").First).ToHaveTextAsync("0", new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("rule-schooling_without_education").Locator("td.num").First).ToHaveTextAsync("0");
        foreach (var rule in new[] { "no_cadre", "schooling_without_education" })
        {
            await page.GotoAsync($"/assistance/findings?rule={rule}&year={Year}");
            await Expect(page.GetByTestId("findings-scope")).ToContainTextAsync("共 0 户");
            await Expect(page.GetByTestId("finding-household")).ToHaveCountAsync(0);
        }
        // In English: the tab says the same in English, its Chinese terms marked as Chinese.
        await page.GotoAsync($"/culture/en?returnUrl=/households/{household}");
        await page.GetByRole(AriaRole.Tab, new() { Name = "Assistance" }).ClickAsync();
        await page.GetByTestId("assistance-year").SelectOptionAsync(Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(page.GetByTestId("plan-tag")).ToContainTextAsync("Sufficient");
        await Expect(page.GetByTestId("plan-arithmetic")).ToContainTextAsync("the plan is sufficient");
        await Expect(page.GetByTestId("measure")).ToContainTextAsync("Education aid");
        await FitsAsync(page);
        await ShootAsync(page, "household-tab-en");
        await page.GotoAsync($"/assistance?year={Year}");
        await Expect(page.GetByTestId("rule-floor_household_without_floor").Locator("span[lang='zh-CN']").First).ToHaveTextAsync("低保");
        await ShootAsync(page, "coverage-en");
        await page.GotoAsync("/culture/zh-CN?returnUrl=/");

        await page.GotoAsync("/assistance/cadres");
        await Expect(page.GetByTestId("cadre").Filter(new() { HasText = "向红梅" }).Locator("td.num")).ToContainTextAsync("1");
        await FitsAsync(page);
        await ShootAsync(page, "cadres");
        await page.GotoAsync("/assistance/teams");
        await Expect(page.GetByTestId("teams-summary")).ToBeVisibleAsync();
        await FitsAsync(page);
        await ShootAsync(page, "teams");

        // A township officer reviews the measure: the row names them.
        var reviewerPassword = await fixture.App.AddUserAsync("sanhu_review", Role.TownshipOfficer, "三胡乡", displayName: "田晓东");
        var reviewer = await fixture.NewPageAsync();
        await new LoginPage(reviewer).SignInAsync("sanhu_review", reviewerPassword);
        await reviewer.GotoAsync($"/households/{household}");
        await reviewer.GetByRole(AriaRole.Tab, new() { Name = "帮扶" }).ClickAsync();
        await reviewer.GetByTestId("assistance-year").SelectOptionAsync(Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await reviewer.GetByTestId("measure-review-button").ClickAsync();
        await Expect(reviewer.GetByTestId("assistance-saved")).ToContainTextAsync("已审核措施“雨露计划助学补助”");
        await Expect(reviewer.GetByTestId("measure-review")).ToContainTextAsync("田晓东");
        await reviewer.Context.CloseAsync();

        // An inspector reads the tab (the phone masked, the review named) without a button that writes.
        var inspectorPassword = await fixture.App.AddUserAsync("inspector_assist", Role.Inspector);
        var inspector = await fixture.NewPageAsync();
        await new LoginPage(inspector).SignInAsync("inspector_assist", inspectorPassword);
        await inspector.GotoAsync($"/households/{household}");
        await inspector.GetByRole(AriaRole.Tab, new() { Name = "帮扶" }).ClickAsync();
        await inspector.GetByTestId("assistance-year").SelectOptionAsync(Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var read = inspector.GetByTestId("assistance");
        await Expect(read.GetByTestId("measure")).ToContainTextAsync("雨露计划助学补助");
        await Expect(read.GetByTestId("current-cadre")).ToContainTextAsync("139****1111");
        await Expect(read.GetByTestId("measure-review")).ToContainTextAsync("田晓东");
        foreach (var button in new[] { "assign-open", "end-open", "measure-add", "measure-edit", "measure-review-button" })
            await Expect(read.GetByTestId(button)).ToHaveCountAsync(0);
        await inspector.Context.CloseAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ATownshipOfficer_OnAPhone_RegistersACadre_AndStationsAWorkTeam_WithErrorsBesideTheirFields()
    {
        var password = await fixture.App.AddUserAsync("sanhu_assist", Role.TownshipOfficer, "三胡乡");
        var page = await fixture.NewPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        await new LoginPage(page).SignInAsync("sanhu_assist", password);

        await page.GotoAsync("/assistance/cadres");
        await page.GetByTestId("cadre-save").ClickAsync();
        await Expect(page.Locator(".field-error[data-field=name]")).ToContainTextAsync("请填写帮扶责任人姓名");
        await Expect(page.Locator(".field-error[data-field=workUnit]")).ToContainTextAsync("请填写工作单位");
        await page.GetByTestId("cadre-name").FillAsync("覃志刚");
        await page.GetByTestId("cadre-unit").FillAsync("县农业局");
        await page.GetByTestId("cadre-position").FillAsync("副局长");
        await page.GetByTestId("cadre-phone").FillAsync("12ab");
        await page.GetByTestId("cadre-save").ClickAsync();
        await Expect(page.Locator(".field-error[data-field=phone]")).ToContainTextAsync("联系电话只能包含数字");
        await page.GetByTestId("cadre-phone").FillAsync("13700002222");
        await FitsAsync(page);
        await ShootAsync(page, "cadre-form");
        await page.GetByTestId("cadre-save").ClickAsync();
        await Expect(page.GetByTestId("cadre-saved")).ToContainTextAsync("已登记帮扶责任人“覃志刚”");
        var row = page.GetByTestId("cadre").Filter(new() { HasText = "覃志刚" });
        await Expect(row).ToContainTextAsync("13700002222");
        await row.GetByTestId("cadre-edit").ClickAsync();
        await Expect(page.GetByTestId("cadre-name")).ToHaveValueAsync("覃志刚");
        await page.GetByTestId("cadre-position").FillAsync("局长");
        await page.GetByTestId("cadre-save").ClickAsync();
        await Expect(page.GetByTestId("cadre-saved")).ToContainTextAsync("已保存帮扶责任人“覃志刚”的修改");
        await Expect(row).ToContainTextAsync("局长");

        // A poor village of the township without a team is marked; once stationed, it is not.
        await page.GotoAsync("/assistance/teams");
        var village = page.GetByTestId("team-village-row").And(page.Locator("[data-village='苗寨沟村']"));
        await Expect(village).ToHaveClassAsync("row-behind");
        await Expect(village.GetByTestId("no-team")).ToBeVisibleAsync();
        await village.GetByTestId("team-new").ClickAsync();
        await page.GetByTestId("team-save").ClickAsync();
        await Expect(page.Locator(".field-error[data-field=stationedUnit]")).ToContainTextAsync("请填写派驻单位");
        await page.GetByTestId("team-unit").FillAsync("县财政局");
        await page.GetByTestId("team-secretary").FillAsync("田明亮");
        await page.GetByTestId("team-members").FillAsync("张华、李勇");
        await FitsAsync(page);
        await ShootAsync(page, "team-form");
        await page.GetByTestId("team-save").ClickAsync();
        await Expect(page.GetByTestId("team-saved")).ToContainTextAsync("苗寨沟村");
        await Expect(village).ToContainTextAsync("田明亮");
        await Expect(village).Not.ToHaveClassAsync("row-behind");
        await FitsAsync(page);
        await page.Context.CloseAsync();
    }

    /// <summary>The page itself never scrolls sideways: wide tables scroll inside their box.</summary>
    private static async Task FitsAsync(IPage page) =>
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), $"{page.Url} scrolls sideways at 390 px");

    private static async Task ShootAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("TUOPIN_SCREENSHOTS") is not { Length: > 0 }) return;
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), $"assistance-{name}-390.png"), FullPage = true });
    }
}
