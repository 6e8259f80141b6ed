using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Storage;
using Tuopin.Domain.Assistance;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Projects;

/// <summary>
/// 受益户 as the project page picks them: the households the project benefits now, and the registry households of the
/// project's villages the user sees (not removed) to choose from, each with its head and village, and the household measures
/// (帮扶措施, not cancelled) a payment to the household may point at. The area filter keeps what the user does not see out.
/// </summary>
public sealed class GetProjectBeneficiaries(Database database)
{
    public sealed record MeasureRow(Guid Id, int Year, MeasureType Type, string Content, decimal Amount);

    public sealed record HouseholdRow(Guid Id, string Number, string Head, string Village, bool Beneficiary, IReadOnlyList<MeasureRow> Measures);

    public sealed record Result(Guid ProjectId, int Version, bool CanSet, IReadOnlyList<HouseholdRow> Households)
    {
        public IEnumerable<HouseholdRow> Beneficiaries => Households.Where(h => h.Beneficiary);
    }

    public async Task<Result> HandleAsync(Guid projectId, CancellationToken ct = default)
    {
        var actor = database.Actor;
        await using var db = database.Open();
        var p = await ProjectAccess.Visible(db, actor).AsNoTracking().FirstOrDefaultAsync(x => x.Id == projectId, ct) ?? throw ProjectAccess.ProjectNotFound();
        var villages = await db.ProjectVillages.AsNoTracking().Where(pv => pv.ProjectId == projectId).Select(pv => pv.VillageId).ToListAsync(ct);
        var chosen = await db.ProjectBeneficiaries.AsNoTracking().Where(b => b.ProjectId == projectId).Select(b => b.HouseholdId).ToListAsync(ct);
        var households = await (from h in db.Households.AsNoTracking()
                                where (villages.Contains(h.VillageId) && h.Status != HouseholdStatus.Removed) || chosen.Contains(h.Id)
                                join v in db.Villages on h.VillageId equals v.Id
                                orderby h.Number
                                select new { h.Id, h.Number, Village = v.Name }).ToListAsync(ct);
        var ids = households.Select(h => h.Id).ToList();
        var heads = ids.Count == 0 ? [] : (await db.Members.AsNoTracking().Where(m => ids.Contains(m.HouseholdId) && m.Relation == Relation.Head)
            .Select(m => new { m.HouseholdId, m.Name }).ToListAsync(ct)).GroupBy(m => m.HouseholdId).ToDictionary(g => g.Key, g => g.First().Name);
        var measures = chosen.Count == 0 ? [] : (await db.Measures.AsNoTracking()
                .Where(m => m.HouseholdId != null && chosen.Contains(m.HouseholdId.Value) && m.Status != MeasureStatus.Cancelled)
                .OrderByDescending(m => m.Year).ThenBy(m => m.Type).ToListAsync(ct))
            .GroupBy(m => m.HouseholdId!.Value)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<MeasureRow>)g.Select(m => new MeasureRow(m.Id, m.Year, m.Type, m.Content, m.Amount.Yuan)).ToList());
        return new Result(p.Id, p.Version, p.Step != Domain.Projects.ProjectStep.Closed && ProjectAccess.IsOwner(actor, p),
            households.Select(h => new HouseholdRow(h.Id, h.Number, heads.GetValueOrDefault(h.Id) ?? "", h.Village, chosen.Contains(h.Id), measures.GetValueOrDefault(h.Id) ?? [])).ToList());
    }
}
