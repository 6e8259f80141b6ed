using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Funds;
using Tuopin.Application.Projects;
using Tuopin.Browser.Tests.Pages;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Funds;
using Tuopin.Domain.Projects;
using static Microsoft.Playwright.Assertions;

namespace Tuopin.Browser.Tests.Projects;

/// <summary>
/// The project and fund pages attacked in the browser: a village officer reaching for another village's project, the
/// ledger and another village's household; an inspector who reads but finds no write form, and whose crafted post is
/// refused with nothing written; an anonymous visitor sent to sign in.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ProjectPagesAccessJourneyTests(BrowserFixture fixture) : BrowserTest(fixture)
{
    private const string OtherVillage = "翔凤镇/老茶村";

    /// <summary>A project of the other village, noticed 40 days back, with money allocated and one household of that village paid.</summary>
    private async Task<(Guid ProjectId, Guid AllocationId, string HouseholdNumber)> OtherVillageProjectAsync(string name)
    {
        var county = fixture.County;
        var admin = county.Admin;
        var on = county.Today.AddDays(-40);
        var (villageId, townshipId) = county.Villages[OtherVillage];
        var number = await county.QueryAsync(db => db.Households.Where(h => h.VillageId == villageId).OrderBy(h => h.Number).Select(h => h.Number).FirstAsync());
        var householdId = await county.QueryAsync(db => db.Households.Where(h => h.Number == number).Select(h => h.Id).SingleAsync());
        var p = await county.As<PlanProject>(admin).HandleAsync(new(new PlanProject.Fields(name, ProjectCategory.Water, on.Year, [villageId], townshipId, null, 90_000m, 1m, "处", PlannedOn: on)));
        p = await county.As<ApplyForProject>(admin).HandleAsync(new(p.Id, p.Version, on));
        p = await county.As<ApproveProject>(admin).HandleAsync(new(p.Id, p.Version, on, "来政扶发〔攻击〕" + name));
        p = await county.As<PublishProjectNotice>(admin).HandleAsync(new(p.Id, p.Version, on, 7));
        await county.As<SetProjectBeneficiaries>(admin).HandleAsync(new(p.Id, p.Version, [householdId]));
        var source = await county.As<RegisterFundSource>(admin).HandleAsync(new(FundLevel.County, "县财政局", "来财〔攻击〕" + name, on.Year, on, 50_000m, IntegrationCategory.ConditionImprovement));
        var allocation = await county.As<AllocateFunds>(admin).HandleAsync(new(source.Id, p.Id, county.Today, 20_000m));
        await county.As<RecordDisbursement>(admin).HandleAsync(new(allocation.Id, county.Today, [new RecordDisbursement.Payment(3_456m, HouseholdNumber: number, SubsidyType: "饮水补助")]));
        return (p.Id, allocation.Id, number);
    }

    [Fact]
    public async Task AnotherVillagesOfficer_FindsNeitherTheProjectNorTheLedgerNorTheHouseholdsPayments()
    {
        var (projectId, _, number) = await OtherVillageProjectAsync("攻击老茶村饮水一");
        var page = await fixture.NewPageAsync();
        await new LoginPage(page).SignInAsync(fixture.OfficerName, fixture.OfficerPassword);

        await page.GotoAsync("/projects/" + projectId);
        await Expect(page.GetByTestId("project-refused")).ToContainTextAsync("找不到该项目");
        await Expect(page.GetByTestId("project-fields")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("project-funds")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("project-beneficiaries")).ToHaveCountAsync(0);

        await page.GotoAsync("/funds");
        await Expect(page.GetByTestId("funds-no-access")).ToBeVisibleAsync();
        await Expect(page.Locator("table")).ToHaveCountAsync(0);

        await page.GotoAsync("/funds/trace?household=" + Uri.EscapeDataString(number));
        await Expect(page.GetByTestId("trace-error")).ToContainTextAsync("找不到该户");
        await Expect(page.GetByTestId("trace-household-total")).ToHaveCountAsync(0);
        await Expect(page.GetByText("3,456.00")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task AnInspector_ReadsTheProjectAndItsMoney_FindsNoWriteForm_AndACraftedPostIsRefusedWithNothingWritten()
    {
        var (projectId, allocationId, number) = await OtherVillageProjectAsync("攻击老茶村饮水二");
        var password = await fixture.App.AddUserAsync("project_inspector", Role.Inspector, null);
        var page = await fixture.NewPageAsync();
        await new LoginPage(page).SignInAsync("project_inspector", password);

        await page.GotoAsync("/projects/" + projectId);
        await Expect(page.GetByTestId("project-fields")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("project-payment-row")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("project-payment-row")).ToContainTextAsync("3,456.00");
        await Expect(page.GetByTestId("beneficiary")).ToHaveCountAsync(1);
        foreach (var form in new[] { "project-step-form", "allocate-form", "payment-form", "refund-form", "payment-refund-open", "beneficiary-search", "beneficiaries-save" })
            await Expect(page.GetByTestId(form)).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("project-next-refusal")).ToContainTextAsync("督查人员只能查看项目和标记问题");

        await page.GotoAsync("/funds/settings");
        await Expect(page.GetByTestId("settings-read-only")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("fund-settings-save")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("setting-idle-days")).ToBeDisabledAsync();

        // A payment crafted in the page with the inspector's cookie and a valid antiforgery token: refused, nothing written.
        var before = await fixture.County.QueryAsync(db => db.Disbursements.CountAsync(d => d.ProjectId == projectId));
        var status = await page.EvaluateAsync<int>(@"async ([allocationId, number]) => {
            const token = await (await fetch('/api/v1/auth/antiforgery')).json();
            const response = await fetch('/api/v1/funds/disbursements', {
                method: 'POST',
                headers: { 'Content-Type': 'application/json', [token.headerName]: token.token },
                body: JSON.stringify({ allocationId, paidOn: new Date().toISOString().slice(0, 10), payments: [{ amount: 100, householdNumber: number, subsidyType: '伪造' }] }) });
            return response.status;
        }", new object[] { allocationId.ToString(), number });
        Assert.Equal(403, status);
        var settings = await page.EvaluateAsync<int>(@"async () => {
            const token = await (await fetch('/api/v1/auth/antiforgery')).json();
            const response = await fetch('/api/v1/projects/notice-days', {
                method: 'PUT', headers: { 'Content-Type': 'application/json', [token.headerName]: token.token }, body: JSON.stringify({ days: 1 }) });
            return response.status;
        }");
        Assert.Equal(403, settings);
        Assert.Equal(before, await fixture.County.QueryAsync(db => db.Disbursements.CountAsync(d => d.ProjectId == projectId)));
        Assert.Null(await fixture.County.QueryAsync(db => db.Settings.Where(s => s.Key == ProjectRules.MinimumNoticeDaysKey && s.Value == "1").Select(s => s.Value).FirstOrDefaultAsync()));
    }

    [Theory]
    [InlineData("/projects")]
    [InlineData("/funds")]
    [InlineData("/funds/settings")]
    [InlineData("/notices/objections")]
    public async Task AnAnonymousVisitor_IsSentToSignIn(string path)
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(path);
        await Expect(page).ToHaveURLAsync(new Regex("/login"));
        await Expect(page.GetByLabel("登录名")).ToBeVisibleAsync();
    }
}
