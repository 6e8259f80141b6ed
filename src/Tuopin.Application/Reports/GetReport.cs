using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Accounts;
using Tuopin.Application.Assistance;
using Tuopin.Application.Common;
using Tuopin.Application.Exit;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Assistance;
using Tuopin.Domain.Common;
using Tuopin.Domain.Exit;
using Tuopin.Domain.Projects;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Reports;

/// <summary>
/// One report form's figures for an area and year: a row per township (county level), per village (township level)
/// or the one village, and the totals row. The page, the API, the CLI and the .xlsx file all take their figures from
/// here, so a form's file and its screen cannot differ. Each form reads the same rules and queries as the screens it
/// summarises: the Domain's <see cref="HouseholdStanding"/> and the registry's events as of a date, the assistance
/// facts of the coverage page, the village exit board, the fund allocations' running sums, the training rule for
/// counting people. Without a township the level is the user's own area (county, or the officer's township or village);
/// an area outside the user's is refused as not found.
/// </summary>
public sealed class GetReport(Database database, GetAreaExitBoard exitBoard)
{
    public sealed record Request(string Code, int? Year = null, string? Township = null, string? Village = null, DateOnly? AsOf = null);

    public sealed record Row(Guid? AreaId, string Code, string Area, IReadOnlyList<decimal> Values);

    public sealed record Result(
        string Code, string Title, string TitleEn, string Unit, ReportLevel Level, string County, string AreaName, int Year, DateOnly AsOf,
        IReadOnlyList<ReportColumn> Columns, IReadOnlyList<Row> Rows, Row Total, string Basis, string BasisEn, string MadeBy, DateTime MadeAt, string UnitEn = "", string MadeByEn = "");

    /// <summary>A place a row stands for (a township or a village) and the area it lies in.</summary>
    private sealed record Place(Guid Id, string Code, string Name, Guid TownshipId);

