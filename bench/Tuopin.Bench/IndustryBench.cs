using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Tuopin.Application.Accounts;
using Tuopin.Application.Assistance;
using Tuopin.Application.Industry;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Industry;

namespace Tuopin.Bench;

/// <summary>
/// The industry progress of the county (GetIndustryProgress: the plan's industries, their targets and the actuals from
/// the participation records up to the year) as the county administrator asks for it, beside hand-written SQL of the
/// same grouped facts through ADO.NET with the same Domain rule applied, in the same run. Loads the demo's assistance
/// work (when not loaded yet), its industry work and the plan first, and reports the industry step's time. Target &lt; 200 ms.
/// </summary>
public sealed class IndustryBench(BenchOptions options, Report report)
{
    private const double TargetMs = 200;

    public async Task RunAsync(BenchDatabase demo, DbProvider provider)
    {
        var name = DemoLoadBench.Name(provider);
        Guid countyId;
        await using (var db = demo.Factory.CreateForOperator("bench"))
        {
            if (!await db.Measures.AnyAsync()) await LoadDemoAssistance.RunAsync(demo.Factory);
            await Tuopin.Application.Plan.LoadPlan.EnsureBuiltInAsync(db);
            countyId = await db.Counties.Select(c => c.Id).SingleAsync();
        }
        Report.Progress($"{name}: industry: loading the demo's industry work …");
        var (loaded, loadTime) = await Measure.TimeAsync(() => LoadDemoIndustry.RunAsync(demo.Factory));
        report.Add(new Row($"industry demo load: LoadDemoIndustry ({loaded.Entities} entities, {loaded.Participations:N0} participations)", name, Report.Seconds(loadTime), Note: "after LoadDemoAssistance"));
        await using (var db = demo.Factory.CreateForOperator("bench")) await db.Database.ExecuteSqlRawAsync("ANALYZE");

        var admin = new Actor(Guid.NewGuid(), "县管理员", Role.CountyAdmin, AreaScope.County(countyId));
        using var scope = demo.Services(admin).CreateScope();
        var progress = scope.ServiceProvider.GetRequiredService<GetIndustryProgress>();
        var ef = await progress.HandleAsync(new GetIndustryProgress.Query());
        var definitions = ef.Industries.Select(i => new IndustryDefinition(i.Id, i.Parts)).ToList();
        var raw = new RawIndustry(demo.Target, countyId);
        var plain = await raw.ActualsAsync(definitions, ef.Year);
        var efFigures = ef.Industries.Select(i => (i.Id, Math.Round(i.Scale, 2), i.ScaleFarmers, i.PoorHouseholds, i.Records)).ToList();
        var plainFigures = plain.Select(a => (a.IndustryId, Math.Round(a.Scale, 2), a.ScaleFarmers, a.PoorHouseholds, a.Records)).ToList();
        if (!efFigures.SequenceEqual(plainFigures))
            throw new InvalidOperationException($"The industry progress and its baseline disagree: {string.Join(";", efFigures)} vs {string.Join(";", plainFigures)}");

        Report.Progress($"{name}: industry progress …");
        var (s, b) = await Measure.PairAsync(() => progress.HandleAsync(new GetIndustryProgress.Query(ef.Year)), () => raw.ActualsAsync(definitions, ef.Year), options.Warmups, options.Runs);
        report.Add(new Row($"industry progress: GetIndustryProgress (county, {ef.Year}, {ef.Industries.Count} industries, {ef.Industries.Sum(i => i.Records):N0} records counted)", name,
            Report.MedianP95(s), $"{Report.MedianP95(b)} raw SQL", s.Median / b.Median, "< 200 ms (median)", s.Median < TargetMs,
            $"{options.Runs} runs; CPU/call {Report.Ms(s.CpuMean)} vs {Report.Ms(b.CpuMean)}"));
    }
}

/// <summary>The industry facts in hand-written SQL over plain ADO.NET, restricted to the county, with the Domain rule applied: the baseline of <see cref="IndustryBench"/>.</summary>
public sealed class RawIndustry(DbTarget target, Guid countyId)
{
    private bool Sqlite => target.Provider == DbProvider.Sqlite;

    public async Task<IReadOnlyList<IndustryActual>> ActualsAsync(IReadOnlyList<IndustryDefinition> industries, int year)
    {
        await using DbConnection connection = Sqlite ? new SqliteConnection(target.ConnectionString) : new NpgsqlConnection(target.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT p.industry_id, p.household_id, SUM({(Sqlite ? "CAST(p.scale AS REAL)" : "p.scale")}), MAX(CASE WHEN p.scale_farmer THEN 1 ELSE 0 END), COUNT(*)
            FROM industry_participations p JOIN households h ON h.id = p.household_id
            WHERE h.county_id = @county AND h.status <> 4 AND p.cancelled_on IS NULL AND p.year <= @year
            GROUP BY p.industry_id, p.household_id
            """;
        Add(command, "@county", Sqlite ? countyId.ToString().ToUpperInvariant() : countyId);
        Add(command, "@year", year);
        var facts = new List<ParticipationFact>();
        await using (var r = await command.ExecuteReaderAsync())
            while (await r.ReadAsync())
                facts.Add(new ParticipationFact(Sqlite ? Guid.Parse(r.GetString(1)) : r.GetGuid(1), r.GetString(0), Math.Round(Convert.ToDecimal(r.GetValue(2), System.Globalization.CultureInfo.InvariantCulture), 2),
                    Convert.ToInt64(r.GetValue(3), System.Globalization.CultureInfo.InvariantCulture) == 1, true, Convert.ToInt32(r.GetValue(4), System.Globalization.CultureInfo.InvariantCulture)));
        return IndustryRules.Actuals(industries, facts);
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        command.Parameters.Add(p);
    }
}
