using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Storage;
using Tuopin.Domain.Supervision;
using Tuopin.Application.Common;

namespace Tuopin.Application.Supervision;

/// <summary>
/// One finding as its reader sees it: the inspection, category, description, responsible unit, deadline, area, what it
/// points at (kind, id and a label, for a link; a payment's project, whose page shows it), the rectification (measures, submitted, closed, the last reopening's
/// reason), its evidence files, whether it is overdue today, and the actions the reader may take now.
/// </summary>
public sealed class GetFinding(Database database)
{
    public sealed record Result(
        Guid Id, int Version, Guid InspectionId, string Inspection, int Year, FindingCategory Category, string Description,
        Guid ResponsibleUnitId, string ResponsibleUnit, DateOnly Deadline, string? Township, string? Village,
        FindingTarget? TargetKind, Guid? TargetId, string? TargetLabel, FindingStatus Status, string? Measures,
        DateOnly? SubmittedOn, string? SubmittedBy, DateOnly? ClosedOn, string? ClosedBy, string? ReopenReason, int Reopened,
        bool Overdue, DateOnly Today, string RecordedBy, IReadOnlyList<FindingEvidenceInfo> Evidence, IReadOnlyList<FindingAction> Actions,
        Guid? TargetProjectId = null);

    public async Task<Result> HandleAsync(Guid id, CancellationToken ct = default)
    {
        var actor = database.Actor;
        await using var db = database.Open();
        var row = await SupervisionAccess.Findings(db, actor).AsNoTracking().Where(f => f.Id == id)
            .Select(f => new
            {
                f,
                Inspection = db.Inspections.Where(i => i.Id == f.InspectionId).Select(i => i.Title).First(),
                Unit = db.OrgUnits.Where(u => u.Id == f.ResponsibleUnitId).Select(u => new { u.Name, u.Department }).First(),
                Township = db.Townships.Where(t => t.Id == f.TownshipId).Select(t => t.Name).FirstOrDefault(),
                Village = db.Villages.Where(v => v.Id == f.VillageId).Select(v => v.Name).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(ct) ?? throw SupervisionAccess.FindingNotFound();
        var f = row.f;
        FindingTargets.Place? place = null;
        if (f.TargetKind is { } kind && f.TargetId is { } target)
            place = await FindingTargets.FindAsync(db, f.CountyId, kind, target, ct);
        var evidence = await db.FindingEvidence.AsNoTracking().Where(e => e.FindingId == id).OrderBy(e => e.UploadedAt).ToListAsync(ct);
        var today = database.Clock.Today();
        return new Result(f.Id, f.Version, f.InspectionId, row.Inspection, f.Year, f.Category, f.Description, f.ResponsibleUnitId, row.Unit.Name, f.Deadline,
            row.Township, row.Village, f.TargetKind, f.TargetId, place?.Label, f.Status, f.Measures, f.SubmittedOn, f.SubmittedBy, f.ClosedOn, f.ClosedBy,
            f.ReopenReason, f.Reopened, SupervisionRules.IsOverdue(f.Deadline, f.Status, today), today, f.RecordedBy,
            evidence.Select(FindingEvidenceInfo.Of).ToList(), SupervisionAccess.AllowedFor(actor, f, row.Unit.Department), place?.ProjectId);
    }
}
