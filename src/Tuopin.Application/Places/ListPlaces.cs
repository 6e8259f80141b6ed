using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Places;

namespace Tuopin.Application.Places;

/// <summary>The places of the user's area, for filters, forms and the API.</summary>
public sealed class ListPlaces(Database database)
{
    public sealed record TownshipItem(Guid Id, string Code, string Name, int? PlannedExitYear);

    public sealed record VillageItem(Guid Id, string Code, string Name, string OfficialName, Guid TownshipId, string Township, VillageKind Kind, bool IsPoor, int? PlannedExitYear, Guid? ZoneId, string? Zone, int? RegisteredPopulation);

    public sealed record ZoneItem(Guid Id, string Name, int Villages);

    public sealed record GroupItem(Guid Id, int Number, string Name);

    public async Task<IReadOnlyList<TownshipItem>> TownshipsAsync(CancellationToken ct = default)
    {
        await using var db = database.Open();
        return await Townships(db).OrderBy(t => t.Code)
            .Select(t => new TownshipItem(t.Id, t.Code, t.Name, t.PlannedExitYear)).ToListAsync(ct);
    }

    public async Task<IReadOnlyList<VillageItem>> VillagesAsync(Guid? townshipId = null, bool? poor = null, Guid? zoneId = null, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var villages = Villages(db);
        if (townshipId is { } t) villages = villages.Where(v => v.TownshipId == t);
        if (poor is { } p) villages = villages.Where(v => v.IsPoor == p);
        if (zoneId is { } z) villages = villages.Where(v => v.ZoneId == z);
        return await villages.OrderBy(v => v.Code)
            .Select(v => new VillageItem(v.Id, v.Code, v.Name, v.OfficialName, v.TownshipId, v.Township!.Name, v.Kind, v.IsPoor, v.PlannedExitYear, v.ZoneId, v.Zone!.Name, v.RegisteredPopulation))
            .ToListAsync(ct);
    }

    public async Task<IReadOnlyList<ZoneItem>> ZonesAsync(CancellationToken ct = default)
    {
        await using var db = database.Open();
        var visible = Villages(db);
        var scope = database.Actor.Scope;
        var zones = db.Zones.AsNoTracking();
        if (scope.Level != AreaLevel.Everything) zones = zones.Where(z => z.CountyId == scope.CountyId);
        var rows = await zones.OrderBy(z => z.Order)
            .Select(z => new { z.Id, z.Name, Villages = visible.Count(v => v.ZoneId == z.Id) })
            .ToListAsync(ct);
        return rows.Where(z => scope.Level <= AreaLevel.County || z.Villages > 0).Select(z => new ZoneItem(z.Id, z.Name, z.Villages)).ToList();
    }

    public async Task<IReadOnlyList<GroupItem>> GroupsAsync(Guid villageId, CancellationToken ct = default)
    {
        await using var db = database.Open();
        if (!await Villages(db).AnyAsync(v => v.Id == villageId, ct)) return [];
        return await db.VillageGroups.AsNoTracking().Where(g => g.VillageId == villageId).OrderBy(g => g.Number)
            .Select(g => new GroupItem(g.Id, g.Number, g.Name)).ToListAsync(ct);
    }

    /// <summary>The name of the user's area: 来凤县, 三胡乡, or 三胡乡黄柏园村.</summary>
    public async Task<string> AreaNameAsync(CancellationToken ct = default)
    {
        await using var db = database.Open();
        var scope = database.Actor.Scope;
        return scope.Level switch
        {
            AreaLevel.Village => await db.Villages.Where(v => v.Id == scope.VillageId).Select(v => v.Township!.Name + v.Name).FirstOrDefaultAsync(ct),
            AreaLevel.Township => await db.Townships.Where(t => t.Id == scope.TownshipId).Select(t => t.Name).FirstOrDefaultAsync(ct),
            AreaLevel.County => await db.Counties.Where(c => c.Id == scope.CountyId).Select(c => c.Name).FirstOrDefaultAsync(ct),
            AreaLevel.Prefecture => await db.Prefectures.Where(p => p.Id == scope.RegionId).Select(p => p.Name).FirstOrDefaultAsync(ct),
            AreaLevel.Province => await db.Provinces.Where(p => p.Id == scope.RegionId).Select(p => p.Name).FirstOrDefaultAsync(ct),
            _ => null,
        } ?? string.Empty;
    }

    private IQueryable<Township> Townships(TuopinDb db)
    {
        var scope = database.Actor.Scope;
        var q = db.Townships.AsNoTracking();
        if (scope.Level != AreaLevel.Everything) q = q.Where(t => t.CountyId == scope.CountyId);
        if (scope.TownshipId is { } t) q = q.Where(x => x.Id == t);
        return q;
    }

    private IQueryable<Village> Villages(TuopinDb db) => InArea(db, database.Actor);

    /// <summary>
    /// The villages of the actor's area. Places are not filtered by the query filters (everyone reads the county's
    /// map), so a use case that lists an area's villages asks here.
    /// </summary>
    internal static IQueryable<Village> InArea(TuopinDb db, Accounts.Actor actor)
    {
        var scope = actor.Scope;
        var q = db.Villages.AsNoTracking();
        if (scope.Level != AreaLevel.Everything) q = q.Where(v => v.CountyId == scope.CountyId);
        if (scope.TownshipId is { } t) q = q.Where(v => v.TownshipId == t);
        if (scope.VillageId is { } v) q = q.Where(x => x.Id == v);
        return q;
    }
}
