using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Assistance;
using Tuopin.Domain.Common;

namespace Tuopin.Application.Assistance;

/// <summary>
/// The households one assistance rule finds in the user's area in a year (the click-through of a coverage count),
/// optionally in one township or village, a page at a time, by township, village and household number. The same
/// facts and rule as the counts, so the list has exactly as many rows as the count says.
/// </summary>
public sealed class ListAssistanceFindings(Database database)
{
    public sealed record Request(string Rule, int? Year = null, Guid? TownshipId = null, Guid? VillageId = null, int Page = 1, int PageSize = 50);

    public sealed record Row(Guid HouseholdId, string Number, string Head, string Township, string Village, string? Plan);

    public sealed record Result(int Year, string Rule, LocalText Name, LocalText Explanation, Page<Row> Households);

    public async Task<Result> HandleAsync(Request request, CancellationToken ct = default)
    {
        var rule = AssistanceRules.Find(request.Rule)
            ?? throw new InvalidRequestException([new Problem("rule", "assistance.rule", new LocalText($"没有名为“{request.Rule}”的帮扶核查规则", $"No assistance rule is named '{request.Rule}'"))]);
        await using var db = database.Open();
        var year = request.Year ?? await WorkYear.GetAsync(db, database.Clock, ct);
        var day = AssistanceRules.DayOf(year, database.Clock.Today());
        var households = AssistanceFacts.PoorIn(db, year);
        if (request.TownshipId is { } t) households = households.Where(h => h.TownshipId == t);
        if (request.VillageId is { } v) households = households.Where(h => h.VillageId == v);
        var found = (await AssistanceFacts.BuildAsync(db, households, year, day, ct)).Where(rule.Finds).ToList();
        var ids = found.Select(f => f.HouseholdId).ToList();
        var size = Math.Clamp(request.PageSize, 1, 500);
        var page = Math.Max(1, request.Page);
        var rows = await (from h in db.Households.AsNoTracking().Where(h => ids.Contains(h.Id))
                          join vil in db.Villages on h.VillageId equals vil.Id
                          orderby vil.Township!.Name, vil.Name, h.Number
                          select new
                          {
                              h.Id, h.Number, Township = vil.Township!.Name, Village = vil.Name,
                              Head = h.Members.Where(m => m.Relation == Domain.Registry.Relation.Head && m.Status == Domain.Registry.MemberStatus.Present).Select(m => m.Name).FirstOrDefault(),
                          })
            .Skip((page - 1) * size).Take(size)
            .ToListAsync(ct);
        var plans = found.ToDictionary(f => f.HouseholdId, f => f.Plan);
        var items = rows.Select(r => new Row(r.Id, r.Number, r.Head ?? string.Empty, r.Township, r.Village,
            rule.Code == "plan_insufficient" ? plans[r.Id].Arithmetic.Current : null)).ToList();
        return new Result(year, rule.Code, rule.Name, rule.Explanation, new Page<Row>(items, found.Count, page, size));
    }
}
