using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Exit;

namespace Tuopin.Application.Exit;

/// <summary>A sampled household; People: the registry's size for a registered one, the count at the visit for one outside.</summary>
public sealed record SampleRow(Guid Id, int Position, SampleKind Kind, string Township, string Village, Guid? HouseholdId, string? Number, string? Visited,
    DateOnly? VisitedOn, bool? WronglyExited, bool? Missed, bool? Approves, string? Note, int? People = null);

public sealed record EvaluationReport(
    Guid Id, int Year, long Seed, int Villages, int ExitedPerVillage, int NotExitedPerVillage, int OutsidePerVillage, string CreatedBy,
    Proportion WrongExit, Proportion Missed, Proportion Approval, string Method, int Visited, IReadOnlyList<SampleRow> Rows);

/// <summary>
/// The evaluation of a year: the sample with its findings, and, as the 2017 evaluation rules define them,
/// 错退率 = wrongly exited people ÷ people of the exited households checked, 漏评率 = people of the missed
/// households ÷ the non-registered rural population of the sampled villages (户籍人口 less the registry's
/// people), 认可度 = approving households ÷ households asked; each with its counts and a 95% Wilson interval
/// (which treats people as independent draws: a household's people are not, so the interval is too narrow).
/// </summary>
public sealed class GetEvaluation(Database database)
{
    public async Task<EvaluationReport?> HandleAsync(int year, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var e = await db.Set<Evaluation>().AsNoTracking().Where(x => x.Year == year && (database.Actor.Scope.Level == AreaLevel.Everything || x.CountyId == database.Actor.Scope.CountyId))
            .FirstOrDefaultAsync(ct);
        if (e is null) return null;
        var samples = await db.Set<EvaluationSample>().AsNoTracking().Where(s => s.EvaluationId == e.Id).OrderBy(s => s.Position).ToListAsync(ct);
        var ids = samples.Where(s => s.HouseholdId != null).Select(s => s.HouseholdId!.Value).ToList();
        var households = await db.Households.AsNoTracking().Where(h => ids.Contains(h.Id)).Select(h => new { h.Id, h.Number, h.Size }).ToDictionaryAsync(h => h.Id, ct);
        var names = await Registry.PlaceNames.LoadAsync(db, samples.Select(s => s.VillageId), ct);
        var rows = samples.Select(s => new SampleRow(s.Id, s.Position, s.Kind, names.Township(s.TownshipId), names.Village(s.VillageId), s.HouseholdId,
            s.HouseholdId is { } h ? households.GetValueOrDefault(h)?.Number : null, s.Visited, s.VisitedOn, s.WronglyExited, s.Missed, s.Approves, s.Note,
            s.HouseholdId is { } hh ? households.GetValueOrDefault(hh)?.Size : s.People)).ToList();
        var rates = EvaluationRates.Of(samples, households.ToDictionary(h => h.Key, h => h.Value.Size), await EvaluationRates.OutsidePopulationAsync(db, samples, ct));
        return new EvaluationReport(e.Id, e.Year, e.Seed, e.Villages, e.ExitedPerVillage, e.NotExitedPerVillage, e.OutsidePerVillage, e.CreatedBy,
            rates.WrongExit, rates.Missed, rates.Approval, Sampling.Method.Zh, samples.Count(s => s.VisitedOn != null), rows);
    }
}
