using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Tuopin.Application.Accounts;
using Tuopin.Application.Assistance;
using Tuopin.Application.Credit;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Credit;
using Tuopin.Domain.Registry;

namespace Tuopin.Bench;

/// <summary>
/// The overdue list of the county (ListOverdueLoans: outstanding loans past their due day, longest overdue first, with the
/// household's number, head and place and the days overdue) as the county administrator opens it, beside hand-written SQL
/// of the same rows through ADO.NET with the same Domain rule applied, in the same run. The demo's 300-odd loans are too
/// few to measure, so after the demo's micro-credit every other household of the demo that is not closed borrows too
/// (about 21,000 loans, bench only, written in bulk), issued over 2014–2016; of those due before the end of 2017, one in ten
/// is left unpaid (a bad year's rate: the county's target is far less), the rest repaid. Target &lt; 200 ms.
/// </summary>
public sealed class CreditBench(BenchOptions options, Report report)
{
    private const double TargetMs = 200;

    public async Task RunAsync(BenchDatabase demo, DbProvider provider)
    {
        var name = DemoLoadBench.Name(provider);
        Guid countyId;
        await using (var db = demo.Factory.CreateForOperator("bench"))
        {
            if (!await db.Measures.AnyAsync()) await LoadDemoAssistance.RunAsync(demo.Factory);
            countyId = await db.Counties.Select(c => c.Id).SingleAsync();
        }
        Report.Progress($"{name}: credit: loading the demo's micro-credit and a loan for every other household …");
        var (loaded, loadTime) = await Measure.TimeAsync(() => LoadDemoCredit.RunAsync(demo.Factory));
        report.Add(new Row($"credit demo load: LoadDemoCredit ({loaded.Loans} loans, {loaded.Repayments:N0} repayments)", name, Report.Seconds(loadTime), Note: "after LoadDemoAssistance"));
        var added = await AddLoansAsync(demo.Factory);
        await using (var db = demo.Factory.CreateForOperator("bench")) await db.Database.ExecuteSqlRawAsync("ANALYZE");

        var admin = new Actor(Guid.NewGuid(), "县管理员", Role.CountyAdmin, AreaScope.County(countyId));
        using var scope = demo.Services(admin).CreateScope();
        var list = scope.ServiceProvider.GetRequiredService<ListOverdueLoans>();
        var ef = await list.HandleAsync(new ListOverdueLoans.Request());
        var raw = new RawOverdue(demo.Target, countyId);
        var plain = await raw.ListAsync(ef.AsOf, 1_000);
        var efRows = ef.Loans.Select(r => (r.ContractNumber, r.Number, r.Head, r.Village, r.Outstanding, r.DaysOverdue)).ToList();
        if (ef.Count != plain.Count || !efRows.SequenceEqual(plain.Rows))
            throw new InvalidOperationException($"The overdue list and its baseline disagree: {ef.Count} vs {plain.Count} loans, first {efRows.FirstOrDefault()} vs {plain.Rows.FirstOrDefault()}");

        Report.Progress($"{name}: credit overdue list …");
        var (s, b) = await Measure.PairAsync(() => list.HandleAsync(new ListOverdueLoans.Request(ef.AsOf)), () => raw.ListAsync(ef.AsOf, 1_000), options.Warmups, options.Runs);
        report.Add(new Row($"credit overdue list: ListOverdueLoans (county, as of {ef.AsOf:yyyy-MM-dd}, {ef.Count:N0} overdue of {loaded.Loans + added:N0} loans, first 1,000 shown)", name,
            Report.MedianP95(s), $"{Report.MedianP95(b)} raw SQL", s.Median / b.Median, "< 200 ms (median)", s.Median < TargetMs,
            $"{options.Runs} runs; CPU/call {Report.Ms(s.CpuMean)} vs {Report.Ms(b.CpuMean)}"));
    }

