using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Storage;
using Tuopin.Application.Supervision;
using Tuopin.Domain.Supervision;
using Tuopin.Testing;

namespace Tuopin.Application.Tests.Supervision;

/// <summary>The supervision demo on the demo county: its inspections (two of them only planned) and findings, the overdue and late ones it leaves on purpose, and two accountability cases.</summary>
public sealed class SupervisionDemoTests
{
    [Fact]
    public async Task TheDemo_LeavesItsOverdueAndLateFindings_AndTwoCases()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite, demo: true);
        await global::Tuopin.Application.Organisation.LoadDemoOrganisation.RunAsync(county.Factory);
        await global::Tuopin.Application.Funds.LoadDemoFunds.RunAsync(county.Factory);
        var result = await LoadDemoSupervision.RunAsync(county.Factory);
        Assert.Equal(LoadDemoSupervision.Left.Overdue, result.Overdue);
        Assert.Equal(2, result.Cases);
        Assert.True(result.Inspections >= 6);
        // The plan: two inspections after today, not visited, without findings.
        var planned = await county.As<ListInspections>(county.Inspector).HandleAsync(new ListInspections.Request(Stage: InspectionStatus.Planned));
        Assert.Equal(2, planned.Total);
        Assert.All(planned.Inspections.Items, i => Assert.True(i.VisitedOn is null && i.PlannedOn > county.Today && i.Findings == 0));
        var targets = await county.QueryAsync(db => db.Findings.Where(f => f.TargetKind != null).Select(f => f.TargetKind!.Value).Distinct().ToListAsync());
        Assert.Contains(FindingTarget.Household, targets);
        Assert.Contains(FindingTarget.Village, targets);
        // The payment finding names the payment's project (its page shows the payment), for the finding page's link.
        var payment = await county.QueryAsync(db => db.Findings.Where(f => f.TargetKind == FindingTarget.Payment)
            .Select(f => new { f.Id, Project = db.Disbursements.Where(d => d.Id == f.TargetId).Select(d => d.ProjectId).Single() }).SingleAsync());
        Assert.Equal(payment.Project, (await county.As<GetFinding>(county.Inspector).HandleAsync(payment.Id)).TargetProjectId);
        var stats2016 = await county.As<GetFindingStats>(county.Inspector).HandleAsync(2016);
        var stats2017 = await county.As<GetFindingStats>(county.Inspector).HandleAsync(2017);
        Assert.Equal(LoadDemoSupervision.Left.ClosedLate, stats2016.Total.Closed + stats2017.Total.Closed - stats2016.Total.ClosedOnTime - stats2017.Total.ClosedOnTime);
        Assert.Equal(LoadDemoSupervision.Left.Overdue, (await county.As<ListFindings>(county.Inspector).HandleAsync(new ListFindings.Request(OverdueOnly: true))).Overdue);
        // The findings lie in their inspections' areas, and the township officer of each sees its own.
        var areas = await county.QueryAsync(db => db.Findings.Where(f => f.TownshipId != null).Select(f => f.TownshipId!.Value).Distinct().ToListAsync());
        var name = county.Townships.Single(t => t.Value == areas[0]).Key;
        var seen = await county.As<ListFindings>(county.TownshipOfficer(name)).HandleAsync(new ListFindings.Request());
        Assert.True(seen.Total > 0);
        Assert.All(seen.Findings.Items, f => Assert.Equal(name, f.Township));
        await Assert.ThrowsAsync<global::Tuopin.Application.Common.ConflictException>(() => LoadDemoSupervision.RunAsync(county.Factory));
    }
}
