using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Tuopin.Browser.Tests.Pages;
using Tuopin.Domain.Accounts;
using static Microsoft.Playwright.Assertions;

namespace Tuopin.Browser.Tests.Projects;

[Collection(BrowserCollection.Name)]
public sealed class ProjectJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task TheCounty_PlansAProject_AppliesAndApprovesIt_AndATooShortNoticeIsRefusedWithTheReason()
    {
        var password = await fixture.App.AddUserAsync("project_admin", Role.CountyAdmin, null);
        var page = await fixture.NewPageAsync();
        await new LoginPage(page).SignInAsync("project_admin", password);

        await page.GetByRole(AriaRole.Menuitem, new() { Name = "项目库" }).ClickAsync();
        await page.WaitForURLAsync("**/projects");
        await page.GetByTestId("project-plan-open").ClickAsync();
        await page.GetByTestId("project-name").FillAsync("旅程村组公路硬化");
        await page.GetByTestId("project-budget").FillAsync("480000");
        await page.GetByTestId("project-quantity").FillAsync("3.2");
        await page.GetByTestId("project-unit").FillAsync("公里");
        await page.GetByTestId("project-village").First.CheckAsync();
        await page.GetByTestId("project-plan-save").ClickAsync();
        await page.WaitForURLAsync(new Regex("/projects/[0-9a-f-]{36}$"));
        await Expect(page.GetByTestId("project-step")).ToHaveAttributeAsync("data-step", "Planned");
        await Expect(page.GetByTestId("project-step-row")).ToHaveCountAsync(1);

        // 申报: only the day, a document and a note.
        await Expect(page.GetByTestId("project-step-form")).ToHaveAttributeAsync("data-step", "Applied");
        await page.GetByTestId("project-step-save").ClickAsync();
        await Expect(page.GetByTestId("project-step")).ToHaveAttributeAsync("data-step", "Applied");

        // 审批 with the decision's document number.
        await Expect(page.GetByTestId("project-step-form")).ToHaveAttributeAsync("data-step", "Approved");
        await page.GetByTestId("project-document").FillAsync("来政扶发〔2026〕8号");
        await page.GetByTestId("project-step-save").ClickAsync();
        await Expect(page.GetByTestId("project-step")).ToHaveAttributeAsync("data-step", "Approved");
        await Expect(page.GetByTestId("project-approval")).ToHaveTextAsync("来政扶发〔2026〕8号");
        await Expect(page.GetByTestId("project-step-row")).ToHaveCountAsync(3);

        // 公示 for fewer days than the county's minimum: refused, with the reason, and nothing taken.
        await Expect(page.GetByTestId("project-step-form")).ToHaveAttributeAsync("data-step", "Notice");
        await page.GetByTestId("project-days").FillAsync("3");
        await page.GetByTestId("project-step-save").ClickAsync();
        await Expect(page.GetByTestId("project-refused")).ToContainTextAsync("公示期不得少于");
        await Expect(page.GetByTestId("project-step")).ToHaveAttributeAsync("data-step", "Approved");
        await Expect(page.GetByTestId("project-step-row")).ToHaveCountAsync(3);

        // At 390 px the library's table scrolls inside its container, not the page.
        await page.SetViewportSizeAsync(390, 900);
        await page.GotoAsync("/projects");
        await Expect(page.GetByTestId("project-row").Filter(new() { HasText = "旅程村组公路硬化" })).ToHaveCountAsync(1);
        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow, "the project library scrolls sideways at 390 px");
    }
}
