using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;

namespace Tuopin.Application.Quality;

/// <summary>
/// Runs every data-quality rule over the registry of the user's area and counts the findings per
/// rule and township: all findings, those an officer explained, and the open rest. Findings marked
/// fixed that still fail are open again.
/// </summary>
public sealed class CheckQuality(Database database)
{
    public sealed record TownshipCount(Guid TownshipId, string Township, int Findings, int Explained);

    public sealed record RuleResult(string Code, LocalText Name, LocalText Explanation, bool MemberRule, int Findings, int Explained, IReadOnlyList<TownshipCount> ByTownship)
    {
        public int Open => Findings - Explained;
    }

    public sealed record Result(DateOnly Day, IReadOnlyList<RuleResult> Rules)
    {
        public int Open => Rules.Sum(r => r.Open);
    }

    public async Task<Result> HandleAsync(CancellationToken ct = default)
    {
        await using var db = database.Open();
        var day = DateOnly.FromDateTime(database.Clock.GetLocalNow().DateTime);
        var townships = await db.Townships.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var results = new List<RuleResult>();
        foreach (var rule in QualityRules.All)
        {
            List<(Guid Township, int Count)> all, explained;
            if (rule.Query is { } query)
            {
                all = (await query(db, day).GroupBy(f => f.TownshipId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct)).Select(x => (x.Key, x.Count)).ToList();
                explained = (await Explained(db, query(db, day), rule.Code).GroupBy(f => f.TownshipId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct)).Select(x => (x.Key, x.Count)).ToList();
            }
            else
            {
                var rows = await QualityRules.ResidentIdFindingsAsync(db, database.Protector, day, ct);
                var done = (await ExplainedSubjectsAsync(db, rule.Code, ct)).ToHashSet();
                all = rows.GroupBy(r => r.TownshipId).Select(g => (g.Key, g.Count())).ToList();
                explained = rows.Where(r => done.Contains(r.SubjectId)).GroupBy(r => r.TownshipId).Select(g => (g.Key, g.Count())).ToList();
            }
            var by = all.Select(a => new TownshipCount(a.Township, townships.GetValueOrDefault(a.Township, string.Empty), a.Count,
                    explained.Where(e => e.Township == a.Township).Sum(e => e.Count)))
                .OrderBy(t => t.Township)
                .ToList();
            results.Add(new RuleResult(rule.Code, rule.Name, rule.Explanation, rule.MemberRule, by.Sum(t => t.Findings), by.Sum(t => t.Explained), by));
        }
        return new Result(day, results);
    }

    internal static IQueryable<FindingRow> Explained(TuopinDb db, IQueryable<FindingRow> findings, string code) =>
        findings.Where(f => db.QualityReviews.Any(r => r.RuleCode == code && r.SubjectId == f.SubjectId && r.Resolution == ReviewResolution.Explained));

    internal static Task<List<Guid>> ExplainedSubjectsAsync(TuopinDb db, string code, CancellationToken ct) =>
        db.QualityReviews.AsNoTracking().Where(r => r.RuleCode == code && r.Resolution == ReviewResolution.Explained).Select(r => r.SubjectId).ToListAsync(ct);
}
