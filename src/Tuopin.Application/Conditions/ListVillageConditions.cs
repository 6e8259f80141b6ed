using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Storage;

namespace Tuopin.Application.Conditions;

/// <summary>
/// The conditions records of the user's area: one year's villages (filtered by township or zone), or
/// one village's years. Two queries: the records with their places, whatever the number of villages.
/// </summary>
public sealed class ListVillageConditions(Database database)
{
    public sealed record Query(int? Year = null, Guid? TownshipId = null, Guid? ZoneId = null, Guid? VillageId = null);

    public async Task<IReadOnlyList<VillageConditionView>> HandleAsync(Query query, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var rows = db.VillageConditions.AsNoTracking();
        if (query.Year is { } year) rows = rows.Where(c => c.Year == year);
        if (query.TownshipId is { } township) rows = rows.Where(c => c.TownshipId == township);
        if (query.VillageId is { } village) rows = rows.Where(c => c.VillageId == village);
        if (query.ZoneId is { } zone) rows = rows.Where(c => db.Villages.Any(v => v.Id == c.VillageId && v.ZoneId == zone));
        var list = await rows
            .Join(db.Villages, c => c.VillageId, v => v.Id, (c, v) => new { Condition = c, v.Code, v.Name, Township = v.Township!.Name })
            .OrderBy(r => r.Code).ThenBy(r => r.Condition.Year)
            .ToListAsync(ct);
        return list.Select(r => new VillageConditionView(r.Condition.Id, r.Condition.VillageId, r.Code, r.Name, r.Condition.TownshipId, r.Township,
            r.Condition.Year, r.Condition.Version, r.Condition.UpdatedAt, ConditionFields.Of(r.Condition))).ToList();
    }
}
