using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;

namespace Tuopin.Domain.Assistance;

/// <summary>
/// One measure of a household's plan for a year (帮扶措施, 一户一策): what is done for the household or one of its
/// members, by whom, how much it costs, what it is expected to add to the household's yearly income, and, once
/// done, what it changed. Industry support, a loan, a housing subsidy are measures too: the ledger is one, so a
/// household's plan and the county's counts see them all.
/// </summary>
public sealed class Measure : IHouseholdOwned, IAreaBound
{
    public Guid Id { get; set; }

    /// <summary>The registered household; null for a measure of an edge household under watch (<see cref="EdgeHouseholdId"/>).</summary>
    public Guid? HouseholdId { get; set; }

    // A registered household's measure takes its area from the household; an edge household's has its own keys.
    Guid IHouseholdOwned.HouseholdId => HouseholdId ?? Guid.Empty;

    /// <summary>The edge household watched for return to poverty (边缘户) the measure is for; null for a registered household.</summary>
    public Guid? EdgeHouseholdId { get; set; }

    public Guid CountyId { get; set; }

    public Guid TownshipId { get; set; }

    public Guid VillageId { get; set; }

    /// <summary>The member it is for (a pupil's education aid, a patient's medical aid); null: the household.</summary>
    public Guid? MemberId { get; set; }

    public int Year { get; set; }

    public MeasureType Type { get; set; }

    /// <summary>措施内容, e.g. 发展茶叶3亩, 雨露计划补助.</summary>
    public required string Content { get; set; }

    /// <summary>投入或补助金额: what the measure costs or pays, whole fen.</summary>
    public Money Amount { get; set; }

    /// <summary>预期增收: what the measure is expected to add to the household's net income in the year.</summary>
    public Money ExpectedIncome { get; set; }

    public Guid? CadreId { get; set; }

    public DateOnly? PlannedOn { get; set; }

    public DateOnly? DoneOn { get; set; }

    public MeasureStatus Status { get; set; } = MeasureStatus.Planned;

    /// <summary>实际增收, once done: the income the measure added.</summary>
    public Money? EffectIncome { get; set; }

    /// <summary>成效, once done: the condition it changed (住房已安全, 已入学, 已纳入低保…).</summary>
    public string? EffectNote { get; set; }

    public required string RecordedBy { get; set; }

    public string? ReviewedBy { get; set; }

    public DateTime? ReviewedAt { get; set; }

    public int Version { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>Counts in the household's plan: every measure but a cancelled one.</summary>
    public bool Counts => Status != MeasureStatus.Cancelled;

    /// <summary>Done, and what it changed is recorded (an income or a note).</summary>
    public bool HasEffect => EffectIncome is not null || !string.IsNullOrWhiteSpace(EffectNote);
}

/// <summary>The kinds of measure (帮扶措施类型), as the plan's household tasks name them.</summary>
public enum MeasureType
{
    /// <summary>产业扶持.</summary>
    Industry = 1,

    /// <summary>就业扶贫、劳务输出.</summary>
    Employment = 2,

    /// <summary>易地扶贫搬迁.</summary>
    Relocation = 3,

    /// <summary>危房改造.</summary>
    HousingRenovation = 4,

    /// <summary>教育扶贫（含雨露计划）.</summary>
    Education = 5,

    /// <summary>健康扶贫（医疗救助、大病救治）.</summary>
    Health = 6,

    /// <summary>社会保障兜底（低保、五保）.</summary>
    SocialFloor = 7,

    /// <summary>扶贫小额信贷.</summary>
    MicroCredit = 8,

    /// <summary>技能培训.</summary>
    SkillsTraining = 9,

    /// <summary>资产收益、分红.</summary>
    AssetIncome = 10,

    /// <summary>生态补偿、公益岗位.</summary>
    EcoCompensation = 11,
}

public enum MeasureStatus { Planned = 1, InProgress = 2, Done = 3, Cancelled = 4 }

public static class MeasureTypes
{
    public static readonly CodeList<MeasureType> Codes = new("措施类型", "Measure type",
        new(MeasureType.Industry, "1", "产业扶持", "Industry support"),
        new(MeasureType.Employment, "2", "就业扶贫", "Employment and labour transfer"),
        new(MeasureType.Relocation, "3", "易地搬迁", "Relocation"),
        new(MeasureType.HousingRenovation, "4", "危房改造", "Dangerous-house renovation"),
        new(MeasureType.Education, "5", "教育扶贫", "Education aid"),
        new(MeasureType.Health, "6", "健康扶贫", "Health aid"),
        new(MeasureType.SocialFloor, "7", "兜底保障", "Social floor"),
        new(MeasureType.MicroCredit, "8", "小额信贷", "Micro-credit"),
        new(MeasureType.SkillsTraining, "9", "技能培训", "Skills training"),
        new(MeasureType.AssetIncome, "10", "资产收益", "Asset income"),
        new(MeasureType.EcoCompensation, "11", "生态补偿", "Ecological compensation"));

    public static readonly CodeList<MeasureStatus> Statuses = new("措施状态", "Measure status",
        new(MeasureStatus.Planned, "1", "计划", "Planned"),
        new(MeasureStatus.InProgress, "2", "实施中", "In progress"),
        new(MeasureStatus.Done, "3", "已完成", "Done"),
        new(MeasureStatus.Cancelled, "4", "已取消", "Cancelled"));

    /// <summary>
    /// The line department responsible for a kind of measure (行业部门): it reads and writes the measures of its
    /// kinds across the county, and no others.
    /// </summary>
    public static Department DepartmentOf(MeasureType type) => type switch
    {
        MeasureType.Industry => Department.Agriculture,
        MeasureType.Employment or MeasureType.SkillsTraining => Department.HumanResources,
        MeasureType.Relocation => Department.Development,
        MeasureType.HousingRenovation => Department.Housing,
        MeasureType.Education => Department.Education,
        MeasureType.Health => Department.Health,
        MeasureType.SocialFloor => Department.CivilAffairs,
        MeasureType.MicroCredit => Department.Finance,
        MeasureType.AssetIncome => Department.Agriculture,
        MeasureType.EcoCompensation => Department.Forestry,
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>The kinds a line department answers for.</summary>
    public static IReadOnlyList<MeasureType> OfDepartment(Department department) =>
        Enum.GetValues<MeasureType>().Where(t => DepartmentOf(t) == department).ToList();
}
