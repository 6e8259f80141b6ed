using Tuopin.Domain.Common;
using Tuopin.Domain.Registry;

namespace Tuopin.Domain.Assistance;

/// <summary>
/// What the assistance rules need to know of one poor household in one year: its causes and conditions, its
/// members' facts, its pairing, its measures of the year and its plan. The coverage counts build these for every
/// poor household of an area in a few set-based queries; a household's 帮扶 tab builds the same from the one
/// household; both then ask <see cref="AssistanceRules"/>, so a rule cannot differ between them.
/// </summary>
public sealed record HouseholdFacts(
    Guid HouseholdId, Guid TownshipId, Guid VillageId,
    PovertyCause MainCause, PovertyCause? OtherCause1, PovertyCause? OtherCause2,
    HouseholdAttribute Attribute, HousingSafety Housing,
    bool HasLabour, bool SchoolAgeOutOfSchool,
    bool HasCadre, bool HadCadre,
    IReadOnlyList<MeasureFact> Measures, PlanSufficiency Plan)
{
    public bool HasCause(PovertyCause cause) => MainCause == cause || OtherCause1 == cause || OtherCause2 == cause;

    /// <summary>A measure of one of the kinds that counts in the year (not cancelled).</summary>
    public bool HasMeasure(params MeasureType[] types) => Measures.Any(m => m.Status != MeasureStatus.Cancelled && types.Contains(m.Type));
}

/// <summary>Whether a rule finds a gap in the pairing (who helps) or a mismatch in the measures (with what).</summary>
public enum AssistanceRuleKind { Pairing = 1, Measures = 2 }

/// <summary>A named assistance rule with its explanation, like the quality rules: what it finds in one household.</summary>
public sealed record AssistanceRule(string Code, AssistanceRuleKind Kind, LocalText Name, LocalText Explanation, Func<HouseholdFacts, bool> Finds);

/// <summary>
/// The county's checks of its assistance work (帮扶工作核查), each written once: every poor household has a
/// responsible cadre, a plan of its own for the year that is enough to lift it over the line, and measures that
/// match its causes of poverty. Two checks are not of one household and are counted apart: cadres paired with more
/// households than the county allows, and poor villages without a resident work team.
/// </summary>
public static class AssistanceRules
{
    public const string CadreOverloaded = "cadre_overloaded";
    public const string VillageWithoutTeam = "village_without_team";

    /// <summary>How many households one cadre may be responsible for unless the county sets otherwise.</summary>
    public const int DefaultCadreLoadLimit = 5;

