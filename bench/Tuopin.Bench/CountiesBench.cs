using System.Data.Common;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;
using Tuopin.Application.Accounts;
using Tuopin.Application.Common;
using Tuopin.Application.Demo;
using Tuopin.Application.Places;
using Tuopin.Application.Plan;
using Tuopin.Application.Registry;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Places;
using Tuopin.Testing;

namespace Tuopin.Bench;

/// <summary>
/// <c>--only counties</c>: N synthetic counties (<see cref="SyntheticCounties"/>) loaded on PostgreSQL by
/// <see cref="LoadSyntheticCounties"/> (places through EF, the registry through BulkWriter's binary COPY into the indexed,
/// constrained tables, name grams, audit), beside the same generator's rows written by a raw binary COPY into plain
/// unindexed copies of the tables (schema <c>raw</c>, <c>CREATE TABLE … (LIKE …)</c>: no keys, indexes or foreign keys)
/// in the same database and run. Then the county overview, the household list and a household page of one county, on
/// the database that now holds all N.
/// </summary>
public sealed class CountiesBench(BenchOptions options, Report report, byte[] key)
{
    private static readonly string[] RawTables =
        ["villages", "village_groups", "households", "members", "member_name_grams", "household_incomes", "household_status_changes", "settings", "audit_entries"];

    /// <summary>The synthetic counties' province (样例省).</summary>
    private const string SyntheticProvince = SyntheticCounties.ProvinceCode + "0000";

