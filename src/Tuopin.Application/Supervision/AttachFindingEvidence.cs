using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Supervision;

namespace Tuopin.Application.Supervision;

/// <summary>A file kept with a finding, as listed with it.</summary>
public sealed record FindingEvidenceInfo(Guid Id, bool OfRectification, string FileName, string ContentType, long Size, string Sha256, string UploadedBy, DateTime UploadedAt)
{
    public static FindingEvidenceInfo Of(FindingEvidence e) => new(e.Id, e.OfRectification, e.FileName, e.ContentType, e.Size, e.Sha256, e.UploadedBy, e.UploadedAt);
}

/// <summary>
/// Files evidence with a finding: the inspector's evidence of the problem, or the responsible area's evidence of its
/// rectification (整改材料) while it is not closed. The upload rules and SHA-256 store of the exit procedure's papers apply
/// (<see cref="UploadRules"/>: name, type, content sniffed from its first bytes, size limit). Audited.
/// </summary>
public sealed class AttachFindingEvidence(Database database, AttachmentStore store)
{
    public sealed record Request(Guid FindingId, bool OfRectification, string FileName, Stream Content);

    public async Task<FindingEvidenceInfo> HandleAsync(Request request, CancellationToken ct = default)
    {
        var actor = database.Actor;
        await using var db = database.Open();
        var f = await SupervisionAccess.Findings(db, actor).AsNoTracking().FirstOrDefaultAsync(x => x.Id == request.FindingId, ct) ?? throw SupervisionAccess.FindingNotFound();
        if (request.OfRectification)
        {
            if (!SupervisionAccess.CanRectify(actor, f, await SupervisionAccess.UnitDepartmentAsync(db, f.ResponsibleUnitId, ct)))
                throw new ForbiddenException(new LocalText("只有问题所在乡镇、村或责任部门可以上传整改材料", "Only the finding's township, village or responsible department files rectification evidence"));
            if (f.Status is FindingStatus.Closed or FindingStatus.Submitted)
                throw new InvalidRequestException([new Problem("status", "finding.status", new LocalText("整改已提交或已销号，不能再上传整改材料", "The rectification is submitted or closed: no more evidence can be filed"))]);
        }
        else SupervisionAccess.RequireInspector(actor);
        var stored = await store.SaveAsync(db, request.FileName, request.Content, ct);
        var evidence = new FindingEvidence
        {
            Id = Guid.CreateVersion7(), CountyId = f.CountyId, FindingId = f.Id, OfRectification = request.OfRectification,
            FileName = stored.FileName, ContentType = stored.ContentType, Size = stored.Size, Sha256 = stored.Sha256,
            UploadedBy = actor.UserName, UploadedAt = database.Clock.GetUtcNow().UtcDateTime,
        };
        db.FindingEvidence.Add(evidence);
        await db.SaveChangesAsync(ct);
        return FindingEvidenceInfo.Of(evidence);
    }
}
