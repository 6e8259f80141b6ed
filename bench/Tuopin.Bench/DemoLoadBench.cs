using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Demo;
using Tuopin.Application.Places;
using Tuopin.Application.Storage;
using Tuopin.Domain.Registry;

namespace Tuopin.Bench;

/// <summary>
/// Measurements 1 and 4: LoadDemo into an empty database, against the same generator's rows written
/// by hand (<see cref="RawDemoWriter"/>) into another; the generator's own time; allocations and peak
/// working set of both. With full repetitions also a phase-by-phase replica of LoadDemo, to show where
/// its time goes.
/// </summary>
public sealed class DemoLoadBench(BenchOptions options, Report report, byte[] key)
{
    private static readonly TimeSpan Target = TimeSpan.FromSeconds(20);

    /// <summary>A generated data set for the places of one database, and the times it took.</summary>
    public sealed record Prepared(DemoGenerator.Data Data, Guid Batch, DateTime Now, TimeSpan Places, TimeSpan Generate);

    /// <summary>One round: LoadDemo into one empty database, then the baseline into another.</summary>
    private sealed record Round(TimeSpan Demo, Prepared Baseline, Laps Write, MemoryUse DemoMemory, MemoryUse BaselineMemory)
    {
        public TimeSpan BaselineTotal => Baseline.Places + Baseline.Generate + Write.Total;
    }

    /// <summary>
    /// Runs the load measurements, <see cref="BenchOptions.LoadRounds"/> rounds of LoadDemo then its
    /// baseline; returns the database the first LoadDemo filled, for the query measurements.
    /// </summary>
    public async Task<BenchDatabase> RunAsync(DbProvider provider)
    {
        var name = Name(provider);
        BenchDatabase? kept = null;
        try
        {
            var rounds = new List<Round>();
            for (var r = 1; r <= options.LoadRounds; r++)
            {
                var demo = await BenchDatabase.CreateAsync(provider, key);
                if (r == 1) kept = demo;
                try
                {
                    rounds.Add(await RoundAsync(provider, demo, r));
                }
                finally
                {
                    if (r > 1) await demo.DisposeAsync();
                }
            }
            AddRows(provider, rounds);
            if (!options.Quick)
            {
                await PhasesAsync(provider, rounds[^1].Write);
                if (provider == DbProvider.Postgres) await PostgresInsertsAsync(Median(rounds.Skip(1).Select(r => r.Demo)));
            }
            return kept!;
        }
        catch
        {
            if (kept is not null) await kept.DisposeAsync();
            throw;
        }
    }

    private async Task<Round> RoundAsync(DbProvider provider, BenchDatabase demo, int number)
    {
        var name = Name(provider);
        await using var baseline = await BenchDatabase.CreateAsync(provider, key);

        // LoadDemo, exactly as the CLI and the web app call it.
        Report.Progress($"{name}: round {number}/{options.LoadRounds}: LoadDemo.RunAsync …");
        var demoMemory = MemoryUse.Start();
        var (result, demoTime) = await Measure.TimeAsync(() => LoadDemo.RunAsync(demo.Factory));
        var demoUse = demoMemory.Stop();
        if (result.Households != DemoPlan.Households || result.People != DemoPlan.People)
            throw new InvalidOperationException($"LoadDemo wrote {result.Households} households and {result.People} people, not the plan's {DemoPlan.Households} and {DemoPlan.People}");

        // The baseline: places as LoadDemo loads them, the generator, then hand-written ADO.NET.
        Report.Progress($"{name}: round {number}/{options.LoadRounds}: baseline (places, generator, raw ADO.NET) …");
        var baseMemory = MemoryUse.Start();
        var prepared = await PrepareAsync(baseline);
        var write = provider == DbProvider.Sqlite
            ? await RawDemoWriter.WriteSqliteAsync(baseline.Target.ConnectionString, prepared.Data, prepared.Batch, prepared.Now)
            : await RawDemoWriter.WritePostgresCopyAsync(baseline.Target.ConnectionString, prepared.Data, prepared.Batch, prepared.Now);
        var baseUse = baseMemory.Stop();
        if (number == 1) await VerifySameRowsAsync(demo, baseline);
        return new Round(demoTime, prepared, write, demoUse, baseUse);
    }

