using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;
using Tuopin.Domain.Funds;

namespace Tuopin.Application.Funds;

/// <summary>
/// The lean figures the ledger, the check and the traces share: sources, allocations (with their running totals) and the
/// projects' places. A project is counted in a township when that township is responsible for it or when all its villages
/// lie in it, in a zone when all its villages lie in that zone; otherwise it is county-wide (县直/跨乡镇).
/// </summary>
internal static class FundFigures
{
    public sealed record SourceRow(Guid Id, string DocumentNumber, string IssuingDepartment, FundLevel Level, IntegrationCategory Category, int Year, DateOnly ReceivedOn, Money Amount, Money Allocated);

    public sealed record AllocationRow(Guid Id, Guid SourceId, Guid ProjectId, DateOnly AllocatedOn, Money Amount, Money Disbursed);

    public sealed record ProjectRow(Guid Id, string Code, string Name, int Year, Money Budget, Guid? TownshipId, Guid? ZoneId, Department? Department, Guid? ResponsibleTownshipId, IReadOnlyList<Guid> VillageIds);

    public static Task<List<SourceRow>> SourcesAsync(TuopinDb db, int? year, CancellationToken ct) =>
        db.FundSources.AsNoTracking().Where(s => year == null || s.Year == year).OrderBy(s => s.Year).ThenBy(s => s.DocumentNumber)
            .Select(s => new SourceRow(s.Id, s.DocumentNumber, s.IssuingDepartment, s.Level, s.Category, s.Year, s.ReceivedOn, s.Amount, s.Allocated)).ToListAsync(ct);

    public static Task<List<AllocationRow>> AllocationsAsync(TuopinDb db, int? year, CancellationToken ct) =>
        db.FundAllocations.AsNoTracking().Where(a => year == null || db.FundSources.Any(s => s.Id == a.FundSourceId && s.Year == year))
            .Select(a => new AllocationRow(a.Id, a.FundSourceId, a.ProjectId, a.AllocatedOn, a.Amount, a.Disbursed)).ToListAsync(ct);

    /// <summary>
    /// The allocations as of a day: those allocated on or before it, each with what was paid on or before it (payments less
    /// refunds, from the payments themselves rather than the running total). One more query than <see cref="AllocationsAsync(TuopinDb, int?, CancellationToken)"/>.
    /// </summary>
    public static async Task<List<AllocationRow>> AllocationsAsync(TuopinDb db, int? year, DateOnly asOf, CancellationToken ct)
    {
        var allocations = (await AllocationsAsync(db, year, ct)).Where(a => a.AllocatedOn <= asOf).ToList();
        var paid = (await db.Disbursements.AsNoTracking().Where(d => d.PaidOn <= asOf)
                .Where(d => year == null || db.FundSources.Any(s => s.Id == d.FundSourceId && s.Year == year))
                .Select(d => new { d.FundAllocationId, d.Amount }).ToListAsync(ct))
            .GroupBy(d => d.FundAllocationId).ToDictionary(g => g.Key, g => Sum(g.Select(d => d.Amount)));
        return allocations.Select(a => a with { Disbursed = paid.GetValueOrDefault(a.Id) }).ToList();
    }

    public static async Task<Dictionary<Guid, ProjectRow>> ProjectsAsync(TuopinDb db, CancellationToken ct)
    {
        var villages = await db.Villages.IgnoreQueryFilters().AsNoTracking().Select(v => new { v.Id, v.TownshipId, v.ZoneId }).ToDictionaryAsync(v => v.Id, ct);
        var links = (await db.ProjectVillages.AsNoTracking().Select(v => new { v.ProjectId, v.VillageId }).ToListAsync(ct)).ToLookup(v => v.ProjectId, v => v.VillageId);
        var projects = await db.Projects.AsNoTracking().Select(p => new { p.Id, p.Code, p.Name, p.Year, p.Budget, p.ResponsibleTownshipId, p.ResponsibleDepartment }).ToListAsync(ct);
        return projects.ToDictionary(p => p.Id, p =>
        {
            var ids = links[p.Id].ToList();
            var places = ids.Where(villages.ContainsKey).Select(v => villages[v]).ToList();
            var townships = places.Select(v => v.TownshipId).Distinct().ToList();
            var zones = places.Select(v => v.ZoneId).Distinct().ToList();
            var township = p.ResponsibleTownshipId ?? (townships.Count == 1 ? townships[0] : null);
            return new ProjectRow(p.Id, p.Code, p.Name, p.Year, p.Budget, township, zones.Count == 1 ? zones[0] : null, p.ResponsibleDepartment, p.ResponsibleTownshipId, ids);
        });
    }

    public static Money Sum(IEnumerable<Money> amounts) => amounts.Aggregate(Money.Zero, (a, b) => a + b);

    public static readonly LocalText CountyWide = new("县直/跨乡镇", "County-wide / several townships");

    public static readonly LocalText NoZone = new("跨片区/未分片区", "Several zones / none");

    public static readonly LocalText TownshipRun = new("乡镇实施", "Run by a township");
}
