using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Industry;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Industry;

/// <summary>
/// The “121” check of every poor village of the actor's area (<see cref="IndustryRules.Check121"/>): the kinds of
/// the market entities serving it, and its leading industry, the plan industry (a part counted as the industry it is
/// part of: vine tea as tea) with the most of its households taking part up to the year; the parts missing are named.
/// Three queries whatever the area's size.
/// </summary>
public sealed class CheckVillages121(Database database)
{
    public sealed record Query(int? Year = null, bool MissingOnly = false);

    public sealed record PartName(Part121 Part, LocalText Name);

    public sealed record Row(Guid VillageId, string Village, Guid TownshipId, string Township, int? PlannedExitYear,
        IReadOnlyList<string> Entities, string? LeadingIndustry, string? LeadingIndustryName, int LeadingHouseholds, IReadOnlyList<PartName> Missing);

    public sealed record Result(int Year, int PoorVillages, int Complete, IReadOnlyList<Row> Villages);

    public async Task<Result> HandleAsync(Query query, CancellationToken ct = default)
    {
        var actor = database.Actor;
        await using var db = database.Open();
        var year = query.Year ?? await WorkYear.GetAsync(db, database.Clock, ct);
        var industries = await IndustryAccess.PlanIndustriesAsync(db, actor, ct);
        var parent = new Dictionary<string, string>();
        foreach (var i in industries) foreach (var part in i.Parts ?? []) parent[part] = i.Id;
        var order = industries.Where(i => !parent.ContainsKey(i.Id)).Select(i => i.Id).ToList();
        var names = industries.ToDictionary(i => i.Id, i => i.Name);

        var villages = await Places.ListPlaces.InArea(db, actor).Where(v => v.IsPoor).OrderBy(v => v.Code)
            .Select(v => new { v.Id, v.Name, v.TownshipId, Township = v.Township!.Name, v.PlannedExitYear }).ToListAsync(ct);
        var ids = villages.Select(v => v.Id).ToList();
        var entities = (await db.MarketEntityVillages.AsNoTracking().Where(l => ids.Contains(l.VillageId))
                .Join(db.MarketEntities, l => l.MarketEntityId, e => e.Id, (l, e) => new { l.VillageId, e.Kind, e.Name }).ToListAsync(ct))
            .ToLookup(e => e.VillageId);
        var households = (await db.IndustryParticipations.AsNoTracking().Where(p => p.CancelledOn == null && p.Year <= year)
                .Join(db.Households.Where(HouseholdStanding.Registered()), p => p.HouseholdId, h => h.Id, (p, h) => p)
                .GroupBy(p => new { p.VillageId, p.IndustryId, p.HouseholdId }).Select(g => g.Key).ToListAsync(ct))
            .ToLookup(p => p.VillageId);

        var rows = new List<Row>();
        foreach (var v in villages)
        {
            var byIndustry = households[v.Id].GroupBy(p => parent.GetValueOrDefault(p.IndustryId, p.IndustryId))
                .ToDictionary(g => g.Key, g => g.Select(p => p.HouseholdId).Distinct().Count());
            var check = IndustryRules.Check121(new Village121Facts(entities[v.Id].Select(e => e.Kind).ToHashSet(), byIndustry), order);
            if (query.MissingOnly && check.Complete) continue;
            rows.Add(new Row(v.Id, v.Name, v.TownshipId, v.Township, v.PlannedExitYear,
                entities[v.Id].OrderBy(e => e.Kind).ThenBy(e => e.Name).Select(e => e.Name).ToList(),
                check.LeadingIndustry, check.LeadingIndustry is { } l ? names.GetValueOrDefault(l, l) : null,
                check.LeadingIndustry is { } li ? byIndustry[li] : 0,
                check.Missing.Select(m => new PartName(m, IndustryRules.Parts121.Name(m))).ToList()));
        }
        var complete = query.MissingOnly ? villages.Count - rows.Count : rows.Count(r => r.Missing.Count == 0);
        return new Result(year, villages.Count, complete, rows);
    }
}
