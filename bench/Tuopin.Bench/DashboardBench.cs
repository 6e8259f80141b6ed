using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Tuopin.Application.Accounts;
using Tuopin.Application.Conditions;
using Tuopin.Application.Plan;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;

namespace Tuopin.Bench;

/// <summary>
/// Measurement 5: the progress dashboard's data for the whole county (GetDashboard: progress against
/// the plan and village-condition coverage), as the county administrator's page asks for it, beside
/// hand-written SQL of the same aggregates (households by village, status and exit year; the places;
/// the plan in force; condition sums by year, township and zone), in the same run. Loads the demo's
/// village conditions and the built-in plan first (the steps the CLI runs after LoadDemo).
/// </summary>
public sealed class DashboardBench(BenchOptions options, Report report)
{
    private const double TargetMs = 200;

    public async Task RunAsync(BenchDatabase demo, DbProvider provider)
    {
        var name = DemoLoadBench.Name(provider);
        Report.Progress($"{name}: dashboard: loading demo conditions and the plan …");
        await LoadDemoConditions.RunAsync(demo.Factory);
        await using (var db = demo.Factory.CreateForOperator("bench")) await LoadPlan.EnsureBuiltInAsync(db);
        Guid countyId;
        await using (var db = demo.Factory.CreateForOperator("bench"))
        {
            countyId = await db.Counties.Select(c => c.Id).SingleAsync();
            await db.Database.ExecuteSqlRawAsync("ANALYZE");
        }
        var admin = new Actor(Guid.NewGuid(), "县管理员", Role.CountyAdmin, AreaScope.County(countyId));
        using var scope = demo.Services(admin).CreateScope();
        var dashboard = scope.ServiceProvider.GetRequiredService<GetDashboard>();
        var raw = new RawDashboard(demo.Target, countyId);

        var ef = await dashboard.HandleAsync(new GetDashboard.Query(2017));
        var plain = await raw.RunAsync(2017);
        if (ef.Progress.County.Registered.Households != plain.Households || ef.Coverage.Area.Reported != plain.ReportedVillages
            || ef.Coverage.Area.Rates.Single(r => r.Code == "piped_water").Reached != plain.PipedWater)
            throw new InvalidOperationException($"The dashboard and its baseline disagree: {ef.Progress.County.Registered.Households}/{ef.Coverage.Area.Reported} vs {plain}");

        Report.Progress($"{name}: dashboard …");
        var (s, b) = await Measure.PairAsync(() => dashboard.HandleAsync(new GetDashboard.Query(2017)), () => raw.RunAsync(2017), options.Warmups, options.Runs);
        report.Add(new Row("5 dashboard: GetDashboard.HandleAsync (progress + conditions, county, 2017)", name, Report.MedianP95(s), $"{Report.MedianP95(b)} raw SQL",
            s.Median / b.Median, "< 200 ms (median)", s.Median < TargetMs, $"{options.Runs} runs; CPU/call {Report.Ms(s.CpuMean)} vs {Report.Ms(b.CpuMean)}"));
    }
}

/// <summary>The dashboard's aggregates in hand-written SQL over plain ADO.NET, restricted to the county.</summary>
public sealed class RawDashboard(DbTarget target, Guid countyId)
{
    public sealed record Totals(int Households, int ReportedVillages, long PipedWater);

    private bool Sqlite => target.Provider == DbProvider.Sqlite;

    public async Task<Totals> RunAsync(int year)
    {
        await using DbConnection connection = Sqlite ? new SqliteConnection(target.ConnectionString) : new NpgsqlConnection(target.ConnectionString);
        await connection.OpenAsync();
        object county = Sqlite ? countyId.ToString().ToUpperInvariant() : countyId;
        var households = 0;
        await ReadAsync(connection, "SELECT village_id, status, exit_year, COUNT(*), SUM(size) FROM households WHERE county_id = @county AND status <> 4 GROUP BY village_id, status, exit_year",
            county, null, r => households += r.GetInt32(3));
        await ReadAsync(connection, "SELECT id, name, township_id, zone_id, is_poor, planned_exit_year, registered_population FROM villages WHERE county_id = @county ORDER BY code", county, null, _ => { });
        await ReadAsync(connection, "SELECT id, name, planned_exit_year FROM townships WHERE county_id = @county ORDER BY code", county, null, _ => { });
        await ReadAsync(connection, "SELECT id, name FROM zones WHERE county_id = @county ORDER BY \"order\"", county, null, _ => { });
        string? plan = null;
        await ReadAsync(connection, "SELECT document FROM plan_versions WHERE county_id = @county ORDER BY version DESC LIMIT 1", county, null, r => plan = r.GetString(0));
        if (plan is not null) _ = PlanDocument.Parse(plan);
        await ReadAsync(connection, "SELECT key, value FROM settings WHERE key = 'work_year'", county, null, _ => { });
        var reported = 0;
        long piped = 0;
        await ReadAsync(connection,
            "SELECT c.year, c.township_id, v.zone_id, COUNT(*), " +
            "SUM(CASE WHEN c.hardened_road THEN 1 ELSE 0 END), SUM(CASE WHEN c.bus_service THEN 1 ELSE 0 END), SUM(c.natural_villages), SUM(c.natural_villages_with_road), " +
            "SUM(c.natural_villages_with_power), SUM(c.households), SUM(c.piped_water_households), SUM(c.safe_water_households), SUM(c.electricity_households), " +
            "SUM(c.radio_tv_households), SUM(CASE WHEN c.broadband THEN 1 ELSE 0 END), SUM(CASE WHEN c.mobile_signal THEN 1 ELSE 0 END), " +
            "SUM(CASE WHEN c.school_or_kindergarten THEN 1 ELSE 0 END), SUM(CASE WHEN c.clinic THEN 1 ELSE 0 END), SUM(CASE WHEN c.service_centre THEN 1 ELSE 0 END), " +
            "SUM(CASE WHEN c.cultural_centre THEN 1 ELSE 0 END) " +
            "FROM village_conditions c JOIN villages v ON v.id = c.village_id WHERE c.county_id = @county GROUP BY c.year, c.township_id, v.zone_id",
            county, null, r =>
            {
                if (r.GetInt32(0) != year) return;
                reported += r.GetInt32(3);
                piped += r.GetInt64(10);
            });
        await ReadAsync(connection, "SELECT township_id, zone_id, COUNT(*) FROM villages WHERE county_id = @county GROUP BY township_id, zone_id", county, null, _ => { });
        return new Totals(households, reported, piped);
    }

    private static async Task ReadAsync(DbConnection connection, string sql, object county, object? unused, Action<DbDataReader> row)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@county";
        parameter.Value = county;
        command.Parameters.Add(parameter);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) row(reader);
    }
}
