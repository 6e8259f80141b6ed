using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Tuopin.Application.Accounts;
using Tuopin.Application.Assistance;
using Tuopin.Application.Funds;
using Tuopin.Application.Plan;
using Tuopin.Application.Projects;
using Tuopin.Application.Reports;
using Tuopin.Application.Storage;
using Tuopin.Application.Supervision;
using Tuopin.Domain.Accounts;

namespace Tuopin.Bench;

/// <summary>
/// Issue 17's report measures on the demo (with its projects and funds): every report form (报表) for the whole county, the
/// query and the fixed-layout .xlsx (<see cref="GetReport"/> + <see cref="ReportWorkbook"/>), as the county administrator
/// downloads it — target &lt; 2 s each; beside a baseline that reads the rows the form counts with one hand-written grouped SQL
/// through ADO.NET (no rules, no workbook). Group <c>reports</c>.
/// </summary>
public sealed class ReportsBench(BenchOptions options, Report report)
{
    public const int Year = 2016;
    private const double FormTargetMs = 2_000;

    public async Task RunAsync(BenchDatabase demo, DbProvider provider)
    {
        var name = DemoLoadBench.Name(provider);
        var countyId = await DemoReady.CountyAsync(demo);
        var admin = new Actor(Guid.NewGuid(), "县管理员", Role.CountyAdmin, AreaScope.County(countyId));
        using var scope = demo.Services(admin).CreateScope();
        var get = scope.ServiceProvider.GetRequiredService<GetReport>();
        var raw = new RawForms(demo.Target, countyId);
        foreach (var form in ReportCatalogue.All)
        {
            Report.Progress($"{name}: report form {form.Code} …");
            var first = await get.HandleAsync(new GetReport.Request(form.Code, Year));
            var bytes = ReportWorkbook.Write(first).Length;
            var (s, b) = await Measure.PairAsync(async () => ReportWorkbook.Write(await get.HandleAsync(new GetReport.Request(form.Code, Year))), () => raw.RunAsync(form.Code),
                options.Warmups, options.Runs);
            report.Add(new Row($"report form {form.Code} ({form.Zh}), county {Year}: GetReport + .xlsx ({first.Rows.Count} rows, {bytes / 1024:N0} KB)", name,
                Report.MedianP95(s), $"{Report.MedianP95(b)} raw SQL of its rows", s.Median / b.Median, "< 2 s (median)", s.Median < FormTargetMs,
                $"{options.Runs} runs; CPU/call {Report.Ms(s.CpuMean)} vs {Report.Ms(b.CpuMean)}"));
        }
    }

    /// <summary>Each form's rows read by one grouped query by township — what the form counts, without its rules.</summary>
    private sealed class RawForms(DbTarget target, Guid countyId)
    {
        private bool Sqlite => target.Provider == DbProvider.Sqlite;

        private static string Sql(string code) => code switch
        {
            ReportCatalogue.Population => "SELECT h.township_id, h.status, h.exit_year, COUNT(*), SUM(h.size) FROM households h WHERE h.county_id = @county GROUP BY h.township_id, h.status, h.exit_year",
            ReportCatalogue.Assistance => "SELECT h.township_id, m.type, COUNT(*) FROM measures m JOIN households h ON h.id = m.household_id WHERE h.county_id = @county GROUP BY h.township_id, m.type",
            ReportCatalogue.VillageExits => "SELECT v.township_id, COUNT(*), SUM(CASE WHEN v.is_poor THEN 1 ELSE 0 END) FROM villages v WHERE v.county_id = @county GROUP BY v.township_id",
            ReportCatalogue.ProjectFunds => "SELECT p.responsible_township_id, COUNT(*), SUM(a.amount), SUM(a.disbursed) FROM projects p LEFT JOIN fund_allocations a ON a.project_id = p.id WHERE p.year = @year GROUP BY p.responsible_township_id",
            ReportCatalogue.Training => "SELECT a.township_id, COUNT(*) FROM training_attendances a WHERE a.completed GROUP BY a.township_id",
            _ => throw new InvalidOperationException($"No baseline for the form {code}"),
        };

