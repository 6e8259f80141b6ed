using System.Globalization;
using Tuopin.Domain.Common;
using Tuopin.Domain.Registry;

namespace Tuopin.Domain.Exit;

/// <summary>Whether a condition of a standard holds for a unit, or could not be judged yet.</summary>
public enum ConditionState { Met = 1, NotMet = 2, NotEvaluated = 3 }

/// <summary>
/// One condition of a standard for one unit: the named rule, whether it holds, and the figures that
/// say why ("人均纯收入 2,700 元 &lt; 2,855 元"). <see cref="Value"/> and <see cref="Threshold"/> are the
/// numbers behind the text (yuan, percent, age), when the rule has them.
/// </summary>
public sealed record ConditionResult(string Rule, LocalText Name, ConditionState State, LocalText Explanation, decimal? Value = null, decimal? Threshold = null)
{
    public bool Met => State == ConditionState.Met;
}

/// <summary>A present member as the household standard needs it.</summary>
public sealed record MemberFacts(string Name, Relation Relation, DateOnly BirthDate, Schooling Schooling, bool MedicalInsurance);

/// <summary>A household as the household standard needs it: its housing, present members and the year's income.</summary>
public sealed record HouseholdFacts(HousingSafety Housing, IReadOnlyList<MemberFacts> Members, HouseholdIncome? Income);

/// <summary>
/// Measures assumed completed in a what-if: housing made safe, school-age children back in school,
/// everyone enrolled in medical insurance, per-capita net income raised by an amount.
/// </summary>
public sealed record Measures(bool HousingMadeSafe = false, bool ChildrenBackToSchool = false, bool MedicalInsuranceEnrolled = false, Money? IncomeRaisedPerCapita = null)
{
    public bool Any => HousingMadeSafe || ChildrenBackToSchool || MedicalInsuranceEnrolled || IncomeRaisedPerCapita is { Fen: > 0 };
}

/// <summary>
/// The household exit standard (贫困户脱贫标准): per-capita net income above the year's poverty line, and
/// 两不愁三保障 — compulsory schooling, basic medical insurance, safe housing. Each rule is named and
/// explains itself with its figures. Pure: the caller loads the facts.
/// </summary>
public static class HouseholdStandard
{
    public const string Income = "income";
    public const string Education = "education";
    public const string Medical = "medical";
    public const string Housing = "housing";

    /// <summary>Compulsory-school age (义务教育阶段), in whole years on 1 September of the year.</summary>
    public const int SchoolAgeFrom = 6;
    public const int SchoolAgeTo = 15;

    public static readonly IReadOnlyDictionary<string, (LocalText Name, LocalText Explanation)> Rules = new Dictionary<string, (LocalText, LocalText)>
    {
        [Income] = (new("收入稳定超过国家扶贫标准", "Income above the poverty line"),
            new("人均纯收入 = 家庭纯收入（工资性、生产经营性、财产性、转移性收入之和减生产经营性支出）÷ 计算人口，须高于当年国家扶贫标准。教育、医疗、住房补助不计入收入。",
                "Per-capita net income = (wage + production + property + transfer income − production expenses) ÷ household size, above the year's national poverty line. Education, medical and housing subsidies are not income.")),
        [Education] = (new("义务教育有保障", "Compulsory education assured"),
            new("家中 6–15 周岁（当年 9 月 1 日）的成员都在校，无义务教育阶段失学辍学。",
                "Every member aged 6–15 (on 1 September of the year) is in school: no child out of compulsory education.")),
        [Medical] = (new("基本医疗有保障", "Basic medical care assured"),
            new("家庭成员全部参加城乡居民基本医疗保险（新农合）。", "Every member is enrolled in basic medical insurance (新农合).")),
        [Housing] = (new("住房安全有保障", "Safe housing assured"),
            new("住房不是C级、D级危房，也不是无房户。", "The house is not dangerous (grade C or D) and the household is not without a house.")),
    };

    public static LocalText NameOf(string rule) => Rules[rule].Name;

    /// <summary>Checks every rule; the household is ready when all are met.</summary>
    public static IReadOnlyList<ConditionResult> Check(HouseholdFacts facts, int year, Money line, Measures? measures = null)
    {
        measures ??= new Measures();
        return [CheckIncome(facts.Income, year, line, measures), CheckEducation(facts.Members, year, measures), CheckMedical(facts.Members, measures), CheckHousing(facts.Housing, measures)];
    }

