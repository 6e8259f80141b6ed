using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Registry;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Plan;

/// <summary>
/// The roll-up of a province, a prefecture or a county (省、市州汇总): households and people registered, exited by year,
/// still poor, poor at the end of each year and the incidence, in total and one row per county. Read from the counties'
/// tallies (<see cref="CountyTallies"/>), each recounted first if written since, so the answer is never older than a
/// committed write and a view reads a few rows per county instead of the registry. Totals are the sums of the counties'
/// cells, and the incidence is computed from the summed people and population, never as an average of rates.
/// A prefecture's or a province's official reads their own area's (or, for a province, one of its prefectures'); the
/// county office its own county; the operator any. No record of a household is read or shown.
/// </summary>
public sealed class GetRollup(Database database)
{
    /// <param name="Area">The GB/T 2260 code of the province, prefecture or county; the actor's own area when empty.</param>
    /// <param name="Year">The year whose end the incidence is of; the working year when empty.</param>
    public sealed record Query(string? Area = null, int? Year = null);

    public sealed record YearPoor(int Year, int Households, int People, decimal? Incidence);

    public sealed record Figures(
        CountyOverview.Count Registered,
        IReadOnlyList<CountyOverview.YearCount> Exits,
        CountyOverview.Count Remaining,
        CountyOverview.Count Removed,
        IReadOnlyList<YearPoor> PoorAtEnd,
        int? Population,
        decimal? Incidence);

    public sealed record CountyRow(Guid Id, string Code, string Name, string? Prefecture, bool IsWestern, int Villages, Figures Figures, DateTime? TalliedAt);

    public sealed record Result(string Level, string Code, string Name, int Year, Figures Total, IReadOnlyList<CountyRow> Counties);

    private sealed record Area(string Level, string Code, string Name, Guid? ProvinceId, Guid? PrefectureId, Guid? CountyId);

    public async Task<Result> HandleAsync(Query query, CancellationToken ct = default)
    {
        var actor = database.Actor;
        // A regional official reading one county on their grant keeps their own roll-up: their role and region, not the county's.
        var (role, scope) = (actor.OwnRole, actor.OwnScope);
        if (!Permissions.CanReadRollup(role) || scope.Level is AreaLevel.Township or AreaLevel.Village)
            throw new ForbiddenException(new LocalText("您的角色无权查看汇总", "Your role does not read roll-ups"));
        await using var db = database.Open();
        var own = await OwnAreaAsync(db, scope, ct);
        var area = string.IsNullOrWhiteSpace(query.Area) ? own
            : await FindAsync(db, query.Area.Trim(), ct) ?? throw new NotFoundException(new LocalText($"没有代码为 {query.Area.Trim()} 的省、市州或县", $"No province, prefecture or county has the code {query.Area.Trim()}"));
        if (area is null || !await WithinAsync(db, area, own, scope, ct))
            throw new ForbiddenException(new LocalText("只能查看本辖区的汇总", "You read the roll-up of your own area only"));
        var year = query.Year ?? await WorkYear.GetAsync(db, database.Clock, ct);
        if (year < WorkYear.FirstYear - 1 || year > WorkYear.PlanEndYear + 30)
            throw new InvalidRequestException([new Problem("year", "rollup.year", new LocalText($"年度 {year} 不在 {WorkYear.FirstYear - 1}–{WorkYear.PlanEndYear + 30} 之内", $"The year {year} is outside {WorkYear.FirstYear - 1}–{WorkYear.PlanEndYear + 30}"))]);

        var counties = await (
                from c in db.Counties.AsNoTracking()
                join p in db.Prefectures.AsNoTracking() on c.PrefectureId equals p.Id into ps
                from p in ps.DefaultIfEmpty()
                where area.CountyId != null ? c.Id == area.CountyId
                    : area.PrefectureId != null ? c.PrefectureId == area.PrefectureId
                    : area.ProvinceId != null ? p != null && p.ProvinceId == area.ProvinceId
                    : true
                orderby c.Code
                select new { c.Id, c.Code, c.Name, Prefecture = p == null ? null : p.Name, c.IsWestern })
            .ToListAsync(ct);
        var ids = counties.Select(c => c.Id).ToList();
        var (cells, stamps) = await CountyTallies.ReadAsync(db, ids, database.Clock, ct);
        var byCounty = cells.ToLookup(c => c.CountyId);

        var rows = counties.Select(c =>
        {
            var stamp = stamps[c.Id];
            return new CountyRow(c.Id, c.Code, c.Name, c.Prefecture, c.IsWestern, stamp.Villages,
                Compute(byCounty[c.Id].ToList(), Population(stamp), year), stamp.TalliedAt);
        }).ToList();
        // The area's population is known when every county's is; its incidence is of the sums.
        int? population = rows.Count > 0 && rows.All(r => r.Figures.Population is not null) ? rows.Sum(r => r.Figures.Population!.Value) : null;
        return new Result(area.Level, area.Code, area.Name, year, Compute(cells, population, year), rows);
    }

