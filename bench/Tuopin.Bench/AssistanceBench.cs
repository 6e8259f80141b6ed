using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Tuopin.Application.Accounts;
using Tuopin.Application.Assistance;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;
using Tuopin.Domain.Registry;
using AssistanceRules = Tuopin.Domain.Assistance.AssistanceRules;
using HouseholdFacts = Tuopin.Domain.Assistance.HouseholdFacts;
using MeasureFact = Tuopin.Domain.Assistance.MeasureFact;
using MeasureStatus = Tuopin.Domain.Assistance.MeasureStatus;
using MeasureType = Tuopin.Domain.Assistance.MeasureType;
using PlanSufficiency = Tuopin.Domain.Assistance.PlanSufficiency;

namespace Tuopin.Bench;

/// <summary>
/// The assistance coverage of the county in the working year (GetAssistanceCoverage: every rule over every poor
/// household, cadres above the load limit, poor villages without a team) and one household's 帮扶 tab
/// (GetHouseholdAssistance), as the county administrator asks for them, each beside hand-written SQL of the same
/// facts through ADO.NET with the same rules applied in C#, in the same run. Loads the demo's assistance work first
/// (the step the CLI runs after LoadDemo), and reports its time. Targets: coverage &lt; 500 ms, household &lt; 100 ms.
/// </summary>
public sealed class AssistanceBench(BenchOptions options, Report report, EfCommands commands, List<(string Title, IReadOnlyList<EfCommands.Command> Commands)> sql)
{
    private const double CoverageTargetMs = 500, HouseholdTargetMs = 100;

