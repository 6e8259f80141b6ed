using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Storage;
using Tuopin.Domain.Places;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Plan;

/// <summary>
/// One cell of a county's tally: its open households (not closed by a merge or split) of one status and exit year, and
/// their people. The same cells the county overview counts by township, here by county; the rules (registered, poor,
/// poor at the end of a year, exited in a year) are applied to them when read (<see cref="HouseholdStanding"/>).
/// </summary>
public sealed class CountyTally
{
    public Guid Id { get; set; }

    public Guid CountyId { get; set; }

    public HouseholdStatus Status { get; set; }

    public int? ExitYear { get; set; }

    public int Households { get; set; }

    public int People { get; set; }
}

/// <summary>
/// A county's write stamp and the stamp its tally was counted at. <see cref="Writes"/> is bumped in the same
/// transaction as every write of its households or villages, by any process (the server, the command-line import);
/// the tally is current when <see cref="Tallied"/> equals it.
/// </summary>
public sealed class CountyTallyStamp
{
    public Guid CountyId { get; set; }

    public long Writes { get; set; }

    public long Tallied { get; set; }

    /// <summary>The villages' rural registered population (户籍人口) summed, at the tally.</summary>
    public int RegisteredPopulation { get; set; }

    public int Villages { get; set; }

    /// <summary>Villages with no registered population recorded: the county's incidence is unknown while any lacks it.</summary>
    public int VillagesWithoutPopulation { get; set; }

    public DateTime? TalliedAt { get; set; }
}

/// <summary>
/// Keeps the counties' tallies: stamps a county when its households or villages are written, and recounts — set-based,
/// one county at a time — only the counties whose tally is older than their stamp.
/// </summary>
public static class CountyTallies
{
    private const string Bump =
        "INSERT INTO county_tally_stamps (county_id, writes, tallied, registered_population, villages, villages_without_population) VALUES ({0}, 1, -1, 0, 0, 0) "
        + "ON CONFLICT (county_id) DO UPDATE SET writes = county_tally_stamps.writes + 1";

    // Claims the county's stamp row for the recount (a second reader waits, then finds it current); changes nothing.
    private const string Claim =
        "INSERT INTO county_tally_stamps (county_id, writes, tallied, registered_population, villages, villages_without_population) VALUES ({0}, 0, -1, 0, 0, 0) "
        + "ON CONFLICT (county_id) DO UPDATE SET tallied = county_tally_stamps.tallied";

