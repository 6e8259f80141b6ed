using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Tuopin.Application.Organisation;
using Tuopin.Application.Supervision;
using Tuopin.Browser.Tests.Pages;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Organisation;
using Tuopin.Domain.Supervision;
using static Microsoft.Playwright.Assertions;

namespace Tuopin.Browser.Tests.Supervision;

/// <summary>
/// 督查整改 in the browser: an inspector records a finding of an inspection of 黄柏园村 with its deadline; the village's
/// officer finds it on /supervision, rectifies it with an evidence file and submits; the inspector closes it and it is
/// counted as closed — and in the township's "findings closed on time" of the annual assessment. Another village's officer finds nothing and gets no form; an anonymous visitor is sent to sign in;
/// at 390 px the pages do not scroll sideways. A planned inspection is shown as 计划中 and the inspector fills in its visit
/// day on its page (at 390 px), after which findings can be recorded; the village officer gets no edit form.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SupervisionJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const string OtherVillage = "翔凤镇/老茶村";

    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n% evidence\n%%EOF\n");

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The village's team (the responsible unit), made once for the fixture's shared county.</summary>
    private async Task<Guid> TeamAsync()
    {
        var county = fixture.County;
        var (villageId, townshipId) = county.Villages[BrowserFixture.Village];
        var existing = await county.QueryAsync(db => db.OrgUnits.Where(u => u.VillageId == villageId).Select(u => (Guid?)u.Id).FirstOrDefaultAsync());
        if (existing is { } id) return id;
        var team = await county.As<SaveUnit>(county.Admin).HandleAsync(new SaveUnit.Request(new SaveUnit.Fields(UnitKind.VillageTeam, "黄柏园村脱贫责任组", TownshipId: townshipId, VillageId: villageId)));
        return team.Id;
    }

    /// <summary>An inspection of the fixture's village, visited today, recorded through the use case.</summary>
    private async Task<Guid> InspectionAsync(string title)
    {
        var county = fixture.County;
        var (villageId, townshipId) = county.Villages[BrowserFixture.Village];
        var saved = await county.As<RecordInspection>(county.Inspector).HandleAsync(new RecordInspection.Request(
            InspectionKind.Supervision, county.Today.Year, title, null, townshipId, villageId, county.Today, county.Today, "张督查、李督查"));
        return saved.Id;
    }

    private async Task<Guid> FindingAsync(string title, string description)
    {
        var county = fixture.County;
        var team = await TeamAsync();
        var inspection = await InspectionAsync(title);
        var saved = await county.As<RecordFinding>(county.Inspector).HandleAsync(new RecordFinding.Request(
            inspection, FindingCategory.Identification, description, team, county.Today.AddDays(30)));
        return saved.Id;
    }

    [Fact]
    public async Task AnInspectorRecordsAFinding_TheVillageRectifiesItWithEvidence_AndTheInspectorClosesIt_CountedAsClosed()
    {
        var county = fixture.County;
        const string title = "督查旅程黄柏园村精准帮扶督查";
        const string description = "督查旅程：帮扶措施与实际不符";
        var team = await TeamAsync();
        var inspectionId = await InspectionAsync(title);
        var deadline = county.Today.AddDays(20);

        // The inspector adds the finding on the inspection's page.
        var inspectorPassword = await fixture.App.AddUserAsync("supervision_inspector", Role.Inspector, null);
        var inspector = await fixture.NewPageAsync();
        await new LoginPage(inspector).SignInAsync("supervision_inspector", inspectorPassword);
        await inspector.GotoAsync("/supervision/inspections/" + inspectionId);
        await Expect(inspector.GetByTestId("finding-save")).ToBeVisibleAsync();
        await inspector.GetByTestId("finding-category").SelectOptionAsync(FindingCategory.Assistance.ToString());
        await Expect(inspector.GetByTestId("finding-category")).ToHaveValueAsync(FindingCategory.Assistance.ToString());
        await inspector.GetByTestId("finding-unit").SelectOptionAsync(team.ToString());
        await Expect(inspector.GetByTestId("finding-unit")).ToHaveValueAsync(team.ToString());
        await inspector.GetByTestId("finding-deadline").FillAsync(Day(deadline));
        await inspector.GetByTestId("finding-description").FillAsync(description);
        await inspector.GetByTestId("finding-save").ClickAsync();
        await inspector.WaitForURLAsync(new Regex("/supervision/findings/[0-9a-f-]{36}$"));
        await Expect(inspector.GetByTestId("finding-status")).ToHaveAttributeAsync("data-status", nameof(FindingStatus.Open));
        await Expect(inspector.GetByTestId("finding-status")).ToContainTextAsync(Day(deadline));
        var findingPath = new Uri(inspector.Url).AbsolutePath;
        var findingId = Guid.Parse(findingPath.Split('/')[^1]);
        // The inspector reads but does not rectify.
        await Expect(inspector.GetByTestId("rectify-submit")).ToHaveCountAsync(0);

        // The village officer finds it on /supervision and opens it through its inspection.
        var officer = await fixture.NewPageAsync();
        await new LoginPage(officer).SignInAsync(fixture.OfficerName, fixture.OfficerPassword);
        await officer.GotoAsync("/supervision");
        var row = officer.GetByTestId("inspection-row").Filter(new() { HasText = title });
        await Expect(row).ToHaveAttributeAsync("data-findings", "1");
        await Expect(row).ToHaveAttributeAsync("data-closed", "0");
        await row.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await officer.WaitForURLAsync("**/supervision/inspections/" + inspectionId);
        var findingRow = officer.GetByTestId("finding-row").Filter(new() { HasText = description });
        await Expect(findingRow).ToHaveAttributeAsync("data-status", nameof(FindingStatus.Open));
        await Expect(officer.GetByTestId("finding-save")).ToHaveCountAsync(0);
        await findingRow.GetByRole(AriaRole.Link, new() { Name = description }).ClickAsync();
        await officer.WaitForURLAsync("**" + findingPath);

        // Rectifies: the measures, an evidence file, then submits.
        await Expect(officer.GetByTestId("rectify-submit")).ToBeVisibleAsync();
        await officer.GetByTestId("rectify-measures").FillAsync("已逐户核实帮扶措施并更正台账");
        await officer.GetByTestId("rectify-upload").SetFileAsync(new FilePayload { Name = "整改材料.pdf", MimeType = "application/pdf", Buffer = Pdf });
        await Expect(officer.GetByTestId("finding-evidence")).ToContainTextAsync("整改材料.pdf");
        await officer.GetByTestId("rectify-submit").ClickAsync();
        await Expect(officer.GetByTestId("finding-status")).ToHaveAttributeAsync("data-status", nameof(FindingStatus.Submitted));
        await Expect(officer.GetByTestId("finding-measures")).ToContainTextAsync("已逐户核实帮扶措施并更正台账");
        await Expect(officer.GetByTestId("rectify-submit")).ToHaveCountAsync(0);
        await Expect(officer.GetByTestId("finding-close")).ToHaveCountAsync(0);

        // Before it is closed: the township's "findings closed on time" in the assessment (counted / found).
        var townshipId = county.Villages[BrowserFixture.Village].TownshipId;
        var assessment = $"/supervision/assessment?year={county.Today.Year}&unit={townshipId}";
        await inspector.GotoAsync(assessment);
        var onTime = inspector.GetByTestId("assessment-indicator").And(inspector.Locator("[data-code='T6']"));
        await Expect(inspector.GetByTestId("assessment-detail")).ToHaveAttributeAsync("data-id", townshipId.ToString());
        await Expect(onTime).ToHaveAttributeAsync("data-counted", new Regex(@"^\d+/\d+$"));
        var before = (await onTime.GetAttributeAsync("data-counted"))!.Split('/').Select(int.Parse).ToArray();

        // The inspector closes it.
        await inspector.GotoAsync(findingPath);
        await Expect(inspector.GetByTestId("finding-evidence")).ToContainTextAsync("整改材料.pdf");
        await inspector.GetByTestId("finding-close").ClickAsync();
        await Expect(inspector.GetByTestId("finding-status")).ToHaveAttributeAsync("data-status", nameof(FindingStatus.Closed));
        await Expect(inspector.GetByTestId("finding-close")).ToHaveCountAsync(0);

        // Closed on /supervision: the inspection's row counts it, the status filter finds it, for the inspector and the village.
        foreach (var reader in new[] { inspector, officer })
        {
            await reader.GotoAsync("/supervision");
            var closedRow = reader.GetByTestId("inspection-row").Filter(new() { HasText = title });
            await Expect(closedRow).ToHaveAttributeAsync("data-findings", "1");
            await Expect(closedRow).ToHaveAttributeAsync("data-closed", "1");
            await reader.GetByTestId("supervision-status-filter").SelectOptionAsync(nameof(FindingStatus.Closed));
            await Expect(reader.GetByTestId("inspection-row").Filter(new() { HasText = title })).ToHaveCountAsync(1);
            await reader.GetByTestId("supervision-status-filter").SelectOptionAsync(nameof(FindingStatus.Open));
            await Expect(reader.GetByTestId("inspection-row").Filter(new() { HasText = title })).ToHaveCountAsync(0);
        }
        // The closed finding is counted in the assessment: one more closed on time, out of the same findings.
        await inspector.GotoAsync(assessment);
        await Expect(onTime).ToHaveAttributeAsync("data-counted", $"{before[0] + 1}/{before[1]}");
        await Expect(onTime.GetByTestId("assessment-source")).ToHaveAttributeAsync("href", "/supervision");
        var closedCount = int.Parse(await officer.GetByTestId("supervision-counts").GetAttributeAsync("data-closed") ?? "0", CultureInfo.InvariantCulture);
        Assert.True(closedCount >= 1);
        var stored = await county.QueryAsync(db => db.Findings.Where(f => f.Id == findingId).Select(f => new { f.Status, f.ClosedOn }).SingleAsync());
        Assert.Equal((FindingStatus.Closed, (DateOnly?)county.Today), (stored.Status, stored.ClosedOn));
    }

    [Fact]
    public async Task AnotherVillagesOfficer_FindsNoFindingAndNoForm_AndAnAnonymousVisitorIsSentToSignIn()
    {
        var findingId = await FindingAsync("督查旅程攻击督查", "督查旅程攻击：档案不全");
        var password = await fixture.App.AddUserAsync("supervision_laocha", Role.VillageOfficer, OtherVillage);
        var page = await fixture.NewPageAsync();
        await new LoginPage(page).SignInAsync("supervision_laocha", password);
        await page.GotoAsync("/supervision/findings/" + findingId);
        await Expect(page.GetByTestId("problems")).ToContainTextAsync("找不到该问题");
        await Expect(page.GetByTestId("finding-status")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("rectify-measures")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("rectify-submit")).ToHaveCountAsync(0);
        await page.GotoAsync("/supervision");
        await Expect(page.GetByTestId("inspections")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("inspection-row").Filter(new() { HasText = "督查旅程攻击督查" })).ToHaveCountAsync(0);

        var visitor = await fixture.NewPageAsync();
        await visitor.GotoAsync("/supervision");
        await Expect(visitor).ToHaveURLAsync(new Regex("/login"));
        await Expect(visitor.GetByLabel("登录名")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task AtAPhonesWidth_TheFindingPageAndTheList_DoNotScrollSideways()
    {
        var findingId = await FindingAsync("督查旅程窄屏督查", "督查旅程窄屏：收入核算有误，需要逐户重新核算并张榜公示后报乡镇审核");
        var page = await fixture.NewPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        await new LoginPage(page).SignInAsync(fixture.OfficerName, fixture.OfficerPassword);
        await page.GotoAsync("/supervision/findings/" + findingId);
        await Expect(page.GetByTestId("rectify-submit")).ToBeVisibleAsync();
        await AssertNoSidewaysScrollAsync(page, "finding");
        await page.GotoAsync("/supervision");
        await Expect(page.GetByTestId("inspection-row").Filter(new() { HasText = "督查旅程窄屏督查" })).ToBeVisibleAsync();
        await AssertNoSidewaysScrollAsync(page, "/supervision");

        // The assessment at a phone's width, as an inspector (a village officer is refused it).
        await page.GotoAsync("/supervision/assessment");
        await Expect(page.GetByTestId("problems")).ToBeVisibleAsync();
        var password = await fixture.App.AddUserAsync("assessment_phone", Role.Inspector, null);
        var inspector = await fixture.NewPageAsync();
        await inspector.SetViewportSizeAsync(390, 844);
        await new LoginPage(inspector).SignInAsync("assessment_phone", password);
        await inspector.GotoAsync($"/supervision/assessment?unit={fixture.County.Villages[BrowserFixture.Village].TownshipId}");
        await Expect(inspector.GetByTestId("assessment-indicator").First).ToBeVisibleAsync();
        await AssertNoSidewaysScrollAsync(inspector, "/supervision/assessment");
    }

    [Fact]
    public async Task APlannedInspection_IsShownAsPlanned_AndTheInspectorFillsInItsVisitDay_AtAPhonesWidth()
    {
        var county = fixture.County;
        const string title = "督查旅程计划督查";
        var (villageId, townshipId) = county.Villages[BrowserFixture.Village];
        var planned = await county.As<RecordInspection>(county.Inspector).HandleAsync(new RecordInspection.Request(
            InspectionKind.Unannounced, county.Today.Year, title, null, townshipId, villageId, county.Today.AddDays(3), null, "王督查"));

        // The village's officer reads it, planned, with no edit form.
        var officer = await fixture.NewPageAsync();
        await new LoginPage(officer).SignInAsync(fixture.OfficerName, fixture.OfficerPassword);
        await officer.GotoAsync("/supervision/inspections/" + planned.Id);
        await Expect(officer.GetByTestId("inspection-summary")).ToHaveAttributeAsync("data-stage", nameof(InspectionStatus.Planned));
        await Expect(officer.GetByTestId("inspection-edit-open")).ToHaveCountAsync(0);

        var password = await fixture.App.AddUserAsync("supervision_planner", Role.Inspector, null);
        var page = await fixture.NewPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        await new LoginPage(page).SignInAsync("supervision_planner", password);
        // The list shows it as planned, and its filter keeps it.
        await page.GotoAsync("/supervision");
        await page.GetByTestId("supervision-stage-filter").SelectOptionAsync(nameof(InspectionStatus.Planned));
        var row = page.GetByTestId("inspection-row").Filter(new() { HasText = title });
        await Expect(row).ToHaveAttributeAsync("data-stage", nameof(InspectionStatus.Planned));
        await Expect(row).ToContainTextAsync("计划中");
        await AssertNoSidewaysScrollAsync(page, "/supervision planned");

        // On its page: no finding form until visited; the inspector fills in the day of the visit.
        await row.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await page.WaitForURLAsync("**/supervision/inspections/" + planned.Id);
        await Expect(page.GetByTestId("inspection-planned-hint")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("finding-save")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("inspection-findings")).ToHaveCountAsync(0);
        await page.GetByTestId("inspection-edit-open").ClickAsync();
        await Expect(page.GetByTestId("inspection-edit")).ToBeVisibleAsync();
        await AssertNoSidewaysScrollAsync(page, "inspection edit");
        // A day after today is refused, the field named.
        await page.GetByTestId("edit-visited").FillAsync(Day(county.Today.AddDays(1)));
        await page.GetByTestId("edit-save").ClickAsync();
        await Expect(page.GetByTestId("inspection-edit-problems")).ToContainTextAsync("督查日期不能晚于今天");
        await page.GetByTestId("edit-planned").FillAsync(Day(county.Today));
        await page.GetByTestId("edit-visited").FillAsync(Day(county.Today));
        await page.GetByTestId("edit-inspectors").FillAsync("王督查、刘督查");
        await page.GetByTestId("edit-save").ClickAsync();
        await Expect(page.GetByTestId("inspection-summary")).ToHaveAttributeAsync("data-stage", nameof(InspectionStatus.Visited));
        await Expect(page.GetByTestId("inspection-visited-on")).ToHaveTextAsync(Day(county.Today));
        await Expect(page.GetByTestId("finding-save")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("inspection-no-findings")).ToHaveTextAsync("此次督查未记录问题");
        var stored = await county.QueryAsync(db => db.Inspections.Where(i => i.Id == planned.Id).Select(i => new { i.VisitedOn, i.Inspectors, i.Version }).SingleAsync());
        Assert.Equal(((DateOnly?)county.Today, "王督查、刘督查", 2), (stored.VisitedOn, stored.Inspectors, stored.Version));
    }

    private static async Task AssertNoSidewaysScrollAsync(IPage page, string what)
    {
        var (scroll, inner) = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]") switch { var a => (a[0], a[1]) };
        Assert.True(scroll <= inner + 1, $"{what}: scrollWidth {scroll} > innerWidth {inner}");
    }
}