        public async Task<int> RunAsync(string code)
        {
            await using DbConnection connection = Sqlite ? new SqliteConnection(target.ConnectionString) : new NpgsqlConnection(target.ConnectionString);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = Sql(code);
            foreach (var (parameterName, value) in new[] { ("@county", Sqlite ? countyId.ToString().ToUpperInvariant() : (object)countyId), ("@year", ReportsBench.Year) })
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = parameterName;
                parameter.Value = value;
                command.Parameters.Add(parameter);
            }
            var rows = 0;
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) rows++;
            return rows;
        }
    }
}

/// <summary>
/// Issue 17's summary measure: the county's annual work summary (年度工作总结) for the demo's year as .docx
/// (<see cref="DraftWorkSummary"/> + <see cref="SummaryDocument"/>) — target &lt; 3 s; beside a baseline of the same figures
/// from the use cases the summary reads (progress, coverage, fund ledger, finding counts) without the document. Group <c>summary</c>.
/// </summary>
public sealed class SummaryBench(BenchOptions options, Report report)
{
    private const double TargetMs = 3_000;

    public async Task RunAsync(BenchDatabase demo, DbProvider provider)
    {
        var name = DemoLoadBench.Name(provider);
        var countyId = await DemoReady.CountyAsync(demo);
        var admin = new Actor(Guid.NewGuid(), "县管理员", Role.CountyAdmin, AreaScope.County(countyId));
        using var scope = demo.Services(admin).CreateScope();
        var services = scope.ServiceProvider;
        var draft = services.GetRequiredService<DraftWorkSummary>();
        var year = ReportsBench.Year;
        var asOf = new DateOnly(year, 12, 31);
        Report.Progress($"{name}: the county's annual summary …");
        var first = SummaryDocument.Write(await draft.HandleAsync(new DraftWorkSummary.Request(year)));
        async Task Figures()
        {
            await services.GetRequiredService<GetProgress>().HandleAsync(new GetProgress.Query(year, asOf));
            await services.GetRequiredService<GetAssistanceCoverage>().HandleAsync(new GetAssistanceCoverage.Request(year, null, asOf));
            await services.GetRequiredService<GetFundLedger>().HandleAsync(new GetFundLedger.Request("township", year, asOf));
            await services.GetRequiredService<GetFindingStats>().HandleAsync(year, asOf);
        }
        var (s, b) = await Measure.PairAsync(async () => SummaryDocument.Write(await draft.HandleAsync(new DraftWorkSummary.Request(year))), Figures,
            options.Warmups, Math.Max(5, options.Runs / 2));
        report.Add(new Row($"summary: the county's {year} annual work summary .docx ({first.Length / 1024:N0} KB)", name,
            Report.MedianP95(s), $"{Report.MedianP95(b)} its figures' use cases", s.Median / b.Median, "< 3 s (median)", s.Median < TargetMs,
            $"{Math.Max(5, options.Runs / 2)} runs; CPU/call {Report.Ms(s.CpuMean)} vs {Report.Ms(b.CpuMean)}"));
    }
}

/// <summary>The demo's county, with the built-in plan and the demo's projects and funds loaded when the bench database lacks them.</summary>
internal static class DemoReady
{
    public static async Task<Guid> CountyAsync(BenchDatabase demo)
    {
        await using var db = demo.Factory.CreateForOperator("bench");
        var countyId = await db.Counties.Select(c => c.Id).SingleAsync();
        await LoadPlan.EnsureBuiltInAsync(db);
        if (!await db.Projects.AnyAsync())
        {
            await LoadDemoProjects.RunAsync(demo.Factory);
            await LoadDemoFunds.RunAsync(demo.Factory);
        }
        return countyId;
    }
}
