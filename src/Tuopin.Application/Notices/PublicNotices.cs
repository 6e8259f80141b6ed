using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Storage;
using Tuopin.Domain.Assistance;
using Tuopin.Domain.Common;
using Tuopin.Domain.Exit;
using Tuopin.Domain.Funds;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Notices;

/// <summary>The reading shared by the notices: places as a notice prints them, the villages' exit lists and household-benefit lists, masked names.</summary>
internal static class PublicNotices
{
    public sealed record Place(string Township, string Village);

    public sealed record ExitList(Guid VillageId, int Year, string Township, string Village, DateOnly StartsOn, DateOnly EndsOn, int Households);

    public sealed record ExitHousehold(Guid ProcedureId, Guid HouseholdId, Guid VillageId, int Year, DateOnly Posted, DateOnly Ends);


    public static async Task<Dictionary<Guid, List<Place>>> ProjectPlacesAsync(TuopinDb db, IReadOnlyCollection<Guid> projects, CancellationToken ct)
    {
        if (projects.Count == 0) return [];
        var rows = await (from pv in db.ProjectVillages.AsNoTracking()
                          join v in db.Villages on pv.VillageId equals v.Id
                          join t in db.Townships on v.TownshipId equals t.Id
                          where projects.Contains(pv.ProjectId)
                          select new { pv.ProjectId, Township = t.Name, Village = v.Name }).ToListAsync(ct);
        return rows.GroupBy(r => r.ProjectId).ToDictionary(g => g.Key,
            g => g.Select(r => new Place(r.Township, r.Village)).OrderBy(p => p.Township, StringComparer.Ordinal).ThenBy(p => p.Village, StringComparer.Ordinal).ToList());
    }

    /// <summary>三胡乡黄柏园村、三胡乡石板村 … (and N villages more).</summary>
    public static string PlaceText(IReadOnlyList<Place> places) =>
        places.Count == 0 ? "—" : string.Join("、", places.Take(3).Select(p => p.Township + p.Village)) + (places.Count > 3 ? $" 等{places.Count}个村" : "");

    /// <summary>The households on exit notice (not withdrawn), posted on or before today and ending on or after <paramref name="since"/>.</summary>
    public static async Task<List<ExitHousehold>> ExitHouseholdsAsync(TuopinDb db, Guid? village, int? year, DateOnly since, DateOnly today, CancellationToken ct)
    {
        var query = from p in db.ExitProcedures.AsNoTracking()
                    join s in db.ProcedureSteps on p.Id equals s.ProcedureId
                    where s.Step == ProcedureStep.PublicNotice && p.NoticeEndsOn != null && !p.Withdrawn && p.NoticeEndsOn >= since && s.Date <= today
                    select new { p.Id, p.HouseholdId, p.VillageId, p.Year, Posted = s.Date, Ends = p.NoticeEndsOn!.Value };
        if (village is { } v) query = query.Where(x => x.VillageId == v);
        if (year is { } y) query = query.Where(x => x.Year == y);
        return (await query.ToListAsync(ct)).Select(x => new ExitHousehold(x.Id, x.HouseholdId, x.VillageId, x.Year, x.Posted, x.Ends)).ToList();
    }

    /// <summary>A village's exit list of a year: its period runs from the first posting to the last end.</summary>
    public static async Task<List<ExitList>> ExitListsAsync(TuopinDb db, Guid? village, int? year, DateOnly since, DateOnly today, CancellationToken ct)
    {
        var households = await ExitHouseholdsAsync(db, village, year, since, today, ct);
        if (households.Count == 0) return [];
        var villages = households.Select(h => h.VillageId).Distinct().ToList();
        var names = await (from v in db.Villages.AsNoTracking()
                           join t in db.Townships on v.TownshipId equals t.Id
                           where villages.Contains(v.Id)
                           select new { v.Id, Village = v.Name, Township = t.Name }).ToDictionaryAsync(x => x.Id, ct);
        return households.GroupBy(h => (h.VillageId, h.Year))
            .Select(g => new ExitList(g.Key.VillageId, g.Key.Year, names[g.Key.VillageId].Township, names[g.Key.VillageId].Village,
                g.Min(h => h.Posted), g.Max(h => h.Ends), g.Count()))
            .ToList();
    }

