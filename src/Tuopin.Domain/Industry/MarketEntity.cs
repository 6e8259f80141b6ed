using Tuopin.Domain.Common;

namespace Tuopin.Domain.Industry;

/// <summary>
/// A market entity (市场主体) that carries the plan's industries to poor households: an enterprise (企业), a specialised
/// farmers' cooperative (专业合作社), a mutual-fund cooperative (资金互助社) or a family farm (家庭农场). It is the
/// county's record (registered by the county or a township office), with the villages it serves and the plan
/// industries it works in (the plan's industry ids: tea, pigs…).
/// </summary>
public sealed class MarketEntity : ICountyBound
{
    public Guid Id { get; set; }

    public Guid CountyId { get; set; }

    public MarketEntityKind Kind { get; set; }

    public required string Name { get; set; }

    /// <summary>统一社会信用代码 (18 characters), when the entity has one.</summary>
    public string? CreditCode { get; set; }

    /// <summary>The plan industries it works in, their ids separated by commas (tea,pigs).</summary>
    public string Industries { get; set; } = string.Empty;

    public DateOnly RegisteredOn { get; set; }

    public List<MarketEntityVillage> Villages { get; set; } = [];

    public required string RecordedBy { get; set; }

    public int Version { get; set; }

    public DateTime UpdatedAt { get; set; }

    public IReadOnlyList<string> IndustryIds => Industries.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public const int MaxNameLength = 100;
}

/// <summary>A village a market entity serves (its members, its orders, its dividends reach the village's households).</summary>
public sealed class MarketEntityVillage
{
    public Guid Id { get; set; }

    public Guid MarketEntityId { get; set; }

    public Guid VillageId { get; set; }
}

public enum MarketEntityKind { Enterprise = 1, SpecialisedCooperative = 2, MutualFundCooperative = 3, FamilyFarm = 4 }

public static class MarketEntityKinds
{
    public static readonly CodeList<MarketEntityKind> Codes = new("市场主体类型", "Market entity kind",
        new(MarketEntityKind.Enterprise, "1", "企业", "Enterprise"),
        new(MarketEntityKind.SpecialisedCooperative, "2", "专业合作社", "Specialised cooperative"),
        new(MarketEntityKind.MutualFundCooperative, "3", "资金互助社", "Mutual-fund cooperative"),
        new(MarketEntityKind.FamilyFarm, "4", "家庭农场", "Family farm"));
}
