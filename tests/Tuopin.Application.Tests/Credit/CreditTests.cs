using System.Text;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Credit;
using Tuopin.Application.Storage;
using Tuopin.Domain.Assistance;
using Tuopin.Domain.Credit;
using Tuopin.Testing;

namespace Tuopin.Application.Tests.Credit;

/// <summary>Micro-credit on both databases: a loan and its measure in step, the limits, the overdue list and the status on a hand-counted fixture, the area and role rules, concurrency.</summary>
public sealed class CreditTests
{
    private const string Village = "三胡乡/黄柏园村", Other = "翔凤镇/老茶村";

    private static IssueLoan.Fields Loan(string contract, decimal amount = 30_000m, DateOnly? issued = null, int term = 36, string? industry = "tea") =>
        new("来凤农商行", contract, amount, issued ?? new DateOnly(2016, 3, 15), term, "发展藤茶5亩", industry);

    [Theory, BothDatabases]
    public async Task IssuingAndRepaying_KeepTheLoanAndItsMeasureInStep_AndTheLimitsAreTheCountys(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var household = await county.AddHouseholdAsync(Village);
        var officer = county.VillageOfficer(Village);

        // At the limit: stored, with a measure of type 小额信贷 in progress for the same amount, in the issue year.
        var saved = await county.As<IssueLoan>(officer).HandleAsync(new IssueLoan.Request(household, Loan("LF-001", 50_000m, term: 36), "银行放款通知"));
        var (loan, measure) = await county.QueryAsync(async db => (await db.Loans.SingleAsync(), await db.Measures.SingleAsync()));
        Assert.Equal((saved.MeasureId, LoanStatus.Outstanding, new DateOnly(2019, 3, 15), "tea"), (loan.MeasureId, loan.Status, loan.DueOn, loan.IndustryId));
        Assert.Equal((MeasureType.MicroCredit, MeasureStatus.InProgress, 50_000_00L, 2016, household), (measure.Type, measure.Status, measure.Amount.Fen, measure.Year, measure.HouseholdId));
        Assert.True(await county.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(Domain.Credit.Loan) && a.EntityId == saved.Id && a.HouseholdId == household && a.Reason == "银行放款通知")));

        // One fen or one month past a limit: refused, the limit named; nothing stored.
        var over = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<IssueLoan>(officer).HandleAsync(new IssueLoan.Request(household, Loan("LF-002", 50_000.01m))));
        Assert.Equal(("amount", "credit.amount_limit"), (Assert.Single(over.Problems).Field, over.Problems[0].Code));
        Assert.Contains("50,000.00", over.Problems[0].Message.Zh, StringComparison.Ordinal);
        var longer = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<IssueLoan>(officer).HandleAsync(new IssueLoan.Request(household, Loan("LF-002", term: 37))));
        Assert.Equal("credit.term_limit", Assert.Single(longer.Problems).Code);
        // The same contract twice is refused.
        var twice = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<IssueLoan>(officer).HandleAsync(new IssueLoan.Request(household, Loan("LF-001"))));
        Assert.Equal("credit.contract_duplicate", Assert.Single(twice.Problems).Code);

        // The county lowers its limits (the administrator only): what was allowed is refused, naming the new limit.
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<SetCreditLimits>(county.TownshipOfficer("三胡乡")).HandleAsync(30_000m, 24));
        Assert.Equal(new SetCreditLimits.Limits(30_000m, 24), await county.As<SetCreditLimits>(county.Admin).HandleAsync(30_000m, 24, "县政府常务会议"));
        var lowered = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<IssueLoan>(officer).HandleAsync(new IssueLoan.Request(household, Loan("LF-003", 30_000.01m, term: 25))));
        Assert.Equal(["credit.amount_limit", "credit.term_limit"], lowered.Problems.Select(p => p.Code));
        Assert.Contains("30,000.00", lowered.Problems[0].Message.Zh, StringComparison.Ordinal);
        Assert.Equal(new SetCreditLimits.Limits(30_000m, 24), await county.As<GetCreditLimits>(officer).HandleAsync());

        // Repayments: part, then more than is owed (refused), then the rest, which closes the loan and completes its measure.
        var first = await county.As<RecordRepayment>(officer).HandleAsync(new RecordRepayment.Request(saved.Id, saved.Version, new DateOnly(2017, 3, 10), 20_000m, 2_175m));
        Assert.Equal((LoanStatus.Outstanding, 30_000m), (first.Status, first.Outstanding));
        var tooMuch = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<RecordRepayment>(officer).HandleAsync(new RecordRepayment.Request(saved.Id, first.Version, new DateOnly(2018, 3, 10), 30_000.01m)));
        Assert.Equal("credit.principal_over", Assert.Single(tooMuch.Problems).Code);
        var last = await county.As<RecordRepayment>(officer).HandleAsync(new RecordRepayment.Request(saved.Id, first.Version, new DateOnly(2019, 3, 1), 30_000m, 1_300m));
        Assert.Equal((LoanStatus.Repaid, 0m), (last.Status, last.Outstanding));
        (loan, measure) = await county.QueryAsync(async db => (await db.Loans.SingleAsync(), await db.Measures.SingleAsync()));
        Assert.Equal((LoanStatus.Repaid, new DateOnly(2019, 3, 1), 50_000_00L), (loan.Status, loan.ClosedOn, loan.PrincipalRepaid.Fen));
        Assert.Equal((MeasureStatus.Done, new DateOnly(2019, 3, 1)), (measure.Status, measure.DoneOn));
        var repaidAgain = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<RecordRepayment>(officer).HandleAsync(new RecordRepayment.Request(saved.Id, last.Version, new DateOnly(2019, 4, 1), 0m, 10m)));
        Assert.Equal("credit.loan_closed", repaidAgain.Problems[0].Code);

        // The loan's page: its two repayments, and its subsidy by year.
        var detail = await county.As<GetLoan>(county.Inspector).HandleAsync(saved.Id, new DateOnly(2019, 12, 31));
        Assert.Equal([20_000m, 30_000m], detail.Repayments.Select(r => r.Principal));
        Assert.Equal(LoanStatus.Repaid, detail.Loan.Status);
        Assert.Equal([2016, 2017, 2018, 2019], detail.Subsidies.Select(s => s.Year));
    }

    [Theory, BothDatabases]
    public async Task AnotherVillagesOfficer_AnInspector_AndTheTownships_AreRefusedWhatIsNotTheirs(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var household = await county.AddHouseholdAsync(Village);
        var saved = await county.As<IssueLoan>(county.VillageOfficer(Village)).HandleAsync(new IssueLoan.Request(household, Loan("LF-101")));
        var stranger = county.VillageOfficer(Other);

        // Another village's officer: the household and the loan do not exist for them; their list is empty.
        await Assert.ThrowsAsync<NotFoundException>(() => county.As<IssueLoan>(stranger).HandleAsync(new IssueLoan.Request(household, Loan("LF-102"))));
        await Assert.ThrowsAsync<NotFoundException>(() => county.As<RecordRepayment>(stranger).HandleAsync(new RecordRepayment.Request(saved.Id, saved.Version, new DateOnly(2017, 1, 1), 100m)));
        await Assert.ThrowsAsync<NotFoundException>(() => county.As<GetLoan>(stranger).HandleAsync(saved.Id));
        Assert.Equal(0, (await county.As<ListLoans>(stranger).HandleAsync(new ListLoans.Request())).Loans.Total);
        Assert.Equal(0, (await county.As<GetCreditStatus>(county.TownshipOfficer("翔凤镇")).HandleAsync()).Loans);

        // An inspector reads but does not write.
        Assert.Equal(1, (await county.As<ListLoans>(county.Inspector).HandleAsync(new ListLoans.Request())).Loans.Total);
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<IssueLoan>(county.Inspector).HandleAsync(new IssueLoan.Request(household, Loan("LF-103"))));
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<RecordRepayment>(county.Inspector).HandleAsync(new RecordRepayment.Request(saved.Id, saved.Version, new DateOnly(2017, 1, 1), 100m)));
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<DepositGuaranteeFund>(county.Inspector).HandleAsync(new DepositGuaranteeFund.Request(new DateOnly(2016, 1, 1), 1m, "x")));

        // The township records its own villages' loans and sees their figures, but not the county's fund; the inspector sees it.
        var township = county.TownshipOfficer("三胡乡");
        await county.As<IssueLoan>(township).HandleAsync(new IssueLoan.Request(household, Loan("LF-104", 10_000m)));
        var own = await county.As<GetCreditStatus>(township).HandleAsync(new DateOnly(2016, 12, 31));
        Assert.Equal((2, 40_000m), (own.Outstanding, own.OutstandingAmount));
        Assert.Null(own.GuaranteeFund);
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<GetGuaranteeFund>(township).HandleAsync());
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<GetGuaranteeFund>(county.VillageOfficer(Village)).HandleAsync());
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<DepositGuaranteeFund>(township).HandleAsync(new DepositGuaranteeFund.Request(new DateOnly(2016, 1, 1), 1m, "x")));
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<PayRiskCompensation>(township).HandleAsync(new PayRiskCompensation.Request(saved.Id, saved.Version, new DateOnly(2020, 1, 1), 1m)));
        Assert.NotNull((await county.As<GetCreditStatus>(county.Inspector).HandleAsync()).GuaranteeFund);
        Assert.Empty((await county.As<GetGuaranteeFund>(county.Inspector).HandleAsync()).DepositRows);
    }

    [Theory, BothDatabases]
    public async Task TheOverdueList_AndTheStatus_MatchAHandCountedFixture_BeforeAndAfterAPayout(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var officer = county.VillageOfficer(Village);
        var (a, b, c, d) = (await county.AddHouseholdAsync(Village), await county.AddHouseholdAsync(Village), await county.AddHouseholdAsync(Village), await county.AddHouseholdAsync(Village));
        var issue = county.As<IssueLoan>(officer);
        // A: 50,000 due 31 Jan 2017, 10,000 repaid; B: 20,000 due 30 Jun 2017; C: 10,000 due 28 Feb 2017; D: 30,000 repaid in full.
        var loanA = await issue.HandleAsync(new IssueLoan.Request(a, Loan("A", 50_000m, new DateOnly(2014, 1, 31), 36)));
        var loanB = await issue.HandleAsync(new IssueLoan.Request(b, Loan("B", 20_000m, new DateOnly(2015, 6, 30), 24)));
        var loanC = await issue.HandleAsync(new IssueLoan.Request(c, Loan("C", 10_000m, new DateOnly(2014, 2, 28), 36, industry: null)));
        var loanD = await issue.HandleAsync(new IssueLoan.Request(d, Loan("D", 30_000m, new DateOnly(2015, 1, 5), 24)));
        await county.As<RecordRepayment>(officer).HandleAsync(new RecordRepayment.Request(loanA.Id, loanA.Version, new DateOnly(2016, 1, 31), 10_000m, 2_000m));
        await county.As<RecordRepayment>(officer).HandleAsync(new RecordRepayment.Request(loanD.Id, loanD.Version, new DateOnly(2016, 12, 20), 30_000m));
        await county.As<DepositGuaranteeFund>(county.Admin).HandleAsync(new DepositGuaranteeFund.Request(new DateOnly(2014, 1, 1), 100_000m, "来财农发〔2014〕3号"));
        await county.As<DepositGuaranteeFund>(county.Admin).HandleAsync(new DepositGuaranteeFund.Request(new DateOnly(2015, 1, 1), 50_000m, "来财农发〔2015〕8号"));

        // As of 1 March 2017: A is 29 days overdue (February has 28), C one day; B is not yet due.
        var asOf = new DateOnly(2017, 3, 1);
        var overdue = await county.As<ListOverdueLoans>(county.Admin).HandleAsync(new ListOverdueLoans.Request(asOf));
        Assert.Equal([("A", 29, 40_000m), ("C", 1, 10_000m)], overdue.Loans.Select(l => (l.ContractNumber, l.DaysOverdue, l.Outstanding)));
        Assert.Equal((2, 50_000m), (overdue.Count, overdue.Owed));
        var status = await county.As<GetCreditStatus>(county.Admin).HandleAsync(asOf);
        Assert.Equal((4, 110_000m, 3, 70_000m, 2, 50_000m, 1, 0), (status.Loans, status.Lent, status.Outstanding, status.OutstandingAmount, status.Overdue, status.OverdueAmount, status.Repaid, status.Compensated));
        Assert.Equal(new GetCreditStatus.Fund(150_000m, 0m, 150_000m, 0.47m, 0), status.GuaranteeFund);
        Assert.Equal(["A", "C"], (await county.As<ListLoans>(officer).HandleAsync(new ListLoans.Request(LoanStatus.Overdue, AsOf: asOf))).Loans.Items.Select(l => l.ContractNumber).Order());
        Assert.Equal(["B"], (await county.As<ListLoans>(officer).HandleAsync(new ListLoans.Request(LoanStatus.Outstanding, AsOf: asOf))).Loans.Items.Select(l => l.ContractNumber));

        // B is not overdue: the fund does not compensate it. C is: paid out, compensated, its measure completed.
        var early = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<PayRiskCompensation>(county.Admin).HandleAsync(new PayRiskCompensation.Request(loanB.Id, loanB.Version, asOf, 1_000m)));
        Assert.Equal("credit.not_overdue", Assert.Single(early.Problems).Code);
        await county.As<PayRiskCompensation>(county.Admin).HandleAsync(new PayRiskCompensation.Request(loanC.Id, loanC.Version, new DateOnly(2017, 3, 2), 10_000m, "户主病故，无力偿还"));
        var after = await county.As<GetCreditStatus>(county.Admin).HandleAsync(new DateOnly(2017, 3, 2));
        Assert.Equal((2, 60_000m, 1, 40_000m, 1), (after.Outstanding, after.OutstandingAmount, after.Overdue, after.OverdueAmount, after.Compensated));
        Assert.Equal(new GetCreditStatus.Fund(150_000m, 10_000m, 140_000m, 0.43m, 1), after.GuaranteeFund);
        var fund = await county.As<GetGuaranteeFund>(county.Admin).HandleAsync();
        Assert.Equal(("C", 10_000m), (Assert.Single(fund.PayoutRows).ContractNumber, fund.PayoutRows[0].Amount));
        Assert.Equal(2, fund.DepositRows.Count);
        var measureC = await county.QueryAsync(db => db.Measures.SingleAsync(m => m.Id == loanC.MeasureId));
        Assert.Equal((MeasureStatus.Done, new DateOnly(2017, 3, 2)), (measureC.Status, measureC.DoneOn));
        Assert.Equal(LoanStatus.Compensated, (await county.As<GetLoan>(officer).HandleAsync(loanC.Id)).Loan.Status);
    }

    [Theory, BothDatabases]
    public async Task TwoRepaymentsOnTheSameVersion_OneIsStored_TheOtherIsAConflict(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var household = await county.AddHouseholdAsync(Village);
        var saved = await county.As<IssueLoan>(county.Admin).HandleAsync(new IssueLoan.Request(household, Loan("LF-201")));
        var tasks = new[] { county.VillageOfficer(Village), county.TownshipOfficer("三胡乡") }
            .Select(actor => Task.Run(async () =>
            {
                try
                {
                    await county.As<RecordRepayment>(actor).HandleAsync(new RecordRepayment.Request(saved.Id, saved.Version, new DateOnly(2017, 1, 1), 20_000m));
                    return true;
                }
                catch (ConflictException)
                {
                    return false;
                }
            })).ToList();
        var results = await Task.WhenAll(tasks);
        Assert.Single(results, r => r);
        var loan = await county.QueryAsync(db => db.Loans.SingleAsync());
        Assert.Equal((20_000_00L, 2), (loan.PrincipalRepaid.Fen, loan.Version));
        Assert.Equal(1, await county.QueryAsync(db => db.Repayments.CountAsync()));
    }

    [Theory, BothDatabases]
    public async Task BankLists_ImportAllOrNothing_WithEachFaultNamedByRowAndColumn(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var (mine, second, theirs) = (await county.AddHouseholdAsync(Village), await county.AddHouseholdAsync(Village), await county.AddHouseholdAsync(Other));
        var numbers = await county.QueryAsync(db => db.Households.ToDictionaryAsync(h => h.Id, h => h.Number));
        var officer = county.VillageOfficer(Village);
        const string header = "户编号,放贷银行,合同编号,贷款金额,放贷日期,期限（月）,贷款用途,产业,年利率,贴息率,担保方式";

        var bad = string.Join("\n", header,
            $"{numbers[mine]},来凤农商行,H-1,\"50,000\",2016-04-01,36,种植藤茶,藤茶,4.35,4.35,风险补偿金",
            $"{numbers[theirs]},来凤农商行,H-2,30000,2016-04-01,36,养猪,生猪规模养殖,,,",
            $"{numbers[second]},来凤农商行,H-3,50000.01,2016-04-01,37,养鸡,,,,",
            $"{numbers[second]},来凤农商行,H-1,20000,2016-04-01,36,养鸡,,,,",
            $"{numbers[second]},来凤农商行,H-5,20000,2016-13-01,36,种菜,种橡胶,,,");
        var refused = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<ImportLoans>(officer)
            .HandleAsync(new ImportLoans.Request(new MemoryStream(CsvReader.Gb18030.GetBytes(bad)), "贷款.csv")));
        var messages = refused.Problems.Select(p => p.Message.Zh).ToList();
        Assert.Contains(messages, m => m.StartsWith("第 3 行，户编号", StringComparison.Ordinal) && m.Contains("不在您的管辖范围内", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("第 4 行，贷款金额", StringComparison.Ordinal) && m.Contains("上限 50,000.00 元", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("第 4 行，期限（月）", StringComparison.Ordinal) && m.Contains("上限 36 个月", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("第 5 行，合同编号", StringComparison.Ordinal) && m.Contains("第 2 行", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("第 6 行，放贷日期", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("第 6 行，产业", StringComparison.Ordinal));
        Assert.Equal(0, await county.QueryAsync(db => db.Loans.CountAsync()));

        var good = string.Join("\n", header,
            $"{numbers[mine]},来凤农商行,H-1,\"50,000\",2016-04-01,36,种植藤茶,藤茶,4.35,4.35,风险补偿金",
            $"{numbers[second]},来凤农商行,H-3,20000,2016-04-01,24,养鸡,土鸡规模养殖,,,");
        var imported = await county.As<ImportLoans>(officer).HandleAsync(new ImportLoans.Request(new MemoryStream(Encoding.UTF8.GetBytes(good)), "贷款.csv"));
        Assert.Equal((2, 2, 0), (imported.Rows, imported.Created, imported.Unchanged));
        var loans = await county.QueryAsync(db => db.Loans.OrderBy(l => l.ContractNumber).ToListAsync());
        Assert.Equal([("vine_tea", 50_000_00L), ("chicken", 20_000_00L)], loans.Select(l => (l.IndustryId!, l.Amount.Fen)));
        Assert.Equal(2, await county.QueryAsync(db => db.Measures.CountAsync(m => m.Type == MeasureType.MicroCredit && m.Status == MeasureStatus.InProgress)));
        var again = await county.As<ImportLoans>(officer).HandleAsync(new ImportLoans.Request(new MemoryStream(Encoding.UTF8.GetBytes(good)), "贷款.csv"));
        Assert.Equal((0, 2), (again.Created, again.Unchanged));

        // Repayments: the rows of one loan together may not exceed what it owes; a contract not recorded, a household that is not the loan's.
        const string rheader = "户编号,放贷银行,合同编号,还款日期,还本金额,还息金额";
        var badPay = string.Join("\n", rheader,
            $"{numbers[second]},来凤农商行,H-3,2017-04-01,15000,870",
            $"{numbers[second]},来凤农商行,H-3,2018-04-01,5000.01,200",
            $"{numbers[second]},来凤农商行,H-9,2017-04-01,100,",
            $"{numbers[mine]},来凤农商行,H-3,2017-04-01,100,",
            $"{numbers[mine]},来凤农商行,H-1,2015-04-01,100,");
        var payRefused = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<ImportRepayments>(officer)
            .HandleAsync(new ImportRepayments.Request(new MemoryStream(CsvReader.Gb18030.GetBytes(badPay)), "还款.csv")));
        var payMessages = payRefused.Problems.Select(p => p.Message.Zh).ToList();
        Assert.Equal(4, payMessages.Count);
        Assert.StartsWith("第 3 行，还本金额", payMessages[0], StringComparison.Ordinal);
        Assert.StartsWith("第 4 行，合同编号", payMessages[1], StringComparison.Ordinal);
        Assert.StartsWith("第 5 行，户编号", payMessages[2], StringComparison.Ordinal);
        Assert.StartsWith("第 6 行，还款日期", payMessages[3], StringComparison.Ordinal);
        Assert.Equal(0, await county.QueryAsync(db => db.Repayments.CountAsync()));

        var goodPay = string.Join("\n", rheader,
            $"{numbers[second]},来凤农商行,H-3,2017-04-01,15000,870",
            $"{numbers[second]},来凤农商行,H-3,2018-04-01,5000,200",
            $"{numbers[mine]},来凤农商行,H-1,2017-04-01,10000,2175");
        var paid = await county.As<ImportRepayments>(officer).HandleAsync(new ImportRepayments.Request(new MemoryStream(Encoding.UTF8.GetBytes(goodPay)), "还款.csv"));
        Assert.Equal((3, 3, 1), (paid.Rows, paid.Recorded, paid.LoansRepaid));
        var h3 = await county.QueryAsync(db => db.Loans.SingleAsync(l => l.ContractNumber == "H-3"));
        Assert.Equal((LoanStatus.Repaid, new DateOnly(2018, 4, 1)), (h3.Status, h3.ClosedOn));
        Assert.Equal(MeasureStatus.Done, await county.QueryAsync(db => db.Measures.Where(m => m.Id == h3.MeasureId).Select(m => m.Status).SingleAsync()));

        // An inspector imports nothing.
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<ImportLoans>(county.Inspector).HandleAsync(new ImportLoans.Request(new MemoryStream(Encoding.UTF8.GetBytes(good)), "贷款.csv")));
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<ImportRepayments>(county.Inspector).HandleAsync(new ImportRepayments.Request(new MemoryStream(Encoding.UTF8.GetBytes(goodPay)), "还款.csv")));
    }
}
