using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Registry;
using Tuopin.Application.Storage;
using Tuopin.Domain.Assistance;
using Tuopin.Domain.Common;
using Tuopin.Domain.Credit;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Credit;

/// <summary>
/// Records a micro-loan a bank made to a household of the user's area (扶贫小额信贷发放), and, in the same save, the
/// household's measure of type 小额信贷 for it (one record, seen from the plan's side too). The loan is checked against
/// the county's limits (<see cref="CreditRules.CheckLimits"/>), each problem named by its field and the limit it breaks.
/// </summary>
public sealed class IssueLoan(Database database)
{
    public sealed record Fields(
        string Bank, string ContractNumber, decimal Amount, DateOnly IssuedOn, int TermMonths, string Purpose,
        string? IndustryId = null, decimal InterestRate = 4.35m, decimal SubsidyRate = 4.35m, string Guarantee = "扶贫小额信贷风险补偿金");

    public sealed record Request(Guid HouseholdId, Fields Loan, string? Reason = null);

    public sealed record Saved(Guid Id, Guid MeasureId, int Version);

    public async Task<Saved> HandleAsync(Request request, CancellationToken ct = default)
    {
        var actor = database.Actor;
        CreditAccess.RequireWriter(actor);
        await using var db = database.Open();
        // The household first: one outside the area is not found, whatever the form says.
        var household = await db.Households.AsNoTracking().Where(h => h.Id == request.HouseholdId)
            .Select(h => new Owner(h.Id, h.Number, h.CountyId, h.TownshipId, h.VillageId, h.Status, h.ClosedOn)).FirstOrDefaultAsync(ct)
            ?? throw RegistryMapping.HouseholdNotFound();
        var limits = await CreditAccess.LimitsAsync(db, ct);
        var problems = Check(request.Loan, limits);
        if (problems.Count > 0) throw new InvalidRequestException(problems);
        if (HouseholdFault(household) is { } fault) throw new InvalidRequestException([new Problem("householdId", "credit.household", fault)]);
        var f = request.Loan;
        if (await db.Loans.IgnoreQueryFilters().AnyAsync(l => l.Bank == f.Bank.Trim() && l.ContractNumber == f.ContractNumber.Trim(), ct))
            throw new InvalidRequestException([DuplicateContract(f)]);
        var now = database.Clock.GetUtcNow().UtcDateTime;
        var (loan, measure) = Create(household.Id, household.CountyId, household.TownshipId, household.VillageId, f, actor.UserName, now);
        db.Measures.Add(measure);
        db.Loans.Add(loan);
        db.ChangeReason = request.Reason;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (ConflictException ex) when (ex.LostRace)
        {
            throw new ConflictException(new LocalText("该合同编号刚被他人录入，请核实", "Someone recorded this contract just now; check it"), ex);
        }
        return new Saved(loan.Id, measure.Id, loan.Version);
    }

    internal sealed record Owner(Guid Id, string Number, Guid CountyId, Guid TownshipId, Guid VillageId, HouseholdStatus Status, DateOnly? ClosedOn);

    /// <summary>A loan goes to a registered household of the poor (in the registry, not removed or closed).</summary>
    internal static LocalText? HouseholdFault(Owner h) =>
        h.Status == HouseholdStatus.Removed || h.ClosedOn is not null
            ? new LocalText($"户 {h.Number} 已清退或已销户，不能发放扶贫小额信贷", $"household {h.Number} was removed or closed and cannot get a micro-loan")
            : null;

    internal static Problem DuplicateContract(Fields f) => new("contractNumber", "credit.contract_duplicate",
        new LocalText($"{f.Bank.Trim()}的合同 {f.ContractNumber.Trim()} 已经录入", $"{f.Bank.Trim()}'s contract {f.ContractNumber.Trim()} is already recorded"));

    /// <summary>The loan and its measure, in step: the measure's amount is the loan's, its year the issue day's, its status in progress.</summary>
    internal static (Loan Loan, Measure Measure) Create(Guid householdId, Guid countyId, Guid townshipId, Guid villageId, Fields f, string user, DateTime now)
    {
        var amount = Money.FromYuan(f.Amount);
        var industry = CreditAccess.IndustryOf(f.IndustryId);
        var measure = new Measure
        {
            Id = Guid.CreateVersion7(), HouseholdId = householdId, CountyId = countyId, TownshipId = townshipId, VillageId = villageId,
            Year = f.IssuedOn.Year, Type = MeasureType.MicroCredit, Amount = amount, PlannedOn = f.IssuedOn, Status = MeasureStatus.InProgress,
            Content = MeasureContent(f.Bank.Trim(), amount, f.TermMonths, f.Purpose.Trim()), RecordedBy = user, Version = 1, CreatedAt = now, UpdatedAt = now,
        };
        var loan = new Loan
        {
            Id = Guid.CreateVersion7(), HouseholdId = householdId, CountyId = countyId, TownshipId = townshipId, VillageId = villageId,
            Bank = f.Bank.Trim(), ContractNumber = f.ContractNumber.Trim(), Amount = amount, IssuedOn = f.IssuedOn, TermMonths = f.TermMonths,
            DueOn = CreditRules.DueOn(f.IssuedOn, f.TermMonths), Purpose = f.Purpose.Trim(), IndustryId = industry,
            InterestRate = f.InterestRate, SubsidyRate = f.SubsidyRate, Guarantee = f.Guarantee.Trim(), Status = LoanStatus.Outstanding,
            MeasureId = measure.Id, RecordedBy = user, Version = 1, CreatedAt = now, UpdatedAt = now,
        };
        return (loan, measure);
    }

