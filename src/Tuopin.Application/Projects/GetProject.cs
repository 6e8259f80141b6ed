using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;
using Tuopin.Domain.Projects;
using Tuopin.Domain.Registry;
using Tuopin.Application.Common;

namespace Tuopin.Application.Projects;

/// <summary>
/// One project the user reads: its fields, its villages (with township and zone), its history of steps (who, when, the
/// document), the households it benefits and the poor people among them counted from the registry (present members of
/// registered households), the next step and whether this user may take it, flag it or report progress.
/// </summary>
public sealed class GetProject(Database database)
{
    public sealed record VillageRow(Guid Id, string Name, string Township, string? Zone);

    public sealed record StepRow(ProjectStep Step, DateOnly On, string? DocumentNumber, string? Note, string By);

    public sealed record Result(
        Guid Id, int Version, string Code, string Name, ProjectCategory Category, int Year, ProjectStep Step,
        Guid? ResponsibleTownshipId, Department? ResponsibleDepartment, string Responsible,
        decimal Budget, decimal OutputQuantity, string OutputUnit, bool Integrated,
        string? ApprovalDocumentNumber, DateOnly? ApprovedOn, DateOnly? NoticeStartsOn, DateOnly? NoticeEndsOn, bool HeldByObjection,
        string? Contractor, decimal? ContractAmount, DateOnly? StartedOn, int ProgressPercent,
        DateOnly? AcceptedOn, string? AcceptedBy, string? AcceptanceResult, DateOnly? ReimbursedOn, DateOnly? ClosedOn,
        bool Flagged, string? FlagReason, bool NotStartedAlert,
        IReadOnlyList<VillageRow> Villages, IReadOnlyList<StepRow> Steps, int BeneficiaryHouseholds, int PoorPeople,
        ProjectStep? NextStep, bool CanTakeNext, LocalText? NextRefusal, bool CanFlag, bool CanReportProgress, bool CanSetBeneficiaries, int MinimumNoticeDays);

    public async Task<Result> HandleAsync(Guid id, CancellationToken ct = default)
    {
        var actor = database.Actor;
        await using var db = database.Open();
        var p = await ProjectAccess.Visible(db, actor).AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw ProjectAccess.ProjectNotFound();
        var villages = await (
            from pv in db.ProjectVillages where pv.ProjectId == id
            join v in db.Villages on pv.VillageId equals v.Id
            join t in db.Townships on v.TownshipId equals t.Id
            orderby t.Name, v.Name
            select new VillageRow(v.Id, v.Name, t.Name, db.Zones.Where(z => z.Id == v.ZoneId).Select(z => z.Name).FirstOrDefault())).ToListAsync(ct);
        var steps = await db.ProjectSteps.AsNoTracking().Where(s => s.ProjectId == id).OrderBy(s => s.On).ThenBy(s => s.RecordedAt)
            .Select(s => new StepRow(s.Step, s.On, s.DocumentNumber, s.Note, s.By)).ToListAsync(ct);
        var households = await db.ProjectBeneficiaries.CountAsync(b => b.ProjectId == id, ct);
        var poor = await db.Members.CountAsync(m => m.Status == MemberStatus.Present
            && db.ProjectBeneficiaries.Any(b => b.ProjectId == id && b.HouseholdId == m.HouseholdId)
            && db.Households.Any(h => h.Id == m.HouseholdId && h.Status != HouseholdStatus.Removed), ct);
        var township = p.ResponsibleTownshipId is { } tid ? await db.Townships.Where(t => t.Id == tid).Select(t => t.Name).FirstOrDefaultAsync(ct) : null;
        var minimum = await ProjectAccess.MinimumNoticeDaysAsync(db, ct);
        var next = ProjectRules.Next(p.Step);
        var refusal = next is { } n ? ProjectAccess.Refusal(actor, p, n) : null;
        var today = database.Clock.Today();
        return new Result(p.Id, p.Version, p.Code, p.Name, p.Category, p.Year, p.Step, p.ResponsibleTownshipId, p.ResponsibleDepartment,
            p.ResponsibleDepartment is { } d ? Departments.Name(d).Zh : township ?? string.Empty,
            p.Budget.Yuan, p.OutputQuantity, p.OutputUnit, p.Integrated, p.ApprovalDocumentNumber, p.ApprovedOn, p.NoticeStartsOn, p.NoticeEndsOn, p.HeldByObjection,
            p.Contractor, p.ContractAmount?.Yuan, p.StartedOn, p.ProgressPercent, p.AcceptedOn, p.AcceptedBy, p.AcceptanceResult, p.ReimbursedOn, p.ClosedOn,
            p.Flagged, p.FlagReason, ProjectRules.ApprovedButNotStarted(p, today),
            villages, steps, households, poor,
            next, next is not null && refusal is null, refusal, ProjectAccess.CanFlag(actor),
            p.Step == ProjectStep.Implementing && ProjectAccess.IsOwner(actor, p), p.Step != ProjectStep.Closed && ProjectAccess.IsOwner(actor, p), minimum);
    }
}