    public async Task RunAsync()
    {
        const string db = "PostgreSQL";
        var counties = SyntheticCounties.Describe(options.Counties, LoadDemo.DefaultSeed, options.HouseholdsPerCounty);
        await using var database = await BenchDatabase.CreateAsync(DbProvider.Postgres, key);
        database.Keep = options.KeepDatabase;

        Report.Progress($"counties: loading {counties.Count} synthetic counties of {options.HouseholdsPerCounty:N0} households …");
        var load = await LoadSyntheticCounties.RunAsync(database.Factory, counties, LoadDemo.DefaultSeed,
            new Progress<LoadSyntheticCounties.CountyResult>(c => Report.Progress($"  {c.Code} {c.Name}: {c.Households:N0} hh, {c.People:N0} people, {Report.Seconds(c.Elapsed)} " +
                $"(places {Report.Seconds(c.Places)}, generator {Report.Seconds(c.Generate)}, BulkWriter {Report.Seconds(c.Write)}, populations+audit+commit {Report.Seconds(c.Tail)}); " +
                string.Join(", ", c.Parts.Select(p => $"{p.Name.Trim()} {Report.Seconds(p.Wall)} (cpu {Report.Seconds(p.ClientCpu)} + server {Report.Seconds(p.ServerCpu)})")))),
            deferIndexes: !options.KeepIndexes);
        Report.Progress($"counties: loaded in {Report.Seconds(load.Elapsed)}; plain indexes built at the end: {load.DeferredIndexes} in {Report.Seconds(load.IndexBuild)}; roll-up tallies counted in {Report.Seconds(load.Tally)}");

        // The baselines: the same generator's rows (same seeds, villages made in memory), raw binary COPY into plain copies of the
        // tables (schema raw: no keys, indexes or foreign keys) and into copies with the tables' indexes and unique keys and the
        // foreign keys among the registry's own tables (schema rawidx: `LIKE … INCLUDING ALL`; no foreign keys to the places).
        await using (var connection = new NpgsqlConnection(database.Target.ConnectionString))
        {
            await connection.OpenAsync();
            var sql = "CREATE SCHEMA raw; CREATE SCHEMA rawidx; " + string.Concat(RawTables.Select(t =>
                $"CREATE TABLE raw.{t} (LIKE public.{t} INCLUDING DEFAULTS); " +
                // settings: each county's raw load writes the same keys, so no key there.
                $"CREATE TABLE rawidx.{t} (LIKE public.{t} {(t == "settings" ? "INCLUDING DEFAULTS" : "INCLUDING ALL")}); "));
            await using (var create = new NpgsqlCommand(sql, connection)) await create.ExecuteNonQueryAsync();
            var foreign = new List<string>();
            await using (var keys = new NpgsqlCommand(
                "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE contype = 'f' " +
                "AND connamespace = 'public'::regnamespace AND confrelid::regclass::text IN ('households', 'members', 'village_groups')", connection))
            await using (var reader = await keys.ExecuteReaderAsync())
                while (await reader.ReadAsync())
                    if (RawTables.Contains(reader.GetString(0)))
                        foreign.Add($"ALTER TABLE rawidx.{reader.GetString(0)} ADD CONSTRAINT {reader.GetString(1)} " +
                                    reader.GetString(2).Replace(" REFERENCES ", " REFERENCES rawidx.", StringComparison.Ordinal) + "; ");
            await using (var add = new NpgsqlCommand(string.Concat(foreign), connection)) await add.ExecuteNonQueryAsync();
            Report.Progress(options.IndexedBaseline
                ? $"counties: baselines raw (no indexes) and rawidx (indexes, unique keys, {foreign.Count} foreign keys among the registry's tables)"
                : "counties: baseline raw (no indexes)");
        }
        var generate = TimeSpan.Zero;
        var raw = new Baseline("raw");
        var rawIndexed = new Baseline("rawidx");
        long rawRows = 0;
        var watch = new Stopwatch();
        foreach (var county in counties)
        {
            watch.Restart();
            var places = Places(county);
            var data = new DemoGenerator(county.Seed, database.Factory.Protector, DateTime.UtcNow, Guid.CreateVersion7(), county.Shape).Generate(places);
            var grams = data.Members.SelectMany(m => NameIndex.Grams(m.Name).Select(g => (Gram: g, m.Id, m.HouseholdId))).ToList();
            generate += watch.Elapsed;
            foreach (var baseline in options.IndexedBaseline ? new[] { raw, rawIndexed } : [raw])
            {
                var schema = new NpgsqlConnectionStringBuilder(database.Target.ConnectionString) { SearchPath = baseline.Schema }.ConnectionString;
                watch.Restart();
                var laps = await RawDemoWriter.WritePostgresCopyAsync(schema, data, Guid.CreateVersion7(), DateTime.UtcNow);
                await using (var connection = new NpgsqlConnection(schema))
                {
                    await connection.OpenAsync();
                    await using var w = await connection.BeginBinaryImportAsync("COPY member_name_grams (gram, member_id, household_id) FROM STDIN (FORMAT BINARY)");
                    foreach (var (gram, member, household) in grams)
                    {
                        await w.StartRowAsync();
                        await w.WriteAsync(gram, NpgsqlDbType.Varchar);
                        await w.WriteAsync(member, NpgsqlDbType.Uuid);
                        await w.WriteAsync(household, NpgsqlDbType.Uuid);
                    }
                    await w.CompleteAsync();
                }
                laps.Lap("member_name_grams");
                baseline.Add(watch.Elapsed, laps);
            }
            rawRows += data.Groups.Count + data.Households.Count + data.Members.Count + grams.Count + data.Incomes.Count + data.StatusChanges.Count;
        }
        // Statistics for the raw copies too (untimed), so autovacuum does not start on them during the queries below.
        await using (var connection = new NpgsqlConnection(database.Target.ConnectionString))
        {
            await connection.OpenAsync();
            await using var analyze = new NpgsqlCommand("ANALYZE", connection) { CommandTimeout = 0 };
            await analyze.ExecuteNonQueryAsync();
        }
        var label = $"{counties.Count} synthetic counties × {options.HouseholdsPerCounty:N0} hh ({load.Households:N0} hh, {load.People:N0} people, {load.Rows:N0} rows)";
        TimeSpan Sum(Func<LoadSyntheticCounties.CountyResult, TimeSpan> part) => load.Each.Aggregate(TimeSpan.Zero, (t, c) => t + part(c));
        report.Add(new Row("  counties: load's parts, summed over the counties", db, Report.Seconds(Sum(c => c.Elapsed)),
            Note: $"places (EF) {Report.Seconds(Sum(c => c.Places))}, generator {Report.Seconds(Sum(c => c.Generate))}, BulkWriter {Report.Seconds(Sum(c => c.Write))}, " +
                  $"populations+audit+commit {Report.Seconds(Sum(c => c.Tail))}"));
        foreach (var part in load.Each.SelectMany(c => c.Parts).Select(p => p.Name).Distinct())
        {
            var parts = load.Each.SelectMany(c => c.Parts).Where(p => p.Name == part).ToList();
            TimeSpan Total(Func<LoadSyntheticCounties.Part, TimeSpan> of) => parts.Aggregate(TimeSpan.Zero, (t, p) => t + of(p));
            var raws = $"{raw.Of(part)}{rawIndexed.Of(part)}";
            report.Add(new Row($"    load part: {part}", db, Report.Seconds(Total(p => p.Wall)),
                Note: $"this process's CPU {Report.Seconds(Total(p => p.ClientCpu))}, server's CPU {Report.Seconds(Total(p => p.ServerCpu))}{raws}"));
        }
        var baselineTotal = generate + raw.Total;
        report.Add(new Row("  counties: plain indexes built at the end of the load (in its time)", db, Report.Seconds(load.IndexBuild),
            Note: load.DeferredIndexes > 0 ? $"{load.DeferredIndexes} indexes of the registry's tables" : "none: kept through the load"));
        report.Add(new Row("  counties: the roll-up's tallies counted at the end of the load (in its time)", db, Report.Seconds(load.Tally),
            Note: "CountyTallies.RecountAsync of every loaded county: one grouped pass over their households and villages"));
        report.Add(new Row($"counties: LoadSyntheticCounties, {label}", db, Report.Seconds(load.Elapsed),
            $"{Report.Seconds(baselineTotal)} generator + raw COPY", load.Elapsed / baselineTotal,
            Note: $"{load.RowsPerSecond:N0} rows/s; per county median {Report.Seconds(Median(load.Each.Select(e => e.Elapsed)))}; raw COPY alone {Report.Seconds(raw.Total)} " +
                  $"({rawRows / raw.Total.TotalSeconds:N0} rows/s, {rawRows:N0} rows without places/audit), generator alone {Report.Seconds(generate)}"));
        if (options.IndexedBaseline)
            report.Add(new Row("counties: raw COPY of the same rows into indexed copies of the tables (rawidx)", db, Report.Seconds(rawIndexed.Total),
            $"{Report.Seconds(raw.Total)} unindexed", rawIndexed.Total / raw.Total,
            Note: $"{rawRows / rawIndexed.Total.TotalSeconds:N0} rows/s; the load's writing (BulkWriter, populations, audit, commit) {Report.Seconds(Sum(c => c.Write + c.Tail))}"));

        await QueriesAsync(database, counties[^1].Code, db);
        await RollupAsync(database, db);
        await using (var connection = new NpgsqlConnection(database.Target.ConnectionString))
        {
            await connection.OpenAsync();
            await using var size = new NpgsqlCommand("SELECT pg_database_size(current_database())", connection);
            report.Add(new Row("counties: database size after load (with the raw copies)", db, Report.Bytes((long)(await size.ExecuteScalarAsync())!)));
            await using var app = new NpgsqlCommand(
                "SELECT sum(pg_total_relation_size(c.oid))::bigint FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r'", connection);
            report.Add(new Row("counties: the application's tables (schema public, with indexes and TOAST)", db, Report.Bytes((long)(await app.ExecuteScalarAsync())!)));
            // The raw copies are the bench's, not the application's: a province's database would not hold them, and the import's
            // ANALYZE (of the whole database) would sample them too.
            await using var drop = new NpgsqlCommand("DROP SCHEMA raw CASCADE; DROP SCHEMA rawidx CASCADE", connection) { CommandTimeout = 0 };
            await drop.ExecuteNonQueryAsync();
        }
        await ImportAtSizeAsync(database, db);
    }