    public static ConditionResult CheckIncome(HouseholdIncome? income, int year, Money line, Measures? measures = null)
    {
        var name = NameOf(Income);
        if (income is null || income.HouseholdSize <= 0)
            return new ConditionResult(Income, name, ConditionState.NotMet,
                new LocalText($"未录入 {year} 年收入", $"No income recorded for {year}"), null, line.Yuan);
        var perCapita = Math.Round(income.PerCapitaNet, 2);
        if (measures?.IncomeRaisedPerCapita is { } raise) perCapita += raise.Yuan;
        var met = perCapita > line.Yuan;
        var op = met ? ">" : perCapita == line.Yuan ? "=" : "<";
        return new ConditionResult(Income, name, met ? ConditionState.Met : ConditionState.NotMet,
            new LocalText($"人均纯收入 {Yuan(perCapita)} 元 {op} {Yuan(line.Yuan)} 元{(perCapita == line.Yuan ? "（须高于标准）" : "")}",
                $"Per-capita net income {Yuan(perCapita)} yuan {op} {Yuan(line.Yuan)} yuan{(perCapita == line.Yuan ? " (must be above the line)" : "")}"),
            perCapita, line.Yuan);
    }

    public static ConditionResult CheckEducation(IReadOnlyList<MemberFacts> members, int year, Measures? measures = null)
    {
        var name = NameOf(Education);
        var day = new DateOnly(year, 9, 1);
        var outOfSchool = measures?.ChildrenBackToSchool == true ? [] : members
            .Select(m => (m, age: Ages.On(m.BirthDate, day)))
            .Where(x => x.age is >= SchoolAgeFrom and <= SchoolAgeTo && x.m.Schooling == Schooling.NotInSchool)
            .ToList();
        if (outOfSchool.Count == 0)
        {
            var children = members.Count(m => Ages.On(m.BirthDate, day) is >= SchoolAgeFrom and <= SchoolAgeTo);
            return new ConditionResult(Education, name, ConditionState.Met,
                children == 0 ? new LocalText("无义务教育阶段子女", "No child of compulsory-school age")
                    : new LocalText($"{children} 名义务教育阶段子女均在校", $"All {children} children of compulsory-school age are in school"), 0, 0);
        }
        return new ConditionResult(Education, name, ConditionState.NotMet,
            new LocalText(string.Join("；", outOfSchool.Select(x => $"{Codes.Relations.Name(x.m.Relation).Zh} {x.age} 岁 未在校")),
                string.Join("; ", outOfSchool.Select(x => $"{Codes.Relations.Name(x.m.Relation).En}, {x.age}, not in school"))),
            outOfSchool.Count, 0);
    }

    public static ConditionResult CheckMedical(IReadOnlyList<MemberFacts> members, Measures? measures = null)
    {
        var name = NameOf(Medical);
        var missing = measures?.MedicalInsuranceEnrolled == true ? [] : members.Where(m => !m.MedicalInsurance).ToList();
        if (missing.Count == 0)
            return new ConditionResult(Medical, name, ConditionState.Met,
                new LocalText($"{members.Count} 人均参加基本医疗保险", $"All {members.Count} members are in basic medical insurance"), 0, 0);
        return new ConditionResult(Medical, name, ConditionState.NotMet,
            new LocalText($"{missing.Count} 人未参加基本医疗保险：{string.Join("、", missing.Select(m => Codes.Relations.Name(m.Relation).Zh))}",
                $"{missing.Count} not in basic medical insurance: {string.Join(", ", missing.Select(m => Codes.Relations.Name(m.Relation).En))}"),
            missing.Count, 0);
    }

    public static ConditionResult CheckHousing(HousingSafety housing, Measures? measures = null)
    {
        var name = NameOf(Housing);
        if (measures?.HousingMadeSafe == true) housing = HousingSafety.Safe;
        return housing switch
        {
            HousingSafety.Safe => new ConditionResult(Housing, name, ConditionState.Met, new LocalText("住房安全", "The house is safe")),
            HousingSafety.DangerC => new ConditionResult(Housing, name, ConditionState.NotMet, new LocalText("住房 C 级危房", "Dangerous house, grade C")),
            HousingSafety.DangerD => new ConditionResult(Housing, name, ConditionState.NotMet, new LocalText("住房 D 级危房", "Dangerous house, grade D")),
            _ => new ConditionResult(Housing, name, ConditionState.NotMet, new LocalText("无房", "No house")),
        };
    }

    /// <summary>2855 → "2,855"; 2700.5 → "2,700.50".</summary>
    public static string Yuan(decimal yuan) =>
        yuan == decimal.Truncate(yuan) ? yuan.ToString("#,##0", CultureInfo.InvariantCulture) : yuan.ToString("#,##0.00", CultureInfo.InvariantCulture);

    /// <summary>1.234 → "1.23%".</summary>
    public static string Percent(decimal percent) => percent.ToString("0.##", CultureInfo.InvariantCulture) + "%";
}
