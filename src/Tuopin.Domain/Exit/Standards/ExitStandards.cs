using Tuopin.Domain.Common;

namespace Tuopin.Domain.Exit;

/// <summary>
/// The exit standards a county works to (退出标准), configured by the county administrator and audited
/// like any record. Percentages are in percent (2 means 2%). The poverty line is not here: it is national
/// and per year, in its own table.
/// </summary>
public sealed class ExitStandards : ICountyBound
{
    public Guid Id { get; set; }

    public Guid CountyId { get; set; }

    /// <summary>A poor village exits (出列) when its incidence is below this (2%, 3% in the west).</summary>
    public decimal VillageIncidenceLimit { get; set; } = 2m;

    /// <summary>A poor township exits when its incidence is below this.</summary>
    public decimal TownshipIncidenceLimit { get; set; } = 2m;

    /// <summary>The county is delisted (摘帽) when its incidence is below this.</summary>
    public decimal CountyIncidenceLimit { get; set; } = 2m;

    /// <summary>错退率 must be below this.</summary>
    public decimal WrongExitLimit { get; set; } = 2m;

    /// <summary>漏评率 must be below this.</summary>
    public decimal MissedLimit { get; set; } = 2m;

    /// <summary>群众认可度 must be above this.</summary>
    public decimal ApprovalMinimum { get; set; } = 90m;

    /// <summary>A village's collective income (村集体经济收入) must reach this, when set.</summary>
    public Money? VillageCollectiveIncomeMinimum { get; set; }

    /// <summary>Village conditions a poor village must meet, as <see cref="VillageConditionKeys"/> joined by commas.</summary>
    public string RequiredVillageConditions { get; set; } = string.Empty;

    /// <summary>A township exits only when every poor village in it is ready or has exited.</summary>
    public bool TownshipRequiresPoorVillagesReady { get; set; } = true;

    /// <summary>After exit: flag a household whose per-capita net income is within this margin above the line (percent).</summary>
    public decimal RiskIncomeMargin { get; set; } = 10m;

    public bool WatchIncome { get; set; } = true;

    public bool WatchIllnessOrDisability { get; set; } = true;

    public bool WatchDisaster { get; set; } = true;

    public bool WatchLabourLoss { get; set; } = true;

    /// <summary>The standards a county starts with: 2%, or 3% for a western county.</summary>
    public static ExitStandards DefaultFor(Guid countyId, bool western)
    {
        var limit = western ? 3m : 2m;
        return new ExitStandards
        {
            Id = Guid.CreateVersion7(),
            CountyId = countyId,
            VillageIncidenceLimit = limit,
            TownshipIncidenceLimit = limit,
            CountyIncidenceLimit = limit,
        };
    }

    /// <summary>After exit: the per-capita net income at or under which a household is flagged, the line raised by the margin (to the fen).</summary>
    public decimal IncomeWarningLevel(decimal line) => Math.Round(line * (1 + RiskIncomeMargin / 100m), 2);

    /// <summary>
    /// After exit: an exited household's income is a risk signal (收入预警) when its per-capita net income of a year, to the
    /// fen, is not above the warning level of that year's line. The county's risk list and the demo's watch read this rule.
    /// </summary>
    public bool IsIncomeAtRisk(decimal perCapitaNet, decimal line) => Math.Round(perCapitaNet, 2) <= IncomeWarningLevel(line);

