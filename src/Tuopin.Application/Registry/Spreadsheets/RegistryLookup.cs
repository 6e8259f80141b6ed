using Microsoft.EntityFrameworkCore;

using Tuopin.Application.Storage;

namespace Tuopin.Application.Registry;

/// <summary>
/// The import's questions to the registry, asked in batches: which of the file's resident IDs are
/// registered (every area: a person is registered once in the whole registry), and which of its household
/// numbers. It keeps the IDs found (<see cref="Taken"/>) for the checks and the update mode.
/// The calls' <c>ownBatch</c>: the batch the import is writing under, if it writes as it
/// reads; what it finds of that batch was written from earlier rows of the same file.
/// </summary>
internal sealed class RegistryLookup(TuopinDb db, ImportTimings timings)
{
    /// <summary>The IDs looked up in one query (and, files not being written as read, the IDs read before a lookup).</summary>
    public const int Batch = 2000;

    private readonly Dictionary<string, TakenId> _taken = [];

    /// <summary>The file's resident IDs that the registry holds, by blind index.</summary>
    public IReadOnlyDictionary<string, TakenId> Taken => _taken;

    /// <summary>IDs read from the file, looked up by their blind index in one query per batch. Only the IDs found are kept.</summary>
    public async Task LookUpIdsAsync(IReadOnlyList<(string Index, string ResidentId)> ids, Guid? ownBatch, CancellationToken ct)
    {
        var watch = timings["registry lookups"];
        watch.Start();
        Dictionary<string, string>? plain = null;
        foreach (var chunk in ids.Select(p => p.Index).Chunk(Batch))
        {
            var rows = await RegistryChecks.RegisteredIdsAsync(db, chunk, null, "registry import", ct);
            if (rows.Count == 0) continue;
            plain ??= ids.ToDictionary(p => p.Index, p => p.ResidentId);
            foreach (var r in rows)
                _taken[r.Index] = new TakenId(r.Household, r.Member, plain[r.Index], ownBatch is { } own && r.Batch == own ? r.Number : null);
        }
        watch.Stop();
    }

    /// <summary>
    /// The registered households of these drafts' numbers, in one query per 2,000. One written from an
    /// earlier batch of this import means the household's rows are not together (<see cref="UngroupedFileException"/>).
    /// </summary>
    public async Task<Dictionary<string, ExistingHousehold>> HouseholdsAsync(IReadOnlyList<HouseholdDraft> households, Guid? ownBatch, CancellationToken ct)
    {
        var watch = timings["registry lookups"];
        watch.Start();
        var result = new Dictionary<string, ExistingHousehold>();
        foreach (var chunk in households.Select(h => h.Number).Where(n => !n.StartsWith('?')).Chunk(2000))
        {
            var rows = await db.Households.IgnoreQueryFilters().AsNoTracking()
                .Where(h => chunk.Contains(h.Number))
                .Select(h => new { h.Number, h.Id, h.CountyId, h.TownshipId, h.VillageId, h.BatchId, h.Status, h.ExitYear })
                .ToListAsync(ct);
            foreach (var r in rows)
            {
                // Written by this import from an earlier batch: the household's rows are not together.
                if (ownBatch is { } own && r.BatchId == own) throw new UngroupedFileException();
                result[r.Number] = new ExistingHousehold(r.Id, r.CountyId, r.TownshipId, r.VillageId, r.Status, r.ExitYear);
            }
        }
        watch.Stop();
        return result;
    }
}
