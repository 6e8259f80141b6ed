using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Storage;

namespace Tuopin.Application.Common;

/// <summary>
/// "This year" of the county's work (工作年度): configuration held in the database, not the clock. Every
/// page's default year, ages and "new this year" are computed against it. Without a setting it is the
/// calendar year, and the administrator's overview says so.
/// </summary>
public static class WorkYear
{
    public const string Key = "work_year";

    /// <summary>The first year a page offers: the registry (建档立卡) began in 2014.</summary>
    public const int FirstYear = 2014;

    /// <summary>The last year a page offers at least: the plan's horizon.</summary>
    public const int PlanEndYear = 2020;

    public static async Task<int> GetAsync(TuopinDb db, TimeProvider clock, CancellationToken ct = default) =>
        await StoredAsync(db, ct) ?? clock.GetLocalNow().Year;

    /// <summary>The year the county set, or null when it set none.</summary>
    public static async Task<int?> StoredAsync(TuopinDb db, CancellationToken ct = default)
    {
        var value = await db.Settings.AsNoTracking().Where(s => s.Key == Key).Select(s => s.Value).FirstOrDefaultAsync(ct);
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var year) ? year : null;
    }

    /// <summary>The years a page offers: from the registry's first year to the plan's end or the working year.</summary>
    public static IReadOnlyList<int> Years(int workYear) =>
        Enumerable.Range(FirstYear, Math.Max(PlanEndYear, workYear) - FirstYear + 1).ToList();

    public static async Task SetAsync(TuopinDb db, int year, CancellationToken ct = default)
    {
        var setting = await db.Settings.FirstOrDefaultAsync(s => s.Key == Key, ct);
        if (setting is null) db.Settings.Add(new Setting { Key = Key, Value = year.ToString(CultureInfo.InvariantCulture) });
        else setting.Value = year.ToString(CultureInfo.InvariantCulture);
        await db.SaveChangesAsync(ct);
    }
}
