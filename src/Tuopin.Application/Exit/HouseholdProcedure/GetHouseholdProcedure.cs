using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Registry;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Exit;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Exit;

public sealed record TimelineStep(Guid Id, ProcedureStep Step, DateOnly Date, string ActorName, string? Note, DateTime RecordedAt, IReadOnlyList<AttachmentInfo> Attachments);

public sealed record AttachmentInfo(Guid Id, string FileName, string ContentType, long Size, string Sha256, string UploadedBy, DateTime UploadedAt);

public sealed record ObjectionInfo(Guid Id, DateOnly RaisedOn, string RaisedBy, string Content, string RecordedBy, DateOnly? ResolvedOn, string? Resolution, bool? Upheld, string? ResolvedBy);

public sealed record ProcedureTimeline(
    Guid ProcedureId, Guid HouseholdId, string Number, string? Head, string Village, int Year, ProcedureStep Stage, ProcedureStep? Next,
    DateOnly? NoticeEndsOn, bool Withdrawn, string? WithdrawnReason, int Version,
    IReadOnlyList<TimelineStep> Steps, IReadOnlyList<ObjectionInfo> Objections);

/// <summary>A household's exit procedures, newest year first, each step with its date, actor and papers.</summary>
public sealed class GetHouseholdProcedure(Database database)
{
    public async Task<IReadOnlyList<ProcedureTimeline>> HandleAsync(Guid householdId, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var household = await db.Households.AsNoTracking().Where(h => h.Id == householdId).Select(h => new { h.Id, h.Number, h.VillageId }).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException(new LocalText("没有这一户，或不在您的管辖范围内", "No such household in your area"));
        var head = await db.Members.AsNoTracking().Where(m => m.HouseholdId == householdId && m.Relation == Relation.Head && m.Status == MemberStatus.Present)
            .Select(m => m.Name).FirstOrDefaultAsync(ct);
        var village = (await PlaceNames.LoadAsync(db, [household.VillageId], ct)).Village(household.VillageId);
        var procedures = await db.ExitProcedures.AsNoTracking().Include(p => p.Steps).Include(p => p.Objections)
            .Where(p => p.HouseholdId == householdId).OrderByDescending(p => p.Year).AsSplitQuery().ToListAsync(ct);
        var ids = procedures.Select(p => p.Id).ToList();
        var attachments = await db.Attachments.AsNoTracking().Where(a => a.ProcedureId != null && ids.Contains(a.ProcedureId!.Value)).ToListAsync(ct);
        var byStep = attachments.GroupBy(a => a.StepId).ToDictionary(g => g.Key, g => g.OrderBy(a => a.UploadedAt).Select(Info).ToList());
        return procedures.Select(p => new ProcedureTimeline(
            p.Id, household.Id, household.Number, head, village, p.Year, p.Stage, ProcedureRules.Next(p), p.NoticeEndsOn, p.Withdrawn, p.WithdrawnReason, p.Version,
            p.Steps.OrderBy(s => s.Step).Select(s => new TimelineStep(s.Id, s.Step, s.Date, s.ActorName, s.Note, s.RecordedAt, byStep.GetValueOrDefault(s.Id) ?? [])).ToList(),
            p.Objections.OrderBy(o => o.RaisedOn).Select(o => new ObjectionInfo(o.Id, o.RaisedOn, o.RaisedBy, o.Content, o.RecordedBy, o.ResolvedOn, o.Resolution, o.Upheld, o.ResolvedBy)).ToList()))
            .ToList();
    }

    internal static AttachmentInfo Info(Attachment a) => new(a.Id, a.FileName, a.ContentType, a.Size, a.Sha256, a.UploadedBy, a.UploadedAt);
}
