using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;
using Tuopin.Domain.Organisation;

namespace Tuopin.Application.Accounts;

/// <summary>
/// The unit an account works for: checked against the account's role and area when it is set (the rule is
/// <see cref="AccountUnitRules.Fit"/>), named in the list, and read at sign-in to say whether the account works for the
/// discipline group (<see cref="AccountUnitRules.InDisciplineGroup"/>), whose accountability rights follow it.
/// </summary>
public static class AccountUnits
{
    /// <summary>The unit, if it fits an account of this role, department and area; a problem of <c>unitId</c> otherwise.</summary>
    internal static async Task<OrgUnit?> CheckAsync(TuopinDb db, Guid? unitId, Role role, Department? department, Guid countyId, Guid? townshipId, Guid? villageId, CancellationToken ct)
    {
        if (unitId is not { } id) return null;
        var unit = await db.OrgUnits.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct)
            ?? throw new InvalidRequestException([new Problem("unitId", "account.unit", new LocalText("找不到所选单位", "No such unit"))]);
        if (AccountUnitRules.Fit(role, department, countyId, townshipId, villageId, unit) is { } problem)
            throw new InvalidRequestException([problem]);
        return unit;
    }

    /// <summary>Whether an account of this unit works for the discipline group (the group, or a department that is its member).</summary>
    public static async Task<bool> InDisciplineGroupAsync(TuopinDb db, Guid? unitId, CancellationToken ct = default)
    {
        if (unitId is not { } id) return false;
        var unit = await db.OrgUnits.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct);
        if (unit is null) return false;
        var parent = unit.ParentId is { } p ? await db.OrgUnits.AsNoTracking().FirstOrDefaultAsync(u => u.Id == p, ct) : null;
        return AccountUnitRules.InDisciplineGroup(unit, parent);
    }

    /// <summary>The account as it acts after signing in: its role, area, department and unit, and whether its unit is in the discipline group.</summary>
    public static async Task<Actor> ActorAsync(TuopinDbFactory factory, User user, CancellationToken ct = default)
    {
        if (user.UnitId is null) return user.ToActor();
        await using var db = factory.CreateForOperator("accounts");
        return user.ToActor(await InDisciplineGroupAsync(db, user.UnitId, ct));
    }

    /// <summary>The names of these units, by id.</summary>
    internal static async Task<Dictionary<Guid, string>> NamesAsync(TuopinDb db, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var wanted = ids.Distinct().ToList();
        return wanted.Count == 0 ? [] : await db.OrgUnits.AsNoTracking().Where(u => wanted.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
    }
}
