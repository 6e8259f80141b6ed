using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Industry;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Industry;

/// <summary>
/// The participation records of the actor's area, newest first: of a household, a village, a township or an industry
/// (an industry with parts brings its parts' records, as its actuals count them), up to a year (the records behind an
/// actual) or of that year only. At most <see cref="Query.Limit"/> rows, with the total.
/// </summary>
public sealed class ListParticipations(Database database)
{
    public sealed record Query(Guid? HouseholdId = null, Guid? VillageId = null, Guid? TownshipId = null, string? IndustryId = null, int? Year = null,
        bool UpToYear = true, bool IncludeCancelled = false, int Limit = 200);

    public sealed record Row(
        Guid Id, Guid HouseholdId, string HouseholdNumber, string? HeadName, Guid VillageId, string Village, string Township,
        string IndustryId, string IndustryName, int Year, decimal Scale, string Unit, bool ScaleFarmer, BenefitLink Link, LocalText LinkName,
        Guid? MarketEntityId, string? MarketEntity, Guid MeasureId, DateOnly? CancelledOn, string? CancelReason, int Version);

    public sealed record Result(int Total, IReadOnlyList<Row> Rows);

    public async Task<Result> HandleAsync(Query query, CancellationToken ct = default)
    {
        var actor = database.Actor;
        await using var db = database.Open();
        var industries = await IndustryAccess.PlanIndustriesAsync(db, actor, ct);
        var names = industries.ToDictionary(i => i.Id, i => i.Name);
        var q = db.IndustryParticipations.AsNoTracking();
        if (query.HouseholdId is { } hid) q = q.Where(p => p.HouseholdId == hid);
        if (query.VillageId is { } vid) q = q.Where(p => p.VillageId == vid);
        if (query.TownshipId is { } tid) q = q.Where(p => p.TownshipId == tid);
        if (query.IndustryId is { Length: > 0 } industry)
        {
            var ids = (industries.FirstOrDefault(i => i.Id == industry)?.Parts ?? []).Append(industry).ToList();
            q = q.Where(p => ids.Contains(p.IndustryId));
        }
        if (query.Year is { } year) q = query.UpToYear ? q.Where(p => p.Year <= year) : q.Where(p => p.Year == year);
        if (!query.IncludeCancelled) q = q.Where(p => p.CancelledOn == null);
        var total = await q.CountAsync(ct);
        var limit = Math.Clamp(query.Limit, 1, 1000);
        var rows = await q.OrderByDescending(p => p.Year).ThenByDescending(p => p.CreatedAt).Take(limit)
            .Join(db.Households, p => p.HouseholdId, h => h.Id, (p, h) => new { p, h.Number })
            .Join(db.Villages, x => x.p.VillageId, v => v.Id, (x, v) => new { x.p, x.Number, Village = v.Name, Township = v.Township!.Name })
            .Select(x => new
            {
                x.p, x.Number, x.Village, x.Township,
                Head = db.Members.Where(m => m.HouseholdId == x.p.HouseholdId && m.Relation == Relation.Head && m.Status == MemberStatus.Present).Select(m => m.Name).FirstOrDefault(),
                Entity = db.MarketEntities.Where(e => e.Id == x.p.MarketEntityId).Select(e => e.Name).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return new Result(total, rows
            .OrderByDescending(x => x.p.Year).ThenByDescending(x => x.p.CreatedAt)
            .Select(x => new Row(x.p.Id, x.p.HouseholdId, x.Number, x.Head, x.p.VillageId, x.Village, x.Township,
                x.p.IndustryId, names.GetValueOrDefault(x.p.IndustryId, x.p.IndustryId), x.p.Year, x.p.Scale, IndustryRules.UnitOf(x.p.IndustryId), x.p.ScaleFarmer,
                x.p.Link, BenefitLinks.Codes.Name(x.p.Link), x.p.MarketEntityId, x.Entity, x.p.MeasureId, x.p.CancelledOn, x.p.CancelReason, x.p.Version))
            .ToList());
    }
}
