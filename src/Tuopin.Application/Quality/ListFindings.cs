using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;

namespace Tuopin.Application.Quality;

/// <summary>The households (and members) one rule flags, a page at a time, with any officer's review.</summary>
public sealed class ListFindings(Database database)
{
    public sealed record Query(string Rule, Guid? TownshipId = null, int Page = 1, int PageSize = 50, Guid? VillageId = null);

    public sealed record Review(ReviewResolution Resolution, string Reason, string ReviewedBy, DateTime ReviewedAt);

    /// <summary>One flagged household or member; <c>Detail</c> says what the rule found wrong there, in words (the offending value), when it can be said.</summary>
    public sealed record Finding(Guid HouseholdId, string HouseholdNumber, string Township, string Village, Guid SubjectId, Guid? MemberId, string? MemberName, Review? Review, LocalText? Detail = null)
    {
        /// <summary>Open unless an officer explained it; a finding marked fixed that still fails is open.</summary>
        public bool Open => Review?.Resolution != ReviewResolution.Explained;
    }

    public sealed record Result(string Rule, LocalText Name, LocalText Explanation, Page<Finding> Findings);

    public async Task<Result> HandleAsync(Query query, CancellationToken ct = default)
    {
        var rule = QualityRules.Find(query.Rule) ?? throw new NotFoundException(new LocalText($"没有名为“{query.Rule}”的校验规则", $"No rule named \"{query.Rule}\""));
        await using var db = database.Open();
        var day = database.Clock.Today();
        var size = Math.Clamp(query.PageSize, 1, 200);
        var page = Math.Max(1, query.Page);
        List<FindingRow> rows;
        int total;
        if (rule.Query is { } q)
        {
            var all = q(db, day);
            if (query.TownshipId is { } tid) all = all.Where(f => f.TownshipId == tid);
            if (query.VillageId is { } vid) all = all.Where(f => f.VillageId == vid);
            total = await all.CountAsync(ct);
            rows = await all.OrderBy(f => f.HouseholdId).ThenBy(f => f.SubjectId).Skip((page - 1) * size).Take(size).ToListAsync(ct);
        }
        else
        {
            var all = (await QualityRules.ResidentIdFindingsAsync(db, database.Protector, day, ct)).Where(f => query.TownshipId is null || f.TownshipId == query.TownshipId)
                .Where(f => query.VillageId is null || f.VillageId == query.VillageId).ToList();
            total = all.Count;
            rows = all.OrderBy(f => f.HouseholdId).ThenBy(f => f.SubjectId).Skip((page - 1) * size).Take(size).ToList();
        }
        var householdIds = rows.Select(r => r.HouseholdId).Distinct().ToList();
        var households = await db.Households.AsNoTracking().Where(h => householdIds.Contains(h.Id))
            .Select(h => new { h.Id, h.Number, Township = db.Townships.Where(t => t.Id == h.TownshipId).Select(t => t.Name).FirstOrDefault(), Village = db.Villages.Where(v => v.Id == h.VillageId).Select(v => v.Name).FirstOrDefault() })
            .ToDictionaryAsync(h => h.Id, ct);
        var memberIds = rows.Where(r => r.MemberId is not null).Select(r => r.MemberId!.Value).ToList();
        var names = await db.Members.AsNoTracking().Where(m => memberIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Name, ct);
        var subjects = rows.Select(r => r.SubjectId).ToList();
        var reviews = await db.QualityReviews.AsNoTracking().Where(r => r.RuleCode == rule.Code && subjects.Contains(r.SubjectId))
            .ToDictionaryAsync(r => r.SubjectId, r => new Review(r.Resolution, r.Reason, r.ReviewedBy, r.ReviewedAt), ct);
        var details = await FindingDetails.LoadAsync(db, database.Protector, rule, rows, day, ct);
        var items = rows.Select(r =>
        {
            var h = households[r.HouseholdId];
            return new Finding(r.HouseholdId, h.Number, h.Township ?? string.Empty, h.Village ?? string.Empty, r.SubjectId, r.MemberId,
                r.MemberId is { } mid ? names.GetValueOrDefault(mid) : null, reviews.GetValueOrDefault(r.SubjectId), details.GetValueOrDefault(r.SubjectId));
        }).ToList();
        return new Result(rule.Code, rule.Name, rule.Explanation, new Page<Finding>(items, total, page, size));
    }
}
