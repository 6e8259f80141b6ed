using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Funds;

namespace Tuopin.Application.Funds;

/// <summary>
/// Where every yuan of a source went (资金追溯): its allocations by project (allocated, paid to contractors, paid to
/// households, left), the household payments by village, and each household paid — all summed from the payment rows, so
/// that they can be set against the ledger's running totals. Found by id or by document number.
/// </summary>
public sealed class TraceFundSource(Database database)
{
    public sealed record ProjectLine(Guid ProjectId, string Code, string Name, decimal Allocated, decimal ToContractors, decimal ToHouseholds, decimal Disbursed, decimal Balance);

    public sealed record VillageLine(Guid VillageId, string Township, string Village, int Households, decimal Amount);

    public sealed record HouseholdLine(Guid HouseholdId, string Number, string Village, string ProjectCode, string? SubsidyType, decimal Amount);

    public sealed record Result(Guid Id, string DocumentNumber, string IssuingDepartment, FundLevel Level, IntegrationCategory Category, int Year, decimal Amount, decimal Allocated, decimal Unallocated,
        decimal Disbursed, IReadOnlyList<ProjectLine> Projects, IReadOnlyList<VillageLine> Villages, IReadOnlyList<HouseholdLine> Households);

    public async Task<Result> HandleAsync(string source, CancellationToken ct = default)
    {
        FundsAccess.RequireLedgerReader(database.Actor);
        await using var db = database.Open();
        var key = source.Trim();
        var s = (Guid.TryParse(key, out var id)
            ? await db.FundSources.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, ct)
            : await db.FundSources.AsNoTracking().FirstOrDefaultAsync(f => f.DocumentNumber == key, ct)) ?? throw FundsAccess.SourceNotFound();
        var allocations = await db.FundAllocations.AsNoTracking().Where(a => a.FundSourceId == s.Id).Select(a => new { a.ProjectId, a.Amount }).ToListAsync(ct);
        var payments = await db.Disbursements.AsNoTracking().Where(d => d.FundSourceId == s.Id)
            .Select(d => new { d.ProjectId, d.PayeeKind, d.Amount, d.HouseholdId, d.VillageId, d.SubsidyType }).ToListAsync(ct);
        var projectIds = allocations.Select(a => a.ProjectId).Distinct().ToList();
        var projects = await db.Projects.AsNoTracking().Where(p => projectIds.Contains(p.Id)).Select(p => new { p.Id, p.Code, p.Name }).ToDictionaryAsync(p => p.Id, ct);
        // One pass over the rows for the projects' sums (a busy source has tens of thousands of payments).
        var sums = projectIds.ToDictionary(pid => pid, _ => (Allocated: Money.Zero, Contractors: Money.Zero, Households: Money.Zero));
        foreach (var a in allocations) sums[a.ProjectId] = sums[a.ProjectId] with { Allocated = sums[a.ProjectId].Allocated + a.Amount };
        foreach (var d in payments)
        {
            var sum = sums.TryGetValue(d.ProjectId, out var found) ? found : default;
            sums[d.ProjectId] = d.PayeeKind == PayeeKind.Contractor ? sum with { Contractors = sum.Contractors + d.Amount } : sum with { Households = sum.Households + d.Amount };
        }
        var projectLines = projectIds.Select(pid =>
        {
            var (allocated, contractors, households) = sums[pid];
            return new ProjectLine(pid, projects[pid].Code, projects[pid].Name, allocated.Yuan, contractors.Yuan, households.Yuan, (contractors + households).Yuan, (allocated - contractors - households).Yuan);
        }).OrderBy(p => p.Code, StringComparer.Ordinal).ToList();
        var villageIds = payments.Select(d => d.VillageId).OfType<Guid>().Distinct().ToList();
        var villages = await db.Villages.IgnoreQueryFilters().AsNoTracking().Where(v => villageIds.Contains(v.Id)).Select(v => new { v.Id, v.Name, v.Code, Township = v.Township!.Name }).ToDictionaryAsync(v => v.Id, ct);
        var villageLines = payments.Where(d => d.VillageId != null).GroupBy(d => d.VillageId!.Value)
            .Select(g => new VillageLine(g.Key, villages[g.Key].Township, villages[g.Key].Name, g.Select(d => d.HouseholdId).Distinct().Count(), FundFigures.Sum(g.Select(d => d.Amount)).Yuan))
            .OrderBy(v => villages[v.VillageId].Code, StringComparer.Ordinal).ToList();
        // Household lines: only the households the reader may see (a township officer, their township's) — the registry's area
        // filter applies to the join, so no list of ids is sent to the database.
        var householdRows = await (from d in db.Disbursements.AsNoTracking()
                                   where d.FundSourceId == s.Id && d.HouseholdId != null
                                   join h in db.Households on d.HouseholdId equals h.Id
                                   select new { HouseholdId = h.Id, h.Number, d.ProjectId, d.SubsidyType, d.VillageId, d.Amount }).ToListAsync(ct);
        var householdLines = householdRows.GroupBy(d => (d.HouseholdId, d.ProjectId, d.SubsidyType))
            .Select(g => new HouseholdLine(g.Key.HouseholdId, g.First().Number, g.First().VillageId is { } v && villages.TryGetValue(v, out var village) ? village.Name : "",
                projects.TryGetValue(g.Key.ProjectId, out var project) ? project.Code : "", g.Key.SubsidyType, FundFigures.Sum(g.Select(d => d.Amount)).Yuan))
            .OrderBy(h => h.Number, StringComparer.Ordinal).ThenBy(h => h.ProjectCode, StringComparer.Ordinal).ToList();
        var disbursed = FundFigures.Sum(payments.Select(d => d.Amount));
        var allocatedTotal = FundFigures.Sum(allocations.Select(a => a.Amount));
        return new Result(s.Id, s.DocumentNumber, s.IssuingDepartment, s.Level, s.Category, s.Year, s.Amount.Yuan, allocatedTotal.Yuan, (s.Amount - allocatedTotal).Yuan, disbursed.Yuan, projectLines, villageLines, householdLines);
    }
}
