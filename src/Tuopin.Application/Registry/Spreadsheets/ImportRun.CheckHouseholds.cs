using Microsoft.EntityFrameworkCore;

namespace Tuopin.Application.Registry;

/// <summary>Checking: each household as a whole once its rows are read, with the checks the form makes (<see cref="RegistryChecks"/>) and the import's own (places, groups, status, registered households).</summary>
internal sealed partial class ImportRun
{
    private ImportPlaces? _places;
    private AdjustmentWindow _window = AdjustmentWindow.WholeYear;

    /// <summary>The county's places (villages, townships, groups) and the adjustment window, each loaded once.</summary>
    public async Task LoadPlacesAsync(CancellationToken ct)
    {
        _places = await ImportPlaces.LoadAsync(db, ct);
        _window = await AdjustmentWindow.GetAsync(db, ct);
    }

    private ImportPlaces Places => _places ?? throw new InvalidOperationException("The places are loaded first.");

    private HouseholdCheck? _check;

    /// <summary>The household check, made once the header and the places are known.</summary>
    private HouseholdCheck Check => _check ??= new HouseholdCheck(new ImportColumns(_householdColumns), Places, new HouseholdCheckContext(db.Actor, today, _window, options.Update));

    /// <summary>Checks the households not checked while reading (all of them when the file is not grouped).</summary>
    public async Task CheckAsync(CancellationToken ct)
    {
        foreach (var h in Households) if (!h.Closed) Close(h);
        await CheckClosedAsync(ct);
    }

    private void Close(HouseholdDraft h)
    {
        if (h.Closed) return;
        h.Closed = true;
        _closed.Add(h);
        if (grouped) _closedNumbers.Add(NumberKey(h.Number));
    }

    /// <summary>
    /// The closed households: their numbers looked up in the registry in one query per 2,000, each
    /// checked, then (grouped files) their raw fields dropped. The IDs read so far are looked up first,
    /// so that every member of these households has been compared with the registry.
    /// </summary>
    private async Task CheckClosedAsync(CancellationToken ct)
    {
        if (_closed.Count == 0) return;
        if (_errors.Any(e => e.Row == 1))
        {
            _closed.Clear();
            return;
        }
        // The connection is the writer's until the batch before is written.
        await _writer.Written;
        await LookUpIdsAsync(ct);
        Timings["registry lookups"].Start();
        var existing = await ExistingHouseholdsAsync(_closed, ct);
        foreach (var (number, household) in existing) _existing[number] = household;
        Timings["registry lookups"].Stop();
        Timings["household checks"].Start();
        foreach (var h in _closed)
        {
            if (h.Number.StartsWith('?')) continue;
            var mainCauseReported = _errors.Any(e => e.Column == HeaderOf("mainCause") && h.Rows.Contains(e.Row));
            foreach (var (row, fault) in Check.Check(h, existing.GetValueOrDefault(h.Number), _taken, mainCauseReported))
                Error(row, fault.Key, fault.Value, fault.Code, fault.Message);
            if (existing.ContainsKey(h.Number)) RegisteredCount++;
        }
        Timings["household checks"].Stop();
        if (Writing)
        {
            _writer.Queue(_closed, Places, ct);
            // From now on the database answers for these rows: an ID or household number of theirs that comes
            // again is found by the registry lookup. The household being read stays (its rows are not written yet).
            _rowOfIndex.Clear();
            _closedNumbers.Clear();
            foreach (var p in _current?.People ?? [])
                if (p.Index.Length > 0) _rowOfIndex.TryAdd(BlindKey.Of(p.Index), p.Row);
        }
        else foreach (var h in _closed) h.Members.Clear();
        _closed.Clear();
    }

    private async Task<Dictionary<string, ExistingHousehold>> ExistingHouseholdsAsync(List<HouseholdDraft> households, CancellationToken ct)
    {
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
                if (_writer.Batch is { } own && r.BatchId == own) throw new UngroupedFileException();
                result[r.Number] = new ExistingHousehold(r.Id, r.CountyId, r.TownshipId, r.VillageId, r.Status, r.ExitYear);
            }
        }
        return result;
    }

    /// <summary>
    /// The IDs read since the last call, looked up in the registry by their blind index in one query
    /// (every area: a person is registered once in the whole registry). Only the IDs found are kept.
    /// </summary>
    private async Task LookUpIdsAsync(CancellationToken ct)
    {
        if (_pendingIds.Count == 0) return;
        await _writer.Written; // the connection is the writer's until its batch is written
        var watch = Timings["registry lookups"];
        watch.Start();
        Dictionary<string, string>? plain = null;
        foreach (var chunk in _pendingIds.Select(p => p.Index).Chunk(LookupBatch))
        {
            var rows = await RegistryChecks.RegisteredIdsAsync(db, chunk, null, "registry import", ct);
            if (rows.Count == 0) continue;
            plain ??= _pendingIds.ToDictionary(p => p.Index, p => p.ResidentId);
            foreach (var r in rows)
                _taken[r.Index] = new TakenId(r.Household, r.Member, plain[r.Index], _writer.Batch is { } own && r.Batch == own ? r.Number : null);
        }
        _pendingIds.Clear();
        watch.Stop();
    }
}
