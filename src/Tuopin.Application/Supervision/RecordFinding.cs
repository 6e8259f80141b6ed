using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Supervision;

namespace Tuopin.Application.Supervision;

/// <summary>
/// An inspector records a finding (问题) of an inspection: category, description, the responsible unit, the deadline, and
/// at most one thing it points at (a household, a village, a project or a payment), which must exist in the county and lie
/// in the inspection's area where the inspection has one. A finding comes from a visit: none on an inspection still
/// planned. The finding's area is its target's, else the inspection's, else the responsible unit's; it opens as 待整改.
/// Audited.
/// </summary>
public sealed class RecordFinding(Database database)
{
    public sealed record Request(Guid InspectionId, FindingCategory Category, string Description, Guid ResponsibleUnitId, DateOnly Deadline,
        FindingTarget? TargetKind = null, Guid? TargetId = null);

    public async Task<RecordInspection.Saved> HandleAsync(Request request, CancellationToken ct = default)
    {
        var actor = database.Actor;
        SupervisionAccess.RequireInspector(actor);
        await using var db = database.Open();
        var inspection = await SupervisionAccess.Inspections(db, actor).AsNoTracking().FirstOrDefaultAsync(i => i.Id == request.InspectionId, ct)
            ?? throw SupervisionAccess.InspectionNotFound();
        var problems = SupervisionRules.CheckFinding(request.Category, request.Description, request.Deadline, inspection.VisitedOn);
        var unit = await db.OrgUnits.AsNoTracking().Where(u => u.Id == request.ResponsibleUnitId && u.CountyId == inspection.CountyId)
            .Select(u => new { u.TownshipId, u.VillageId }).FirstOrDefaultAsync(ct);
        if (unit is null) problems.Add(new Problem("responsibleUnitId", "finding.unit", new LocalText("请选择责任单位", "Choose the responsible unit")));
        FindingTargets.Place? place = null;
        if ((request.TargetKind is null) != (request.TargetId is null))
            problems.Add(new Problem("targetId", "finding.target", new LocalText("问题指向须同时给出类型和对象", "Give both the kind and the record the finding points at")));
        else if (request.TargetKind is { } k)
        {
            if (!Enum.IsDefined(k)) problems.Add(new Problem("targetKind", "finding.target", new LocalText("问题只能指向农户、村、项目或资金拨付", "A finding points at a household, a village, a project or a payment")));
            else if (await FindingTargets.FindAsync(db, inspection.CountyId, k, request.TargetId!.Value, ct) is not { } found) problems.Add(FindingTargets.NotFound(k));
            else if (!found.Within(inspection.TownshipId, inspection.VillageId))
                problems.Add(new Problem("targetId", "finding.target_area", new LocalText($"所指的{SupervisionRules.Targets.Name(k).Zh}不在本次督查的范围内", $"The {SupervisionRules.Targets.Name(k).En.ToLowerInvariant()} is outside the inspection's area")));
            else place = found;
        }
        if (problems.Count > 0) throw new InvalidRequestException(problems);
        var township = place is not null ? place.TownshipId ?? inspection.TownshipId : inspection.TownshipId ?? unit!.TownshipId;
        var village = place is not null ? place.VillageId ?? inspection.VillageId : inspection.VillageId ?? (inspection.TownshipId is null ? unit!.VillageId : null);
        var finding = new Finding
        {
            Id = Guid.CreateVersion7(), CountyId = inspection.CountyId, InspectionId = inspection.Id, Year = inspection.Year, Category = request.Category,
            Description = request.Description.Trim(), ResponsibleUnitId = request.ResponsibleUnitId, Deadline = request.Deadline,
            TargetKind = request.TargetKind, TargetId = request.TargetId, TownshipId = township, VillageId = village,
            RecordedBy = actor.UserName, Version = 1,
        };
        db.Findings.Add(finding);
        db.ChangeReason = $"督查问题：{SupervisionRules.Categories.Name(request.Category).Zh}";
        await db.SaveChangesAsync(ct);
        return new RecordInspection.Saved(finding.Id, finding.Version);
    }
}
