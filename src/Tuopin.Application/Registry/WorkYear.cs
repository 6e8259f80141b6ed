using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Storage;

namespace Tuopin.Application.Registry;

/// <summary>
/// "This year" of the county's work: configuration held in the database, not the clock. Ages and
/// "new this year" are computed against it. Without a setting it is the calendar year.
/// </summary>
public static class WorkYear
{
    public const string Key = "work_year";

    public static async Task<int> GetAsync(TuopinDb db, TimeProvider clock, CancellationToken ct = default)
    {
        var value = await db.Settings.AsNoTracking().Where(s => s.Key == Key).Select(s => s.Value).FirstOrDefaultAsync(ct);
        return int.TryParse(value, out var year) ? year : clock.GetLocalNow().Year;
    }

    public static async Task SetAsync(TuopinDb db, int year, CancellationToken ct = default)
    {
        var setting = await db.Settings.FirstOrDefaultAsync(s => s.Key == Key, ct);
        if (setting is null) db.Settings.Add(new Setting { Key = Key, Value = year.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        else setting.Value = year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await db.SaveChangesAsync(ct);
    }
}
