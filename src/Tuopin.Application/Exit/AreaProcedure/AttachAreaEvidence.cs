using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Exit;

namespace Tuopin.Application.Exit;

/// <summary>
/// Files a document for a checklist item of an area's exit: the upload rules and the SHA-256 store of
/// step attachments apply (<see cref="AttachmentStore.SaveAsync"/>); area rules apply. Household papers are
/// attached to the households' own procedures, not here.
/// </summary>
public sealed class AttachAreaEvidence(Database database, AttachmentStore store)
{
    public sealed record Request(Guid ProcedureId, string Item, string FileName, Stream Content);

    public async Task<EvidenceFile> HandleAsync(Request request, CancellationToken ct = default)
    {
        var actor = database.Actor;
        if (!actor.CanWriteRegistry)
            throw new ForbiddenException(new LocalText("当前角色不能上传材料", "This role may not attach files"));
        await using var db = database.Open();
        var p = await AreaExitFile.FindAsync(db, request.ProcedureId, track: false, ct);
        if (!AreaExitRules.MayWrite(p.Level, actor.Role))
            throw new ForbiddenException(new LocalText("贫困县摘帽的材料由县扶贫办上传", "The county office files the county exit's documents"));
        var items = await AreaExitSettings.ChecklistAsync(db, p.Level, ct);
        var item = items.FirstOrDefault(i => i.Key == request.Item);
        if (item is null)
            throw new InvalidRequestException([new Problem("item", "area_exit.item_unknown", new LocalText(
                $"材料清单中没有“{request.Item}”；可选：{string.Join("、", items.Where(i => !i.FromHouseholdProcedures).Select(i => $"{i.Key}（{i.Name}）"))}",
                $"The checklist has no item '{request.Item}'; items: {string.Join(", ", items.Where(i => !i.FromHouseholdProcedures).Select(i => i.Key))}"))]);
        if (item.FromHouseholdProcedures)
            throw new InvalidRequestException([new Problem("item", "area_exit.item_from_households", new LocalText(
                $"“{item.Name}”来自各户退出程序的附件，请在户的退出程序中上传", $"'{item.Name}' comes from the households' procedures; attach those papers there"))]);
        if (p.Exited)
            throw new InvalidRequestException([new Problem("procedureId", "area_exit.exited", new LocalText("已通过验收出列，档案已封存", "The area is accepted as exited: its file is closed"))]);
        var stored = await store.SaveAsync(db, request.FileName, request.Content, ct);
        var evidence = new AreaEvidence
        {
            Id = Guid.CreateVersion7(), ProcedureId = p.Id, CountyId = p.CountyId, TownshipId = p.TownshipId, VillageId = p.VillageId,
            Item = item.Key, FileName = stored.FileName, ContentType = stored.ContentType, Size = stored.Size, Sha256 = stored.Sha256,
            UploadedBy = actor.UserName, UploadedAt = database.Clock.GetUtcNow().UtcDateTime,
        };
        db.AreaEvidence.Add(evidence);
        await db.SaveChangesAsync(ct);
        return AreaExitFile.File(evidence);
    }
}
