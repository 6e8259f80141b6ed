using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Tuopin.Domain.Common;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Storage;

/// <summary>
/// The records that belong to a household (<see cref="IHouseholdOwned"/>) take their area from it. Those
/// that also keep copies of its area keys (<see cref="IAreaBound"/>: members for their searches, exit
/// procedures with their steps, objections and papers, quality reviews, for their boards' indexes) have
/// them set here and nowhere else: from the household whenever they are saved, and, when a household
/// moves, set-based in the same transaction, whichever use case moved it. The query filters do not read
/// these copies: a household's records are visible exactly when the household is.
/// </summary>
internal static class HouseholdMoves
{
    public sealed record Place(Guid CountyId, Guid TownshipId, Guid VillageId);

    public sealed record Move(Guid HouseholdId, Guid CountyId, Guid TownshipId, Guid VillageId);

    private static readonly string[] Keys = [nameof(IAreaBound.CountyId), nameof(IAreaBound.TownshipId), nameof(IAreaBound.VillageId)];

    /// <summary>
    /// Sets the area keys of the household-owned records about to be saved from their households, and
    /// returns the place of every household they name (before and after a change of household), for the guard.
    /// </summary>
    public static async Task<IReadOnlyDictionary<Guid, Place>> DeriveAsync(TuopinDb db, CancellationToken ct)
    {
        db.ChangeTracker.DetectChanges();
        var owned = db.ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && e.Entity is IHouseholdOwned)
            .ToList();
        var places = new Dictionary<Guid, Place>();
        if (owned.Count == 0) return places;
        var ids = new HashSet<Guid>();
        foreach (var entry in owned)
        {
            ids.Add(((IHouseholdOwned)entry.Entity).HouseholdId);
            if (entry.State == EntityState.Modified && entry.Property(nameof(IHouseholdOwned.HouseholdId)).OriginalValue is Guid before) ids.Add(before);
        }
        foreach (var h in db.ChangeTracker.Entries<Household>())
            if (ids.Contains(h.Entity.Id)) places[h.Entity.Id] = new Place(h.Entity.CountyId, h.Entity.TownshipId, h.Entity.VillageId);
        var missing = ids.Where(id => !places.ContainsKey(id)).ToList();
        if (missing.Count > 0)
            foreach (var h in await db.Households.IgnoreQueryFilters().AsNoTracking().Where(h => missing.Contains(h.Id))
                         .Select(h => new { h.Id, h.CountyId, h.TownshipId, h.VillageId }).ToListAsync(ct))
                places[h.Id] = new Place(h.CountyId, h.TownshipId, h.VillageId);
        foreach (var entry in owned)
        {
            if (entry.State == EntityState.Deleted || entry.Entity is not IAreaBound) continue;
            if (!places.TryGetValue(((IHouseholdOwned)entry.Entity).HouseholdId, out var place)) continue;
            entry.Property(nameof(IAreaBound.CountyId)).CurrentValue = place.CountyId;
            entry.Property(nameof(IAreaBound.TownshipId)).CurrentValue = place.TownshipId;
            entry.Property(nameof(IAreaBound.VillageId)).CurrentValue = place.VillageId;
        }
        return places;
    }

    /// <summary>The tracked households whose place is about to change.</summary>
    public static List<Move> Pending(TuopinDb db)
    {
        var moves = new List<Move>();
        foreach (var entry in db.ChangeTracker.Entries<Household>())
        {
            if (entry.State != EntityState.Modified) continue;
            var moved = Keys.Any(p => !Equals(entry.Property(p).OriginalValue, entry.Property(p).CurrentValue));
            if (moved) moves.Add(new Move(entry.Entity.Id, entry.Entity.CountyId, entry.Entity.TownshipId, entry.Entity.VillageId));
        }
        return moves;
    }

    /// <summary>Moves the households' records to their new place (set-based: one statement per kind of record).</summary>
    public static async Task FollowAsync(TuopinDb db, IReadOnlyList<Move> moves, CancellationToken ct)
    {
        var kinds = db.Model.GetEntityTypes()
            .Where(t => typeof(IHouseholdOwned).IsAssignableFrom(t.ClrType) && typeof(IAreaBound).IsAssignableFrom(t.ClrType))
            .ToList();
        foreach (var m in moves)
            foreach (var kind in kinds)
                await (Task)FollowMethod.MakeGenericMethod(kind.ClrType).Invoke(null, [db, kind, m, ct])!;
    }

    private static readonly MethodInfo FollowMethod = typeof(HouseholdMoves).GetMethod(nameof(Follow), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static Task<int> Follow<T>(TuopinDb db, IEntityType kind, Move m, CancellationToken ct) where T : class
    {
        var x = Expression.Parameter(typeof(T), "x");
        var id = new { Value = (Guid?)m.HouseholdId };
        var mine = Expression.Lambda<Func<T, bool>>(
            Expression.Equal(Owner(kind, x), Expression.Property(Expression.Constant(id), nameof(id.Value))), x);
        return db.Set<T>().IgnoreQueryFilters().Where(mine).ExecuteUpdateAsync(s => s
            .SetProperty(r => EF.Property<Guid>(r, nameof(IAreaBound.CountyId)), m.CountyId)
            .SetProperty(r => EF.Property<Guid>(r, nameof(IAreaBound.TownshipId)), m.TownshipId)
            .SetProperty(r => EF.Property<Guid>(r, nameof(IAreaBound.VillageId)), m.VillageId), ct);
    }

    /// <summary>The record's mapped household key as a <c>Guid?</c> (an attachment's column is nullable), not the interface's view of it.</summary>
    public static Expression Owner(IReadOnlyEntityType kind, Expression record)
    {
        var key = kind.FindProperty(nameof(IHouseholdOwned.HouseholdId))?.PropertyInfo
            ?? throw new InvalidOperationException($"{kind.ClrType.Name} belongs to a household but maps no HouseholdId.");
        return Expression.Convert(Expression.Property(record, key), typeof(Guid?));
    }
}
