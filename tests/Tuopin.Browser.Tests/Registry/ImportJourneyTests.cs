using System.Text;
using Microsoft.Playwright;
using Tuopin.Browser.Tests.Pages;
using Tuopin.Domain.Registry;
using Tuopin.Testing;
using static Microsoft.Playwright.Assertions;

namespace Tuopin.Browser.Tests.Registry;

[Collection(BrowserCollection.Name)]
public sealed class ImportJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    // Checking and importing run the whole import path (cold on first use, on a shared machine).
    private const float Slow = 90_000;

    private const string Header = "户编号,乡镇,行政村,识别年度,主要致贫原因,姓名,证件号码,与户主关系";

    [Fact]
    public async Task VillageOfficer_UploadsAFileWithErrors_SeesThem_FixesTheFile_AndImportsIt()
    {
        var page = await fixture.NewPageAsync();
        await new Pages.LoginPage(page).SignInAsync(fixture.OfficerName, fixture.OfficerPassword);
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "导入名册" }).ClickAsync();
        await page.WaitForURLAsync("**/households/import");

        var head = Build.NewResidentId(Sex.Male, new DateOnly(1958, 6, 1)).Value;
        var wife = Build.NewResidentId(Sex.Female, new DateOnly(1960, 2, 2)).Value;
        string File(string wifeId) => string.Join("\r\n", Header,
            $"4228272022099001,三胡乡,黄柏园村,2015,因病,滕光明,{head},户主",
            $"4228272022099001,三胡乡,黄柏园村,2015,因病,滕杨氏,{wifeId},配偶") + "\r\n";

        // Excel turned the wife's ID into a number: nothing is stored, the row and the reason are shown.
        await page.GetByTestId("import-file").SetFileAsync(new FilePayload { Name = "名册.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(File("4.22827E+17")) });
        await Expect(page.GetByTestId("import-progress")).ToContainTextAsync("请先检查");
        await page.GetByTestId("import-check").ClickAsync();
        await Expect(page.GetByTestId("import-rejected")).ToContainTextAsync("2 行中有 1 行有错误", new() { Timeout = Slow });
        var errors = page.GetByTestId("import-errors");
        await Expect(errors.Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(errors).ToContainTextAsync("证件号码");
        await Expect(errors).ToContainTextAsync("4.22827E+17");
        await Expect(errors).ToContainTextAsync("科学计数法");
        await Expect(errors.Locator("tbody tr td").First).ToHaveTextAsync("第 3 行");
        // The same file with an error column added downloads from the page.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("import-error-file").ClickAsync());
        Assert.Equal("名册-错误说明.csv", download.SuggestedFilename);
        await using (var stream = await download.CreateReadStreamAsync())
        using (var reader = new StreamReader(stream, Encoding.UTF8))
        {
            var lines = (await reader.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(3, lines.Length);
            Assert.Contains("科学计数法", lines[2], StringComparison.Ordinal);
            Assert.DoesNotContain("科学计数法", lines[1], StringComparison.Ordinal);
        }
        await Expect(page.GetByTestId("import-run")).ToBeDisabledAsync();
        if (Environment.GetEnvironmentVariable("TUOPIN_SCREENSHOTS") is { } shots)
            await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "import-errors.png"), FullPage = true });

        // Fixed: the check passes, then the import stores the household.
        await page.GetByTestId("import-file").SetFileAsync(new FilePayload { Name = "名册.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(File(wife)) });
        await Expect(page.GetByTestId("import-progress")).ToContainTextAsync("请先检查");
        await page.GetByTestId("import-check").ClickAsync();
        await Expect(page.GetByTestId("import-ok")).ToContainTextAsync("检查通过：2 行，1 户", new() { Timeout = Slow });
        await page.GetByTestId("import-run").ClickAsync();
        await Expect(page.GetByTestId("import-done")).ToContainTextAsync("已导入 2 行，1 户（新增 1 户，更新 0 户）", new() { Timeout = Slow });

        await page.GotoAsync(fixture.App.BaseAddress + "households?name=滕光明");
        var list = page.GetByTestId("households");
        await Expect(list).ToContainTextAsync("4228272022099001");
        await Expect(list.Locator("tbody tr").First).ToContainTextAsync("2");

        // An office's Excel 97-2003 workbook on a phone: errors named by sheet and row, titles, totals,
        // footers and the instruction sheet listed as skipped.
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync(fixture.App.BaseAddress + "households/import");
        await page.GetByTestId("import-file").SetFileAsync(new FilePayload
        {
            Name = "花名册.xls", MimeType = "application/vnd.ms-excel",
            Buffer = await System.IO.File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "office-book.xls")),
        });
        await Expect(page.GetByTestId("import-progress")).ToContainTextAsync("请先检查");
        await page.GetByTestId("import-check").ClickAsync();
        await Expect(page.GetByTestId("import-rejected")).ToContainTextAsync("5 行中有", new() { Timeout = Slow });
        await Expect(page.GetByTestId("import-errors")).ToContainTextAsync("工作表“黄柏园村”第 7 行");
        var skipped = page.GetByTestId("import-skipped");
        await Expect(skipped).ToContainTextAsync("跳过 9 处");
        await Expect(skipped).ToContainTextAsync("工作表“填表说明”");
        await Expect(skipped).ToContainTextAsync("工作表“黄柏园村”第 8 行：合计行");
        await Expect(skipped).ToContainTextAsync("工作表“黄柏园村”第 10 行：表尾");
        if (Environment.GetEnvironmentVariable("TUOPIN_SCREENSHOTS") is { } phoneShots)
            await page.ScreenshotAsync(new() { Path = Path.Combine(phoneShots, "import-xls-phone.png"), FullPage = true });
    }
}
