using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Audit;
using Tuopin.Application.Storage;

namespace Tuopin.Application.Registry;

/// <summary>
/// Every recorded change of a household and its members, newest first: the household's own entries, which its visibility to
/// the user (the area filter) opens, and of those the ones of its county (or of none, written before entries carried one):
/// what another county wrote of it — before the operator moved it between counties — stays that county's (AuditCounties).
/// </summary>
public sealed class GetHouseholdHistory(Database database)
{
    public async Task<IReadOnlyList<HistoryEntry>> HandleAsync(Guid householdId, CancellationToken ct = default)
    {
        await using var db = database.Open();
        // The history is shown only for a household the user can see.
        var household = await db.Households.Where(h => h.Id == householdId).Select(h => new { h.BatchId, h.CountyId }).FirstOrDefaultAsync(ct)
            ?? throw RegistryMapping.HouseholdNotFound();
        var (batch, county) = (household.BatchId, household.CountyId);
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(a => a.HouseholdId == householdId && a.Action <= AuditAction.Bulk) // changes, not reads
            .OfRecordIn(county)
            .OrderByDescending(a => a.At)
            .Select(a => new { a.At, a.UserId, a.UserName, a.Action, a.EntityType, a.EntityId, a.Changes, a.Reason })
            .ToListAsync(ct);
        // Households written in bulk (demo data, imports) are recorded once per batch, not per row.
        var bulk = await db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == AuditAction.Bulk && a.EntityId == batch)
            .OfRecordIn(county)
            .Select(a => new { a.At, a.UserId, a.UserName, a.Action, a.EntityType, a.EntityId, a.Changes, a.Reason })
            .ToListAsync(ct);
        // The trail keeps the login name; the page shows the person's name (a removed account keeps its login name).
        var userIds = entries.Concat(bulk).Where(a => a.UserId != null).Select(a => a.UserId!.Value).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        return [.. entries.Concat(bulk).Select(a => new HistoryEntry(a.At, a.UserId is { } id && names.TryGetValue(id, out var name) ? name : a.UserName,
            a.Action.ToString(), a.EntityType, a.EntityId, a.Changes, a.Reason))];
    }
}
