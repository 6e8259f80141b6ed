using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Credit;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Funds;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Funds;

/// <summary>
/// Imports payments as the treasury and the bank report them (.xlsx, .xls or .csv in UTF-8 or GB18030), one row a payment:
/// the project by its code, the source by its document number (the project's allocation from it), the payee either a
/// contractor or a household by its number with the subsidy type. All or nothing: every fault named by its row and column;
/// each row checked by the form's rules against the allocation as the rows before it leave it; only projects the importing
/// unit is responsible for.
/// </summary>
public sealed class ImportDisbursements(Database database)
{
    public const int MaxRows = 100_000;

    public sealed record Request(Stream Content, string FileName, string? Reason = null);

    public sealed record Result(int Rows, int Recorded, decimal Paid, IReadOnlyList<SkippedRow> Skipped);

    public static readonly SheetColumn Project = new("项目编号", "project_code", true, "项目代码");
    public static readonly SheetColumn Source = new("资金文号", "source_document", true, "文号", "资金来源文号");
    public static readonly SheetColumn PaidOn = new("支付日期", "paid_on", true, "日期");
    public static readonly SheetColumn Amount = new("支付金额", "amount", true, "金额");
    public static readonly SheetColumn Contractor = new("收款单位", "contractor", false, "施工单位");
    public static readonly SheetColumn Household = new("户编号", "household_number", false);
    public static readonly SheetColumn Subsidy = new("补贴类型", "subsidy_type", false);
    public static readonly SheetColumn Voucher = new("凭证号", "voucher_number", false, "报账凭证号");
    public static readonly SheetColumn Final = new("尾款", "is_final", false, "是否尾款");
    public static readonly SheetColumn Bank = new("开户银行", "bank", false, "一卡通开户银行");
    public static readonly SheetColumn Card = new("一卡通卡号", "bank_card", false, "卡号", "银行卡号", "一卡通账号");

    public static readonly IReadOnlyList<SheetColumn> Columns = [Project, Source, PaidOn, Amount, Contractor, Household, Subsidy, Voucher, Final, Bank, Card];

