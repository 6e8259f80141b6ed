using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Tuopin.Browser.Tests.Pages;
using Tuopin.Domain.Accounts;
using static Microsoft.Playwright.Assertions;

namespace Tuopin.Browser.Tests.Exit;

[Collection(BrowserCollection.Name)]
public sealed class AreaExitJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const string Village = "三胡乡/苗寨沟村";

    private static Task ShotAsync(IPage page, string name) =>
        Environment.GetEnvironmentVariable("TUOPIN_SHOTS") is { Length: > 0 } folder
            ? page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png"), FullPage = true })
            : Task.CompletedTask;

    [Fact]
    public async Task AVillage_StartsItsExit_FilesADocument_AndAssessesItself_FromTheBoard()
    {
        var id = fixture.County.Villages[Village].Id;
        await fixture.County.QueryAsync(db => db.Villages.Where(v => v.Id == id).ExecuteUpdateAsync(s => s.SetProperty(v => v.RegisteredPopulation, 800)));
        var password = await fixture.App.AddUserAsync("miaozhaigou", Role.VillageOfficer, Village);
        var page = await fixture.NewPageAsync();
        await new LoginPage(page).SignInAsync("miaozhaigou", password);

        await page.GetByRole(AriaRole.Menuitem, new() { Name = "村、乡镇出列" }).ClickAsync();
        await page.WaitForURLAsync("**/exit/areas");
        // The board opens on the working year (the fixture sets none: the calendar year); 苗寨沟村 exits in 2016.
        await page.GetByTestId("area-year").SelectOptionAsync("2016");
        var row = page.GetByTestId("area-row").Filter(new() { HasText = "苗寨沟村" });
        await Expect(row.GetByTestId("area-ready")).ToContainTextAsync("达标");
        await Expect(row.GetByTestId("area-evidence")).ToContainTextAsync("0/7");
        await ShotAsync(page, "area-board");
        // Starting is confirmed first: one click alone changes nothing.
        await row.GetByTestId("area-start").ClickAsync();
        await Expect(row.GetByTestId("area-start-confirm")).ToContainTextAsync("确认为“苗寨沟村”开始 2016 年出列程序");
        await row.GetByTestId("area-start-yes").ClickAsync();
        await page.WaitForURLAsync("**/exit/areas/*");
        await Expect(page.GetByTestId("area-status")).ToContainTextAsync("对照标准自评");

        await page.GetByTestId("upload-village_application").SetFileAsync(new FilePayload
        {
            Name = "苗寨沟村出列申请.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n%application\n%%EOF\n"u8.ToArray(),
        });
        await Expect(page.GetByTestId("item-village_application").GetByTestId("item-status")).ToHaveTextAsync("已提交");
        await Expect(page.GetByTestId("item-village_notice").GetByTestId("item-status")).ToHaveTextAsync("缺失");

        await page.GetByTestId("area-step-date").FillAsync("2016-11-20");
        await page.GetByTestId("area-step-note").FillAsync("村两委对照标准自评");
        await page.GetByTestId("area-record").ClickAsync();
        await Expect(page.GetByTestId("area-done")).ToContainTextAsync("对照标准自评");
        await Expect(page.GetByTestId("area-snapshot")).ToContainTextAsync("贫困发生率");
        await Expect(page.GetByTestId("area-status")).ToContainTextAsync("提出考核验收申请");
        await Expect(page.GetByTestId("area-report-docx")).ToHaveAttributeAsync("href", $"/api/v1/exit/areas/village/{id}/report.docx?year=2016");
        await ShotAsync(page, "area-detail");
    }
}