    public static string MeasureContent(string bank, Money amount, int termMonths, string purpose) =>
        $"扶贫小额信贷：{bank}贷款{amount.Yuan:0.##}元，期限{termMonths}个月，用于{purpose}";

    /// <summary>The rules of one loan, each problem named by its field (also what the import reports per row).</summary>
    public static List<Problem> Check(Fields f, CreditLimits limits)
    {
        var problems = new List<Problem>();
        if (string.IsNullOrWhiteSpace(f.Bank) || f.Bank.Trim().Length > 100)
            problems.Add(new Problem("bank", "credit.bank", new LocalText("请填写放贷银行（不超过100个字）", "Give the lending bank (at most 100 characters)")));
        if (string.IsNullOrWhiteSpace(f.ContractNumber) || f.ContractNumber.Trim().Length > 50)
            problems.Add(new Problem("contractNumber", "credit.contract", new LocalText("请填写借款合同编号（不超过50个字）", "Give the contract number (at most 50 characters)")));
        if (string.IsNullOrWhiteSpace(f.Purpose) || f.Purpose.Trim().Length > Loan.MaxPurposeLength)
            problems.Add(new Problem("purpose", "credit.purpose", new LocalText($"请填写贷款用途（不超过{Loan.MaxPurposeLength}个字）", $"Give the loan's purpose (at most {Loan.MaxPurposeLength} characters)")));
        if (string.IsNullOrWhiteSpace(f.Guarantee) || f.Guarantee.Trim().Length > 100)
            problems.Add(new Problem("guarantee", "credit.guarantee", new LocalText("请填写担保方式（不超过100个字）", "Give the guarantee (at most 100 characters)")));
        if (!string.IsNullOrWhiteSpace(f.IndustryId) && CreditAccess.IndustryOf(f.IndustryId) is null)
            problems.Add(new Problem("industryId", "credit.industry", new LocalText($"规划中没有产业“{f.IndustryId}”", $"The plan has no industry \"{f.IndustryId}\"")));
        if (f.Amount != decimal.Round(f.Amount, 2))
            problems.Add(new Problem("amount", "credit.amount", new LocalText($"贷款金额最多保留两位小数（分），填写的是 {f.Amount}", $"The amount has more than two decimals: {f.Amount}")));
        else if (f.Amount > 1_000_000_000m)
            problems.Add(new Problem("amount", "credit.amount_limit", new LocalText($"贷款金额 {f.Amount} 元超过单户上限 {limits.MaxAmount} 元", $"The amount of {f.Amount} yuan is over the limit of {limits.MaxAmount} yuan per household")));
        else
            problems.AddRange(CreditRules.CheckLimits(Money.FromYuan(f.Amount), f.TermMonths, limits));
        if (f.IssuedOn.Year is < WorkYear.FirstYear or > 2100)
            problems.Add(new Problem("issuedOn", "credit.issued_on", new LocalText($"放贷日期须在 {WorkYear.FirstYear} 年以后", $"The loan must be issued in {WorkYear.FirstYear} or later")));
        if (f.InterestRate is < 0 or > 36 || f.InterestRate != decimal.Round(f.InterestRate, 4))
            problems.Add(new Problem("interestRate", "credit.rate", new LocalText($"年利率须在0至36（%）之间，填写的是 {f.InterestRate}", $"The interest rate must be 0 to 36 (%): {f.InterestRate}")));
        if (f.SubsidyRate < 0 || f.SubsidyRate > f.InterestRate || f.SubsidyRate != decimal.Round(f.SubsidyRate, 4))
            problems.Add(new Problem("subsidyRate", "credit.subsidy_rate", new LocalText($"贴息率须在0至年利率 {f.InterestRate}（%）之间，填写的是 {f.SubsidyRate}",
                $"The interest subsidy must be between 0 and the interest rate {f.InterestRate} (%): {f.SubsidyRate}")));
        return problems;
    }
}
