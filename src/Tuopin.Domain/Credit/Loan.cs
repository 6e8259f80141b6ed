using Tuopin.Domain.Common;

namespace Tuopin.Domain.Credit;

/// <summary>
/// A poverty-alleviation micro-loan (扶贫小额信贷) a bank made to a registered poor household: at most 50,000 yuan for
/// at most three years, no collateral (the county's risk-compensation fund stands behind it), the interest subsidised
/// (贴息) by the county. It is also a measure of the household's plan (<see cref="MeasureId"/>, type 小额信贷), created with
/// it and kept in step: a repaid or compensated loan completes its measure.
/// </summary>
public sealed class Loan : IHouseholdOwned, IAreaBound
{
    public Guid Id { get; set; }

    public Guid HouseholdId { get; set; }

    /// <summary>Copies of the household's area keys, set when saving (see <see cref="IHouseholdOwned"/>).</summary>
    public Guid CountyId { get; set; }

    public Guid TownshipId { get; set; }

    public Guid VillageId { get; set; }

    /// <summary>放贷银行, e.g. 来凤农商行.</summary>
    public required string Bank { get; set; }

    /// <summary>借款合同编号: unique per bank.</summary>
    public required string ContractNumber { get; set; }

    /// <summary>贷款金额 (principal lent), whole fen.</summary>
    public Money Amount { get; set; }

    public DateOnly IssuedOn { get; set; }

    public int TermMonths { get; set; }

    /// <summary>到期日: the issue day plus the term (<see cref="CreditRules.DueOn"/>).</summary>
    public DateOnly DueOn { get; set; }

    /// <summary>贷款用途, e.g. 发展藤茶5亩.</summary>
    public required string Purpose { get; set; }

    /// <summary>The plan's industry the loan develops (<c>tea</c>, <c>pigs</c> … of the plan's industries), where it is one.</summary>
    public string? IndustryId { get; set; }

    /// <summary>年利率, percent (e.g. 4.35: the benchmark rate).</summary>
    public decimal InterestRate { get; set; }

    /// <summary>贴息率, percent a year the county pays of the interest (at most the interest rate).</summary>
    public decimal SubsidyRate { get; set; }

    /// <summary>担保方式, e.g. 扶贫小额信贷风险补偿金 or 免担保免抵押.</summary>
    public required string Guarantee { get; set; }

    /// <summary>The stored status: outstanding, repaid or compensated. Overdue is how an outstanding loan reads past its due day (<see cref="CreditRules.StatusOn"/>).</summary>
    public LoanStatus Status { get; set; } = LoanStatus.Outstanding;

    /// <summary>Principal repaid so far (the sum of the repayments' principal), kept with each repayment so the overdue list is one query.</summary>
    public Money PrincipalRepaid { get; set; }

    /// <summary>The day the last principal was repaid or the fund compensated the bank.</summary>
    public DateOnly? ClosedOn { get; set; }

    /// <summary>The household's measure (type 小额信贷) this loan is.</summary>
    public Guid MeasureId { get; set; }

    public required string RecordedBy { get; set; }

    public int Version { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public const int MaxPurposeLength = 200;
}

/// <summary>One repayment (还款) the bank reports: principal and interest, on a day.</summary>
public sealed class Repayment : IHouseholdOwned, IAreaBound
{
    public Guid Id { get; set; }

    public Guid LoanId { get; set; }

    public Guid HouseholdId { get; set; }

    public Guid CountyId { get; set; }

    public Guid TownshipId { get; set; }

    public Guid VillageId { get; set; }

    public DateOnly PaidOn { get; set; }

    public Money Principal { get; set; }

    public Money Interest { get; set; }

    public required string RecordedBy { get; set; }

    public DateTime RecordedAt { get; set; }
}

/// <summary>
/// A deposit into the county's risk-compensation fund (扶贫小额信贷风险补偿金) at the cooperating banks: the fund stands
/// behind the loans (the banks lend a multiple of it) and pays the banks' losses on loans that cannot be recovered.
/// </summary>
public sealed class GuaranteeFundDeposit : ICountyBound
{
    public Guid Id { get; set; }

    public Guid CountyId { get; set; }

    public DateOnly DepositedOn { get; set; }

    public Money Amount { get; set; }

    /// <summary>资金来源文件, e.g. 来财农发〔2016〕12号.</summary>
    public required string Source { get; set; }

    public required string RecordedBy { get; set; }

    public DateTime RecordedAt { get; set; }
}

/// <summary>A payout of the fund to a bank for a loan it could not recover (风险补偿): the loan is then compensated.</summary>
public sealed class RiskCompensation : ICountyBound
{
    public Guid Id { get; set; }

    public Guid CountyId { get; set; }

    public Guid LoanId { get; set; }

    public DateOnly PaidOn { get; set; }

    public Money Amount { get; set; }

    public string? Note { get; set; }

    public required string RecordedBy { get; set; }

    public DateTime RecordedAt { get; set; }
}

public enum LoanStatus { Outstanding = 1, Repaid = 2, Overdue = 3, Compensated = 4 }