    public async Task<Result> HandleAsync(Request request, CancellationToken ct = default)
    {
        var actor = database.Actor;
        if (!FundsAccess.CanDisburseAny(actor))
            throw new ForbiddenException(new LocalText("当前角色不能导入资金支付", "This role may not import payments"));
        var sheet = SheetImport.Read(request.Content, request.FileName, Columns, MaxRows);
        var problems = new List<Problem>();
        var rows = new List<(int Line, string Project, string Source, DateOnly PaidOn, decimal Amount, string? Contractor, string? Household, string? Subsidy, string? Voucher, bool Final, string? Bank, string? Tail)>();
        foreach (var row in sheet.Rows)
        {
            var before = problems.Count;
            var project = sheet.Required(row, Project, problems);
            var source = sheet.Required(row, Source, problems);
            var paidOn = ImportCells.Date(sheet, row, PaidOn, problems, required: true);
            var amount = ImportCells.Decimal(sheet, row, Amount, problems, required: true);
            if (amount is { } a && FundRules.CheckAmount(a) is { } bad) problems.Add(sheet.At(row.Line, Amount.Heading, bad.Code, bad.Message));
            var (contractor, household, subsidy) = (FundsAccess.Trim(row[Contractor]), FundsAccess.Trim(row[Household]), FundsAccess.Trim(row[Subsidy]));
            if ((contractor is null) == (household is null))
                problems.Add(sheet.At(row.Line, Contractor.Heading, "funds.payee", new LocalText("收款单位和户编号须填写其中一项", "give the contractor or the household number, one of the two")));
            else if (household is not null && (subsidy is null || subsidy.Length > 50))
                problems.Add(sheet.At(row.Line, Subsidy.Heading, "funds.subsidy_type", new LocalText("农户补贴须填写补贴类型（50字以内）", "a household payment gives its subsidy type (at most 50 characters)")));
            else if (contractor is { Length: > 100 })
                problems.Add(sheet.At(row.Line, Contractor.Heading, "funds.payee", new LocalText("收款单位不能超过100个字", "at most 100 characters")));
            var voucher = FundsAccess.Trim(row[Voucher]);
            if (voucher is { Length: > 50 }) problems.Add(sheet.At(row.Line, Voucher.Heading, "funds.voucher", new LocalText("凭证号不能超过50个字", "at most 50 characters")));
            var final = FundsAccess.Trim(row[Final]) is { } f && f is "是" or "Y" or "y" or "1" or "true" or "yes";
            // Only the card's last four digits go further than this line: the whole number is never stored nor echoed in a fault.
            var card = FundRules.BankCard(row[Bank], row[Card], toHousehold: household is not null);
            if (card.Fault is { } cardFault) problems.Add(sheet.At(row.Line, cardFault.Code == "funds.card_bank" ? Bank.Heading : Card.Heading, cardFault.Code, cardFault.Message));
            if (problems.Count == before) rows.Add((row.Line, project!.Trim(), source!.Trim(), paidOn!.Value, amount!.Value, contractor, household, subsidy, voucher, final, card.Bank, card.Tail));
        }
        await using var db = database.Open();
        var codes = rows.Select(r => r.Project).Distinct().ToList();
        var docs = rows.Select(r => r.Source).Distinct().ToList();
        var projects = await db.Projects.AsNoTracking().Where(p => codes.Contains(p.Code)).ToDictionaryAsync(p => p.Code, ct);
        var projectIds = projects.Values.Select(p => p.Id).ToList();
        var sourceIds = await db.FundSources.AsNoTracking().Where(s => docs.Contains(s.DocumentNumber)).ToDictionaryAsync(s => s.DocumentNumber, s => s.Id, ct);
        var allocations = (await db.FundAllocations.Where(a => projectIds.Contains(a.ProjectId)).ToListAsync(ct)).OrderBy(a => a.AllocatedOn).ThenBy(a => a.Id).ToList();
        var numbers = rows.Select(r => r.Household).OfType<string>().Distinct().ToList();
        // The area filter applies: a household outside the importer's area is not found.
        var households = await db.Households.AsNoTracking().Where(h => numbers.Contains(h.Number)).Select(h => new { h.Id, h.Number, h.TownshipId, h.VillageId }).ToDictionaryAsync(h => h.Number, ct);
        var householdIds = households.Values.Select(h => h.Id).ToList();
        var heads = (await db.Members.AsNoTracking().Where(m => householdIds.Contains(m.HouseholdId) && m.Relation == Relation.Head).Select(m => new { m.HouseholdId, m.Name }).ToListAsync(ct))
            .GroupBy(m => m.HouseholdId).ToDictionary(g => g.Key, g => g.First().Name);
        var now = database.Clock.GetUtcNow().UtcDateTime;
        var added = new List<Disbursement>();
        foreach (var r in rows)
        {
            if (!projects.TryGetValue(r.Project, out var project))
            {
                problems.Add(sheet.At(r.Line, Project.Heading, "funds.project", new LocalText($"项目 {r.Project} 不在项目库中", $"the project {r.Project} is not in the library")));
                continue;
            }
            if (!FundsAccess.CanDisburse(actor, project))
            {
                problems.Add(sheet.At(r.Line, Project.Heading, "funds.not_responsible", new LocalText($"项目 {r.Project} 不是本单位负责的项目", $"the project {r.Project} is not your unit's")));
                continue;
            }
            if (!sourceIds.TryGetValue(r.Source, out var sourceId))
            {
                problems.Add(sheet.At(r.Line, Source.Heading, "funds.source", new LocalText($"资金来源 {r.Source} 没有登记", $"the source {r.Source} is not registered")));
                continue;
            }
            var amount = Money.FromYuan(r.Amount);
            var candidates = allocations.Where(a => a.ProjectId == project.Id && a.FundSourceId == sourceId).ToList();
            if (candidates.Count == 0)
            {
                problems.Add(sheet.At(r.Line, Source.Heading, "funds.allocation", new LocalText($"资金来源 {r.Source} 没有分配给项目 {r.Project}", $"the source {r.Source} allocated nothing to the project {r.Project}")));
                continue;
            }
            var allocation = candidates.FirstOrDefault(a => a.Amount - a.Disbursed >= amount) ?? candidates[^1];
            var faults = FundRules.CheckDisbursement(amount, allocation.Amount, allocation.Disbursed, ProjectFunding.Of(project), r.PaidOn, r.Final);
            foreach (var p in faults)
                problems.Add(sheet.At(r.Line, p.Field switch { "paidOn" => PaidOn.Heading, "isFinal" => Final.Heading, "projectId" => Project.Heading, _ => Amount.Heading }, p.Code, p.Message));
            var d = new Disbursement
            {
                Id = Guid.CreateVersion7(), CountyId = allocation.CountyId, FundAllocationId = allocation.Id, FundSourceId = sourceId, ProjectId = project.Id, PaidOn = r.PaidOn, Amount = amount,
                PayeeKind = PayeeKind.Contractor, Payee = r.Contractor ?? "", VoucherNumber = r.Voucher, IsFinal = r.Final, CardBank = r.Bank, CardTail = r.Tail, RecordedBy = actor.UserName, CreatedAt = now,
            };
            if (r.Household is { } number)
            {
                if (!households.TryGetValue(number, out var h))
                {
                    problems.Add(sheet.At(r.Line, Household.Heading, "funds.household", new LocalText($"户编号 {number} 不存在，或不在您的管辖范围内", $"the household {number} does not exist or is outside your area")));
                    continue;
                }
                (d.PayeeKind, d.HouseholdId, d.TownshipId, d.VillageId, d.SubsidyType, d.Payee) = (PayeeKind.Household, h.Id, h.TownshipId, h.VillageId, r.Subsidy, heads.GetValueOrDefault(h.Id) ?? number);
            }
            if (faults.Count > 0) continue;
            allocation.Disbursed += amount;
            allocation.UpdatedAt = now;
            added.Add(d);
        }
        if (problems.Count > 0) throw new InvalidRequestException(problems);
        foreach (var allocation in allocations.Where(a => db.Entry(a).State == EntityState.Modified)) allocation.Version++;
        db.Disbursements.AddRange(added);
        db.ChangeReason = request.Reason ?? $"导入资金支付清单 {Path.GetFileName(request.FileName)}";
        await RecordDisbursement.SaveAsync(db, ct);
        return new Result(sheet.Rows.Count, added.Count, FundFigures.Sum(added.Select(d => d.Amount)).Yuan, [.. sheet.Skipped]);
    }
}