    public async Task<Result> HandleAsync(Request request, CancellationToken ct = default)
    {
        var form = ReportCatalogue.Find(request.Code)
            ?? throw new NotFoundException(new LocalText($"没有报表“{request.Code}”", $"No report form \"{request.Code}\""));
        var actor = database.Actor;
        var scope = actor.Scope;
        // A dashboard's read: the replica when configured and caught up with this user's writes (ReadYourWrites).
        await using var db = await database.OpenForReadingAsync(ct);
        var year = request.Year ?? await WorkYear.GetAsync(db, database.Clock, ct);
        if (year is < 2000 or > 2100) throw Invalid("年度不正确", "The year is out of range");
        var today = database.Clock.Today();
        var asOf = request.AsOf ?? new DateOnly(year, 12, 31);
        if (asOf.Year != year) throw Invalid("截至日期须在所选年度内", "The date must fall in the year chosen", "asOf");
        if (request.AsOf is not null && !ReportCatalogue.CountsToADay(form.Code))
            throw Invalid($"《{form.Zh}》按年度统计，不按截至日期编制", $"The form \"{form.En}\" counts the year's records and takes no date", "asOf");

        // The area: what was asked, inside what the user may see.
        var townships = db.Townships.AsNoTracking();
        var villages = db.Villages.AsNoTracking();
        if (scope.Level != AreaLevel.Everything) { townships = townships.Where(t => t.CountyId == scope.CountyId); villages = villages.Where(v => v.CountyId == scope.CountyId); }
        if (scope.TownshipId is { } st) { townships = townships.Where(t => t.Id == st); villages = villages.Where(v => v.TownshipId == st); }
        if (scope.VillageId is { } sv) villages = villages.Where(v => v.Id == sv);
        var allTownships = await townships.OrderBy(t => t.Code).Select(t => new Place(t.Id, t.Code, t.Name, t.Id)).ToListAsync(ct);
        var allVillages = await villages.OrderBy(v => v.Code).Select(v => new Place(v.Id, v.Code, v.Name, v.TownshipId)).ToListAsync(ct);

        Place? township = request.Township is { Length: > 0 } t0 ? Match(allTownships, t0) ?? throw NotFound("乡镇", "township", t0) : null;
        Place? village = request.Village is { Length: > 0 } v0
            ? Match(allVillages.Where(v => township is null || v.TownshipId == township.Id), v0) ?? throw NotFound("村", "village", v0) : null;
        if (village is not null) township ??= allTownships.First(t => t.Id == village.TownshipId);
        // Without an area asked for, the user's own.
        if (township is null && scope.TownshipId is { } own) township = allTownships.FirstOrDefault(t => t.Id == own);
        if (village is null && scope.VillageId is { } ownVillage) village = allVillages.FirstOrDefault(v => v.Id == ownVillage);
        var level = village is not null ? ReportLevel.Village : township is not null ? ReportLevel.Township : ReportLevel.County;
        if (!form.Levels.Contains(level))
            throw Invalid($"《{form.Zh}》不按{LevelZh(level)}编制", $"The form \"{form.En}\" is not drawn for a {level.ToString().ToLowerInvariant()}");

        var places = level switch
        {
            ReportLevel.County => allTownships,
            ReportLevel.Township => allVillages.Where(v => v.TownshipId == township!.Id).ToList(),
            _ => [village!],
        };

        var figures = form.Code switch
        {
            ReportCatalogue.Population => await PopulationAsync(db, year, asOf, level, places, ct),
            // A day chosen before today counts to it; without one, 31 December (today for the current year), as the coverage page.
            ReportCatalogue.Assistance => await AssistanceAsync(db, year, asOf < today ? asOf : today, level, places, ct),
            ReportCatalogue.VillageExits => await VillageExitsAsync(db, year, level, places, allVillages, ct),
            ReportCatalogue.ProjectFunds => await ProjectFundsAsync(db, year, level, places, ct),
            ReportCatalogue.Training => await TrainingAsync(db, year, asOf, level, places, ct),
            _ => throw new InvalidOperationException(form.Code),
        };

        var overrides = figures.Where(f => f.Place is null && f.Name is null).SelectMany(f => f.Values).ToDictionary();
        figures = figures.Where(f => f.Place is not null || f.Name is not null).ToList();
        var keys = form.Columns.Select(c => c.Key).ToList();
        var rows = figures.Select(f => new Row(f.Place?.Id, f.Place?.Code ?? string.Empty, f.Place?.Name ?? f.Name!, Values(form, f.Values))).ToList();
        // Figures that are distinct counts over the whole area (cadres) are not the sum of the rows: the form gives them.
        var sums = keys.ToDictionary(k => k, k => overrides.TryGetValue(k, out var whole) ? whole : figures.Sum(f => f.Values.GetValueOrDefault(k)));
        var total = new Row(null, string.Empty, "合计", Values(form, sums));

        var county = await db.Counties.AsNoTracking().Where(c => scope.Level == AreaLevel.Everything || c.Id == scope.CountyId).OrderBy(c => c.Code).Select(c => c.Name).FirstOrDefaultAsync(ct) ?? string.Empty;
        var areaName = level switch
        {
            ReportLevel.County => county,
            ReportLevel.Township => county + township!.Name,
            _ => county + township!.Name + village!.Name,
        };
        return new Result(form.Code, form.Zh, form.En, form.UnitZh, level, county, areaName, year, asOf, form.Columns, rows, total, form.BasisZh, form.BasisEn,
            MadeBy(actor, county, township, village), database.Clock.GetLocalNow().DateTime, form.UnitEn, MadeByEn(actor, county, township, village));
    }

    public static string LevelZh(ReportLevel level) => level switch { ReportLevel.County => "县", ReportLevel.Township => "乡镇", _ => "村" };

    /// <summary>制表单位: the office of the user's area (the county's poverty-alleviation office, a township, a village).</summary>
    private static string MadeBy(Actor actor, string county, Place? township, Place? village) => actor.Scope.Level switch
    {
        AreaLevel.Village when village is not null => county + township!.Name + village.Name + "村民委员会",
        AreaLevel.Township when township is not null => county + township.Name + "人民政府",
        _ => county + "扶贫开发领导小组办公室",
    };

    /// <summary>制表单位 in English: the office's kind in English, the places by their names.</summary>
    private static string MadeByEn(Actor actor, string county, Place? township, Place? village) => actor.Scope.Level switch
    {
        AreaLevel.Village when village is not null => $"Villagers' committee of {village.Name}, {township!.Name}, {county}",
        AreaLevel.Township when township is not null => $"People's government of {township.Name}, {county}",
        _ => $"Poverty alleviation office of {county}",
    };

