using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tuopin.Application.Accounts;
using Tuopin.Application.Assistance;
using Tuopin.Application.Conditions;
using Tuopin.Application.Exit;
using Tuopin.Application.Funds;
using Tuopin.Application.Organisation;
using Tuopin.Application.Plan;
using Tuopin.Application.Projects;
using Tuopin.Application.Storage;
using Tuopin.Application.Supervision;
using Tuopin.Domain.Accounts;

namespace Tuopin.Bench;

/// <summary>
/// The annual assessment (<c>--only assessment</c>): <see cref="AssessTheYear"/> for 2017 — every township and department
/// scored — as the county administrator, and as a township officer (whose figures are read as the county's). Loads what
/// the demo's later steps load where absent (plan, conditions, assistance, organisation, projects, funds, supervision).
/// The baseline is not hand-written SQL: the assessment counts nothing itself, so it is the use cases it calls
/// (GetProgress, GetFindingStats, GetEvaluation, GetAssistanceCoverage, GetFundLedger by township and by department,
/// CheckFunds), called one after the other in the same run; the ratio is what the scoring adds. Target &lt; 2 s.
/// </summary>
public sealed class AssessmentBench(BenchOptions options, Report report)
{
    private const double TargetMs = 2_000;

    public async Task RunAsync(BenchDatabase demo, DbProvider provider)
    {
        var name = DemoLoadBench.Name(provider);
        Report.Progress($"{name}: assessment: loading the demo's plan, conditions, assistance, organisation, projects, funds and supervision where absent …");
        Guid countyId;
        await using (var db = demo.Factory.CreateForOperator("bench"))
        {
            countyId = await db.Counties.Select(c => c.Id).SingleAsync();
            await LoadPlan.EnsureBuiltInAsync(db);
        }
        async Task<bool> Has(Func<TuopinDb, Task<bool>> any)
        {
            await using var db = demo.Factory.CreateForOperator("bench");
            return await any(db);
        }
        if (!await Has(db => db.VillageConditions.AnyAsync())) await LoadDemoConditions.RunAsync(demo.Factory);
        if (!await Has(db => db.Measures.AnyAsync())) await LoadDemoAssistance.RunAsync(demo.Factory);
        if (!await Has(db => db.OrgUnits.AnyAsync())) await LoadDemoOrganisation.RunAsync(demo.Factory);
        if (!await Has(db => db.Projects.AnyAsync()))
        {
            await LoadDemoProjects.RunAsync(demo.Factory);
            await LoadDemoFunds.RunAsync(demo.Factory);
        }
        if (!await Has(db => db.Inspections.AnyAsync())) await LoadDemoSupervision.RunAsync(demo.Factory);
        string township;
        Guid townshipId;
        await using (var db = demo.Factory.CreateForOperator("bench"))
        {
            await db.Database.ExecuteSqlRawAsync("ANALYZE");
            var t = await db.Townships.OrderBy(x => x.Code).Select(x => new { x.Id, x.Name }).FirstAsync();
            (townshipId, township) = (t.Id, t.Name);
        }

        var admin = new Actor(Guid.NewGuid(), "县管理员", Role.CountyAdmin, AreaScope.County(countyId));
        var officer = new Actor(Guid.NewGuid(), $"{township}专干", Role.TownshipOfficer, AreaScope.Township(countyId, townshipId));
        using var adminScope = demo.Services(admin).CreateScope();
        using var officerScope = demo.Services(officer).CreateScope();
        var sp = adminScope.ServiceProvider;
        var assess = sp.GetRequiredService<AssessTheYear>();
        var byOfficer = officerScope.ServiceProvider.GetRequiredService<AssessTheYear>();
        async Task Sources()
        {
            try { await sp.GetRequiredService<GetProgress>().HandleAsync(new GetProgress.Query(2017)); } catch (Application.Common.NotFoundException) { }
            await sp.GetRequiredService<GetFindingStats>().HandleAsync(2017, new DateOnly(2017, 12, 31));
            await sp.GetRequiredService<GetEvaluation>().HandleAsync(2017);
            await sp.GetRequiredService<GetAssistanceCoverage>().HandleAsync(new GetAssistanceCoverage.Request(2017));
            await sp.GetRequiredService<GetFundLedger>().HandleAsync(new GetFundLedger.Request("township", 2017));
            await sp.GetRequiredService<GetFundLedger>().HandleAsync(new GetFundLedger.Request("department", 2017));
            await sp.GetRequiredService<CheckFunds>().HandleAsync(new DateOnly(2017, 12, 31));
        }

        var first = await assess.HandleAsync(2017);
        Report.Progress($"{name}: assessment …");
        var (s, b) = await Measure.PairAsync(() => assess.HandleAsync(2017), Sources, options.Warmups, options.Runs);
        report.Add(new Row($"assessment: AssessTheYear 2017 ({first.Townships.Count} townships, {first.Departments.Count} departments), county", name, Report.MedianP95(s),
            $"{Report.MedianP95(b)} its source use cases", s.Median / b.Median, "< 2 s (median)", s.Median < TargetMs, $"{options.Runs} runs; CPU/call {Report.Ms(s.CpuMean)} vs {Report.Ms(b.CpuMean)}"));
        var (o, b2) = await Measure.PairAsync(() => byOfficer.HandleAsync(2017), Sources, options.Warmups, options.Runs);
        report.Add(new Row($"assessment: AssessTheYear 2017 as {township}'s officer (county figures, own detail)", name, Report.MedianP95(o),
            $"{Report.MedianP95(b2)} its source use cases", o.Median / b2.Median, "< 2 s (median)", o.Median < TargetMs, $"{options.Runs} runs"));
    }
}
