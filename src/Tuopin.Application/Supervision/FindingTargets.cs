using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Supervision;

namespace Tuopin.Application.Supervision;

/// <summary>
/// What a finding points at (a household, a village, a project, a payment): looked up in the county, its place (the
/// township and village it is in, if one), and every township and village it touches — a project its responsible
/// township and its villages, a payment its own place or its project's — to check it lies in the inspection's area.
/// </summary>
internal static class FindingTargets
{
    /// <summary>Where the target lies; <see cref="ProjectId"/> is the project a payment was made under (its page shows the payment).</summary>
    public sealed record Place(Guid? TownshipId, Guid? VillageId, IReadOnlySet<Guid> Townships, IReadOnlySet<Guid> Villages, string Label, Guid? ProjectId = null)
    {
        public bool Within(Guid? township, Guid? village) =>
            village is { } v ? Villages.Contains(v) : township is not { } t || Townships.Contains(t);
    }

    public static async Task<Place?> FindAsync(TuopinDb db, Guid county, FindingTarget kind, Guid id, CancellationToken ct)
    {
        switch (kind)
        {
            case FindingTarget.Household:
                var h = await db.Households.AsNoTracking().Where(x => x.Id == id && x.CountyId == county)
                    .Select(x => new { x.TownshipId, x.VillageId, x.Number }).FirstOrDefaultAsync(ct);
                return h is null ? null : new Place(h.TownshipId, h.VillageId, new HashSet<Guid> { h.TownshipId }, new HashSet<Guid> { h.VillageId }, h.Number);
            case FindingTarget.Village:
                var v = await db.Villages.AsNoTracking().Where(x => x.Id == id && x.CountyId == county).Select(x => new { x.TownshipId, x.Name }).FirstOrDefaultAsync(ct);
                return v is null ? null : new Place(v.TownshipId, id, new HashSet<Guid> { v.TownshipId }, new HashSet<Guid> { id }, v.Name);
            case FindingTarget.Project:
                return await ProjectAsync(db, county, id, null, null, ct);
            case FindingTarget.Payment:
                var d = await db.Disbursements.AsNoTracking().Where(x => x.Id == id && x.CountyId == county)
                    .Select(x => new { x.ProjectId, x.TownshipId, x.VillageId, x.Payee, x.VoucherNumber }).FirstOrDefaultAsync(ct);
                if (d is null) return null;
                var label = string.IsNullOrWhiteSpace(d.VoucherNumber) ? d.Payee : $"{d.VoucherNumber} {d.Payee}";
                if (d.VillageId is { } pv)
                {
                    var township = d.TownshipId ?? await db.Villages.Where(x => x.Id == pv).Select(x => x.TownshipId).FirstAsync(ct);
                    return new Place(township, pv, new HashSet<Guid> { township }, new HashSet<Guid> { pv }, label, d.ProjectId);
                }
                return await ProjectAsync(db, county, d.ProjectId, d.TownshipId, label, ct) is { } place ? place with { ProjectId = d.ProjectId } : null;
            default:
                return null;
        }
    }

    private static async Task<Place?> ProjectAsync(TuopinDb db, Guid county, Guid id, Guid? township, string? label, CancellationToken ct)
    {
        var p = await db.Projects.AsNoTracking().Where(x => x.Id == id && x.CountyId == county)
            .Select(x => new { x.ResponsibleTownshipId, x.Code, x.Name }).FirstOrDefaultAsync(ct);
        if (p is null) return null;
        var villages = await (from pv in db.ProjectVillages where pv.ProjectId == id join v in db.Villages on pv.VillageId equals v.Id select new { v.Id, v.TownshipId }).ToListAsync(ct);
        var townships = villages.Select(v => v.TownshipId).ToHashSet();
        if (p.ResponsibleTownshipId is { } rt) townships.Add(rt);
        if (township is { } t) townships.Add(t);
        var own = township ?? p.ResponsibleTownshipId ?? (townships.Count == 1 ? townships.First() : null);
        Guid? village = villages.Count == 1 ? villages[0].Id : null;
        return new Place(own, village, townships, villages.Select(v => v.Id).ToHashSet(), label ?? $"{p.Code} {p.Name}");
    }

    public static Problem NotFound(FindingTarget kind) => new("targetId", "finding.target", new LocalText(
        $"找不到所指的{SupervisionRules.Targets.Name(kind).Zh}", $"No such {SupervisionRules.Targets.Name(kind).En.ToLowerInvariant()}"));
}
