using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Registry;
using Tuopin.Application.Common;

namespace Tuopin.Application.Registry;

/// <summary>
/// Appends an event to a household's history, after its effect has been applied to the household:
/// the event keeps the status and size that result, so that the registry can be read as of any date.
/// Events are kept in date order: one may not be dated before the household's previous event.
/// </summary>
public static class HouseholdEvents
{
    public sealed record Details(string? DocumentNumber = null, string? Evidence = null, Guid? MemberId = null, Guid? RelatedHouseholdId = null, bool Closed = false);

    /// <summary>The household's last event (sequence and date), or null for a household not yet saved.</summary>
    public static async Task<(int Sequence, DateOnly Date)?> LastAsync(TuopinDb db, Guid householdId, CancellationToken ct)
    {
        var last = await db.StatusChanges.IgnoreQueryFilters().Where(c => c.HouseholdId == householdId)
            .OrderByDescending(c => c.Sequence).Select(c => new { c.Sequence, c.Date }).FirstOrDefaultAsync(ct);
        return last is null ? null : (last.Sequence, last.Date);
    }

    /// <summary>Problems with an event's date: in the future, or before the household's previous event.</summary>
    public static void CheckDate(DateOnly date, DateOnly today, (int Sequence, DateOnly Date)? last, List<Problem> problems)
    {
        if (date > today)
            problems.Add(new Problem("date", "event.date_future", new LocalText("变动日期不能晚于今天", "The date cannot be in the future")));
        else if (last is { } previous && date < previous.Date)
            problems.Add(new Problem("date", "event.date_before_previous", new LocalText(
                $"变动日期早于该户上一次变动（{previous.Date:yyyy-MM-dd}）；变动须按日期先后登记", $"The date is before the household's previous change ({previous.Date:yyyy-MM-dd}); changes are recorded in date order")));
    }

    public static HouseholdStatusChange Append(TuopinDb db, Household household, (int Sequence, DateOnly Date)? last, HouseholdEventKind kind, DateOnly date,
        HouseholdStatus? from, string reason, Details? details = null)
    {
        details ??= new Details();
        var change = new HouseholdStatusChange
        {
            Id = Guid.CreateVersion7(),
            HouseholdId = household.Id,
            Kind = kind,
            Sequence = (last?.Sequence ?? 0) + 1,
            Date = date,
            From = from,
            To = household.Status,
            Year = household.Status == HouseholdStatus.Exited ? household.ExitYear : null,
            SizeAfter = details.Closed ? 0 : household.Size,
            Closed = details.Closed,
            TownshipIdAfter = household.TownshipId,
            VillageIdAfter = household.VillageId,
            MemberId = details.MemberId,
            RelatedHouseholdId = details.RelatedHouseholdId,
            DocumentNumber = Trim(details.DocumentNumber),
            Evidence = Trim(details.Evidence),
            Reason = reason.Trim(),
            RecordedBy = db.Actor.UserName,
            RecordedAt = db.Clock.GetUtcNow().UtcDateTime,
        };
        db.StatusChanges.Add(change);
        return change;
    }

    /// <summary>
    /// A correction of the members outside the event forms (editing a member's status, adding a member
    /// found missing) still changes the household's size: it is dated today, after any earlier event,
    /// so that counts as of today agree with the registry.
    /// </summary>
    public static async Task AppendCorrectionAsync(TuopinDb db, Household household, string? reason, CancellationToken ct)
    {
        var last = await LastAsync(db, household.Id, ct);
        var today = db.Clock.Today();
        var date = last is { } l && l.Date > today ? l.Date : today;
        Append(db, household, last, HouseholdEventKind.Correction, date, household.Status, string.IsNullOrWhiteSpace(reason) ? "成员信息更正" : reason);
    }

    private static string? Trim(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
