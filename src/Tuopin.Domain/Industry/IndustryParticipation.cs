using Tuopin.Domain.Common;

namespace Tuopin.Domain.Industry;

/// <summary>
/// A registered household's part in one of the plan's industries in a year (产业扶贫到户): the industry (the plan's id,
/// e.g. vine_tea, pigs), its scale in the industry's unit (<see cref="IndustryRules.UnitOf"/>: 亩 for planted
/// industries, 头 for pigs, 只 for chickens, 户 for rural tourism), whether it is a scale farmer (规模户, as the
/// village or the department judged it), the market entity that drives it, if any, and how it benefits (订单, 入股分红,
/// 务工, 托管, 流转). It is also a measure of type Industry in the household's plan (<see cref="MeasureId"/>), created
/// with it and cancelled with it: one record, seen from both sides.
/// </summary>
public sealed class IndustryParticipation : IHouseholdOwned, IAreaBound
{
    public Guid Id { get; set; }

    public Guid HouseholdId { get; set; }

    public Guid CountyId { get; set; }

    public Guid TownshipId { get; set; }

    public Guid VillageId { get; set; }

    /// <summary>The plan's industry id (tea, vine_tea, pigs…).</summary>
    public required string IndustryId { get; set; }

    public int Year { get; set; }

    /// <summary>The scale, in the industry's unit (<see cref="IndustryRules.UnitOf"/>).</summary>
    public decimal Scale { get; set; }

    /// <summary>规模户: the household farms at scale (counts toward the plan's scale-farmer targets).</summary>
    public bool ScaleFarmer { get; set; }

    public Guid? MarketEntityId { get; set; }

    public BenefitLink Link { get; set; }

    /// <summary>The measure of type Industry in the household's plan that is this participation.</summary>
    public Guid MeasureId { get; set; }

    public DateOnly? CancelledOn { get; set; }

    public string? CancelReason { get; set; }

    public required string RecordedBy { get; set; }

    public int Version { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public bool Counts => CancelledOn is null;
}

/// <summary>How a household benefits from the market entity (利益联结机制).</summary>
public enum BenefitLink { Own = 1, Order = 2, ShareDividend = 3, WageWork = 4, Trusteeship = 5, LandRent = 6 }

public static class BenefitLinks
{
    public static readonly CodeList<BenefitLink> Codes = new("利益联结方式", "Benefit link",
        new(BenefitLink.Own, "1", "自主发展", "Own farming"),
        new(BenefitLink.Order, "2", "订单收购", "Order"),
        new(BenefitLink.ShareDividend, "3", "入股分红", "Share dividend"),
        new(BenefitLink.WageWork, "4", "务工就业", "Wage work"),
        new(BenefitLink.Trusteeship, "5", "托管代养", "Trusteeship"),
        new(BenefitLink.LandRent, "6", "土地流转", "Land rent"));
}
