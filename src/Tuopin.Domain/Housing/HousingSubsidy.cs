using System.Globalization;
using Tuopin.Domain.Common;
using Tuopin.Domain.Registry;

namespace Tuopin.Domain.Housing;

/// <summary>
/// The plan's three housing subsidies (重点任务 3; 工作措施 4: 扶贫搬迁和危房改造): a fixed-sum build (定补建房) for an
/// extremely poor household — no one able to work, no means of its own, or a severe disability — with no house or a
/// dangerous one; a fixed subsidy (定额补贴) for a household with labour and some means that relocates or rebuilds a
/// dangerous house; a direct renovation subsidy (改造直补) for a dilapidated (grade C) or adobe house. The amounts
/// are the county's settings, not the rule's.
/// </summary>
public enum HousingSubsidyCategory { BuildSubsidy = 1, FixedSubsidy = 2, RenovationSubsidy = 3 }

/// <summary>What the rule reads of a household: its status and housing, and of its present members and income.</summary>
public sealed record HousingFacts(
    HouseholdStatus Status, HousingSafety Housing, bool IsAdobeHouse, HouseholdAttribute Attribute,
    int Present, int Labour, int SevereDisabilities, decimal? NetPerPerson, int? IncomeYear, decimal? Line);

/// <summary>The rule's answer: the category (or none) and every reason, in the order the rule weighed them.</summary>
public sealed record HousingEligibility(HousingSubsidyCategory? Category, IReadOnlyList<LocalText> Reasons);

public static class HousingSubsidies
{
    public static readonly CodeList<HousingSubsidyCategory> Categories = new("住房补助类别", "Housing subsidy",
        new(HousingSubsidyCategory.BuildSubsidy, "1", "定补建房（特困户兜底建房）", "Fixed-sum build for the extremely poor"),
        new(HousingSubsidyCategory.FixedSubsidy, "2", "扶贫搬迁或危房改造定额补贴", "Fixed subsidy to relocate or rebuild"),
        new(HousingSubsidyCategory.RenovationSubsidy, "3", "危旧房、土坯房改造直补", "Direct renovation subsidy"));

    /// <summary>The settings that hold each category's amount (yuan per household), set by the county administrator.</summary>
    public static string SettingKey(HousingSubsidyCategory category) => category switch
    {
        HousingSubsidyCategory.BuildSubsidy => "housing.subsidy.build",
        HousingSubsidyCategory.FixedSubsidy => "housing.subsidy.fixed",
        _ => "housing.subsidy.renovation",
    };

    /// <summary>A disability of grade 1 or 2 (一级、二级, 重度残疾).</summary>
    public static bool IsSevere(Health health, int? grade) => health == Health.Disabled && grade is 1 or 2;

    /// <summary>Whether a household's housing calls for a subsidy at all, and which, with the reasons.</summary>
    public static HousingEligibility Assess(HousingFacts f)
    {
        var reasons = new List<LocalText>();
        var inv = CultureInfo.InvariantCulture;
        if (f.Status is not (HouseholdStatus.NotExited or HouseholdStatus.Returned))
        {
            reasons.Add(new LocalText($"该户为{Codes.Statuses.Name(f.Status).Zh}，不是在册贫困户，不享受扶贫住房补助",
                $"The household is {Codes.Statuses.Name(f.Status).En.ToLowerInvariant()}, not a registered poor household, and has no housing subsidy"));
            return new HousingEligibility(null, reasons);
        }
        var housing = Codes.Housings.Name(f.Housing);
        var unsafeHouse = f.Housing is HousingSafety.NoHouse or HousingSafety.DangerC or HousingSafety.DangerD;
        if (!unsafeHouse && !f.IsAdobeHouse)
        {
            reasons.Add(new LocalText("有安全住房，且不是土坯房：不需要建房、搬迁或改造", "The house is safe and not adobe: nothing to build, relocate or renovate"));
            return new HousingEligibility(null, reasons);
        }
        reasons.Add(unsafeHouse
            ? new LocalText($"住房为“{housing.Zh}”", $"The house is \"{housing.En}\"")
            : new LocalText("住房为土坯房", "The house is adobe"));

        // 特困: no one able to work, no means of its own (五保, or an income below the line), or a severe disability.
        var extreme = new List<LocalText>();
        if (f.Present > 0 && f.Labour == 0) extreme.Add(new LocalText("家中无劳动力", "no one in the household can work"));
        if (f.SevereDisabilities > 0) extreme.Add(new LocalText($"有{f.SevereDisabilities}名重度（一、二级）残疾成员", $"{f.SevereDisabilities} member(s) with a severe (grade 1 or 2) disability"));
        if (f.Attribute == HouseholdAttribute.Wubao) extreme.Add(new LocalText("五保户，无投资来源", "a five-guarantees household, with no means of its own"));
        else if (f.NetPerPerson is { } net && f.Line is { } line && net < line)
            extreme.Add(new LocalText($"{f.IncomeYear}年人均纯收入 {net.ToString("#,##0.00", inv)} 元低于扶贫标准 {line.ToString("#,##0", inv)} 元，无投资来源",
                $"net income per person of {f.IncomeYear}, {net.ToString("#,##0.00", inv)} yuan, below the line of {line.ToString("#,##0", inv)}: no means of its own"));

        if (unsafeHouse && extreme.Count > 0)
        {
            reasons.Add(new LocalText("属特困户：" + string.Join("；", extreme.Select(e => e.Zh)), "Extremely poor: " + string.Join("; ", extreme.Select(e => e.En))));
            return new HousingEligibility(HousingSubsidyCategory.BuildSubsidy, reasons);
        }
        if (f.Housing is HousingSafety.NoHouse or HousingSafety.DangerD)
        {
            reasons.Add(new LocalText($"有{f.Labour}名劳动力，有一定投资来源：搬迁或重建给予定额补贴", $"{f.Labour} member(s) can work and there are some means: a fixed subsidy to relocate or rebuild"));
            return new HousingEligibility(HousingSubsidyCategory.FixedSubsidy, reasons);
        }
        reasons.Add(new LocalText(f.Housing == HousingSafety.DangerC ? "C级危房可修缮加固：改造直补" : "土坯房改造：改造直补",
            f.Housing == HousingSafety.DangerC ? "A grade C house can be repaired: a direct renovation subsidy" : "An adobe house to renovate: a direct renovation subsidy"));
        return new HousingEligibility(HousingSubsidyCategory.RenovationSubsidy, reasons);
    }
}
