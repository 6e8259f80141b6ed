using Microsoft.EntityFrameworkCore;

namespace Tuopin.Application.Storage;

/// <summary>Reading and writing one county setting (<see cref="Setting"/>) by its key: the one way every use case does it.</summary>
internal static class StoredSettings
{
    public static Task<string?> GetAsync(TuopinDb db, string key, CancellationToken ct) =>
        db.Settings.AsNoTracking().Where(s => s.Key == key).Select(s => s.Value).FirstOrDefaultAsync(ct);

    /// <summary>Adds the setting or changes its value, tracked for the caller's save (and so audited with its reason).</summary>
    public static async Task PutAsync(TuopinDb db, string key, string value, CancellationToken ct)
    {
        var setting = await db.Settings.FirstOrDefaultAsync(s => s.Key == key, ct);
        if (setting is null) db.Settings.Add(new Setting { Key = key, Value = value });
        else setting.Value = value;
    }
}
