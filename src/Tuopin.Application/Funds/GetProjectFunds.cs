using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Projects;
using Tuopin.Application.Storage;
using Tuopin.Domain.Funds;

namespace Tuopin.Application.Funds;

/// <summary>
/// The money of one project as its page shows it (项目资金): each allocation with its source and what is left of it, each
/// payment and refund with its payee, and what this user may do — allocate from the county's sources (the county), record
/// payments and refunds (the project's responsible unit). Read by whoever reads the ledger and sees the project.
/// </summary>
public sealed class GetProjectFunds(Database database)
{
    public sealed record Allocation(Guid Id, Guid SourceId, string SourceDocument, DateOnly AllocatedOn, decimal Amount, decimal Disbursed, decimal Balance, string? DocumentNumber, int Version);

    public sealed record Payment(Guid Id, Guid AllocationId, string SourceDocument, DateOnly PaidOn, decimal Amount, PayeeKind PayeeKind, string Payee, string? HouseholdNumber,
        string? SubsidyType, Guid? MeasureId, string? VoucherNumber, bool IsFinal, Guid? RefundOfId, decimal Refundable);

    /// <summary>A source the county may allocate from: its unallocated balance is above zero.</summary>
    public sealed record Source(Guid Id, string DocumentNumber, int Year, IntegrationCategory Category, decimal Unallocated);

    public sealed record Result(Guid ProjectId, decimal Allocated, decimal Disbursed, IReadOnlyList<Allocation> Allocations, IReadOnlyList<Payment> Payments,
        bool CanAllocate, bool CanDisburse, IReadOnlyList<Source> Sources);

    public async Task<Result> HandleAsync(Guid projectId, CancellationToken ct = default)
    {
        var actor = database.Actor;
        FundsAccess.RequireLedgerReader(actor);
        await using var db = database.Open();
        var project = await ProjectAccess.Visible(db, actor).AsNoTracking().FirstOrDefaultAsync(p => p.Id == projectId, ct) ?? throw FundsAccess.ProjectNotFound();
        var allocations = await (from a in db.FundAllocations.AsNoTracking()
                                 where a.ProjectId == projectId
                                 join s in db.FundSources on a.FundSourceId equals s.Id
                                 orderby a.AllocatedOn, a.CreatedAt
                                 select new { a, s.DocumentNumber }).ToListAsync(ct);
        var rows = await db.Disbursements.AsNoTracking().Where(d => d.ProjectId == projectId).OrderBy(d => d.PaidOn).ThenBy(d => d.CreatedAt).ToListAsync(ct);
        var householdIds = rows.Select(d => d.HouseholdId).OfType<Guid>().Distinct().ToList();
        var numbers = householdIds.Count == 0 ? [] : await db.Households.AsNoTracking().Where(h => householdIds.Contains(h.Id))
            .ToDictionaryAsync(h => h.Id, h => h.Number, ct);
        var documents = allocations.ToDictionary(x => x.a.Id, x => x.DocumentNumber);
        var refunded = rows.Where(d => d.RefundOfId is not null).GroupBy(d => d.RefundOfId!.Value).ToDictionary(g => g.Key, g => FundFigures.Sum(g.Select(d => d.Amount)));
        var payments = rows.Select(d => new Payment(d.Id, d.FundAllocationId, documents.GetValueOrDefault(d.FundAllocationId) ?? "", d.PaidOn, d.Amount.Yuan, d.PayeeKind, d.Payee,
                d.HouseholdId is { } h ? numbers.GetValueOrDefault(h) : null, d.SubsidyType, d.MeasureId, d.VoucherNumber, d.IsFinal, d.RefundOfId,
                d.RefundOfId is null && d.Amount.Fen > 0 ? (d.Amount + refunded.GetValueOrDefault(d.Id)).Yuan : 0m))
            .ToList();
        var canAllocate = FundsAccess.CanManage(actor);
        var sources = !canAllocate ? [] : (await db.FundSources.AsNoTracking().Where(s => s.CountyId == project.CountyId).OrderByDescending(s => s.Year).ThenBy(s => s.DocumentNumber).ToListAsync(ct))
            .Where(s => FundRules.Unallocated(s.Amount, s.Allocated).Fen > 0)
            .Select(s => new Source(s.Id, s.DocumentNumber, s.Year, s.Category, FundRules.Unallocated(s.Amount, s.Allocated).Yuan)).ToList();
        return new Result(project.Id,
            FundFigures.Sum(allocations.Select(x => x.a.Amount)).Yuan, FundFigures.Sum(rows.Select(d => d.Amount)).Yuan,
            allocations.Select(x => new Allocation(x.a.Id, x.a.FundSourceId, x.DocumentNumber, x.a.AllocatedOn, x.a.Amount.Yuan, x.a.Disbursed.Yuan, (x.a.Amount - x.a.Disbursed).Yuan, x.a.DocumentNumber, x.a.Version)).ToList(),
            payments, canAllocate, FundsAccess.CanDisburse(actor, project), sources);
    }
}
