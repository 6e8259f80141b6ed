using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Assistance;
using Tuopin.Domain.Common;
using Tuopin.Domain.Credit;

namespace Tuopin.Application.Credit;

/// <summary>
/// Records a repayment of a loan (还款): principal and interest on a day, with the loan's version the user saw. The
/// principal cannot exceed what is still owed; the repayment that clears the principal closes the loan as repaid and
/// completes its measure, in the same save.
/// </summary>
public sealed class RecordRepayment(Database database)
{
    public sealed record Request(Guid LoanId, int Version, DateOnly PaidOn, decimal Principal, decimal Interest = 0, string? Reason = null);

    public sealed record Saved(Guid Id, int Version, LoanStatus Status, decimal Outstanding);

    public async Task<Saved> HandleAsync(Request request, CancellationToken ct = default)
    {
        var actor = database.Actor;
        CreditAccess.RequireWriter(actor);
        await using var db = database.Open();
        var loan = await db.Loans.FirstOrDefaultAsync(l => l.Id == request.LoanId, ct) ?? throw CreditAccess.LoanNotFound();
        if (request.Version != loan.Version)
            throw new ConflictException(new LocalText("该笔贷款已被他人修改，请重新打开后再录入", "Someone else changed this loan; reopen it and record again"));
        var problems = Check(loan, request.PaidOn, request.Principal, request.Interest, loan.PrincipalRepaid);
        if (problems.Count > 0) throw new InvalidRequestException(problems);
        var measure = await db.Measures.FirstOrDefaultAsync(m => m.Id == loan.MeasureId, ct);
        var repayment = Apply(loan, measure, request.PaidOn, Money.FromYuan(request.Principal), Money.FromYuan(request.Interest), actor.UserName, database.Clock.GetUtcNow().UtcDateTime);
        db.Entry(loan).Property(l => l.Version).OriginalValue = request.Version;
        db.Repayments.Add(repayment);
        db.ChangeReason = request.Reason;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (ConflictException ex) when (ex.LostRace)
        {
            throw new ConflictException(new LocalText("该笔贷款刚被他人修改，请重新打开后再录入", "Someone else changed this loan just now; reopen it and record again"), ex);
        }
        return new Saved(repayment.Id, loan.Version, loan.Status, CreditRules.Outstanding(loan.Amount, loan.PrincipalRepaid).Yuan);
    }

    /// <summary>Adds the repayment to the loan (and closes loan and measure when the principal is cleared).</summary>
    internal static Repayment Apply(Loan loan, Measure? measure, DateOnly paidOn, Money principal, Money interest, string user, DateTime now)
    {
        loan.PrincipalRepaid += principal;
        loan.Version++;
        loan.UpdatedAt = now;
        if (CreditRules.Outstanding(loan.Amount, loan.PrincipalRepaid).Fen == 0)
        {
            loan.Status = LoanStatus.Repaid;
            loan.ClosedOn = paidOn;
            if (measure is not null) Complete(measure, paidOn, new LocalText("贷款已按期结清", "Loan repaid"), now);
        }
        return new Repayment
        {
            Id = Guid.CreateVersion7(), LoanId = loan.Id, HouseholdId = loan.HouseholdId, CountyId = loan.CountyId, TownshipId = loan.TownshipId, VillageId = loan.VillageId,
            PaidOn = paidOn, Principal = principal, Interest = interest, RecordedBy = user, RecordedAt = now,
        };
    }

    /// <summary>A closed loan's measure is done on the day it closed, with what closed it.</summary>
    internal static void Complete(Measure measure, DateOnly on, LocalText note, DateTime now)
    {
        measure.Status = MeasureStatus.Done;
        measure.DoneOn = on < new DateOnly(measure.Year, 1, 1) ? new DateOnly(measure.Year, 1, 1) : on;
        measure.EffectNote = note.Zh;
        measure.ReviewedBy = null;
        measure.ReviewedAt = null;
        measure.Version++;
        measure.UpdatedAt = now;
    }

    /// <summary>The rules of one repayment against the loan as it stands (<paramref name="repaid"/>: principal repaid so far).</summary>
    public static List<Problem> Check(Loan loan, DateOnly paidOn, decimal principal, decimal interest, Money repaid)
    {
        var problems = new List<Problem>();
        if (loan.Status != LoanStatus.Outstanding)
            problems.Add(new Problem("loanId", "credit.loan_closed", new LocalText($"该笔贷款{CreditRules.Statuses.Name(loan.Status).Zh}，不能再录入还款", $"The loan is {CreditRules.Statuses.Name(loan.Status).En.ToLowerInvariant()}: no more repayments")));
        if (paidOn < loan.IssuedOn)
            problems.Add(new Problem("paidOn", "credit.paid_on", new LocalText($"还款日期 {paidOn:yyyy-MM-dd} 早于放贷日期 {loan.IssuedOn:yyyy-MM-dd}", $"Paid on {paidOn:yyyy-MM-dd}, before the loan was issued on {loan.IssuedOn:yyyy-MM-dd}")));
        foreach (var (value, field, zh, en) in new[] { (principal, "principal", "还本金额", "The principal"), (interest, "interest", "还息金额", "The interest") })
        {
            if (value < 0) problems.Add(new Problem(field, "credit.repayment", new LocalText($"{zh}不能为负数", $"{en} cannot be negative")));
            else if (value != decimal.Round(value, 2) || value > 1_000_000_000m) problems.Add(new Problem(field, "credit.repayment", new LocalText($"{zh}最多保留两位小数（分），填写的是 {value}", $"{en} has more than two decimals: {value}")));
        }
        if (problems.Count > 0) return problems;
        if (principal == 0 && interest == 0)
            problems.Add(new Problem("principal", "credit.repayment", new LocalText("请填写还本或还息金额", "Give the principal or the interest repaid")));
        var owed = CreditRules.Outstanding(loan.Amount, repaid);
        if (Money.FromYuan(principal) > owed)
            problems.Add(new Problem("principal", "credit.principal_over", new LocalText($"还本金额 {Money.FromYuan(principal)} 元超过尚欠本金 {owed} 元", $"The principal of {Money.FromYuan(principal)} yuan is more than the {owed} yuan still owed")));
        return problems;
    }
}
