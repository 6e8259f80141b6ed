using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Credit;

namespace Tuopin.Application.Credit;

/// <summary>
/// The county administrator records the fund's payout to a bank for an overdue loan it could not recover (风险补偿):
/// at most the principal owed and the fund's balance; the loan is then compensated and its measure completed, in the same save.
/// </summary>
public sealed class PayRiskCompensation(Database database)
{
    public sealed record Request(Guid LoanId, int Version, DateOnly PaidOn, decimal Amount, string? Note = null, string? Reason = null);

    public sealed record Saved(Guid Id, int Version);

    public async Task<Saved> HandleAsync(Request request, CancellationToken ct = default)
    {
        CreditAccess.RequireFundManager(database.Actor);
        await using var db = database.Open();
        var loan = await db.Loans.FirstOrDefaultAsync(l => l.Id == request.LoanId, ct) ?? throw CreditAccess.LoanNotFound();
        if (request.Version != loan.Version)
            throw new ConflictException(new LocalText("该笔贷款已被他人修改，请重新打开后再录入", "Someone else changed this loan; reopen it and record again"));
        var owed = CreditRules.Outstanding(loan.Amount, loan.PrincipalRepaid);
        var problems = new List<Problem>();
        if (loan.Status != LoanStatus.Outstanding)
            problems.Add(new Problem("loanId", "credit.loan_closed", new LocalText($"该笔贷款{CreditRules.Statuses.Name(loan.Status).Zh}，不能代偿", $"The loan is {CreditRules.Statuses.Name(loan.Status).En.ToLowerInvariant()}: nothing to compensate")));
        else if (CreditRules.DaysOverdue(loan.DueOn, owed, request.PaidOn) == 0)
            problems.Add(new Problem("paidOn", "credit.not_overdue", new LocalText($"该笔贷款 {loan.DueOn:yyyy-MM-dd} 到期，{request.PaidOn:yyyy-MM-dd} 尚未逾期，不能代偿", $"The loan is due on {loan.DueOn:yyyy-MM-dd} and not overdue on {request.PaidOn:yyyy-MM-dd}: it cannot be compensated")));
        if (request.Amount <= 0 || request.Amount != decimal.Round(request.Amount, 2))
            problems.Add(new Problem("amount", "credit.compensation", new LocalText($"代偿金额须大于0，最多两位小数，填写的是 {request.Amount}", $"The payout must be more than zero with at most two decimals: {request.Amount}")));
        else if (Money.FromYuan(request.Amount) > owed)
            problems.Add(new Problem("amount", "credit.compensation_over", new LocalText($"代偿金额 {Money.FromYuan(request.Amount)} 元超过尚欠本金 {owed} 元", $"The payout of {Money.FromYuan(request.Amount)} yuan is more than the {owed} yuan owed")));
        if (request.Note is { Length: > 500 })
            problems.Add(new Problem("note", "credit.note", new LocalText("说明不能超过500个字", "The note has at most 500 characters")));
        if (problems.Count == 0)
        {
            var position = await GetCreditStatus.PositionAsync(db, loan.CountyId, Money.Zero, ct);
            if (Money.FromYuan(request.Amount) > position.Balance)
                problems.Add(new Problem("amount", "credit.fund_short", new LocalText($"风险补偿金余额 {position.Balance} 元不足以代偿 {Money.FromYuan(request.Amount)} 元", $"The fund's balance of {position.Balance} yuan cannot pay {Money.FromYuan(request.Amount)} yuan")));
        }
        if (problems.Count > 0) throw new InvalidRequestException(problems);
        var now = database.Clock.GetUtcNow().UtcDateTime;
        var payout = new RiskCompensation
        {
            Id = Guid.CreateVersion7(), CountyId = loan.CountyId, LoanId = loan.Id, PaidOn = request.PaidOn, Amount = Money.FromYuan(request.Amount),
            Note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim(), RecordedBy = database.Actor.UserName, RecordedAt = now,
        };
        loan.Status = LoanStatus.Compensated;
        loan.ClosedOn = request.PaidOn;
        loan.Version++;
        loan.UpdatedAt = now;
        var measure = await db.Measures.FirstOrDefaultAsync(m => m.Id == loan.MeasureId, ct);
        if (measure is not null) RecordRepayment.Complete(measure, request.PaidOn, new LocalText("逾期贷款已由风险补偿金代偿", "Compensated by the guarantee fund"), now);
        db.RiskCompensations.Add(payout);
        db.ChangeReason = request.Reason;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (ConflictException ex) when (ex.LostRace)
        {
            throw new ConflictException(new LocalText("该笔贷款刚被他人修改，请重新打开后再录入", "Someone else changed this loan just now; reopen it and record again"), ex);
        }
        return new Saved(payout.Id, loan.Version);
    }
}
