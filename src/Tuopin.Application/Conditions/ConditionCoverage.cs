using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Conditions;

namespace Tuopin.Application.Conditions;

/// <summary>
/// Coverage of the village-condition indicators against the plan's targets, for the user's area: the
/// whole area, each township and each zone in a year, and the area's path over the years. A rate is the
/// sum of the villages' counts over the sum of their bases; villages that have not reported a year are
/// counted apart (<see cref="Unit.Reported"/>), never guessed. One grouped query over the records and
/// one over the villages, whatever the size of the area.
/// </summary>
public sealed class ConditionCoverage(Database database)
{
    public sealed record Query(int? Year = null);

    public sealed record Rate(ConditionIndicator Indicator, string Code, int Reached, int Base, decimal? Percent, decimal? Target, bool? Met, int? DueYear, string? Responsible);

    public sealed record Unit(Guid? Id, string Name, int Villages, int Reported, IReadOnlyList<Rate> Rates);

    public sealed record YearRates(int Year, int Reported, IReadOnlyList<Rate> Rates);

    public sealed record Result(
        int? Year,
        IReadOnlyList<int> Years,
        Unit Area,
        IReadOnlyList<Unit> Townships,
        IReadOnlyList<Unit> Zones,
        IReadOnlyList<YearRates> ByYear,
        IReadOnlyDictionary<ConditionIndicator, ConditionTarget> Targets);

    /// <summary>The sums of one year, township and zone: the counts every rate is made of.</summary>
    internal sealed record Cell(
        int Year, Guid TownshipId, Guid? ZoneId, int Reported,
        int Road, int Bus, int Natural, int NaturalRoad, int NaturalPower,
        int Households, int Piped, int Safe, int Power, int RadioTv,
        int Internet, int Mobile, int School, int Clinic, int Service, int Culture);

    public async Task<Result> HandleAsync(Query query, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var scope = database.Actor.Scope;
        var targets = await ConditionTargets.LoadAsync(db, database.Actor, ct);
        var cells = await CellsAsync(db, ct);

        var villages = db.Villages.AsNoTracking();
        var townships = db.Townships.AsNoTracking();
        if (scope.Level != AreaLevel.Everything) { villages = villages.Where(v => v.CountyId == scope.CountyId); townships = townships.Where(t => t.CountyId == scope.CountyId); }
        if (scope.TownshipId is { } tid) { villages = villages.Where(v => v.TownshipId == tid); townships = townships.Where(t => t.Id == tid); }
        if (scope.VillageId is { } vid) villages = villages.Where(v => v.Id == vid);
        var villageCounts = await villages.GroupBy(v => new { v.TownshipId, v.ZoneId })
            .Select(g => new { g.Key.TownshipId, g.Key.ZoneId, Count = g.Count() })
            .ToListAsync(ct);
        var townshipRows = await townships.OrderBy(t => t.Code).Select(t => new { t.Id, t.Name }).ToListAsync(ct);
        var zoneIds = villageCounts.Where(v => v.ZoneId != null).Select(v => v.ZoneId!.Value).Distinct().ToList();
        var zoneRows = await db.Zones.AsNoTracking().Where(z => zoneIds.Contains(z.Id)).OrderBy(z => z.Order).Select(z => new { z.Id, z.Name }).ToListAsync(ct);

        var years = cells.Select(c => c.Year).Distinct().Order().ToList();
        var year = query.Year ?? (years.Count > 0 ? years[^1] : null);
        var ofYear = cells.Where(c => c.Year == year).ToList();

        var area = new Unit(null, "", villageCounts.Sum(v => v.Count), ofYear.Sum(c => c.Reported), Rates(ofYear, targets));
        var byTownship = townshipRows.Select(t => new Unit(t.Id, t.Name,
            villageCounts.Where(v => v.TownshipId == t.Id).Sum(v => v.Count),
            ofYear.Where(c => c.TownshipId == t.Id).Sum(c => c.Reported),
            Rates(ofYear.Where(c => c.TownshipId == t.Id), targets))).ToList();
        var byZone = zoneRows.Select(z => new Unit(z.Id, z.Name,
            villageCounts.Where(v => v.ZoneId == z.Id).Sum(v => v.Count),
            ofYear.Where(c => c.ZoneId == z.Id).Sum(c => c.Reported),
            Rates(ofYear.Where(c => c.ZoneId == z.Id), targets))).ToList();
        var byYear = years.Select(y => new YearRates(y, cells.Where(c => c.Year == y).Sum(c => c.Reported), Rates(cells.Where(c => c.Year == y), targets))).ToList();
        return new Result(year, years, area, byTownship, byZone, byYear, targets);
    }

