using System.Globalization;
using Tuopin.Domain.Common;
using Tuopin.Domain.Funds;
using Tuopin.Domain.Registry;

namespace Tuopin.Domain.Tests.Funds;

/// <summary>The fund ledger's rules, each at and past its edge: amounts, allocations, payments against approval, notice, objection and acceptance, refunds, and every alert.</summary>
public sealed class FundRulesTests
{
    private static Money Y(string yuan) => Money.FromYuan(decimal.Parse(yuan, CultureInfo.InvariantCulture));

    private static DateOnly D(string day) => DateOnly.Parse(day, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("0.01", null)]
    [InlineData("100", null)]
    [InlineData("0", "funds.amount")]
    [InlineData("-5", "funds.amount")]
    [InlineData("1.001", "funds.amount")]
    public void Amounts_ArePositiveWholeFen(string yuan, string? code) =>
        Assert.Equal(code, FundRules.CheckAmount(decimal.Parse(yuan, CultureInfo.InvariantCulture))?.Code);

    [Theory]
    [InlineData(null, null, true, null, null, null)]
    [InlineData("来凤农商银行", "6217 0033 1000 1234 567", true, "来凤农商银行", "4567", null)]
    [InlineData(" 农业银行 ", "622848-0012-3456-7890", true, "农业银行", "7890", null)]
    [InlineData("农业银行", "7890", true, "农业银行", "7890", null)]
    [InlineData("农业银行", "62284800123", true, null, null, "funds.card_number")]
    [InlineData("农业银行", "62284800123456789012", true, null, null, "funds.card_number")]
    [InlineData("农业银行", "6228x80012345678", true, null, null, "funds.card_number")]
    [InlineData("农业银行", null, true, null, null, "funds.card_pair")]
    [InlineData(null, "6228480012345678", true, null, null, "funds.card_pair")]
    [InlineData("农业银行", "6228480012345678", false, null, null, "funds.card_contractor")]
    [InlineData("一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一", "6228480012345678", true, null, null, "funds.card_bank")]
    public void ABankCard_KeepsTheBankAndTheLastFourDigitsOnly(string? bank, string? card, bool toHousehold, string? keptBank, string? tail, string? code)
    {
        var result = FundRules.BankCard(bank, card, toHousehold);
        Assert.Equal((keptBank, tail, code), (result.Bank, result.Tail, result.Fault?.Code));
        // A refusal never repeats the number it was given.
        if (result.Fault is { } fault && card is { Length: > 4 })
            Assert.DoesNotContain(card.Replace(" ", "", StringComparison.Ordinal), fault.Message.Zh + fault.Message.En, StringComparison.Ordinal);
        Assert.Equal(keptBank is null ? null : $"{keptBank} 尾号{tail}", FundRules.ShowCard(result.Bank, result.Tail));
    }