    /// <summary>
    /// Issue 18, "a county import unchanged in time": the whole Laifeng registry (the demo load exported to .csv, as the import
    /// bench makes it) imported through <see cref="ImportRegistry"/> as the operator into this database of N synthetic counties,
    /// after Laifeng's places are loaded beside them, against the same import into an empty database with Laifeng's places in the
    /// same run (twice: the first warms the JIT, the second is the baseline). Then the imported county is counted, and the
    /// synthetic province's roll-up is checked to be what it was.
    /// </summary>
    private async Task ImportAtSizeAsync(BenchDatabase database, string db)
    {
        var directory = TestDirectories.New("counties-import");
        var csv = Path.Combine(directory, "laifeng.csv");
        ExportRegistry.Result file;
        Report.Progress("counties: the Laifeng demo load into a database of its own, exported to .csv (the import's file) …");
        var watch = Stopwatch.StartNew();
        await using (var demo = await BenchDatabase.CreateAsync(DbProvider.Postgres, key))
        {
            await LoadDemo.RunAsync(demo.Factory);
            file = await ImportBench.ExportAsync(demo, SheetFormat.Csv, csv);
        }
        report.Add(new Row($"counties: the county's file: the Laifeng demo exported to .csv", db, Report.Bytes(new FileInfo(csv).Length),
            Note: $"{file.Households:N0} households, {file.Members:N0} member rows; demo load and export {Report.Seconds(watch.Elapsed)} (untimed, a database of its own, dropped)"));

        // The baseline: the same file into an empty database with Laifeng's places, twice (JIT cold, then warm).
        var empty = new List<(TimeSpan Time, MemoryUse Use, ImportTimings Timings)>();
        for (var round = 1; round <= 2; round++)
        {
            await using var target = await ImportBench.EmptyCountyAsync(DbProvider.Postgres, key);
            var timings = new ImportTimings();
            var (result, time, use) = await ImportBench.ImportAsync(target, csv, timings);
            if (result.Households != file.Households || result.Rows != file.Members)
                throw new InvalidOperationException($"The import into an empty database took {result.Households} households and {result.Rows} rows, not the file's {file.Households} and {file.Members}");
            empty.Add((time, use, timings));
        }
        var baseline = empty[^1];

        // Laifeng's places beside the synthetic counties, as `tuopin places load` loads them: its codes (422827…, province 42) share
        // nothing with theirs (99PPCC…, province 99).
        var set = CountyDataSet.Laifeng();
        var province = set.County.Code[..2];
        int sharedBefore, households, people;
        TimeSpan placesTime;
        await using (var context = database.Factory.CreateForOperator("bench"))
        {
            sharedBefore = await context.Provinces.CountAsync(p => p.Code.StartsWith(province));
            sharedBefore += await context.Prefectures.CountAsync(p => p.Code.StartsWith(province));
            sharedBefore += await context.Counties.CountAsync(c => c.Code.StartsWith(province));
            sharedBefore += await context.Townships.CountAsync(t => t.Code.StartsWith(province));
            sharedBefore += await context.Villages.CountAsync(v => v.Code.StartsWith(province));
            households = await context.Households.CountAsync();
            people = await context.Members.CountAsync();
            Report.Progress($"counties: loading {set.County.Name}'s places beside the synthetic counties …");
            (_, placesTime) = await Measure.TimeAsync(() => LoadCountyPlaces.RunAsync(context, set));
        }
        report.Add(new Row($"counties: {set.County.Name}'s places loaded beside the {options.Counties} synthetic counties", db, Report.Seconds(placesTime),
            Target: "no code shared", Met: sharedBefore == 0,
            Note: $"LoadCountyPlaces (as tuopin places load): {set.Townships.Count} townships, {set.Villages.Count} villages, its province {province}0000 and prefecture " +
                  $"{set.County.Code[..4]}00 added; places with codes {province}… before: {sharedBefore} (the synthetic ones are 99…)"));

        var before = await ReadRollupAsync(database, SyntheticProvince);
        // The import on the N-county database, as on the empty one.
        var sized = new ImportTimings();
        ImportRegistry.Result? imported = null;
        TimeSpan importTime = default;
        MemoryUse? importUse = null;
        string? failure = null;
        var vacuumBefore = await AutovacuumWorkersAsync(database);
        try
        {
            (imported, importTime, importUse) = await ImportBench.ImportAsync(database, csv, sized);
        }
        catch (Exception e) when (e is InvalidOperationException or DbException or TimeoutException)
        {
            failure = $"{e.GetType().Name}: {e.Message}";
            Report.Progress($"counties: the import on the {options.Counties}-county database failed: {failure}");
        }
        var vacuumAfter = await AutovacuumWorkersAsync(database);
        var label = $"import .csv of {set.County.Name} ({file.Households:N0} hh, {file.Members:N0} rows) into the database of {options.Counties} counties ({households:N0} hh, {people:N0} people)";
        if (imported is null)
            report.Add(new Row($"counties: {label}", db, "failed", $"{Report.Seconds(baseline.Time)} into an empty database", Target: "≤ 1.5 ×", Met: false, Note: failure!));
        else
        {
            var ratio = importTime / baseline.Time;
            report.Add(new Row($"counties: {label}", db, Report.Seconds(importTime), $"{Report.Seconds(baseline.Time)} into an empty database", ratio,
                "≤ 1.5 × (unchanged)", ratio <= 1.5,
                $"process CPU {Report.Seconds(importUse!.Cpu)} (baseline {Report.Seconds(baseline.Use.Cpu)}); biggest parts: here {Biggest(sized)}; empty {Biggest(baseline.Timings)}; " +
                $"autovacuum workers at its start and end {vacuumBefore}/{vacuumAfter}"));
        }
        report.Add(new Row($"counties: import .csv of {set.County.Name} into an empty database with its places (the baseline)", db, Report.Seconds(baseline.Time),
            Note: $"ImportRegistry as the operator, the same file; the second of two, each into a new database: the first (JIT cold) {Report.Seconds(empty[0].Time)}; " +
                  $"process CPU {Report.Seconds(empty[0].Use.Cpu)}, {Report.Seconds(baseline.Use.Cpu)}"));
        foreach (var phase in sized.Phases.Select(p => p.Name).Union(baseline.Timings.Phases.Select(p => p.Name)))
        {
            var here = sized.Phases.FirstOrDefault(p => p.Name == phase)?.Time;
            var there = baseline.Timings.Phases.FirstOrDefault(p => p.Name == phase)?.Time;
            report.Add(new Row($"    import part: {phase}", db, here is { } h ? Report.Seconds(h) : "—", there is { } t ? $"{Report.Seconds(t)} empty" : "",
                here is { } a && there is { } b && b > TimeSpan.Zero ? a / b : null));
        }
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { }

        // The imported county holds the file's households and members; the synthetic province's roll-up is what it was and sums its counties.
        await using (var context = database.Factory.CreateForOperator("bench"))
        {
            var countyId = await context.Counties.Where(c => c.Code == set.County.Code).Select(c => c.Id).SingleAsync();
            var countyHouseholds = await context.Households.CountAsync(h => h.CountyId == countyId);
            var countyMembers = await context.Members.CountAsync(m => m.CountyId == countyId);
            var laifeng = await ReadRollupAsync(database, province + "0000");
            var row = laifeng.Counties.SingleOrDefault(c => c.Code == set.County.Code);
            var same = countyHouseholds == file.Households && countyMembers == file.Members && row?.Figures.Registered.Households == file.Households;
            report.Add(new Row($"counties: {set.County.Name} after the import: households / members", db, $"{countyHouseholds:N0} / {countyMembers:N0}",
                $"{file.Households:N0} / {file.Members:N0} in the file", Target: "= the file's", Met: same,
                Note: $"province {province}0000's roll-up: {laifeng.Total.Registered.Households:N0} hh, {laifeng.Total.Registered.People:N0} people; " +
                      $"{set.County.Name}'s row {row?.Figures.Registered.Households:N0} hh, {row?.Figures.Registered.People:N0} people"));
        }
        var after = await ReadRollupAsync(database, SyntheticProvince);
        var unchanged = JsonSerializer.Serialize(before.Total) == JsonSerializer.Serialize(after.Total) && before.Counties.Count == after.Counties.Count;
        var sums = after.Total.Registered.Households == after.Counties.Sum(c => c.Figures.Registered.Households)
                   && after.Total.Registered.People == after.Counties.Sum(c => c.Figures.Registered.People);
        report.Add(new Row($"counties: roll-up of the province {SyntheticProvince} after {set.County.Name}'s import", db,
            $"{after.Total.Registered.Households:N0} hh, {after.Total.Registered.People:N0} people in {after.Counties.Count} counties",
            $"{before.Total.Registered.Households:N0} hh, {before.Total.Registered.People:N0} people before", Target: "unchanged, = its counties' sum", Met: unchanged && sums,
            Note: $"every figure {(unchanged ? "the same" : "CHANGED")} as before the import; the total {(sums ? "is" : "is NOT")} the sum of its counties' rows"));
    }

