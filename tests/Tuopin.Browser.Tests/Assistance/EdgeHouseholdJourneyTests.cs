using Microsoft.Playwright;
using Tuopin.Browser.Tests.Pages;
using Tuopin.Domain.Assistance;
using Tuopin.Domain.Registry;
using Tuopin.Testing;
using static Microsoft.Playwright.Assertions;

namespace Tuopin.Browser.Tests.Assistance;

/// <summary>
/// A village officer on a phone records an edge household (边缘户) that is not in the registry, with two members, enrols
/// it for monitoring, gives it a measure, and finds it in the watch list marked as an edge household.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class EdgeHouseholdJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task AVillageOfficer_OnAPhone_RecordsAnEdgeHousehold_AndGivesItAMeasure()
    {
        var page = await fixture.NewPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        await new LoginPage(page).SignInAsync(fixture.OfficerName, fixture.OfficerPassword);
        await page.GotoAsync("/assistance/monitoring");
        await page.GetByTestId("edge-new").ClickAsync();
        await Expect(page.GetByTestId("edge-form")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        // The officer's one village is chosen for them.
        Assert.NotEqual(string.Empty, await page.GetByTestId("edge-village").InputValueAsync());

        await page.GetByTestId("edge-income").FillAsync("3800");
        await page.GetByTestId("edge-address").FillAsync("二组");
        await page.GetByTestId("edge-phone").FillAsync("13907185678");
        await page.GetByTestId("edge-member-name").First.FillAsync("覃边缘");
        await page.GetByTestId("edge-member-id").First.FillAsync("422827198001010010");
        await page.GetByTestId("edge-reason").FillAsync("妻子患重病，医疗支出大");
        await page.GetByTestId("edge-risk").SelectOptionAsync(MonitoringRisk.IllnessOrDisability.ToString());
        await page.GetByTestId("edge-save").ClickAsync();
        // A wrong check digit is named beside the member's field, and nothing is stored.
        await Expect(page.Locator(".field-error[data-field='members[0].residentId']")).ToBeVisibleAsync();

        await page.GetByTestId("edge-member-id").First.FillAsync(Build.NewResidentId().Value);
        await page.GetByTestId("edge-member-add").ClickAsync();
        await page.GetByTestId("edge-member-name").Nth(1).FillAsync("向秀边");
        await page.GetByTestId("edge-member-id").Nth(1).FillAsync(Build.NewResidentId(Sex.Female).Value);
        await page.GetByTestId("edge-member-health").Nth(1).SelectOptionAsync(Health.SeriousIllness.ToString());
        await NoSidewaysScrollAsync(page);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "tuopin-edge-new-390.png"), FullPage = true });
        await page.GetByTestId("edge-save").ClickAsync();

        await Expect(page.GetByTestId("edge-saved")).ToContainTextAsync("并纳入监测", new() { Timeout = 20_000 });
        var number = await page.GetByTestId("edge-number").InnerTextAsync();
        Assert.StartsWith("BY", number);
        await Expect(page.GetByTestId("edge-member-row")).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("watch-case")).ToContainTextAsync("新增大病或残疾");

        await page.GetByTestId("measure-add").ClickAsync();
        await page.GetByTestId("measure-type").SelectOptionAsync(MeasureType.Health.ToString());
        await page.GetByTestId("measure-content").FillAsync("大病救助，二次报销");
        await page.GetByTestId("measure-expected").FillAsync("1200");
        await page.GetByTestId("measure-save").ClickAsync();
        await Expect(page.GetByTestId("edge-saved")).ToContainTextAsync("已新增措施");
        await Expect(page.GetByTestId("measure")).ToContainTextAsync("大病救助");
        await Expect(page.GetByTestId("plan-arithmetic")).ToContainTextAsync("1,200");
        await NoSidewaysScrollAsync(page);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "tuopin-edge-390.png"), FullPage = true });

        await page.GotoAsync("/assistance/monitoring");
        var row = page.Locator($"[data-testid=watch-row][data-number='{number}']");
        await Expect(row).ToContainTextAsync("边缘户", new() { Timeout = 30_000 });
        Assert.True(int.Parse(await page.GetByTestId("count-edge").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        await row.GetByTestId("edge-link").ClickAsync();
        await Expect(page.GetByTestId("edge-number")).ToHaveTextAsync(number);

        // The risk list's link (返贫风险 → 纳入监测) opens the enrolment filled in.
        await page.GotoAsync("/assistance/monitoring?number=4228270001&risk=Disaster&reason=" + Uri.EscapeDataString("脱贫后登记因灾"));
        await Expect(page.GetByTestId("enrol-number")).ToHaveValueAsync("4228270001", new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("enrol-risk")).ToHaveValueAsync(MonitoringRisk.Disaster.ToString());
        await Expect(page.GetByTestId("enrol-reason")).ToHaveValueAsync("脱贫后登记因灾");
    }

    private static async Task NoSidewaysScrollAsync(IPage page) =>
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth + 1"), "the page does not scroll sideways");
}
