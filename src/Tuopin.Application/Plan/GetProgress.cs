using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Plan;

/// <summary>
/// Progress against the plan, from the records, as of the end of a year (default: the work year), for the
/// user's area: the county's yearly targets against households and people actually out of poverty;
/// every township, zone and village with its registered poor, exits, remaining poor, incidence rate
/// (remaining poor people ÷ rural registered population) and exit status against its planned exit year;
/// the plan's deadlines met, near or missed; and the units behind, each with its responsible unit.
/// </summary>
/// <remarks>
/// Shape (stable; the dashboard and exports build on it):
/// <list type="bullet">
/// <item><see cref="Result.Years"/>: one row per plan year: target, actual (null for years after the reporting year), planned and actual remaining at the year's end.</item>
/// <item><see cref="Result.County"/>, <see cref="Result.Townships"/>, <see cref="Result.Zones"/>, <see cref="Result.Villages"/>: <see cref="Unit"/> rows with the same fields at every level.</item>
/// <item><see cref="Result.Deadlines"/> and <see cref="Result.Alerts"/>: what is due and who is behind.</item>
/// <item><see cref="Result.Conditions"/>, <see cref="Result.OtherTargets"/>: the plan's other targets; village conditions and facilities carry the year's coverage (percent) from the condition records, and <c>Actual</c> is null while no records answer a target.</item>
/// </list>
/// Remaining as of a year: households not exited (or returned to poverty), and those exited after that year.
/// Households removed as wrongly registered count nowhere. Two grouped queries over households and villages, whatever the county's size.
/// </remarks>
public sealed class GetProgress(Database database)
{
    public const string County = "county", Township = "township", Zone = "zone", Village = "village";

    /// <summary>Unit status: its exit year has not come; it is out (meets the exit standard); its exit year has come and it is not; it has no exit target.</summary>
    public const string OnTrack = "on_track", Done = "done", Behind = "behind", NoTarget = "no_target";

    /// <summary>Deadline status.</summary>
    public const string Met = "met", Missed = "missed", Near = "near", Open = "open", NotRecorded = "not_recorded";

    /// <summary>How many days before a deadline it counts as near.</summary>
    public const int NearDays = 45;

    /// <summary>AsOf: The day the deadlines are judged on (a half-year summary's 30 June); today by default, never after the year's end.
    /// The households are counted by exit year, as the county counts them.</summary>
    public sealed record Query(int? Year = null, DateOnly? AsOf = null);

    public sealed record Count(int Households, int People)
    {
        public static readonly Count Zero = new(0, 0);
        public Count Plus(Count other) => new(Households + other.Households, People + other.People);
        public Count Minus(Count other) => new(Households - other.Households, People - other.People);
    }

    public sealed record YearCount(int Year, int Households, int People);

    /// <summary>A plan year: target, actual exits counted toward it (its own year and any year it includes), planned and actual remaining at its end.</summary>
    public sealed record YearRow(
        int Year, Count Target, Count? Actual, IReadOnlyList<int> CountedYears, Count PlannedRemaining, Count? ActualRemaining,
        int? PoorVillagesTarget, int? PoorVillagesMeeting, bool Behind, string? Responsible, string? Section);

    /// <summary>A county, township, zone or village, as of the reporting year.</summary>
    public sealed record Unit(
        string Level, Guid Id, string Name, Guid? TownshipId, string? TownshipName, Guid? ZoneId,
        bool IsPoor, int? PlannedExitYear, int Villages, int PoorVillages, int PoorVillagesMeeting,
        Count Registered, Count Exited, Count Remaining, IReadOnlyList<YearCount> Exits,
        int? Population, decimal? IncidenceRate, string Status, string? Responsible);

    public sealed record DeadlineRow(string Id, string Name, DateOnly Date, int Serves, string? AppliesTo, bool Implied, string Status, string? Responsible, string? Section, LocalText Detail);

