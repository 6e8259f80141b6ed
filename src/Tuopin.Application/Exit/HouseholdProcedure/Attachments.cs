using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Exit;

namespace Tuopin.Application.Exit;

/// <summary>
/// Where attached files live: a folder under the data folder, one file per content, named by its
/// SHA-256 (<c>ab/abcdef…</c>). A user's file name is kept in the database only, never used as a path.
/// </summary>
public sealed class AttachmentStore(string root)
{
    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>The stored file of a hash; refuses anything that is not a 64-digit hex hash.</summary>
    public string PathOf(string sha256)
    {
        if (sha256.Length != 64 || !sha256.All(Uri.IsHexDigit))
            throw new InvalidOperationException("Not a SHA-256 hash.");
        var path = Path.GetFullPath(Path.Combine(Root, sha256[..2], sha256));
        if (!path.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new InvalidOperationException("The path leaves the attachment store.");
        return path;
    }

    /// <summary>
    /// Checks an upload (name, type, content, size) and stores it under its SHA-256, streaming through a
    /// temporary file; nothing is left behind when it is refused. Used by step attachments and area evidence.
    /// </summary>
    public async Task<StoredFile> SaveAsync(TuopinDb db, string fileName, Stream content, CancellationToken ct = default)
    {
        if (UploadRules.CheckName(fileName) is { } bad) throw new InvalidRequestException([bad]);
        var extension = UploadRules.Extension(fileName);
        var allowed = await ProcedureSettings.AttachmentTypesAsync(db, ct);
        if (!allowed.Contains(extension))
            throw new InvalidRequestException([new Problem("fileName", "upload.type", new LocalText(
                $"不接受 .{extension} 类型的文件；可上传：{string.Join("、", allowed.Order())}", $"Files of type .{extension} are not accepted; allowed: {string.Join(", ", allowed.Order())}"))]);
        var max = await ProcedureSettings.MaxAttachmentBytesAsync(db, ct);

        // Stream to a temporary file inside the store, hashing and counting as it goes; stop at the limit.
        var temp = Path.Combine(Root, "tmp");
        Directory.CreateDirectory(temp);
        var tempFile = Path.Combine(temp, Guid.NewGuid().ToString("N"));
        string sha;
        long size = 0;
        var head = new byte[8];
        var headLength = 0;
        try
        {
            using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            await using (var output = new FileStream(tempFile, FileMode.CreateNew, FileAccess.Write))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await content.ReadAsync(buffer, ct)) > 0)
                {
                    size += read;
                    if (size > max)
                        throw new InvalidRequestException([new Problem("content", "upload.too_large", new LocalText(
                            $"文件超过大小上限 {Megabytes(max)}", $"The file is over the size limit of {Megabytes(max)}"))]);
                    var take = Math.Min(read, head.Length - headLength);
                    if (take > 0) { Array.Copy(buffer, 0, head, headLength, take); headLength += take; }
                    hash.AppendData(buffer, 0, read);
                    await output.WriteAsync(buffer.AsMemory(0, read), ct);
                }
                sha = Convert.ToHexStringLower(hash.GetHashAndReset());
            }
            if (size == 0)
                throw new InvalidRequestException([new Problem("content", "upload.empty", new LocalText("文件是空的", "The file is empty"))]);
            if (!UploadRules.ContentMatches(extension, head.AsSpan(0, headLength)))
                throw new InvalidRequestException([new Problem("content", "upload.content_mismatch", new LocalText(
                    $"文件内容不是 .{extension} 格式", $"The content is not a .{extension} file"))]);
            var target = PathOf(sha);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (File.Exists(target)) File.Delete(tempFile);
            else File.Move(tempFile, target);
        }
        finally
        {
            if (File.Exists(tempFile)) File.Delete(tempFile);
        }

        return new StoredFile(fileName.Trim(), UploadRules.ContentTypeOf(extension), size, sha);
    }

    /// <summary>Re-hashes a stored file; refuses (409) with the reason when it is missing or no longer matches.</summary>
    public async Task VerifyAsync(string sha256, string fileName, CancellationToken ct = default)
    {
        var path = PathOf(sha256);
        if (!File.Exists(path))
            throw new ConflictException(new LocalText($"附件“{fileName}”的文件已丢失", $"The stored file of '{fileName}' is missing"));
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
        var actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
        if (!string.Equals(actual, sha256, StringComparison.Ordinal))
            throw new ConflictException(new LocalText($"附件“{fileName}”的内容与登记的 SHA-256 不符，文件已被改动或损坏", $"The content of '{fileName}' does not match its SHA-256: the file was changed or damaged"));
    }

    private static string Megabytes(long bytes) => bytes >= 1024 * 1024 ? $"{bytes / (1024.0 * 1024):0.#} MB" : $"{bytes} B";
}

/// <summary>A file checked and stored by <see cref="AttachmentStore.SaveAsync"/>.</summary>
public sealed record StoredFile(string FileName, string ContentType, long Size, string Sha256);

/// <summary>The rules for uploaded files: a plain name, an allowed type whose content matches it, the size limit.</summary>
public static class UploadRules
{
    private static readonly Dictionary<string, string> ContentTypes = new()
    {
        ["pdf"] = "application/pdf",
        ["jpg"] = "image/jpeg",
        ["jpeg"] = "image/jpeg",
        ["png"] = "image/png",
        ["doc"] = "application/msword",
        ["xls"] = "application/vnd.ms-excel",
        ["docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ["xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ["zip"] = "application/zip",
    };

    /// <summary>Why the name is refused, or null. A name may not hold a folder, "..", or control characters.</summary>
    public static Problem? CheckName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
            return new Problem("fileName", "upload.name_missing", new LocalText("文件名为空", "The file has no name"));
        if (name.Contains('/') || name.Contains('\\') || name.Contains("..", StringComparison.Ordinal) || name.Contains(':') ||
            Path.IsPathRooted(name) || name.Any(char.IsControl) || name.Trim() is "." or "")
            return new Problem("fileName", "upload.name_path", new LocalText(
                $"文件名“{Printable(name)}”含有路径（/、\\、..、: 等），不能保存", $"The file name '{Printable(name)}' contains a path (/, \\, .., :) and is refused"));
        if (name.Length > 200)
            return new Problem("fileName", "upload.name_long", new LocalText("文件名超过 200 个字符", "The file name is longer than 200 characters"));
        return null;
    }

    public static string Extension(string name) => Path.GetExtension(name).TrimStart('.').ToLowerInvariant();

    public static string ContentTypeOf(string extension) => ContentTypes.GetValueOrDefault(extension, "application/octet-stream");

    /// <summary>Whether the first bytes are what the extension claims (a renamed .exe is not a PDF).</summary>
    public static bool ContentMatches(string extension, ReadOnlySpan<byte> head) => extension switch
    {
        "pdf" => head.StartsWith("%PDF"u8),
        "png" => head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        "jpg" or "jpeg" => head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]),
        "docx" or "xlsx" or "zip" => head.StartsWith((ReadOnlySpan<byte>)[0x50, 0x4B, 0x03, 0x04]),
        "doc" or "xls" => head.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]),
        _ => false,
    };

    private static string Printable(string name) => new(name.Select(c => char.IsControl(c) ? '?' : c).ToArray());
}

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
