using Tuopin.Domain.Common;

namespace Tuopin.Domain.Registry;

/// <summary>
/// Which changes of poverty status the registry allows (动态管理), whatever path records them — the status
/// change, a household event, the exit procedure's announcement, an import:
/// <list type="bullet">
/// <item>exit (脱贫, to Exited): from not exited or returned;</item>
/// <item>return to poverty (返贫, to Returned): from exited;</item>
/// <item>removal (清退, to Removed): from any status but removed;</item>
/// <item>correction (to NotExited, the status at registration): from exited or removed, when the county undoes a
/// wrong exit (错退) or a wrong removal.</item>
/// </list>
/// Anything else, including the same status again, is refused. The exit year's own rules are
/// <see cref="RegistryRules.CheckHousehold"/>'s.
/// </summary>
public static class HouseholdStatusRules
{
    public const string Code = "event.status";

    /// <summary>Null when the change from <paramref name="from"/> to <paramref name="to"/> is allowed; else what is wrong, about <paramref name="field"/>.</summary>
    public static Problem? CheckTransition(HouseholdStatus from, HouseholdStatus to, string field = "to")
    {
        LocalText? refused = to switch
        {
            HouseholdStatus.Exited when from is not (HouseholdStatus.NotExited or HouseholdStatus.Returned) =>
                new LocalText("未脱贫或返贫的户才能脱贫", "Only a household in poverty can exit"),
            HouseholdStatus.Returned when from != HouseholdStatus.Exited =>
                new LocalText("已脱贫的户才能返贫", "Only an exited household can return to poverty"),
            HouseholdStatus.Removed when from == HouseholdStatus.Removed =>
                new LocalText("该户已清退", "The household is already removed"),
            HouseholdStatus.NotExited when from is not (HouseholdStatus.Exited or HouseholdStatus.Removed) =>
                new LocalText("只有已脱贫或已清退的户才能更正为未脱贫", "Only an exited or removed household can be corrected back to not exited"),
            HouseholdStatus.Exited or HouseholdStatus.Returned or HouseholdStatus.Removed or HouseholdStatus.NotExited => null,
            _ => new LocalText("不是有效的脱贫状态", "Not a valid poverty status"),
        };
        return refused is not { } text ? null
            : new Problem(field, Code, new LocalText($"{text.Zh}（当前：{Codes.Statuses[from].Zh}）", $"{text.En} (now: {Codes.Statuses[from].En})"));
    }

    /// <summary>The household event that brings a household to <paramref name="to"/>.</summary>
    public static HouseholdEventKind EventKindOf(HouseholdStatus to) => to switch
    {
        HouseholdStatus.Exited => HouseholdEventKind.Exit,
        HouseholdStatus.Returned => HouseholdEventKind.ReturnToPoverty,
        HouseholdStatus.Removed => HouseholdEventKind.Removal,
        _ => HouseholdEventKind.Correction,
    };
}