    /// <summary>The counties whose tally a save changes: those of the households and villages it adds, changes or deletes (before and after), but not a household saved only for its version.</summary>
    internal static HashSet<Guid> Pending(TuopinDb db)
    {
        var counties = new HashSet<Guid>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted) || entry.Entity is not (Household or Village)) continue;
            // A household saved only for its version (beside an income, a member's change…) changes no cell: its county's stamp,
            // a row every writer of the county waits for, is left alone.
            if (WriteCounter.OnlyVersionChanged(entry)) continue;
            var county = entry.Property(nameof(Household.CountyId));
            if (entry.State != EntityState.Added && county.OriginalValue is Guid before) counties.Add(before);
            if (county.CurrentValue is Guid after) counties.Add(after);
        }
        counties.Remove(Guid.Empty);
        return counties;
    }

    /// <summary>Marks the counties' tallies out of date, in the caller's transaction (after the rows it wrote).</summary>
    public static async Task StampAsync(TuopinDb db, IEnumerable<Guid> counties, CancellationToken ct = default)
    {
        foreach (var county in counties.Distinct().Where(c => c != Guid.Empty).Order())
            await db.Database.ExecuteSqlRawAsync(Bump, [county], ct);
    }

    /// <summary>The counties' tallies, each recounted first if a write came after it.</summary>
    public static async Task<(List<CountyTally> Cells, Dictionary<Guid, CountyTallyStamp> Stamps)> ReadAsync(TuopinDb db, IReadOnlyCollection<Guid> counties, TimeProvider clock, CancellationToken ct)
    {
        var stamps = await db.CountyTallyStamps.AsNoTracking().Where(s => counties.Contains(s.CountyId)).ToDictionaryAsync(s => s.CountyId, ct);
        var stale = counties.Where(c => !stamps.TryGetValue(c, out var s) || s.Tallied != s.Writes).ToList();
        if (stale.Count > 0)
            foreach (var (county, stamp) in await RecountAsync(db, stale, clock, ct)) stamps[county] = stamp;
        var cells = await db.CountyTallies.AsNoTracking().Where(t => counties.Contains(t.CountyId)).ToListAsync(ct);
        return (cells, stamps);
    }

    /// <summary>
    /// Recounts the counties whose tally is older than their stamp, all in one transaction and set-based whatever their
    /// number: one grouped query over their households and one over their villages. A reader calls it for the counties it
    /// found stale; a bulk load calls it once at its end, so that the first view after the load reads kept tallies instead
    /// of recounting every county it wrote. The counties' stamp rows are claimed first, in key order (as writers stamp), so a
    /// second recount waits and then finds them current.
    /// </summary>
    public static async Task<Dictionary<Guid, CountyTallyStamp>> RecountAsync(TuopinDb db, IReadOnlyCollection<Guid> counties, TimeProvider clock, CancellationToken ct)
    {
        var ordered = counties.Where(c => c != Guid.Empty).Distinct().Order().ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var county in ordered) await db.Database.ExecuteSqlRawAsync(Claim, [county], ct);
        // The stamps are read under the claims: a write committed after this count bumps its county again, and the next reader recounts.
        var stamps = await db.CountyTallyStamps.AsNoTracking().Where(s => ordered.Contains(s.CountyId)).ToDictionaryAsync(s => s.CountyId, ct);
        var stale = ordered.Where(c => stamps[c].Tallied != stamps[c].Writes).ToList();
        if (stale.Count == 0)
        {
            await transaction.CommitAsync(ct);
            return stamps;
        }
        var cells = (await db.Households.IgnoreQueryFilters().AsNoTracking()
                .Where(h => stale.Contains(h.CountyId) && h.ClosedOn == null)
                .GroupBy(h => new { h.CountyId, h.Status, h.ExitYear })
                .Select(g => new { g.Key.CountyId, g.Key.Status, g.Key.ExitYear, Households = g.Count(), People = g.Sum(h => h.Size) })
                .ToListAsync(ct))
            .Select(g => new CountyTally { Id = Guid.CreateVersion7(), CountyId = g.CountyId, Status = g.Status, ExitYear = g.ExitYear, Households = g.Households, People = g.People })
            .ToList();
        var villages = await db.Villages.IgnoreQueryFilters().AsNoTracking().Where(v => stale.Contains(v.CountyId))
            .GroupBy(v => v.CountyId)
            .Select(g => new { County = g.Key, Villages = g.Count(), Population = g.Sum(v => v.RegisteredPopulation ?? 0), Missing = g.Count(v => v.RegisteredPopulation == null) })
            .ToDictionaryAsync(v => v.County, ct);
        await db.CountyTallies.Where(t => stale.Contains(t.CountyId)).ExecuteDeleteAsync(ct);
        if (cells.Count > 0) await BulkWriter.InsertAsync(db, cells, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var county in stale)
        {
            var stamp = stamps[county];
            var v = villages.GetValueOrDefault(county);
            var (population, count, missing) = v is null ? (0, 0, 0) : (v.Population, v.Villages, v.Missing);
            await db.CountyTallyStamps.Where(s => s.CountyId == county).ExecuteUpdateAsync(s => s
                .SetProperty(x => x.Tallied, stamp.Writes)
                .SetProperty(x => x.RegisteredPopulation, population)
                .SetProperty(x => x.Villages, count)
                .SetProperty(x => x.VillagesWithoutPopulation, missing)
                .SetProperty(x => x.TalliedAt, now), ct);
            stamp.Tallied = stamp.Writes;
            stamp.RegisteredPopulation = population;
            stamp.Villages = count;
            stamp.VillagesWithoutPopulation = missing;
            stamp.TalliedAt = now;
        }
        await transaction.CommitAsync(ct);
        return stamps;
    }
}
