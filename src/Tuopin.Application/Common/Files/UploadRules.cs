using Tuopin.Domain.Common;

namespace Tuopin.Application.Common;

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
