using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Storage;
using Tuopin.Domain.Exit;

namespace Tuopin.Application.Exit;

/// <summary>
/// Gives the county assessment (the <c>exit</c> feature's <see cref="AssessExit"/>) the three rates of the
/// outside evaluation recorded here; null until the year's sample has any finding.
/// </summary>
public sealed class RecordedCountyEvaluation : ICountyEvaluationSource
{
    public async Task<CountyEvaluationRates?> GetAsync(TuopinDb db, Guid countyId, int year, CancellationToken ct)
    {
        var id = await db.Set<Evaluation>().AsNoTracking().Where(e => e.CountyId == countyId && e.Year == year).Select(e => (Guid?)e.Id).FirstOrDefaultAsync(ct);
        if (id is null) return null;
        var all = await db.Set<EvaluationSample>().AsNoTracking().Where(s => s.EvaluationId == id).ToListAsync(ct);
        var samples = all.Where(s => s.VisitedOn != null).ToList();
        if (samples.Count == 0) return null;
        var (wrong, missed, approval) = EvaluationRates.Of(samples, await EvaluationRates.SizesAsync(db, samples, ct), await EvaluationRates.OutsidePopulationAsync(db, all, ct));
        return new CountyEvaluationRates(
            new EvaluationRate(wrong.Count, wrong.Of), new EvaluationRate(missed.Count, missed.Of), new EvaluationRate(approval.Count, approval.Of),
            $"第三方评估抽样（种子 {await db.Set<Evaluation>().Where(e => e.Id == id).Select(e => e.Seed).FirstAsync(ct)}），错退率、漏评率按人计，认可度按户计");
    }
}