    public static readonly IReadOnlyList<AssistanceRule> All =
    [
        new("no_cadre", AssistanceRuleKind.Pairing,
            new("无帮扶责任人", "No responsible cadre"),
            new("每户贫困户须有一名帮扶责任人（结对帮扶）；本户从未结对。", "Every poor household has a responsible cadre; this one has never been paired."),
            f => !f.HasCadre && !f.HadCadre),
        new("cadre_ended", AssistanceRuleKind.Pairing,
            new("结对已结束、未接续", "Pairing ended with no successor"),
            new("本户原帮扶责任人的结对已结束（调动、退休等），尚未安排新的帮扶责任人。", "The household's cadre's pairing ended (transfer, retirement…) and no new cadre was assigned."),
            f => !f.HasCadre && f.HadCadre),
        new("no_measures", AssistanceRuleKind.Measures,
            new("无当年帮扶措施", "No measures this year"),
            new("一户一策：每户贫困户当年须有帮扶措施；本户当年没有（或全部已取消）。", "One plan per household: every poor household has measures for the year; this one has none (or all were cancelled)."),
            f => !f.Measures.Any(m => m.Status != MeasureStatus.Cancelled)),
        new("plan_insufficient", AssistanceRuleKind.Measures,
            new("帮扶计划不足以脱贫", "Plan not enough to exit"),
            new("上年纯收入加上当年措施的预期增收，按在户人口平均后仍低于当年扶贫标准。", "Last recorded net income plus what the year's measures are expected to add, per present member, is still below the year's poverty line."),
            f => f.Plan.Sufficient == false),
        new("schooling_without_education", AssistanceRuleKind.Measures,
            new("因学致贫、无教育扶贫措施", "Poor through schooling, no education aid"),
            new("致贫原因含“因学”，当年须有教育扶贫措施（助学、雨露计划等）。", "A cause is schooling: the year needs an education measure (grants, 雨露计划…)."),
            f => f.HasCause(PovertyCause.Schooling) && !f.HasMeasure(MeasureType.Education)),
        new("illness_without_health", AssistanceRuleKind.Measures,
            new("因病致贫、无健康扶贫措施", "Poor through illness, no health aid"),
            new("致贫原因含“因病”，当年须有健康扶贫措施（医疗救助、大病救治等）。", "A cause is illness: the year needs a health measure (medical assistance, serious-illness care…)."),
            f => f.HasCause(PovertyCause.Illness) && !f.HasMeasure(MeasureType.Health)),
        new("capital_without_credit", AssistanceRuleKind.Measures,
            new("缺资金、无信贷或产业措施", "Short of capital, no credit or industry support"),
            new("致贫原因含“缺资金”，当年须有小额信贷或产业扶持措施。", "A cause is lack of capital: the year needs micro-credit or industry support."),
            f => f.HasCause(PovertyCause.LackOfCapital) && !f.HasMeasure(MeasureType.MicroCredit, MeasureType.Industry)),
        new("no_labour_without_floor", AssistanceRuleKind.Measures,
            new("因残或缺劳力且无劳动力、无兜底保障", "Disabled or short of labour with no labour, no social floor"),
            new("致贫原因含“因残”或“缺劳力”，家中无在户劳动力（普通或技能劳动力），须有兜底保障措施（低保、五保）。", "A cause is disability or lack of labour and no present member can work: the household needs the social floor (低保, 五保)."),
            f => (f.HasCause(PovertyCause.Disability) || f.HasCause(PovertyCause.LackOfLabour)) && !f.HasLabour && !f.HasMeasure(MeasureType.SocialFloor)),
        new("unsafe_house_without_housing", AssistanceRuleKind.Measures,
            new("住房不安全、无危改或搬迁措施", "Unsafe house, no renovation or relocation"),
            new("住房为C级、D级危房或无房，当年须有危房改造或易地搬迁措施。", "The house is dangerous (grade C or D) or there is none: the year needs renovation or relocation."),
            f => f.Housing != HousingSafety.Safe && !f.HasMeasure(MeasureType.HousingRenovation, MeasureType.Relocation)),
        new("school_age_without_education", AssistanceRuleKind.Measures,
            new("适龄儿童未在校、无教育措施", "School-age child out of school, no education measure"),
            new("家中有6至15周岁的儿童登记为非在校生（控辍保学），当年须有教育扶贫措施。", "A child aged 6 to 15 is recorded as not in school: the year needs an education measure."),
            f => f.SchoolAgeOutOfSchool && !f.HasMeasure(MeasureType.Education)),
        new("floor_household_without_floor", AssistanceRuleKind.Measures,
            new("低保或五保户、无兜底措施", "低保 or 五保 household, no social floor"),
            new("低保贫困户、五保贫困户当年须有兜底保障措施。", "A 低保 or 五保 household needs a social-floor measure in the year."),
            f => f.Attribute is HouseholdAttribute.Dibao or HouseholdAttribute.Wubao && !f.HasMeasure(MeasureType.SocialFloor)),
        new("done_without_effect", AssistanceRuleKind.Measures,
            new("措施已完成、未录成效", "Measure done, no effect recorded"),
            new("已完成的措施须录入成效（实际增收或改变的情况），否则无法核实是否见效。", "A measure marked done needs its effect (income added or what changed); otherwise nobody can tell whether it worked."),
            f => f.Measures.Any(m => m.Status == MeasureStatus.Done && !m.HasEffect)),
    ];

    public static readonly LocalText CadreOverloadedName = new("帮扶责任人结对户数超标", "Cadres above the household load");

    public static LocalText CadreOverloadedExplanation(int limit) => new(
        $"每名帮扶责任人结对的贫困户不超过 {limit} 户（县里可调整）；超过的须调整结对。",
        $"A cadre is responsible for at most {limit} poor households (the county may change this); above it, pairings are moved.");

    public static readonly LocalText VillageWithoutTeamName = new("贫困村无驻村工作队", "Poor village without a work team");

    public static readonly LocalText VillageWithoutTeamExplanation = new(
        "每个贫困村须有驻村工作队（含第一书记）在岗。", "Every poor village has a resident work team (with a first secretary) in place.");

    /// <summary>The rules a household breaks, in the order of <see cref="All"/>.</summary>
    public static IReadOnlyList<AssistanceRule> Findings(HouseholdFacts facts) => All.Where(r => r.Finds(facts)).ToList();

    public static AssistanceRule? Find(string code) => All.FirstOrDefault(r => r.Code == code);

    /// <summary>The day a year's pairings are read on: the working day if it falls in the year, else the year's last day.</summary>
    public static DateOnly DayOf(int year, DateOnly today) => today.Year == year ? today : new DateOnly(year, 12, 31);

    /// <summary>A child of compulsory-school age (6 to 15) on the day.</summary>
    public static bool IsSchoolAge(DateOnly birthDate, DateOnly day)
    {
        var (bornAfter, bornOnOrBefore) = SchoolAgeBirths(day);
        return birthDate > bornAfter && birthDate <= bornOnOrBefore;
    }

    /// <summary>The birth dates of the children of compulsory-school age on a day, for a query: born after the first, on or before the second.</summary>
    public static (DateOnly BornAfter, DateOnly BornOnOrBefore) SchoolAgeBirths(DateOnly day) => (day.AddYears(-16), day.AddYears(-6));

    /// <summary>A member who can work: ordinary or skilled labour.</summary>
    public static bool CanWork(LabourSkill labour) => labour is LabourSkill.Ordinary or LabourSkill.Skilled;
}
