using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Tuopin.Application.Funds;
using Tuopin.Browser.Tests.Pages;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Funds;
using static Microsoft.Playwright.Assertions;

namespace Tuopin.Browser.Tests.Projects;

/// <summary>
/// Issue 16's journey, in the browser: a project from its plan to its closing with its money — allocated from a source,
/// paid to two beneficiary households after the notice period — and the household's trace showing the amount, the source
/// and the project. The fixture's clock is the real one: the project is planned 40 days back, so that its notice ends
/// before today within the rules (no step after today, none before the one before it).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ProjectFundsJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task TheCounty_TakesAProjectFromPlanToClose_PaysTwoHouseholdsAfterItsNotice_AndTheTraceShowsWhereTheMoneyCameFrom()
    {
        var county = fixture.County;
        var today = county.Today;
        var planned = today.AddDays(-40);
        var document = "鄂财农发〔" + today.Year + "〕旅程资金1号";
        var source = await county.As<RegisterFundSource>(county.Admin).HandleAsync(new(FundLevel.Province, "省财政厅", document, today.Year, planned, 500_000m, IntegrationCategory.ConditionImprovement));
        var password = await fixture.App.AddUserAsync("funds_journey_admin", Role.CountyAdmin, null);
        var page = await fixture.NewPageAsync();
        await new LoginPage(page).SignInAsync("funds_journey_admin", password);

        // 谋划, dated 40 days back, in the fixture's village.
        await page.GotoAsync("/projects");
        await page.GetByTestId("project-plan-open").ClickAsync();
        await page.GetByTestId("project-name").FillAsync("旅程黄柏园村饮水安全");
        await page.GetByTestId("project-planned-on").FillAsync(Day(planned));
        await page.GetByTestId("project-budget").FillAsync("200000");
        await page.GetByTestId("project-quantity").FillAsync("1");
        await page.GetByTestId("project-unit").FillAsync("处");
        await page.GetByTestId("project-village-township").SelectOptionAsync(new SelectOptionValue { Label = "三胡乡" });
        await page.Locator("[data-testid=project-village][data-village=黄柏园村]").CheckAsync();
        await page.GetByTestId("project-plan-save").ClickAsync();
        await page.WaitForURLAsync(new Regex("/projects/[0-9a-f-]{36}$"));
        var projectId = Guid.Parse(page.Url[^36..]);

        // 申报, 审批 with its document number, 公示 for 7 days: all on the plan's day.
        await TakeStepAsync(page, "Applied", planned);
        await page.GetByTestId("project-document").FillAsync("来政扶发〔" + today.Year + "〕旅程8号");
        await TakeStepAsync(page, "Approved", planned);
        await page.GetByTestId("project-days").FillAsync("7");
        await TakeStepAsync(page, "Notice", planned);

        // Beneficiaries: two households of the village, found by their heads' names.
        var beneficiaries = page.GetByTestId("project-beneficiaries");
        await beneficiaries.GetByTestId("beneficiary-search").FillAsync(fixture.Head.Name!);
        var first = beneficiaries.GetByTestId("beneficiary-option").Filter(new() { HasText = fixture.Head.Name! }).First;
        var firstNumber = await first.GetAttributeAsync("data-number");
        await first.Locator("input").CheckAsync();
        await beneficiaries.GetByTestId("beneficiary-search").FillAsync("田国平");
        var second = beneficiaries.GetByTestId("beneficiary-option").Filter(new() { HasText = "田国平" }).First;
        var secondNumber = await second.GetAttributeAsync("data-number");
        await second.Locator("input").CheckAsync();
        await Expect(beneficiaries.GetByTestId("beneficiaries-chosen")).ToContainTextAsync("已选 2 户");
        await beneficiaries.GetByTestId("beneficiaries-save").ClickAsync();
        await Expect(page.GetByTestId("project-households")).ToHaveTextAsync("2");
        await Expect(beneficiaries.GetByTestId("beneficiary")).ToHaveCountAsync(2);

        // 分配: 150,000 yuan of the source to the project.
        var funds = page.GetByTestId("project-funds");
        await Expect(funds.GetByTestId("allocate-source")).ToContainTextAsync(document);
        await funds.GetByTestId("allocate-source").SelectOptionAsync(source.Id.ToString());
        await funds.GetByTestId("allocate-amount").FillAsync("150000");
        await funds.GetByTestId("allocate-save").ClickAsync();
        await Expect(funds.GetByTestId("funds-saved")).ToBeVisibleAsync();
        await Expect(funds.GetByTestId("project-allocation-row")).ToHaveCountAsync(1);
        await Expect(funds.GetByTestId("project-allocation-row")).ToContainTextAsync("150,000.00");

        // Paying during the notice is refused, with the reason, and nothing is written.
        await PickHouseholdAsync(funds, firstNumber!, "1200", "饮水补助");
        await funds.GetByTestId("payment-on").FillAsync(Day(planned.AddDays(2)));
        await funds.GetByTestId("payment-save").ClickAsync();
        await Expect(funds.GetByTestId("funds-refused")).ToContainTextAsync("尚未期满，不能支付");
        await Expect(funds.GetByTestId("project-payment-row")).ToHaveCountAsync(0);
        Assert.Equal(0, await county.QueryAsync(db => db.Disbursements.CountAsync(d => d.ProjectId == projectId)));

        // 招标 and 开工 after the notice, then the two households paid today through their bank cards.
        await page.GetByTestId("project-contractor").FillAsync("来凤县旅程水利工程有限公司");
        await page.GetByTestId("project-contract-amount").FillAsync("180000");
        await TakeStepAsync(page, "Tendered", today);
        await TakeStepAsync(page, "Implementing", today);
        await PickHouseholdAsync(funds, firstNumber!, "1200", "饮水补助");
        var firstCard = funds.Locator($"[data-testid=payment-household][data-number='{firstNumber}']");
        await firstCard.GetByTestId("payment-household-bank").FillAsync("来凤农商银行");
        await firstCard.GetByTestId("payment-household-card").FillAsync("6217 0033 1000 1234 567");
        await PickHouseholdAsync(funds, secondNumber!, "800", "饮水补助");
        await funds.GetByTestId("payment-on").FillAsync(Day(today));
        await funds.GetByTestId("payment-voucher").FillAsync("旅程凭001");
        await funds.GetByTestId("payment-save").ClickAsync();
        await Expect(funds.GetByTestId("funds-saved")).ToBeVisibleAsync();
        await Expect(funds.GetByTestId("project-payment-row")).ToHaveCountAsync(2);
        await Expect(funds.GetByTestId("project-funds-total")).ToContainTextAsync("已支付 2,000.00 元");

        // 验收, 报账, 销号.
        await page.GetByTestId("project-accepted-by").FillAsync("县水利局");
        await TakeStepAsync(page, "Accepted", today);
        await TakeStepAsync(page, "Reimbursed", today);
        await TakeStepAsync(page, "Closed", today);
        await Expect(page.GetByTestId("project-step-row")).ToHaveCountAsync(9);
        var code = await county.QueryAsync(db => db.Projects.Where(p => p.Id == projectId).Select(p => p.Code).SingleAsync());

        // The household's trace: the amount, the source and the project.
        await page.GotoAsync("/funds/trace?household=" + Uri.EscapeDataString(firstNumber!));
        await Expect(page.GetByTestId("trace-household-total")).ToContainTextAsync("共收到 1,200.00 元");
        var line = page.Locator("table tbody tr").Filter(new() { HasText = code });
        await Expect(line).ToHaveCountAsync(1);
        await Expect(line).ToContainTextAsync("1,200.00");
        await Expect(line).ToContainTextAsync(document);
        await Expect(line).ToContainTextAsync("饮水补助");
        await Expect(line.GetByTestId("trace-card")).ToHaveTextAsync("来凤农商银行 尾号4567");
        await Expect(page.GetByText("6217003310001234567")).ToHaveCountAsync(0);

        // The project page with its money and beneficiaries does not scroll sideways at 390 px.
        await page.SetViewportSizeAsync(390, 900);
        await page.GotoAsync("/projects/" + projectId);
        await Expect(page.GetByTestId("project-payment-row")).ToHaveCountAsync(2);
        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "the project page scrolls sideways at 390 px");
    }

    private static async Task TakeStepAsync(IPage page, string step, DateOnly on)
    {
        await Expect(page.GetByTestId("project-step-form")).ToHaveAttributeAsync("data-step", step);
        await page.GetByTestId("project-on").FillAsync(Day(on));
        await page.GetByTestId("project-step-save").ClickAsync();
        await Expect(page.GetByTestId("project-step")).ToHaveAttributeAsync("data-step", step);
    }

    private static async Task PickHouseholdAsync(ILocator funds, string number, string amount, string subsidyType)
    {
        await funds.GetByTestId("payment-kind").SelectOptionAsync("households");
        var household = funds.Locator($"[data-testid=payment-household][data-number='{number}']");
        await household.GetByTestId("payment-household-pick").CheckAsync();
        await household.GetByTestId("payment-household-amount").FillAsync(amount);
        await household.GetByTestId("payment-household-type").FillAsync(subsidyType);
    }
}
