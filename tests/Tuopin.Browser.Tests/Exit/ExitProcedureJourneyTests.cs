using System.Globalization;
using Microsoft.Playwright;
using Tuopin.Application.Registry;
using Tuopin.Browser.Tests.Pages;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Registry;
using Tuopin.Testing;
using static Microsoft.Playwright.Assertions;

namespace Tuopin.Browser.Tests.Exit;

[Collection(BrowserCollection.Name)]
public sealed class ExitProcedureJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private string Day(int offset) => fixture.County.Today.AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task AHousehold_IsCarriedFromProposalToAnnouncement_ByTheVillageTownshipAndCounty()
    {
        var id = await fixture.County.AddHouseholdAsync(BrowserFixture.Village, Build.Member(name: "舒长青"));
        var number = (await fixture.County.As<GetHousehold>(fixture.County.Admin).HandleAsync(id)).Number;
        var townshipPassword = await fixture.App.AddUserAsync("sanhu_exit", Role.TownshipOfficer, "三胡乡");
        var countyPassword = await fixture.App.AddUserAsync("county_exit", Role.CountyAdmin);

        // The village proposes it, then records its four steps; a paper goes with the democratic review.
        var village = await fixture.NewPageAsync();
        await new LoginPage(village).SignInAsync(fixture.OfficerName, fixture.OfficerPassword);
        await village.GetByRole(AriaRole.Menuitem, new() { Name = "退出程序" }).ClickAsync();
        await village.WaitForURLAsync("**/exit/procedures");
        // Each candidate shows its result against the standard; the year has no poverty line here, so it is not assessed, and said so.
        var candidate = village.GetByTestId("candidates").Locator("tr", new() { Has = village.GetByTestId("candidate-" + number) });
        await Expect(candidate.GetByTestId("candidate-standard")).ToHaveTextAsync("未评估");
        await village.GetByTestId("candidate-" + number).CheckAsync();
        await village.GetByTestId("propose-date").FillAsync(Day(-20));
        await village.GetByTestId("propose").ClickAsync();
        await Expect(village.GetByTestId("propose-confirm")).ToContainTextAsync("其中 1 户未达到或未能评估退出标准");
        await village.GetByTestId("propose-confirm-yes").ClickAsync();
        await Expect(village.GetByTestId("stage-" + number)).ToHaveTextAsync("提名拟退出");

        foreach (var (step, name) in new[] { ("DemocraticReview", "村两委民主评议"), ("Verification", "村委会和驻村工作队核实"), ("HouseholdAgreement", "贫困户认可"), ("PublicNotice", "村内公示") })
        {
            await Record(village, number, step, Day(-12));
            await Expect(village.GetByTestId("stage-" + number)).ToHaveTextAsync(name);
        }
        await Expect(village.GetByTestId("board-row-" + number)).ToContainTextAsync(Day(-6));

        // Recording the township's step is not offered to the village, and the registry has not changed.
        await Expect(village.GetByTestId("step-select").Locator("option", new() { HasText = "乡镇审核" })).ToHaveCountAsync(0);
        await Expect(village.GetByTestId("board-row-" + number)).ToContainTextAsync("未脱贫");

        await village.GetByTestId("timeline-" + number).ClickAsync();
        await village.WaitForURLAsync($"**/households/{id}/procedure");
        await village.GetByTestId("upload-DemocraticReview").SetFileAsync(new FilePayload
        {
            Name = "民主评议记录.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n%minutes\n%%EOF\n"u8.ToArray(),
        });
        // The upload goes through the circuit, is stored and the step re-read: on a loaded 2-core runner this took over 5 s.
        await Expect(village.GetByTestId("step-DemocraticReview").GetByTestId("attachment")).ToHaveTextAsync("民主评议记录.pdf", new() { Timeout = 20_000 });
        await Expect(village.GetByTestId("next-step")).ToContainTextAsync("乡镇审核");

        // The township reviews after the notice; the county approves and announces.
        var township = await fixture.NewPageAsync();
        await new LoginPage(township).SignInAsync("sanhu_exit", townshipPassword);
        await township.GotoAsync("/exit/procedures");
        await Record(township, number, "TownshipReview", Day(-2));
        await Expect(township.GetByTestId("stage-" + number)).ToHaveTextAsync("乡镇审核");

        var county = await fixture.NewPageAsync();
        await new LoginPage(county).SignInAsync("county_exit", countyPassword);
        await county.GotoAsync("/exit/procedures");
        await Record(county, number, "CountyApproval", Day(-1));
        await Expect(county.GetByTestId("stage-" + number)).ToHaveTextAsync("县级审定");
        await Expect(county.GetByTestId("board-row-" + number)).ToContainTextAsync("未脱贫");
        await Record(county, number, "Announcement", Day(0));
        await Expect(county.GetByTestId("stage-" + number)).ToHaveTextAsync("公告退出");
        await Expect(county.GetByTestId("board-row-" + number)).ToContainTextAsync("已脱贫");

        await county.GotoAsync($"/households/{id}/procedure");
        await Expect(county.GetByTestId("timeline")).ToContainTextAsync("county_exit");
        await Expect(county.GetByTestId("timeline")).ToContainTextAsync("sanhu_exit");
        await Expect(county.Locator("body")).ToContainTextAsync("程序已完成，已标记脱贫");
        var household = await fixture.County.As<GetHousehold>(fixture.County.Admin).HandleAsync(id);
        Assert.Equal(HouseholdStatus.Exited, household.Status);
        Assert.Equal(fixture.County.Today.Year, household.ExitYear);
    }

    [Fact]
    public async Task TheCounty_DrawsTheEvaluationSampleFromASeed_AndSeesTheRatesAndItsConditions()
    {
        var password = await fixture.App.AddUserAsync("county_eval", Role.CountyAdmin);
        var page = await fixture.NewPageAsync();
        await new LoginPage(page).SignInAsync("county_eval", password);
        await page.GotoAsync("/exit/evaluation?year=2016");
        await Expect(page.GetByTestId("county-conditions")).ToContainTextAsync("错退率");

        await page.GetByTestId("draw").ClickAsync();
        await Expect(page.Locator(".field-error[data-field=seed]")).ToContainTextAsync("抽样编号");

        await page.GetByTestId("seed").FillAsync("20161215");
        await page.GetByLabel("抽取村数").FillAsync("1");
        await page.GetByLabel("每村已脱贫户").FillAsync("0");
        await page.GetByLabel("每村未脱贫户").FillAsync("1");
        await page.GetByLabel("每村非建档立卡户").FillAsync("2");
        await page.GetByTestId("draw").ClickAsync();

        await Expect(page.GetByTestId("samples").Locator("tbody tr")).ToHaveCountAsync(3);
        await Expect(page.GetByTestId("rates")).ToContainTextAsync("认可户数 0 ÷ 调查户数 0");

        // The team's findings are entered on the page: the household asked approves.
        var samples = page.GetByTestId("samples");
        await samples.Locator("tr", new() { HasText = "未脱贫户" }).GetByTestId("finding-edit").ClickAsync();
        await page.GetByTestId("finding-approves").SelectOptionAsync("yes");
        await page.GetByTestId("finding-date").FillAsync("2016-12-20");
        await page.GetByTestId("finding-save").ClickAsync();
        await Expect(page.GetByTestId("rates")).ToContainTextAsync("认可户数 1 ÷ 调查户数 1");

        // A household outside the registry found missed needs its people: refused without, counted with.
        await samples.Locator("tr", new() { HasText = "非建档立卡户" }).First.GetByTestId("finding-edit").ClickAsync();
        await page.GetByTestId("finding-visited").FillAsync("张家 7号");
        await page.GetByTestId("finding-missed").SelectOptionAsync("yes");
        await page.GetByTestId("finding-date").FillAsync("2016-12-20");
        await page.GetByTestId("finding-save").ClickAsync();
        await Expect(page.GetByTestId("problems")).ToContainTextAsync("漏评户须填写家庭人口");
        await page.GetByTestId("finding-people").FillAsync("3");
        await page.GetByTestId("finding-save").ClickAsync();
        await Expect(page.GetByTestId("rates")).ToContainTextAsync("漏评人数 3");
        await Expect(samples.Locator("tr", new() { HasText = "张家 7号" })).ToContainTextAsync("2016-12-20");
    }

    private static async Task Record(IPage page, string number, string step, string date)
    {
        await page.GetByTestId("step-select").SelectOptionAsync(step);
        await page.GetByTestId("step-date").FillAsync(date);
        await page.GetByTestId("select-" + number).CheckAsync();
        await page.GetByTestId("record-step").ClickAsync();
        await Expect(page.GetByTestId("board-done")).ToBeVisibleAsync();
    }
}
