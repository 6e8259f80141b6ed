using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Registry;

/// <summary>
/// The registry at a glance for the user's area, as of a date (default today): households and people
/// registered, exited by year, remaining, by township. For today it is one grouped query over households
/// (people are each household's size); for an earlier date one grouped query over each household's
/// latest event on or before that date, which carries the status and size it left.
/// An answer is kept for its area and date until the next committed write that may change it (<see cref="WriteCounter.Registry"/>;
/// counted once for many who ask at the same time, <see cref="KeptAnswers{TKey,T}"/>):
/// the overview is the first page of every user, and recounting the registry for each view cost ~23 ms of CPU.
/// </summary>
public sealed class CountyOverview(Database database)
{
    public sealed record Count(int Households, int People);

    public sealed record YearCount(int Year, int Households, int People);

    public sealed record Unit(
        Guid Id,
        string Name,
        int? PlannedExitYear,
        int Villages,
        int PoorVillages,
        Count Registered,
        IReadOnlyList<YearCount> Exits,
        Count Remaining,
        Count Removed);

    public sealed record Result(
        string AreaName,
        int WorkYear,
        Count Registered,
        IReadOnlyList<YearCount> Exits,
        Count Remaining,
        Count Removed,
        int Townships,
        int Villages,
        int PoorVillages,
        IReadOnlyList<Unit> ByTownship,
        bool IllustrativeData,
        DateOnly AsOf);

    private sealed record Cell(Guid TownshipId, HouseholdStatus Status, int? ExitYear, int Households, int People);

    public Task<Result> HandleAsync(CancellationToken ct = default) => HandleAsync(null, ct);

    private sealed record Key(WriteCounter Database, AreaScope Scope, DateOnly Date, DateOnly Today);

    private static readonly KeptAnswers<Key, Result> Answers = new(4096);

    public async Task<Result> HandleAsync(DateOnly? asOf, CancellationToken ct = default)
    {
        var today = database.Clock.Today();
        var key = new Key(database.Writes, database.Actor.Scope, asOf ?? today, today);
        // Counted once however many ask at the same time; kept until a write that may change it (an income does not).
        return await Answers.GetAsync(key, () => database.Writes.Registry, async counting =>
        {
            // Counted on the read replica when one is configured and has replayed this user's writes (ReadYourWrites).
            // Kept for others only when the replica had every write of this process before counting: a kept answer is
            // never older than the primary's at the same count.
            await using var db = await database.OpenForReadingAsync(counting);
            var keep = db.ReadsFrom == ReadFrom.Primary || await database.Reads.ReplicaHasEveryWriteAsync(counting);
            return (await CountAsync(db, key.Date, today, counting), keep);
        }, ct);
    }

