using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Assistance;
using Tuopin.Application.Exit;
using Tuopin.Application.Storage;
using Tuopin.Domain.Assistance;
using Tuopin.Testing;

namespace Tuopin.Application.Tests.Demo;

public sealed class DemoAssistanceTests
{
    private static readonly string[] MatchRules =
    [
        "no_measures", "schooling_without_education", "illness_without_health", "capital_without_credit", "no_labour_without_floor",
        "unsafe_house_without_housing", "school_age_without_education", "floor_household_without_floor",
    ];

    /// <summary>The demo's assistance work covers the working year's poor households, and the coverage finds exactly the gaps left on purpose.</summary>
    [Theory, BothDatabases]
    public async Task Demo_HasAssistance_AndCoverageFindsTheGapsLeftOnPurpose(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider, demo: true);
        var gaps = LoadDemoAssistance.Left;

        var coverage = await county.As<GetAssistanceCoverage>(county.Admin).HandleAsync(new GetAssistanceCoverage.Request());
        Assert.Equal(2017, coverage.Year);
        Assert.Equal(1_357, coverage.PoorHouseholds); // the 2017 exits and the two that stay poor
        int Count(string rule) => coverage.Rules.Single(r => r.Code == rule).Count;
        Assert.Equal(gaps.WithoutCadre, Count("no_cadre"));
        Assert.Equal(gaps.EndedWithoutSuccessor, Count("cadre_ended"));
        Assert.Equal(coverage.PoorHouseholds - gaps.WithoutCadre - gaps.EndedWithoutSuccessor, coverage.WithCadre);
        Assert.Equal(gaps.DoneWithoutEffect, Count("done_without_effect"));
        Assert.Equal(coverage.PoorHouseholds, coverage.WithMeasures);
        // Every household's measures match its causes.
        Assert.All(MatchRules, rule => Assert.True(Count(rule) == 0, $"{rule}: {Count(rule)}"));
        Assert.Equal(gaps.VillagesWithoutTeam, coverage.VillagesWithoutTeam.Count);
        Assert.Equal(AssistanceRules.DefaultCadreLoadLimit, coverage.CadreLoadLimit);
        Assert.Equal(gaps.OverloadedCadres, coverage.OverloadedCadres.Count);
        Assert.All(coverage.OverloadedCadres, c => Assert.Equal(6, c.Households));
        // No 2017 line in the demo: the plans wait for the administrator's.
        Assert.Equal(coverage.PoorHouseholds, coverage.PlansUnjudged);
        Assert.Equal(0, Count("plan_insufficient"));

        var cadres = await county.QueryAsync(db => db.Cadres.CountAsync());
        Assert.InRange(cadres, coverage.PoorHouseholds / 5, coverage.PoorHouseholds / 3);
        Assert.True(await county.QueryAsync(db => db.CadreAssignments.AnyAsync(a => a.EndedOn != null && a.EndReason == "更换帮扶责任人")));
        Assert.Equal(gaps.EndedWithoutSuccessor, (await county.As<ListAssistanceFindings>(county.Inspector)
            .HandleAsync(new ListAssistanceFindings.Request("cadre_ended"))).Households.Total);

        // Against 2017's national line, most plans lift their household over it; the few chosen not to, don't.
        await county.As<SetPovertyLine>(county.Admin).HandleAsync(new SetPovertyLine.Request(2017, LoadDemoAssistance.PlannedLine, "测试"));
        var judged = await county.As<GetAssistanceCoverage>(county.Admin).HandleAsync(new GetAssistanceCoverage.Request());
        Assert.Equal(0, judged.PlansUnjudged);
        Assert.Equal(gaps.PlansInsufficient, judged.Rules.Single(r => r.Code == "plan_insufficient").Count);
        Assert.Equal(judged.PoorHouseholds - gaps.PlansInsufficient, judged.PlansSufficient);
    }
}
