using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Supervision;

namespace Tuopin.Application.Supervision;

/// <summary>
/// An inspector (or the county office) changes an inspection after it was recorded — its kind, title, subject, planned
/// day, the day of the visit (typically: a planned inspection's visit is recorded by filling it in), inspectors and notes —
/// at the version they saw (else 409). The fields follow the rules of <see cref="RecordInspection"/>; once findings are
/// recorded against it, its subject is fixed and the day of the visit cannot be removed
/// (<see cref="SupervisionRules.CheckInspectionChange"/>). Its year stays. Audited, with the reason if given.
/// </summary>
public sealed class UpdateInspection(Database database)
{
    public sealed record Request(Guid InspectionId, int Version, InspectionKind Kind, string Title, Guid? SubjectUnitId, Guid? TownshipId, Guid? VillageId,
        DateOnly PlannedOn, DateOnly? VisitedOn, string Inspectors, string? Notes = null, string? Reason = null);

    public async Task<int> HandleAsync(Request request, CancellationToken ct = default)
    {
        var actor = database.Actor;
        SupervisionAccess.RequireInspector(actor);
        await using var db = database.Open();
        var inspection = await SupervisionAccess.Inspections(db, actor).FirstOrDefaultAsync(i => i.Id == request.InspectionId, ct)
            ?? throw SupervisionAccess.InspectionNotFound();
        if (inspection.Version != request.Version)
            throw new ConflictException(new LocalText("该督查已被他人修改，请重新打开后再保存", "Someone else changed this inspection; reopen and save again"));
        var problems = SupervisionRules.CheckInspection(request.Kind, inspection.Year, request.Title, request.Inspectors,
            request.SubjectUnitId is not null || request.TownshipId is not null || request.VillageId is not null, request.PlannedOn, request.VisitedOn, database.Clock.Today());
        var township = await RecordInspection.SubjectAsync(db, inspection.CountyId, request.SubjectUnitId, request.TownshipId, request.VillageId, problems, ct);
        var subjectChanged = request.SubjectUnitId != inspection.SubjectUnitId || township != inspection.TownshipId || request.VillageId != inspection.VillageId;
        var hasFindings = await db.Findings.AnyAsync(f => f.InspectionId == inspection.Id, ct);
        problems.AddRange(SupervisionRules.CheckInspectionChange(hasFindings, subjectChanged, request.VisitedOn));
        if (problems.Count > 0) throw new InvalidRequestException(problems);
        db.Entry(inspection).Property(x => x.Version).OriginalValue = inspection.Version;
        inspection.Kind = request.Kind;
        inspection.Title = request.Title.Trim();
        inspection.SubjectUnitId = request.SubjectUnitId;
        inspection.TownshipId = township;
        inspection.VillageId = request.VillageId;
        inspection.PlannedOn = request.PlannedOn;
        inspection.VisitedOn = request.VisitedOn;
        inspection.Inspectors = request.Inspectors.Trim();
        inspection.Notes = string.IsNullOrWhiteSpace(request.Notes) ? null : request.Notes.Trim();
        inspection.Version++;
        db.ChangeReason = string.IsNullOrWhiteSpace(request.Reason) ? $"修改督查：{inspection.Title}" : request.Reason.Trim();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (ConflictException e) when (e.LostRace)
        {
            throw new ConflictException(new LocalText("该督查已被他人修改，请重新打开后再保存", "Someone else changed this inspection; reopen and save again"));
        }
        return inspection.Version;
    }
}
