using Tuopin.Domain.Common;

namespace Tuopin.Domain.Industry;

/// <summary>A plan industry as the rules need it: its id and the industries it is made of (tea = vine_tea + green_tea + oil_tea).</summary>
public sealed record IndustryDefinition(string Id, IReadOnlyList<string> Parts);

/// <summary>
/// What the actuals rule reads of a household's participation in one industry up to the year (the grouped records:
/// their scale summed, whether any says scale farmer, whether the household is a registered poor one, how many records).
/// </summary>
public sealed record ParticipationFact(Guid HouseholdId, string IndustryId, decimal Scale, bool ScaleFarmer, bool Poor, int Records = 1);

/// <summary>An industry's actuals: the scale in its unit, scale farmers and poor households driven (distinct households).</summary>
public sealed record IndustryActual(string IndustryId, decimal Scale, int ScaleFarmers, int PoorHouseholds, int Households, int Records);

/// <summary>The four parts of the “121” check of a poor village (一个专业合作社、一个资金互助社、一个龙头企业、一个主导产业).</summary>
public enum Part121 { SpecialisedCooperative = 1, MutualFundCooperative = 2, LinkedEnterprise = 3, LeadingIndustry = 4 }

/// <summary>What the 121 check reads of a village: the kinds of the market entities serving it, and its participating households per industry.</summary>
public sealed record Village121Facts(IReadOnlyCollection<MarketEntityKind> EntityKinds, IReadOnlyDictionary<string, int> HouseholdsByIndustry);

/// <summary>The check's answer: the leading industry (if any) and the parts missing, in the order of <see cref="Part121"/>.</summary>
public sealed record Village121(string? LeadingIndustry, IReadOnlyList<Part121> Missing)
{
    public bool Complete => Missing.Count == 0;
}

public static class IndustryRules
{
    public static readonly CodeList<Part121> Parts121 = new("121 要素", "121 part",
        new(Part121.SpecialisedCooperative, "1", "专业合作社", "Specialised cooperative"),
        new(Part121.MutualFundCooperative, "2", "资金互助社", "Mutual-fund cooperative"),
        new(Part121.LinkedEnterprise, "3", "龙头企业", "Linked enterprise"),
        new(Part121.LeadingIndustry, "4", "主导产业", "Leading industry"));

    /// <summary>
    /// The unit of a plan industry's scale: 头 (head) for pigs, 只 for chickens, 户 for rural tourism (a household
    /// is one tourism demonstration household), 亩 (mu) for every planted industry (tea and its parts, vegetables,
    /// herbs, and any other). Only mu counts toward the plan's mu targets.
    /// </summary>
    public static string UnitOf(string industryId) => industryId switch
    {
        "pigs" => "头",
        "chicken" => "只",
        "tourism" => "户",
        _ => Mu,
    };

    public const string Mu = "亩";

    public static bool IsMu(string industryId) => UnitOf(industryId) == Mu;

    /// <summary>
    /// The actuals of each plan industry from the households' participation up to the year (the caller passes only
    /// records that count: not cancelled, of the year or before). An industry with parts counts its parts' records and
    /// its own; a household in two of its parts is one household (and one scale farmer, one poor household driven).
    /// The scale is the sum of the records' scales (mu industries in mu: each record is land the household developed).
    /// Scale farmers: distinct households with a record marked 规模户; poor households driven: distinct registered poor
    /// households with a record.
    /// </summary>
    public static IReadOnlyList<IndustryActual> Actuals(IEnumerable<IndustryDefinition> industries, IEnumerable<ParticipationFact> facts)
    {
        var byIndustry = facts.ToLookup(f => f.IndustryId);
        var result = new List<IndustryActual>();
        foreach (var industry in industries)
        {
            var ids = new HashSet<string>(industry.Parts) { industry.Id };
            var mine = ids.SelectMany(id => byIndustry[id]).ToList();
            var households = mine.GroupBy(f => f.HouseholdId).ToList();
            result.Add(new IndustryActual(industry.Id, mine.Sum(f => f.Scale),
                households.Count(h => h.Any(f => f.ScaleFarmer)), households.Count(h => h.Any(f => f.Poor)), households.Count, mine.Sum(f => f.Records)));
        }
        return result;
    }

    /// <summary>
    /// The “121” check of a poor village: it is served by at least one specialised cooperative, one mutual-fund
    /// cooperative and one enterprise (family farms count for none of the three), and it has a leading industry (主导产业):
    /// the industry with the most participating households of the village (ties go to the first in
    /// <paramref name="order"/>, the plan's order); a village where no household takes part in any industry has none.
    /// </summary>
    public static Village121 Check121(Village121Facts facts, IReadOnlyList<string> order)
    {
        var missing = new List<Part121>();
        if (!facts.EntityKinds.Contains(MarketEntityKind.SpecialisedCooperative)) missing.Add(Part121.SpecialisedCooperative);
        if (!facts.EntityKinds.Contains(MarketEntityKind.MutualFundCooperative)) missing.Add(Part121.MutualFundCooperative);
        if (!facts.EntityKinds.Contains(MarketEntityKind.Enterprise)) missing.Add(Part121.LinkedEnterprise);
        var leading = facts.HouseholdsByIndustry.Where(p => p.Value > 0)
            .OrderByDescending(p => p.Value).ThenBy(p => Rank(order, p.Key)).ThenBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => p.Key).FirstOrDefault();
        if (leading is null) missing.Add(Part121.LeadingIndustry);
        return new Village121(leading, missing);
    }

    private static int Rank(IReadOnlyList<string> order, string id)
    {
        for (var i = 0; i < order.Count; i++) if (order[i] == id) return i;
        return int.MaxValue;
    }

    /// <summary>The faults of a participation's scale (positive, at most 2 decimals, within reason for its unit), or null.</summary>
    public static LocalText? ScaleFault(string industryId, decimal scale)
    {
        var unit = UnitOf(industryId);
        if (scale <= 0) return new LocalText($"规模须大于0（{unit}），填写的是 {scale}", $"The scale must be more than 0 ({unit}): {scale}");
        if (scale != decimal.Round(scale, 2)) return new LocalText($"规模最多保留两位小数，填写的是 {scale}", $"The scale has more than two decimals: {scale}");
        if (unit == "户" && scale != 1) return new LocalText("乡村旅游按户计，规模填 1", "Rural tourism counts households: the scale is 1");
        if (scale > 100_000) return new LocalText($"规模超过十万{unit}，请核实：{scale}", $"The scale is over 100,000 {unit}; check it: {scale}");
        return null;
    }
}
