using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Registry;

/// <summary>
/// One import, from the first row read to the commit: it hands the file's rows to the reader, each
/// finished household to the check, each checked batch to the writer, and keeps the counts. Its parts,
/// each with its own state: <see cref="ImportRowReader"/> (rows into drafts), <see cref="RegistryLookup"/>
/// (the file's IDs and numbers in the registry), <see cref="HouseholdCheck"/> (one household against the
/// form's rules and the import's own), <see cref="ImportWriter"/> (batches written in the import's
/// transaction) and <see cref="UpdateRegistryFromSheet"/> (update mode); all of them report their reasons
/// to one <see cref="ImportErrors"/>.
/// <para>
/// Grouped files (a household's rows together, as the export writes them) are read once: each row is
/// checked as it is read, a household as soon as its rows end (in batches of 1,000, after their IDs and
/// numbers were looked up in the registry), and while no row has been rejected each checked batch is
/// handed to a writer task that inserts it inside the import's transaction while the next batch is
/// read. The transaction is committed only when the whole file is faultless. What stays from row to
/// row is the ID's blind index as a 32-byte key (for "the same ID twice in the file") and per household
/// a 64-bit hash of its number (to notice a household whose rows are not together); registered IDs that
/// the file names are kept too.
/// </para>
/// <para>
/// Files whose households are split over the file fall back to two passes: pass 1 keeps every
/// household's fields and records, pass 2 streams only the members (memory then grows with the file).
/// Update mode keeps the registered households it updates for the tracked, audited update at the end.
/// </para>
/// </summary>
internal sealed class ImportRun : IAsyncDisposable
{
    private const int CheckBatch = 1000;

    private readonly TuopinDb _db;
    private readonly DateOnly _today;
    private readonly bool _update;
    private readonly ImportTimings _timings;
    private readonly ImportErrors _errors = new();
    private readonly ImportRowReader _reader;
    private readonly RegistryLookup _lookup;
    private readonly ImportWriter _writer;
    private ImportPlaces? _places;
    private AdjustmentWindow _window = AdjustmentWindow.WholeYear;
    private HouseholdCheck? _check;

    /// <summary>
    /// A run for one reading of the file. <paramref name="locate"/>: a line of the file in words for a message
    /// ("第5行" / "row 5"; with its sheet in a workbook of several lists); <paramref name="grouped"/>: the
    /// file's households are together (one pass, written as checked); false: the two-pass fallback.
    /// </summary>
    public ImportRun(TuopinDb db, IPersonalDataProtector protector, DateOnly today, ImportRegistry.Options options, Func<int, LocalText>? locate, bool grouped = true)
    {
        _db = db;
        _today = today;
        _update = options.Update;
        Grouped = grouped;
        // The caller's timings (the benchmark's), or a private set nobody reads.
        _timings = options.Timings ?? new();
        _reader = new ImportRowReader(_errors, protector, today, _timings, grouped, locate);
        _lookup = new RegistryLookup(db, _timings);
        _writer = new ImportWriter(db, protector, today, _timings, new UpdateRegistryFromSheet(db, protector, today, _lookup.Taken));
    }

    /// <summary>The file's households are together (one pass, written as checked); false: the two-pass fallback.</summary>
    public bool Grouped { get; }

    /// <summary>The data rows read.</summary>
    public int RowCount => _reader.RowCount;

    /// <summary>The households of the file (distinct numbers, a row without a number counts as one).</summary>
    public int HouseholdCount => _reader.HouseholdCount;

    /// <summary>Of those, the ones already in the registry.</summary>
    public int RegisteredCount { get; private set; }

    /// <summary>The reasons found, by row and column.</summary>
    public List<ImportRegistry.RowError> SortedErrors() => _errors.Sorted();

    /// <summary>The county's places (villages, townships, groups) and the adjustment window, each loaded once.</summary>
    public async Task LoadPlacesAsync(CancellationToken ct)
    {
        _places = await ImportPlaces.LoadAsync(_db, ct);
        _window = await AdjustmentWindow.GetAsync(_db, ct);
    }

    private ImportPlaces Places => _places ?? throw new InvalidOperationException("The places are loaded first.");

    /// <summary>The household check, made once the header and the places are known.</summary>
    private HouseholdCheck Check => _check ??= new HouseholdCheck(new ImportColumns(_reader.HouseholdColumns), Places, new HouseholdCheckContext(_db.Actor, _today, _window, _update));

    /// <summary>Checked households are written as long as no row has been rejected.</summary>
    private bool Writing => _writer.IsOpen && _errors.Count == 0;

