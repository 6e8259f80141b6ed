using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Assistance;

namespace Tuopin.Application.Assistance;

/// <summary>
/// The return-to-poverty watch of the user's area (防返贫监测台账): counts of open, overdue, risk-removed and returned
/// cases, by township for the county and by village for a township; and the cases themselves (open ones by
/// default, or all), overdue first, a page at a time. Registered households and edge households (边缘户, recorded
/// for the watch only) are listed alike; each row says which it is. Overdue is read on the working day, as the other
/// assistance pages read theirs (<see cref="AssistanceRules.DayOf"/>): today in the working year, else that year's last
/// day, so a county (or the demo) still working on a past year does not see every case overdue by the calendar.
/// </summary>
public sealed class ListMonitoringCases(Database database)
{
    public sealed record Request(bool OpenOnly = true, Guid? TownshipId = null, Guid? VillageId = null, int Page = 1, int PageSize = 50);

    public sealed record AreaCount(Guid AreaId, string Area, int Open, int Overdue, int RiskRemoved, int Returned, int OpenEdge = 0, int Registered = 0);

    public sealed record Row(
        Guid Id, int Version, Guid? HouseholdId, Guid? EdgeHouseholdId, string Number, string Head, string Township, string Village, MonitoringRisk Risk, string Reason,
        DateOnly EnrolledOn, DateOnly ReviewDue, bool Overdue, DateOnly? LastReviewedOn, string? LastReviewNote, int Reviews,
        DateOnly? ClosedOn, MonitoringOutcome? Outcome, string? CloseReason, string RecordedBy);

    public sealed record Result(DateOnly Today, int Open, int Overdue, int RiskRemoved, int Returned, int OpenEdge, int Registered, AreaLevel? BreakdownLevel, IReadOnlyList<AreaCount> ByArea, Page<Row> Cases);

    public async Task<Result> HandleAsync(Request request, CancellationToken ct = default)
    {
        var actor = database.Actor;
        await using var db = database.Open();
        var today = await MonitoringCases.WatchDayAsync(db, database.Clock, ct);
        var cases = db.MonitoringCases.AsNoTracking();
        if (request.TownshipId is { } t) cases = cases.Where(c => c.TownshipId == t);
        if (request.VillageId is { } v) cases = cases.Where(c => c.VillageId == v);

        var level = request.VillageId is not null ? (AreaLevel?)null : request.TownshipId is not null ? AreaLevel.Village : actor.Scope.Level switch
        {
            AreaLevel.Everything or AreaLevel.County => AreaLevel.Township,
            AreaLevel.Township => AreaLevel.Village,
            _ => (AreaLevel?)null,
        };
        var counts = await cases
            .GroupBy(c => new { c.TownshipId, c.VillageId })
            .Select(g => new
            {
                g.Key.TownshipId, g.Key.VillageId,
                Open = g.Count(c => c.ClosedOn == null),
                Overdue = g.Count(c => c.ClosedOn == null && c.ReviewDue < today),
                Removed = g.Count(c => c.Outcome == MonitoringOutcome.RiskRemoved),
                Returned = g.Count(c => c.Outcome == MonitoringOutcome.ReturnedToPoverty),
                OpenEdge = g.Count(c => c.ClosedOn == null && c.EdgeHouseholdId != null),
                Registered = g.Count(c => c.Outcome == MonitoringOutcome.RegisteredAsPoor),
            })
            .ToListAsync(ct);
        var byArea = new List<AreaCount>();
        if (level is { } l)
        {
            var areaIds = counts.Select(c => l == AreaLevel.Township ? c.TownshipId : c.VillageId).Distinct().ToList();
            var names = l == AreaLevel.Township
                ? await db.Townships.AsNoTracking().Where(x => areaIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.Name, ct)
                : await db.Villages.AsNoTracking().Where(x => areaIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.Name, ct);
            byArea = counts.GroupBy(c => l == AreaLevel.Township ? c.TownshipId : c.VillageId)
                .Select(g => new AreaCount(g.Key, names.GetValueOrDefault(g.Key, string.Empty), g.Sum(x => x.Open), g.Sum(x => x.Overdue), g.Sum(x => x.Removed), g.Sum(x => x.Returned), g.Sum(x => x.OpenEdge), g.Sum(x => x.Registered)))
                .OrderBy(a => a.Area, StringComparer.Ordinal).ToList();
        }

        var listed = request.OpenOnly ? cases.Where(c => c.ClosedOn == null) : cases;
        var total = await listed.CountAsync(ct);
        var size = Math.Clamp(request.PageSize, 1, 500);
        var page = Math.Max(1, request.Page);
        var rows = await (from c in listed
                          join h0 in db.Households on c.HouseholdId equals (Guid?)h0.Id into hs
                          from h in hs.DefaultIfEmpty()
                          join e0 in db.EdgeHouseholds on c.EdgeHouseholdId equals (Guid?)e0.Id into es
                          from e in es.DefaultIfEmpty()
                          join vil in db.Villages on c.VillageId equals vil.Id
                          let number = h != null ? h.Number : e!.Number
                          orderby c.ClosedOn == null ? 0 : 1, c.ReviewDue, number
                          select new
                          {
                              c, Number = number, Township = vil.Township!.Name, Village = vil.Name,
                              Head = h != null
                                  ? h.Members.Where(m => m.Relation == Domain.Registry.Relation.Head && m.Status == Domain.Registry.MemberStatus.Present).Select(m => m.Name).FirstOrDefault()
                                  : e!.Members.Where(m => m.Relation == Domain.Registry.Relation.Head).Select(m => m.Name).FirstOrDefault(),
                          })
            .Skip((page - 1) * size).Take(size).ToListAsync(ct);
        var items = rows.Select(r => new Row(r.c.Id, r.c.Version, r.c.HouseholdId, r.c.EdgeHouseholdId, r.Number, r.Head ?? string.Empty, r.Township, r.Village, r.c.Risk, r.c.Reason,
            r.c.EnrolledOn, r.c.ReviewDue, r.c.IsOverdue(today), r.c.LastReviewedOn, r.c.LastReviewNote, r.c.Reviews, r.c.ClosedOn, r.c.Outcome, r.c.CloseReason, r.c.RecordedBy)).ToList();
        return new Result(today, counts.Sum(c => c.Open), counts.Sum(c => c.Overdue), counts.Sum(c => c.Removed), counts.Sum(c => c.Returned),
            counts.Sum(c => c.OpenEdge), counts.Sum(c => c.Registered), level, byArea,
            new Page<Row>(items, total, page, size));
    }
}

/// <summary>One monitoring case as a household's page shows it (a registered household's 帮扶 tab, an edge household's page).</summary>
public sealed record MonitoringCaseView(
    Guid Id, int Version, MonitoringRisk Risk, string Reason, DateOnly EnrolledOn, DateOnly ReviewDue, bool Overdue, DateOnly? LastReviewedOn,
    string? LastReviewNote, int Reviews, DateOnly? ClosedOn, MonitoringOutcome? Outcome, string? CloseReason, string RecordedBy)
{
    public static MonitoringCaseView Of(MonitoringCase c, DateOnly today) => new(c.Id, c.Version, c.Risk, c.Reason, c.EnrolledOn, c.ReviewDue, c.IsOverdue(today),
        c.LastReviewedOn, c.LastReviewNote, c.Reviews, c.ClosedOn, c.Outcome, c.CloseReason, c.RecordedBy);
}
