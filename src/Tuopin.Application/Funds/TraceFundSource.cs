using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Storage;
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
        var projectLines = projectIds.Select(pid =>
        {
            var allocated = FundFigures.Sum(allocations.Where(a => a.ProjectId == pid).Select(a => a.Amount));
            var contractors = FundFigures.Sum(payments.Where(d => d.ProjectId == pid && d.PayeeKind == PayeeKind.Contractor).Select(d => d.Amount));
            var households = FundFigures.Sum(payments.Where(d => d.ProjectId == pid && d.PayeeKind == PayeeKind.Household).Select(d => d.Amount));
            return new ProjectLine(pid, projects[pid].Code, projects[pid].Name, allocated.Yuan, contractors.Yuan, households.Yuan, (contractors + households).Yuan, (allocated - contractors - households).Yuan);
        }).OrderBy(p => p.Code).ToList();
        var villageIds = payments.Select(d => d.VillageId).OfType<Guid>().Distinct().ToList();
        var villages = await db.Villages.IgnoreQueryFilters().AsNoTracking().Where(v => villageIds.Contains(v.Id)).Select(v => new { v.Id, v.Name, v.Code, Township = v.Township!.Name }).ToDictionaryAsync(v => v.Id, ct);
        var villageLines = payments.Where(d => d.VillageId != null).GroupBy(d => d.VillageId!.Value)
            .Select(g => new VillageLine(g.Key, villages[g.Key].Township, villages[g.Key].Name, g.Select(d => d.HouseholdId).Distinct().Count(), FundFigures.Sum(g.Select(d => d.Amount)).Yuan))
            .OrderBy(v => villages[v.VillageId].Code).ToList();
        // Household lines: only the households the reader may see (a township officer, their township's).
        var householdIds = payments.Select(d => d.HouseholdId).OfType<Guid>().Distinct().ToList();
        var numbers = await db.Households.AsNoTracking().Where(h => householdIds.Contains(h.Id)).Select(h => new { h.Id, h.Number }).ToDictionaryAsync(h => h.Id, h => h.Number, ct);
        var householdLines = payments.Where(d => d.HouseholdId is { } h && numbers.ContainsKey(h)).GroupBy(d => (d.HouseholdId!.Value, d.ProjectId, d.SubsidyType))
            .Select(g => new HouseholdLine(g.Key.Item1, numbers[g.Key.Item1], villages[g.First().VillageId!.Value].Name, projects[g.Key.ProjectId].Code, g.Key.SubsidyType, FundFigures.Sum(g.Select(d => d.Amount)).Yuan))
            .OrderBy(h => h.Number).ThenBy(h => h.ProjectCode).ToList();
        var disbursed = FundFigures.Sum(payments.Select(d => d.Amount));
        var allocatedTotal = FundFigures.Sum(allocations.Select(a => a.Amount));
        return new Result(s.Id, s.DocumentNumber, s.IssuingDepartment, s.Level, s.Category, s.Year, s.Amount.Yuan, allocatedTotal.Yuan, (s.Amount - allocatedTotal).Yuan, disbursed.Yuan, projectLines, villageLines, householdLines);
    }
}
