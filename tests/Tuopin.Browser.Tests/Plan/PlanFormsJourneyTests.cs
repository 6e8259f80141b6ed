using Microsoft.Playwright;
using Tuopin.Application.Exit;
using Tuopin.Browser.Tests.Pages;
using Tuopin.Domain.Accounts;
using static Microsoft.Playwright.Assertions;

namespace Tuopin.Browser.Tests.Plan;

/// <summary>
/// The pages that edit configuration (the plan, the exit standards) open read-only; the county administrator
/// switches to edit mode, saves, and reads the new value; others see no 编辑. The evaluation page explains its terms.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PlanFormsJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task CountyAdmin_EditsThePlanAndTheStandards_InEditMode_AndReadsTheEvaluationInPlainWords()
    {
        var county = fixture.County;
        await county.QueryAsync(db => Application.Plan.LoadPlan.EnsureBuiltInAsync(db));
        var original = (await county.As<GetExitStandards>(county.Admin).HandleAsync()).Standards;
        var password = await fixture.App.AddUserAsync("county_forms", Role.CountyAdmin);
        var page = await fixture.NewPageAsync();
        await new LoginPage(page).SignInAsync("county_forms", password);

        // The plan: read-only until 编辑; 取消 drops a change; 保存 keeps it and says so.
        await page.GotoAsync("/plan");
        await Expect(page.GetByTestId("plan-edit")).ToBeVisibleAsync();
        await Expect(page.Locator(".app-content input")).ToHaveCountAsync(0);
        await ShootAsync(page, "plan-view");
        await page.GetByTestId("plan-edit").ClickAsync();
        await page.GetByTestId("training-cadres-count").FillAsync("999");
        await page.GetByTestId("plan-cancel").ClickAsync();
        await Expect(page.GetByTestId("training-cadres-count-value")).ToHaveTextAsync("500");
        await page.GetByTestId("plan-edit").ClickAsync();
        await page.GetByTestId("training-cadres-count").FillAsync("520");
        await page.GetByTestId("reason").FillAsync("浏览器测试");
        await ShootAsync(page, "plan-edit");
        await page.GetByTestId("plan-save").ClickAsync();
        await Expect(page.GetByTestId("plan-saved")).ToContainTextAsync("已保存为第");
        await Expect(page.GetByTestId("plan-saved")).ToContainTextAsync("“三五”培训：乡村干部 人数：500 → 520");
        await Expect(page.GetByTestId("training-cadres-count-value")).ToHaveTextAsync("520");
        await Expect(page.GetByTestId("plan-edit")).ToBeVisibleAsync();

        // The standards: the same, with an error named beside its field.
        await page.GotoAsync("/exit/standards");
        await Expect(page.GetByTestId("standards-view")).ToBeVisibleAsync();
        await Expect(page.Locator(".app-content input")).ToHaveCountAsync(0);
        await ShootAsync(page, "standards-view");
        await page.GetByTestId("standards-edit").ClickAsync();
        await page.GetByTestId("village-limit").FillAsync("0");
        await page.GetByTestId("standards-save").ClickAsync();
        await Expect(page.Locator(".field-error[data-field=villageIncidenceLimit]")).ToContainTextAsync("村贫困发生率上限");
        await page.GetByTestId("village-limit").FillAsync("2.5");
        await ShootAsync(page, "standards-edit");
        await page.GetByTestId("standards-save").ClickAsync();
        await Expect(page.GetByTestId("standards-saved")).ToContainTextAsync("退出标准已保存");
        await Expect(page.GetByTestId("view-village-limit")).ToHaveTextAsync("2.5%");
        await Expect(page.GetByTestId("standards-edit")).ToBeVisibleAsync();

        // The evaluation: the sample number is explained where it is asked for (a year no other journey draws a sample for:
        // once drawn, the page shows the sample instead of the form).
        await page.GotoAsync("/exit/evaluation?year=2019");
        await Expect(page.GetByTestId("seed-help")).ToContainTextAsync("用同一编号可重新抽出同一批户，供复核");
        await ShootAsync(page, "evaluation");

        // Others read the plan and the standards without 编辑.
        var inspectorPassword = await fixture.App.AddUserAsync("inspector_forms", Role.Inspector);
        var inspector = await fixture.NewPageAsync();
        await new LoginPage(inspector).SignInAsync("inspector_forms", inspectorPassword);
        await inspector.GotoAsync("/plan");
        await Expect(inspector.GetByTestId("plan-years")).ToBeVisibleAsync();
        await Expect(inspector.GetByTestId("plan-edit")).ToHaveCountAsync(0);
        await inspector.GotoAsync("/exit/standards");
        await Expect(inspector.GetByTestId("standards-view")).ToBeVisibleAsync();
        await Expect(inspector.GetByTestId("standards-edit")).ToHaveCountAsync(0);
        await Expect(inspector.GetByTestId("line-edit")).ToHaveCountAsync(0);

        // Other journeys read the standards as they were.
        await county.As<UpdateExitStandards>(county.Admin).HandleAsync(original, "恢复");
    }

    /// <summary>With TUOPIN_SCREENSHOTS set, the page at 1400 and at 390 px wide, into /tmp/forms-*.png.</summary>
    private static async Task ShootAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("TUOPIN_SCREENSHOTS") is not { Length: > 0 }) return;
        foreach (var (width, height) in new[] { (1400, 900), (390, 844) })
        {
            await page.SetViewportSizeAsync(width, height);
            await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), $"forms-{name}-{width}.png"), FullPage = true });
        }
        await page.SetViewportSizeAsync(1440, 900);
    }
}
