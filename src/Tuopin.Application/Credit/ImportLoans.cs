using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Assistance;
using Tuopin.Domain.Common;
using Tuopin.Domain.Credit;

namespace Tuopin.Application.Credit;

/// <summary>
/// Imports the loans a bank reports (.xlsx, .xls or .csv in UTF-8 or GB18030), one row a loan, the household by its number.
/// All or nothing: every fault of every row is named by its row and column, each row checked by the form's rules and the
/// county's limits (<see cref="IssueLoan.Check"/>). A contract already recorded for the same household counts as
/// unchanged, so a bank's growing list can be imported again; each new loan gets its measure in the same save.
/// </summary>
public sealed class ImportLoans(Database database)
{
    public const int MaxRows = 20_000;

    public const long MaxUploadBytes = 20L << 20;

    public sealed record Request(Stream Content, string FileName, string? Reason = null);

    public sealed record Result(int Rows, int Created, int Unchanged, IReadOnlyList<SkippedRow> Skipped);

    public static readonly SheetColumn Number = new("户编号", "household_number", true);
    public static readonly SheetColumn Bank = new("放贷银行", "bank", true, "贷款银行", "银行");
    public static readonly SheetColumn Contract = new("合同编号", "contract_number", true, "借款合同编号", "合同号");
    public static readonly SheetColumn Amount = new("贷款金额", "amount", true, "金额", "贷款金额（元）");
    public static readonly SheetColumn IssuedOn = new("放贷日期", "issued_on", true, "发放日期", "贷款日期");
    public static readonly SheetColumn Term = new("期限（月）", "term_months", true, "期限", "贷款期限", "期限(月)");
    public static readonly SheetColumn Purpose = new("贷款用途", "purpose", true, "用途");
    public static readonly SheetColumn Industry = new("产业", "industry", false, "扶持产业");
    public static readonly SheetColumn Rate = new("年利率", "interest_rate", false, "利率", "年利率（%）");
    public static readonly SheetColumn Subsidy = new("贴息率", "subsidy_rate", false, "贴息", "贴息率（%）");
    public static readonly SheetColumn Guarantee = new("担保方式", "guarantee", false, "担保");

    public static readonly IReadOnlyList<SheetColumn> Columns = [Number, Bank, Contract, Amount, IssuedOn, Term, Purpose, Industry, Rate, Subsidy, Guarantee];

