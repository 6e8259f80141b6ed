using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Storage;
using Tuopin.Domain.Exit;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Exit;

internal static class EvaluationRates
{
    /// <summary>The three rates: people for 错退率 and 漏评率, households for 认可度 (see <see cref="GetEvaluation"/>).</summary>
    /// <param name="samples">The sampled households with their findings.</param>
    /// <param name="sizes">The people of each sampled registry household.</param>
    /// <param name="outsidePopulation">The sampled villages' non-registered rural population; null when a village has no 户籍人口.</param>
    public static (Proportion WrongExit, Proportion Missed, Proportion Approval) Of(
        IReadOnlyCollection<EvaluationSample> samples, IReadOnlyDictionary<Guid, int> sizes, int? outsidePopulation)
    {
        int People(EvaluationSample s) => s.HouseholdId is { } h ? sizes.GetValueOrDefault(h) : 0;
        var exited = samples.Where(s => s.Kind == SampleKind.Exited && s.WronglyExited != null).ToList();
        var missed = samples.Where(s => s.Kind == SampleKind.Outside && s.Missed == true).Sum(s => s.People ?? 0);
        var outsideChecked = samples.Any(s => s.Kind == SampleKind.Outside && s.Missed != null);
        return (
            Proportion.From(exited.Where(s => s.WronglyExited == true).Sum(People), exited.Sum(People)),
            outsideChecked && outsidePopulation is > 0 ? Proportion.From(missed, outsidePopulation.Value) : new Proportion(missed, 0, null, null, null),
            Proportion.From(samples.Count(s => s.Approves == true), samples.Count(s => s.Approves != null)));
    }

    /// <summary>
    /// The non-registered rural population of the sampled villages: each one's 户籍人口 less the people of its
    /// registry households (not removed). Null when any sampled village has no 户籍人口 in the places data.
    /// </summary>
    public static async Task<int?> OutsidePopulationAsync(TuopinDb db, IReadOnlyCollection<EvaluationSample> samples, CancellationToken ct)
    {
        var villageIds = samples.Select(s => s.VillageId).Distinct().ToList();
        var populations = await db.Villages.AsNoTracking().Where(v => villageIds.Contains(v.Id)).Select(v => v.RegisteredPopulation).ToListAsync(ct);
        if (populations.Count == 0 || populations.Any(p => p is not > 0)) return null;
        var registered = await db.Households.AsNoTracking()
            .Where(h => villageIds.Contains(h.VillageId) && h.ClosedOn == null).Where(HouseholdStanding.Registered()).SumAsync(h => h.Size, ct);
        return Math.Max(0, populations.Sum(p => p!.Value) - registered);
    }

    public static async Task<Dictionary<Guid, int>> SizesAsync(TuopinDb db, IReadOnlyCollection<EvaluationSample> samples, CancellationToken ct)
    {
        var ids = samples.Where(s => s.HouseholdId != null).Select(s => s.HouseholdId!.Value).ToList();
        return await db.Households.AsNoTracking().Where(h => ids.Contains(h.Id)).ToDictionaryAsync(h => h.Id, h => h.Size, ct);
    }
}
