using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;

namespace Tuopin.Application.Exit;

/// <summary>Reads one evidence document in the user's area after checking its content against its SHA-256.</summary>
public sealed class ReadAreaEvidence(Database database, AttachmentStore store)
{
    public sealed record File(EvidenceFile Info, byte[] Content);

    public async Task<File> HandleAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var e = await db.AreaEvidence.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (e is null || !database.Actor.Scope.Covers(e.CountyId, e.TownshipId, e.VillageId))
            throw new NotFoundException(new LocalText("没有这个材料，或不在您的管辖范围内", "No such document in your area"));
        await store.VerifyAsync(e.Sha256, e.FileName, ct);
        var content = await System.IO.File.ReadAllBytesAsync(store.PathOf(e.Sha256), ct);
        if (!string.Equals(Convert.ToHexStringLower(SHA256.HashData(content)), e.Sha256, StringComparison.Ordinal))
            throw new ConflictException(new LocalText($"附件“{e.FileName}”的内容与登记的 SHA-256 不符，文件已被改动或损坏", $"The content of '{e.FileName}' does not match its SHA-256: the file was changed or damaged"));
        return new File(AreaExitFile.File(e), content);
    }
}
