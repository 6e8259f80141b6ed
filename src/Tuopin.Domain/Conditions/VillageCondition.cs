using Tuopin.Domain.Common;

namespace Tuopin.Domain.Conditions;

/// <summary>
/// The infrastructure and public services of one village in one year (村级基础设施和公共服务), as the
/// village or the responsible line department reports them. Counts, not rates: rates are sums of counts
/// over sums of their bases, so that a county rate is exactly what its villages add up to.
/// </summary>
public sealed class VillageCondition : IAreaBound
{
    public Guid Id { get; set; }

    public Guid CountyId { get; set; }

    public Guid TownshipId { get; set; }

    public Guid VillageId { get; set; }

    public int Year { get; set; }

    /// <summary>行政村通硬化路.</summary>
    public bool HardenedRoad { get; set; }

    /// <summary>通客运班车.</summary>
    public bool BusService { get; set; }

    /// <summary>自然村 (natural villages, hamlets) in the village.</summary>
    public int NaturalVillages { get; set; }

    /// <summary>自然村通硬化路.</summary>
    public int NaturalVillagesWithRoad { get; set; }

    /// <summary>自然村通生产用电.</summary>
    public int NaturalVillagesWithPower { get; set; }

    /// <summary>Rural households of the village: the base of the household rates.</summary>
    public int Households { get; set; }

    /// <summary>大管网集中供水.</summary>
    public int PipedWaterHouseholds { get; set; }

    /// <summary>安全饮水.</summary>
    public int SafeWaterHouseholds { get; set; }

    /// <summary>通生活用电.</summary>
    public int ElectricityHouseholds { get; set; }

    /// <summary>广播电视入户.</summary>
    public int RadioTvHouseholds { get; set; }

    /// <summary>通宽带 (internet).</summary>
    public bool Broadband { get; set; }

    /// <summary>移动信号覆盖.</summary>
    public bool MobileSignal { get; set; }

    /// <summary>学校或幼儿园.</summary>
    public bool SchoolOrKindergarten { get; set; }

    /// <summary>标准化卫生室.</summary>
    public bool Clinic { get; set; }

    /// <summary>便民服务中心.</summary>
    public bool ServiceCentre { get; set; }

    /// <summary>文化活动室.</summary>
    public bool CulturalCentre { get; set; }

    public string? Note { get; set; }

    public int Version { get; set; }

    public DateTime UpdatedAt { get; set; }
}

/// <summary>The coverage indicators of the plan's village-condition targets, and how each is counted.</summary>
public enum ConditionIndicator
{
    /// <summary>行政村通畅率: villages with a hardened road ÷ villages.</summary>
    VillageRoad = 1,

    /// <summary>客运班车通达率: villages with bus service ÷ villages.</summary>
    Bus = 2,

    /// <summary>自然村通畅率: natural villages with a hardened road ÷ natural villages.</summary>
    NaturalVillageRoad = 3,

    /// <summary>大管网集中供水: households on the piped network ÷ households.</summary>
    PipedWater = 4,

    /// <summary>安全饮水: households with safe water ÷ households.</summary>
    SafeWater = 5,

    /// <summary>通电: households with electricity ÷ households.</summary>
    Electricity = 6,

    /// <summary>生产用电: natural villages with production power ÷ natural villages.</summary>
    ProductionPower = 7,

    /// <summary>互联网: villages with broadband ÷ villages.</summary>
    Internet = 8,

    /// <summary>移动信号: villages with mobile signal ÷ villages.</summary>
    MobileSignal = 9,

    /// <summary>广播电视: households with radio and TV ÷ households.</summary>
    RadioTv = 10,

    /// <summary>学校或幼儿园: villages with one ÷ villages (no plan rate; shown for information).</summary>
    School = 11,

    /// <summary>卫生室.</summary>
    Clinic = 12,

    /// <summary>便民服务中心.</summary>
    ServiceCentre = 13,

    /// <summary>文化活动室.</summary>
    CulturalCentre = 14,
}

/// <summary>What a rate counts: villages, natural villages, or households.</summary>
public enum ConditionBase { Villages = 1, NaturalVillages = 2, Households = 3 }

public static class ConditionIndicators
{
    public sealed record Info(ConditionIndicator Indicator, string Code, LocalText Name, ConditionBase Base);