    /// <summary>Each household's public line: the head's masked name, the village group, the household's size. Nothing else.</summary>
    public static async Task<Dictionary<Guid, (string Name, string? Group, int Size)>> HouseholdLinesAsync(TuopinDb db, IReadOnlyCollection<Guid> households, CancellationToken ct)
    {
        if (households.Count == 0) return [];
        var heads = await db.Members.AsNoTracking()
            .Where(m => households.Contains(m.HouseholdId) && m.Relation == Relation.Head)
            .Select(m => new { m.HouseholdId, m.Name }).ToListAsync(ct);
        var rows = await (from h in db.Households.AsNoTracking()
                          join g in db.VillageGroups on h.GroupId equals g.Id into groups
                          from g in groups.DefaultIfEmpty()
                          where households.Contains(h.Id)
                          select new { h.Id, Group = g == null ? (string?)null : g.Name, h.Size }).ToListAsync(ct);
        var headOf = heads.GroupBy(h => h.HouseholdId).ToDictionary(g => g.Key, g => g.First().Name);
        return rows.ToDictionary(r => r.Id, r => (Domain.Notices.NoticeRules.MaskName(headOf.GetValueOrDefault(r.Id)), (string?)r.Group, r.Size));
    }

    public sealed record Benefit(Guid HouseholdId, string Project, string Subsidy, Money Amount, DateOnly PaidOn);

    /// <summary>
    /// What reached each household of a village in a year from the fund ledger: its household payments (一卡通) by the day paid,
    /// one line per household, project and subsidy (the type the ledger names, or the measure paid), net of refunds; a line
    /// refunded to nothing is not shown.
    /// </summary>
    public static async Task<List<Benefit>> BenefitsAsync(TuopinDb db, Guid villageId, int year, CancellationToken ct)
    {
        var first = new DateOnly(year, 1, 1);
        var next = first.AddYears(1);
        var rows = await (from d in db.Disbursements.AsNoTracking()
                          join p in db.Projects on d.ProjectId equals p.Id
                          where d.PayeeKind == PayeeKind.Household && d.HouseholdId != null && d.VillageId == villageId && d.PaidOn >= first && d.PaidOn < next
                          select new { HouseholdId = d.HouseholdId!.Value, d.ProjectId, Project = p.Name, d.SubsidyType, d.MeasureId, d.Amount, d.PaidOn }).ToListAsync(ct);
        var measureIds = rows.Where(r => r.MeasureId != null).Select(r => r.MeasureId!.Value).Distinct().ToList();
        var measures = measureIds.Count == 0 ? [] : await db.Measures.AsNoTracking().Where(m => measureIds.Contains(m.Id))
            .Select(m => new { m.Id, m.Type }).ToDictionaryAsync(m => m.Id, m => m.Type, ct);
        string Subsidy(string? type, Guid? measure) =>
            !string.IsNullOrWhiteSpace(type) ? type.Trim()
            : measure is { } id && measures.TryGetValue(id, out var t) ? MeasureTypes.Codes.Name(t).Zh
            : "—";
        return rows.GroupBy(r => (r.HouseholdId, r.ProjectId, r.Project, Subsidy: Subsidy(r.SubsidyType, r.MeasureId)))
            .Select(g => new Benefit(g.Key.HouseholdId, g.Key.Project, g.Key.Subsidy, new Money(g.Sum(r => r.Amount.Fen)),
                g.Where(r => r.Amount.Fen > 0).Select(r => r.PaidOn).DefaultIfEmpty(g.Min(r => r.PaidOn)).Min()))
            .Where(b => b.Amount.Fen > 0)
            .ToList();
    }

    /// <summary>The household-benefit lists the county has published whose period has started and ended on or after <paramref name="since"/>, with the households on each.</summary>
    public static async Task<List<ExitList>> BenefitListsAsync(TuopinDb db, DateOnly since, DateOnly today, CancellationToken ct)
    {
        var notices = await (from n in db.BenefitNotices.AsNoTracking()
                             join v in db.Villages on n.VillageId equals v.Id
                             join t in db.Townships on v.TownshipId equals t.Id
                             where n.StartsOn <= today && n.EndsOn >= since
                             select new { n.VillageId, n.Year, Township = t.Name, Village = v.Name, n.StartsOn, n.EndsOn }).ToListAsync(ct);
        var lists = new List<ExitList>();
        foreach (var n in notices)
        {
            var first = new DateOnly(n.Year, 1, 1);
            var next = first.AddYears(1);
            var households = await db.Disbursements.AsNoTracking()
                .Where(d => d.PayeeKind == PayeeKind.Household && d.VillageId == n.VillageId && d.HouseholdId != null && d.PaidOn >= first && d.PaidOn < next)
                .Select(d => d.HouseholdId).Distinct().CountAsync(ct);
            lists.Add(new ExitList(n.VillageId, n.Year, n.Township, n.Village, n.StartsOn, n.EndsOn, households));
        }
        return lists;
    }
}
