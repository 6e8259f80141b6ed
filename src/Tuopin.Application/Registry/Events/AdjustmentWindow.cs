using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Registry;

/// <summary>
/// The yearly adjustment window (动态调整期): the days of each year on which new registrations and
/// removals as wrongly registered may take effect. Configuration the county administrator sets
/// (setting <c>adjustment_window</c>, "MM-dd..MM-dd"). The reference documents give no dates, and
/// provinces set their own, so until the county sets it the window is the whole year (01-01..12-31).
/// </summary>
public sealed record AdjustmentWindow(int FromMonth, int FromDay, int ToMonth, int ToDay)
{
    public const string Key = "adjustment_window";

    public static readonly AdjustmentWindow WholeYear = new(1, 1, 12, 31);

    public bool Contains(DateOnly date)
    {
        var d = date.Month * 100 + date.Day;
        int from = FromMonth * 100 + FromDay, to = ToMonth * 100 + ToDay;
        return from <= to ? d >= from && d <= to : d >= from || d <= to;
    }

    public override string ToString() => $"{FromMonth:00}-{FromDay:00}..{ToMonth:00}-{ToDay:00}";

    public string Describe(int year) => $"{year}-{FromMonth:00}-{FromDay:00} 至 {(FromMonth * 100 + FromDay <= ToMonth * 100 + ToDay ? year : year + 1)}-{ToMonth:00}-{ToDay:00}";

    public static AdjustmentWindow? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var parts = text.Split("..", StringSplitOptions.TrimEntries);
        if (parts.Length != 2) return null;
        if (!DateOnly.TryParseExact("2000-" + parts[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)) return null;
        if (!DateOnly.TryParseExact("2000-" + parts[1], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to)) return null;
        return new AdjustmentWindow(from.Month, from.Day, to.Month, to.Day);
    }

    public static async Task<AdjustmentWindow> GetAsync(TuopinDb db, CancellationToken ct = default)
    {
        var value = await db.Settings.AsNoTracking().Where(s => s.Key == Key).Select(s => s.Value).FirstOrDefaultAsync(ct);
        return Parse(value) ?? WholeYear;
    }

    /// <summary>Kinds of change allowed only inside the window.</summary>
    public static bool Applies(HouseholdEventKind kind) => kind is HouseholdEventKind.Registration or HouseholdEventKind.Removal;

    /// <summary>A refusal naming the window's dates when the date is outside it.</summary>
    public Problem? Check(HouseholdEventKind kind, DateOnly date)
    {
        if (!Applies(kind) || Contains(date)) return null;
        var name = Codes.EventKinds[kind];
        return new Problem("date", "event.outside_window", new LocalText(
            $"{name.Zh}只能在每年的动态调整期内办理（{Describe(date.Year)}），{date:yyyy-MM-dd} 不在调整期内",
            $"{name.En} is allowed only in the yearly adjustment window ({FromMonth:00}-{FromDay:00} to {ToMonth:00}-{ToDay:00}); {date:yyyy-MM-dd} is outside it"));
    }
}

/// <summary>Reads or sets the adjustment window. Only the county administrator sets it.</summary>
public sealed class SetAdjustmentWindow(Database database)
{
    public async Task<AdjustmentWindow> GetAsync(CancellationToken ct = default)
    {
        await using var db = database.Open();
        return await AdjustmentWindow.GetAsync(db, ct);
    }

    public async Task HandleAsync(string window, CancellationToken ct = default)
    {
        if (database.Actor.Role != Role.CountyAdmin || database.Actor.Scope.Level is not (AreaLevel.County or AreaLevel.Everything))
            throw new ForbiddenException(new LocalText("动态调整期由县级管理员设置", "Only the county administrator sets the adjustment window"));
        var parsed = AdjustmentWindow.Parse(window) ?? throw new InvalidRequestException([new Problem("window", "window.format",
            new LocalText($"调整期的格式是“月-日..月-日”，例如 09-01..11-30；填写的是“{window}”", $"The window is written MM-dd..MM-dd, e.g. 09-01..11-30; got \"{window}\""))]);
        await using var db = database.Open();
        await StoredSettings.PutAsync(db, AdjustmentWindow.Key, parsed.ToString(), ct);
        await db.SaveChangesAsync(ct);
    }
}