    /// <summary>The indicators in the plan's order; codes are the ids of the plan file's conditions and facilities.</summary>
    public static readonly IReadOnlyList<Info> All =
    [
        new(ConditionIndicator.VillageRoad, "road_admin", new("行政村通畅率", "Villages with hardened road"), ConditionBase.Villages),
        new(ConditionIndicator.Bus, "bus", new("客运班车通达率", "Villages with bus service"), ConditionBase.Villages),
        new(ConditionIndicator.NaturalVillageRoad, "road_natural", new("自然村通畅率", "Natural villages with hardened road"), ConditionBase.NaturalVillages),
        new(ConditionIndicator.PipedWater, "piped_water", new("大管网集中供水", "Households on piped water"), ConditionBase.Households),
        new(ConditionIndicator.SafeWater, "safe_water", new("安全饮水", "Households with safe drinking water"), ConditionBase.Households),
        new(ConditionIndicator.Electricity, "electricity", new("通电", "Households with electricity"), ConditionBase.Households),
        new(ConditionIndicator.ProductionPower, "production_power", new("生产用电", "Natural villages with production power"), ConditionBase.NaturalVillages),
        new(ConditionIndicator.Internet, "internet", new("互联网", "Villages with internet"), ConditionBase.Villages),
        new(ConditionIndicator.MobileSignal, "mobile", new("移动信号", "Villages with mobile signal"), ConditionBase.Villages),
        new(ConditionIndicator.RadioTv, "radio_tv", new("广播电视", "Households with radio and TV"), ConditionBase.Households),
        new(ConditionIndicator.School, "school", new("学校或幼儿园", "Villages with a school or kindergarten"), ConditionBase.Villages),
        new(ConditionIndicator.Clinic, "clinic", new("卫生室", "Villages with a clinic"), ConditionBase.Villages),
        new(ConditionIndicator.ServiceCentre, "service_centre", new("便民服务中心", "Villages with a service centre"), ConditionBase.Villages),
        new(ConditionIndicator.CulturalCentre, "culture_centre", new("文化活动室", "Villages with a cultural centre"), ConditionBase.Villages),
    ];

    public static Info Of(ConditionIndicator indicator) => All.First(i => i.Indicator == indicator);

    public static Info? ByCode(string code) => All.FirstOrDefault(i => string.Equals(i.Code, code, StringComparison.OrdinalIgnoreCase));

    /// <summary>The count an indicator has reached in one village's record, and its base there.</summary>
    public static (int Reached, int Base) Count(VillageCondition c, ConditionIndicator indicator) => indicator switch
    {
        ConditionIndicator.VillageRoad => (c.HardenedRoad ? 1 : 0, 1),
        ConditionIndicator.Bus => (c.BusService ? 1 : 0, 1),
        ConditionIndicator.NaturalVillageRoad => (c.NaturalVillagesWithRoad, c.NaturalVillages),
        ConditionIndicator.PipedWater => (c.PipedWaterHouseholds, c.Households),
        ConditionIndicator.SafeWater => (c.SafeWaterHouseholds, c.Households),
        ConditionIndicator.Electricity => (c.ElectricityHouseholds, c.Households),
        ConditionIndicator.ProductionPower => (c.NaturalVillagesWithPower, c.NaturalVillages),
        ConditionIndicator.Internet => (c.Broadband ? 1 : 0, 1),
        ConditionIndicator.MobileSignal => (c.MobileSignal ? 1 : 0, 1),
        ConditionIndicator.RadioTv => (c.RadioTvHouseholds, c.Households),
        ConditionIndicator.School => (c.SchoolOrKindergarten ? 1 : 0, 1),
        ConditionIndicator.Clinic => (c.Clinic ? 1 : 0, 1),
        ConditionIndicator.ServiceCentre => (c.ServiceCentre ? 1 : 0, 1),
        ConditionIndicator.CulturalCentre => (c.CulturalCentre ? 1 : 0, 1),
        _ => throw new ArgumentOutOfRangeException(nameof(indicator)),
    };
}

