using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;
using Tuopin.Application.Common;
using Tuopin.Domain.Common;

namespace Tuopin.Application.Backup;

/// <summary>
/// What a backup file holds, written into it as <c>manifest.json</c>. The file is a .zip:
/// <c>manifest.json</c>, the database (<c>database/tuopin.db</c>, a SQLite file, or <c>database/tuopin.sql</c>,
/// PostgreSQL's plain <c>pg_dump</c>), the stored files of attachments and area-exit evidence under
/// <c>attachments/ab/abcdef…</c> (named by their SHA-256, as in the store) and a <c>README.txt</c>.
/// The personal-data key is never in it: the manifest holds only its fingerprint (ADR 0009).
/// </summary>
public sealed record BackupManifest
{
    public const string Kind = "tuopin-backup";
    public const int CurrentFormatVersion = 1;
    public const string EntryName = "manifest.json";
    public const string SqliteEntry = "database/tuopin.db";
    public const string PostgresEntry = "database/tuopin.sql";
    public const string AttachmentFolder = "attachments/";

    public string Format { get; init; } = Kind;

    public int FormatVersion { get; init; } = CurrentFormatVersion;

    /// <summary>Names this backup in the audit entries of the backup and of a restore from it.</summary>
    public Guid Id { get; init; }

    /// <summary>When the database was read (the snapshot the file holds), UTC.</summary>
    public DateTime CreatedAt { get; init; }

    public required string CreatedBy { get; init; }

    /// <summary>The version of the program that wrote the file.</summary>
    public required string Program { get; init; }

    /// <summary>sqlite or postgres.</summary>
    public required string Provider { get; init; }

    /// <summary>Where it was taken from, as shown (never a password).</summary>
    public required string Source { get; init; }

    public required DatabasePart Database { get; init; }

    public required SchemaPart Schema { get; init; }

    /// <summary>Rows of every table of the database, as read in the backup's snapshot.</summary>
    public required IReadOnlyList<TableRows> Tables { get; init; }

    public required AttachmentPart Attachments { get; init; }

    public required KeyPart PersonalDataKey { get; init; }

    public long TotalRows => Tables.Sum(t => t.Rows);

    public sealed record DatabasePart(string Entry, string Format, long Bytes, string Sha256, string? ServerVersion);

    public sealed record SchemaPart(string? LastMigration, IReadOnlyList<string> Migrations);

    public sealed record TableRows(string Name, long Rows);

    /// <summary>The stored files the snapshot's records name; <c>Missing</c>: named but not found (or damaged) in the store.</summary>
    public sealed record AttachmentPart(int Files, long Bytes, IReadOnlyList<string> Missing);

    /// <summary>The fingerprint of the key the protected fields were written with, and a reminder that the key is elsewhere.</summary>
    public sealed record KeyPart(string Fingerprint, string Note);

    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>Reads the manifest of a backup file; refuses a file that is not one, or of a format this program does not know.</summary>
    public static BackupManifest Read(ZipArchive zip, string file)
    {
        var entry = zip.GetEntry(EntryName) ?? throw Refused($"“{file}”不是 Tuopin 备份文件（没有 {EntryName}）", $"'{file}' is not a Tuopin backup (it has no {EntryName})");
        BackupManifest? manifest;
        try
        {
            using var stream = entry.Open();
            manifest = JsonSerializer.Deserialize<BackupManifest>(stream, Json);
        }
        catch (JsonException e)
        {
            throw Refused($"备份文件的 {EntryName} 无法读取：{e.Message}", $"The {EntryName} of the backup cannot be read: {e.Message}");
        }
        if (manifest is null || manifest.Format != Kind)
            throw Refused($"“{file}”不是 Tuopin 备份文件", $"'{file}' is not a Tuopin backup");
        if (manifest.FormatVersion > CurrentFormatVersion)
            throw Refused($"备份文件的格式版本是 {manifest.FormatVersion}，本程序只认识到 {CurrentFormatVersion}：请用较新的 tuopin 恢复",
                $"The backup's format version is {manifest.FormatVersion}; this program knows up to {CurrentFormatVersion}: restore it with a newer tuopin");
        return manifest;
    }

    public void Write(ZipArchive zip)
    {
        var entry = zip.CreateEntry(EntryName, CompressionLevel.Optimal);
        using var stream = entry.Open();
        JsonSerializer.Serialize(stream, this, Json);
    }

    internal static BackupRefusedException Refused(string zh, string en) => new(new LocalText(zh, en));
}

/// <summary>A backup or restore that was refused; nothing was written (exit 1 in the shell).</summary>
public sealed class BackupRefusedException(LocalText why) : UseCaseException(why);
