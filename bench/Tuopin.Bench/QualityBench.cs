using Tuopin.Application.Common;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Tuopin.Application.Accounts;
using Tuopin.Application.Quality;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Registry;

namespace Tuopin.Bench;

/// <summary>
/// The data-quality check (every rule, counts per rule and township) over the demo registry as the
/// county administrator runs it, beside hand-written SQL of the same rules through ADO.NET (the ID rule
/// in both: stream the ciphers and check each number). Target: within 5 s.
/// </summary>
public sealed class QualityBench(BenchOptions options, Report report)
{
    private const double TargetMs = 5000;

    public async Task RunAsync(BenchDatabase demo, DbProvider provider)
    {
        var name = DemoLoadBench.Name(provider);
        Guid countyId;
        await using (var db = demo.Factory.CreateForOperator("bench"))
            countyId = await db.Counties.Select(c => c.Id).SingleAsync();
        var admin = new Actor(Guid.NewGuid(), "县管理员", Role.CountyAdmin, AreaScope.County(countyId));
        using var scope = demo.Services(admin).CreateScope();
        var check = scope.ServiceProvider.GetRequiredService<CheckQuality>();
        var sqlite = provider == DbProvider.Sqlite;
        var protector = demo.Factory.Protector;
        var day = scope.ServiceProvider.GetRequiredService<TimeProvider>().Today();

        async Task<int> RawAsync()
        {
            await using DbConnection connection = sqlite ? new SqliteConnection(demo.Target.ConnectionString) : new NpgsqlConnection(demo.Target.ConnectionString);
            await connection.OpenAsync();
            var total = 0;
            object county = sqlite ? countyId.ToString().ToUpperInvariant() : countyId;
            object D(DateOnly d) => sqlite ? d.ToString("yyyy-MM-dd") : d;
            foreach (var sql in RuleSql)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT township_id, count(*) FROM (" + sql + ") f GROUP BY township_id";
                foreach (var (p, v) in new[] { ("@county", county), ("@born6", D(day.AddYears(-6))), ("@born16", D(day.AddYears(-16))), ("@born110", D(day.AddYears(-110))) })
                {
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = p;
                    parameter.Value = v;
                    command.Parameters.Add(parameter);
                }
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync()) total += Convert.ToInt32(reader.GetValue(1));
            }
            await using (var ids = connection.CreateCommand())
            {
                ids.CommandText = "SELECT m.resident_id_cipher, m.sex, m.birth_date FROM members m JOIN households h ON h.id = m.household_id WHERE m.county_id = @county AND m.status = 1 AND h.closed_on IS NULL AND h.status <> 4";
                var parameter = ids.CreateParameter();
                parameter.ParameterName = "@county";
                parameter.Value = county;
                ids.Parameters.Add(parameter);
                await using var reader = await ids.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    var birth = sqlite ? DateOnly.Parse(reader.GetString(2), System.Globalization.CultureInfo.InvariantCulture) : reader.GetFieldValue<DateOnly>(2);
                    if (RegistryRules.CheckIdentity(string.Empty, protector.Unprotect(reader.GetString(0)), (Sex)reader.GetInt32(1), birth, day, out _).Count > 0) total++;
                }
            }
            return total;
        }

        Report.Progress($"{name}: quality check …");
        var ef = await check.HandleAsync();
        var plain = await RawAsync();
        var efTotal = ef.Rules.Sum(r => r.Findings);
        if (efTotal != plain) throw new InvalidOperationException($"The quality check and its baseline disagree: {efTotal} vs {plain} findings");
        var (s, b) = await Measure.PairAsync(() => check.HandleAsync(), RawAsync, Math.Min(1, options.Warmups), Math.Min(3, options.Runs));
        report.Add(new Row($"quality check: {QualityRules.All.Count} rules, {efTotal:N0} findings", name, Report.MedianP95(s), $"{Report.MedianP95(b)} raw SQL",
            s.Median / b.Median, "< 5 s (median)", s.Median < TargetMs, $"{Math.Min(3, options.Runs)} runs"));
    }

    // The same rules as QualityRules, written by hand; each selects (township_id) of one finding per row.
    private const string Live = "h.county_id = @county AND h.closed_on IS NULL AND h.status <> 4";
    private const string PresentMember = "m.county_id = @county AND m.status = 1 AND EXISTS (SELECT 1 FROM households h WHERE h.id = m.household_id AND h.closed_on IS NULL AND h.status <> 4)";
    private const string Net = "(i.wage + i.production + i.property + i.family_planning + i.dibao + i.wubao + i.pension + i.eco_compensation + i.other_transfer - i.production_expense)";

    private static readonly string[] RuleSql =
    [
        $"SELECT h.township_id FROM households h WHERE {Live} AND NOT EXISTS (SELECT 1 FROM members m WHERE m.household_id = h.id AND m.status = 1 AND m.relation = 1)",
        $"SELECT h.township_id FROM households h WHERE {Live} AND (SELECT count(*) FROM members m WHERE m.household_id = h.id AND m.status = 1 AND m.relation = 1) > 1",
        $"SELECT m.township_id FROM members m WHERE {PresentMember} AND EXISTS (SELECT 1 FROM members o JOIN households oh ON oh.id = o.household_id WHERE o.status = 1 AND oh.closed_on IS NULL AND oh.status <> 4 AND o.name = m.name AND o.birth_date = m.birth_date AND o.sex = m.sex AND o.household_id <> m.household_id)",
        $"SELECT m.township_id FROM members m WHERE {PresentMember} AND m.birth_date <= @born6 AND m.birth_date > @born16 AND m.schooling = 1",
        $"SELECT m.township_id FROM members m WHERE {PresentMember} AND NOT m.medical_insurance",
        $"SELECT h.township_id FROM households h WHERE {Live} AND h.housing <> 1",
        $"SELECT h.township_id FROM households h WHERE {Live} AND h.status = 2 AND EXISTS (SELECT 1 FROM household_incomes i JOIN poverty_lines l ON l.year = i.year WHERE i.household_id = h.id AND i.year = h.exit_year AND {Net} < l.amount * i.household_size)",
        $"SELECT h.township_id FROM households h WHERE {Live} AND h.status = 2 AND NOT EXISTS (SELECT 1 FROM household_incomes i WHERE i.household_id = h.id AND i.year = h.exit_year)",
        $"SELECT h.township_id FROM households h WHERE {Live} AND EXISTS (SELECT 1 FROM household_incomes i WHERE i.household_id = h.id AND {Net} < 0)",
        $"SELECT h.township_id FROM households h WHERE {Live} AND (SELECT i.household_size FROM household_incomes i WHERE i.household_id = h.id ORDER BY i.year DESC LIMIT 1) > h.size",
        $"SELECT h.township_id FROM households h WHERE {Live} AND h.size <> (SELECT count(*) FROM members m WHERE m.household_id = h.id AND m.status = 1)",
        $"SELECT m.township_id FROM members m WHERE {PresentMember} AND m.left_on IS NOT NULL",
        $"SELECT m.township_id FROM members m WHERE {PresentMember} AND m.relation = 1 AND m.birth_date > @born16",
        $"SELECT m.township_id FROM members m WHERE {PresentMember} AND m.birth_date < @born110",
        $"SELECT h.township_id FROM households h WHERE {Live} AND h.exit_year IS NOT NULL AND h.exit_year < h.registration_year",
        $"SELECT m.township_id FROM members m WHERE {PresentMember} AND m.health = 4 AND m.disability_grade IS NULL",
    ];
}
