using Microsoft.Extensions.DependencyInjection;
using Tuopin.Application.Accounts;
using Tuopin.Application.Common;
using Tuopin.Application.Places;
using Tuopin.Application.Registry;
using Tuopin.Application.Storage;
using Tuopin.Testing;

namespace Tuopin.Bench;

/// <summary>
/// Measurement 5: the whole Laifeng registry (the demo exported, 78,913 member rows) imported from
/// .xlsx and from .csv into an empty county, validation included; against a raw bulk insert of the
/// same rows (RawDemoWriter) in the same run. Peak working set of the CSV import next to the file size.
/// </summary>
public sealed class ImportBench(Report report, byte[] key)
{
    private static readonly TimeSpan Target = TimeSpan.FromSeconds(10);

    public async Task RunAsync(BenchDatabase demo, DbProvider provider)
    {
        var name = DemoLoadBench.Name(provider);
        var directory = TestDirectories.New("import-bench");
        var files = new Dictionary<SheetFormat, string>();
        foreach (var format in new[] { SheetFormat.Csv, SheetFormat.Xlsx })
        {
            var path = Path.Combine(directory, "laifeng." + format.ToString().ToLowerInvariant());
            Report.Progress($"{name}: exporting the demo registry to {Path.GetFileName(path)} …");
            var (_, exportTime) = await Measure.TimeAsync(() => ExportAsync(demo, format, path));
            files[format] = path;
            report.Add(new Row($"5 export registry to .{format.ToString().ToLowerInvariant()}", name, Report.Seconds(exportTime),
                Note: $"{Report.Bytes(new FileInfo(path).Length)} file"));
        }

        // The baseline: the same households, members, incomes and history rows, hand-written ADO.NET in one transaction.
        Report.Progress($"{name}: baseline: raw bulk insert of the demo rows …");
        var (raw, rows) = await BaselineAsync(provider);
        var rawRate = rows / raw.Total.TotalSeconds;

        foreach (var (format, path) in files)
        {
            var ext = format.ToString().ToLowerInvariant();
            var timings = new ImportTimings();
            var (result, time, use) = await ImportAsync(provider, path, timings);
            if (result.Rows != rows)
                throw new InvalidOperationException($"The import of {path} took {result.Rows} rows, not {rows}");
            var rate = rows / time.TotalSeconds;
            report.Add(new Row($"5 import .{ext} ({rows:N0} member rows, validation included)", name, $"{Report.Seconds(time)} = {rate:N0} rows/s",
                $"{Report.Seconds(raw.Total)} = {rawRate:N0} rows/s raw bulk insert", time / raw.Total, "≤ 10 s", time <= Target,
                $"process CPU {Report.Seconds(use.Cpu)}"));
            report.Add(MemoryRow($"5 import .{ext}: peak working set", name, path, use));
            foreach (var phase in timings.Phases)
                report.Add(new Row($"5 import .{ext} part: {phase.Name}", name, Report.Seconds(phase.Time)));
        }

        // Memory against file size: the first households of the CSV up to about a quarter of the rows,
        // imported the same way. Flat memory means the whole file's peaks are not four times these.
        var part = Path.Combine(directory, "laifeng-part.csv");
        var partRows = WriteFirstRows(files[SheetFormat.Csv], part, rows / 4);
        var (partResult, partTime, partUse) = await ImportAsync(provider, part);
        report.Add(new Row($"5 import .csv, first {partRows:N0} rows", name, $"{Report.Seconds(partTime)} = {partRows / partTime.TotalSeconds:N0} rows/s",
            Note: $"{partResult.Households:N0} households"));
        report.Add(MemoryRow($"5 import .csv, first {partRows:N0} rows: peak working set", name, part, partUse));

        // The same two imports again, untimed, with a full collection every 100 ms: what the import
        // keeps alive, exactly. A file that is being written keeps its duplicate checks to the batch in
        // hand (the database answers for the batches written), so the whole file, four times the
        // quarter, should need about what the quarter needs: at most half as much again is "flat".
        var partLive = await LiveHeapAsync(provider, part);
        var fullLive = await LiveHeapAsync(provider, files[SheetFormat.Csv]);
        report.Add(new Row($"5 import .csv: live heap (full GC every 100 ms), first {partRows:N0} rows", name, Report.Bytes(partLive),
            Note: "the import's own: the largest heap left by a full collection, less the smallest"));
        var perRow = (fullLive - partLive) / (double)(rows - partRows);
        var ratio = fullLive / (double)Math.Max(1, partLive);
        report.Add(new Row($"5 import .csv: live heap (full GC every 100 ms), all {rows:N0} rows", name, Report.Bytes(fullLive),
            $"{Report.Bytes(partLive)} for the first {partRows:N0} rows", ratio, "≤ 1.5 × (4× if it grew with the file)",
            ratio <= 1.5, $"{perRow:N0} B per row beyond the first {partRows:N0}"));
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
    }

    /// <summary>The whole registry of a database (the demo's), exported as the operator in the import template: the imports' input.</summary>
    public static async Task<ExportRegistry.Result> ExportAsync(BenchDatabase demo, SheetFormat format, string path)
    {
        await using var file = File.Create(path);
        return await demo.Services(Actor.Operator("bench")).CreateScope().ServiceProvider.GetRequiredService<ExportRegistry>()
            .HandleAsync(new ListHouseholds.Query(), format, file);
    }

