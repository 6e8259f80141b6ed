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
    public IReadOnlyList<Phase> Phases => [.. _watches.Select(w => new Phase(w.Key, w.Value.Elapsed))];
}
