using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Credit;

namespace Tuopin.Application.Credit;

/// <summary>
/// Imports the repayments a bank reports (.xlsx, .xls or .csv in UTF-8 or GB18030), one row a repayment: the household
/// by its number, the loan by its bank and contract. All or nothing: every fault named by its row and column, each row
/// checked by the form's rules against the loan as the rows before it leave it (the principal of a loan's rows together
/// cannot exceed what it owes). A repayment that clears a loan closes it and completes its measure, as on the form.
/// </summary>
public sealed class ImportRepayments(Database database)
{
    public const int MaxRows = 50_000;

    public const long MaxUploadBytes = 20L << 20;

    public sealed record Request(Stream Content, string FileName, string? Reason = null);

    public sealed record Result(int Rows, int Recorded, int LoansRepaid, IReadOnlyList<SkippedRow> Skipped);

    public static readonly SheetColumn Number = new("户编号", "household_number", true);
    public static readonly SheetColumn Bank = new("放贷银行", "bank", true, "贷款银行", "银行");
    public static readonly SheetColumn Contract = new("合同编号", "contract_number", true, "借款合同编号", "合同号");
    public static readonly SheetColumn PaidOn = new("还款日期", "paid_on", true, "日期");
    public static readonly SheetColumn Principal = new("还本金额", "principal", true, "本金", "归还本金");
    public static readonly SheetColumn Interest = new("还息金额", "interest", false, "利息", "归还利息");

    public static readonly IReadOnlyList<SheetColumn> Columns = [Number, Bank, Contract, PaidOn, Principal, Interest];

    public async Task<Result> HandleAsync(Request request, CancellationToken ct = default)
    {
        var actor = database.Actor;
        CreditAccess.RequireWriter(actor);
        var sheet = SheetImport.Read(request.Content, request.FileName, Columns, MaxRows);
        var problems = new List<Problem>();
        // Each problem's row, so that the refusal lists them row by row whichever pass found them.
        var lineOf = new List<int>();
        var rows = new List<(int Line, string Number, string Bank, string Contract, DateOnly PaidOn, decimal Principal, decimal Interest)>();
        foreach (var row in sheet.Rows)
        {
            var before = problems.Count;
            var number = sheet.Required(row, Number, problems);
            var bank = sheet.Required(row, Bank, problems);
            var contract = sheet.Required(row, Contract, problems);
            var paidOn = ImportCells.Date(sheet, row, PaidOn, problems, required: true);
            var principal = ImportCells.Decimal(sheet, row, Principal, problems, required: true);
            var interest = ImportCells.Decimal(sheet, row, Interest, problems) ?? 0;
            while (lineOf.Count < problems.Count) lineOf.Add(row.Line);
            if (problems.Count == before) rows.Add((row.Line, number!, bank!, contract!, paidOn!.Value, principal!.Value, interest));
        }

        await using var db = database.Open();
        var contracts = rows.Select(r => r.Contract).Distinct().ToList();
        // The area filter applies: a loan of a household outside the user's area is not found.
        var loans = await (from l in db.Loans.Where(l => contracts.Contains(l.ContractNumber))
                           join h in db.Households on l.HouseholdId equals h.Id
                           select new { Loan = l, h.Number }).ToListAsync(ct);
        var byContract = loans.ToDictionary(l => (l.Loan.Bank, l.Loan.ContractNumber));
        var measureIds = loans.Select(l => l.Loan.MeasureId).ToList();
        var measures = await db.Measures.Where(m => measureIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, ct);
        var now = database.Clock.GetUtcNow().UtcDateTime;
        var repayments = new List<Repayment>();
        var repaid = 0;
        foreach (var r in rows.OrderBy(r => r.PaidOn).ThenBy(r => r.Line))
        {
            Check(r.Line, r.Number, r.Bank, r.Contract, r.PaidOn, r.Principal, r.Interest);
            while (lineOf.Count < problems.Count) lineOf.Add(r.Line);
        }
        if (problems.Count > 0) throw new InvalidRequestException([.. problems.Zip(lineOf).OrderBy(p => p.Second).Select(p => p.First)]);
        db.Repayments.AddRange(repayments);
        db.ChangeReason = request.Reason ?? $"导入银行还款清单 {Path.GetFileName(request.FileName)}";
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (ConflictException ex) when (ex.LostRace)
        {
            throw new ConflictException(new LocalText("清单中的贷款刚被他人修改，请重新导入", "A loan of the list was changed by someone else just now; import again"), ex);
        }
        return new Result(sheet.Rows.Count, repayments.Count, repaid, [.. sheet.Skipped]);

        void Check(int line, string number, string bank, string contract, DateOnly paidOn, decimal principal, decimal interest)
        {
            if (!byContract.TryGetValue((bank.Trim(), contract.Trim()), out var found))
            {
                problems.Add(sheet.At(line, Contract.Heading, "credit.loan", new LocalText($"{bank}的合同 {contract} 没有录入，或不在您的管辖范围内", $"{bank}'s contract {contract} is not recorded or is outside your area")));
                return;
            }
            if (found.Number != number.Trim())
            {
                problems.Add(sheet.At(line, Number.Heading, "credit.household_differs", new LocalText($"合同 {contract} 是户 {found.Number} 的贷款，不是户 {number} 的", $"the contract {contract} is household {found.Number}'s loan, not {number}'s")));
                return;
            }
            var loan = found.Loan;
            var faults = RecordRepayment.Check(loan, paidOn, principal, interest, loan.PrincipalRepaid);
            foreach (var p in faults)
                problems.Add(sheet.At(line, p.Field switch { "paidOn" => PaidOn.Heading, "interest" => Interest.Heading, "loanId" => Contract.Heading, _ => Principal.Heading }, p.Code, p.Message));
            if (faults.Count > 0) return;
            measures.TryGetValue(loan.MeasureId, out var measure);
            repayments.Add(RecordRepayment.Apply(loan, measure, paidOn, Money.FromYuan(principal), Money.FromYuan(interest), actor.UserName, now));
            if (loan.Status == LoanStatus.Repaid) repaid++;
        }
    }
}