    private async Task<Result> CountAsync(TuopinDb db, DateOnly date, DateOnly today, CancellationToken ct)
    {
        var scope = database.Actor.Scope;

        List<Cell> cells;
        if (date >= today)
        {
            // The registry's current columns are the state after every event, dated today at the latest.
            cells = (await db.Households.AsNoTracking()
                    .Where(h => h.ClosedOn == null)
                    .GroupBy(h => new { h.TownshipId, h.Status, h.ExitYear })
                    .Select(g => new { g.Key.TownshipId, g.Key.Status, g.Key.ExitYear, Households = g.Count(), People = g.Sum(h => h.Size) })
                    .ToListAsync(ct))
                .Select(g => new Cell(g.TownshipId, g.Status, g.ExitYear, g.Households, g.People))
                .ToList();
        }
        else
        {
            // Where a household was on the date is its event's place, not where it is now: the area filter
            // (which follows the household's current place) is replaced by the same test on the event.
            var events = db.StatusChanges.IgnoreQueryFilters().AsNoTracking()
                .Where(e => e.Date <= date && !e.Closed
                    && !db.StatusChanges.Any(n => n.HouseholdId == e.HouseholdId && n.Date <= date && n.Sequence > e.Sequence));
            events = scope.Level switch
            {
                AreaLevel.Everything => events,
                AreaLevel.County => events.Where(e => e.Household!.CountyId == scope.CountyId),
                AreaLevel.Township => events.Where(e => (e.TownshipIdAfter ?? e.Household!.TownshipId) == scope.TownshipId),
                _ => events.Where(e => (e.VillageIdAfter ?? e.Household!.VillageId) == scope.VillageId),
            };
            cells = (await events
                    .GroupBy(e => new { TownshipId = e.TownshipIdAfter ?? e.Household!.TownshipId, e.To, e.Year })
                    .Select(g => new { g.Key.TownshipId, g.Key.To, g.Key.Year, Households = g.Count(), People = g.Sum(e => e.SizeAfter) })
                    .ToListAsync(ct))
                .Select(g => new Cell(g.TownshipId, g.To, g.To == HouseholdStatus.Exited ? g.Year : null, g.Households, g.People))
                .ToList();
        }

        var townships = db.Townships.AsNoTracking();
        var villages = db.Villages.AsNoTracking();
        if (scope.Level != AreaLevel.Everything) { townships = townships.Where(t => t.CountyId == scope.CountyId); villages = villages.Where(v => v.CountyId == scope.CountyId); }
        if (scope.TownshipId is { } tid) { townships = townships.Where(t => t.Id == tid); villages = villages.Where(v => v.TownshipId == tid); }
        if (scope.VillageId is { } vid) villages = villages.Where(v => v.Id == vid);
        var townshipRows = await townships.OrderBy(t => t.Code).Select(t => new { t.Id, t.Name, t.PlannedExitYear }).ToListAsync(ct);
        var villageCounts = await villages.GroupBy(v => v.TownshipId)
            .Select(g => new { TownshipId = g.Key, Villages = g.Count(), Poor = g.Count(v => v.IsPoor) })
            .ToListAsync(ct);

        var units = townshipRows.Select(t =>
        {
            var mine = cells.Where(c => c.TownshipId == t.Id).ToList();
            var counts = villageCounts.FirstOrDefault(v => v.TownshipId == t.Id);
            return new Unit(t.Id, t.Name, t.PlannedExitYear, counts?.Villages ?? 0, counts?.Poor ?? 0,
                Sum(mine), Exits(mine), Sum(mine.Where(IsRemaining)), Sum(mine.Where(c => !HouseholdStanding.IsRegistered(c.Status))));
        }).ToList();

        var areaName = scope.Level switch
        {
            AreaLevel.Village => await db.Villages.Where(v => v.Id == scope.VillageId).Select(v => v.Township!.Name + v.Name).FirstOrDefaultAsync(ct),
            AreaLevel.Township => townshipRows.FirstOrDefault()?.Name,
            AreaLevel.County => await db.Counties.Where(c => c.Id == scope.CountyId).Select(c => c.Name).FirstOrDefaultAsync(ct),
            _ => string.Join("、", await db.Counties.OrderBy(c => c.Code).Select(c => c.Name).ToListAsync(ct)),
        };

        return new Result(
            areaName ?? string.Empty,
            await WorkYear.GetAsync(db, database.Clock, ct),
            Sum(cells), Exits(cells), Sum(cells.Where(IsRemaining)), Sum(cells.Where(c => !HouseholdStanding.IsRegistered(c.Status))),
            townshipRows.Count, villageCounts.Sum(v => v.Villages), villageCounts.Sum(v => v.Poor), units,
            await db.Settings.AnyAsync(s => s.Key == Demo.LoadDemo.DataSetKey, ct),
            date);
    }

    /// <summary>Households still poor: never exited, or returned to poverty.</summary>
    private static bool IsRemaining(Cell c) => HouseholdStanding.IsPoor(c.Status);

    private static Count Sum(IEnumerable<Cell> cells)
    {
        var list = cells.ToList();
        return new Count(list.Sum(c => c.Households), list.Sum(c => c.People));
    }

    private static List<YearCount> Exits(IEnumerable<Cell> cells) => cells
        .Where(c => c.Status == HouseholdStatus.Exited && c.ExitYear is not null)
        .GroupBy(c => c.ExitYear!.Value)
        .OrderBy(g => g.Key)
        .Select(g => new YearCount(g.Key, g.Sum(c => c.Households), g.Sum(c => c.People)))
        .ToList();
}
