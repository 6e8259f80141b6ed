using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Tuopin.Application.Accounts;
using Tuopin.Application.Exit;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;
using Tuopin.Domain.Exit;
using Tuopin.Domain.Registry;

namespace Tuopin.Bench;

/// <summary>
/// Issue 5's measure: the exit assessment of the whole Laifeng registry for 2014 (every household is a
/// candidate) at county level — households, villages, townships and the county — as the county
/// administrator calls it in-process, beside a baseline that loads the same rows with hand-written SQL
/// through ADO.NET and applies the same household rules. Target: under 2 s.
/// </summary>
public sealed class ExitBench(BenchOptions options, Report report)
{
    private const double TargetMs = 2000;
    private const int Year = 2014;

    public async Task RunAsync(BenchDatabase demo, DbProvider provider)
    {
        var name = DemoLoadBench.Name(provider);
        Guid countyId;
        await using (var db = demo.Factory.CreateForOperator("bench"))
            countyId = await db.Counties.Select(c => c.Id).SingleAsync();
        var admin = new Actor(Guid.NewGuid(), "县管理员", Role.CountyAdmin, AreaScope.County(countyId));
        using var scope = demo.Services(admin).CreateScope();
        var assess = scope.ServiceProvider.GetRequiredService<AssessExit>();
        var baseline = new RawAssessment(demo.Target, countyId);

        Report.Progress($"{name}: exit assessment of the whole registry …");
        var households = await assess.HandleAsync(new AssessExit.Request(Year, ExitLevel.Household));
        var (candidates, ready) = await baseline.RunAsync();
        if (households.Units.Count != candidates || households.Ready != ready)
            throw new InvalidOperationException($"AssessExit and its baseline disagree: {households.Units.Count}/{households.Ready} vs {candidates}/{ready}");

        var (s, b) = await Measure.PairAsync(() => assess.HandleAsync(new AssessExit.Request(Year, ExitLevel.County)), () => baseline.RunAsync(), options.Warmups, Math.Max(5, options.Runs / 3));
        report.Add(new Row($"5 exit assess: county level, {Year}, {candidates:N0} households", name, Report.MedianP95(s), $"{Report.MedianP95(b)} raw SQL + rules", s.Median / b.Median,
            "< 2 s (median)", s.Median < TargetMs, $"{ready:N0} ready; CPU/call {Report.Ms(s.CpuMean)} vs {Report.Ms(b.CpuMean)}"));
    }

    /// <summary>The same three loads (candidate households, present members, the year's incomes) and the same rules, by hand.</summary>
    private sealed class RawAssessment(DbTarget target, Guid countyId)
    {
        private bool Sqlite => target.Provider == DbProvider.Sqlite;

        public async Task<(int Candidates, int Ready)> RunAsync()
        {
            await using DbConnection connection = Sqlite ? new SqliteConnection(target.ConnectionString) : new NpgsqlConnection(target.ConnectionString);
            await connection.OpenAsync();
            object county = Sqlite ? countyId.ToString().ToUpperInvariant() : countyId;
            const string candidates = "h.county_id = @county AND h.status <> 4 AND (h.status <> 2 OR h.exit_year >= @year)";
            Money line;
            await using (var command = Command(connection, "SELECT amount FROM poverty_lines WHERE year = @year", county))
                line = new Money((long)(await command.ExecuteScalarAsync())!);
            var housing = new Dictionary<Guid, HousingSafety>();
            await using (var command = Command(connection, $"SELECT h.id, h.housing FROM households h WHERE {candidates}", county))
            await using (var reader = await command.ExecuteReaderAsync())
                while (await reader.ReadAsync()) housing[reader.GetGuid(0)] = (HousingSafety)reader.GetInt32(1);
            var members = new Dictionary<Guid, List<MemberFacts>>();
            await using (var command = Command(connection,
                $"SELECT m.household_id, m.name, m.relation, m.birth_date, m.schooling, m.medical_insurance FROM members m JOIN households h ON h.id = m.household_id WHERE m.status = 1 AND {candidates}", county))
            await using (var reader = await command.ExecuteReaderAsync())
                while (await reader.ReadAsync())
                {
                    var id = reader.GetGuid(0);
                    if (!members.TryGetValue(id, out var list)) members[id] = list = [];
                    list.Add(new MemberFacts(reader.GetString(1), (Relation)reader.GetInt32(2), reader.GetFieldValue<DateOnly>(3), (Schooling)reader.GetInt32(4), reader.GetBoolean(5)));
                }
            var incomes = new Dictionary<Guid, HouseholdIncome>();
            await using (var command = Command(connection,
                "SELECT i.household_id, i.household_size, i.wage, i.production, i.property, i.family_planning, i.dibao, i.wubao, i.pension, i.eco_compensation, i.other_transfer, i.production_expense " +
                $"FROM household_incomes i JOIN households h ON h.id = i.household_id WHERE i.year = @year AND {candidates}", county))
            await using (var reader = await command.ExecuteReaderAsync())
                while (await reader.ReadAsync())
                    incomes[reader.GetGuid(0)] = new HouseholdIncome
                    {
                        Year = Year, HouseholdSize = reader.GetInt32(1), Wage = new(reader.GetInt64(2)), Production = new(reader.GetInt64(3)), Property = new(reader.GetInt64(4)),
                        FamilyPlanning = new(reader.GetInt64(5)), Dibao = new(reader.GetInt64(6)), Wubao = new(reader.GetInt64(7)), Pension = new(reader.GetInt64(8)),
                        EcoCompensation = new(reader.GetInt64(9)), OtherTransfer = new(reader.GetInt64(10)), ProductionExpense = new(reader.GetInt64(11)),
                    };
            var ready = housing.Count(h => HouseholdStandard.Check(
                new HouseholdFacts(h.Value, members.TryGetValue(h.Key, out var m) ? m : [], incomes.GetValueOrDefault(h.Key)), Year, line).All(c => c.Met));
            return (housing.Count, ready);
        }

        private static DbCommand Command(DbConnection connection, string sql, object county)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, value) in new[] { ("@county", county), ("@year", (object)Year) })
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value;
                command.Parameters.Add(parameter);
            }
            return command;
        }
    }
}
