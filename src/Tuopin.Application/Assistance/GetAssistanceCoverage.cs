using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Assistance;
using Tuopin.Domain.Common;

namespace Tuopin.Application.Assistance;

/// <summary>
/// The assistance coverage of the user's area in a year (帮扶工作覆盖情况): how many poor households there are, how
/// many have a cadre, measures and a sufficient plan, and for every rule how many households it finds, in total and
/// one level below the user's area (by township for the county, by village for a township). Also the cadres above
/// the county's load limit and the poor villages without a work team. An optional township narrows a county
/// user's counts.
/// </summary>
public sealed class GetAssistanceCoverage(Database database)
{
    /// <summary>Day: The day the coverage is counted on (a half-year summary's 30 June); by default today in the current year, else the year's end.</summary>
    public sealed record Request(int? Year = null, Guid? TownshipId = null, DateOnly? Day = null);

    public sealed record AreaCount(Guid AreaId, string Area, int Count);

    public sealed record RuleCount(string Code, AssistanceRuleKind Kind, LocalText Name, LocalText Explanation, int Count, IReadOnlyList<AreaCount> ByArea);

    public sealed record OverloadedCadre(Guid Id, string Name, string WorkUnit, int Households);

    public sealed record VillageWithoutTeam(Guid Id, string Township, string Village);

    public sealed record Result(
        int Year, DateOnly Day, int PoorHouseholds, int WithCadre, int WithMeasures, int PlansSufficient, int PlansUnjudged,
        IReadOnlyList<RuleCount> Rules, AreaLevel? BreakdownLevel,
        int CadreLoadLimit, IReadOnlyList<OverloadedCadre> OverloadedCadres, IReadOnlyList<VillageWithoutTeam> VillagesWithoutTeam)
    {
        /// <summary>Every gap and rule finding, cadres and villages included: 0 means nothing is open.</summary>
        public int Open => Rules.Sum(r => r.Count) + OverloadedCadres.Count + VillagesWithoutTeam.Count;
    }

    public async Task<Result> HandleAsync(Request request, CancellationToken ct = default)
    {
        var actor = database.Actor;
        await using var db = database.Open();
        var year = request.Year ?? await WorkYear.GetAsync(db, database.Clock, ct);
        var day = request.Day ?? AssistanceRules.DayOf(year, database.Clock.Today());
        var households = AssistanceFacts.PoorIn(db, year);
        if (request.TownshipId is { } township) households = households.Where(h => h.TownshipId == township);
        var facts = await AssistanceFacts.BuildAsync(db, households, year, day, ct);

        var level = request.TownshipId is not null ? AreaLevel.Village : actor.Scope.Level switch
        {
            AreaLevel.Everything or AreaLevel.County => AreaLevel.Township,
            AreaLevel.Township => AreaLevel.Village,
            _ => (AreaLevel?)null,
        };
        var names = level switch
        {
            AreaLevel.Township => await db.Townships.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, ct),
            AreaLevel.Village => await db.Villages.AsNoTracking().Where(v => facts.Select(f => f.VillageId).Distinct().Contains(v.Id)).ToDictionaryAsync(v => v.Id, v => v.Name, ct),
            _ => [],
        };
        Guid AreaOf(HouseholdFacts f) => level == AreaLevel.Township ? f.TownshipId : f.VillageId;

        var rules = AssistanceRules.All.Select(rule =>
        {
            var found = facts.Where(rule.Finds).ToList();
            var byArea = level is null ? [] : found.GroupBy(AreaOf)
                .Select(g => new AreaCount(g.Key, names.GetValueOrDefault(g.Key, string.Empty), g.Count()))
                .OrderBy(a => a.Area, StringComparer.Ordinal).ToList();
            return new RuleCount(rule.Code, rule.Kind, rule.Name, rule.Explanation, found.Count, byArea);
        }).ToList();

        var limit = await AssistanceAccess.CadreLoadLimitAsync(db, ct);
        // A cadre's load counts every household paired with them on the day, across the county: a township sees its own
        // cadres' whole load, since the limit is the cadre's, not the area's.
        var areaCadres = db.CadreAssignments.AsNoTracking().Where(a => a.StartedOn <= day && (a.EndedOn == null || a.EndedOn >= day)).Select(a => a.CadreId);
        var overloaded = await AssistanceAccess.CadresOf(db, actor).AsNoTracking()
            .Where(c => areaCadres.Contains(c.Id))
            .Select(c => new { c.Id, c.Name, c.WorkUnit, Households = db.CadreAssignments.IgnoreQueryFilters().Count(a => a.CadreId == c.Id && a.StartedOn <= day && (a.EndedOn == null || a.EndedOn >= day)) })
            .Where(c => c.Households > limit)
            .OrderByDescending(c => c.Households).ThenBy(c => c.Name)
            .ToListAsync(ct);

        var villages = AssistanceAccess.VillagesOf(db, actor).Where(v => v.IsPoor);
        if (request.TownshipId is { } t) villages = villages.Where(v => v.TownshipId == t);
        var withoutTeam = await villages
            .Where(v => !db.WorkTeams.Any(w => w.VillageId == v.Id && w.StartedOn <= day && (w.EndedOn == null || w.EndedOn >= day)))
            .OrderBy(v => v.Township!.Name).ThenBy(v => v.Name)
            .Select(v => new VillageWithoutTeam(v.Id, v.Township!.Name, v.Name))
            .ToListAsync(ct);

        return new Result(year, day, facts.Count, facts.Count(f => f.HasCadre), facts.Count(f => f.Measures.Any(m => m.Status != MeasureStatus.Cancelled)),
            facts.Count(f => f.Plan.Sufficient == true), facts.Count(f => f.Plan.Sufficient is null), rules, level,
            limit, overloaded.Select(c => new OverloadedCadre(c.Id, c.Name, c.WorkUnit, c.Households)).ToList(), withoutTeam);
    }
}