    [Theory]
    [InlineData("1000", "400", "600", null)]
    [InlineData("1000", "400", "600.01", "funds.over_source")]
    [InlineData("1000", "1000", "0.01", "funds.over_source")]
    public void AnAllocation_NeverExceedsTheSourcesUnallocatedBalance(string amount, string allocated, string asked, string? code)
    {
        var problem = FundRules.CheckAllocation(Y(asked), Y(amount), Y(allocated), "来财农发〔2016〕1号");
        Assert.Equal(code, problem?.Code);
        if (problem is not null) Assert.Contains(FundRules.Unallocated(Y(amount), Y(allocated)).ToString(), problem.Message.Zh, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("500", "200", "300", null)]
    [InlineData("500", "200", "300.01", "funds.below_disbursed")]
    public void ALowering_NeverGoesBelowWhatWasPaid(string amount, string disbursed, string by, string? code) =>
        Assert.Equal(code, FundRules.CheckLowering(Y(by), Y(amount), Y(disbursed))?.Code);

    public static TheoryData<string, string?, string?, bool, string?, string, bool, string[]> Payments => new()
    {
        // amount, approved, notice ends, held, accepted, paid on, final, codes
        { "100", "2016-03-01", "2016-03-10", false, null, "2016-03-11", false, [] },
        { "100", "2016-03-01", "2016-03-10", false, null, "2016-03-10", false, ["funds.notice_not_ended"] },
        { "100", null, null, false, null, "2016-03-11", false, ["funds.not_approved"] },
        { "100", "2016-03-01", null, false, null, "2016-03-11", false, ["funds.notice_not_ended"] },
        { "100", "2016-04-01", "2016-04-10", false, null, "2016-03-11", false, ["funds.not_approved"] },
        { "100", "2016-03-01", "2016-03-10", true, null, "2016-03-11", false, ["funds.held"] },
        { "100", "2016-03-01", "2016-03-10", false, null, "2016-06-01", true, ["funds.not_accepted"] },
        { "100", "2016-03-01", "2016-03-10", false, "2016-06-02", "2016-06-01", true, ["funds.not_accepted"] },
        { "100", "2016-03-01", "2016-03-10", false, "2016-06-01", "2016-06-01", true, [] },
        { "300", "2016-03-01", "2016-03-10", false, null, "2016-03-11", false, [] },
        { "300.01", "2016-03-01", "2016-03-10", false, null, "2016-03-11", false, ["funds.over_allocation"] },
    };

    [Fact]
    public void AClosedProject_TakesNoMorePayment()
    {
        var closed = new ProjectFunding(D("2016-03-01"), D("2016-03-10"), false, D("2016-06-01"), D("2016-07-01"));
        Assert.Equal(["funds.closed"], FundRules.CheckDisbursement(Y("100"), Y("500"), Y("200"), closed, D("2016-07-02"), true).Select(p => p.Code));
        Assert.Empty(FundRules.CheckDisbursement(Y("100"), Y("500"), Y("200"), closed with { ClosedOn = null }, D("2016-07-02"), true));
    }

    [Theory, MemberData(nameof(Payments))]
    public void APayment_KeepsToTheAllocation_TheApproval_TheNotice_TheObjection_AndTheAcceptance(string amount, string? approved, string? noticeEnds, bool held, string? accepted, string paidOn, bool final, string[] codes)
    {
        // An allocation of 500 yuan of which 200 are paid: 300 left.
        var project = new ProjectFunding(approved is null ? null : D(approved), noticeEnds is null ? null : D(noticeEnds), held, accepted is null ? null : D(accepted));
        var problems = FundRules.CheckDisbursement(Y(amount), Y("500"), Y("200"), project, D(paidOn), final);
        Assert.Equal(codes, problems.Select(p => p.Code));
        Assert.All(problems, p => Assert.False(string.IsNullOrWhiteSpace(p.Message.En)));
    }

    [Theory]
    [InlineData("100", "0", "100", "2016-05-01", new string[0])]
    [InlineData("100", "40", "60", "2016-05-01", new string[0])]
    [InlineData("100", "40", "60.01", "2016-05-01", new[] { "funds.over_refund" })]
    [InlineData("100", "0", "10", "2016-04-30", new[] { "funds.refund_date" })]
    public void ARefund_IsNeverMoreThanWhatIsLeftOfThePayment(string paid, string before, string amount, string on, string[] codes) =>
        Assert.Equal(codes, FundRules.CheckRefund(Y(amount), Y(paid), Y(before), D("2016-05-01"), D(on)).Select(p => p.Code));

    [Theory]
    [InlineData("3:25,6:50,9:75,12:100", "2016-03-31", 0)]
    [InlineData("3:25,6:50,9:75,12:100", "2016-04-01", 25)]
    [InlineData("3:25,6:50,9:75,12:100", "2016-10-15", 75)]
    [InlineData("3:25,6:50,9:75,12:100", "2017-01-01", 100)]
    [InlineData("6:40，12：90", "2016-12-31", 40)]
    [InlineData("6:40，12：90", "2017-02-01", 90)]
    [InlineData("3:25,6:50,9:75,12:100", "2015-12-31", 0)]
    public void TheSchedule_GivesTheTargetOfTheLastMonthPassed(string text, string asOf, int target) =>
        Assert.Equal(target, SpendingSchedule.Parse(text)!.TargetOn(2016, D(asOf)));

    [Theory]
    [InlineData("")]
    [InlineData("6:50,3:25")]
    [InlineData("3:60,6:50")]
    [InlineData("13:100")]
    [InlineData("3:101")]
    [InlineData("abc")]
    public void ASchedule_ThatIsNotARisingListOfMonths_IsRefused(string text) => Assert.Null(SpendingSchedule.Parse(text));

    [Theory]
    [InlineData("1000", "250", 25, false)]
    [InlineData("1000", "249.99", 25, true)]
    [InlineData("1000", "0", 0, false)]
    [InlineData("0", "0", 100, false)]
    public void BehindSchedule_IsLessThanTheTarget_NotOnIt(string amount, string spent, int target, bool behind) =>
        Assert.Equal(behind, FundRules.BehindSchedule(Y(amount), Y(spent), target));

    [Theory]
    [InlineData("100", "2016-01-01", null, "2016-03-31", 90, false)]
    [InlineData("100", "2016-01-01", null, "2016-04-01", 90, true)]
    [InlineData("100", "2016-01-01", "2016-03-01", "2016-04-01", 90, false)]
    [InlineData("0", "2016-01-01", null, "2017-01-01", 90, false)]
    public void AnIdleBalance_IsUnpaidMoneyUntouchedForMoreThanTheDays(string left, string allocated, string? lastPaid, string asOf, int days, bool idle) =>
        Assert.Equal(idle, FundRules.IsIdle(Y(left), D(allocated), lastPaid is null ? null : D(lastPaid), D(asOf), days));

    [Theory]
    [InlineData("2016-01-01", null, "2016-03-31", false)]
    [InlineData("2016-01-01", null, "2016-04-01", true)]
    [InlineData("2016-01-01", "2016-02-01", "2016-12-01", false)]
    [InlineData(null, null, "2016-12-01", false)]
    public void AnApprovedProjectNotStarted_AfterTheDays(string? approved, string? started, string asOf, bool alert) =>
        Assert.Equal(alert, FundRules.NotStarted(approved is null ? null : D(approved), started is null ? null : D(started), D(asOf), 90));

    [Theory]
    [InlineData("1000", "1000", "1000", 0)]
    [InlineData("1000", "1000.01", "900", 1)]
    [InlineData("1000", "1200", "1000.01", 2)]
    public void ABudgetOverrun_NamesWhatWentBeyondIt(string budget, string allocated, string disbursed, int reasons) =>
        Assert.Equal(reasons, FundRules.BudgetOverrun(Y(budget), Y(allocated), Y(disbursed)).Count);

    [Theory]
    [InlineData(HouseholdStatus.NotExited, true, 0)]
    [InlineData(HouseholdStatus.Exited, true, 0)]
    [InlineData(HouseholdStatus.Returned, true, 0)]
    [InlineData(HouseholdStatus.Removed, true, 1)]
    [InlineData(HouseholdStatus.NotExited, false, 1)]
    [InlineData(HouseholdStatus.Removed, false, 2)]
    public void AHouseholdBenefit_GoesToPoorHouseholdsOfTheProjectsVillages(HouseholdStatus status, bool inVillages, int reasons) =>
        Assert.Equal(reasons, FundRules.HouseholdPaymentProblems(status, inVillages).Count);

    [Fact]
    public void PaidTwice_CountsPaymentsNotFullyRefunded()
    {
        Assert.False(FundRules.PaidTwice([Y("500")]));
        Assert.True(FundRules.PaidTwice([Y("500"), Y("300")]));
        Assert.False(FundRules.PaidTwice([Y("500"), Money.Zero]));
    }
}
