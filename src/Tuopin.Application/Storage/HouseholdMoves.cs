using Microsoft.EntityFrameworkCore;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Storage;

/// <summary>
/// The records that belong to a household — its exit procedures with their steps, objections and
/// papers, and its quality reviews — carry the household's place so that area rules filter them in
/// one step. When a household moves, they move with it in the same transaction, whichever use case
/// moved it: the old village's officer no longer sees them, the new village's does.
/// </summary>
internal static class HouseholdMoves
{
    public sealed record Move(Guid HouseholdId, Guid CountyId, Guid TownshipId, Guid VillageId);

    /// <summary>The tracked households whose place is about to change.</summary>
    public static List<Move> Pending(TuopinDb db)
    {
        var moves = new List<Move>();
        foreach (var entry in db.ChangeTracker.Entries<Household>())
        {
            if (entry.State != EntityState.Modified) continue;
            var moved = new[] { nameof(Household.CountyId), nameof(Household.TownshipId), nameof(Household.VillageId) }
                .Any(p => !Equals(entry.Property(p).OriginalValue, entry.Property(p).CurrentValue));
            if (moved) moves.Add(new Move(entry.Entity.Id, entry.Entity.CountyId, entry.Entity.TownshipId, entry.Entity.VillageId));
        }
        return moves;
    }

    /// <summary>Moves the households' records to their new place (set-based: one statement per kind of record).</summary>
    public static async Task FollowAsync(TuopinDb db, IReadOnlyList<Move> moves, CancellationToken ct)
    {
        foreach (var m in moves)
        {
            await db.ExitProcedures.IgnoreQueryFilters().Where(x => x.HouseholdId == m.HouseholdId)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.CountyId, m.CountyId).SetProperty(x => x.TownshipId, m.TownshipId).SetProperty(x => x.VillageId, m.VillageId), ct);
            await db.ProcedureSteps.IgnoreQueryFilters().Where(x => x.HouseholdId == m.HouseholdId)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.CountyId, m.CountyId).SetProperty(x => x.TownshipId, m.TownshipId).SetProperty(x => x.VillageId, m.VillageId), ct);
            await db.ExitObjections.IgnoreQueryFilters().Where(x => x.HouseholdId == m.HouseholdId)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.CountyId, m.CountyId).SetProperty(x => x.TownshipId, m.TownshipId).SetProperty(x => x.VillageId, m.VillageId), ct);
            await db.Attachments.IgnoreQueryFilters().Where(x => x.HouseholdId == m.HouseholdId)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.CountyId, m.CountyId).SetProperty(x => x.TownshipId, m.TownshipId).SetProperty(x => x.VillageId, m.VillageId), ct);
            await db.QualityReviews.IgnoreQueryFilters().Where(x => x.HouseholdId == m.HouseholdId)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.CountyId, m.CountyId).SetProperty(x => x.TownshipId, m.TownshipId).SetProperty(x => x.VillageId, m.VillageId), ct);
        }
    }
}
