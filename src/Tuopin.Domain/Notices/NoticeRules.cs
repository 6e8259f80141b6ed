using System.Globalization;
using Tuopin.Domain.Common;

namespace Tuopin.Domain.Notices;

/// <summary>
/// The rules of the county's public notices (公告公示): what a villager may read without signing in, and for how long.
/// A notice shows people by a partly masked name only, never a resident ID, phone, birth date or registry number,
/// and no place finer than the village group.
/// </summary>
public static class NoticeRules
{
    /// <summary>Days an ended notice stays readable, when the county sets none.</summary>
    public const int DefaultKeepDays = 30;

    public const int MaxObjectionLength = 1000;

    /// <summary>
    /// A name as a public list prints it (张*明): the first and last character kept and those between masked; a
    /// two-character name keeps its first (张*); a one-character name is a single mask. Characters are counted as
    /// text elements, so a rare character outside the basic plane counts as one.
    /// </summary>
    public static string MaskName(string? name)
    {
        var trimmed = (name ?? "").Trim();
        if (trimmed.Length == 0) return "*";
        var chars = new List<string>();
        var e = StringInfo.GetTextElementEnumerator(trimmed);
        while (e.MoveNext()) chars.Add(e.GetTextElement());
        return chars.Count switch
        {
            1 => "*",
            2 => chars[0] + "*",
            _ => chars[0] + new string('*', chars.Count - 2) + chars[^1],
        };
    }

    /// <summary>Whether a notice running from <paramref name="starts"/> to <paramref name="ends"/> is shown today: it has started, and ended no more than <paramref name="keepDays"/> ago.</summary>
    public static bool IsShown(DateOnly starts, DateOnly ends, DateOnly today, int keepDays) =>
        starts <= today && today <= ends.AddDays(Math.Max(0, keepDays));

    /// <summary>Days left in the period, today included; 0 once it has ended.</summary>
    public static int DaysLeft(DateOnly ends, DateOnly today) => today > ends ? 0 : ends.DayNumber - today.DayNumber + 1;

    public static bool IsRunning(DateOnly starts, DateOnly ends, DateOnly today) => starts <= today && today <= ends;

    public static LocalText KindName(NoticeKind kind) => kind switch
    {
        NoticeKind.Project => new("项目公示", "Project notice"),
        NoticeKind.ExitList => new("贫困户退出公示", "Household exit list"),
        NoticeKind.BenefitList => new("户受益公示", "Household benefits"),
        _ => new(kind.ToString(), kind.ToString()),
    };

    public static LocalText StatusName(ObjectionStatus status) => status switch
    {
        ObjectionStatus.Open => new("待答复", "Open"),
        ObjectionStatus.Answered => new("已答复", "Answered"),
        _ => new(status.ToString(), status.ToString()),
    };
}
