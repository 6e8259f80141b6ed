using System.Security.Cryptography;
using Tuopin.Application.Exit;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;

namespace Tuopin.Application.Common;

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
