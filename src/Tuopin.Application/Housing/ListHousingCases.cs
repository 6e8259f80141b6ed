using Tuopin.Application.Storage;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Domain.Housing;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Housing;

/// <summary>
/// The housing cases of the user's area (住房项目台账): how many stand at each step, and the cases themselves, filtered by
/// step, kind, township, village or household, a page at a time, the oldest step first. A case whose construction started
/// more than <see cref="HousingCases.ConstructionDays"/> days ago and is not yet accepted is flagged as stalled.
/// Counts and rows are read by the database (set-based), never case by case.
/// </summary>
public sealed class ListHousingCases(Database database)
{
    public sealed record Request(HousingStep? Step = null, HousingCaseKind? Kind = null, Guid? TownshipId = null, Guid? VillageId = null, Guid? HouseholdId = null,
        bool StalledOnly = false, int Page = 1, int PageSize = 50);

    public sealed record StepCount(HousingStep Step, int Count);

    public sealed record Row(
        Guid Id, int Version, Guid HouseholdId, string Number, string Head, string Township, string Village, HousingCaseKind Kind, Settlement? Settlement, string? SiteName,
        HousingSubsidyCategory Category, decimal? Amount, HousingStep Step, DateOnly AppliedOn, DateOnly LastDay, AcceptanceResult? AcceptanceResult, bool Stalled);

    public sealed record Result(DateOnly Today, int Total, int Stalled, IReadOnlyList<StepCount> ByStep, Page<Row> Cases);

    public async Task<Result> HandleAsync(Request request, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var today = database.Clock.Today();
        var stalledBefore = today.AddDays(-HousingCases.ConstructionDays);
        var cases = db.HousingCases.AsNoTracking();
        if (request.Kind is { } kind) cases = cases.Where(c => c.Kind == kind);
        if (request.TownshipId is { } t) cases = cases.Where(c => c.TownshipId == t);
        if (request.VillageId is { } v) cases = cases.Where(c => c.VillageId == v);
        if (request.HouseholdId is { } h) cases = cases.Where(c => c.HouseholdId == h);
        var counts = await cases.GroupBy(c => c.Step)
            .Select(g => new { Step = g.Key, Count = g.Count(), Stalled = g.Count(c => c.Step == HousingStep.UnderConstruction && c.StartedOn < stalledBefore) })
            .ToListAsync(ct);
        var byStep = Enum.GetValues<HousingStep>().Select(s => new StepCount(s, counts.Where(c => c.Step == s).Sum(c => c.Count))).ToList();

        var listed = cases;
        if (request.Step is { } step) listed = listed.Where(c => c.Step == step);
        if (request.StalledOnly) listed = listed.Where(c => c.Step == HousingStep.UnderConstruction && c.StartedOn < stalledBefore);
        var total = await listed.CountAsync(ct);
        var size = Math.Clamp(request.PageSize, 1, 500);
        var page = Math.Max(1, request.Page);
        var rows = await (from c in listed
                          join hh in db.Households on c.HouseholdId equals hh.Id
                          join vil in db.Villages on c.VillageId equals vil.Id
                          orderby c.Step, c.AppliedOn, hh.Number
                          select new
                          {
                              c, hh.Number, Township = vil.Township!.Name, Village = vil.Name,
                              Head = hh.Members.Where(m => m.Relation == Relation.Head && m.Status == MemberStatus.Present).Select(m => m.Name).FirstOrDefault(),
                          })
            .Skip((page - 1) * size).Take(size).ToListAsync(ct);
        var items = rows.Select(r => new Row(r.c.Id, r.c.Version, r.c.HouseholdId, r.Number, r.Head ?? string.Empty, r.Township, r.Village, r.c.Kind, r.c.Settlement, r.c.SiteName,
            r.c.Category, (r.c.PaidAmount ?? r.c.Amount)?.Yuan, r.c.Step, r.c.AppliedOn, r.c.LastDay, r.c.AcceptanceResult, HousingCases.IsStalled(r.c, today))).ToList();
        return new Result(today, counts.Sum(c => c.Count), counts.Sum(c => c.Stalled), byStep, new Page<Row>(items, total, page, size));
    }
}
