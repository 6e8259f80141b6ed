using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Industry;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Industry;

/// <summary>
/// The plan's industries with their targets (mu, scale farmers, poor households driven) and their actuals from the
/// participation records of the actor's area up to the end of a year (default: the work year), by the Domain rule
/// (<see cref="IndustryRules.Actuals"/>). Records of households removed from the registry count nowhere, like the
/// registry's progress. One grouped query over the records (by industry and household), whatever the area's size.
/// </summary>
public sealed class GetIndustryProgress(Database database)
{
    public sealed record Query(int? Year = null);

    /// <summary>
    /// An industry: its targets, and its actuals (<see cref="Records"/> 0: nothing recorded for it, so the actuals are
    /// no evidence of none). <see cref="Mu"/>: the scale summed, in mu, for a mu industry; null for one counted in head,
    /// birds or households (its scale is in <see cref="Scale"/> with its <see cref="Unit"/>).
    /// </summary>
    public sealed record Row(
        string Id, string Name, IReadOnlyList<string> Parts, string Unit, int? MuTarget, int? ScaleFarmersTarget, int? PoorHouseholdsTarget, int? TargetYear,
        decimal Scale, decimal? Mu, int ScaleFarmers, int PoorHouseholds, int Households, int Records, string? Responsible, string? Section);

    public sealed record Result(int Year, IReadOnlyList<Row> Industries);

    public async Task<Result> HandleAsync(Query query, CancellationToken ct = default)
    {
        var actor = database.Actor;
        await using var db = database.Open();
        var year = query.Year ?? await WorkYear.GetAsync(db, database.Clock, ct);
        var industries = await IndustryAccess.PlanIndustriesAsync(db, actor, ct);
        var facts = await FactsAsync(db, year, ct);
        var actuals = IndustryRules.Actuals(IndustryAccess.Definitions(industries), facts).ToDictionary(a => a.IndustryId);
        return new Result(year, industries.Select(i =>
        {
            var a = actuals[i.Id];
            var unit = IndustryRules.UnitOf(i.Id);
            return new Row(i.Id, i.Name, i.Parts ?? [], unit, i.Mu, i.ScaleFarmers, i.PoorHouseholds, i.Year,
                a.Scale, unit == IndustryRules.Mu ? a.Scale : null, a.ScaleFarmers, a.PoorHouseholds, a.Households, a.Records, i.Responsible, i.Source?.Section);
        }).ToList());
    }

    /// <summary>
    /// The area's counting records up to the year, one row per industry and household (scale summed, any scale-farmer
    /// mark, the records' count), of registered households (the area filter applies through the household).
    /// </summary>
    internal static async Task<List<ParticipationFact>> FactsAsync(TuopinDb db, int year, CancellationToken ct)
    {
        var rows = await db.IndustryParticipations.AsNoTracking()
            .Where(p => p.CancelledOn == null && p.Year <= year)
            .Join(db.Households.Where(HouseholdStanding.Registered()), p => p.HouseholdId, h => h.Id, (p, h) => p)
            .GroupBy(p => new { p.IndustryId, p.HouseholdId })
            .Select(g => new { g.Key.IndustryId, g.Key.HouseholdId, Scale = g.Sum(p => p.Scale), Farmer = g.Max(p => p.ScaleFarmer ? 1 : 0), Records = g.Count() })
            .ToListAsync(ct);
        return rows.Select(r => new ParticipationFact(r.HouseholdId, r.IndustryId, r.Scale, r.Farmer == 1, true, r.Records)).ToList();
    }
}
