using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Exit;

namespace Tuopin.Application.Exit;

/// <summary>Reads an attached file in the user's area, after checking its content against the stored hash.</summary>
public sealed class ReadAttachment(Database database, AttachmentStore store, Audit.AccessLog log)
{
    public sealed record File(AttachmentInfo Info, byte[] Content);

    public static readonly LocalText PersonalPapers = new(
        "户的退出材料（签字确认书、身份证复印件等）只提供给可查看个人信息的角色；可按 SHA-256 核对文件",
        "A household's papers (signed agreements, ID copies) are given only to roles that see personal data; the SHA-256 can be checked");

    public async Task<File> HandleAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var a = await db.Attachments.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct)
            ?? throw new NotFoundException(new LocalText("没有这个附件，或不在您的管辖范围内", "No such attachment in your area"));
        if (!database.Actor.CanSeePersonalData) throw new ForbiddenException(PersonalPapers);
        var path = store.PathOf(a.Sha256);
        if (!System.IO.File.Exists(path))
            throw new ConflictException(new LocalText($"附件“{a.FileName}”的文件已丢失", $"The stored file of '{a.FileName}' is missing"));
        var content = await System.IO.File.ReadAllBytesAsync(path, ct);
        if (!string.Equals(Convert.ToHexStringLower(SHA256.HashData(content)), a.Sha256, StringComparison.Ordinal))
            throw new ConflictException(new LocalText($"附件“{a.FileName}”的内容与登记的 SHA-256 不符，文件已被改动或损坏", $"The content of '{a.FileName}' does not match its SHA-256: the file was changed or damaged"));
        await log.ReadAsync(database.Actor, nameof(Attachment), a.Id, a.HouseholdId, new { file = a.FileName, sha256 = a.Sha256 }, ct);
        return new File(GetHouseholdProcedure.Info(a), content);
    }
}
