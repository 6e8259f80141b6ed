using Tuopin.Domain.Common;
using Tuopin.Domain.Credit;

namespace Tuopin.Domain.Tests.Credit;

/// <summary>The micro-credit rules: the limits at and past each edge, days overdue across month ends and 29 February, the fund's leverage, the subsidy.</summary>
public sealed class CreditRulesTests
{
    [Theory]
    [InlineData("50000.00", 36, null)]
    [InlineData("50000.01", 36, "credit.amount_limit")]
    [InlineData("10000", 37, "credit.term_limit")]
    [InlineData("0.01", 1, null)]
    [InlineData("0", 12, "credit.amount")]
    [InlineData("10000", 0, "credit.term")]
    public void Limits_AllowTheLimitItself_AndRefuseOneFenOrOneMonthPast_NamingTheLimit(string yuan, int months, string? code)
    {
        var problems = CreditRules.CheckLimits(Money.FromYuan(decimal.Parse(yuan, System.Globalization.CultureInfo.InvariantCulture)), months, CreditLimits.Default);
        if (code is null)
        {
            Assert.Empty(problems);
            return;
        }
        var problem = Assert.Single(problems);
        Assert.Equal(code, problem.Code);
        if (code == "credit.amount_limit") Assert.Contains("50,000.00", problem.Message.Zh, StringComparison.Ordinal);
        if (code == "credit.term_limit") Assert.Contains("36 个月", problem.Message.Zh, StringComparison.Ordinal);
    }

    [Fact]
    public void Limits_AreTheCountysSettings_NotTheCode()
    {
        var county = new CreditLimits(Money.FromYuan(30_000m), 24);
        Assert.Equal("credit.amount_limit", Assert.Single(CreditRules.CheckLimits(Money.FromYuan(30_000.01m), 24, county)).Code);
        Assert.Contains("30,000.00", CreditRules.CheckLimits(Money.FromYuan(30_000.01m), 24, county)[0].Message.En, StringComparison.Ordinal);
        Assert.Equal("credit.term_limit", Assert.Single(CreditRules.CheckLimits(Money.FromYuan(30_000m), 25, county)).Code);
    }