    private void AddRows(DbProvider provider, List<Round> rounds)
    {
        var name = Name(provider);
        var first = rounds[0];
        report.Add(new Row($"1 demo load, first run: LoadDemo.RunAsync ({DemoPlan.Households:N0} hh, {DemoPlan.People:N0} people)", name,
            Report.Seconds(first.Demo), $"{Report.Seconds(first.BaselineTotal)} places+generator+raw ADO.NET", first.Demo / first.BaselineTotal,
            "< 20 s", first.Demo < Target,
            (provider == DbProvider.Sqlite ? "JIT cold, as `tuopin demo` runs it" : "Npgsql paths cold; the rest warm from the SQLite runs") +
            $"; {Cpu(first.DemoMemory.Cpu, first.BaselineMemory.Cpu, provider)}"));

        // Warm rounds when there are, else the first.
        var warm = rounds.Count > 1 ? rounds.Skip(1).ToList() : rounds;
        var demo = Median(warm.Select(r => r.Demo));
        var baseline = Median(warm.Select(r => r.BaselineTotal));
        var generate = Median(warm.Select(r => r.Baseline.Generate));
        var places = Median(warm.Select(r => r.Baseline.Places));
        var write = Median(warm.Select(r => r.Write.Total));
        if (rounds.Count > 1)
            report.Add(new Row($"1 demo load, warm: median of {warm.Count} runs", name, Report.Seconds(demo),
                $"{Report.Seconds(baseline)} places+generator+raw ADO.NET", demo / baseline, "< 20 s", demo < Target,
                $"runs {string.Join(" / ", warm.Select(r => Report.Seconds(r.Demo)))} vs {string.Join(" / ", warm.Select(r => Report.Seconds(r.BaselineTotal)))}; " +
                Cpu(Median(warm.Select(r => r.DemoMemory.Cpu)), Median(warm.Select(r => r.BaselineMemory.Cpu)), provider)));
        var technique = provider == DbProvider.Sqlite ? "prepared INSERTs, 1 tx" : "binary COPY, 1 tx";
        report.Add(new Row("  baseline part: county places (EF, as LoadDemo)", name, Report.Seconds(places)));
        report.Add(new Row("  baseline part: DemoGenerator.Generate alone", name, Report.Seconds(generate),
            Note: $"{Share(generate, demo)} of LoadDemo's time{(rounds.Count > 1 ? $"; first run {Report.Seconds(first.Baseline.Generate)}" : "")}"));
        report.Add(new Row("  baseline part: raw ADO.NET write alone", name, Report.Seconds(write), Note: technique));
        report.Add(new Row("  LoadDemo minus generator", name, Report.Seconds(demo - generate),
            $"{Report.Seconds(places + write)} places+raw write", (demo - generate) / (places + write), Note: "the writing side alone"));

        var demoUse = first.DemoMemory;
        var baseUse = first.BaselineMemory;
        report.Add(new Row("4 demo load: GC allocated bytes (first run)", name, Report.Bytes(demoUse.AllocatedBytes),
            $"{Report.Bytes(baseUse.AllocatedBytes)} places+generator+raw", (double)demoUse.AllocatedBytes / baseUse.AllocatedBytes));
        report.Add(new Row("4 demo load: peak working set (first run)", name, Report.Bytes(demoUse.PeakWorkingSet),
            $"{Report.Bytes(baseUse.PeakWorkingSet)} places+generator+raw", (double)demoUse.PeakWorkingSet / baseUse.PeakWorkingSet,
            Note: demoUse.PeakIsPhaseOnly
                ? $"peak during the load; working set before it {Report.Bytes(demoUse.WorkingSetBefore)} / {Report.Bytes(baseUse.WorkingSetBefore)}"
                : "process peak since start (could not reset it)"));
    }

    private static string Cpu(TimeSpan demo, TimeSpan baseline, DbProvider provider) =>
        $"process CPU {Report.Seconds(demo)} vs {Report.Seconds(baseline)}{(provider == DbProvider.Postgres ? " (client side only)" : "")}";

