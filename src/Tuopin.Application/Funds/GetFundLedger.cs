using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;
using Tuopin.Domain.Funds;

namespace Tuopin.Application.Funds;

/// <summary>
/// The fund ledger (资金台账) by source, category, township, zone, department or project: what was received (sources only),
/// allocated, paid and left, from the running totals the database keeps. The page, the API and the .xlsx export show these figures.
/// </summary>
public sealed class GetFundLedger(Database database)
{
    public static readonly string[] Views = ["source", "category", "township", "zone", "department", "project"];

    /// <summary>AsOf: Only for a past day (a half-year summary's 30 June): the allocations made and payments paid by then.
    /// Null: everything recorded, from the running totals.</summary>
    public sealed record Request(string By = "source", int? Year = null, DateOnly? AsOf = null);

    /// <summary>One line: <see cref="Received"/> and <see cref="Unallocated"/> only where the line is a source or a category.</summary>
    public sealed record Row(string Key, LocalText Name, decimal? Received, decimal Allocated, decimal Disbursed, decimal Balance, decimal? Unallocated, Guid? Id);

    public sealed record Result(string By, int? Year, IReadOnlyList<Row> Rows, Row Total);

    public async Task<Result> HandleAsync(Request request, CancellationToken ct = default)
    {
        FundsAccess.RequireLedgerReader(database.Actor);
        var by = Views.Contains(request.By) ? request.By : "source";
        await using var db = database.Open();
        var sources = await FundFigures.SourcesAsync(db, request.Year, ct);
        var allocations = request.AsOf is { } asOf ? await FundFigures.AllocationsAsync(db, request.Year, asOf, ct) : await FundFigures.AllocationsAsync(db, request.Year, ct);
        // The projects' places only for the views that group by them.
        var projects = by is "source" or "category" ? [] : await FundFigures.ProjectsAsync(db, ct);
        var rows = new List<Row>();
        switch (by)
        {
            case "source":
                var bySource = allocations.ToLookup(a => a.SourceId);
                rows.AddRange(sources.Select(s => Line(s.Id.ToString(), new LocalText($"{s.DocumentNumber}（{s.IssuingDepartment}）", $"{s.DocumentNumber} ({s.IssuingDepartment})"), s.Amount, bySource[s.Id], s.Id)));
                break;
            case "category":
                var sourceCategory = sources.ToDictionary(s => s.Id, s => s.Category);
                rows.AddRange(FundCodes.Categories.Items.Select(c => Line(c.Code, c.Name, FundFigures.Sum(sources.Where(s => s.Category == c.Value).Select(s => s.Amount)),
                    allocations.Where(a => sourceCategory[a.SourceId] == c.Value), null)));
                break;
            case "project":
                rows.AddRange(allocations.GroupBy(a => a.ProjectId).Select(g => (Project: projects[g.Key], Allocations: g)).OrderBy(x => x.Project.Code)
                    .Select(x => Line(x.Project.Code, new LocalText(x.Project.Name, x.Project.Name), null, x.Allocations, x.Project.Id)));
                break;
            case "township":
                var townships = await db.Townships.IgnoreQueryFilters().AsNoTracking().OrderBy(t => t.Code).Select(t => new { t.Id, t.Code, t.Name }).ToListAsync(ct);
                rows.AddRange(townships.Select(t => Line(t.Code, new LocalText(t.Name, t.Name), null, allocations.Where(a => projects[a.ProjectId].TownshipId == t.Id), t.Id)));
                rows.Add(Line("-", FundFigures.CountyWide, null, allocations.Where(a => projects[a.ProjectId].TownshipId is null), null));
                break;
            case "zone":
                var zones = await db.Zones.IgnoreQueryFilters().AsNoTracking().OrderBy(z => z.Order).Select(z => new { z.Id, z.Name }).ToListAsync(ct);
                rows.AddRange(zones.Select(z => Line(z.Id.ToString(), new LocalText(z.Name, z.Name), null, allocations.Where(a => projects[a.ProjectId].ZoneId == z.Id), z.Id)));
                rows.Add(Line("-", FundFigures.NoZone, null, allocations.Where(a => projects[a.ProjectId].ZoneId is null), null));
                break;
            case "department":
                rows.AddRange(Enum.GetValues<Department>().Select(d => Line(Departments.Code(d), Departments.Name(d), null, allocations.Where(a => projects[a.ProjectId].Department == d), null)));
                rows.Add(Line("-", FundFigures.TownshipRun, null, allocations.Where(a => projects[a.ProjectId].Department is null), null));
                break;
        }
        rows = rows.Where(r => r.Allocated != 0 || r.Received is > 0).ToList();
        var received = by is "source" or "category" ? FundFigures.Sum(sources.Select(s => s.Amount)) : (Money?)null;
        var total = Line("total", new LocalText("合计", "Total"), received, allocations, null);
        return new Result(by, request.Year, rows, total);
    }

    private static Row Line(string key, LocalText name, Money? received, IEnumerable<FundFigures.AllocationRow> allocations, Guid? id)
    {
        var list = allocations.ToList();
        var allocated = FundFigures.Sum(list.Select(a => a.Amount));
        var disbursed = FundFigures.Sum(list.Select(a => a.Disbursed));
        return new Row(key, name, received?.Yuan, allocated.Yuan, disbursed.Yuan, (allocated - disbursed).Yuan, received is { } r ? (r - allocated).Yuan : null, id);
    }
}