    private static int? Population(CountyTallyStamp s) => s.Villages > 0 && s.VillagesWithoutPopulation == 0 ? s.RegisteredPopulation : null;

    /// <summary>The figures of a set of cells, by the registry's own rules (<see cref="HouseholdStanding"/>), as the county overview counts them.</summary>
    private static Figures Compute(IReadOnlyCollection<CountyTally> cells, int? population, int year)
    {
        var poorAtEnd = Enumerable.Range(WorkYear.FirstYear - 1, year - WorkYear.FirstYear + 2).Select(y =>
        {
            var poor = Sum(cells.Where(c => HouseholdStanding.IsPoorAtEndOf(y, c.Status, c.ExitYear)));
            return new YearPoor(y, poor.Households, poor.People, PovertyIncidence.Percent(poor.People, population));
        }).ToList();
        var exits = cells.Where(c => c.Status == HouseholdStatus.Exited && c.ExitYear is not null)
            .GroupBy(c => c.ExitYear!.Value).OrderBy(g => g.Key)
            .Select(g => new CountyOverview.YearCount(g.Key, g.Sum(c => c.Households), g.Sum(c => c.People))).ToList();
        return new Figures(Sum(cells), exits, Sum(cells.Where(c => HouseholdStanding.IsPoor(c.Status))),
            Sum(cells.Where(c => !HouseholdStanding.IsRegistered(c.Status))), poorAtEnd, population, poorAtEnd[^1].Incidence);
    }

    private static CountyOverview.Count Sum(IEnumerable<CountyTally> cells)
    {
        var list = cells.ToList();
        return new CountyOverview.Count(list.Sum(c => c.Households), list.Sum(c => c.People));
    }

    /// <summary>The actor's own area: a province, a prefecture, a county; null for the operator (every county).</summary>
    private static async Task<Area?> OwnAreaAsync(TuopinDb db, AreaScope scope, CancellationToken ct) => scope.Level switch
    {
        AreaLevel.Province => await db.Provinces.AsNoTracking().Where(p => p.Id == scope.RegionId)
            .Select(p => new Area("province", p.Code, p.Name, p.Id, null, null)).FirstOrDefaultAsync(ct),
        AreaLevel.Prefecture => await db.Prefectures.AsNoTracking().Where(p => p.Id == scope.RegionId)
            .Select(p => new Area("prefecture", p.Code, p.Name, p.ProvinceId, p.Id, null)).FirstOrDefaultAsync(ct),
        AreaLevel.County => await db.Counties.AsNoTracking().Where(c => c.Id == scope.CountyId)
            .Select(c => new Area("county", c.Code, c.Name, null, c.PrefectureId, c.Id)).FirstOrDefaultAsync(ct),
        AreaLevel.Everything => new Area("all", "", "全部", null, null, null),
        _ => null,
    };

    private static async Task<Area?> FindAsync(TuopinDb db, string code, CancellationToken ct) =>
        await db.Provinces.AsNoTracking().Where(p => p.Code == code).Select(p => new Area("province", p.Code, p.Name, p.Id, null, null)).FirstOrDefaultAsync(ct)
        ?? await db.Prefectures.AsNoTracking().Where(p => p.Code == code).Select(p => new Area("prefecture", p.Code, p.Name, p.ProvinceId, p.Id, null)).FirstOrDefaultAsync(ct)
        ?? await db.Counties.AsNoTracking().Where(c => c.Code == code).Select(c => new Area("county", c.Code, c.Name, null, c.PrefectureId, c.Id)).FirstOrDefaultAsync(ct);

    /// <summary>Whether the asked area lies inside the actor's own: the area itself, or a prefecture or county below it.</summary>
    private static async Task<bool> WithinAsync(TuopinDb db, Area asked, Area? own, AreaScope scope, CancellationToken ct)
    {
        if (scope.Level == AreaLevel.Everything) return true;
        if (own is null) return false;
        if (asked.Level == own.Level && asked.Code == own.Code) return true;
        return own.Level switch
        {
            "province" when asked.Level == "prefecture" => asked.ProvinceId == own.ProvinceId,
            "province" when asked.Level == "county" => asked.PrefectureId is { } p && await db.Prefectures.AnyAsync(x => x.Id == p && x.ProvinceId == own.ProvinceId, ct),
            "prefecture" when asked.Level == "county" => asked.PrefectureId == own.PrefectureId,
            _ => false,
        };
    }
}
