using System.Globalization;

namespace Tuopin.Bench;

/// <summary>One line of the results: a measurement, its baseline from the same run, the ratio and the target.</summary>
public sealed record Row(
    string Measurement,
    string Db,
    string Value,
    string Baseline = "",
    double? Ratio = null,
    string Target = "",
    bool? Met = null,
    string Note = "");

/// <summary>Collects rows, echoes each to stderr as it comes (progress), and prints the table to stdout at the end.</summary>
public sealed class Report
{
    private readonly List<Row> _rows = [];

    public IReadOnlyList<Row> Rows => _rows;

    public void Add(Row row)
    {
        _rows.Add(row);
        Progress($"{row.Measurement} [{row.Db}]: {row.Value}{(row.Baseline.Length > 0 ? $" | baseline {row.Baseline}" : "")}{(row.Ratio is { } r ? $" | ratio {Ratio(r)}" : "")}{(row.Met is { } met ? met ? " | OK" : " | MISSED" : "")}");
    }

    public static void Progress(string text) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {text}");

    public void Print(TextWriter output)
    {
        string[] header = ["measurement", "db", "value", "baseline (same run)", "ratio", "target", "result", "note"];
        var cells = _rows.Select(r => new[]
        {
            r.Measurement, r.Db, r.Value, r.Baseline, r.Ratio is { } x ? Ratio(x) : "", r.Target,
            r.Met switch { true => "OK", false => "MISSED", null => "" }, r.Note,
        }).ToList();
        var widths = header.Select((h, i) => Math.Max(h.Length, cells.Count == 0 ? 0 : cells.Max(c => c[i].Length))).ToArray();
        string Line(string[] values) => string.Join("  ", values.Select((v, i) => i == values.Length - 1 ? v : v.PadRight(widths[i]))).TrimEnd();
        output.WriteLine(Line(header));
        output.WriteLine(Line([.. widths.Select(w => new string('-', w))]));
        foreach (var c in cells) output.WriteLine(Line(c));
        var missed = _rows.Where(r => r.Met == false).ToList();
        output.WriteLine();
        output.WriteLine(missed.Count == 0
            ? $"All {_rows.Count(r => r.Met is not null)} targets met."
            : $"MISSED {missed.Count} of {_rows.Count(r => r.Met is not null)} targets: {string.Join("; ", missed.Select(r => $"{r.Measurement} [{r.Db}]"))}");
    }

    public static string Ratio(double ratio) => ratio.ToString("0.00", CultureInfo.InvariantCulture);

    public static string Seconds(TimeSpan t) => $"{t.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s";

    public static string Ms(double ms) => $"{ms.ToString(ms < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture)} ms";

    public static string MedianP95(Samples s) => $"med {Ms(s.Median)}, p95 {Ms(s.P95)}";

    public static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{(bytes / (double)(1L << 30)).ToString("0.00", CultureInfo.InvariantCulture)} GiB",
        >= 1L << 20 => $"{(bytes / (double)(1L << 20)).ToString("0", CultureInfo.InvariantCulture)} MiB",
        _ => $"{(bytes / 1024.0).ToString("0", CultureInfo.InvariantCulture)} KiB",
    };
}
