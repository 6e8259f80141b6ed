using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;
using Tuopin.Application.Accounts;
using Tuopin.Application.Demo;
using Tuopin.Application.Plan;
using Tuopin.Application.Registry;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Places;

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
        }
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
