using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;
using Tuopin.Application.Accounts;
using Tuopin.Application.Demo;
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

        Report.Progress($"counties: loading {counties.Count} synthetic counties of {options.HouseholdsPerCounty:N0} households …");
        var load = await LoadSyntheticCounties.RunAsync(database.Factory, counties, LoadDemo.DefaultSeed,
            new Progress<LoadSyntheticCounties.CountyResult>(c => Report.Progress($"  {c.Code} {c.Name}: {c.Households:N0} hh, {c.People:N0} people, {Report.Seconds(c.Elapsed)} " +
                $"(places {Report.Seconds(c.Places)}, generator {Report.Seconds(c.Generate)}, BulkWriter {Report.Seconds(c.Write)}, populations+audit+commit {Report.Seconds(c.Tail)})")));

        // The baseline: the same generator's rows (same seeds, villages made in memory), raw binary COPY into unindexed tables.
        await using (var connection = new NpgsqlConnection(database.Target.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand("CREATE SCHEMA raw; " + string.Concat(RawTables.Select(t => $"CREATE TABLE raw.{t} (LIKE public.{t} INCLUDING DEFAULTS); ")), connection);
            await create.ExecuteNonQueryAsync();
        }
        var rawConnection = new NpgsqlConnectionStringBuilder(database.Target.ConnectionString) { SearchPath = "raw" }.ConnectionString;
        var generate = TimeSpan.Zero;
        var write = TimeSpan.Zero;
        long rawRows = 0;
        var watch = new Stopwatch();
        foreach (var county in counties)
        {
            watch.Restart();
            var places = Places(county);
            var data = new DemoGenerator(county.Seed, database.Factory.Protector, DateTime.UtcNow, Guid.CreateVersion7(), county.Shape).Generate(places);
            var grams = data.Members.SelectMany(m => NameIndex.Grams(m.Name).Select(g => (Gram: g, m.Id, m.HouseholdId))).ToList();
            generate += watch.Elapsed;
            watch.Restart();
            await RawDemoWriter.WritePostgresCopyAsync(rawConnection, data, Guid.CreateVersion7(), DateTime.UtcNow);
            await using (var connection = new NpgsqlConnection(rawConnection))
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
            write += watch.Elapsed;
            rawRows += data.Groups.Count + data.Households.Count + data.Members.Count + grams.Count + data.Incomes.Count + data.StatusChanges.Count;
        }
        var raw = generate + write;
        var label = $"{counties.Count} synthetic counties × {options.HouseholdsPerCounty:N0} hh ({load.Households:N0} hh, {load.People:N0} people, {load.Rows:N0} rows)";
        TimeSpan Sum(Func<LoadSyntheticCounties.CountyResult, TimeSpan> part) => load.Each.Aggregate(TimeSpan.Zero, (t, c) => t + part(c));
        report.Add(new Row("  counties: load's parts, summed over the counties", db, Report.Seconds(Sum(c => c.Elapsed)),
            Note: $"places (EF) {Report.Seconds(Sum(c => c.Places))}, generator {Report.Seconds(Sum(c => c.Generate))}, BulkWriter {Report.Seconds(Sum(c => c.Write))}, " +
                  $"populations+audit+commit {Report.Seconds(Sum(c => c.Tail))}"));
        report.Add(new Row($"counties: LoadSyntheticCounties, {label}", db, Report.Seconds(load.Elapsed),
            $"{Report.Seconds(raw)} generator + raw COPY", load.Elapsed / raw,
            Note: $"{load.RowsPerSecond:N0} rows/s; per county median {Report.Seconds(Median(load.Each.Select(e => e.Elapsed)))}; raw COPY alone {Report.Seconds(write)} " +
                  $"({rawRows / write.TotalSeconds:N0} rows/s, {rawRows:N0} rows without places/audit), generator alone {Report.Seconds(generate)}"));

        await QueriesAsync(database, counties[^1].Code, db);
        await using (var connection = new NpgsqlConnection(database.Target.ConnectionString))
        {
            await connection.OpenAsync();
            await using var size = new NpgsqlCommand("SELECT pg_database_size(current_database())", connection);
            report.Add(new Row("counties: database size after load (with the raw copies)", db, Report.Bytes((long)(await size.ExecuteScalarAsync())!)));
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

    private static TimeSpan Median(IEnumerable<TimeSpan> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