    /// <summary>Opens the transaction that the checked households are written in, batch by batch, as the file is read.</summary>
    public async Task BeginWritingAsync(string fileName, DateTime now, CancellationToken ct)
    {
        await _writer.BeginAsync(fileName, now, ct);
        _reader.KeepMembers = true;
    }

    /// <summary>Reads the file: each row as it comes, each household once its rows end (grouped files), in batches.</summary>
    public async Task ReadAllAsync(IEnumerable<SheetRow> rows, IProgress<int>? progress, CancellationToken ct)
    {
        var header = true;
        foreach (var row in _timings.Time(rows))
        {
            if (header)
            {
                header = false;
                if (!_reader.ReadHeader(row)) return;
                continue;
            }
            if (row.IsBlank) continue;
            var parse = _timings["parse and check rows"];
            parse.Start();
            _reader.Read(row);
            parse.Stop();
            // Writing while reading: the lookups wait for the check batch (the connection is the writer's meanwhile).
            if (!_writer.IsOpen && _reader.PendingIds.Count >= RegistryLookup.Batch) await LookUpIdsAsync(ct);
            if (_reader.Closed.Count >= CheckBatch) await CheckClosedAsync(ct);
            if (RowCount % 2000 == 0)
            {
                ct.ThrowIfCancellationRequested();
                progress?.Report(RowCount);
            }
        }
        await LookUpIdsAsync(ct);
        _reader.CloseCurrent();
        await CheckClosedAsync(ct);
        if (header)
            _errors.AddAsIs(new(1, string.Empty, string.Empty, "import.empty", new LocalText("文件是空的：第1行应为表头", "The file is empty: row 1 should be the header")));
        progress?.Report(RowCount);
    }

    /// <summary>Checks the households not checked while reading (all of them when the file is not grouped).</summary>
    public async Task CheckAsync(CancellationToken ct)
    {
        _reader.CloseAll();
        await CheckClosedAsync(ct);
    }

    /// <summary>
    /// The closed households: their numbers looked up in the registry in one query per 2,000, each
    /// checked, then (grouped files) handed to the writer or their members dropped. The IDs read so far
    /// are looked up first, so that every member of these households has been compared with the registry.
    /// </summary>
    private async Task CheckClosedAsync(CancellationToken ct)
    {
        var closed = _reader.Closed;
        if (closed.Count == 0) return;
        if (_errors.AnyOnRow(1))
        {
            _reader.ClearClosed();
            return;
        }
        // The connection is the writer's until the batch before is written.
        await _writer.Written;
        await LookUpIdsAsync(ct);
        var existing = await _lookup.HouseholdsAsync(closed, _writer.Batch, ct);
        _timings["household checks"].Start();
        foreach (var h in closed)
        {
            if (h.Number.StartsWith('?')) continue;
            var mainCauseReported = _errors.Reported("mainCause", h.Rows);
            foreach (var (row, fault) in Check.Check(h, existing.GetValueOrDefault(h.Number), _lookup.Taken, mainCauseReported))
                _errors.Add(row, fault.Key, fault.Value, fault.Code, fault.Message);
            if (existing.ContainsKey(h.Number)) RegisteredCount++;
        }
        _timings["household checks"].Stop();
        if (Writing)
        {
            _writer.Queue(closed, Places, ct);
            _reader.BatchWritten();
        }
        else foreach (var h in closed) h.Members.Clear();
        _reader.ClearClosed();
    }

    /// <summary>The IDs read since the last lookup, looked up in the registry (once the write in flight has freed the connection).</summary>
    private async Task LookUpIdsAsync(CancellationToken ct)
    {
        if (_reader.PendingIds.Count == 0) return;
        await _writer.Written; // the connection is the writer's until its batch is written
        await _lookup.LookUpIdsAsync(_reader.PendingIds, _writer.Batch, ct);
        _reader.ClearPendingIds();
    }

    /// <summary>The whole file (grouped) was found faultless: the last batch written, the rest committed. Returns the members written.</summary>
    public Task<int> FinishAsync(CancellationToken ct) => _writer.FinishAsync(Places, ct);

    /// <summary>
    /// Pass 2 of a file whose households are not grouped: everything written in one transaction, the
    /// members read again from the file. Returns the number of members written.
    /// </summary>
    public Task<int> WriteAsync(IEnumerable<SheetRow> rows, string fileName, DateTime now, CancellationToken ct) =>
        _writer.WriteAllAsync(_reader.Households, Places, _reader.ReadMembersAgain(rows), fileName, now, ct);

    /// <summary>Ends the write in flight, then rolls the transaction back unless it was committed.</summary>
    public ValueTask DisposeAsync() => _writer.DisposeAsync();
}