    public async Task RunAsync(BenchDatabase demo, DbProvider provider)
    {
        var name = DemoLoadBench.Name(provider);
        Report.Progress($"{name}: assistance: loading the demo's assistance work …");
        var (loaded, loadTime) = await Measure.TimeAsync(() => LoadDemoAssistance.RunAsync(demo.Factory));
        report.Add(new Row($"assistance demo load: LoadDemoAssistance ({loaded.Cadres:N0} cadres, {loaded.Pairings:N0} pairings, {loaded.Measures:N0} measures, {loaded.MonitoringCases} watched ({loaded.EdgeHouseholds} edge hh), {loaded.TrainingCourses} courses, {loaded.TrainingAttendances:N0} attendances)", name,
            Report.Seconds(loadTime), Note: "after LoadDemo; the whole demo load is the two together"));
        Guid countyId;
        await using (var db = demo.Factory.CreateForOperator("bench"))
        {
            countyId = await db.Counties.Select(c => c.Id).SingleAsync();
            await db.Database.ExecuteSqlRawAsync("ANALYZE");
        }
        var admin = new Actor(Guid.NewGuid(), "县管理员", Role.CountyAdmin, AreaScope.County(countyId));
        using var scope = demo.Services(admin).CreateScope();
        var coverage = scope.ServiceProvider.GetRequiredService<GetAssistanceCoverage>();
        var tab = scope.ServiceProvider.GetRequiredService<GetHouseholdAssistance>();
        var raw = new RawAssistance(demo.Target, demo.Factory.Protector, countyId);

        var ef = await coverage.HandleAsync(new GetAssistanceCoverage.Request());
        var plain = await raw.CoverageAsync(ef.Year, ef.Day, ef.CadreLoadLimit);
        var efFindings = ef.Rules.Sum(r => r.Count);
        if ((ef.PoorHouseholds, ef.WithCadre, efFindings, ef.OverloadedCadres.Count, ef.VillagesWithoutTeam.Count) != (plain.Poor, plain.WithCadre, plain.Findings, plain.Overloaded, plain.VillagesWithoutTeam))
            throw new InvalidOperationException($"The coverage and its baseline disagree: {ef.PoorHouseholds}/{ef.WithCadre}/{efFindings}/{ef.OverloadedCadres.Count}/{ef.VillagesWithoutTeam.Count} vs {plain}");

        Report.Progress($"{name}: assistance coverage …");
        var (s, b) = await Measure.PairAsync(() => coverage.HandleAsync(new GetAssistanceCoverage.Request()), () => raw.CoverageAsync(ef.Year, ef.Day, ef.CadreLoadLimit), options.Warmups, options.Runs);
        var recorded = await commands.RecordAsync(() => coverage.HandleAsync(new GetAssistanceCoverage.Request()));
        sql.Add(($"assistance coverage [{name}]", recorded));
        report.Add(new Row($"assistance coverage: GetAssistanceCoverage (county, {ef.Year}, {ef.PoorHouseholds:N0} poor hh, {AssistanceRules.All.Count} rules, {efFindings} findings)", name,
            Report.MedianP95(s), $"{Report.MedianP95(b)} raw SQL", s.Median / b.Median, "< 500 ms (median)", s.Median < CoverageTargetMs,
            $"{options.Runs} runs; {recorded.Count} EF commands, {Report.Ms(recorded.Sum(c => c.Duration.TotalMilliseconds))} in db; CPU/call {Report.Ms(s.CpuMean)} vs {Report.Ms(b.CpuMean)}"));

        // A household with a history: an earlier cadre and a successor, and several measures.
        Guid household;
        await using (var db = demo.Factory.CreateForOperator("bench"))
            household = await db.CadreAssignments.Where(a => a.EndReason == "更换帮扶责任人").OrderBy(a => a.HouseholdId).Select(a => a.HouseholdId).FirstAsync();
        var efTab = await tab.HandleAsync(household);
        var plainTab = await raw.HouseholdAsync(household, ef.Year, ef.Day);
        if ((efTab.History.Count, efTab.Measures.Count, efTab.Findings.Count) != (plainTab.Pairings, plainTab.Measures, plainTab.Findings))
            throw new InvalidOperationException($"The household's assistance and its baseline disagree: {efTab.History.Count}/{efTab.Measures.Count}/{efTab.Findings.Count} vs {plainTab}");
        Report.Progress($"{name}: household assistance …");
        var (hs, hb) = await Measure.PairAsync(() => tab.HandleAsync(household), () => raw.HouseholdAsync(household, ef.Year, ef.Day), options.Warmups, options.Runs);
        var recordedTab = await commands.RecordAsync(() => tab.HandleAsync(household));
        sql.Add(($"household assistance [{name}]", recordedTab));
        report.Add(new Row($"household assistance: GetHouseholdAssistance ({efTab.History.Count} pairings, {efTab.Measures.Count} measures)", name,
            Report.MedianP95(hs), $"{Report.MedianP95(hb)} raw SQL", hs.Median / hb.Median, "< 100 ms (median)", hs.Median < HouseholdTargetMs,
            $"{options.Runs} runs; {recordedTab.Count} EF commands, {Report.Ms(recordedTab.Sum(c => c.Duration.TotalMilliseconds))} in db; CPU/call {Report.Ms(hs.CpuMean)} vs {Report.Ms(hb.CpuMean)}"));
    }
}

/// <summary>
/// The assistance facts in hand-written SQL over plain ADO.NET (a pooled connection per call), restricted to the
/// county, with the same rules applied: the baseline of <see cref="AssistanceBench"/>.
/// </summary>
public sealed class RawAssistance(DbTarget target, IPersonalDataProtector protector, Guid countyId)
{
    public sealed record Coverage(int Poor, int WithCadre, int Findings, int Overloaded, int VillagesWithoutTeam);

    public sealed record Household(int Pairings, int Measures, int Findings);

    private bool Sqlite => target.Provider == DbProvider.Sqlite;

    private object Id(Guid id) => Sqlite ? id.ToString().ToUpperInvariant() : id;

    private object Day(DateOnly d) => Sqlite ? d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : d;

