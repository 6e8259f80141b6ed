using System.Globalization;
using Tuopin.Application.Common;
using Tuopin.Application.Reports;
using Tuopin.Browser.Tests.Pages;
using Tuopin.Domain.Accounts;
using static Microsoft.Playwright.Assertions;

namespace Tuopin.Browser.Tests.Reports;

/// <summary>
/// Screen = form = API: a township officer, on a phone, opens 贫困人口动态变化表 for their township; the table on the page
/// has the rows and figures of the use case the API answers with, and of the .xlsx written from it, read back.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReportsJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task TheTownshipsForm_OnThePage_EqualsTheApisFigures_AndTheFilesCells()
    {
        var county = fixture.County;
        var expected = await county.As<GetReport>(county.TownshipOfficer("三胡乡")).HandleAsync(new GetReport.Request(ReportCatalogue.Population, 2016));
        var sheet = XlsxReader.Read(new MemoryStream(ReportWorkbook.Write(expected))).ToList();

        var password = await fixture.App.AddUserAsync("sanhu_reports", Role.TownshipOfficer, "三胡乡");
        var page = await fixture.NewPageAsync();
        await page.SetViewportSizeAsync(390, 900);
        await new LoginPage(page).SignInAsync("sanhu_reports", password);
        await page.GotoAsync("/reports?form=population&year=2016");
        await Expect(page.GetByTestId("report-table")).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("report-row")).ToHaveCountAsync(expected.Rows.Count + 1, new() { Timeout = 15_000 });

        var rows = page.GetByTestId("report-row");
        for (var i = 0; i <= expected.Rows.Count; i++)
        {
            var want = i < expected.Rows.Count ? expected.Rows[i] : expected.Total;
            var cells = await rows.Nth(i).Locator("td").AllInnerTextsAsync();
            Assert.Equal(i < expected.Rows.Count ? want.Area : "合计", cells[0].Trim());
            Assert.Equal(want.Values, cells.Skip(1).Select(c => decimal.Parse(c.Trim().Replace(",", ""), CultureInfo.InvariantCulture)).ToArray());
            Assert.Equal(cells[0].Trim(), sheet[3 + i][0].Text);
            Assert.Equal(want.Values, sheet[3 + i].Cells.Skip(1).Select(c => decimal.Parse(c.Text, CultureInfo.InvariantCulture)).ToArray());
        }
        await Expect(page.GetByTestId("report-basis")).ToContainTextAsync("口径");
        await Expect(page.GetByTestId("report-download")).ToHaveAttributeAsync("href", "/api/v1/reports/population.xlsx?year=2016");

        // Counted to a day of the year: the date field gives the use case's figures as of 30 June, and the file the same day.
        var june = await county.As<GetReport>(county.TownshipOfficer("三胡乡")).HandleAsync(new GetReport.Request(ReportCatalogue.Population, 2016, AsOf: new DateOnly(2016, 6, 30)));
        await page.GetByTestId("report-as-of").FillAsync("2016-06-30");
        await page.GetByTestId("report-as-of").DispatchEventAsync("change");
        await Expect(page.GetByTestId("report-download")).ToHaveAttributeAsync("href", "/api/v1/reports/population.xlsx?year=2016&asOf=2016-06-30", new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("report-header")).ToContainTextAsync("2016-06-30");
        var juneTotal = await page.GetByTestId("report-row").Last.Locator("td").AllInnerTextsAsync();
        Assert.Equal(june.Total.Values, juneTotal.Skip(1).Select(c => decimal.Parse(c.Trim().Replace(",", ""), CultureInfo.InvariantCulture)).ToArray());
        // A form counted by year offers no date.
        await page.GotoAsync("/reports?form=village-exits&year=2016");
        await Expect(page.GetByTestId("report-table")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("report-as-of")).ToHaveCountAsync(0);

        // Another township's form is refused on the page as in the API.
        await page.GotoAsync("/reports?form=population&year=2016&township=翔凤镇");
        await Expect(page.GetByTestId("report-refusal")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("report-row")).ToHaveCountAsync(0);
        var overflow = await page.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth + 1");
        Assert.False(overflow);
    }
}
