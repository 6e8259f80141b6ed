using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Supervision;

namespace Tuopin.Application.Supervision;

/// <summary>
/// The inspections the reader sees (督查台账) — the plan of inspections and their visits — filtered by year, township, status
/// (inspections holding a finding in that status) and whether planned (no visit day yet, 计划中) or visited, the latest
/// (by visit day, else planned day) first, each with its subject, its own status and its findings counted (all, closed, overdue as of today — of the
/// findings the reader sees); and the reader's overdue findings counted. Set-based.
/// </summary>
public sealed class ListInspections(Database database)
{
    public sealed record Request(int? Year = null, Guid? TownshipId = null, FindingStatus? Status = null, int Page = 1, int PageSize = 50, InspectionStatus? Stage = null);

    public sealed record Row(Guid Id, int Version, InspectionKind Kind, int Year, string Title, string Subject, DateOnly PlannedOn, DateOnly? VisitedOn,
        string Inspectors, int Findings, int Closed, int Overdue, InspectionStatus Stage);

    public sealed record Result(DateOnly Today, int Total, int Findings, int Closed, int Overdue, Page<Row> Inspections);

    public async Task<Result> HandleAsync(Request request, CancellationToken ct = default)
    {
        var actor = database.Actor;
        await using var db = database.Open();
        var today = database.Clock.Today();
        var inspections = SupervisionAccess.Inspections(db, actor).AsNoTracking();
        var findings = SupervisionAccess.Findings(db, actor).AsNoTracking();
        if (request.Year is { } year)
        {
            inspections = inspections.Where(i => i.Year == year);
            findings = findings.Where(f => f.Year == year);
        }
        if (request.TownshipId is { } t)
        {
            inspections = inspections.Where(i => i.TownshipId == t || findings.Any(f => f.InspectionId == i.Id && f.TownshipId == t));
            findings = findings.Where(f => f.TownshipId == t);
        }
        if (request.Stage == InspectionStatus.Planned) inspections = inspections.Where(i => i.VisitedOn == null);
        else if (request.Stage == InspectionStatus.Visited) inspections = inspections.Where(i => i.VisitedOn != null);
        if (request.Status is { } status) inspections = inspections.Where(i => findings.Any(f => f.InspectionId == i.Id && f.Status == status));
        var counts = await findings.GroupBy(f => 1).Select(g => new
        {
            Findings = g.Count(),
            Closed = g.Count(f => f.Status == FindingStatus.Closed),
            Overdue = g.Count(f => f.Status != FindingStatus.Closed && f.Deadline < today),
        }).FirstOrDefaultAsync(ct);
        var total = await inspections.CountAsync(ct);
        var size = Math.Clamp(request.PageSize, 1, 500);
        var page = Math.Max(1, request.Page);
        var rows = await inspections.OrderByDescending(i => i.VisitedOn ?? i.PlannedOn).ThenBy(i => i.Id)
            .Select(i => new
            {
                i,
                Unit = db.OrgUnits.Where(u => u.Id == i.SubjectUnitId).Select(u => u.Name).FirstOrDefault(),
                Township = db.Townships.Where(x => x.Id == i.TownshipId).Select(x => x.Name).FirstOrDefault(),
                Village = db.Villages.Where(x => x.Id == i.VillageId).Select(x => x.Name).FirstOrDefault(),
                Findings = findings.Count(f => f.InspectionId == i.Id),
                Closed = findings.Count(f => f.InspectionId == i.Id && f.Status == FindingStatus.Closed),
                Overdue = findings.Count(f => f.InspectionId == i.Id && f.Status != FindingStatus.Closed && f.Deadline < today),
            })
            .Skip((page - 1) * size).Take(size).ToListAsync(ct);
        var items = rows.Select(r => new Row(r.i.Id, r.i.Version, r.i.Kind, r.i.Year, r.i.Title, Subject(r.Unit, r.Township, r.Village), r.i.PlannedOn, r.i.VisitedOn,
            r.i.Inspectors, r.Findings, r.Closed, r.Overdue, SupervisionRules.StatusOf(r.i.VisitedOn))).ToList();
        return new Result(today, total, counts?.Findings ?? 0, counts?.Closed ?? 0, counts?.Overdue ?? 0, new Page<Row>(items, total, page, size));
    }

    internal static string Subject(string? unit, string? township, string? village) =>
        string.Join(" ", new[] { unit, township is null ? null : village is null ? township : $"{township}{village}" }.Where(s => !string.IsNullOrEmpty(s)));
}
