using System.Globalization;

using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Registry;

/// <summary>
/// The state of one import.
/// <para>
/// Grouped files (a household's rows together, as the export writes them) are read once: each row is
/// checked as it is read, a household as soon as its rows end (in batches of 1,000, after their IDs and
/// numbers were looked up in the registry), and while no row has been rejected each checked batch is
/// handed to a writer task that inserts it inside the import's transaction while the next batch is
/// read. The transaction is committed only when the whole file is faultless. What stays from row to
/// row is the ID's blind index as a 32-byte key (for "the same ID twice in the file") and per household
/// a 64-bit hash of its number (to notice a household whose rows are not together); registered
/// households and registered IDs that the file names are kept too.
/// </para>
/// <para>
/// Files whose households are split over the file fall back to two passes: pass 1 keeps every
/// household's fields and records, pass 2 streams only the members (memory then grows with the file).
/// Update mode keeps the registered households it updates for the tracked, audited update at the end.
/// </para>
/// </summary>
internal sealed partial class ImportRun : IAsyncDisposable
{
    private readonly TuopinDb db;
    private readonly IPersonalDataProtector protector;
    private readonly DateOnly today;
    private readonly ImportRegistry.Options options;
    private readonly bool grouped;

    public ImportRun(TuopinDb db, IPersonalDataProtector protector, DateOnly today, ImportRegistry.Options options, bool grouped = true)
    {
        this.db = db;
        this.protector = protector;
        this.today = today;
        this.options = options;
        this.grouped = grouped;
        Timings = options.Timings ?? new();
        _updates = new UpdateRegistryFromSheet(db, protector, today, _taken);
        _writer = new ImportWriter(db, protector, today, Timings, _updates);
    }

    public DateOnly Today => today;

    /// <summary>The file's households are together (one pass, written as checked); false: the two-pass fallback.</summary>
    public bool Grouped => grouped;

    // Grouped files (a household's rows together, as the export writes them): a household is checked as
    // soon as its rows end, in batches, then written (while no row is rejected) and forgotten.
    private readonly List<HouseholdDraft> _closed = [];
    private HouseholdDraft? _current;
    private const int CheckBatch = 1000;
    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private readonly List<ImportRegistry.RowError> _errors = [];
    // Households not grouped: every household by its number, to the end of pass 2.
    private readonly Dictionary<string, HouseholdDraft> _byNumber = [];
    // Grouped: the 64-bit hashes of the numbers of the households read since the last batch written (a
    // repeat means the rows are not together; a hash collision only sends the import to the ungrouped
    // fallback, which is exact). Households of the batches written are found in the database instead.
    private readonly HashSet<ulong> _closedNumbers = [];
    // The registered households that the file names (found by the checks, used by the writing).
    private readonly Dictionary<string, ExistingHousehold> _existing = [];
    // The first row of each ID's blind index since the last batch written: 32 bytes and a row number
    // instead of a 43-character string. IDs of the batches written are found in the database (inside the
    // import's transaction) by the registry lookup, so that for a file that is being written this stays
    // the size of a batch; when nothing is written (a dry run, or after a rejected row) it keeps every row.
    private readonly Dictionary<BlindKey, int> _rowOfIndex = [];
    private readonly Dictionary<string, TakenId> _taken = [];
    private readonly List<(string Index, string ResidentId)> _pendingIds = [];
    private const int LookupBatch = 2000;
    private bool _writing;
    private readonly ImportWriter _writer;
    private readonly UpdateRegistryFromSheet _updates;

    /// <summary>The households kept from pass 1 to pass 2: only when the file is not grouped.</summary>
    public List<HouseholdDraft> Households { get; } = [];

    public int RowCount { get; private set; }

    /// <summary>The households of the file (distinct numbers, a row without a number counts as one).</summary>
    public int HouseholdCount { get; private set; }

    /// <summary>Of those, the ones already in the registry.</summary>
    public int RegisteredCount { get; private set; }

    /// <summary>The caller's timings (the benchmark's), or a private set nobody reads.</summary>
    public ImportTimings Timings { get; }

    /// <summary>Checked households are written as long as no row has been rejected.</summary>
    private bool Writing => _writer.IsOpen && _errors.Count == 0;

    /// <summary>Opens the transaction that the checked households are written in, batch by batch.</summary>
    public Task BeginWritingAsync(string fileName, DateTime now, CancellationToken ct) => _writer.BeginAsync(fileName, now, ct);

    /// <summary>The whole file (grouped) was found faultless: the last batch written, the rest committed. Returns the members written.</summary>
    public Task<int> FinishAsync(CancellationToken ct) => _writer.FinishAsync(Places, ct);

    /// <summary>
    /// Pass 2 of a file whose households are not grouped: everything written in one transaction, the
    /// members read again from the file. Returns the number of members written.
    /// </summary>
    public Task<int> WriteAsync(IEnumerable<SheetRow> rows, string fileName, DateTime now, CancellationToken ct) =>
        _writer.WriteAllAsync(Households, Places, ReadMembersAgain(rows), fileName, now, ct);

    /// <summary>Pass 2: each data row's member again, with the household that pass 1 built for it.</summary>
    private IEnumerable<(MemberDraft Member, HouseholdDraft Household)> ReadMembersAgain(IEnumerable<SheetRow> rows)
    {
        _writing = true;
        var seen = 0;
        var read = Timings["pass 2: read file"];
        var parse = Timings["pass 2: parse rows, encrypt IDs"];
        var header = true;
        foreach (var row in Timings.Time(rows, read))
        {
            if (header) { header = false; continue; }
            if (row.IsBlank) continue;
            parse.Start();
            ReadRow(row);
            parse.Stop();
            seen++;
            yield return (_written!, _writtenHousehold!);
        }
        if (seen != RowCount) throw FileChanged(0);
    }

    /// <summary>Ends the write in flight, then rolls the transaction back unless it was committed.</summary>
    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    public List<ImportRegistry.RowError> SortedErrors() => [.. _errors.OrderBy(e => e.Row).ThenBy(e => Array.IndexOf(_headers, e.Column) is var i && i < 0 ? int.MaxValue : i)];

    /// <summary>
    /// Reasons kept before the check stops: a file of a million faulty rows would otherwise hold millions
    /// of reasons in memory and send them all back. The user fixes these and imports again.
    /// </summary>
    public const int MaxErrors = 1_000;

    private void Error(int row, string key, string value, string code, LocalText message)
    {
        // Pass 2 builds the records again from rows that pass 1 found faultless.
        if (_writing) throw FileChanged(row);
        _errors.Add(new ImportRegistry.RowError(row, HeaderOf(key), value, code, message));
        if (_errors.Count >= MaxErrors) throw new TooManyErrorsException(row);
    }

    private string HeaderOf(string key) => _indexOf.TryGetValue(key, out var i) ? _headers[i] : RegistryTemplate.Fixed.FirstOrDefault(c => c.Key == key)?.Zh ?? key;
}