    /// <summary>A new migrated database with Laifeng's places (as <c>tuopin places load</c> loads them) and nothing else: where the whole county's import goes.</summary>
    public static async Task<BenchDatabase> EmptyCountyAsync(DbProvider provider, byte[] key)
    {
        var empty = await BenchDatabase.CreateAsync(provider, key);
        try
        {
            await using var db = empty.Factory.CreateForOperator("bench");
            await LoadCountyPlaces.RunAsync(db, CountyDataSet.Laifeng());
            return empty;
        }
        catch
        {
            await empty.DisposeAsync();
            throw;
        }
    }

    /// <summary>An untimed import into an empty county with its places, sampling the live heap after full collections.</summary>
    private async Task<long> LiveHeapAsync(DbProvider provider, string path)
    {
        await using var empty = await EmptyCountyAsync(provider, key);
        var import = empty.Services(Actor.Operator("bench")).CreateScope().ServiceProvider.GetRequiredService<ImportRegistry>();
        Report.Progress($"{DemoLoadBench.Name(provider)}: importing {Path.GetFileName(path)} with full collections, for its live heap …");
        var probe = new LiveHeapProbe();
        ImportRegistry.Result result;
        await using (var file = File.OpenRead(path))
            result = await import.HandleAsync(file, path, new ImportRegistry.Options());
        var live = probe.Stop();
        if (!result.Ok || !result.Stored) throw new InvalidOperationException($"The import of {path} did not take the registry: {result.Errors.FirstOrDefault()}");
        return live;
    }

    // In a method of its own, so that the generated data is garbage before the imports are measured.
    private async Task<(Laps Raw, int Rows)> BaselineAsync(DbProvider provider)
    {
        await using var rawDb = await BenchDatabase.CreateAsync(provider, key);
        var prepared = await DemoLoadBench.PrepareAsync(rawDb);
        var raw = provider == DbProvider.Sqlite
            ? await RawDemoWriter.WriteSqliteAsync(rawDb.Target.ConnectionString, prepared.Data, prepared.Batch, prepared.Now)
            : await RawDemoWriter.WritePostgresCopyAsync(rawDb.Target.ConnectionString, prepared.Data, prepared.Batch, prepared.Now);
        return (raw, prepared.Data.Members.Count);
    }

    private static Row MemoryRow(string title, string name, string path, MemoryUse use) =>
        new(title, name, Report.Bytes(use.PeakWorkingSet),
            Note: $"heap after a GC at most {Report.Bytes(use.PeakLiveHeap)} (sampled; with the garbage of older generations not yet collected); file {Report.Bytes(new FileInfo(path).Length)}; " +
                  $"before the import {Report.Bytes(use.WorkingSetBefore)}; allocated {Report.Bytes(use.AllocatedBytes)}" +
                  (use.PeakIsPhaseOnly ? "" : "; process peak since start"));

    /// <summary>Into an empty county with its places: the import, timed, with its memory.</summary>
    private async Task<(ImportRegistry.Result Result, TimeSpan Time, MemoryUse Use)> ImportAsync(DbProvider provider, string path, ImportTimings? timings = null)
    {
        await using var empty = await EmptyCountyAsync(provider, key);
        return await ImportAsync(empty, path, timings);
    }

    /// <summary>
    /// The import of a file through the <see cref="ImportRegistry"/> use case, as the operator, into a database that holds the
    /// file's places: timed, with its memory; it throws unless the whole file was taken.
    /// </summary>
    public static async Task<(ImportRegistry.Result Result, TimeSpan Time, MemoryUse Use)> ImportAsync(BenchDatabase database, string path, ImportTimings? timings = null)
    {
        var import = database.Services(Actor.Operator("bench")).CreateScope().ServiceProvider.GetRequiredService<ImportRegistry>();
        Report.Progress($"{DemoLoadBench.Name(database.Target.Provider)}: importing {Path.GetFileName(path)} …");
        var memory = MemoryUse.Start(sampleHeap: true);
        var (result, time) = await Measure.TimeAsync(async () =>
        {
            await using var file = File.OpenRead(path);
            return await import.HandleAsync(file, path, new ImportRegistry.Options(Timings: timings));
        });
        var use = memory.Stop();
        if (!result.Ok || !result.Stored)
            throw new InvalidOperationException($"The import of {path} did not take the registry: {result.Rows} rows, {result.Errors.Count} errors, first: {result.Errors.FirstOrDefault()}");
        return (result, time, use);
    }

    /// <summary>The header and the first households of a CSV export, whole households up to about <paramref name="rows"/> rows.</summary>
    private static int WriteFirstRows(string source, string target, int rows)
    {
        using var input = File.OpenRead(source);
        using var output = File.Create(target);
        using var writer = new SheetWriter(output, SheetFormat.Csv, "part");
        var written = 0;
        var numberColumn = -1;
        string? last = null;
        foreach (var row in SheetFormats.Read(input, SheetFormat.Csv))
        {
            if (row.Number == 1)
            {
                numberColumn = Array.FindIndex(row.Cells, c => c.Text.Trim() == "户编号");
                writer.WriteRow([.. row.Cells.Select(c => (object?)c.Text)]);
                continue;
            }
            var number = row[numberColumn].Text;
            if (written >= rows && number != last) break;
            last = number;
            writer.WriteRow([.. row.Cells.Select(c => (object?)c.Text)]);
            written++;
        }
        return written;
    }
}
