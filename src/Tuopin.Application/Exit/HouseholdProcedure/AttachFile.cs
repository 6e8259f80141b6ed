using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Exit;

namespace Tuopin.Application.Exit;

/// <summary>
/// Attaches a file (the paper a step produced) to a step of a procedure in the user's area. The
/// content is stored under its SHA-256; the record names the step, the file and who uploaded it.
/// </summary>
public sealed class AttachFile(Database database, AttachmentStore store)
{
    public sealed record Request(Guid StepId, string FileName, Stream Content);

    public async Task<AttachmentInfo> HandleAsync(Request request, CancellationToken ct = default)
    {
        var actor = database.Actor;
        if (!actor.CanWriteRegistry)
            throw new ForbiddenException(new LocalText("当前角色不能上传材料", "This role may not attach files"));
        await using var db = database.Open();
        var step = await db.ProcedureSteps.AsNoTracking().FirstOrDefaultAsync(s => s.Id == request.StepId, ct);
        if (step is null || !actor.Scope.Covers(step.CountyId, step.TownshipId, step.VillageId))
            throw new NotFoundException(new LocalText("没有这个程序步骤，或不在您的管辖范围内", "No such step in your area"));
        // A step's papers are filed by whoever records the step: the village its minutes, the county its decision.
        var role = ProcedureRules.RoleFor(step.Step);
        if (actor.Role != role)
            throw new ForbiddenException(new LocalText(
                $"“{ProcedureRules.Name(step.Step).Zh}”的材料由{ProcedureRules.RoleName(role).Zh}上传", $"The papers of '{ProcedureRules.Name(step.Step).En}' are filed by {ProcedureRules.RoleName(role).En}"));
        var stored = await store.SaveAsync(db, request.FileName, request.Content, ct);
        var attachment = new Attachment
        {
            Id = Guid.CreateVersion7(), CountyId = step.CountyId, TownshipId = step.TownshipId, VillageId = step.VillageId,
            StepId = step.Id, ProcedureId = step.ProcedureId, HouseholdId = step.HouseholdId,
            FileName = stored.FileName, ContentType = stored.ContentType, Size = stored.Size, Sha256 = stored.Sha256,
            UploadedBy = actor.UserName, UploadedAt = database.Clock.GetUtcNow().UtcDateTime,
        };
        db.Attachments.Add(attachment);
        await db.SaveChangesAsync(ct);
        return GetHouseholdProcedure.Info(attachment);
    }
}
