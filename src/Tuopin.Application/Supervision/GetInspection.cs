using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Storage;
using Tuopin.Domain.Supervision;

namespace Tuopin.Application.Supervision;

/// <summary>
/// One inspection: its fields and subject, whether planned or visited, its findings the reader sees (as
/// <see cref="ListFindings"/> lists them), whether the reader may change it (<see cref="UpdateInspection"/>) and whether
/// they may record findings (only once it is visited).
/// </summary>
public sealed class GetInspection(Database database, ListFindings list)
{
    public sealed record Result(Guid Id, int Version, InspectionKind Kind, int Year, string Title, Guid? SubjectUnitId, Guid? TownshipId, Guid? VillageId, string Subject,
        DateOnly PlannedOn, DateOnly? VisitedOn, string Inspectors, string? Notes, string RecordedBy, bool CanRecordFindings, IReadOnlyList<ListFindings.Row> Findings,
        InspectionStatus Stage = InspectionStatus.Visited, bool CanEdit = false);

    public async Task<Result> HandleAsync(Guid id, CancellationToken ct = default)
    {
        var actor = database.Actor;
        await using var db = database.Open();
        var row = await SupervisionAccess.Inspections(db, actor).AsNoTracking().Where(i => i.Id == id)
            .Select(i => new
            {
                i,
                Unit = db.OrgUnits.Where(u => u.Id == i.SubjectUnitId).Select(u => u.Name).FirstOrDefault(),
                Township = db.Townships.Where(x => x.Id == i.TownshipId).Select(x => x.Name).FirstOrDefault(),
                Village = db.Villages.Where(x => x.Id == i.VillageId).Select(x => x.Name).FirstOrDefault(),
            }).FirstOrDefaultAsync(ct) ?? throw SupervisionAccess.InspectionNotFound();
        var findings = await list.HandleAsync(new ListFindings.Request(InspectionId: id, PageSize: 500), ct);
        var i = row.i;
        return new Result(i.Id, i.Version, i.Kind, i.Year, i.Title, i.SubjectUnitId, i.TownshipId, i.VillageId, ListInspections.Subject(row.Unit, row.Township, row.Village),
            i.PlannedOn, i.VisitedOn, i.Inspectors, i.Notes, i.RecordedBy, SupervisionAccess.CanInspect(actor) && i.VisitedOn is not null, findings.Findings.Items,
            SupervisionRules.StatusOf(i.VisitedOn), SupervisionAccess.CanInspect(actor));
    }
}
