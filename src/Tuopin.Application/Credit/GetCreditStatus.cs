using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Credit;

namespace Tuopin.Application.Credit;

/// <summary>
/// Micro-credit at a glance for the user's area as of a day: loans outstanding and overdue (count and principal owed),
/// repaid and compensated; and for a county-level user, the county's guarantee fund — deposits, payouts, balance and
/// leverage (outstanding ÷ balance). A township or village sees its own loans and no fund figures: the fund is the county's.
/// </summary>
public sealed class GetCreditStatus(Database database)
{
    public sealed record Fund(decimal Deposits, decimal Payouts, decimal Balance, decimal? Leverage, int Compensations);

    public sealed record Result(
        DateOnly AsOf, int Loans, decimal Lent, int Outstanding, decimal OutstandingAmount, int Overdue, decimal OverdueAmount,
        int Repaid, int Compensated, Fund? GuaranteeFund);

    public async Task<Result> HandleAsync(DateOnly? asOf = null, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var day = await CreditAccess.AsOfAsync(db, database.Clock, asOf, ct);
        var loans = await db.Loans.AsNoTracking().Select(l => new { l.Status, l.Amount, l.PrincipalRepaid, l.DueOn }).ToListAsync(ct);
        var open = loans.Where(l => l.Status == LoanStatus.Outstanding).Select(l => (Owed: CreditRules.Outstanding(l.Amount, l.PrincipalRepaid), l.DueOn)).ToList();
        var overdue = open.Where(l => CreditRules.DaysOverdue(l.DueOn, l.Owed, day) > 0).ToList();
        var outstanding = Sum(open.Select(l => l.Owed));
        Fund? fund = null;
        if (CreditAccess.CanSeeFund(database.Actor))
        {
            var county = await CreditAccess.CountyIdAsync(db, database.Actor, ct);
            var position = await PositionAsync(db, county, outstanding, ct);
            var payouts = await db.RiskCompensations.AsNoTracking().CountAsync(c => c.CountyId == county, ct);
            fund = new Fund(position.Deposits.Yuan, position.Payouts.Yuan, position.Balance.Yuan, position.Leverage, payouts);
        }
        return new Result(day, loans.Count, Sum(loans.Select(l => l.Amount)).Yuan, open.Count, outstanding.Yuan, overdue.Count, Sum(overdue.Select(l => l.Owed)).Yuan,
            loans.Count(l => l.Status == LoanStatus.Repaid), loans.Count(l => l.Status == LoanStatus.Compensated), fund);
    }

    /// <summary>The county fund's deposits and payouts against the principal outstanding.</summary>
    internal static async Task<FundPosition> PositionAsync(TuopinDb db, Guid county, Money outstanding, CancellationToken ct)
    {
        var deposits = await db.GuaranteeFundDeposits.AsNoTracking().Where(d => d.CountyId == county).Select(d => d.Amount).ToListAsync(ct);
        var payouts = await db.RiskCompensations.AsNoTracking().Where(c => c.CountyId == county).Select(c => c.Amount).ToListAsync(ct);
        return new FundPosition(Sum(deposits), Sum(payouts), outstanding);
    }

    internal static Money Sum(IEnumerable<Money> amounts) => amounts.Aggregate(Money.Zero, (a, b) => a + b);
}