    /// <remarks><paramref name="Year"/>: the plan year a "year_behind" alert is about (its unit is that year's target, 2016年减贫).</remarks>
    public sealed record Alert(string Kind, string Level, Guid? UnitId, string Unit, string? Responsible, DateOnly? Due, LocalText Message, int? Year = null);

    /// <summary>A target beside the registry's: conditions and facilities (from the condition records), industries (from the participation records), training (from the courses' attendance).</summary>
    public sealed record TargetRow(string Key, string Kind, string Name, decimal? Target, string? Unit, int? Year, decimal? Actual, string? Responsible, string? Section);

    public sealed record Result(
        int Year, DateOnly AsOf, int PlanVersion, string PlanTitle, string AreaName, Count PlanTotal, decimal IncidenceThreshold,
        Unit County, IReadOnlyList<YearRow> Years, IReadOnlyList<Unit> Townships, IReadOnlyList<Unit> Zones, IReadOnlyList<Unit> Villages,
        IReadOnlyList<DeadlineRow> Deadlines, IReadOnlyList<Alert> Alerts, IReadOnlyList<TargetRow> Conditions, IReadOnlyList<TargetRow> OtherTargets,
        bool IllustrativeData);

    private sealed record Cell(Guid VillageId, HouseholdStatus Status, int? ExitYear, int Households, int People);

    private sealed record Place(Guid Id, string Name, Guid TownshipId, Guid? ZoneId, bool IsPoor, int? PlannedExitYear, int? Population);