    /// <summary>The largest parts of an import (the writer task's, beside the checks, among them), with their times.</summary>
    private static string Biggest(ImportTimings timings) =>
        string.Join(", ", timings.Phases.Where(p => !p.Name.StartsWith(' ')).OrderByDescending(p => p.Time).Take(4).Select(p => $"{p.Name} {Report.Seconds(p.Time)}"));

    /// <summary>A roll-up read as the operator (any area).</summary>
    private static Task<GetRollup.Result> ReadRollupAsync(BenchDatabase database, string area) =>
        database.Services(Actor.Operator("bench")).CreateScope().ServiceProvider.GetRequiredService<GetRollup>().HandleAsync(new GetRollup.Query(area));

    private static async Task<int> AutovacuumWorkersAsync(BenchDatabase database)
    {
        await using var connection = new NpgsqlConnection(database.Target.ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*)::int FROM pg_stat_activity WHERE backend_type = 'autovacuum worker' AND datname = current_database()", connection);
        return (int)(await count.ExecuteScalarAsync())!;
    }

    /// <summary>The county overview, the first page of the household list and one household page, as the county's administrator.</summary>
    private async Task QueriesAsync(BenchDatabase database, string code, string db)
    {
        Guid countyId;
        await using (var context = database.Factory.CreateForOperator("bench"))
            countyId = await context.Counties.Where(c => c.Code == code).Select(c => c.Id).SingleAsync();
        var admin = new Actor(Guid.NewGuid(), "样例县管理员", Role.CountyAdmin, AreaScope.County(countyId));
        var services = database.Services(admin);
        Task<T> Run<T>(Func<IServiceProvider, Task<T>> call)
        {
            var scope = services.CreateScope();
            return call(scope.ServiceProvider);
        }
        var first = await Run(sp => sp.GetRequiredService<ListHouseholds>().HandleAsync(new ListHouseholds.Query()));
        var household = first.Items[0].Id;
        async Task Time(string what, Func<Task> call)
        {
            var cold = await Measure.TimeAsync(call);
            var runs = new List<TimeSpan>();
            for (var i = 0; i < options.Runs; i++) runs.Add(await Measure.TimeAsync(call));
            report.Add(new Row($"counties: {what} of {code} ({options.Counties} counties in the database)", db,
                $"med {Report.Ms(Median(runs).TotalMilliseconds)}", Note: $"first call {Report.Ms(cold.TotalMilliseconds)}; {options.Runs} runs"));
        }
        // The overview is cached until the next write (ADR 0015): its first call is the one that counts.
        await Time("county overview", () => Run(sp => sp.GetRequiredService<CountyOverview>().HandleAsync()));
        await Time("household list, page 1", () => Run(sp => sp.GetRequiredService<ListHouseholds>().HandleAsync(new ListHouseholds.Query())));
        await Time("household list, page 500", () => Run(sp => sp.GetRequiredService<ListHouseholds>().HandleAsync(new ListHouseholds.Query { Page = 500 })));
        await Time("household list, name search 田", () => Run(sp => sp.GetRequiredService<ListHouseholds>().HandleAsync(new ListHouseholds.Query { Name = "田" })));
        await Time("household page", () => Run(sp => sp.GetRequiredService<GetHousehold>().HandleAsync(household)));
    }

