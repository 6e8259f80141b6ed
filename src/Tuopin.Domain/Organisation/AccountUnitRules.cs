using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;

namespace Tuopin.Domain.Organisation;

/// <summary>
/// The unit of the organisation an account works for (optional), and the rights that follow it. A unit fits an account
/// when it is of the account's level and area: a line department's account names a county department (the one of its
/// department code, when it carries one); a township officer their township's poverty office; a village officer their
/// village's team; the county office and the inspectors any county-level unit (the leading group, a working group, a
/// special team, a department). An account that works for the discipline group (执纪问责组) — the working group itself
/// or a department that is its member (县纪委, 县公安局) — writes accountability cases (问责) as an inspector does.
/// </summary>
public static class AccountUnitRules
{
    /// <summary>The names the working group of discipline and accountability (执纪问责) answers to, as the plan writes them.</summary>
    public static readonly IReadOnlyList<string> DisciplineGroupNames = ["执纪问责组", "执纪问责工作组", "执纪问责"];

    /// <summary>Whether the unit is the discipline group: a working group answering (by name or alias) to its name.</summary>
    public static bool IsDisciplineGroup(OrgUnit unit) =>
        unit.Kind == UnitKind.WorkingGroup && unit.Names().Any(n => DisciplineGroupNames.Contains(n, StringComparer.Ordinal));

    /// <summary>
    /// Whether an account of this unit works for the discipline group: the unit is the group, or a department whose
    /// parent (the working group it is a member of) is the group. <paramref name="parent"/> is the unit's parent, if any.
    /// </summary>
    public static bool InDisciplineGroup(OrgUnit unit, OrgUnit? parent) =>
        IsDisciplineGroup(unit)
        || unit.Kind == UnitKind.Department && parent is not null && unit.ParentId == parent.Id && unit.CountyId == parent.CountyId && IsDisciplineGroup(parent);

    /// <summary>
    /// Why the unit does not fit an account of this role, department and area (a problem of the field <c>unitId</c>),
    /// or null when it fits.
    /// </summary>
    public static Problem? Fit(Role role, Department? department, Guid countyId, Guid? townshipId, Guid? villageId, OrgUnit unit)
    {
        if (unit.CountyId != countyId)
            return Refuse(new LocalText("所选单位不在该账号所在的县", "The unit is not of the account's county"));
        switch (role)
        {
            case Role.LineDepartment:
                if (unit.Kind != UnitKind.Department)
                    return Refuse(new LocalText("县直部门账号只能属于县直部门", "A line-department account works for a county department only"));
                if (department is { } d && unit.Department != d)
                    return Refuse(new LocalText($"所选单位不是账号的部门“{Departments.Name(d).Zh}”", $"The unit is not the account's department ({Departments.Name(d).En})"));
                return null;
            case Role.TownshipOfficer:
                return unit.Kind == UnitKind.TownshipOffice && townshipId is { } t && unit.TownshipId == t ? null
                    : Refuse(new LocalText("乡镇账号只能属于本乡镇的扶贫开发办", "A township account works for its own township's poverty office only"));
            case Role.VillageOfficer:
                return unit.Kind == UnitKind.VillageTeam && villageId is { } v && unit.VillageId == v ? null
                    : Refuse(new LocalText("村级账号只能属于本村的村级责任单位", "A village account works for its own village's team only"));
            case Role.CountyAdmin or Role.Inspector:
                return !OrganisationRules.NeedsTownship(unit.Kind) ? null
                    : Refuse(new LocalText("县级账号只能属于县级单位（领导小组、工作组、工作专班、县直部门）", "A county account works for a county-level unit (the leading group, a working group, a special team, a department)"));
            default:
                return Refuse(new LocalText("该角色的账号不能属于单位", "An account of this role works for no unit"));
        }
    }

    private static Problem Refuse(LocalText why) => new("unitId", "account.unit", why);
}
