using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Supervision;

namespace Tuopin.Application.Supervision;

/// <summary>
/// The findings the reader sees (问题台账), filtered by year, township, responsible unit, inspection, status, or overdue
/// only (deadline passed and not closed, as of a day: today by default), the earliest deadline first; with the overdue
/// findings counted by township and by responsible unit. Counts and rows are read by the database (set-based).
/// </summary>
public sealed class ListFindings(Database database)
{
    public sealed record Request(int? Year = null, Guid? TownshipId = null, Guid? UnitId = null, Guid? InspectionId = null, FindingStatus? Status = null,
        bool OverdueOnly = false, DateOnly? AsOf = null, int Page = 1, int PageSize = 100);

    public sealed record Row(Guid Id, int Version, Guid InspectionId, string Inspection, int Year, FindingCategory Category, string Description,
        string ResponsibleUnit, string? Township, string? Village, FindingTarget? TargetKind, Guid? TargetId, DateOnly Deadline, FindingStatus Status, DateOnly? ClosedOn, bool Overdue);

    public sealed record Count(Guid? Id, string Name, int Overdue);

    public sealed record Result(DateOnly AsOf, int Total, int Overdue, IReadOnlyList<Count> OverdueByTownship, IReadOnlyList<Count> OverdueByUnit, Page<Row> Findings);

    public async Task<Result> HandleAsync(Request request, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var asOf = request.AsOf ?? database.Clock.Today();
        var findings = SupervisionAccess.Findings(db, database.Actor).AsNoTracking();
        if (request.Year is { } year) findings = findings.Where(f => f.Year == year);
        if (request.TownshipId is { } t) findings = findings.Where(f => f.TownshipId == t);
        if (request.UnitId is { } u) findings = findings.Where(f => f.ResponsibleUnitId == u);
        if (request.InspectionId is { } i) findings = findings.Where(f => f.InspectionId == i);
        var overdue = findings.Where(f => f.Status != FindingStatus.Closed && f.Deadline < asOf);
        var byTownship = await (from f in overdue
                                group f by f.TownshipId into g
                                select new { Id = g.Key, Name = db.Townships.Where(x => x.Id == g.Key).Select(x => x.Name).FirstOrDefault(), Overdue = g.Count() }).ToListAsync(ct);
        var byUnit = await (from f in overdue
                            group f by f.ResponsibleUnitId into g
                            select new { Id = g.Key, Name = db.OrgUnits.Where(x => x.Id == g.Key).Select(x => x.Name).First(), Overdue = g.Count() }).ToListAsync(ct);
        var total = await findings.CountAsync(ct);
        var listed = request.OverdueOnly ? overdue : findings;
        if (request.Status is { } status) listed = listed.Where(f => f.Status == status);
        var listedTotal = await listed.CountAsync(ct);
        var size = Math.Clamp(request.PageSize, 1, 500);
        var page = Math.Max(1, request.Page);
        var rows = await listed.OrderBy(f => f.Deadline).ThenBy(f => f.Id)
            .Select(f => new
            {
                f,
                Inspection = db.Inspections.Where(x => x.Id == f.InspectionId).Select(x => x.Title).First(),
                Unit = db.OrgUnits.Where(x => x.Id == f.ResponsibleUnitId).Select(x => x.Name).First(),
                Township = db.Townships.Where(x => x.Id == f.TownshipId).Select(x => x.Name).FirstOrDefault(),
                Village = db.Villages.Where(x => x.Id == f.VillageId).Select(x => x.Name).FirstOrDefault(),
            })
            .Skip((page - 1) * size).Take(size).ToListAsync(ct);
        var items = rows.Select(r => new Row(r.f.Id, r.f.Version, r.f.InspectionId, r.Inspection, r.f.Year, r.f.Category, r.f.Description, r.Unit, r.Township, r.Village,
            r.f.TargetKind, r.f.TargetId, r.f.Deadline, r.f.Status, r.f.ClosedOn, SupervisionRules.IsOverdue(r.f.Deadline, r.f.Status, asOf))).ToList();
        return new Result(asOf, total, byTownship.Sum(x => x.Overdue),
            byTownship.Select(x => new Count(x.Id, x.Name ?? "县级", x.Overdue)).OrderByDescending(x => x.Overdue).ThenBy(x => x.Name, StringComparer.Ordinal).ToList(),
            byUnit.Select(x => new Count(x.Id, x.Name, x.Overdue)).OrderByDescending(x => x.Overdue).ThenBy(x => x.Name, StringComparer.Ordinal).ToList(),
            new Page<Row>(items, listedTotal, page, size));
    }
}
