using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Tuopin.Application.Assistance;
using Tuopin.Browser.Tests.Pages;
using Tuopin.Domain.Assistance;
using static Microsoft.Playwright.Assertions;

namespace Tuopin.Browser.Tests.Assistance;

/// <summary>
/// A village officer on a phone watches a household for return to poverty (enrol, review, close as risk removed) and
/// records who attended a county course, by name and from the sign-in list; the counts follow, and no page scrolls sideways.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WatchAndTrainingJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task AVillageOfficer_OnAPhone_WatchesAHousehold_AndRecordsACoursesAttendees()
    {
        var county = fixture.County;
        var number = await county.QueryAsync(db => db.Households.Where(h => h.Id == fixture.HouseholdId).Select(h => h.Number).SingleAsync());
        var courseName = "村干部培训（浏览器）" + Guid.NewGuid().ToString("N")[..4];
        var today = county.Today;
        await county.As<RecordTrainingCourse>(county.Admin).HandleAsync(new RecordTrainingCourse.Request(TrainingKind.VillageCadres, courseName, "县委组织部", today.AddDays(-3), today.AddDays(-1)));
        var page = await fixture.NewPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        await new LoginPage(page).SignInAsync(fixture.OfficerName, fixture.OfficerPassword);

        await page.GotoAsync("/assistance/monitoring");
        await Expect(page.GetByTestId("watch-counts")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        // An unknown number is refused beside the field; the household's number enrols it.
        await page.GetByTestId("enrol-number").FillAsync("4228279999999999");
        await page.GetByTestId("enrol-reason").FillAsync("户主住院");
        await page.GetByTestId("enrol-save").ClickAsync();
        await Expect(page.Locator(".field-error[data-field=householdId]")).ToContainTextAsync("不存在或不在您的管辖范围内");
        await page.GetByTestId("enrol-number").FillAsync(number);
        await page.GetByTestId("enrol-risk").SelectOptionAsync(MonitoringRisk.IllnessOrDisability.ToString());
        await page.GetByTestId("enrol-save").ClickAsync();
        await Expect(page.GetByTestId("watch-saved")).ToContainTextAsync($"已将户 {number} 纳入监测");
        var row = page.Locator($"[data-testid=watch-row][data-number='{number}']");
        await Expect(row).ToContainTextAsync("新增大病或残疾");
        await NoSidewaysScrollAsync(page);

        await row.GetByTestId("case-review").ClickAsync();
        await row.GetByTestId("case-note").FillAsync("已出院，医保报销后自付较少");
        await row.GetByTestId("case-save").ClickAsync();
        await Expect(page.GetByTestId("watch-saved")).ToContainTextAsync($"已记录户 {number} 的回访");
        await Expect(row).ToContainTextAsync("已出院");

        await row.GetByTestId("case-close").ClickAsync();
        await row.GetByTestId("case-note").FillAsync("收入稳定，风险消除");
        await row.GetByTestId("case-save").ClickAsync();
        await Expect(page.GetByTestId("watch-saved")).ToContainTextAsync("已结案（风险消除）");
        await Expect(row).ToHaveCountAsync(0);
        Assert.True(int.Parse(await page.GetByTestId("count-removed").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "tuopin-watch-390.png"), FullPage = true });

        // Training: the course is the county's; the officer names who came from the village.
        await page.GotoAsync("/assistance/training?year=" + today.Year);
        var course = page.Locator($"[data-testid=course-row][data-course='{courseName}']");
        await Expect(course).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("course-form")).ToHaveCountAsync(0);
        await course.GetByTestId("attendance-open").ClickAsync();
        await course.GetByTestId("attendance-names").FillAsync("田支书\n覃主任");
        await course.GetByTestId("attendance-save").ClickAsync();
        await Expect(page.GetByTestId("training-saved")).ToContainTextAsync("登记 2 名参训人员");
        await Expect(course).ToContainTextAsync("2");
        await Expect(page.Locator("[data-testid=training-kind][data-kind=VillageCadres] [data-testid=kind-people]")).Not.ToHaveTextAsync("0");
        await NoSidewaysScrollAsync(page);

        // The sign-in list as a file (GBK, as WPS saves it): another village's row and a repeat are refused by row, nothing
        // is stored; the corrected list is imported.
        await course.GetByTestId("attendance-open").ClickAsync();
        await Expect(course.GetByTestId("attendance-import")).ToBeVisibleAsync();
        await NoSidewaysScrollAsync(page);
        await course.GetByTestId("attendance-import").SetFileAsync(new FilePayload
        {
            Name = "签到名单.csv", MimeType = "text/csv", Buffer = Tuopin.Application.Common.CsvReader.Gb18030.GetBytes("序号,姓名,村\r\n1,向组长,黄柏园村\r\n2,外村人,老茶村\r\n3,向组长,黄柏园村\r\n"),
        });
        var problems = course.GetByTestId("problems");
        await Expect(problems).ToContainTextAsync("第 3 行，村");
        await Expect(problems).ToContainTextAsync("第 4 行，姓名：向组长 与第 2 行重复");
        await Expect(course.Locator("td.num")).ToHaveTextAsync("2");
        await course.GetByTestId("attendance-import").SetFileAsync(new FilePayload
        {
            Name = "签到名单.csv", MimeType = "text/csv", Buffer = Tuopin.Application.Common.CsvReader.Gb18030.GetBytes("序号,姓名,村\r\n1,向组长,黄柏园村\r\n"),
        });
        await Expect(page.GetByTestId("training-saved")).ToContainTextAsync("导入 1 名参训人员");
        await Expect(course.Locator("td.num")).ToHaveTextAsync("3");
        await NoSidewaysScrollAsync(page);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "tuopin-training-390.png"), FullPage = true });
    }

    private static async Task NoSidewaysScrollAsync(IPage page) =>
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), "the page does not scroll sideways");
}
