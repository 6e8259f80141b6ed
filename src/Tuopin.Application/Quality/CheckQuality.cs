using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;
using Tuopin.Application.Common;

namespace Tuopin.Application.Quality;

/// <summary>
/// Runs every data-quality rule over the registry of the user's area and counts the findings per
/// rule and township: all findings, those an officer explained, and the open rest. Findings marked
/// fixed that still fail are open again. The counts are also broken down one level below the user's area
/// (<see cref="Result.BreakdownLevel"/>): by township for the county, by village for a township, none for a
/// village (its own totals are the whole answer).
/// </summary>
public sealed class CheckQuality(Database database)
{
    public sealed record TownshipCount(Guid TownshipId, string Township, int Findings, int Explained);

    /// <summary>One rule's counts in one area of the breakdown (a township or a village).</summary>
    public sealed record AreaCount(Guid AreaId, string Area, int Findings, int Explained)
    {
        public int Open => Findings - Explained;
    }

    public sealed record RuleResult(string Code, LocalText Name, LocalText Explanation, bool MemberRule, int Findings, int Explained, IReadOnlyList<TownshipCount> ByTownship,
        IReadOnlyList<AreaCount> ByArea)
    {
        public int Open => Findings - Explained;
    }

    /// <summary>The day checked, each rule's counts, and the level of <see cref="RuleResult.ByArea"/>: Township, Village, or null (a village user's own totals).</summary>
    public sealed record Result(DateOnly Day, IReadOnlyList<RuleResult> Rules, AreaLevel? BreakdownLevel = null)
    {
        public int Open => Rules.Sum(r => r.Open);
    }

    public async Task<Result> HandleAsync(CancellationToken ct = default)
    {
        await using var db = database.Open();
        var day = database.Clock.Today();
        var townships = await db.Townships.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        AreaLevel? level = database.Actor.Scope.Level switch
        {
            AreaLevel.Everything or AreaLevel.County => AreaLevel.Township,
            AreaLevel.Township => AreaLevel.Village,
            _ => null,
        };
        var villages = level == AreaLevel.Village
            ? await db.Villages.AsNoTracking().Where(v => v.TownshipId == database.Actor.Scope.TownshipId).ToDictionaryAsync(v => v.Id, v => v.Name, ct)
            : [];
        var results = new List<RuleResult>();
        foreach (var rule in QualityRules.All)
        {
            List<(Guid Township, Guid Village, int Count)> all, explained;
            if (rule.Query is { } query)
            {
                all = (await query(db, day).GroupBy(f => new { f.TownshipId, f.VillageId }).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
                    .Select(x => (x.Key.TownshipId, x.Key.VillageId, x.Count)).ToList();
                explained = (await Explained(db, query(db, day), rule.Code).GroupBy(f => new { f.TownshipId, f.VillageId }).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
                    .Select(x => (x.Key.TownshipId, x.Key.VillageId, x.Count)).ToList();
            }
            else
            {
                var rows = await QualityRules.ResidentIdFindingsAsync(db, database.Protector, day, ct);
                var done = (await ExplainedSubjectsAsync(db, rule.Code, ct)).ToHashSet();
                all = rows.GroupBy(r => (r.TownshipId, r.VillageId)).Select(g => (g.Key.TownshipId, g.Key.VillageId, g.Count())).ToList();
                explained = rows.Where(r => done.Contains(r.SubjectId)).GroupBy(r => (r.TownshipId, r.VillageId)).Select(g => (g.Key.TownshipId, g.Key.VillageId, g.Count())).ToList();
            }
            var by = all.GroupBy(a => a.Township).Select(g => new TownshipCount(g.Key, townships.GetValueOrDefault(g.Key, string.Empty), g.Sum(a => a.Count),
                    explained.Where(e => e.Township == g.Key).Sum(e => e.Count)))
                .OrderBy(t => t.Township)
                .ToList();
            var byArea = level switch
            {
                AreaLevel.Township => by.Select(t => new AreaCount(t.TownshipId, t.Township, t.Findings, t.Explained)).ToList(),
                AreaLevel.Village => all.GroupBy(a => a.Village).Select(g => new AreaCount(g.Key, villages.GetValueOrDefault(g.Key, string.Empty), g.Sum(a => a.Count),
                        explained.Where(e => e.Village == g.Key).Sum(e => e.Count)))
                    .OrderBy(v => v.Area).ToList(),
                _ => [],
            };
            results.Add(new RuleResult(rule.Code, rule.Name, rule.Explanation, rule.MemberRule, by.Sum(t => t.Findings), by.Sum(t => t.Explained), by, byArea));
        }
        return new Result(day, results, level);
    }

    internal static IQueryable<FindingRow> Explained(TuopinDb db, IQueryable<FindingRow> findings, string code) =>
        findings.Where(f => db.QualityReviews.Any(r => r.RuleCode == code && r.SubjectId == f.SubjectId && r.Resolution == ReviewResolution.Explained));

    internal static Task<List<Guid>> ExplainedSubjectsAsync(TuopinDb db, string code, CancellationToken ct) =>
        db.QualityReviews.AsNoTracking().Where(r => r.RuleCode == code && r.Resolution == ReviewResolution.Explained).Select(r => r.SubjectId).ToListAsync(ct);
}