    public async Task<Result> HandleAsync(Query query, CancellationToken ct = default)
    {
        // A dashboard's read: the replica when configured and caught up with this user's writes (ReadYourWrites).
        await using var db = await database.OpenForReadingAsync(ct);
        var actor = database.Actor;
        var scope = actor.Scope;
        var version = await GetPlan.CurrentAsync(db, actor, ct)
            ?? throw new NotFoundException(new LocalText("尚未载入本县的减贫方案（tuopin plan load）", "No plan has been loaded for the county (tuopin plan load)"));
        var plan = version.Parse();
        // Every target's responsible unit is its matched unit where the organisation has one (the plan's words otherwise).
        await Organisation.OrganisationAccess.AnswerToUnitsAsync(db, version.CountyId, plan, ct);
        var year = query.Year ?? await WorkYear.GetAsync(db, database.Clock, ct);
        var today = database.Clock.Today();
        var yearEnd = new DateOnly(year, 12, 31);
        var day = query.AsOf ?? today;
        var asOf = day < yearEnd ? day : yearEnd;
        var county = await db.Counties.AsNoTracking().Where(c => c.Id == version.CountyId).Select(c => new { c.Id, c.Name, c.IsWestern }).FirstAsync(ct);
        var threshold = county.IsWestern ? 3m : 2m;

        // One grouped query over households (the scope filter keeps the user's area), one over places.
        var cells = (await db.Households.AsNoTracking()
                .Where(h => h.CountyId == county.Id).Where(HouseholdStanding.Registered())
                .GroupBy(h => new { h.VillageId, h.Status, h.ExitYear })
                .Select(g => new { g.Key.VillageId, g.Key.Status, g.Key.ExitYear, Households = g.Count(), People = g.Sum(h => h.Size) })
                .ToListAsync(ct))
            .Select(g => new Cell(g.VillageId, g.Status, g.ExitYear, g.Households, g.People)).ToList();

        var villageQuery = db.Villages.AsNoTracking().Where(v => v.CountyId == county.Id);
        if (scope.TownshipId is { } tid) villageQuery = villageQuery.Where(v => v.TownshipId == tid);
        if (scope.VillageId is { } vid) villageQuery = villageQuery.Where(v => v.Id == vid);
        var places = await villageQuery.OrderBy(v => v.Code)
            .Select(v => new Place(v.Id, v.Name, v.TownshipId, v.ZoneId, v.IsPoor, v.PlannedExitYear, v.RegisteredPopulation)).ToListAsync(ct);
        var townshipIds = places.Select(p => p.TownshipId).Distinct().ToList();
        var townships = await db.Townships.AsNoTracking().Where(t => t.CountyId == county.Id).OrderBy(t => t.Code)
            .Select(t => new { t.Id, t.Name, t.PlannedExitYear }).ToListAsync(ct);
        townships = townships.Where(t => townshipIds.Contains(t.Id)).ToList();
        var zones = await db.Zones.AsNoTracking().Where(z => z.CountyId == county.Id).OrderBy(z => z.Order).Select(z => new { z.Id, z.Name }).ToListAsync(ct);
        var townshipName = townships.ToDictionary(t => t.Id, t => t.Name);
        var byVillage = cells.ToLookup(c => c.VillageId);
        var villageFirst = plan.Organisation?.Villages?.FirstResponsible;

        // Villages first; townships, zones and the county are sums of their villages.
        var villages = places.Select(p =>
        {
            var tName = townshipName.GetValueOrDefault(p.TownshipId);
            return Build(Village, p.Id, p.Name, p.TownshipId, tName, p.ZoneId, p.IsPoor, p.IsPoor ? p.PlannedExitYear : null,
                [p], byVillage[p.Id], year, threshold, p.IsPoor ? $"{tName}{p.Name}（{villageFirst ?? "村支部书记和驻村工作队长"}）" : $"{tName}{p.Name}");
        }).ToList();
        var villageUnits = villages.ToDictionary(v => v.Id);
        var townshipUnits = townships.Select(t =>
        {
            var mine = places.Where(p => p.TownshipId == t.Id).ToList();
            return Build(Township, t.Id, t.Name, t.Id, t.Name, null, t.PlannedExitYear is not null, t.PlannedExitYear,
                mine, mine.SelectMany(p => byVillage[p.Id]), year, threshold, $"{t.Name}人民政府（{plan.Organisation?.TownshipOffices?.Name ?? "乡镇扶贫开发办"}）", villageUnits);
        }).ToList();
        var zoneUnits = zones.Select(z =>
        {
            var mine = places.Where(p => p.ZoneId == z.Id).ToList();
            return Build(Zone, z.Id, z.Name, null, null, z.Id, false, null, mine, mine.SelectMany(p => byVillage[p.Id]), year, threshold, plan.Zones.Responsible, villageUnits);
        }).Where(z => z.Villages > 0).ToList();
        var countyExit = plan.Period?.To ?? plan.Years.Select(y => (int?)y.Year).Max();
        var countyUnit = Build(County, county.Id, county.Name, null, null, null, true, countyExit,
            places, places.SelectMany(p => byVillage[p.Id]), year, threshold, plan.Totals.Responsible, villageUnits);

        // The yearly targets are the county's: below the county, the rows show the area's own exits beside them, not judged.
        var wholeCounty = scope.Level is AreaLevel.County or AreaLevel.Everything;
        var years = YearRows(plan, cells, villages, year, wholeCounty);
        var deadlines = Deadlines(plan, years, townshipUnits, villages, countyUnit, year, asOf);
        var alerts = Alerts(townshipUnits, villages, countyUnit, years, wholeCounty ? deadlines : [], plan, wholeCounty);

        var areaName = scope.Level switch
        {
            AreaLevel.Village => villages.FirstOrDefault() is { } v ? $"{v.TownshipName}{v.Name}" : county.Name,
            AreaLevel.Township => townshipUnits.FirstOrDefault()?.Name ?? county.Name,
            _ => county.Name,
        };
        // The village-condition targets are answered by the year's condition records over the same area (the
        // dashboard's coverage): a rate where villages reported, null (no record) where none did.
        var coverage = await new Conditions.ConditionCoverage(database).HandleAsync(new Conditions.ConditionCoverage.Query(year), ct);
        var rates = coverage.Area.Rates.Where(r => r.Percent is not null).ToDictionary(r => r.Code, r => r.Percent);
        var conditions = plan.Conditions.Select(c => new TargetRow(c.Key, "condition", c.Name, c.Target, "%", c.Year, rates.GetValueOrDefault(c.Id), c.Responsible, c.Source?.Section)).ToList();
        // The training targets are answered by the people who finished the courses of their kind, in the same area
        // (null where no attendance of the kind is recorded for the period: not recorded, rather than none trained).
        var trained = (await new Assistance.GetTrainingProgress(database).HandleAsync(year, ct)).Kinds
            .Where(k => k.TargetKey is not null && k.Attendances > 0).ToDictionary(k => k.TargetKey!, k => (decimal?)k.People);
        // The industry targets are answered by the households' participation records up to the year, in the same area
        // (null where no participation of the industry is recorded at all: not recorded, rather than none).
        var industries = (await new Industry.GetIndustryProgress(database).HandleAsync(new Industry.GetIndustryProgress.Query(year), ct)).Industries
            .Where(i => i.Records > 0).ToDictionary(i => i.Id);
        var others = plan.Facilities.Select(f => new TargetRow(f.Key, "facility", f.Name, null, "%", null, rates.GetValueOrDefault(f.Id), f.Responsible, f.Source?.Section))
            .Concat(plan.Industries.SelectMany(i =>
            {
                var actual = industries.GetValueOrDefault(i.Id);
                return new[]
                {
                    i.Mu is { } mu ? new TargetRow($"{i.Key}.mu", "industry", i.Name, mu, "亩", i.Year, actual?.Mu, i.Responsible, i.Source?.Section) : null,
                    i.ScaleFarmers is { } sf ? new TargetRow($"{i.Key}.scaleFarmers", "industry", i.Name, sf, "规模户", i.Year, actual?.ScaleFarmers, i.Responsible, i.Source?.Section) : null,
                    i.PoorHouseholds is { } ph ? new TargetRow($"{i.Key}.poorHouseholds", "industry", i.Name, ph, "带动贫困户", i.Year, actual?.PoorHouseholds, i.Responsible, i.Source?.Section) : null,
                }.OfType<TargetRow>();
            }))
            .Concat(plan.Training.Select(t => new TargetRow(t.Key, "training", t.Name, t.Count, t.PerYear ? $"{t.Unit}/年" : t.Unit, t.PerYear ? year : t.Year,
                trained.GetValueOrDefault(t.Key), t.Responsible, t.Source?.Section)))
            .ToList();

        return new Result(year, asOf, version.Version, plan.Title, areaName, new Count(plan.Totals.Households, plan.Totals.People), threshold,
            countyUnit, years, townshipUnits, zoneUnits, villages, deadlines, alerts, conditions, others,
            await db.Settings.AnyAsync(s => s.Key == Demo.LoadDemo.DataSetKey, ct));
    }

