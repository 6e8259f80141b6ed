using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Storage;
using Tuopin.Domain.Supervision;

namespace Tuopin.Application.Supervision;

/// <summary>
/// The year's findings counted per township and per responsible unit (for the annual assessment's "findings closed on
/// time"): findings, closed, closed on time (closed on or before the deadline, <see cref="SupervisionRules.ClosedOnTime"/>)
/// and overdue as of a day (<see cref="SupervisionRules.IsOverdue"/>). Two grouped queries, whatever the number of findings.
/// A finding of no township (a county unit's) counts under the township row with no id.
/// </summary>
public sealed class GetFindingStats(Database database)
{
    public sealed record Row(Guid? Id, string Name, int Findings, int Closed, int ClosedOnTime, int Overdue);

    public sealed record Result(int Year, DateOnly AsOf, Row Total, IReadOnlyList<Row> ByTownship, IReadOnlyList<Row> ByUnit);

    public async Task<Result> HandleAsync(int year, DateOnly? asOf = null, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var day = asOf ?? SupervisionAccess.Today(database);
        var findings = SupervisionAccess.Findings(db, database.Actor).AsNoTracking().Where(f => f.Year == year);
        var byTownship = await findings.GroupBy(f => f.TownshipId)
            .Select(g => new
            {
                Id = g.Key,
                Name = db.Townships.Where(t => t.Id == g.Key).Select(t => t.Name).FirstOrDefault(),
                Findings = g.Count(),
                Closed = g.Count(f => f.Status == FindingStatus.Closed),
                OnTime = g.Count(f => f.Status == FindingStatus.Closed && f.ClosedOn <= f.Deadline),
                Overdue = g.Count(f => f.Status != FindingStatus.Closed && f.Deadline < day),
            }).ToListAsync(ct);
        var byUnit = await findings.GroupBy(f => f.ResponsibleUnitId)
            .Select(g => new
            {
                Id = g.Key,
                Name = db.OrgUnits.Where(u => u.Id == g.Key).Select(u => u.Name).First(),
                Findings = g.Count(),
                Closed = g.Count(f => f.Status == FindingStatus.Closed),
                OnTime = g.Count(f => f.Status == FindingStatus.Closed && f.ClosedOn <= f.Deadline),
                Overdue = g.Count(f => f.Status != FindingStatus.Closed && f.Deadline < day),
            }).ToListAsync(ct);
        var townships = byTownship.Select(r => new Row(r.Id, r.Name ?? "县级单位", r.Findings, r.Closed, r.OnTime, r.Overdue)).OrderBy(r => r.Id is null).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
        var units = byUnit.Select(r => new Row(r.Id, r.Name, r.Findings, r.Closed, r.OnTime, r.Overdue)).OrderBy(r => r.Name, StringComparer.Ordinal).ToList();
        var total = new Row(null, "合计", townships.Sum(r => r.Findings), townships.Sum(r => r.Closed), townships.Sum(r => r.ClosedOnTime), townships.Sum(r => r.Overdue));
        return new Result(year, day, total, townships, units);
    }
}
