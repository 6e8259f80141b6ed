using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Audit;
using Tuopin.Application.Storage;

namespace Tuopin.Application.Registry;

/// <summary>Every recorded change of a household and its members, newest first.</summary>
public sealed class GetHouseholdHistory(Database database)
{
    public async Task<IReadOnlyList<HistoryEntry>> HandleAsync(Guid householdId, CancellationToken ct = default)
    {
        await using var db = database.Open();
        // The history is shown only for a household the user can see.
        if (!await db.Households.AnyAsync(h => h.Id == householdId, ct)) throw RegistryMapping.HouseholdNotFound();
        var batch = await db.Households.Where(h => h.Id == householdId).Select(h => h.BatchId).FirstAsync(ct);
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(a => a.HouseholdId == householdId && a.Action <= AuditAction.Bulk) // changes, not reads
            .OrderByDescending(a => a.At)
            .Select(a => new HistoryEntry(a.At, a.UserName, a.Action.ToString(), a.EntityType, a.EntityId, a.Changes, a.Reason))
            .ToListAsync(ct);
        // Households written in bulk (demo data, imports) are recorded once per batch, not per row.
        var bulk = await db.AuditEntries.AsNoTracking()
            .Where(a => a.Action == AuditAction.Bulk && a.EntityId == batch)
            .Select(a => new HistoryEntry(a.At, a.UserName, a.Action.ToString(), a.EntityType, a.EntityId, a.Changes, a.Reason))
            .ToListAsync(ct);
        return [.. entries, .. bulk];
    }
}
