using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Tuopin.Application.Accounts;
using Tuopin.Application.Common;
using Tuopin.Domain.Common;

namespace Tuopin.Application.Security;

/// <summary>
/// The duplicate check must look past an official's area (a person is registered once in the whole
/// registry), so it tells a writer that a number is registered somewhere else — never where. To keep it
/// a check and not a free lookup of who is registered, each such answer is logged (who and how many,
/// never the number) and counted per official and day; past <see cref="DailyLimit"/> the official's
/// registrations, edits and imports are refused until the next day, and the county office is the one to ask.
/// </summary>
public sealed class IdProbes(ILogger<IdProbes> log, TimeProvider clock)
{
    public const int DailyLimit = 30;

    private readonly ConcurrentDictionary<(string User, DateOnly Day), int> _counts = new();

    private static readonly LocalText TooMany = new(
        $"今天的查重已有 {DailyLimit} 次命中本辖区以外已登记的人员，系统已记录；如需核实，请与县扶贫办联系（明天可继续办理）",
        $"Today's duplicate checks found {DailyLimit} people registered outside your area, which has been recorded; ask the county office to verify (you can go on tomorrow)");

    /// <summary>Refuses the request before it looks anything up when the official is past today's limit.</summary>
    public void EnsureAllowed(Actor actor)
    {
        if (actor.UserId is null) return; // the database's operator at a shell
        if (_counts.GetValueOrDefault(Key(actor)) >= DailyLimit) throw new ForbiddenException(TooMany);
    }

    /// <summary>Records IDs found registered outside the official's area; refuses once the limit is passed.</summary>
    public void Record(Actor actor, int outside, string where)
    {
        if (outside <= 0 || actor.UserId is null) return;
        var total = _counts.AddOrUpdate(Key(actor), outside, (_, n) => n + outside);
        log.LogWarning("Duplicate check in {Where} by {User}: {Count} resident ID(s) registered outside the user's area ({Total} today)", where, actor.UserName, outside, total);
        if (total > DailyLimit) throw new ForbiddenException(TooMany);
    }

    private (string, DateOnly) Key(Actor actor) => (actor.UserId!.Value.ToString(), clock.Today());
}