    public async Task<Result> HandleAsync(Request request, CancellationToken ct = default)
    {
        var actor = database.Actor;
        CreditAccess.RequireWriter(actor);
        var sheet = SheetImport.Read(request.Content, request.FileName, Columns, MaxRows);
        await using var db = database.Open();
        var limits = await CreditAccess.LimitsAsync(db, ct);
        var problems = new List<Problem>();
        var rows = new List<(int Line, string Number, IssueLoan.Fields Fields)>();
        foreach (var row in sheet.Rows)
        {
            var before = problems.Count;
            var number = sheet.Required(row, Number, problems);
            var bank = sheet.Required(row, Bank, problems);
            var contract = sheet.Required(row, Contract, problems);
            var amount = ImportCells.Decimal(sheet, row, Amount, problems, required: true);
            var issued = ImportCells.Date(sheet, row, IssuedOn, problems, required: true);
            var term = ImportCells.Int(sheet, row, Term, problems, required: true);
            var purpose = sheet.Required(row, Purpose, problems);
            var rate = ImportCells.Decimal(sheet, row, Rate, problems) ?? 4.35m;
            var subsidy = ImportCells.Decimal(sheet, row, Subsidy, problems) ?? rate;
            var industry = row[Industry];
            if (industry is not null && CreditAccess.IndustryOf(industry) is null)
                problems.Add(sheet.At(row.Line, Industry.Heading, "credit.industry", new LocalText($"规划中没有产业“{industry}”", $"the plan has no industry \"{industry}\"")));
            if (problems.Count > before) continue;
            var fields = new IssueLoan.Fields(bank!, contract!, amount!.Value, issued!.Value, term!.Value, purpose!, CreditAccess.IndustryOf(industry), rate, subsidy,
                row[Guarantee] ?? "扶贫小额信贷风险补偿金");
            foreach (var p in IssueLoan.Check(fields, limits))
                problems.Add(sheet.At(row.Line, ColumnOf(p.Field).Heading, p.Code, p.Message));
            if (problems.Count == before) rows.Add((row.Line, number!, fields));
        }

        var numbers = rows.Select(r => r.Number).Distinct().ToList();
        // The area filter applies: a household outside the user's area is not found, exactly like a missing one.
        var households = await db.Households.AsNoTracking().Where(h => numbers.Contains(h.Number))
            .Select(h => new IssueLoan.Owner(h.Id, h.Number, h.CountyId, h.TownshipId, h.VillageId, h.Status, h.ClosedOn)).ToDictionaryAsync(h => h.Number, ct);
        var contracts = rows.Select(r => r.Fields.ContractNumber.Trim()).Distinct().ToList();
        var stored = (await db.Loans.IgnoreQueryFilters().AsNoTracking().Where(l => contracts.Contains(l.ContractNumber))
            .Select(l => new { l.Bank, l.ContractNumber, l.HouseholdId }).ToListAsync(ct)).ToDictionary(l => (l.Bank, l.ContractNumber), l => l.HouseholdId);
        var seen = new Dictionary<(string, string), int>();
        var loans = new List<Loan>();
        var measures = new List<Measure>();
        var unchanged = 0;
        var now = database.Clock.GetUtcNow().UtcDateTime;
        foreach (var (line, number, f) in rows)
        {
            var before = problems.Count;
            households.TryGetValue(number, out var h);
            if (h is null)
                problems.Add(sheet.At(line, Number.Heading, "credit.household", new LocalText($"户编号 {number} 不存在或不在您的管辖范围内", $"household {number} does not exist or is outside your area")));
            else if (IssueLoan.HouseholdFault(h) is { } fault)
                problems.Add(sheet.At(line, Number.Heading, "credit.household", fault));
            var key = (f.Bank.Trim(), f.ContractNumber.Trim());
            if (seen.TryGetValue(key, out var first))
                problems.Add(sheet.At(line, Contract.Heading, "credit.duplicate_row", new LocalText($"与{sheet.Where(first).Zh}是同一合同", $"the same contract as {sheet.Where(first).En}")));
            else seen[key] = line;
            if (stored.TryGetValue(key, out var holder) && (h is null || holder != h.Id))
                problems.Add(sheet.At(line, Contract.Heading, "credit.contract_duplicate", new LocalText($"合同 {key.Item2} 已为另一户录入", $"the contract {key.Item2} is recorded for another household")));
            if (problems.Count > before || h is null) continue;
            if (stored.ContainsKey(key))
            {
                unchanged++;
                continue;
            }
            var (loan, measure) = IssueLoan.Create(h.Id, h.CountyId, h.TownshipId, h.VillageId, f, actor.UserName, now);
            loans.Add(loan);
            measures.Add(measure);
        }
        if (problems.Count > 0) throw new InvalidRequestException(problems);
        db.Measures.AddRange(measures);
        db.Loans.AddRange(loans);
        db.ChangeReason = request.Reason ?? $"导入银行贷款清单 {Path.GetFileName(request.FileName)}";
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (ConflictException ex) when (ex.LostRace)
        {
            throw new ConflictException(new LocalText("清单中的合同刚被他人录入，请重新导入", "A contract of the list was recorded by someone else just now; import again"), ex);
        }
        return new Result(sheet.Rows.Count, loans.Count, unchanged, [.. sheet.Skipped]);
    }

    private static SheetColumn ColumnOf(string field) => field switch
    {
        "bank" => Bank, "contractNumber" => Contract, "amount" => Amount, "issuedOn" => IssuedOn, "termMonths" => Term, "purpose" => Purpose,
        "industryId" => Industry, "interestRate" => Rate, "subsidyRate" => Subsidy, "guarantee" => Guarantee, _ => Number,
    };
}

/// <summary>The typed cells of the credit imports, each fault named by its row and column.</summary>
internal static class ImportCells
{
    public static decimal? Decimal(ImportTable sheet, ImportRow row, SheetColumn column, List<Problem> problems, bool required = false)
    {
        var text = required ? sheet.Required(row, column, problems) : row[column];
        if (string.IsNullOrEmpty(text)) return null;
        var value = CellParser.Decimal(text.Replace(",", "", StringComparison.Ordinal).Replace("%", "", StringComparison.Ordinal), new LocalText(column.Heading, column.Code), out var fault);
        if (fault is not null) problems.Add(sheet.At(row.Line, column.Heading, fault.Code, fault.Message));
        return value;
    }

    public static int? Int(ImportTable sheet, ImportRow row, SheetColumn column, List<Problem> problems, bool required = false)
    {
        var text = required ? sheet.Required(row, column, problems) : row[column];
        if (string.IsNullOrEmpty(text)) return null;
        var value = CellParser.Int(text, new LocalText(column.Heading, column.Code), out var fault);
        if (fault is not null) problems.Add(sheet.At(row.Line, column.Heading, fault.Code, fault.Message));
        return value;
    }

    public static DateOnly? Date(ImportTable sheet, ImportRow row, SheetColumn column, List<Problem> problems, bool required = false)
    {
        var text = required ? sheet.Required(row, column, problems) : row[column];
        if (string.IsNullOrEmpty(text)) return null;
        var value = CellParser.Date(new SheetCell(text, false), text, new LocalText(column.Heading, column.Code), out var fault);
        if (fault is not null) problems.Add(sheet.At(row.Line, column.Heading, fault.Code, fault.Message));
        return value;
    }
}