    private static bool IsRemaining(Cell c, int year) => HouseholdStanding.IsPoorAtEndOf(year, c.Status, c.ExitYear);

    private static bool HasExitedBy(Cell c, int year) => HouseholdStanding.HasExitedBy(year, c.Status, c.ExitYear);

    private static Count Sum(IEnumerable<Cell> cells) => cells.Aggregate(Count.Zero, (a, c) => a.Plus(new Count(c.Households, c.People)));

    private static Unit Build(string level, Guid id, string name, Guid? townshipId, string? townshipName, Guid? zoneId, bool isPoor, int? exitYear,
        IReadOnlyCollection<Place> places, IEnumerable<Cell> cellsIn, int year, decimal threshold, string? responsible,
        IReadOnlyDictionary<Guid, Unit>? villageUnits = null)
    {
        var cells = cellsIn.ToList();
        var registered = Sum(cells);
        var remaining = Sum(cells.Where(c => IsRemaining(c, year)));
        var exits = cells.Where(c => HasExitedBy(c, year)).GroupBy(c => c.ExitYear!.Value).OrderBy(g => g.Key)
            .Select(g => new YearCount(g.Key, g.Sum(c => c.Households), g.Sum(c => c.People))).ToList();
        int? population = places.Count > 0 && places.All(p => p.Population is not null) ? places.Sum(p => p.Population!.Value) : null;
        var incidence = PovertyIncidence.Percent(remaining.People, population);
        var meets = incidence is { } rate ? rate < threshold : remaining.Households == 0;
        var status = exitYear is null || (level == Village && !isPoor) ? NoTarget
            : year < exitYear ? (remaining.Households == 0 ? Done : OnTrack)
            : meets ? Done : Behind;
        var poor = places.Count(p => p.IsPoor);
        var poorMeeting = level == Village
            ? (isPoor && meets ? 1 : 0)
            : places.Count(p => p.IsPoor && villageUnits is not null && villageUnits.TryGetValue(p.Id, out var v) && (v.IncidenceRate is { } r ? r < threshold : v.Remaining.Households == 0));
        return new Unit(level, id, name, townshipId, townshipName, zoneId, isPoor, exitYear, places.Count, poor, poorMeeting,
            registered, Sum(cells.Where(c => HasExitedBy(c, year))), remaining, exits, population, incidence, status, responsible);
    }

