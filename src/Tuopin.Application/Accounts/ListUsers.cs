using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;

namespace Tuopin.Application.Accounts;

/// <summary>The accounts of the administrator's county, with each one's area and the unit it works for.</summary>
public sealed class ListUsers(Database database)
{
    public sealed record Item(Guid Id, string UserName, string DisplayName, Role Role, string Area, DateTime CreatedAt, bool MustChangePassword,
        Department? Department = null, DateTime? LastSignInAt = null, DateTime? DisabledAt = null,
        Guid? UnitId = null, string? UnitName = null, bool CountyRecords = false)
    {
        public bool Disabled => DisabledAt is not null;
    }

    public async Task<IReadOnlyList<Item>> HandleAsync(CancellationToken ct = default)
    {
        var actor = database.Actor;
        if (!Permissions.CanManageUsers(actor.Role))
            throw new ForbiddenException(new LocalText("只有县级管理员可以查看账号", "Only a county administrator sees accounts"));
        await using var db = database.Open();
        var users = db.Users.AsNoTracking();
        if (actor.Scope.Level != AreaLevel.Everything) users = users.Where(u => u.CountyId == actor.Scope.CountyId);
        var rows = await users.OrderBy(u => u.Role).ThenBy(u => u.UserName).ToListAsync(ct);
        var villageIds = rows.Where(u => u.VillageId != null).Select(u => u.VillageId!.Value).ToList();
        var townshipIds = rows.Where(u => u.TownshipId != null).Select(u => u.TownshipId!.Value).ToList();
        var villages = await db.Villages.Where(v => villageIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, v => v.Name, ct);
        var townships = await db.Townships.Where(t => townshipIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var counties = await db.Counties.ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        // A regional official's area is their prefecture or province (their county is empty).
        var regionIds = rows.Where(u => u.RegionId != null).Select(u => u.RegionId!.Value).ToList();
        var regions = (await db.Prefectures.Where(p => regionIds.Contains(p.Id)).Select(p => new { p.Id, p.Name }).ToListAsync(ct))
            .Concat(await db.Provinces.Where(p => regionIds.Contains(p.Id)).Select(p => new { p.Id, p.Name }).ToListAsync(ct))
            .ToDictionary(r => r.Id, r => r.Name);
        var units = await AccountUnits.NamesAsync(db, rows.Where(u => u.UnitId != null).Select(u => u.UnitId!.Value), ct);
        return rows.Select(u => new Item(u.Id, u.UserName ?? string.Empty, u.DisplayName, u.Role,
            u.VillageId is { } v ? townships.GetValueOrDefault(u.TownshipId ?? Guid.Empty, "") + villages.GetValueOrDefault(v, "?")
            : u.TownshipId is { } t ? townships.GetValueOrDefault(t, "?")
            : u.RegionId is { } r ? regions.GetValueOrDefault(r, "?")
            : counties.GetValueOrDefault(u.CountyId, "（未绑定县）"), u.CreatedAt, u.MustChangePassword, u.Department, u.LastSignInAt, u.DisabledAt,
            u.UnitId, u.UnitId is { } unit ? units.GetValueOrDefault(unit, "?") : null, u.ReadsCountyRecords)).ToList();
    }
}
