using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Storage;
using Tuopin.Domain.Credit;

namespace Tuopin.Application.Credit;

/// <summary>
/// The county's guarantee fund (风险补偿金): its balance and leverage, every deposit with its source document and every
/// payout with the loan it compensated. County-level users only: the fund is the county's.
/// </summary>
public sealed class GetGuaranteeFund(Database database)
{
    public sealed record Deposit(Guid Id, DateOnly DepositedOn, decimal Amount, string Source, string RecordedBy);

    public sealed record Payout(Guid Id, Guid LoanId, DateOnly PaidOn, decimal Amount, string Bank, string ContractNumber, string Number, string? Note);

    public sealed record Result(
        decimal Deposits, decimal Payouts, decimal Balance, decimal Outstanding, decimal? Leverage, CreditLimits Limits,
        IReadOnlyList<Deposit> DepositRows, IReadOnlyList<Payout> PayoutRows);

    public async Task<Result> HandleAsync(CancellationToken ct = default)
    {
        CreditAccess.RequireFundReader(database.Actor);
        await using var db = database.Open();
        var county = await CreditAccess.CountyIdAsync(db, database.Actor, ct);
        var open = await db.Loans.AsNoTracking().Where(l => l.CountyId == county && l.Status == LoanStatus.Outstanding).Select(l => new { l.Amount, l.PrincipalRepaid }).ToListAsync(ct);
        var outstanding = GetCreditStatus.Sum(open.Select(l => CreditRules.Outstanding(l.Amount, l.PrincipalRepaid)));
        var position = await GetCreditStatus.PositionAsync(db, county, outstanding, ct);
        var deposits = await db.GuaranteeFundDeposits.AsNoTracking().Where(d => d.CountyId == county).OrderBy(d => d.DepositedOn)
            .Select(d => new { d.Id, d.DepositedOn, d.Amount, d.Source, d.RecordedBy }).ToListAsync(ct);
        var payouts = await (from c in db.RiskCompensations.AsNoTracking().Where(c => c.CountyId == county)
                             join l in db.Loans on c.LoanId equals l.Id
                             join h in db.Households on l.HouseholdId equals h.Id
                             orderby c.PaidOn
                             select new { c.Id, c.LoanId, c.PaidOn, c.Amount, l.Bank, l.ContractNumber, h.Number, c.Note }).ToListAsync(ct);
        return new Result(position.Deposits.Yuan, position.Payouts.Yuan, position.Balance.Yuan, outstanding.Yuan, position.Leverage, await CreditAccess.LimitsAsync(db, ct),
            deposits.Select(d => new Deposit(d.Id, d.DepositedOn, d.Amount.Yuan, d.Source, d.RecordedBy)).ToList(),
            payouts.Select(p => new Payout(p.Id, p.LoanId, p.PaidOn, p.Amount.Yuan, p.Bank, p.ContractNumber, p.Number, p.Note)).ToList());
    }
}
