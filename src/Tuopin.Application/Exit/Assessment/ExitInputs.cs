using Tuopin.Application.Storage;
using Tuopin.Domain.Common;

namespace Tuopin.Application.Exit;

/// <summary>What a village's exit needs beyond the registry: its collective income and its conditions.</summary>
/// <param name="CollectiveIncome">村集体经济收入 of the year, if recorded.</param>
/// <param name="Conditions">Recorded conditions by <see cref="Domain.Exit.VillageConditionKeys"/> key: met or not.</param>
public sealed record VillageExitFacts(Money? CollectiveIncome, IReadOnlyDictionary<string, bool> Conditions);

/// <summary>
/// Supplies village facts to the assessment. The village-conditions feature implements it and registers it
/// as a scoped service; without one, configured village conditions show as "not yet recorded".
/// </summary>
public interface IVillageExitFacts
{
    Task<IReadOnlyDictionary<Guid, VillageExitFacts>> GetAsync(TuopinDb db, int year, IReadOnlyCollection<Guid> villageIds, CancellationToken ct);
}

/// <summary>A rate of the outside evaluation as counts: <see cref="Numerator"/> of <see cref="Denominator"/>.</summary>
public sealed record EvaluationRate(int Numerator, int Denominator)
{
    public decimal? Percent => Denominator > 0 ? Math.Round(100m * Numerator / Denominator, 2) : null;
}

/// <summary>The county's outside evaluation (第三方评估): 错退率, 漏评率 and 认可度 with their counts.</summary>
public sealed record CountyEvaluationRates(EvaluationRate WrongExit, EvaluationRate Missed, EvaluationRate Approval, string? Source = null);

/// <summary>
/// Supplies the outside evaluation's rates to the county assessment. The exit-procedure feature implements
/// it from its evaluation records; without one (or with no evaluation yet) the county shows "not yet evaluated".
/// </summary>
public interface ICountyEvaluationSource
{
    Task<CountyEvaluationRates?> GetAsync(TuopinDb db, Guid countyId, int year, CancellationToken ct);
}