/// <summary>
/// Which fields of a village's record each line department answers for (行业部门负责的指标). The bases
/// (natural villages, households) and the note are the village's and township's: a department changes
/// only its own indicators, and only in a record the village or township has opened for the year.
/// </summary>
public static class ConditionDepartments
{
    private static readonly Dictionary<Accounts.Department, string[]> Fields = new()
    {
        [Accounts.Department.Transport] = [nameof(VillageCondition.HardenedRoad), nameof(VillageCondition.BusService), nameof(VillageCondition.NaturalVillagesWithRoad)],
        [Accounts.Department.Water] = [nameof(VillageCondition.PipedWaterHouseholds), nameof(VillageCondition.SafeWaterHouseholds)],
        [Accounts.Department.Power] = [nameof(VillageCondition.NaturalVillagesWithPower), nameof(VillageCondition.ElectricityHouseholds)],
        [Accounts.Department.Telecom] = [nameof(VillageCondition.Broadband), nameof(VillageCondition.MobileSignal)],
        [Accounts.Department.Culture] = [nameof(VillageCondition.RadioTvHouseholds), nameof(VillageCondition.CulturalCentre)],
        [Accounts.Department.Education] = [nameof(VillageCondition.SchoolOrKindergarten)],
        [Accounts.Department.Health] = [nameof(VillageCondition.Clinic)],
        [Accounts.Department.CivilAffairs] = [nameof(VillageCondition.ServiceCentre)],
    };

    /// <summary>The properties of <see cref="VillageCondition"/> a department may change (none without a department).</summary>
    public static IReadOnlyCollection<string> FieldsOf(Accounts.Department? department) =>
        department is { } d && Fields.TryGetValue(d, out var fields) ? fields : [];

    public static bool MayChange(Accounts.Department? department, string property) => FieldsOf(department).Contains(property);
}

/// <summary>The rules a village's record must keep: no part larger than its whole, no negative count.</summary>
public static class ConditionRules
{
    public const int FirstYear = 2000, LastYear = 2100;

    public static IReadOnlyList<Problem> Check(VillageCondition c)
    {
        var problems = new List<Problem>();
        if (c.Year is < FirstYear or > LastYear)
            problems.Add(new Problem("year", "condition.year", new LocalText($"年度须在 {FirstYear}–{LastYear} 之间", $"The year must be between {FirstYear} and {LastYear}")));
        NotNegative(problems, "naturalVillages", "自然村数", "Natural villages", c.NaturalVillages);
        NotNegative(problems, "households", "农户数", "Households", c.Households);
        Part(problems, "naturalVillagesWithRoad", "通硬化路自然村数", "Natural villages with road", c.NaturalVillagesWithRoad, c.NaturalVillages, "自然村数", "natural villages");
        Part(problems, "naturalVillagesWithPower", "通生产用电自然村数", "Natural villages with production power", c.NaturalVillagesWithPower, c.NaturalVillages, "自然村数", "natural villages");
        Part(problems, "pipedWaterHouseholds", "大管网供水户数", "Households on piped water", c.PipedWaterHouseholds, c.Households, "农户数", "households");
        Part(problems, "safeWaterHouseholds", "安全饮水户数", "Households with safe water", c.SafeWaterHouseholds, c.Households, "农户数", "households");
        Part(problems, "electricityHouseholds", "通电户数", "Households with electricity", c.ElectricityHouseholds, c.Households, "农户数", "households");
        Part(problems, "radioTvHouseholds", "广播电视入户数", "Households with radio and TV", c.RadioTvHouseholds, c.Households, "农户数", "households");
        if (c.Note is { Length: > 500 })
            problems.Add(new Problem("note", "condition.note_long", new LocalText("备注不能超过 500 字", "The note may not exceed 500 characters")));
        return problems;
    }

    private static void NotNegative(List<Problem> problems, string field, string zh, string en, int value)
    {
        if (value < 0)
            problems.Add(new Problem(field, "condition.negative", new LocalText($"{zh}不能为负数", $"{en} cannot be negative")));
    }

    private static void Part(List<Problem> problems, string field, string zh, string en, int value, int whole, string wholeZh, string wholeEn)
    {
        if (value < 0)
            problems.Add(new Problem(field, "condition.negative", new LocalText($"{zh}不能为负数", $"{en} cannot be negative")));
        else if (value > whole)
            problems.Add(new Problem(field, "condition.part_exceeds_whole", new LocalText($"{zh}（{value}）不能大于{wholeZh}（{whole}）", $"{en} ({value}) cannot exceed the {wholeEn} ({whole})")));
    }
}
