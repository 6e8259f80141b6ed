using Tuopin.Domain.Common;

namespace Tuopin.Application.Registry;

/// <summary>
/// The reasons an import found, each named by its row and by the column as the file's header names it;
/// the parts of the run (the row reader, the household check) report here. The check stops at
/// <see cref="MaxErrors"/> reasons.
/// </summary>
internal sealed class ImportErrors
{
    /// <summary>
    /// Reasons kept before the check stops: a file of a million faulty rows would otherwise hold millions
    /// of reasons in memory and send them all back. The user fixes these and imports again.
    /// </summary>
    public const int MaxErrors = 1_000;

    private readonly List<ImportRegistry.RowError> _errors = [];
    private string[] _headers = [];
    private IReadOnlyDictionary<string, int> _indexOf = new Dictionary<string, int>();
    private bool _sealed;

    public int Count => _errors.Count;

    /// <summary>The file's header (its cells, and the index of each template key's column, as the reader fills it): the names reasons are given under.</summary>
    public void UseHeader(string[] headers, IReadOnlyDictionary<string, int> indexOf)
    {
        _headers = headers;
        _indexOf = indexOf;
    }

    /// <summary>
    /// A reason about a row's field (a template key, named here by the file's header); at
    /// <see cref="MaxErrors"/> the check stops (<see cref="TooManyErrorsException"/>).
    /// </summary>
    public void Add(int row, string key, string value, string code, LocalText message)
    {
        // Pass 2 builds the records again from rows that pass 1 found faultless.
        if (_sealed) throw ImportRowReader.FileChanged(row);
        _errors.Add(new ImportRegistry.RowError(row, HeaderOf(key), value, code, message));
        if (_errors.Count >= MaxErrors) throw new TooManyErrorsException(row);
    }

    /// <summary>A reason already named (the header's own faults, an empty file): kept as it is, not counted towards the stop.</summary>
    public void AddAsIs(ImportRegistry.RowError error) => _errors.Add(error);

    /// <summary>From now on (pass 2 of a file not grouped) a reason means the file changed since it was checked.</summary>
    public void Seal() => _sealed = true;

    /// <summary>Whether a reason is on this row.</summary>
    public bool AnyOnRow(int row) => _errors.Any(e => e.Row == row);

    /// <summary>Whether a reason about this field was given on one of these rows.</summary>
    public bool Reported(string key, List<int> rows) => _errors.Any(e => e.Column == HeaderOf(key) && rows.Contains(e.Row));

    /// <summary>The reasons by row, and within a row in the order of the file's columns.</summary>
    public List<ImportRegistry.RowError> Sorted() => [.. _errors.OrderBy(e => e.Row).ThenBy(e => Array.IndexOf(_headers, e.Column) is var i && i < 0 ? int.MaxValue : i)];

    /// <summary>A template key's column as the file's header names it (the template's name for a column the file lacks).</summary>
    public string HeaderOf(string key) => _indexOf.TryGetValue(key, out var i) ? _headers[i] : RegistryTemplate.Fixed.FirstOrDefault(c => c.Key == key)?.Zh ?? key;
}