    [Theory]
    // Due 31 January: the next day is overdue by one; across the end of February in a leap year (29 days) and not.
    [InlineData("2016-01-31", "2016-01-31", 0)]
    [InlineData("2016-01-31", "2016-02-01", 1)]
    [InlineData("2016-01-31", "2016-02-29", 29)]
    [InlineData("2016-01-31", "2016-03-01", 30)]
    [InlineData("2017-01-31", "2017-03-01", 29)]
    // Due on 29 February itself: 1 March is the first day overdue.
    [InlineData("2016-02-29", "2016-03-01", 1)]
    [InlineData("2016-02-29", "2017-02-28", 365)]
    // Across a month end of 30 days, and a year end.
    [InlineData("2017-04-30", "2017-05-01", 1)]
    [InlineData("2017-12-31", "2018-01-01", 1)]
    [InlineData("2017-12-31", "2017-06-30", 0)]
    public void DaysOverdue_CountCalendarDaysFromTheDayAfterTheDueDay(string due, string asOf, int days)
    {
        Assert.Equal(days, CreditRules.DaysOverdue(DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture), Money.FromYuan(100m), DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void ALoanThatOwesNothing_IsNeverOverdue_AndAnOutstandingOnePastItsDayReadsOverdue()
    {
        var due = new DateOnly(2017, 3, 31);
        Assert.Equal(0, CreditRules.DaysOverdue(due, Money.Zero, new DateOnly(2018, 1, 1)));
        Assert.Equal(LoanStatus.Overdue, CreditRules.StatusOn(LoanStatus.Outstanding, due, Money.FromYuan(1m), new DateOnly(2017, 4, 1)));
        Assert.Equal(LoanStatus.Outstanding, CreditRules.StatusOn(LoanStatus.Outstanding, due, Money.FromYuan(1m), due));
        Assert.Equal(LoanStatus.Repaid, CreditRules.StatusOn(LoanStatus.Repaid, due, Money.Zero, new DateOnly(2018, 1, 1)));
    }

    [Theory]
    // Due a term's months later; the last day of a short month when the issue day has none.
    [InlineData("2016-03-15", 36, "2019-03-15")]
    [InlineData("2016-01-31", 1, "2016-02-29")]
    [InlineData("2017-01-31", 1, "2017-02-28")]
    [InlineData("2016-02-29", 12, "2017-02-28")]
    public void DueDay_IsTheIssueDayPlusTheTerm(string issued, int months, string due)
    {
        var culture = System.Globalization.CultureInfo.InvariantCulture;
        Assert.Equal(DateOnly.Parse(due, culture), CreditRules.DueOn(DateOnly.Parse(issued, culture), months));
    }

    [Fact]
    public void Outstanding_IsTheAmountLessThePrincipalRepaid_NeverBelowZero()
    {
        Assert.Equal(Money.FromYuan(30_000m), CreditRules.Outstanding(Money.FromYuan(50_000m), Money.FromYuan(20_000m)));
        Assert.Equal(Money.Zero, CreditRules.Outstanding(Money.FromYuan(50_000m), Money.FromYuan(50_000m)));
    }

    [Fact]
    public void Leverage_IsOutstandingOverTheBalance_AndNoneWhenTheFundHoldsNothing()
    {
        var fund = new FundPosition(Money.FromYuan(1_000_000m), Money.FromYuan(40_000m), Money.FromYuan(7_200_000m));
        Assert.Equal(Money.FromYuan(960_000m), fund.Balance);
        Assert.Equal(7.5m, fund.Leverage);
        Assert.Equal(2.33m, new FundPosition(Money.FromYuan(300m), Money.Zero, Money.FromYuan(700m)).Leverage);
        // A fund with nothing in it (or paid out to the last fen) has no multiple: null, never a division by zero.
        Assert.Null(new FundPosition(Money.Zero, Money.Zero, Money.FromYuan(50_000m)).Leverage);
        Assert.Null(new FundPosition(Money.FromYuan(100m), Money.FromYuan(100m), Money.FromYuan(50_000m)).Leverage);
        Assert.Equal(0m, new FundPosition(Money.FromYuan(100m), Money.Zero, Money.Zero).Leverage);
    }

    [Fact]
    public void Subsidy_IsTheRateOnThePrincipalOwedEachDayOfTheYear_OnA360DayYear()
    {
        var amount = Money.FromYuan(36_000m);
        var issued = new DateOnly(2016, 1, 1);
        var due = CreditRules.DueOn(issued, 36);
        // 2017 whole (365 days) at 5% on 36,000: 36,000 × 5% × 365 / 360 = 1,825.00.
        Assert.Equal(Money.FromYuan(1_825m), CreditRules.SubsidyForYear(amount, issued, due, 5m, [], 2017));
        // Half repaid on 1 July 2017 (181 days owed in full, 184 days half): 36,000×5%×181/360 + 18,000×5%×184/360 = 905 + 460.
        Assert.Equal(Money.FromYuan(1_365m), CreditRules.SubsidyForYear(amount, issued, due, 5m, [(new DateOnly(2017, 7, 1), Money.FromYuan(18_000m))], 2017));
        // No subsidy before the loan, after it is due, or at a rate of nothing.
        Assert.Equal(Money.Zero, CreditRules.SubsidyForYear(amount, issued, due, 5m, [], 2015));
        Assert.Equal(Money.Zero, CreditRules.SubsidyForYear(amount, issued, due, 5m, [], 2019));
        Assert.Equal(Money.Zero, CreditRules.SubsidyForYear(amount, issued, due, 0m, [], 2017));
    }
}