    private async Task<DbConnection> OpenAsync()
    {
        DbConnection connection = Sqlite ? new SqliteConnection(target.ConnectionString) : new NpgsqlConnection(target.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static DbCommand Command(DbConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    private static bool Bool(DbDataReader r, int i) => Convert.ToInt64(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) != 0;

    private const string Poor = "h.closed_on IS NULL AND (h.status IN (1, 3) OR (h.status = 2 AND (h.exit_year IS NULL OR h.exit_year > @prev)))";
    private const string Net = "(i.wage + i.production + i.property + i.family_planning + i.dibao + i.wubao + i.pension + i.eco_compensation + i.other_transfer - i.production_expense)";

    public async Task<Coverage> CoverageAsync(int year, DateOnly day, int limit)
    {
        await using var connection = await OpenAsync();
        var facts = await FactsAsync(connection, "h.county_id = @county", ("@county", Id(countyId)), year, day);
        var findings = facts.Sum(f => AssistanceRules.All.Count(r => r.Finds(f)));
        int overloaded;
        await using (var command = Command(connection, """
            SELECT count(*) FROM (SELECT a.cadre_id FROM cadre_assignments a JOIN cadres c ON c.id = a.cadre_id
            WHERE c.county_id = @county AND a.started_on <= @day AND (a.ended_on IS NULL OR a.ended_on >= @day) GROUP BY a.cadre_id HAVING count(*) > @limit) o
            """, ("@county", Id(countyId)), ("@day", Day(day)), ("@limit", limit)))
            overloaded = Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        int withoutTeam;
        await using (var command = Command(connection, """
            SELECT count(*) FROM villages v WHERE v.county_id = @county AND v.is_poor
            AND NOT EXISTS (SELECT 1 FROM work_teams w WHERE w.village_id = v.id AND w.started_on <= @day AND (w.ended_on IS NULL OR w.ended_on >= @day))
            """, ("@county", Id(countyId)), ("@day", Day(day))))
            withoutTeam = Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        return new Coverage(facts.Count, facts.Count(f => f.HasCadre), findings, overloaded, withoutTeam);
    }

    public async Task<Household> HouseholdAsync(Guid household, int year, DateOnly day)
    {
        await using var connection = await OpenAsync();
        var id = ("@id", Id(household));
        var pairings = 0;
        await using (var command = Command(connection, """
            SELECT a.id, c.name, c.work_unit, c.position, c.phone_cipher, a.started_on, a.ended_on, a.end_reason
            FROM cadre_assignments a JOIN cadres c ON c.id = a.cadre_id WHERE a.household_id = @id ORDER BY a.started_on DESC
            """, id))
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync())
            {
                if (!reader.IsDBNull(4)) _ = protector.Unprotect(reader.GetString(4));
                pairings++;
            }
        var measures = 0;
        await using (var command = Command(connection, """
            SELECT m.id, m.version, m.type, m.content, m.amount, m.expected_income, m.status, m.effect_income, m.effect_note,
              (SELECT x.name FROM members x WHERE x.id = m.member_id), (SELECT c.name FROM cadres c WHERE c.id = m.cadre_id)
            FROM measures m WHERE m.household_id = @id AND m.year = @year ORDER BY m.type, m.created_at
            """, id, ("@year", year)))
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) measures++;
        var facts = await FactsAsync(connection, "h.id = @id", id, year, day);
        return new Household(pairings, measures, facts.Sum(f => AssistanceRules.All.Count(r => r.Finds(f))));
    }

    /// <summary>The facts of the poor households a condition selects: five queries, as AssistanceFacts reads them.</summary>
    private async Task<List<HouseholdFacts>> FactsAsync(DbConnection connection, string where, (string Name, object Value) area, int year, DateOnly day)
    {
        var (bornAfter, bornOnOrBefore) = AssistanceRules.SchoolAgeBirths(day);
        var rows = new List<(Guid Id, Guid Township, Guid Village, int Main, int? Other1, int? Other2, int Attribute, int Housing, bool Labour, bool OutOfSchool, int Size)>();
        await using (var command = Command(connection, $"""
            SELECT h.id, h.township_id, h.village_id, h.main_cause, h.other_cause1, h.other_cause2, h.attribute, h.housing,
              EXISTS (SELECT 1 FROM members m WHERE m.household_id = h.id AND m.status = 1 AND m.labour IN (1, 2)),
              EXISTS (SELECT 1 FROM members m WHERE m.household_id = h.id AND m.status = 1 AND m.schooling = 1 AND m.birth_date > @after AND m.birth_date <= @before),
              (SELECT count(*) FROM members m WHERE m.household_id = h.id AND m.status = 1)
            FROM households h WHERE {where} AND {Poor}
            """, area, ("@prev", year - 1), ("@after", Day(bornAfter)), ("@before", Day(bornOnOrBefore))))
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                rows.Add((reader.GetGuid(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetInt32(3), reader.IsDBNull(4) ? null : reader.GetInt32(4), reader.IsDBNull(5) ? null : reader.GetInt32(5),
                    reader.GetInt32(6), reader.GetInt32(7), Bool(reader, 8), Bool(reader, 9), Convert.ToInt32(reader.GetValue(10), System.Globalization.CultureInfo.InvariantCulture)));

        var measures = new Dictionary<Guid, List<MeasureFact>>();
        await using (var command = Command(connection, $"""
            SELECT m.household_id, m.type, m.status, m.expected_income, m.effect_income IS NOT NULL OR (m.effect_note IS NOT NULL AND trim(m.effect_note) <> '')
            FROM measures m JOIN households h ON h.id = m.household_id WHERE m.year = @year AND {where} AND {Poor}
            """, area, ("@year", year), ("@prev", year - 1)))
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync())
            {
                var household = reader.GetGuid(0);
                if (!measures.TryGetValue(household, out var list)) measures[household] = list = [];
                list.Add(new MeasureFact((MeasureType)reader.GetInt32(1), (MeasureStatus)reader.GetInt32(2), new Money(reader.GetInt64(3)), Bool(reader, 4)));
            }

        // The latest income of a year before the plan's.
        var incomes = new Dictionary<Guid, (int Year, long Net)>();
        await using (var command = Command(connection, $"""
            SELECT i.household_id, i.year, {Net} FROM household_incomes i JOIN households h ON h.id = i.household_id
            WHERE i.year < @year AND {where} AND {Poor}
              AND i.year = (SELECT max(j.year) FROM household_incomes j WHERE j.household_id = i.household_id AND j.year < @year)
            """, area, ("@year", year), ("@prev", year - 1)))
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync()) incomes[reader.GetGuid(0)] = (reader.GetInt32(1), reader.GetInt64(2));

        var pairings = new Dictionary<Guid, (bool Open, bool Ended)>();
        await using (var command = Command(connection, $"""
            SELECT a.household_id, a.ended_on IS NULL OR a.ended_on >= @day FROM cadre_assignments a JOIN households h ON h.id = a.household_id
            WHERE a.started_on <= @day AND {where} AND {Poor}
            """, area, ("@day", Day(day)), ("@prev", year - 1)))
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync())
            {
                var household = reader.GetGuid(0);
                var open = Bool(reader, 1);
                var (o, e) = pairings.GetValueOrDefault(household);
                pairings[household] = (o || open, e || !open);
            }

        Money? line = null;
        await using (var command = Command(connection, "SELECT amount FROM poverty_lines WHERE year = @year", ("@year", year)))
            if (await command.ExecuteScalarAsync() is { } amount and not DBNull) line = new Money(Convert.ToInt64(amount, System.Globalization.CultureInfo.InvariantCulture));

        return rows.Select(h =>
        {
            var ms = measures.GetValueOrDefault(h.Id) ?? [];
            var income = incomes.TryGetValue(h.Id, out var i) ? i : ((int Year, long Net)?)null;
            var (open, ended) = pairings.GetValueOrDefault(h.Id);
            var plan = PlanSufficiency.Evaluate(year, new Money(income?.Net ?? 0), income?.Year, h.Size, ms, line);
            return new HouseholdFacts(h.Id, h.Township, h.Village, (PovertyCause)h.Main, (PovertyCause?)h.Other1, (PovertyCause?)h.Other2,
                (HouseholdAttribute)h.Attribute, (HousingSafety)h.Housing, h.Labour, h.OutOfSchool, open, ended, ms, plan);
        }).ToList();
    }
}
