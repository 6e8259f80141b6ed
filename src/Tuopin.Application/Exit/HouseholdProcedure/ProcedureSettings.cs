using System.Globalization;
using Tuopin.Application.Storage;
using Tuopin.Domain.Exit;

namespace Tuopin.Application.Exit;

/// <summary>
/// The county's configuration of procedures, kept in the settings table: the length of the public
/// notice and the limits on attached files. Each has a default the county may change.
/// </summary>
public static class ProcedureSettings
{
    public const string NoticeDaysKey = "exit.notice_days";
    public const string MaxAttachmentBytesKey = "attachments.max_bytes";
    public const string AttachmentTypesKey = "attachments.types";

    public const long DefaultMaxAttachmentBytes = 20L * 1024 * 1024;
    public const string DefaultAttachmentTypes = "pdf,jpg,jpeg,png,doc,docx,xls,xlsx";

    public static async Task<int> NoticeDaysAsync(TuopinDb db, CancellationToken ct = default) =>
        int.TryParse(await GetAsync(db, NoticeDaysKey, ct), NumberStyles.None, CultureInfo.InvariantCulture, out var d) && d > 0 ? d : ProcedureRules.DefaultNoticeDays;

    public static async Task<long> MaxAttachmentBytesAsync(TuopinDb db, CancellationToken ct = default) =>
        long.TryParse(await GetAsync(db, MaxAttachmentBytesKey, ct), NumberStyles.None, CultureInfo.InvariantCulture, out var b) && b > 0 ? b : DefaultMaxAttachmentBytes;

    public static async Task<IReadOnlySet<string>> AttachmentTypesAsync(TuopinDb db, CancellationToken ct = default)
    {
        var text = await GetAsync(db, AttachmentTypesKey, ct) ?? DefaultAttachmentTypes;
        return text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => t.TrimStart('.').ToLowerInvariant()).ToHashSet();
    }

    /// <summary>Sets one of the keys above (the operator's command, or a test).</summary>
    public static async Task SetAsync(TuopinDb db, string key, string value, CancellationToken ct = default)
    {
        await StoredSettings.PutAsync(db, key, value, ct);
        await db.SaveChangesAsync(ct);
    }

    private static Task<string?> GetAsync(TuopinDb db, string key, CancellationToken ct) => StoredSettings.GetAsync(db, key, ct);
}
