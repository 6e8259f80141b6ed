using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Credit;
using Tuopin.Application.Tests.Common;
using Tuopin.Application.Storage;
using Tuopin.Testing;
using static Tuopin.Application.Tests.Common.HostileFiles;

namespace Tuopin.Application.Tests.Credit;

/// <summary>
/// The lists a bank sends to the loan and repayment imports, and worse: files that are not lists, too many rows, formula
/// cells (a cached number is read as the number, an error value refused by row and column), a purpose that looks like a
/// formula (kept as text), and a village officer's rows of another village: refused whole with the reason, nothing stored.
/// </summary>
public sealed class HostileImportFilesTests
{
    private const string Village = "三胡乡/黄柏园村", Other = "翔凤镇/老茶村";

    private const string LoanHeader = "户编号,放贷银行,合同编号,贷款金额,放贷日期,期限（月）,贷款用途";

    private static HostileImport Loans(TestCounty county) => new("loans", LoanHeader, "合同编号", ImportLoans.MaxRows,
        (actor, file, name) => county.As<ImportLoans>(actor).HandleAsync(new ImportLoans.Request(file, name)),
        () => county.QueryAsync(db => db.Loans.CountAsync()));

    private static HostileImport Repayments(TestCounty county) => new("repayments", "户编号,放贷银行,合同编号,还款日期,还本金额", "还款日期", ImportRepayments.MaxRows,
        (actor, file, name) => county.As<ImportRepayments>(actor).HandleAsync(new ImportRepayments.Request(file, name)),
        () => county.QueryAsync(db => db.Repayments.CountAsync()));

    [Theory, BothDatabases]
    public async Task FilesThatAreNotLists_AndTooManyRows_AreRefusedWhole(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        foreach (var import in new[] { Loans(county), Repayments(county) })
        {
            await NotListsAreRefusedAsync(import, county.VillageOfficer(Village));
            await TooManyRowsAreRefusedAsync(import, county.Admin);
        }
    }

    [Theory, BothDatabases]
    public async Task FormulaCells_ReadTheirValue_AnErrorValueIsRefused_AndAFormulaLikePurposeIsKeptAsText(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var household = await county.AddHouseholdAsync(Village);
        var number = await county.QueryAsync(db => db.Households.Where(h => h.Id == household).Select(h => h.Number).SingleAsync());
        var officer = county.VillageOfficer(Village);
        string[] header = [.. LoanHeader.Split(',')];

        // 贷款金额 =#REF! is refused naming row 2 and the column; =10000*3 with its cached 30000 is 30,000 yuan.
        var error = await RefusedAsync(Loans(county), officer, Workbook(header, [number, "来凤农商行", "LF-9", ("#REF!*3", "#REF!", "e"), "2016-03-15", "36", "发展藤茶5亩"]), "errors.xlsx");
        var problem = Assert.Single(error.Problems);
        Assert.Equal("rows[2].贷款金额", problem.Field);
        const string purpose = "=HYPERLINK(\"http://example.invalid\",\"点我\")";
        await Loans(county).Run(officer, new MemoryStream(Workbook(header, [number, "来凤农商行", "LF-9", ("10000*3", "30000", ""), "2016-03-15", "36", purpose])), "loans.xlsx");
        var loan = await county.QueryAsync(db => db.Loans.SingleAsync());
        Assert.Equal((30_000m, purpose), (loan.Amount.Yuan, loan.Purpose));

        // A repayment whose principal is a formula's error value: refused, the loan untouched.
        var repayment = await RefusedAsync(Repayments(county), officer, Workbook(["户编号", "放贷银行", "合同编号", "还款日期", "还本金额"],
            [number, "来凤农商行", "LF-9", "2017-03-15", ("B1/0", "#DIV/0!", "e")]), "repay.xlsx");
        Assert.Equal("rows[2].还本金额", Assert.Single(repayment.Problems).Field);
        Assert.Equal(0m, await county.QueryAsync(db => db.Loans.Select(l => l.PrincipalRepaid).SingleAsync()).ContinueWith(t => t.Result.Yuan));
    }

    [Theory, BothDatabases]
    public async Task AVillageOfficersRowsOfAnotherVillage_AreRefusedByRow_AndNothingIsStored(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var (mine, theirs) = (await county.AddHouseholdAsync(Village), await county.AddHouseholdAsync(Other, Build.Member(name: "老茶村户主")));
        var numbers = await county.QueryAsync(db => db.Households.Where(h => h.Id == mine || h.Id == theirs).ToDictionaryAsync(h => h.Id, h => h.Number));
        await county.As<IssueLoan>(county.Admin).HandleAsync(new IssueLoan.Request(theirs, new IssueLoan.Fields("来凤农商行", "LF-T", 20_000m, new DateOnly(2016, 3, 15), 36, "发展藤茶5亩", "tea")));
        var officer = county.VillageOfficer(Village);

        var loans = await RefusedAsync(Loans(county) with { Stored = () => county.QueryAsync(db => db.Loans.CountAsync(l => l.HouseholdId == mine)) }, officer, Utf8(string.Join("\r\n", LoanHeader,
            $"{numbers[mine]},来凤农商行,LF-1,20000,2016-03-15,36,发展藤茶5亩", $"{numbers[theirs]},来凤农商行,LF-2,20000,2016-03-15,36,发展藤茶5亩")), "loans.csv");
        Assert.Equal(("rows[3].户编号", "credit.household"), (Assert.Single(loans.Problems).Field, loans.Problems[0].Code));

        // Their loan's repayment from the officer: the contract is not found in the officer's area, not told apart from one never recorded.
        var repayments = await RefusedAsync(Repayments(county), officer, Utf8($"户编号,放贷银行,合同编号,还款日期,还本金额\r\n{numbers[theirs]},来凤农商行,LF-T,2017-03-15,5000\r\n"), "repay.csv");
        Assert.Contains("没有录入，或不在您的管辖范围内", Assert.Single(repayments.Problems).Message.Zh, StringComparison.Ordinal);
    }
}
