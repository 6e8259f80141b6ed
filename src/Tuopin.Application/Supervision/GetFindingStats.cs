using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Storage;
using Tuopin.Domain.Supervision;
using Tuopin.Application.Common;

namespace Tuopin.Application.Supervision;

/// <summary>
/// The year's findings counted per township and per responsible unit (for the annual assessment's "findings closed on
/// time"): findings, closed, closed on time (closed on or before the deadline, <see cref="SupervisionRules.ClosedOnTime"/>)
/// and overdue as of a day (<see cref="SupervisionRules.IsOverdue"/>). Three grouped queries and a count, whatever the number of findings.
/// A finding of no township (a county unit's) counts under the township row with no id.
/// Everything is as of the day: a finding counts once its inspection was held (visited, or planned when not yet visited) on or
/// before it, and as closed when it was closed on or before it (so a half-year summary drafted in December counts as of 30 June).
/// The work summary's inspections section (督查) reads its figures here too: the inspections held by the day
/// (<see cref="Result.Inspections"/>) and the findings by category (<see cref="Result.ByCategory"/>).
/// </summary>
public sealed class GetFindingStats(Database database)
{
    public sealed record Row(Guid? Id, string Name, int Findings, int Closed, int ClosedOnTime, int Overdue);

    /// <summary>The findings of one category (问题类别).</summary>
    public sealed record CategoryRow(FindingCategory Category, int Findings, int Closed, int ClosedOnTime, int Overdue);

    public sealed record Result(int Year, DateOnly AsOf, Row Total, IReadOnlyList<Row> ByTownship, IReadOnlyList<Row> ByUnit)
    {
        /// <summary>The year's inspections the reader sees that were held (visited) on or before <see cref="AsOf"/>.</summary>
        public int Inspections { get; init; }

        /// <summary>The findings by category, in the order of the category list.</summary>
        public IReadOnlyList<CategoryRow> ByCategory { get; init; } = [];
    }

    public Task<Result> HandleAsync(int year, DateOnly? asOf = null, CancellationToken ct = default) => HandleAsync(year, asOf, null, ct);

    /// <summary>townshipId: Only one township's findings (and the inspections of it or holding one of its findings), for a township's summary.</summary>
    public async Task<Result> HandleAsync(int year, DateOnly? asOf, Guid? townshipId, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var day = asOf ?? database.Clock.Today();
        var inspections = SupervisionAccess.Inspections(db, database.Actor).AsNoTracking().Where(i => i.Year == year);
        var findings = SupervisionAccess.Findings(db, database.Actor).AsNoTracking().Where(f => f.Year == year)
            .Where(f => db.Inspections.Any(i => i.Id == f.InspectionId && (i.VisitedOn ?? i.PlannedOn) <= day));
        if (townshipId is { } t)
        {
            inspections = inspections.Where(i => i.TownshipId == t || findings.Any(f => f.InspectionId == i.Id && f.TownshipId == t));
            findings = findings.Where(f => f.TownshipId == t);
        }
        var held = inspections.Where(i => i.VisitedOn != null && i.VisitedOn <= day);
        var byTownship = await findings.GroupBy(f => f.TownshipId)
            .Select(g => new
            {
                Id = g.Key,
                Name = db.Townships.Where(t => t.Id == g.Key).Select(t => t.Name).FirstOrDefault(),
                Findings = g.Count(),
                Closed = g.Count(f => f.Status == FindingStatus.Closed && f.ClosedOn <= day),
                OnTime = g.Count(f => f.Status == FindingStatus.Closed && f.ClosedOn <= day && f.ClosedOn <= f.Deadline),
                Overdue = g.Count(f => !(f.Status == FindingStatus.Closed && f.ClosedOn <= day) && f.Deadline < day),
            }).ToListAsync(ct);
        var byUnit = await findings.GroupBy(f => f.ResponsibleUnitId)
            .Select(g => new
            {
                Id = g.Key,
                Name = db.OrgUnits.Where(u => u.Id == g.Key).Select(u => u.Name).First(),
                Findings = g.Count(),
                Closed = g.Count(f => f.Status == FindingStatus.Closed && f.ClosedOn <= day),
                OnTime = g.Count(f => f.Status == FindingStatus.Closed && f.ClosedOn <= day && f.ClosedOn <= f.Deadline),
                Overdue = g.Count(f => !(f.Status == FindingStatus.Closed && f.ClosedOn <= day) && f.Deadline < day),
            }).ToListAsync(ct);
        var byCategory = await findings.GroupBy(f => f.Category)
            .Select(g => new
            {
                Category = g.Key,
                Findings = g.Count(),
                Closed = g.Count(f => f.Status == FindingStatus.Closed && f.ClosedOn <= day),
                OnTime = g.Count(f => f.Status == FindingStatus.Closed && f.ClosedOn <= day && f.ClosedOn <= f.Deadline),
                Overdue = g.Count(f => !(f.Status == FindingStatus.Closed && f.ClosedOn <= day) && f.Deadline < day),
            }).ToListAsync(ct);
        var heldCount = await held.CountAsync(ct);
        var townships = byTownship.Select(r => new Row(r.Id, r.Name ?? "县级单位", r.Findings, r.Closed, r.OnTime, r.Overdue)).OrderBy(r => r.Id is null).ThenBy(r => r.Name, StringComparer.Ordinal).ToList();
        var units = byUnit.Select(r => new Row(r.Id, r.Name, r.Findings, r.Closed, r.OnTime, r.Overdue)).OrderBy(r => r.Name, StringComparer.Ordinal).ToList();
        var total = new Row(null, "合计", townships.Sum(r => r.Findings), townships.Sum(r => r.Closed), townships.Sum(r => r.ClosedOnTime), townships.Sum(r => r.Overdue));
        var categories = SupervisionRules.Categories.Items.Select(c => c.Value).ToList();
        var byCat = byCategory.OrderBy(r => categories.IndexOf(r.Category)).Select(r => new CategoryRow(r.Category, r.Findings, r.Closed, r.OnTime, r.Overdue)).ToList();
        return new Result(year, day, total, townships, units) { Inspections = heldCount, ByCategory = byCat };
    }
}
