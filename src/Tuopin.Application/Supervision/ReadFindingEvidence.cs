using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Supervision;

namespace Tuopin.Application.Supervision;

/// <summary>Reads one evidence file of a finding, for whoever reads the finding, after checking it against its SHA-256; the read is audited.</summary>
public sealed class ReadFindingEvidence(Database database, AttachmentStore store, Audit.AccessLog log)
{
    public sealed record File(FindingEvidenceInfo Info, byte[] Content);

    public async Task<File> HandleAsync(Guid id, CancellationToken ct = default)
    {
        var actor = database.Actor;
        await using var db = database.Open();
        var e = await db.FindingEvidence.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (e is null || !await SupervisionAccess.Findings(db, actor).AnyAsync(f => f.Id == e.FindingId, ct))
            throw new NotFoundException(new LocalText("没有这份材料，或不在您的管辖范围内", "No such evidence in your area"));
        await store.VerifyAsync(e.Sha256, e.FileName, ct);
        var content = await System.IO.File.ReadAllBytesAsync(store.PathOf(e.Sha256), ct);
        await log.ReadAsync(actor, nameof(FindingEvidence), e.Id, null, new { finding = e.FindingId, file = e.FileName, sha256 = e.Sha256 }, ct);
        return new File(FindingEvidenceInfo.Of(e), content);
    }
}