    internal static async Task<List<Cell>> CellsAsync(TuopinDb db, CancellationToken ct) =>
        (await db.VillageConditions.AsNoTracking()
            .Join(db.Villages, c => c.VillageId, v => v.Id, (c, v) => new { c, v.ZoneId })
            .GroupBy(x => new { x.c.Year, x.c.TownshipId, x.ZoneId })
            .Select(g => new
            {
                g.Key.Year, g.Key.TownshipId, g.Key.ZoneId,
                Reported = g.Count(),
                Road = g.Sum(x => x.c.HardenedRoad ? 1 : 0),
                Bus = g.Sum(x => x.c.BusService ? 1 : 0),
                Natural = g.Sum(x => x.c.NaturalVillages),
                NaturalRoad = g.Sum(x => x.c.NaturalVillagesWithRoad),
                NaturalPower = g.Sum(x => x.c.NaturalVillagesWithPower),
                Households = g.Sum(x => x.c.Households),
                Piped = g.Sum(x => x.c.PipedWaterHouseholds),
                Safe = g.Sum(x => x.c.SafeWaterHouseholds),
                Power = g.Sum(x => x.c.ElectricityHouseholds),
                RadioTv = g.Sum(x => x.c.RadioTvHouseholds),
                Internet = g.Sum(x => x.c.Broadband ? 1 : 0),
                Mobile = g.Sum(x => x.c.MobileSignal ? 1 : 0),
                School = g.Sum(x => x.c.SchoolOrKindergarten ? 1 : 0),
                Clinic = g.Sum(x => x.c.Clinic ? 1 : 0),
                Service = g.Sum(x => x.c.ServiceCentre ? 1 : 0),
                Culture = g.Sum(x => x.c.CulturalCentre ? 1 : 0),
            })
            .ToListAsync(ct))
        .Select(g => new Cell(g.Year, g.TownshipId, g.ZoneId, g.Reported, g.Road, g.Bus, g.Natural, g.NaturalRoad, g.NaturalPower,
            g.Households, g.Piped, g.Safe, g.Power, g.RadioTv, g.Internet, g.Mobile, g.School, g.Clinic, g.Service, g.Culture))
        .ToList();

    internal static IReadOnlyList<Rate> Rates(IEnumerable<Cell> cells, IReadOnlyDictionary<ConditionIndicator, ConditionTarget> targets)
    {
        var list = cells.ToList();
        int Sum(Func<Cell, int> f) => list.Sum(f);
        var reported = Sum(c => c.Reported);
        var natural = Sum(c => c.Natural);
        var households = Sum(c => c.Households);
        return ConditionIndicators.All.Select(info =>
        {
            var (reached, @base) = info.Indicator switch
            {
                ConditionIndicator.VillageRoad => (Sum(c => c.Road), reported),
                ConditionIndicator.Bus => (Sum(c => c.Bus), reported),
                ConditionIndicator.NaturalVillageRoad => (Sum(c => c.NaturalRoad), natural),
                ConditionIndicator.PipedWater => (Sum(c => c.Piped), households),
                ConditionIndicator.SafeWater => (Sum(c => c.Safe), households),
                ConditionIndicator.Electricity => (Sum(c => c.Power), households),
                ConditionIndicator.ProductionPower => (Sum(c => c.NaturalPower), natural),
                ConditionIndicator.Internet => (Sum(c => c.Internet), reported),
                ConditionIndicator.MobileSignal => (Sum(c => c.Mobile), reported),
                ConditionIndicator.RadioTv => (Sum(c => c.RadioTv), households),
                ConditionIndicator.School => (Sum(c => c.School), reported),
                ConditionIndicator.Clinic => (Sum(c => c.Clinic), reported),
                ConditionIndicator.ServiceCentre => (Sum(c => c.Service), reported),
                _ => (Sum(c => c.Culture), reported),
            };
            decimal? percent = @base == 0 ? null : Math.Round(100m * reached / @base, 1);
            var plan = targets.GetValueOrDefault(info.Indicator);
            var target = plan?.Percent;
            // Met compares the exact fraction, not the rounded percent: 94.96% does not meet 95%.
            bool? met = target is null || @base == 0 ? null : 100m * reached >= target.Value * @base;
            return new Rate(info.Indicator, info.Code, reached, @base, percent, target, met, plan?.Year, plan?.Responsible);
        }).ToList();
    }
}
