using System.Diagnostics;
using Tuopin.Application.Common;

namespace Tuopin.Application.Registry;

/// <summary>
/// Stopwatches for the parts of an import, passed in by a caller that measures (the benchmark) through
/// <see cref="ImportRegistry.Options.Timings"/>; the import itself carries none.
/// </summary>
public sealed class ImportTimings
{
    public sealed record Phase(string Name, TimeSpan Time);

    private readonly Dictionary<string, Stopwatch> _watches = [];

    internal Stopwatch this[string name] => _watches.TryGetValue(name, out var w) ? w : _watches[name] = new Stopwatch();

    private readonly Dictionary<string, TimeSpan> _added = [];

    /// <summary>
    /// A lap timer for <see cref="Storage.BulkWriter"/>: each table's time since the last table (or since the call), added up
    /// over the batches as "<paramref name="prefix"/> table".
    /// </summary>
    internal Action<string> Laps(string prefix)
    {
        var last = Stopwatch.GetTimestamp();
        return table =>
        {
            var name = $"{prefix} {table}";
            lock (_added) _added[name] = _added.GetValueOrDefault(name) + Stopwatch.GetElapsedTime(last);
            last = Stopwatch.GetTimestamp();
        };
    }

    /// <summary>The file reader's own time: only the moves to the next row are counted.</summary>
    internal IEnumerable<SheetRow> Time(IEnumerable<SheetRow> rows, Stopwatch? watch = null)
    {
        watch ??= this["read file"];
        using var e = rows.GetEnumerator();
        while (true)
        {
            watch.Start();
            var more = e.MoveNext();
            watch.Stop();
            if (!more) yield break;
            yield return e.Current;
        }
    }

    /// <summary>Each part's time so far, in the order the parts were first timed.</summary>
    public IReadOnlyList<Phase> Phases
    {
        get
        {
            lock (_added) return [.. _watches.Select(w => new Phase(w.Key, w.Value.Elapsed)), .. _added.Select(a => new Phase(a.Key, a.Value))];
        }
    }
}
