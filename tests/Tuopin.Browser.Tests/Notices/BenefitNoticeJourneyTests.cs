using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Funds;
using Tuopin.Application.Projects;
using Tuopin.Browser.Tests.Pages;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Funds;
using Tuopin.Domain.Projects;
using static Microsoft.Playwright.Assertions;

namespace Tuopin.Browser.Tests.Notices;

/// <summary>
/// 户受益公示 from the county office's page: the villages paid this year, a village's list published for its period, then read
/// by an anonymous visitor with the name partly masked and no household number; an inspector sees the list but no publish
/// form; a village officer is refused the page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class BenefitNoticeJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const string PaidVillage = "翔凤镇/老茶村";

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task TheCountyOffice_PublishesAVillagesBenefitList_TheVisitorReadsItMasked_TheInspectorOnlyReads_AndAVillageOfficerIsRefused()
    {
        var county = fixture.County;
        var admin = county.Admin;
        var today = county.Today;
        var on = today.AddDays(-40);
        var (villageId, townshipId) = county.Villages[PaidVillage];
        var household = await county.QueryAsync(db => db.Households.Where(h => h.VillageId == villageId).OrderByDescending(h => h.Number).Select(h => new { h.Id, h.Number }).FirstAsync());
        var p = await county.As<PlanProject>(admin).HandleAsync(new(new PlanProject.Fields("受益公示旅程老茶村产业", ProjectCategory.Industry, on.Year, [villageId], townshipId, null, 90_000m, 10m, "亩", PlannedOn: on)));
        p = await county.As<ApplyForProject>(admin).HandleAsync(new(p.Id, p.Version, on));
        p = await county.As<ApproveProject>(admin).HandleAsync(new(p.Id, p.Version, on, "来政扶发〔受益公示旅程〕1号"));
        p = await county.As<PublishProjectNotice>(admin).HandleAsync(new(p.Id, p.Version, on, 7));
        var source = await county.As<RegisterFundSource>(admin).HandleAsync(new(FundLevel.County, "县财政局", "来财〔受益公示旅程〕1号", on.Year, on, 50_000m, IntegrationCategory.IndustryDevelopment));
        var allocation = await county.As<AllocateFunds>(admin).HandleAsync(new(source.Id, p.Id, today, 20_000m));
        await county.As<RecordDisbursement>(admin).HandleAsync(new(allocation.Id, today, [new RecordDisbursement.Payment(2_345m, HouseholdNumber: household.Number, SubsidyType: "产业奖补")]));

        var password = await fixture.App.AddUserAsync("benefit_admin", Role.CountyAdmin, null);
        var page = await fixture.NewPageAsync();
        await new LoginPage(page).SignInAsync("benefit_admin", password);
        await page.GotoAsync("/notices/benefit-lists");
        // The page opens on the latest year with household payments: this one.
        await Expect(page.GetByTestId("benefit-year")).ToHaveValueAsync(today.Year.ToString(CultureInfo.InvariantCulture));
        var row = page.Locator($"[data-testid=benefit-village][data-village='{villageId}']");
        await Expect(row).ToContainTextAsync("老茶村");
        await Expect(row.GetByTestId("benefit-period")).ToContainTextAsync("未发布");
        // Too short a period: refused with the reason, nothing published.
        await row.GetByTestId("benefit-starts").FillAsync(Day(today));
        await row.GetByTestId("benefit-days").FillAsync("2");
        await row.GetByTestId("benefit-publish").ClickAsync();
        await Expect(page.GetByTestId("problems")).ToContainTextAsync("公示期应为");
        await Expect(row.GetByTestId("benefit-period")).ToContainTextAsync("未发布");
        await row.GetByTestId("benefit-days").FillAsync("10");
        await row.GetByTestId("benefit-publish").ClickAsync();
        await Expect(page.GetByTestId("saved")).ToContainTextAsync("已发布");
        await Expect(row.GetByTestId("benefit-period")).ToContainTextAsync($"{Day(today)} – {Day(today.AddDays(9))}");

        // The public list, without sign-in: the payment, the name partly masked, no household number.
        var visitor = await fixture.NewPageAsync();
        await visitor.GotoAsync($"/notices/benefits/{villageId}/{today.Year}");
        await Expect(visitor.GetByTestId("notice-benefits")).ToContainTextAsync("2,345.00");
        await Expect(visitor.GetByTestId("notice-benefits")).ToContainTextAsync("*");
        Assert.DoesNotContain(household.Number, await visitor.ContentAsync(), StringComparison.Ordinal);

        // An inspector reads the list, with no publish form.
        var inspectorPassword = await fixture.App.AddUserAsync("benefit_inspector", Role.Inspector, null);
        var inspector = await fixture.NewPageAsync();
        await new LoginPage(inspector).SignInAsync("benefit_inspector", inspectorPassword);
        await inspector.GotoAsync("/notices/benefit-lists");
        await Expect(inspector.GetByTestId("benefit-year")).ToHaveValueAsync(today.Year.ToString(CultureInfo.InvariantCulture));
        await Expect(inspector.Locator($"[data-testid=benefit-village][data-village='{villageId}']")).ToBeVisibleAsync();
        await Expect(inspector.GetByTestId("benefit-publish")).ToHaveCountAsync(0);

        // A village officer is refused the page.
        var officer = await fixture.NewPageAsync();
        await new LoginPage(officer).SignInAsync(fixture.OfficerName, fixture.OfficerPassword);
        await officer.GotoAsync("/notices/benefit-lists");
        await Expect(officer.GetByTestId("benefit-notices-forbidden")).ToBeVisibleAsync();
        await Expect(officer.GetByTestId("benefit-village")).ToHaveCountAsync(0);
    }
}