    /// <summary>The province's roll-up (ADR 0016) as the synthetic province's official: the first view (recounting every county the load stamped) and warm views.</summary>
    private async Task RollupAsync(BenchDatabase database, string db)
    {
        Guid provinceId;
        await using (var context = database.Factory.CreateForOperator("bench"))
            provinceId = await context.Provinces.Where(p => p.Code == "990000").Select(p => p.Id).SingleAsync();
        var official = new Actor(Guid.NewGuid(), "样例省扶贫办", Role.ProvinceOfficial, AreaScope.Region(AreaLevel.Province, provinceId));
        var services = database.Services(official);
        Task<GetRollup.Result> Run() => services.CreateScope().ServiceProvider.GetRequiredService<GetRollup>().HandleAsync(new GetRollup.Query());
        var (result, cold) = await Measure.TimeAsync(Run);
        var runs = new List<TimeSpan>();
        for (var i = 0; i < options.Runs; i++) runs.Add((await Measure.TimeAsync(Run)).Elapsed);
        report.Add(new Row($"counties: roll-up of the province 990000 ({result.Counties.Count} counties, {result.Total.Registered.Households:N0} hh)", db,
            $"med {Report.Ms(Median(runs).TotalMilliseconds)}", Note: $"first call {Report.Ms(cold.TotalMilliseconds)} (the tallies counted by the load; the process's first roll-up); {options.Runs} runs"));
        // After a write in one county (its stamp bumped, as every save or import of its households does), the next view recounts that county alone.
        var after = new List<TimeSpan>();
        var county = result.Counties[^1].Id;
        for (var i = 0; i < options.Runs; i++)
        {
            await using (var context = database.Factory.CreateForOperator("bench")) await CountyTallies.StampAsync(context, [county]);
            after.Add((await Measure.TimeAsync(Run)).Elapsed);
        }
        report.Add(new Row($"counties: roll-up of the province 990000 after a write in one county", db, $"med {Report.Ms(Median(after).TotalMilliseconds)}",
            Note: $"recounts {result.Counties[^1].Code} ({result.Counties[^1].Figures.Registered.Households:N0} hh) and sums the rest; {options.Runs} runs, max {Report.Ms(after.Max().TotalMilliseconds)}"));
    }

