using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Exit;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Exit;

/// <summary>
/// What-if (措施测算): which households not yet exited would meet the household standard in the year if the
/// given measures were completed — housing made safe, children back in school, medical insurance enrolled,
/// income raised — and which conditions each measure resolves. Nothing is stored.
/// </summary>
public sealed class PreviewExitMeasures(Database database)
{
    public sealed record Request(int Year, Measures Measures, Guid? TownshipId = null, Guid? VillageId = null);

    /// <summary>A household that becomes ready; <c>Resolved</c> lists the conditions failing now that the measures resolve.</summary>
    public sealed record Household(Guid Id, string Number, string Head, string Township, string Village, int People, IReadOnlyList<ConditionResult> Resolved);

    /// <summary>The households that become ready; <c>StillFailing</c> counts, for those still not ready, how many fail each rule after the measures.</summary>
    public sealed record Result(int Year, Measures Measures, int NotReadyBefore, IReadOnlyList<Household> BecomeReady, int StillNotReady, IReadOnlyDictionary<string, int> StillFailing);

    public async Task<Result> HandleAsync(Request request, CancellationToken ct = default)
    {
        var problems = new List<Problem>();
        if (!request.Measures.Any)
            problems.Add(new Problem("measures", "whatif.no_measure", new LocalText("请至少选择一项措施", "Choose at least one measure")));
        if (request.Measures.IncomeRaisedPerCapita is { IsNegative: true })
            problems.Add(new Problem("incomeRaisedPerCapita", "whatif.negative_income", new LocalText("增收金额不能为负数", "The income raise cannot be negative")));
        if (problems.Count > 0) throw new InvalidRequestException(problems);

        await using var db = database.Open();
        var line = await ExitStandardsStore.PovertyLineAsync(db, request.Year, ct);
        var snapshot = await ExitSnapshot.LoadAsync(db, request.Year, request.TownshipId, request.VillageId, ct);
        var become = new List<Household>();
        var notReadyBefore = 0;
        var still = new Dictionary<string, int>();
        foreach (var h in snapshot.Households.Where(h => HouseholdStanding.IsPoorAtEndOf(request.Year, h.Status, h.ExitYear)).OrderBy(h => h.Number, StringComparer.Ordinal))
        {
            if (!snapshot.Villages.TryGetValue(h.VillageId, out var village)) continue;
            var facts = snapshot.FactsOf(h);
            var before = HouseholdStandard.Check(facts, request.Year, line);
            if (before.All(c => c.Met)) continue;
            notReadyBefore++;
            var after = HouseholdStandard.Check(facts, request.Year, line, request.Measures);
            if (after.All(c => c.Met))
            {
                var head = snapshot.Members[h.Id].FirstOrDefault(m => m.Relation == Relation.Head)?.Name ?? string.Empty;
                become.Add(new Household(h.Id, h.Number, head, snapshot.Townships[h.TownshipId].Name, village.Name, h.Size, before.Where(c => !c.Met).ToList()));
            }
            else
            {
                foreach (var c in after.Where(c => !c.Met)) still[c.Rule] = still.GetValueOrDefault(c.Rule) + 1;
            }
        }
        return new Result(request.Year, request.Measures, notReadyBefore, become, notReadyBefore - become.Count, still);
    }
}