    private static IReadOnlyList<decimal> Values(ReportForm form, IReadOnlyDictionary<string, decimal> values) => form.Columns.Select(c => c.Value == ReportValue.Percent
        ? values.GetValueOrDefault(c.Denominator!) is var d and not 0 ? Math.Round(values.GetValueOrDefault(c.Numerator!) * 100m / d, 1, MidpointRounding.AwayFromZero) : 0m
        : values.GetValueOrDefault(c.Key)).ToList();

    private static Place? Match(IEnumerable<Place> places, string text)
    {
        var t = text.Trim();
        return places.FirstOrDefault(p => p.Id.ToString() == t.ToLowerInvariant() || p.Code == t || p.Name == t);
    }

    private static InvalidRequestException Invalid(string zh, string en, string field = "request") =>
        new([new Problem(field, field == "request" ? "report" : "report.as_of", new LocalText(zh, en))]);

    private static NotFoundException NotFound(string zh, string en, string text) => new(new LocalText($"您的区域内没有{zh}“{text}”", $"No {en} \"{text}\" in your area"));

    private sealed record Figures(Place? Place, string? Name, Dictionary<string, decimal> Values);

    private static Guid AreaOf(ReportLevel level, Guid townshipId, Guid villageId) => level == ReportLevel.County ? townshipId : villageId;

    private static List<Figures> ByPlace<T>(IReadOnlyList<Place> places, ReportLevel level, IEnumerable<T> items, Func<T, Guid> townshipOf, Func<T, Guid> villageOf, Action<Dictionary<string, decimal>, List<T>> fill)
    {
        var byArea = items.ToLookup(i => AreaOf(level, townshipOf(i), villageOf(i)));
        return places.Select(p =>
        {
            var values = new Dictionary<string, decimal>();
            fill(values, byArea[p.Id].ToList());
            return new Figures(p, null, values);
        }).ToList();
    }

    /// <summary>
    /// 贫困人口动态变化表: the registry as of the end of the previous year and of the year (each household's latest
    /// event on or before the date, placed where that event left it — CountyOverview's as-of query) and the year's events by kind.
    /// </summary>
    private static async Task<List<Figures>> PopulationAsync(TuopinDb db, int year, DateOnly asOf, ReportLevel level, IReadOnlyList<Place> places, CancellationToken ct)
    {
        var ids = places.Select(p => p.Id).ToList();
        var start = new DateOnly(year - 1, 12, 31);
        var first = new DateOnly(year, 1, 1);

        async Task<List<(Guid T, Guid V, HouseholdStatus To, int Size)>> AsOfAsync(DateOnly date)
        {
            // Where a household was on the date is its event's place (as CountyOverview counts): the area filter, which
            // follows the household's current place, gives way to the places asked for, all inside the user's area.
            var latest = db.StatusChanges.IgnoreQueryFilters().AsNoTracking()
                .Where(e => e.Date <= date && !e.Closed && !db.StatusChanges.IgnoreQueryFilters().Any(n => n.HouseholdId == e.HouseholdId && n.Date <= date && n.Sequence > e.Sequence));
            return (await latest.Select(e => new { T = e.TownshipIdAfter ?? e.Household!.TownshipId, V = e.VillageIdAfter ?? e.Household!.VillageId, e.To, e.SizeAfter })
                    .Where(e => ids.Contains(level == ReportLevel.County ? e.T : e.V))
                    .ToListAsync(ct))
                .Select(e => (e.T, e.V, e.To, e.SizeAfter)).ToList();
        }

        var before = (await AsOfAsync(start)).Where(e => HouseholdStanding.IsPoor(e.To)).ToList();
        var after = (await AsOfAsync(asOf)).Where(e => HouseholdStanding.IsPoor(e.To)).ToList();
        HouseholdEventKind[] kinds = [HouseholdEventKind.Registration, HouseholdEventKind.Exit, HouseholdEventKind.ReturnToPoverty, HouseholdEventKind.Removal];
        var events = (await db.StatusChanges.IgnoreQueryFilters().AsNoTracking()
                .Where(e => e.Date >= first && e.Date <= asOf && kinds.Contains(e.Kind))
                .Select(e => new { T = e.TownshipIdAfter ?? e.Household!.TownshipId, V = e.VillageIdAfter ?? e.Household!.VillageId, e.Kind, e.SizeAfter })
                .Where(e => ids.Contains(level == ReportLevel.County ? e.T : e.V))
                .ToListAsync(ct))
            .ToList();

        return places.Select(p =>
        {
            bool Mine(Guid t, Guid v) => AreaOf(level, t, v) == p.Id;
            var values = new Dictionary<string, decimal>();
            var b = before.Where(e => Mine(e.T, e.V)).ToList();
            var a = after.Where(e => Mine(e.T, e.V)).ToList();
            values["start_h"] = b.Count; values["start_p"] = b.Sum(e => e.Size);
            values["end_h"] = a.Count; values["end_p"] = a.Sum(e => e.Size);
            foreach (var (kind, key) in new[] { (HouseholdEventKind.Registration, "new"), (HouseholdEventKind.Exit, "exit"), (HouseholdEventKind.ReturnToPoverty, "return"), (HouseholdEventKind.Removal, "removed") })
            {
                var mine = events.Where(e => e.Kind == kind && Mine(e.T, e.V)).ToList();
                values[key + "_h"] = mine.Count;
                values[key + "_p"] = mine.Sum(e => e.SizeAfter);
            }
            return new Figures(p, null, values);
        }).ToList();
    }

