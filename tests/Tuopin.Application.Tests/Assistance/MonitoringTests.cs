using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Assistance;
using Tuopin.Application.Common;
using Tuopin.Application.Registry;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Assistance;
using Tuopin.Domain.Registry;
using Tuopin.Testing;

namespace Tuopin.Application.Tests.Assistance;

/// <summary>The return-to-poverty watch as cases: enrolled, reviewed, closed as risk removed or as a return recorded in the registry.</summary>
public sealed class MonitoringTests
{
    private const string Village = "三胡乡/黄柏园村", Other = "翔凤镇/老茶村";

    private static async Task ExitAsync(TestCounty county, Guid id)
    {
        var version = await county.QueryAsync(db => db.Households.Where(h => h.Id == id).Select(h => h.Version).SingleAsync());
        await county.As<ChangeHouseholdStatus>(county.Admin).HandleAsync(new ChangeHouseholdStatus.Request(id, version, HouseholdStatus.Exited, 2016, new DateOnly(2016, 12, 15), "测试"));
    }

    private static Task<int> VersionAsync(TestCounty county, Guid caseId) =>
        county.QueryAsync(db => db.MonitoringCases.Where(c => c.Id == caseId).Select(c => c.Version).SingleAsync());

    [Theory, BothDatabases]
    public async Task ACase_IsEnrolledReviewedAndClosed_AndCountedByVillage_AndAReturnIsTheRegistrysEvent(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var today = county.Today;
        var (a, b, c) = (await county.AddHouseholdAsync(Village), await county.AddHouseholdAsync(Village), await county.AddHouseholdAsync(Other));
        foreach (var id in new[] { a, b, c }) await ExitAsync(county, id);
        var officer = county.VillageOfficer(Village);

        var caseA = await county.As<EnrollForMonitoring>(officer).HandleAsync(new EnrollForMonitoring.Request(a, MonitoringRisk.IllnessOrDisability, "户主大病住院", today.AddDays(-100), today.AddDays(-10)));
        var caseB = await county.As<EnrollForMonitoring>(officer).HandleAsync(new EnrollForMonitoring.Request(b, MonitoringRisk.IncomeNearLine, "务工收入减少"));
        await county.As<EnrollForMonitoring>(county.Admin).HandleAsync(new EnrollForMonitoring.Request(c, MonitoringRisk.Disaster, "房屋受灾"));

        // One open case a household.
        var twice = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<EnrollForMonitoring>(officer).HandleAsync(new EnrollForMonitoring.Request(a, MonitoringRisk.Other, "再次")));
        Assert.Equal(("householdId", "monitoring.open"), (twice.Problems[0].Field, twice.Problems[0].Code));
        // Another village's household is not there for this officer; an inspector reads but does not write.
        await Assert.ThrowsAsync<NotFoundException>(() => county.As<EnrollForMonitoring>(officer).HandleAsync(new EnrollForMonitoring.Request(c, MonitoringRisk.Other, "越权")));
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<EnrollForMonitoring>(county.Inspector).HandleAsync(new EnrollForMonitoring.Request(a, MonitoringRisk.Other, "只读")));

        // Case A is overdue; the county sees it by township, the village officer its own cases only.
        var county0 = await county.As<ListMonitoringCases>(county.Admin).HandleAsync(new ListMonitoringCases.Request());
        Assert.Equal((3, 1, 0, 0, AreaLevel.Township), (county0.Open, county0.Overdue, county0.RiskRemoved, county0.Returned, county0.BreakdownLevel));
        Assert.Equal(2, county0.ByArea.Count);
        Assert.Equal(caseA, county0.Cases.Items[0].Id);
        Assert.True(county0.Cases.Items[0].Overdue);
        var mine = await county.As<ListMonitoringCases>(officer).HandleAsync(new ListMonitoringCases.Request());
        Assert.Equal((2, null), (mine.Cases.Total, mine.BreakdownLevel));
        Assert.DoesNotContain(mine.Cases.Items, r => r.HouseholdId == c);

        // A review moves the next visit; a day before the enrolment is refused by field.
        var early = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<ReviewMonitoringCase>(officer)
            .HandleAsync(new ReviewMonitoringCase.Request(caseA, 1, today.AddDays(-200), "回访", today.AddDays(30))));
        Assert.Equal("reviewedOn", early.Problems[0].Field);
        await county.As<ReviewMonitoringCase>(officer).HandleAsync(new ReviewMonitoringCase.Request(caseA, 1, today, "已出院，医保报销后自付较少", today.AddDays(90)));
        await Assert.ThrowsAsync<ConflictException>(() => county.As<ReviewMonitoringCase>(officer).HandleAsync(new ReviewMonitoringCase.Request(caseA, 1, today, "旧版本", today.AddDays(90))));
        Assert.Equal(0, (await county.As<ListMonitoringCases>(county.Admin).HandleAsync(new ListMonitoringCases.Request())).Overdue);

        // Risk removed: the officer closes it. A return: only the county, and it is the household's event.
        await county.As<CloseMonitoringCase>(officer).HandleAsync(new CloseMonitoringCase.Request(caseA, await VersionAsync(county, caseA), today, MonitoringOutcome.RiskRemoved, "收入稳定"));
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<CloseMonitoringCase>(officer)
            .HandleAsync(new CloseMonitoringCase.Request(caseB, 1, today, MonitoringOutcome.ReturnedToPoverty, "返贫")));
        await county.As<CloseMonitoringCase>(county.Admin).HandleAsync(new CloseMonitoringCase.Request(caseB, 1, today, MonitoringOutcome.ReturnedToPoverty, "务工收入中断，人均纯收入低于标准"));
        var (status, lastKind) = await county.QueryAsync(async db => (
            await db.Households.Where(h => h.Id == b).Select(h => h.Status).SingleAsync(),
            await db.StatusChanges.Where(e => e.HouseholdId == b).OrderByDescending(e => e.Sequence).Select(e => e.Kind).FirstAsync()));
        Assert.Equal((HouseholdStatus.Returned, HouseholdEventKind.ReturnToPoverty), (status, lastKind));
        var closedVersion = await VersionAsync(county, caseA);
        var closed = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<ReviewMonitoringCase>(officer)
            .HandleAsync(new ReviewMonitoringCase.Request(caseA, closedVersion, today, "结案后", today.AddDays(9))));
        Assert.Equal("monitoring.closed", closed.Problems[0].Code);

        var after = await county.As<ListMonitoringCases>(county.Admin).HandleAsync(new ListMonitoringCases.Request(OpenOnly: false));
        Assert.Equal((1, 0, 1, 1, 3), (after.Open, after.Overdue, after.RiskRemoved, after.Returned, after.Cases.Total));
        // A closed case lets the household be enrolled again; every change is in the audit.
        await county.As<EnrollForMonitoring>(officer).HandleAsync(new EnrollForMonitoring.Request(a, MonitoringRisk.Other, "再次观察"));
        Assert.True(await county.QueryAsync(db => db.AuditEntries.CountAsync(e => e.EntityType == nameof(MonitoringCase))) >= 6);
    }

    /// <summary>A county still working on a past year (the demo's 2017) reads overdue on that year's last day, not on the calendar's.</summary>
    [Theory, BothDatabases]
    public async Task Overdue_IsReadOnTheWorkingDay_WhenTheWorkingYearIsPast(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var (a, b) = (await county.AddHouseholdAsync(Village), await county.AddHouseholdAsync(Village));
        foreach (var id in new[] { a, b }) await ExitAsync(county, id);
        await county.QueryAsync(async db => { await WorkYear.SetAsync(db, 2017); return 0; });
        var enrol = county.As<EnrollForMonitoring>(county.Admin);
        await enrol.HandleAsync(new EnrollForMonitoring.Request(a, MonitoringRisk.IncomeNearLine, "收入接近标准", new DateOnly(2017, 3, 1), new DateOnly(2017, 6, 1)));
        await enrol.HandleAsync(new EnrollForMonitoring.Request(b, MonitoringRisk.IncomeNearLine, "收入接近标准", new DateOnly(2017, 11, 1), new DateOnly(2018, 1, 31)));

        var watch = await county.As<ListMonitoringCases>(county.Admin).HandleAsync(new ListMonitoringCases.Request());

        Assert.Equal(new DateOnly(2017, 12, 31), watch.Today);
        Assert.Equal((2, 1), (watch.Open, watch.Overdue));
        Assert.Equal([(a, true), (b, false)], watch.Cases.Items.Select(r => (r.HouseholdId, r.Overdue)).ToList());
    }
}
