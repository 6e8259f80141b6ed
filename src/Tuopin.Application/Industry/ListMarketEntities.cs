using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Industry;

namespace Tuopin.Application.Industry;

/// <summary>
/// The county's market entities, with the villages they serve and their industries; optionally only those serving a
/// village, or of a kind. Entities are the county's records: everyone in the county reads them (a village officer
/// sees which serve the village). Three queries whatever the count.
/// </summary>
public sealed class ListMarketEntities(Database database)
{
    public sealed record Query(Guid? VillageId = null, MarketEntityKind? Kind = null);

    public sealed record ServedVillage(Guid Id, string Name, string Township);

    public sealed record Row(
        Guid Id, MarketEntityKind Kind, LocalText KindName, string Name, string? CreditCode, DateOnly RegisteredOn,
        IReadOnlyList<string> Industries, IReadOnlyList<ServedVillage> Villages, int Participations, int Version);

    public async Task<IReadOnlyList<Row>> HandleAsync(Query query, CancellationToken ct = default)
    {
        await using var db = database.Open();
        // The county's own: the query filter's (a market entity is ICountyBound).
        var entities = db.MarketEntities.AsNoTracking();
        if (query.Kind is { } kind) entities = entities.Where(e => e.Kind == kind);
        if (query.VillageId is { } villageId) entities = entities.Where(e => e.Villages.Any(v => v.VillageId == villageId));
        var list = await entities.OrderBy(e => e.Kind).ThenBy(e => e.Name)
            .Select(e => new { e.Id, e.Kind, e.Name, e.CreditCode, e.RegisteredOn, e.Industries, e.Version }).ToListAsync(ct);
        var ids = list.Select(e => e.Id).ToList();
        var villages = (await db.MarketEntityVillages.AsNoTracking().Where(v => ids.Contains(v.MarketEntityId))
                .Join(db.Villages, l => l.VillageId, v => v.Id, (l, v) => new { l.MarketEntityId, v.Id, v.Name, v.Code, Township = v.Township!.Name })
                .ToListAsync(ct))
            .ToLookup(v => v.MarketEntityId);
        // The participations each drives, in the actor's area (the area filter applies).
        var counts = await db.IndustryParticipations.AsNoTracking().Where(p => p.MarketEntityId != null && ids.Contains(p.MarketEntityId.Value) && p.CancelledOn == null)
            .GroupBy(p => p.MarketEntityId!.Value).Select(g => new { Id = g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Id, g => g.Count, ct);
        return list.Select(e => new Row(e.Id, e.Kind, MarketEntityKinds.Codes.Name(e.Kind), e.Name, e.CreditCode, e.RegisteredOn,
                e.Industries.Split(',', StringSplitOptions.RemoveEmptyEntries),
                villages[e.Id].OrderBy(v => v.Code).Select(v => new ServedVillage(v.Id, v.Name, v.Township)).ToList(),
                counts.GetValueOrDefault(e.Id), e.Version))
            .ToList();
    }
}
