using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Accounts;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Assistance;
using Tuopin.Domain.Common;
using Tuopin.Domain.Funds;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Funds;

/// <summary>
/// The project's responsible unit records a payment from one of its allocations (资金支付): to the contractor, or to
/// households through their bank cards (一卡通) — one or many household payments in one call, each with its subsidy type,
/// each pointing at the household's measure it pays where there is one (a measure paid from a fund is a household benefit
/// in this ledger, not a second record of it). All or nothing: never more than the allocation's undisbursed balance, never
/// before approval and the end of the notice, nor while an objection holds the project, a final payment never before
/// acceptance. The allocation's running total rises in the same save, guarded by its version: of two payments racing for
/// the last yuan, one wins and the other is refused with nothing written.
/// </summary>
public sealed class RecordDisbursement(Database database)
{
    /// <summary>
    /// One payment: to a contractor (<paramref name="Contractor"/>) or to a household (<paramref name="HouseholdNumber"/>, with its
    /// subsidy type, and the bank card it went to: <paramref name="Bank"/> and <paramref name="BankCard"/>, of which only the last
    /// four digits are kept).
    /// </summary>
    public sealed record Payment(decimal Amount, string? Contractor = null, string? HouseholdNumber = null, string? SubsidyType = null, Guid? MeasureId = null, string? Bank = null, string? BankCard = null);

    public sealed record Request(Guid AllocationId, DateOnly PaidOn, IReadOnlyList<Payment> Payments, string? VoucherNumber = null, bool IsFinal = false, string? Reason = null);

    public sealed record Saved(IReadOnlyList<Guid> Ids, decimal Paid, decimal AllocationBalance, int AllocationVersion);

    public async Task<Saved> HandleAsync(Request request, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var (allocation, added) = await StageAsync(db, database.Actor, request, ct);
        db.ChangeReason = request.Reason;
        await SaveAsync(db, ct);
        return new Saved(added.Select(d => d.Id).ToList(), added.Aggregate(Money.Zero, (s, d) => s + d.Amount).Yuan, (allocation.Amount - allocation.Disbursed).Yuan, allocation.Version);
    }

    /// <summary>Saves staged money changes, turning a lost race (a stale version, or the database's check) into the ledger's refusal.</summary>
    internal static async Task SaveAsync(TuopinDb db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (ConflictException ex) when (ex.LostRace)
        {
            throw FundsAccess.Raced(ex.InnerException!);
        }
        catch (DbUpdateException ex)
        {
            // The check constraints (never over the allocation, never negative) are the last line.
            throw FundsAccess.Raced(ex);
        }
    }