    private static List<YearRow> YearRows(PlanDocument plan, List<Cell> cells, List<Unit> villages, int year, bool wholeCounty)
    {
        var rows = new List<YearRow>();
        var planned = new Count(plan.Totals.Households, plan.Totals.People);
        foreach (var y in plan.Years.OrderBy(y => y.Year))
        {
            var counted = y.Includes is { } inc ? new[] { inc.Year, y.Year } : new[] { y.Year };
            planned = planned.Minus(new Count(y.Households, y.People));
            var reached = y.Year <= year;
            Count? actual = reached ? Sum(cells.Where(c => counted.Any(e => HouseholdStanding.HasExitedIn(e, c.Status, c.ExitYear)))) : null;
            Count? actualRemaining = reached ? Sum(cells.Where(c => IsRemaining(c, y.Year))) : null;
            int? villagesMeeting = y.PoorVillages is null || !reached ? null
                : villages.Count(v => v.IsPoor && v.PlannedExitYear == y.Year && v.Status is Done);
            var behind = wholeCounty && actual is not null && (actual.Households < y.Households || actual.People < y.People);
            rows.Add(new YearRow(y.Year, new Count(y.Households, y.People), actual, counted, planned, actualRemaining, y.PoorVillages, villagesMeeting, behind, y.Responsible, y.Source?.Section));
        }
        return rows;
    }

    private static List<DeadlineRow> Deadlines(PlanDocument plan, List<YearRow> years, List<Unit> townships, List<Unit> villages, Unit county, int year, DateOnly asOf)
    {
        var rows = new List<DeadlineRow>();
        foreach (var d in plan.Deadlines.OrderBy(d => d.Date))
        {
            string status;
            LocalText detail;
            switch (d.AppliesTo)
            {
                case "exiting":
                {
                    var units = townships.Where(t => t.PlannedExitYear == d.Serves).Concat(villages.Where(v => v.IsPoor && v.PlannedExitYear == d.Serves)).ToList();
                    var notReady = units.Where(u => u.Status != Done || d.Serves > year).ToList();
                    status = notReady.Count == 0 ? Met : Timed(d.Date, asOf);
                    detail = new LocalText($"{d.Serves}年出列单位{units.Count}个，{(d.Serves > year ? "尚未到期" : $"未达标{notReady.Count}个")}", $"{units.Count} units exit in {d.Serves}; {(d.Serves > year ? "not yet due" : $"{notReady.Count} not meeting the standard")}");
                    break;
                }
                case "households":
                {
                    var through = years.Where(y => y.Year <= d.Serves).ToList();
                    var target = through.Sum(y => y.Target.Households);
                    var actual = through.Sum(y => y.Actual?.Households ?? 0);
                    status = d.Serves <= year && actual >= target ? Met : Timed(d.Date, asOf);
                    detail = new LocalText($"截至{d.Serves}年累计目标{target:N0}户，实际{actual:N0}户", $"By {d.Serves}: {target:N0} households planned, {actual:N0} actual");
                    break;
                }
                case "county":
                    status = d.Serves <= year && county.Status == Done ? Met : Timed(d.Date, asOf);
                    detail = new LocalText($"全县贫困发生率{county.IncidenceRate?.ToString("0.00") ?? "—"}%，未脱贫{county.Remaining.Households:N0}户", $"County incidence {county.IncidenceRate?.ToString("0.00") ?? "—"}%, {county.Remaining.Households:N0} households still poor");
                    break;
                default:
                    status = NotRecorded;
                    detail = new LocalText("系统中没有该项的记录", "No records of this in the system");
                    break;
            }
            rows.Add(new DeadlineRow(d.Id, d.Name, d.Date, d.Serves, d.AppliesTo, d.Implied, status, d.Responsible, d.Source?.Section, detail));
        }
        return rows;
    }