    /// <summary>帮扶情况表: the assistance facts of the coverage page (households assessed in the year, their cadre and measures).</summary>
    private static async Task<List<Figures>> AssistanceAsync(TuopinDb db, int year, DateOnly today, ReportLevel level, IReadOnlyList<Place> places, CancellationToken ct)
    {
        var day = AssistanceRules.DayOf(year, today);
        var ids = places.Select(p => p.Id).ToList();
        var households = AssistanceFacts.PoorIn(db, year).Where(h => ids.Contains(level == ReportLevel.County ? h.TownshipId : h.VillageId));
        var facts = await AssistanceFacts.BuildAsync(db, households, year, day, ct);
        var factIds = facts.Select(f => f.HouseholdId).ToList();
        var pairs = await db.CadreAssignments.IgnoreQueryFilters().AsNoTracking()
            .Where(a => a.StartedOn <= day && (a.EndedOn == null || a.EndedOn >= day) && factIds.Contains(a.HouseholdId))
            .Select(a => new { a.TownshipId, a.VillageId, a.CadreId }).ToListAsync(ct);
        var cadres = pairs.ToLookup(a => AreaOf(level, a.TownshipId, a.VillageId), a => a.CadreId);
        return ByPlace(places, level, facts, f => f.TownshipId, f => f.VillageId, (values, mine) =>
        {
            values["households"] = mine.Count;
            values["paired"] = mine.Count(f => f.HasCadre);
            var measures = mine.SelectMany(f => f.Measures).Where(m => m.Status != MeasureStatus.Cancelled).ToList();
            values["measures"] = measures.Count;
            foreach (var type in MeasureTypes.Codes.Items) values["m" + type.Code] = measures.Count(m => m.Type == type.Value);
        }).Select(f => { f.Values["cadres"] = cadres[f.Place!.Id].Distinct().Count(); return f; })
            .Append(new Figures(null, null, new() { ["cadres"] = pairs.Select(a => a.CadreId).Distinct().Count() })).ToList();
    }

    /// <summary>贫困村出列情况表: the places' villages, and the village exit board of the year (the same query as its page).</summary>
    private async Task<List<Figures>> VillageExitsAsync(TuopinDb db, int year, ReportLevel level, IReadOnlyList<Place> places, IReadOnlyList<Place> villagesInScope, CancellationToken ct)
    {
        var ids = places.Select(p => p.Id).ToList();
        var villages = await db.Villages.AsNoTracking().Where(v => ids.Contains(level == ReportLevel.County ? v.TownshipId : v.Id))
            .Select(v => new { v.Id, v.TownshipId, v.IsPoor, v.PlannedExitYear }).ToListAsync(ct);
        var board = (await exitBoard.HandleAsync(new GetAreaExitBoard.Query(year, AreaExitLevel.Village), ct)).Rows.ToDictionary(r => r.AreaId);
        return ByPlace(places, level, villages, v => v.TownshipId, v => v.Id, (values, mine) =>
        {
            values["villages"] = mine.Count;
            values["poor"] = mine.Count(v => v.IsPoor);
            values["planned"] = mine.Count(v => v.IsPoor && v.PlannedExitYear == year);
            var rows = mine.Select(v => board.GetValueOrDefault(v.Id)).OfType<AreaBoardRow>().ToList();
            values["started"] = rows.Count(r => r.ProcedureId is not null);
            values["ready"] = rows.Count(r => r.Ready == true);
            values["exited"] = rows.Count(r => r.Exited);
            values["planned_later"] = mine.Count(v => v.IsPoor && v.PlannedExitYear > year);
        });
    }