    /// <summary>Checks the request against the allocation as it stands and stages the payments and the new running total (not saved).</summary>
    internal static async Task<(FundAllocation Allocation, List<Disbursement> Added)> StageAsync(TuopinDb db, Actor actor, Request request, CancellationToken ct)
    {
        if (!FundsAccess.CanDisburseAny(actor))
            throw new ForbiddenException(new LocalText("当前角色不能录入资金支付", "This role may not record payments"));
        if (request.Payments is not { Count: > 0 })
            throw new InvalidRequestException([new Problem("payments", "funds.no_payment", new LocalText("请至少填写一笔支付", "Give at least one payment"))]);
        if (request.Payments.Count > 5000)
            throw new InvalidRequestException([new Problem("payments", "funds.too_many", new LocalText("一次最多录入5000笔", "At most 5,000 payments at once"))]);
        var allocation = await db.FundAllocations.FirstOrDefaultAsync(a => a.Id == request.AllocationId, ct) ?? throw FundsAccess.AllocationNotFound();
        var project = await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == allocation.ProjectId, ct) ?? throw FundsAccess.ProjectNotFound();
        FundsAccess.RequireDisburser(actor, project);
        var problems = new List<Problem>();
        if (request.VoucherNumber is { Length: > 50 })
            problems.Add(new Problem("voucherNumber", "funds.voucher", new LocalText("凭证号不能超过50个字", "The voucher number has at most 50 characters")));
        var numbers = request.Payments.Select(p => p.HouseholdNumber?.Trim()).OfType<string>().Where(n => n.Length > 0).Distinct().ToList();
        var households = numbers.Count == 0 ? [] : await db.Households.AsNoTracking().Where(h => numbers.Contains(h.Number))
            .Select(h => new { h.Id, h.Number, h.CountyId, h.TownshipId, h.VillageId }).ToDictionaryAsync(h => h.Number, ct);
        var ids = households.Values.Select(h => h.Id).ToList();
        var heads = ids.Count == 0 ? [] : await db.Members.AsNoTracking().Where(m => ids.Contains(m.HouseholdId) && m.Relation == Relation.Head)
            .Select(m => new { m.HouseholdId, m.Name }).ToListAsync(ct);
        var measureIds = request.Payments.Select(p => p.MeasureId).OfType<Guid>().Distinct().ToList();
        var measures = measureIds.Count == 0 ? [] : await db.Measures.AsNoTracking().Where(m => measureIds.Contains(m.Id))
            .Select(m => new { m.Id, m.HouseholdId, m.Type }).ToDictionaryAsync(m => m.Id, ct);
        var total = Money.Zero;
        var added = new List<Disbursement>();
        var now = db.Clock.GetUtcNow().UtcDateTime;
        for (var i = 0; i < request.Payments.Count; i++)
        {
            var p = request.Payments[i];
            var field = $"payments[{i}]";
            if (FundRules.CheckAmount(p.Amount, field + ".amount") is { } bad)
            {
                problems.Add(bad);
                continue;
            }
            var amount = Money.FromYuan(p.Amount);
            total += amount;
            var d = new Disbursement
            {
                Id = Guid.CreateVersion7(), CountyId = allocation.CountyId, FundAllocationId = allocation.Id, FundSourceId = allocation.FundSourceId, ProjectId = allocation.ProjectId,
                PaidOn = request.PaidOn, Amount = amount, Payee = "", VoucherNumber = FundsAccess.Trim(request.VoucherNumber), IsFinal = request.IsFinal,
                RecordedBy = actor.UserName, CreatedAt = now,
            };
            var number = p.HouseholdNumber?.Trim();
            if (string.IsNullOrEmpty(number) == string.IsNullOrWhiteSpace(p.Contractor))
            {
                problems.Add(new Problem(field, "funds.payee", new LocalText("每笔支付须填写收款单位或收款户（二者之一）", "Each payment names a contractor or a household, one of the two")));
                continue;
            }
            var card = FundRules.BankCard(p.Bank, p.BankCard, toHousehold: !string.IsNullOrEmpty(number), field + ".bankCard");
            if (card.Fault is { } cardFault) problems.Add(cardFault);
            (d.CardBank, d.CardTail) = (card.Bank, card.Tail);
            if (number is null || number.Length == 0)
            {
                if (p.Contractor!.Trim().Length > 100) problems.Add(new Problem(field + ".contractor", "funds.payee", new LocalText("收款单位不能超过100个字", "The contractor has at most 100 characters")));
                d.PayeeKind = PayeeKind.Contractor;
                d.Payee = p.Contractor.Trim();
                if (p.MeasureId is not null || !string.IsNullOrWhiteSpace(p.SubsidyType))
                    problems.Add(new Problem(field, "funds.contractor_benefit", new LocalText("付给施工单位的款项不是农户补贴，不能填写补贴类型或帮扶措施", "A payment to a contractor is not a household benefit: no subsidy type or measure")));
            }
            else
            {
                if (!households.TryGetValue(number, out var h))
                    throw new NotFoundException(new LocalText($"找不到户编号 {number}", $"No household numbered {number}"));
                d.PayeeKind = PayeeKind.Household;
                d.HouseholdId = h.Id;
                d.TownshipId = h.TownshipId;
                d.VillageId = h.VillageId;
                d.Payee = heads.FirstOrDefault(m => m.HouseholdId == h.Id)?.Name ?? number;
                string? type = FundsAccess.Trim(p.SubsidyType);
                if (p.MeasureId is { } measureId)
                {
                    if (!measures.TryGetValue(measureId, out var m) || m.HouseholdId != h.Id)
                        problems.Add(new Problem(field + ".measureId", "funds.measure", new LocalText($"该帮扶措施不属于户 {number}", $"The measure is not household {number}'s")));
                    else
                    {
                        d.MeasureId = measureId;
                        type ??= MeasureTypes.Codes.Name(m.Type).Zh;
                    }
                }
                if (type is null || type.Length > 50)
                    problems.Add(new Problem(field + ".subsidyType", "funds.subsidy_type", new LocalText("农户补贴须填写补贴类型（50字以内）", "A household payment gives its subsidy type (at most 50 characters)")));
                d.SubsidyType = type;
            }
            added.Add(d);
        }
        if (problems.Count == 0)
            problems.AddRange(FundRules.CheckDisbursement(total, allocation.Amount, allocation.Disbursed, Domain.Funds.ProjectFunding.Of(project), request.PaidOn, request.IsFinal));
        if (problems.Count > 0) throw new InvalidRequestException(problems);
        allocation.Disbursed += total;
        allocation.Version++;
        allocation.UpdatedAt = now;
        db.Disbursements.AddRange(added);
        return (allocation, added);
    }
}