    private static string Timed(DateOnly due, DateOnly asOf) =>
        due < asOf ? Missed : due.DayNumber - asOf.DayNumber <= NearDays ? Near : Open;

    private static List<Alert> Alerts(List<Unit> townships, List<Unit> villages, Unit county, List<YearRow> years, List<DeadlineRow> deadlines, PlanDocument plan, bool wholeCounty)
    {
        var alerts = new List<Alert>();
        foreach (var u in (wholeCounty ? new[] { county } : []).Concat(townships).Concat(villages).Where(u => u.Status == Behind))
            alerts.Add(new Alert("behind", u.Level, u.Id, u.TownshipName is not null && u.Level == Village ? $"{u.TownshipName}{u.Name}" : u.Name, u.Responsible, null,
                new LocalText($"计划{u.PlannedExitYear}年出列，仍有{u.Remaining.Households:N0}户{u.Remaining.People:N0}人未脱贫，贫困发生率{u.IncidenceRate?.ToString("0.00") ?? "—"}%",
                    $"Planned to exit in {u.PlannedExitYear}; {u.Remaining.Households:N0} households ({u.Remaining.People:N0} people) still poor, incidence {u.IncidenceRate?.ToString("0.00") ?? "—"}%")));
        foreach (var y in years.Where(y => y.Behind))
            alerts.Add(new Alert("year_behind", County, county.Id, $"{y.Year}年减贫", y.Responsible, null,
                new LocalText($"{y.Year}年目标{y.Target.Households:N0}户{y.Target.People:N0}人，实际{y.Actual!.Households:N0}户{y.Actual.People:N0}人", $"{y.Year}: target {y.Target.Households:N0} households, {y.Target.People:N0} people; actual {y.Actual!.Households:N0}, {y.Actual.People:N0}"), y.Year));
        var last = years.LastOrDefault();
        if (wholeCounty && last?.ActualRemaining is { } rest && rest.Households > 0 && county.PlannedExitYear is { } end && last.Year >= end)
            alerts.Add(new Alert("total_behind", County, county.Id, county.Name, plan.Totals.Responsible, null,
                new LocalText($"总目标{plan.Totals.Households:N0}户{plan.Totals.People:N0}人到{end}年全部脱贫，仍有{rest.Households:N0}户{rest.People:N0}人未脱贫", $"All {plan.Totals.Households:N0} households ({plan.Totals.People:N0} people) were to be out by {end}; {rest.Households:N0} households ({rest.People:N0} people) are still poor")));
        foreach (var d in deadlines.Where(d => d.Status is Missed or Near))
            alerts.Add(new Alert(d.Status == Missed ? "deadline_missed" : "deadline_near", County, null, d.Name, d.Responsible, d.Date, d.Detail));
        return alerts;
    }
}
