using Tuopin.Domain.Common;

namespace Tuopin.Domain.Funds;

/// <summary>
/// A fund the county receives for poverty alleviation (资金来源): from the central, provincial, prefectural or county
/// budget, by an issuing department's document (文号), for a year, in one of the plan's seven integration categories
/// (统筹整合资金). Its money goes to projects only through <see cref="FundAllocation"/>s; <see cref="Allocated"/> is
/// their running sum, kept in the same transaction so that a source is never over-allocated (the database checks it too).
/// </summary>
public sealed class FundSource : ICountyBound
{
    public Guid Id { get; set; }

    public Guid CountyId { get; set; }

    public FundLevel Level { get; set; }

    /// <summary>下达部门, e.g. 财政部 / 省财政厅 / 州扶贫办.</summary>
    public required string IssuingDepartment { get; set; }

    /// <summary>文号, unique in the county (e.g. 鄂财农发〔2016〕45号).</summary>
    public required string DocumentNumber { get; set; }

    public int Year { get; set; }

    public DateOnly ReceivedOn { get; set; }

    /// <summary>金额, whole fen.</summary>
    public Money Amount { get; set; }

    public IntegrationCategory Category { get; set; }

    /// <summary>Sum of the allocations from this source (net of reallocations away), whole fen; at most <see cref="Amount"/>.</summary>
    public Money Allocated { get; set; }

    public required string RecordedBy { get; set; }

    public int Version { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}

/// <summary>
/// Money of a source given to a project (资金分配/下达到项目). <see cref="Disbursed"/> is the running sum of the
/// disbursements paid from it net of refunds, kept in the same transaction: never more than <see cref="Amount"/>.
/// A reallocation (调整) lowers one allocation and creates or raises another; both are kept in the audit.
/// </summary>
public sealed class FundAllocation : ICountyBound
{
    public Guid Id { get; set; }

    public Guid CountyId { get; set; }

    public Guid FundSourceId { get; set; }

    public Guid ProjectId { get; set; }

    public DateOnly AllocatedOn { get; set; }

    public Money Amount { get; set; }

    public Money Disbursed { get; set; }

    /// <summary>分配文号 or note.</summary>
    public string? DocumentNumber { get; set; }

    public required string RecordedBy { get; set; }

    public int Version { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}

/// <summary>
/// A payment from a project's allocation (资金支付): to the contractor, or to a household through its bank card (一卡通).
/// Every disbursement traces to one allocation and so to one source. A household payment is a household benefit
/// (the household's measure, <see cref="MeasureId"/>, where it pays one), not a second record of it.
/// A refund (退回) is a disbursement with a negative amount pointing at the one it refunds.
/// </summary>
public sealed class Disbursement : ICountyBound
{
    public Guid Id { get; set; }

    public Guid CountyId { get; set; }

    public Guid FundAllocationId { get; set; }

    /// <summary>Copies of the allocation's keys, so that traces and checks are one query.</summary>
    public Guid FundSourceId { get; set; }

    public Guid ProjectId { get; set; }

    public DateOnly PaidOn { get; set; }

    /// <summary>Whole fen; negative for a refund.</summary>
    public Money Amount { get; set; }

    public PayeeKind PayeeKind { get; set; }

    /// <summary>收款单位 for a contractor; the head's name for a household.</summary>
    public required string Payee { get; set; }

    /// <summary>The registry household paid (一卡通), for a household payment.</summary>
    public Guid? HouseholdId { get; set; }

    /// <summary>The household's area keys at payment (copies), for household payments; empty otherwise.</summary>
    public Guid? TownshipId { get; set; }

    public Guid? VillageId { get; set; }

    /// <summary>补贴类型 of a household payment (e.g. 危房改造补助, 产业奖补), for the paid-twice check.</summary>
    public string? SubsidyType { get; set; }

    /// <summary>The household's measure this payment pays, when it pays one.</summary>
    public Guid? MeasureId { get; set; }

    /// <summary>The bank of the household's card (一卡通 开户银行), for a household payment that names its card.</summary>
    public string? CardBank { get; set; }

    /// <summary>The card's last four digits (银行卡尾号); the whole number is never stored (see <see cref="FundRules.BankCard"/>).</summary>
    public string? CardTail { get; set; }

    /// <summary>报账凭证号.</summary>
    public string? VoucherNumber { get; set; }

    /// <summary>尾款 / final payment: refused before the project's acceptance.</summary>
    public bool IsFinal { get; set; }

    /// <summary>The disbursement this one refunds.</summary>
    public Guid? RefundOfId { get; set; }

    public required string RecordedBy { get; set; }

    public DateTime CreatedAt { get; set; }
}

public enum FundLevel { Central = 1, Province = 2, Prefecture = 3, County = 4 }

public enum PayeeKind { Contractor = 1, Household = 2 }

/// <summary>The plan's seven integration categories (统筹整合资金使用方向).</summary>
public enum IntegrationCategory
{
    LivingAid = 1, ConditionImprovement = 2, IndustryDevelopment = 3, Relocation = 4, FinanceLeverage = 5, PublicServices = 6, CapacityBuilding = 7,
}

public static class FundCodes
{
    public static readonly CodeList<FundLevel> Levels = new("资金级次", "Fund level",
        new(FundLevel.Central, "1", "中央", "Central"),
        new(FundLevel.Province, "2", "省级", "Province"),
        new(FundLevel.Prefecture, "3", "州级", "Prefecture"),
        new(FundLevel.County, "4", "县级", "County"));

    public static readonly CodeList<IntegrationCategory> Categories = new("整合类别", "Integration category",
        new(IntegrationCategory.LivingAid, "1", "生活救助", "Living aid"),
        new(IntegrationCategory.ConditionImprovement, "2", "条件改善", "Improving conditions"),
        new(IntegrationCategory.IndustryDevelopment, "3", "产业发展", "Industry development"),
        new(IntegrationCategory.Relocation, "4", "扶贫搬迁", "Relocation"),
        new(IntegrationCategory.FinanceLeverage, "5", "撬动金融", "Leveraging finance"),
        new(IntegrationCategory.PublicServices, "6", "公共服务", "Public services"),
        new(IntegrationCategory.CapacityBuilding, "7", "能力建设", "Capacity building"));

    public static readonly CodeList<PayeeKind> Payees = new("收款方", "Payee",
        new(PayeeKind.Contractor, "1", "施工/供货单位", "Contractor"),
        new(PayeeKind.Household, "2", "农户(一卡通)", "Household (bank card)"));
}
