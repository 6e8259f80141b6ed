using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Funds;

namespace Tuopin.Application.Funds;

/// <summary>
/// A payment comes back (资金退回): a negative disbursement pointing at the one it refunds, never more than what is left of
/// it; the allocation's undisbursed balance rises again in the same save. Recorded by the project's responsible unit.
/// </summary>
public sealed class RefundDisbursement(Database database)
{
    public sealed record Request(Guid DisbursementId, DateOnly RefundedOn, decimal Amount, string? VoucherNumber = null, string? Reason = null);

    public sealed record Saved(Guid Id, decimal AllocationBalance, int AllocationVersion);

    public async Task<Saved> HandleAsync(Request request, CancellationToken ct = default)
    {
        var actor = database.Actor;
        if (!FundsAccess.CanDisburseAny(actor))
            throw new ForbiddenException(new LocalText("当前角色不能录入资金退回", "This role may not record refunds"));
        await using var db = database.Open();
        var amount = FundsAccess.Amount(request.Amount);
        var original = await db.Disbursements.AsNoTracking().FirstOrDefaultAsync(d => d.Id == request.DisbursementId, ct) ?? throw FundsAccess.DisbursementNotFound();
        var project = await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == original.ProjectId, ct) ?? throw FundsAccess.ProjectNotFound();
        FundsAccess.RequireDisburser(actor, project);
        if (original.RefundOfId is not null || original.Amount.Fen <= 0)
            throw new InvalidRequestException([new Problem("disbursementId", "funds.refund_of_refund", new LocalText("退回记录本身不能再退回", "A refund cannot be refunded"))]);
        var before = (await db.Disbursements.AsNoTracking().Where(d => d.RefundOfId == original.Id).Select(d => d.Amount).ToListAsync(ct)).Aggregate(Money.Zero, (s, m) => s - m);
        var problems = FundRules.CheckRefund(amount, original.Amount, before, original.PaidOn, request.RefundedOn);
        if (request.VoucherNumber is { Length: > 50 })
            problems.Add(new Problem("voucherNumber", "funds.voucher", new LocalText("凭证号不能超过50个字", "The voucher number has at most 50 characters")));
        if (problems.Count > 0) throw new InvalidRequestException(problems);
        var allocation = await db.FundAllocations.FirstAsync(a => a.Id == original.FundAllocationId, ct);
        var now = database.Clock.GetUtcNow().UtcDateTime;
        var refund = new Disbursement
        {
            Id = Guid.CreateVersion7(), CountyId = original.CountyId, FundAllocationId = original.FundAllocationId, FundSourceId = original.FundSourceId, ProjectId = original.ProjectId,
            PaidOn = request.RefundedOn, Amount = new Money(-amount.Fen), PayeeKind = original.PayeeKind, Payee = original.Payee, HouseholdId = original.HouseholdId,
            TownshipId = original.TownshipId, VillageId = original.VillageId, SubsidyType = original.SubsidyType, MeasureId = original.MeasureId, CardBank = original.CardBank, CardTail = original.CardTail,
            VoucherNumber = FundsAccess.Trim(request.VoucherNumber), RefundOfId = original.Id, RecordedBy = actor.UserName, CreatedAt = now,
        };
        allocation.Disbursed -= amount;
        allocation.Version++;
        allocation.UpdatedAt = now;
        db.Disbursements.Add(refund);
        db.ChangeReason = request.Reason;
        await RecordDisbursement.SaveAsync(db, ct);
        return new Saved(refund.Id, (allocation.Amount - allocation.Disbursed).Yuan, allocation.Version);
    }
}
