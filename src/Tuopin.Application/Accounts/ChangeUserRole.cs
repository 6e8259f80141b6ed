using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;

namespace Tuopin.Application.Accounts;

/// <summary>
/// Changes an official's role, area (township or village, by code or name), department, unit of the organisation
/// (kept unless another is given or it is removed; it must fit the new role and area) or shown name — when they take another post. The account's sessions end, so that the new rights apply from the next sign-in.
/// </summary>
public sealed class ChangeUserRole(Database database, AccountSessions sessions)
{
    public sealed record Request(string User, Role? Role = null, string? Area = null, Department? Department = null, string? DisplayName = null, string? Reason = null,
        Guid? UnitId = null, bool RemoveUnit = false);

    public async Task HandleAsync(Request request, CancellationToken ct = default)
    {
        AccountChanges.RequireAdministrator(database.Actor);
        await using var db = database.Open();
        var user = await AccountChanges.FindAsync(db, database.Actor, request.User, ct);
        var role = request.Role ?? user.Role;
        if (!Enum.IsDefined(role))
            throw new InvalidRequestException([new Problem("role", "user.role", new LocalText("角色无效", "Unknown role"))]);
        // An account above the county is not made from (or into) a county's account: the operator creates it anew (CreateUser).
        if (Permissions.IsRegional(role) || Permissions.IsRegional(user.Role))
            throw new ForbiddenException(new LocalText("市州、省级账号不能与县级账号互改角色，请由运维人员另行创建", "A prefecture or province account is not changed to or from a county's role; the operator creates it anew"));
        var unitId = request.RemoveUnit ? null : request.UnitId ?? user.UnitId;
        // A new unit without a department given brings its own department code (none for 县纪委).
        var department = role == Role.LineDepartment ? request.Department ?? (request.UnitId is null ? user.Department : null) : null;
        if (role == Role.LineDepartment && department is null && unitId is null)
            throw new InvalidRequestException([new Problem("department", "user.department", new LocalText("县直部门账号须指定所属部门或所属单位", "A line-department account needs its department or its unit"))]);
        if (user.Id == database.Actor.UserId && role != user.Role)
            throw new InvalidRequestException([new Problem("role", "user.change_self", new LocalText("不能改变自己的角色", "You cannot change your own role"))]);
        if (role != Role.CountyAdmin) await AccountChanges.KeepAnAdministratorAsync(db, user, ct);

        // The area: the one given; else, when the level stays the same, the one the account has.
        var level = Permissions.LevelOf(role);
        var area = request.Area;
        if (string.IsNullOrWhiteSpace(area) && level == Permissions.LevelOf(user.Role))
            area = level switch
            {
                AreaLevel.Village when user.VillageId is { } v => await db.Villages.Where(x => x.Id == v).Select(x => x.Code).FirstOrDefaultAsync(ct),
                AreaLevel.Township when user.TownshipId is { } t => await db.Townships.Where(x => x.Id == t).Select(x => x.Code).FirstOrDefaultAsync(ct),
                _ => null,
            };
        var (county, township, village, areaName) = await CreateUser.ResolveAreaAsync(db, role, area, database.Actor.Scope, ct);
        var unit = await AccountUnits.CheckAsync(db, unitId, role, department, county, township, village, ct);
        if (role == Role.LineDepartment) department ??= unit?.Department;
        var displayName = string.IsNullOrWhiteSpace(request.DisplayName) ? user.DisplayName : request.DisplayName.Trim();

        var changes = new Dictionary<string, object>();
        if (role != user.Role) changes["role"] = AccountChanges.Change(user.Role.ToString(), role.ToString());
        if (county != user.CountyId || township != user.TownshipId || village != user.VillageId)
            changes["area"] = AccountChanges.Change(new { user.CountyId, user.TownshipId, user.VillageId }, new { CountyId = county, TownshipId = township, VillageId = village, name = areaName });
        if (unit?.Id != user.UnitId)
        {
            var before = user.UnitId is { } was ? await db.OrgUnits.AsNoTracking().FirstOrDefaultAsync(u => u.Id == was, ct) : null;
            changes["unit"] = AccountChanges.Change(before is null ? user.UnitId : AccountChanges.Unit(before), AccountChanges.Unit(unit));
        }
        if (department != user.Department) changes["department"] = AccountChanges.Change(user.Department?.ToString(), department?.ToString());
        if (displayName != user.DisplayName) changes["displayName"] = AccountChanges.Change(user.DisplayName, displayName);
        if (changes.Count == 0)
            throw new InvalidRequestException([new Problem("user", "user.unchanged", new LocalText("没有需要修改的内容", "Nothing to change"))]);

        user.Role = role;
        (user.CountyId, user.TownshipId, user.VillageId) = (county, township, village);
        user.Department = department;
        user.UnitId = unit?.Id;
        user.DisplayName = displayName;
        // New rights take effect at the next sign-in: the account's sessions end (not for a new shown name alone).
        if (changes.Keys.Any(k => k != "displayName")) AccountChanges.EndSessions(user);
        AccountChanges.Audit(db, user, changes, request.Reason ?? "调整角色或管辖范围");
        await db.SaveChangesAsync(ct);
        sessions.Forget(user.Id);
    }
}