    /// <summary>项目资金情况表: the year's projects by responsible township and the running sums their allocations keep.</summary>
    private static async Task<List<Figures>> ProjectFundsAsync(TuopinDb db, int year, ReportLevel level, IReadOnlyList<Place> places, CancellationToken ct)
    {
        var projects = await db.Projects.AsNoTracking().Where(p => p.Year == year)
            .Select(p => new { p.Id, p.ResponsibleTownshipId, p.Step, p.Budget }).ToListAsync(ct);
        var projectIds = projects.Select(p => p.Id).ToList();
        var allocations = (await db.FundAllocations.AsNoTracking().Where(a => projectIds.Contains(a.ProjectId)).Select(a => new { a.ProjectId, a.Amount, a.Disbursed }).ToListAsync(ct))
            .ToLookup(a => a.ProjectId);
        void Fill(Dictionary<string, decimal> values, IReadOnlyCollection<Guid> mine)
        {
            var ps = projects.Where(p => mine.Contains(p.Id)).ToList();
            values["projects"] = ps.Count;
            values["started"] = ps.Count(p => p.Step >= ProjectStep.Implementing);
            values["accepted"] = ps.Count(p => p.Step >= ProjectStep.Accepted);
            values["closed"] = ps.Count(p => p.Step == ProjectStep.Closed);
            values["budget"] = ps.Aggregate(Money.Zero, (s, p) => s + p.Budget).Yuan;
            values["allocated"] = ps.SelectMany(p => allocations[p.Id]).Aggregate(Money.Zero, (s, a) => s + a.Amount).Yuan;
            values["disbursed"] = ps.SelectMany(p => allocations[p.Id]).Aggregate(Money.Zero, (s, a) => s + a.Disbursed).Yuan;
        }
        var result = places.Select(p =>
        {
            var values = new Dictionary<string, decimal>();
            Fill(values, projects.Where(x => x.ResponsibleTownshipId == p.TownshipId).Select(x => x.Id).ToList());
            return new Figures(p, null, values);
        }).ToList();
        // The county's own projects (no township responsible) are a row of the county's form.
        var countyLevel = projects.Where(x => x.ResponsibleTownshipId is null).Select(x => x.Id).ToList();
        if (level == ReportLevel.County && countyLevel.Count > 0)
        {
            var values = new Dictionary<string, decimal>();
            Fill(values, countyLevel);
            result.Add(new Figures(null, "县直", values));
        }
        return result;
    }

    /// <summary>培训情况表: the year's courses and their completed attendances; people counted by the training rule.</summary>
    private static async Task<List<Figures>> TrainingAsync(TuopinDb db, int year, DateOnly asOf, ReportLevel level, IReadOnlyList<Place> places, CancellationToken ct)
    {
        var ids = places.Select(p => p.Id).ToList();
        var first = new DateOnly(year, 1, 1);
        var rows = await db.TrainingAttendances.AsNoTracking()
            .Where(a => a.Completed && a.Course!.EndedOn >= first && a.Course.EndedOn <= asOf && ids.Contains(level == ReportLevel.County ? a.TownshipId : a.VillageId))
            .Select(a => new { a.CourseId, a.Course!.Kind, a.MemberId, a.PersonName, a.TownshipId, a.VillageId })
            .ToListAsync(ct);
        return ByPlace(places, level, rows, a => a.TownshipId, a => a.VillageId, (values, mine) =>
        {
            values["courses"] = mine.Select(a => a.CourseId).Distinct().Count();
            values["attendances"] = mine.Count;
            values["people"] = mine.Select(a => TrainingKinds.PersonKey(a.MemberId, a.PersonName, a.VillageId)).Distinct(StringComparer.Ordinal).Count();
            foreach (var kind in TrainingKinds.Codes.Items)
                values["k" + kind.Code] = mine.Where(a => a.Kind == kind.Value).Select(a => TrainingKinds.PersonKey(a.MemberId, a.PersonName, a.VillageId)).Distinct(StringComparer.Ordinal).Count();
        });
    }
}
