using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Storage;
using Tuopin.Domain.Credit;

namespace Tuopin.Application.Credit;

/// <summary>One loan of the user's area with its terms, its repayments, the fund's payout if any, and its interest subsidy by year.</summary>
public sealed class GetLoan(Database database)
{
    public sealed record RepaymentRow(Guid Id, DateOnly PaidOn, decimal Principal, decimal Interest, string RecordedBy);

    public sealed record SubsidyYear(int Year, decimal Subsidy);

    public sealed record Result(
        ListLoans.Row Loan, DateOnly AsOf, decimal InterestRate, decimal SubsidyRate, string Guarantee, Guid MeasureId, DateOnly? ClosedOn,
        IReadOnlyList<RepaymentRow> Repayments, decimal? Compensation, DateOnly? CompensatedOn, IReadOnlyList<SubsidyYear> Subsidies);

    public async Task<Result> HandleAsync(Guid id, DateOnly? asOf = null, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var day = await CreditAccess.AsOfAsync(db, database.Clock, asOf, ct);
        var loan = await db.Loans.AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, ct) ?? throw CreditAccess.LoanNotFound();
        var row = await ListLoans.Project(db, db.Loans.AsNoTracking().Where(l => l.Id == id)).FirstAsync(ct);
        var repayments = await db.Repayments.AsNoTracking().Where(r => r.LoanId == id).OrderBy(r => r.PaidOn).ThenBy(r => r.RecordedAt).ToListAsync(ct);
        var payout = await db.RiskCompensations.AsNoTracking().Where(c => c.LoanId == id).Select(c => new { c.Amount, c.PaidOn }).FirstOrDefaultAsync(ct);
        var paid = repayments.Where(r => r.Principal.Fen > 0).Select(r => (r.PaidOn, r.Principal)).ToList();
        var last = (loan.ClosedOn ?? loan.DueOn).Year;
        var subsidies = Enumerable.Range(loan.IssuedOn.Year, Math.Max(0, last - loan.IssuedOn.Year + 1))
            .Select(y => new SubsidyYear(y, CreditRules.SubsidyForYear(loan.Amount, loan.IssuedOn, loan.ClosedOn is { } c && c < loan.DueOn ? c : loan.DueOn, loan.SubsidyRate, paid, y).Yuan))
            .Where(s => s.Subsidy > 0).ToList();
        return new Result(row.ToRow(day), day, loan.InterestRate, loan.SubsidyRate, loan.Guarantee, loan.MeasureId, loan.ClosedOn,
            repayments.Select(r => new RepaymentRow(r.Id, r.PaidOn, r.Principal.Yuan, r.Interest.Yuan, r.RecordedBy)).ToList(),
            payout?.Amount.Yuan, payout?.PaidOn, subsidies);
    }
}