    /// <summary>The county's villages as the generator wants them, with fresh ids: the raw tables have no foreign keys.</summary>
    private static List<DemoGenerator.Place> Places(SyntheticCounties.County county)
    {
        var countyId = Guid.CreateVersion7();
        var townships = county.Places.Townships.ToDictionary(t => t.Code, t => (Id: Guid.CreateVersion7(), t.Name));
        var poor = county.Places.PoorVillages.SelectMany(p => p.Value.Select(n => (n, p.Key))).ToDictionary(p => p.n, p => p.Key);
        return county.Places.Villages.Select(v =>
        {
            var year = poor.TryGetValue($"{v.TownshipName}/{v.Name}", out var y) ? y : (int?)null;
            return new DemoGenerator.Place(Guid.CreateVersion7(), townships[v.TownshipCode].Id, countyId, v.Code, v.TownshipName,
                v.IsCommunity ? VillageKind.Community : VillageKind.Village, year is not null, year);
        }).ToList();
    }

    /// <summary>A raw COPY's time per county summed, and per table.</summary>
    private sealed class Baseline(string schema)
    {
        private readonly Dictionary<string, TimeSpan> _tables = [];

        public string Schema => schema;

        public TimeSpan Total { get; private set; }

        public void Add(TimeSpan elapsed, Laps laps)
        {
            Total += elapsed;
            foreach (var (name, time) in laps.Items) _tables[name] = _tables.GetValueOrDefault(name) + time;
        }

        public string Of(string part) => _tables.TryGetValue(part, out var time) ? $"; {schema} COPY {Report.Seconds(time)}" : "";
    }

    private static TimeSpan Median(IEnumerable<TimeSpan> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
