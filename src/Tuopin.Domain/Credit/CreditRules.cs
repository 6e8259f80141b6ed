using System.Globalization;
using Tuopin.Domain.Common;

namespace Tuopin.Domain.Credit;

/// <summary>The county's limits on one micro-loan (county settings; the plan's: 5万元以下、3年以内).</summary>
public sealed record CreditLimits(Money MaxAmount, int MaxTermMonths)
{
    public static readonly CreditLimits Default = new(Money.FromYuan(50_000m), 36);

    public const string MaxAmountKey = "credit.max_amount";

    public const string MaxTermKey = "credit.max_term_months";
}

/// <summary>The fund's figures: deposits less payouts, the principal outstanding, and the leverage (放大倍数).</summary>
public sealed record FundPosition(Money Deposits, Money Payouts, Money Outstanding)
{
    public Money Balance => Deposits - Payouts;

    /// <summary>
    /// Outstanding principal ÷ the fund's balance, to two decimals; null when the fund holds nothing (a balance of zero or
    /// less): no multiple can be stated, and loans outstanding without a fund behind them are a finding of their own.
    /// </summary>
    public decimal? Leverage => Balance.Fen <= 0 ? null : Math.Round((decimal)Outstanding.Fen / Balance.Fen, 2, MidpointRounding.AwayFromZero);
}

/// <summary>The pure rules of micro-credit: limits, due day, outstanding principal, days overdue, the fund, the interest subsidy.</summary>
public static class CreditRules
{
    public static readonly CodeList<LoanStatus> Statuses = new("贷款状态", "Loan status",
        new(LoanStatus.Outstanding, "1", "未结清", "Outstanding"),
        new(LoanStatus.Repaid, "2", "已结清", "Repaid"),
        new(LoanStatus.Overdue, "3", "逾期", "Overdue"),
        new(LoanStatus.Compensated, "4", "已代偿", "Compensated"));

    /// <summary>
    /// A loan's amount and term against the county's limits, each problem naming the limit it breaks: an amount above
    /// the limit (50,000.00 is allowed, 50,000.01 is not), a term above it (36 months allowed, 37 not), nothing or less.
    /// </summary>
    public static List<Problem> CheckLimits(Money amount, int termMonths, CreditLimits limits)
    {
        var problems = new List<Problem>();
        if (amount.Fen <= 0)
            problems.Add(new Problem("amount", "credit.amount", new LocalText("贷款金额须大于0", "The amount must be more than zero")));
        else if (amount > limits.MaxAmount)
            problems.Add(new Problem("amount", "credit.amount_limit", new LocalText(
                $"贷款金额 {amount} 元超过单户上限 {limits.MaxAmount} 元", $"The amount of {amount} yuan is over the limit of {limits.MaxAmount} yuan per household")));
        if (termMonths <= 0)
            problems.Add(new Problem("termMonths", "credit.term", new LocalText("贷款期限须至少1个月", "The term must be at least one month")));
        else if (termMonths > limits.MaxTermMonths)
            problems.Add(new Problem("termMonths", "credit.term_limit", new LocalText(
                $"贷款期限 {termMonths} 个月超过上限 {limits.MaxTermMonths} 个月", $"The term of {termMonths} months is over the limit of {limits.MaxTermMonths} months")));
        return problems;
    }

    /// <summary>The due day: the issue day plus the term in months (a 31 January loan of one month is due on 28 or 29 February).</summary>
    public static DateOnly DueOn(DateOnly issuedOn, int termMonths) => issuedOn.AddMonths(termMonths);

    /// <summary>Principal still owed: the amount less what was repaid, never below zero.</summary>
    public static Money Outstanding(Money amount, Money principalRepaid) => amount > principalRepaid ? amount - principalRepaid : Money.Zero;

    /// <summary>
    /// Days overdue as of a day: none up to and including the due day or once nothing is owed; from the day after the due
    /// day, one a day (calendar days, so month ends and 29 February count as they fall).
    /// </summary>
    public static int DaysOverdue(DateOnly dueOn, Money outstanding, DateOnly asOf) =>
        outstanding.Fen > 0 && asOf > dueOn ? asOf.DayNumber - dueOn.DayNumber : 0;

    /// <summary>How a loan reads on a day: a stored outstanding loan past its due day with principal owed is overdue.</summary>
    public static LoanStatus StatusOn(LoanStatus stored, DateOnly dueOn, Money outstanding, DateOnly asOf) =>
        stored == LoanStatus.Outstanding && DaysOverdue(dueOn, outstanding, asOf) > 0 ? LoanStatus.Overdue : stored;

    /// <summary>
    /// The interest subsidy (贴息) for a calendar year: the subsidy rate on the principal outstanding each day of the year
    /// the loan ran (from the issue day, up to the due day or the day it closed), on a 360-day year as the banks count,
    /// rounded to the fen. <paramref name="repayments"/> are the principal repayments with their days.
    /// </summary>
    public static Money SubsidyForYear(Money amount, DateOnly issuedOn, DateOnly dueOn, decimal subsidyRatePercent, IEnumerable<(DateOnly PaidOn, Money Principal)> repayments, int year)
    {
        if (subsidyRatePercent <= 0) return Money.Zero;
        var start = Max(issuedOn, new DateOnly(year, 1, 1));
        var end = Min(dueOn, new DateOnly(year + 1, 1, 1));
        if (end <= start) return Money.Zero;
        var paid = repayments.OrderBy(r => r.PaidOn).ToList();
        decimal fenDays = 0;
        for (var day = start; day < end; day = day.AddDays(1))
        {
            var owed = amount.Fen - paid.Where(p => p.PaidOn <= day).Sum(p => p.Principal.Fen);
            if (owed <= 0) break;
            fenDays += owed;
        }
        return new Money((long)Math.Round(fenDays * subsidyRatePercent / 100m / 360m, 0, MidpointRounding.AwayFromZero));
    }

    /// <summary>The plain-text percent as the bank writes it (4.35).</summary>
    public static string Percent(decimal rate) => rate.ToString("0.####", CultureInfo.InvariantCulture);

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}
