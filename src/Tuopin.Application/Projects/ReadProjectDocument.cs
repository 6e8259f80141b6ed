using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Projects;

namespace Tuopin.Application.Projects;

/// <summary>
/// Reads one of a project's files, for whoever reads the project (a file of a project outside the user's area is not
/// found), after checking its content against its SHA-256; the read is audited.
/// </summary>
public sealed class ReadProjectDocument(Database database, AttachmentStore store, Audit.AccessLog log)
{
    public sealed record File(ProjectDocumentInfo Info, byte[] Content);

    public async Task<File> HandleAsync(Guid id, CancellationToken ct = default)
    {
        var actor = database.Actor;
        await using var db = database.Open();
        var d = await db.ProjectDocuments.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (d is null || !await ProjectAccess.Visible(db, actor).AnyAsync(p => p.Id == d.ProjectId, ct))
            throw new NotFoundException(new LocalText("没有这份项目材料，或不在您的管辖范围内", "No such project document in your area"));
        await store.VerifyAsync(d.Sha256, d.FileName, ct);
        var content = await System.IO.File.ReadAllBytesAsync(store.PathOf(d.Sha256), ct);
        if (!string.Equals(Convert.ToHexStringLower(SHA256.HashData(content)), d.Sha256, StringComparison.Ordinal))
            throw new ConflictException(new LocalText($"附件“{d.FileName}”的内容与登记的 SHA-256 不符，文件已被改动或损坏", $"The content of '{d.FileName}' does not match its SHA-256: the file was changed or damaged"));
        await log.ReadAsync(actor, nameof(ProjectDocument), d.Id, null, new { project = d.ProjectId, file = d.FileName, sha256 = d.Sha256 }, ct);
        return new File(ProjectDocumentInfo.Of(d), content);
    }
}