    /// <summary>Why an income is a risk signal, in the risk list's words: not above the line, or under the warning level.</summary>
    public LocalText IncomeRiskExplanation(decimal perCapitaNet, decimal line)
    {
        var perCapita = Math.Round(perCapitaNet, 2);
        var warn = IncomeWarningLevel(line);
        return perCapita <= line
            ? new LocalText($"人均纯收入 {HouseholdStandard.Yuan(perCapita)} 元，未超过扶贫标准 {HouseholdStandard.Yuan(line)} 元", $"Per-capita net income {HouseholdStandard.Yuan(perCapita)} yuan, not above the line of {HouseholdStandard.Yuan(line)} yuan")
            : new LocalText($"人均纯收入 {HouseholdStandard.Yuan(perCapita)} 元，低于预警线 {HouseholdStandard.Yuan(warn)} 元（标准上浮 {HouseholdStandard.Percent(RiskIncomeMargin)}）", $"Per-capita net income {HouseholdStandard.Yuan(perCapita)} yuan, under the warning level of {HouseholdStandard.Yuan(warn)} yuan (line + {HouseholdStandard.Percent(RiskIncomeMargin)})");
    }

    public IReadOnlyList<string> RequiredConditions() =>
        RequiredVillageConditions.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>Checks the values an administrator entered.</summary>
    public List<Problem> Check()
    {
        var p = new List<Problem>();
        Percent(p, "villageIncidenceLimit", VillageIncidenceLimit, "村贫困发生率上限", "The village incidence limit");
        Percent(p, "townshipIncidenceLimit", TownshipIncidenceLimit, "乡镇贫困发生率上限", "The township incidence limit");
        Percent(p, "countyIncidenceLimit", CountyIncidenceLimit, "县贫困发生率上限", "The county incidence limit");
        Percent(p, "wrongExitLimit", WrongExitLimit, "错退率上限", "The wrongful-exit limit");
        Percent(p, "missedLimit", MissedLimit, "漏评率上限", "The missed-registration limit");
        Percent(p, "approvalMinimum", ApprovalMinimum, "认可度下限", "The approval minimum");
        Percent(p, "riskIncomeMargin", RiskIncomeMargin, "收入预警幅度", "The income warning margin");
        if (VillageCollectiveIncomeMinimum is { IsNegative: true })
            p.Add(new Problem("villageCollectiveIncomeMinimum", "standards.negative", new LocalText("村集体经济收入下限不能为负数", "The collective income minimum cannot be negative")));
        foreach (var key in RequiredConditions().Where(k => !VillageConditionKeys.All.ContainsKey(k)))
            p.Add(new Problem("requiredVillageConditions", "standards.unknown_condition",
                new LocalText($"未知的村级条件“{key}”", $"Unknown village condition '{key}'")));
        return p;
    }

    private static void Percent(List<Problem> p, string field, decimal value, string zh, string en)
    {
        if (value is <= 0 or > 100)
            p.Add(new Problem(field, "standards.percent", new LocalText(
                $"{zh}应大于0且不超过100（%），填写的是{value.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
                $"{en} must be above 0 and at most 100 (%), not {value.ToString(System.Globalization.CultureInfo.InvariantCulture)}")));
    }
}

/// <summary>
/// The village conditions (村级基础设施和公共服务) a county may require for a village's exit. Whoever records
/// village conditions supplies them under these keys through IVillageExitFacts.
/// </summary>
public static class VillageConditionKeys
{
    public static readonly IReadOnlyDictionary<string, LocalText> All = new Dictionary<string, LocalText>
    {
        ["road"] = new("通硬化路", "Hardened road"),
        ["bus"] = new("通客运班车", "Bus service"),
        ["piped_water"] = new("大管网集中供水", "Piped water"),
        ["safe_water"] = new("安全饮水", "Safe drinking water"),
        ["power"] = new("通生活用电", "Household electricity"),
        ["production_power"] = new("通生产用电", "Production power"),
        ["broadband"] = new("通宽带", "Broadband"),
        ["mobile"] = new("移动信号覆盖", "Mobile signal"),
        ["radio_tv"] = new("通广播电视", "Radio and TV"),
        ["clinic"] = new("有标准化卫生室", "Village clinic"),
        ["service_centre"] = new("有便民服务中心", "Service centre"),
        ["culture_centre"] = new("有文化活动室", "Cultural centre"),
    };
}
