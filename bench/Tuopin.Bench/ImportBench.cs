using Microsoft.Extensions.DependencyInjection;
using Tuopin.Application.Accounts;
using Tuopin.Application.Import;
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
            var (_, exportTime) = await Measure.TimeAsync(async () =>
            {
                await using var file = File.Create(path);
                return await demo.Services(Actor.Operator("bench")).CreateScope().ServiceProvider.GetRequiredService<ExportRegistry>()
                    .HandleAsync(new ListHouseholds.Query(), format, file);
            });
            files[format] = path;
            report.Add(new Row($"5 export registry to .{format.ToString().ToLowerInvariant()}", name, Report.Seconds(exportTime),
                Note: $"{Report.Bytes(new FileInfo(path).Length)} file"));
        }

        // The baseline: the same households, members, incomes and history rows, hand-written ADO.NET in one transaction.
        Report.Progress($"{name}: baseline: raw bulk insert of the demo rows …");
        await using var rawDb = await BenchDatabase.CreateAsync(provider, key);
        var prepared = await DemoLoadBench.PrepareAsync(rawDb);
        var raw = provider == DbProvider.Sqlite
            ? await RawDemoWriter.WriteSqliteAsync(rawDb.Target.ConnectionString, prepared.Data, prepared.Batch, prepared.Now)
            : await RawDemoWriter.WritePostgresCopyAsync(rawDb.Target.ConnectionString, prepared.Data, prepared.Batch, prepared.Now);
        var rows = prepared.Data.Members.Count;
        var rawRate = rows / raw.Total.TotalSeconds;

        foreach (var (format, path) in files)
        {
            await using var empty = await BenchDatabase.CreateAsync(provider, key);
            await using (var db = empty.Factory.CreateForOperator("bench"))
                await LoadCountyPlaces.RunAsync(db, CountyDataSet.Laifeng());
            var import = empty.Services(Actor.Operator("bench")).CreateScope().ServiceProvider.GetRequiredService<ImportRegistry>();
            Report.Progress($"{name}: importing {Path.GetFileName(path)} …");
            var memory = MemoryUse.Start();
            var (result, time) = await Measure.TimeAsync(async () =>
            {
                await using var file = File.OpenRead(path);
                return await import.HandleAsync(file, path, new ImportRegistry.Options());
            });
            var use = memory.Stop();
            if (!result.Ok || result.Rows != rows)
                throw new InvalidOperationException($"The import of {path} did not take the registry: {result.Rows} rows, {result.Errors.Count} errors, first: {result.Errors.FirstOrDefault()}");
            var rate = rows / time.TotalSeconds;
            var ext = format.ToString().ToLowerInvariant();
            report.Add(new Row($"5 import .{ext} ({rows:N0} member rows, validation included)", name, $"{Report.Seconds(time)} = {rate:N0} rows/s",
                $"{Report.Seconds(raw.Total)} = {rawRate:N0} rows/s raw bulk insert", time / raw.Total, "≤ 10 s", time <= Target,
                $"process CPU {Report.Seconds(use.Cpu)}"));
            report.Add(new Row($"5 import .{ext}: peak working set", name, Report.Bytes(use.PeakWorkingSet),
                Note: $"file {Report.Bytes(new FileInfo(path).Length)}; before the import {Report.Bytes(use.WorkingSetBefore)}; allocated {Report.Bytes(use.AllocatedBytes)}" +
                      (use.PeakIsPhaseOnly ? "" : "; process peak since start")));
            foreach (var phase in result.Phases)
                report.Add(new Row($"5 import .{ext} part: {phase.Name}", name, Report.Seconds(phase.Time)));
        }
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
    }
}