    /// <summary>A loan for every open household without one (bench only), through the same factory as IssueLoan; written in bulk.</summary>
    private static async Task<int> AddLoansAsync(TuopinDbFactory factory)
    {
        await using var db = factory.CreateForOperator("bench");
        var borrowing = db.Loans.Select(l => l.HouseholdId);
        var households = await db.Households.AsNoTracking().Where(h => h.ClosedOn == null && !borrowing.Contains(h.Id))
            .OrderBy(h => h.Number).Select(h => new { h.Id, h.CountyId, h.TownshipId, h.VillageId }).ToListAsync();
        var random = new Random(20161231);
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var loans = new List<Loan>(households.Count);
        var measures = new List<Domain.Assistance.Measure>(households.Count);
        foreach (var h in households)
        {
            var issued = new DateOnly(2014, 1, 1).AddDays(random.Next(0, 1_090));
            var fields = new IssueLoan.Fields("来凤农商行", $"BENCH-{loans.Count + 1:D6}", 10_000m + (5_000m * random.Next(0, 9)), issued, random.NextDouble() < 0.5 ? 24 : 36,
                "发展藤茶种植3亩", "vine_tea", 4.35m, 4.35m);
            var (loan, measure) = IssueLoan.Create(h.Id, h.CountyId, h.TownshipId, h.VillageId, fields, "bench", now);
            loans.Add(loan);
            measures.Add(measure);
        }
        // Loans due before the end of 2017 (the working year) are repaid, except about one in ten: those are the overdue ones.
        foreach (var loan in loans.Where(l => l.DueOn < new DateOnly(2017, 12, 31) && random.NextDouble() < 0.9))
        {
            loan.PrincipalRepaid = loan.Amount;
            loan.Status = LoanStatus.Repaid;
            loan.ClosedOn = loan.DueOn;
        }
        await using var transaction = await db.Database.BeginTransactionAsync();
        await BulkWriter.InsertAsync(db, measures);
        await BulkWriter.InsertAsync(db, loans);
        await transaction.CommitAsync();
        return loans.Count;
    }
}

/// <summary>The overdue loans in hand-written SQL over plain ADO.NET, restricted to the county, with the Domain rule applied: the baseline of <see cref="CreditBench"/>.</summary>
public sealed class RawOverdue(DbTarget target, Guid countyId)
{
    private bool Sqlite => target.Provider == DbProvider.Sqlite;

    public async Task<(int Count, List<(string Contract, string Number, string Head, string Village, decimal Outstanding, int DaysOverdue)> Rows)> ListAsync(DateOnly asOf, int limit)
    {
        await using DbConnection connection = Sqlite ? new SqliteConnection(target.ConnectionString) : new NpgsqlConnection(target.ConnectionString);
        await connection.OpenAsync();
        var where = $"l.county_id = @county AND l.status = {(int)LoanStatus.Outstanding} AND l.due_on < @asOf";
        await using var totals = connection.CreateCommand();
        totals.CommandText = $"SELECT COUNT(*) FROM loans l WHERE {where}";
        Parameters(totals, asOf);
        var count = Convert.ToInt32(await totals.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT l.contract_number, h.number,
                   (SELECT m.name FROM members m WHERE m.household_id = h.id AND m.relation = {(int)Relation.Head} AND m.status = {(int)MemberStatus.Present} LIMIT 1),
                   v.name, l.amount, l.principal_repaid, l.due_on
            FROM loans l JOIN households h ON h.id = l.household_id JOIN villages v ON v.id = h.village_id
            WHERE {where}
            ORDER BY l.due_on, l.contract_number
            LIMIT {limit}
            """;
        Parameters(command, asOf);
        var rows = new List<(string, string, string, string, decimal, int)>();
        await using var r = await command.ExecuteReaderAsync();
        while (await r.ReadAsync())
        {
            var owed = CreditRules.Outstanding(new Domain.Common.Money(r.GetInt64(4)), new Domain.Common.Money(r.GetInt64(5)));
            var due = Sqlite ? DateOnly.Parse(r.GetString(6), System.Globalization.CultureInfo.InvariantCulture) : r.GetFieldValue<DateOnly>(6);
            rows.Add((r.GetString(0), r.GetString(1), r.IsDBNull(2) ? string.Empty : r.GetString(2), r.GetString(3), owed.Yuan, CreditRules.DaysOverdue(due, owed, asOf)));
        }
        return (count, rows);
    }

    private void Parameters(DbCommand command, DateOnly asOf)
    {
        Add(command, "@county", Sqlite ? countyId.ToString().ToUpperInvariant() : countyId);
        Add(command, "@asOf", Sqlite ? asOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : asOf);
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        command.Parameters.Add(p);
    }
}
