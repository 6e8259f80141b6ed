using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Tuopin.Application.Accounts;
using Tuopin.Application.Plan;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;

namespace Tuopin.Bench;

/// <summary>
/// Measurement 4: progress against the plan for the whole county (GetProgress, the data of the progress
/// page and the dashboard), as the county administrator calls it in-process, beside the raw SQL of the same
/// aggregates (the plan in force, households grouped by village, status and exit year, and the places)
/// through plain ADO.NET, in the same run.
/// </summary>
public sealed class ProgressBench(BenchOptions options, Report report)
{
    private const double TargetMs = 200;

    public async Task RunAsync(BenchDatabase demo, DbProvider provider)
    {
        var name = DemoLoadBench.Name(provider);
        Guid countyId;
        await using (var db = demo.Factory.CreateForOperator("bench"))
        {
            // The plan is loaded as `tuopin demo` and first start do, after the demo data set.
            await LoadPlan.EnsureBuiltInAsync(db);
            countyId = await db.Counties.Select(c => c.Id).SingleAsync();
        }
        var admin = new Actor(Guid.NewGuid(), "县管理员", Role.CountyAdmin, AreaScope.County(countyId));
        using var scope = demo.Services(admin).CreateScope();
        var progress = scope.ServiceProvider.GetRequiredService<GetProgress>();
        var raw = new RawProgress(demo.Target, countyId);

        Report.Progress($"{name}: progress …");
        var query = new GetProgress.Query(2017);
        var ef = await progress.HandleAsync(query);
        var plain = await raw.RunAsync(2017);
        if (ef.County.Remaining.Households != plain.RemainingHouseholds || ef.County.Remaining.People != plain.RemainingPeople || ef.Villages.Count != plain.Villages)
            throw new InvalidOperationException($"GetProgress and its baseline disagree: {ef.County.Remaining} vs {plain}");

        var (s, b) = await Measure.PairAsync(() => progress.HandleAsync(query), () => raw.RunAsync(2017), options.Warmups, options.Runs);
        report.Add(new Row("4 progress: GetProgress, whole county, 2017", name, Report.MedianP95(s), $"{Report.MedianP95(b)} raw SQL", s.Median / b.Median,
            "< 200 ms (median)", s.Median < TargetMs,
            $"{options.Runs} runs; {ef.Townships.Count} townships, {ef.Zones.Count} zones, {ef.Villages.Count} villages, {ef.Alerts.Count} alerts; CPU/call {Report.Ms(s.CpuMean)} vs {Report.Ms(b.CpuMean)}"));
    }

    /// <summary>The same aggregates by hand: plan document, one GROUP BY over households, the places.</summary>
    private sealed class RawProgress(DbTarget target, Guid countyId)
    {
        public sealed record Totals(int RemainingHouseholds, int RemainingPeople, int Villages, int PlanLength);

        private bool Sqlite => target.Provider == DbProvider.Sqlite;

        public async Task<Totals> RunAsync(int year)
        {
            await using DbConnection connection = Sqlite ? new SqliteConnection(target.ConnectionString) : new NpgsqlConnection(target.ConnectionString);
            await connection.OpenAsync();
            object county = Sqlite ? countyId.ToString().ToUpperInvariant() : countyId;
            string document;
            await using (var command = Command(connection, "SELECT document FROM plan_versions WHERE county_id = @county ORDER BY version DESC LIMIT 1", county))
                document = (string)(await command.ExecuteScalarAsync())!;
            var plan = PlanDocument.Parse(document);

            int remainingHouseholds = 0, remainingPeople = 0;
            var byVillage = new Dictionary<Guid, (int Households, int People)>();
            await using (var command = Command(connection,
                "SELECT village_id, status, exit_year, COUNT(*), SUM(size) FROM households WHERE county_id = @county AND status <> 4 GROUP BY village_id, status, exit_year", county))
            await using (var reader = await command.ExecuteReaderAsync())
                while (await reader.ReadAsync())
                {
                    var status = reader.GetInt32(1);
                    int? exitYear = reader.IsDBNull(2) ? null : reader.GetInt32(2);
                    var (households, people) = (reader.GetInt32(3), reader.GetInt32(4));
                    var village = reader.GetGuid(0);
                    byVillage[village] = byVillage.TryGetValue(village, out var v) ? (v.Households + households, v.People + people) : (households, people);
                    if (status is 1 or 3 || (status == 2 && (exitYear is null || exitYear > year)))
                    {
                        remainingHouseholds += households;
                        remainingPeople += people;
                    }
                }
            var villages = 0;
            await using (var command = Command(connection,
                "SELECT id, township_id, zone_id, is_poor, planned_exit_year, registered_population, name FROM villages WHERE county_id = @county ORDER BY code", county))
            await using (var reader = await command.ExecuteReaderAsync())
                while (await reader.ReadAsync()) villages++;
            await using (var command = Command(connection, "SELECT id, name, planned_exit_year FROM townships WHERE county_id = @county ORDER BY code", county))
            await using (var reader = await command.ExecuteReaderAsync())
                while (await reader.ReadAsync()) { }
            await using (var command = Command(connection, "SELECT id, name FROM zones WHERE county_id = @county ORDER BY \"order\"", county))
            await using (var reader = await command.ExecuteReaderAsync())
                while (await reader.ReadAsync()) { }
            return new Totals(remainingHouseholds, remainingPeople, villages, plan.Years.Count);
        }

        private static DbCommand Command(DbConnection connection, string sql, object county)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@county";
            parameter.Value = county;
            command.Parameters.Add(parameter);
            return command;
        }
    }
}