    private static TimeSpan Median(IEnumerable<TimeSpan> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    public static string Name(DbProvider provider) => provider == DbProvider.Sqlite ? "SQLite" : "PostgreSQL";

    private static string Share(TimeSpan part, TimeSpan whole) => $"{part / whole * 100:0}%";

    /// <summary>County places through EF (the same call LoadDemo makes), then the generator over them, each timed.</summary>
    public static async Task<Prepared> PrepareAsync(BenchDatabase database)
    {
        var watch = Stopwatch.StartNew();
        List<DemoGenerator.Place> villages;
        await using (var db = database.Factory.CreateForOperator("bench"))
        {
            await LoadCountyPlaces.RunAsync(db, CountyDataSet.Laifeng());
            villages = await ReadPlacesAsync(db);
        }
        var places = watch.Elapsed;
        var now = database.Factory.Clock.GetUtcNow().UtcDateTime;
        var batch = Guid.CreateVersion7();
        watch.Restart();
        var data = new DemoGenerator(LoadDemo.DefaultSeed, database.Factory.Protector, now, batch).Generate(villages);
        return new Prepared(data, batch, now, places, watch.Elapsed);
    }

    /// <summary>The same projection LoadDemo hands the generator.</summary>
    public static Task<List<DemoGenerator.Place>> ReadPlacesAsync(TuopinDb db) => db.Villages.AsNoTracking()
        .Select(v => new DemoGenerator.Place(v.Id, v.TownshipId, v.CountyId, v.Code, v.Township!.Name, v.Kind, v.IsPoor, v.PlannedExitYear))
        .ToListAsync();

    /// <summary>Both databases must hold the same numbers of rows, and the same money, or the comparison means nothing.</summary>
    private static async Task VerifySameRowsAsync(BenchDatabase a, BenchDatabase b)
    {
        var left = await FingerprintAsync(a);
        var right = await FingerprintAsync(b);
        if (left != right) throw new InvalidOperationException($"The baseline wrote other rows than LoadDemo: {left} vs {right}");
    }

    private static async Task<string> FingerprintAsync(BenchDatabase database)
    {
        await using var db = database.Factory.CreateForOperator("bench");
        var incomes = await db.Incomes.Select(i => i.Wage).ToListAsync();
        return string.Join(", ",
            $"households {await db.Households.CountAsync()}",
            $"members {await db.Members.CountAsync()}",
            $"incomes {await db.Incomes.CountAsync()}",
            $"status changes {await db.StatusChanges.CountAsync()}",
            $"groups {await db.VillageGroups.CountAsync()}",
            $"populations {await db.Villages.Where(v => v.RegisteredPopulation != null).SumAsync(v => v.RegisteredPopulation)}",
            $"exited 2015 {await db.Households.CountAsync(h => h.ExitYear == 2015)}",
            $"wages {incomes.Sum(w => w.Fen)}",
            $"settings {await db.Settings.CountAsync()}",
            // Settings are audited one entry each (who set the work year and the data-set mark); the raw baseline writes them unaudited.
            $"audit {await db.AuditEntries.CountAsync(a => a.EntityType != "Setting")}");
    }

    /// <summary>
    /// LoadDemo's steps one by one, with the same public calls it makes (LoadCountyPlaces, the generator,
    /// BulkWriter per table, one UPDATE per village, SaveChanges), beside the raw writer's time for the
    /// same table, to show where LoadDemo's time goes. A replica: if LoadDemo changes, this has to follow.
    /// </summary>
    private async Task PhasesAsync(DbProvider provider, Laps raw)
    {
        var name = Name(provider);
        Report.Progress($"{name}: LoadDemo phases (replica) …");
        await using var database = await BenchDatabase.CreateAsync(provider, key);
        var factory = database.Factory;
        var laps = new Laps();
        var notes = new Dictionary<string, string>();

        await using var db = factory.CreateForOperator("demo");
        _ = await db.Households.AnyAsync() || await db.Counties.AnyAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        laps.Lap("open, empty check, begin");
        await LoadCountyPlaces.RunAsync(db, CountyDataSet.Laifeng());
        var villages = await ReadPlacesAsync(db);
        laps.Lap("county places (EF SaveChanges, audited)");
        var data = new DemoGenerator(LoadDemo.DefaultSeed, factory.Protector, factory.Clock.GetUtcNow().UtcDateTime, Guid.CreateVersion7()).Generate(villages);
        laps.Lap("DemoGenerator.Generate");
        await BulkWriter.InsertAsync(db, data.Groups);
        laps.Lap("village_groups");
        await BulkWriter.InsertAsync(db, data.Households);
        laps.Lap("households");
        await BulkWriter.InsertAsync(db, data.Members);
        laps.Lap("members");
        await BulkWriter.InsertAsync(db, data.Incomes);
        laps.Lap("household_incomes");
        await BulkWriter.InsertAsync(db, data.StatusChanges);
        laps.Lap("household_status_changes");
        foreach (var (villageId, population) in data.Populations)
            await db.Villages.Where(v => v.Id == villageId).ExecuteUpdateAsync(s => s.SetProperty(v => v.RegisteredPopulation, population));
        laps.Lap("village populations (ExecuteUpdate each)");
        db.Settings.Add(new Setting { Key = RawDemoWriter.WorkYearKey, Value = DemoPlan.WorkYear.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        db.Settings.Add(new Setting { Key = LoadDemo.DataSetKey, Value = "laifeng-demo (replica)" });
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        laps.Lap("setting, audit entry, commit");
        await db.Database.ExecuteSqlRawAsync("ANALYZE");
        laps.Lap("ANALYZE");

        var rows = new Dictionary<string, int>
        {
            ["village_groups"] = data.Groups.Count,
            ["households"] = data.Households.Count,
            ["members"] = data.Members.Count,
            ["household_incomes"] = data.Incomes.Count,
            ["household_status_changes"] = data.StatusChanges.Count,
        };
        foreach (var (phase, time) in laps.Items)
        {
            var share = Share(time, laps.Total);
            if (rows.TryGetValue(phase, out var count))
                report.Add(new Row($"  LoadDemo phase: BulkWriter {phase}", name, Report.Seconds(time), $"{Report.Seconds(raw[phase])} raw", time / raw[phase],
                    Note: $"{share}; {count:N0} rows"));
            else if (phase == "setting, audit entry, commit")
            {
                var tail = raw["populations, setting, audit, commit"];
                report.Add(new Row($"  LoadDemo phase: {phase}", name, Report.Seconds(time), $"{Report.Seconds(tail)} raw, with populations", time / tail, Note: share));
            }
            else
                report.Add(new Row($"  LoadDemo phase: {phase}", name, Report.Seconds(time), Note: share));
        }
        var generate = laps["DemoGenerator.Generate"];
        report.Add(new Row("  LoadDemo phases: total of the replica", name, Report.Seconds(laps.Total),
            $"{Report.Seconds(raw.Total + generate)} raw write + same generation", laps.Total / (raw.Total + generate),
            Note: "the replica runs warm, after the rounds"));
        if (provider == DbProvider.Sqlite) ProtectionCost(data, factory.Protector, laps["DemoGenerator.Generate"]);
    }

    /// <summary>
    /// What the generator spends on personal-data protection: as many Protect (AES-GCM, a new AesGcm
    /// each call) and Index (HMAC) calls as it makes, and the same encryptions with one reused AesGcm.
    /// </summary>
    private void ProtectionCost(DemoGenerator.Data data, IPersonalDataProtector protector, TimeSpan generator)
    {
        var protects = data.Members.Count + data.Households.Count(h => h.PhoneCipher is not null);
        const string id = "42282719800101123X";
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < protects; i++) _ = protector.Protect(id);
        var protect = watch.Elapsed;
        watch.Restart();
        for (var i = 0; i < data.Members.Count; i++) _ = protector.Index(id);
        var index = watch.Elapsed;

        watch.Restart();
        var plain = System.Text.Encoding.UTF8.GetBytes(id);
        using (var aes = new System.Security.Cryptography.AesGcm(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32), 16))
        {
            var output = new byte[1 + 12 + plain.Length + 16];
            for (var i = 0; i < protects; i++)
            {
                System.Security.Cryptography.RandomNumberGenerator.Fill(output.AsSpan(1, 12));
                aes.Encrypt(output.AsSpan(1, 12), plain, output.AsSpan(13, plain.Length), output.AsSpan(13 + plain.Length, 16));
                _ = Convert.ToBase64String(output);
            }
        }
        var reused = watch.Elapsed;
        report.Add(new Row($"  generator part: Protect x{protects:N0} + Index x{data.Members.Count:N0}", "SQLite", Report.Seconds(protect + index),
            Note: $"{Share(protect + index, generator)} of the generator; Protect {Report.Seconds(protect)}, Index {Report.Seconds(index)}; " +
                  $"the same encryptions with one reused AesGcm {Report.Seconds(reused)}"));
    }

    /// <summary>The plainer PostgreSQL baseline: one prepared INSERT per row, one transaction.</summary>
    private async Task PostgresInsertsAsync(TimeSpan demoTime)
    {
        Report.Progress("PostgreSQL: baseline with prepared INSERTs …");
        await using var database = await BenchDatabase.CreateAsync(DbProvider.Postgres, key);
        var prepared = await PrepareAsync(database);
        var write = await RawDemoWriter.WritePostgresInsertsAsync(database.Target.ConnectionString, prepared.Data, prepared.Batch, prepared.Now);
        var total = prepared.Places + prepared.Generate + write.Total;
        report.Add(new Row("  alt. baseline: prepared INSERT per row (Npgsql)", "PostgreSQL", Report.Seconds(demoTime),
            $"{Report.Seconds(total)} places+generator+INSERTs", demoTime / total, Note: $"warm LoadDemo vs this; raw write alone {Report.Seconds(write.Total)}"));
    }
}
