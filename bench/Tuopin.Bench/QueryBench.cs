using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Tuopin.Application.Accounts;
using Tuopin.Application.Registry;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Registry;

namespace Tuopin.Bench;

/// <summary>
/// Measurements 2 and 3 on the database LoadDemo filled: the county overview and two household pages
/// as the county administrator calls them in-process (server-side time, no HTTP), warm, alternating
/// with the hand-written SQL of <see cref="RawQueries"/>.
/// </summary>
public sealed class QueryBench(BenchOptions options, Report report, EfCommands commands)
{
    private const double TargetMs = 100;

    public List<(string Title, IReadOnlyList<EfCommands.Command> Commands)> Sql { get; } = [];

    public async Task RunAsync(BenchDatabase demo, DbProvider provider)
    {
        var name = DemoLoadBench.Name(provider);
        if (provider == DbProvider.Postgres)
        {
            // Fresh tables have no statistics until autovacuum's first pass; give the planner what it would have a minute later.
            await using var connection = new NpgsqlConnection(demo.Target.ConnectionString);
            await connection.OpenAsync();
            await using var analyze = new NpgsqlCommand("ANALYZE", connection);
            await analyze.ExecuteNonQueryAsync();
        }

        Guid countyId;
        await using (var db = demo.Factory.CreateForOperator("bench"))
            countyId = await db.Counties.Select(c => c.Id).SingleAsync();
        var admin = new Actor(Guid.NewGuid(), "县管理员", Role.CountyAdmin, AreaScope.County(countyId));
        using var scope = demo.Services(admin).CreateScope();
        var overview = scope.ServiceProvider.GetRequiredService<CountyOverview>();
        var list = scope.ServiceProvider.GetRequiredService<ListHouseholds>();
        var raw = new RawQueries(demo.Target, demo.Factory.Protector, countyId);

        // 2. The overview.
        Report.Progress($"{name}: county overview …");
        var ef = await overview.HandleAsync();
        var plain = await raw.OverviewAsync();
        if (ef.Registered.Households != plain.Households || ef.Registered.People != plain.People || ef.Villages != plain.Villages || ef.WorkYear != plain.WorkYear)
            throw new InvalidOperationException($"The overview and its baseline disagree: {ef.Registered} vs {plain}");
        await CompareAsync("2 overview: CountyOverview.HandleAsync", name, () => overview.HandleAsync(), () => raw.OverviewAsync());

        // 3. A filtered page: the township with the most households that exited in 2015, their third page.
        var township = ef.ByTownship.MaxBy(u => u.Exits.FirstOrDefault(e => e.Year == 2015)?.Households ?? 0)!;
        var filtered = new ListHouseholds.Query { TownshipId = township.Id, Status = HouseholdStatus.Exited, ExitYear = 2015, Page = 3, PageSize = 20 };
        await VerifyPageAsync(list, filtered, raw);
        await CompareAsync("3 list: township+Exited+2015, page 3 of 20", name,
            () => list.HandleAsync(filtered), () => raw.ListAsync(township.Id, HouseholdStatus.Exited, 2015, null, 3, 20));

        // 3. A search by part of a member's name: 田 is the commonest surname of the data set.
        var search = new ListHouseholds.Query { Name = "田", Page = 1, PageSize = 20 };
        var found = await VerifyPageAsync(list, search, raw);
        await CompareAsync($"3 list: name search \"田\" ({found:N0} hh), page 1", name,
            () => list.HandleAsync(search), () => raw.ListAsync(null, null, null, "田", 1, 20));
    }

    private static async Task<int> VerifyPageAsync(ListHouseholds list, ListHouseholds.Query query, RawQueries raw)
    {
        var ef = await list.HandleAsync(query);
        var plain = await raw.ListAsync(query.TownshipId, query.Status, query.ExitYear, query.Name, query.Page, query.PageSize);
        if (ef.Total != plain.Total || !ef.Items.Select(i => i.Number).SequenceEqual(plain.Numbers))
            throw new InvalidOperationException($"ListHouseholds and its baseline disagree: {ef.Total} vs {plain.Total} households");
        if (ef.Items.Count == 0) throw new InvalidOperationException("The page measured is empty: pick another query");
        return ef.Total;
    }

    private async Task CompareAsync(string title, string db, Func<Task> subject, Func<Task> baseline)
    {
        var (s, b) = await Measure.PairAsync(subject, baseline, options.Warmups, options.Runs);
        var recorded = await commands.RecordAsync(subject);
        Sql.Add(($"{title} [{db}]", recorded));
        var note = $"{options.Runs} runs; {recorded.Count} EF commands, {Report.Ms(recorded.Sum(c => c.Duration.TotalMilliseconds))} in db; " +
            $"CPU/call {Report.Ms(s.CpuMean)} vs {Report.Ms(b.CpuMean)}{(db == "PostgreSQL" ? " (client)" : "")}";
        if (s.Median < TargetMs && s.P95 >= TargetMs) note += "; p95 over target";
        report.Add(new Row(title, db, Report.MedianP95(s), $"{Report.MedianP95(b)} raw SQL", s.Median / b.Median,
            "< 100 ms (median)", s.Median < TargetMs, note));
    }
}
