using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Assistance;

namespace Tuopin.Application.Assistance;

/// <summary>
/// People trained in the user's area against the plan's training targets (雨露计划 each year; the “三五” courses by
/// their year), by kind, with the breakdown one level below the area, and the courses of the county. People, not
/// attendances: one who finished two courses of a kind counts once (<see cref="TrainingKinds.CountPeople"/>).
/// The targets are the county's: below the county the rows show the area's own people beside them.
/// </summary>
public sealed class GetTrainingProgress(Database database)
{
    public sealed record AreaCount(Guid AreaId, string Area, int People);

    public sealed record KindRow(TrainingKind Kind, string? TargetKey, string? TargetName, int? Target, bool PerYear, int? TargetYear, int People, int Attendances, IReadOnlyList<AreaCount> ByArea);

    public sealed record Course(Guid Id, int Version, TrainingKind Kind, string Name, string Organiser, DateOnly StartedOn, DateOnly EndedOn, string? Place, int Attendances);

    public sealed record Result(int Year, bool WholeCounty, AreaLevel? BreakdownLevel, IReadOnlyList<KindRow> Kinds, IReadOnlyList<Course> Courses);

    public async Task<Result> HandleAsync(int? year = null, CancellationToken ct = default)
    {
        var actor = database.Actor;
        await using var db = database.Open();
        var y = year ?? await WorkYear.GetAsync(db, database.Clock, ct);
        var plan = (await Plan.GetPlan.CurrentAsync(db, actor, ct))?.Parse().Training ?? [];
        var rows = await db.TrainingAttendances.AsNoTracking()
            .Where(a => a.Course!.EndedOn.Year <= y)
            .Select(a => new { a.Course!.Kind, a.Course.EndedOn, a.MemberId, a.PersonName, a.VillageId, a.TownshipId, a.Completed })
            .ToListAsync(ct);
        var level = actor.Scope.Level switch
        {
            AreaLevel.Everything or AreaLevel.County => AreaLevel.Township,
            AreaLevel.Township => AreaLevel.Village,
            _ => (AreaLevel?)null,
        };
        var areaIds = rows.Select(r => level == AreaLevel.Township ? r.TownshipId : r.VillageId).Distinct().ToList();
        var names = level switch
        {
            AreaLevel.Township => await db.Townships.AsNoTracking().Where(t => areaIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct),
            AreaLevel.Village => await db.Villages.AsNoTracking().Where(v => areaIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, v => v.Name, ct),
            _ => [],
        };

        var kinds = Enum.GetValues<TrainingKind>().Select(kind =>
        {
            var target = TrainingKinds.PlanTargetOf(kind) is { } id ? plan.FirstOrDefault(t => t.Id == id) : null;
            var perYear = target?.PerYear ?? true;
            var counted = rows.Where(r => r.Kind == kind && (perYear ? r.EndedOn.Year == y : r.EndedOn.Year <= y)).ToList();
            var people = TrainingKinds.CountPeople(counted.Select(r => (r.Kind, r.EndedOn, r.MemberId, r.PersonName, r.VillageId, r.Completed)), kind, y, perYear);
            var byArea = level is null ? [] : counted.GroupBy(r => level == AreaLevel.Township ? r.TownshipId : r.VillageId)
                .Select(g => new AreaCount(g.Key, names.GetValueOrDefault(g.Key, string.Empty),
                    TrainingKinds.CountPeople(g.Select(r => (r.Kind, r.EndedOn, r.MemberId, r.PersonName, r.VillageId, r.Completed)), kind, y, perYear)))
                .OrderBy(a => a.Area, StringComparer.Ordinal).ToList();
            return new KindRow(kind, target?.Key, target?.Name, target?.Count, perYear, target is { PerYear: false } ? target.Year : null, people, counted.Count, byArea);
        }).ToList();

        var courses = await TrainingCourses.OfCounty(db, actor).AsNoTracking()
            .Where(c => c.EndedOn.Year == y || c.StartedOn.Year == y)
            .OrderByDescending(c => c.StartedOn).ThenBy(c => c.Name)
            .Select(c => new Course(c.Id, c.Version, c.Kind, c.Name, c.Organiser, c.StartedOn, c.EndedOn, c.Place, db.TrainingAttendances.Count(a => a.CourseId == c.Id)))
            .ToListAsync(ct);
        return new Result(y, level == AreaLevel.Township, level, kinds, courses);
    }
}
