using System.Globalization;
using Tuopin.Domain.Common;

namespace Tuopin.Domain.Supervision;

/// <summary>Who an indicator assesses: the townships or the county departments (县直责任单位).</summary>
public enum AssessedKind
{
    Township = 1,
    Department = 2,
}

/// <summary>
/// How an indicator's figure becomes points: linear between a floor (0 points) and a full value (full points) — the floor
/// may lie above the full value when less is better —, full points at or above a threshold, full points at or below a
/// threshold, or minus points per item with a floor of 0.
/// </summary>
public enum ScoringRule
{
    Linear = 1,
    AtLeast = 2,
    AtMost = 3,
    PerItem = 4,
}

/// <summary>A figure the system already counts, which an indicator reads: its code, name, unit (% or a count) and for whom it exists.</summary>
public sealed record AssessmentSource(string Code, LocalText Name, bool Percent, AssessedKind[] For, LocalText Counted);

/// <summary>
/// One indicator of the scheme: a code, its Chinese name, the source figure it reads, its weight (points) and its rule.
/// <see cref="Floor"/> and <see cref="Full"/> serve <see cref="ScoringRule.Linear"/>, <see cref="Threshold"/> the
/// at-least and at-most rules, <see cref="Deduct"/> the per-item rule.
/// </summary>
public sealed record AssessmentIndicator(
    string Code, string Name, AssessedKind For, string Source, decimal Weight, ScoringRule Rule,
    decimal? Floor = null, decimal? Full = null, decimal? Threshold = null, decimal? Deduct = null);

/// <summary>
/// A figure as counted: its value (a percent as 80.0, or a count) and how it was counted ("8/10"); a null value means
/// nothing to assess (no findings, no sample), which the scheme scores as full points and says so.
/// </summary>
public sealed record AssessmentFigure(decimal? Value, string Counted);

/// <summary>An indicator's points with its arithmetic written out.</summary>
public sealed record IndicatorScore(decimal Points, string Arithmetic);

/// <summary>
/// The annual assessment scheme (年度考核方案, 工作措施 8: "将精准扶贫项目建设和脱贫管理纳入县直责任单位和乡镇年度目标综合考核"):
/// the weighted indicators of the townships and of the county departments, each reading a figure the system already counts,
/// and the rule that turns the figure into points. The weights of each set sum to 100. Pure: the application counts the figures.
/// </summary>
public sealed record AssessmentScheme(IReadOnlyList<AssessmentIndicator> Indicators)
{
    /// <summary>The county setting that holds the scheme (JSON); the default applies while it is unset.</summary>
    public const string Key = "assessment.scheme";

    public const string ProgressAlerts = "progress_alerts", WrongExitRate = "wrong_exit_rate", ApprovalRate = "approval_rate",
        MissedHouseholds = "missed_households", AssistanceRate = "assistance_rate", FindingsOnTimeRate = "findings_on_time_rate",
        FindingsOverdue = "findings_overdue", FundSpendingRate = "fund_spending_rate", FundAlerts = "fund_alerts", TargetsMetRate = "targets_met_rate";

    private static readonly AssessedKind[] Both = [AssessedKind.Township, AssessedKind.Department];
    private static readonly AssessedKind[] Townships = [AssessedKind.Township];
    private static readonly AssessedKind[] Departments = [AssessedKind.Department];

    /// <summary>The figures an indicator may read, each from the screen that shows it.</summary>
    public static readonly IReadOnlyList<AssessmentSource> Sources =
    [
        new(ProgressAlerts, new("减贫进度预警", "Progress alerts"), false, Townships,
            new("减贫进度中本乡镇及其村的预警条数（GetProgress：出列、脱贫落后于计划）", "Alerts of the progress for the township and its villages (GetProgress)")),
        new(WrongExitRate, new("错退率", "Wrong-exit rate"), true, Townships,
            new("第三方评估中本乡镇抽中已脱贫户的错退人数 ÷ 核查人数（GetEvaluation）", "Wrongly exited ÷ checked people of the township's sampled exited households (GetEvaluation)")),
        new(ApprovalRate, new("群众认可度", "Approval"), true, Townships,
            new("第三方评估中本乡镇认可户数 ÷ 询问户数（GetEvaluation）", "Approving ÷ asked households of the township's sample (GetEvaluation)")),
        new(MissedHouseholds, new("漏评户", "Missed households"), false, Townships,
            new("第三方评估中本乡镇核实为漏评的户数（GetEvaluation）", "Households of the township's sample found missed (GetEvaluation)")),
        new(AssistanceRate, new("帮扶落实率", "Assistance in place"), true, Townships,
            new("结对率（1 − 无帮扶责任人或结对未接续户 ÷ 当年贫困户）与措施落实率（1 − 无当年措施户 ÷ 当年贫困户）中的低者（GetAssistanceCoverage）", "The lower of pairing (1 − households without a cadre ÷ poor households) and measures (1 − households without measures ÷ poor households) (GetAssistanceCoverage)")),
        new(FindingsOnTimeRate, new("问题按期整改率", "Findings closed on time"), true, Both,
            new("当年督查问题中按期整改销号数 ÷ 问题数（GetFindingStats）", "Findings of the year closed by their deadline ÷ findings (GetFindingStats)")),
        new(FindingsOverdue, new("逾期未整改问题", "Overdue findings"), false, Both,
            new("当年督查问题中已过整改期限、未销号的条数（GetFindingStats）", "Findings of the year past their deadline and not closed (GetFindingStats)")),
        new(FundSpendingRate, new("资金支出进度", "Fund spending"), true, Both,
            new("当年分配到项目的资金中已拨付 ÷ 分配（GetFundLedger，按乡镇 / 按部门）", "Paid ÷ allocated of the year's allocations (GetFundLedger by township / department)")),
        new(FundAlerts, new("资金预警", "Fund alerts"), false, Both,
            new("资金核查中本乡镇 / 本部门项目的预警条数（CheckFunds：闲置、未开工、超预算等）", "Alerts of the fund check on the unit's projects (CheckFunds)")),
        new(TargetsMetRate, new("责任目标完成率", "Own targets met"), true, Departments,
            new("本部门负责的方案目标（到期的）中实际达到目标值的比例（GetProgress + 责任单位）", "Share of the plan targets the department answers for (due by the year) whose actual reaches the target (GetProgress)")),
    ];

    public static AssessmentSource? SourceOf(string code) => Sources.FirstOrDefault(s => s.Code == code);

    /// <summary>
    /// Laifeng's default scheme. The plan (工作措施 8) names what is assessed — project construction and exit management,
    /// for the county departments and the townships — but no indicators or weights: these are our choice, to be set by the
    /// county. Townships: progress 20, exits accurate 25 (错退率 10, 认可度 10, 漏评 5), assistance 15, findings closed on
    /// time 15, overdue findings 10, fund spending 10, fund alerts 5. Departments: own targets 40, findings closed on time 20,
    /// overdue findings 10, fund spending 20, fund alerts 10. The thresholds follow the national evaluation (错退率、漏评率 ≤ 2%,
    /// 认可度 ≥ 90%); the rest are ours.
    /// </summary>
    public static readonly AssessmentScheme Default = new(
    [
        new("T1", "减贫进度", AssessedKind.Township, ProgressAlerts, 20, ScoringRule.PerItem, Deduct: 5),
        new("T2", "错退率", AssessedKind.Township, WrongExitRate, 10, ScoringRule.AtMost, Threshold: 2),
        new("T3", "群众认可度", AssessedKind.Township, ApprovalRate, 10, ScoringRule.Linear, Floor: 80, Full: 90),
        new("T4", "漏评", AssessedKind.Township, MissedHouseholds, 5, ScoringRule.PerItem, Deduct: 2.5m),
        new("T5", "帮扶落实", AssessedKind.Township, AssistanceRate, 15, ScoringRule.Linear, Floor: 80, Full: 100),
        new("T6", "问题按期整改", AssessedKind.Township, FindingsOnTimeRate, 15, ScoringRule.Linear, Floor: 60, Full: 95),
        new("T7", "逾期未整改", AssessedKind.Township, FindingsOverdue, 10, ScoringRule.PerItem, Deduct: 2),
        new("T8", "资金支出进度", AssessedKind.Township, FundSpendingRate, 10, ScoringRule.Linear, Floor: 50, Full: 90),
        new("T9", "资金预警", AssessedKind.Township, FundAlerts, 5, ScoringRule.PerItem, Deduct: 1),
        new("D1", "责任目标完成", AssessedKind.Department, TargetsMetRate, 40, ScoringRule.Linear, Floor: 0, Full: 100),
        new("D2", "问题按期整改", AssessedKind.Department, FindingsOnTimeRate, 20, ScoringRule.Linear, Floor: 60, Full: 95),
        new("D3", "逾期未整改", AssessedKind.Department, FindingsOverdue, 10, ScoringRule.PerItem, Deduct: 2),
        new("D4", "资金支出进度", AssessedKind.Department, FundSpendingRate, 20, ScoringRule.Linear, Floor: 50, Full: 90),
        new("D5", "资金预警", AssessedKind.Department, FundAlerts, 10, ScoringRule.PerItem, Deduct: 1),
    ]);

    public IEnumerable<AssessmentIndicator> For(AssessedKind kind) => Indicators.Where(i => i.For == kind);

    /// <summary>What is wrong with the scheme, each naming its field (<c>indicators[2].weight</c>); empty when it is sound.</summary>
    public IReadOnlyList<Problem> Validate()
    {
        var problems = new List<Problem>();
        void Add(string field, string code, string zh, string en) => problems.Add(new Problem(field, "assessment." + code, new LocalText(zh, en)));
        if (Indicators is null || Indicators.Count == 0)
        {
            Add("indicators", "empty", "考核方案至少要有一项指标", "The scheme needs at least one indicator");
            return problems;
        }
        var codes = new HashSet<string>(StringComparer.Ordinal);
        for (var n = 0; n < Indicators.Count; n++)
        {
            var i = Indicators[n];
            var at = $"indicators[{n}]";
            if (string.IsNullOrWhiteSpace(i.Code) || i.Code.Length > 20)
                Add($"{at}.code", "code", "指标代码不能为空，最多20个字符", "The indicator's code is 1 to 20 characters");
            else if (!codes.Add(i.Code))
                Add($"{at}.code", "code_repeated", $"指标代码 {i.Code} 重复", $"The code {i.Code} appears twice");
            if (string.IsNullOrWhiteSpace(i.Name) || i.Name.Length > 40)
                Add($"{at}.name", "name", "指标名称不能为空，最多40个字符", "The indicator's name is 1 to 40 characters");
            if (!Enum.IsDefined(i.For))
                Add($"{at}.for", "for", "考核对象须为乡镇或部门", "An indicator assesses townships or departments");
            var source = SourceOf(i.Source);
            if (source is null)
                Add($"{at}.source", "source", $"没有这个数据来源：{i.Source}", $"No such source: {i.Source}");
            else if (Enum.IsDefined(i.For) && !source.For.Contains(i.For))
                Add($"{at}.source", "source_for", $"{source.Name.Zh}不适用于{(i.For == AssessedKind.Township ? "乡镇" : "部门")}", $"{source.Name.En} does not apply to {(i.For == AssessedKind.Township ? "townships" : "departments")}");
            if (i.Weight <= 0 || i.Weight > 100)
                Add($"{at}.weight", "weight", $"权重须大于0、不超过100，填写的是 {Num(i.Weight)}", $"The weight is above 0 and at most 100: {Num(i.Weight)}");
            switch (i.Rule)
            {
                case ScoringRule.Linear:
                    if (i.Floor is null) Add($"{at}.floor", "floor", "线性计分须填写零分值（下限）", "A linear rule needs its floor");
                    if (i.Full is null) Add($"{at}.full", "full", "线性计分须填写满分值", "A linear rule needs its full value");
                    if (i.Floor is { } f && i.Full is { } u && f == u)
                        Add($"{at}.floor", "floor_full", "零分值须与满分值不同（越高越好时零分值低于满分值）", "The floor differs from the full value (below it when more is better)");
                    else if (i.Floor is { } f2 && i.Full is { } u2 && source is { Percent: true } && (f2 < 0 || u2 > 100 || u2 < 0 || f2 > 100))
                        Add($"{at}.full", "percent", "百分比的零分值和满分值须在0至100之间", "A percent's floor and full value are 0 to 100");
                    break;
                case ScoringRule.AtLeast or ScoringRule.AtMost:
                    if (i.Threshold is null || i.Threshold < 0)
                        Add($"{at}.threshold", "threshold", "达标计分须填写不小于0的标准值", "An at-least or at-most rule needs a threshold of 0 or more");
                    break;
                case ScoringRule.PerItem:
                    if (i.Deduct is not > 0)
                        Add($"{at}.deduct", "deduct", "扣分计分须填写大于0的每项扣分", "A per-item rule needs points per item above 0");
                    else if (source is { Percent: true })
                        Add($"{at}.rule", "rule_percent", "百分比指标不能按项扣分", "A percent is not scored per item");
                    break;
                default:
                    Add($"{at}.rule", "rule", "计分规则须为 linear、at_least、at_most 或 per_item", "The rule is linear, at_least, at_most or per_item");
                    break;
            }
        }
        foreach (var kind in new[] { AssessedKind.Township, AssessedKind.Department })
        {
            var sum = Indicators.Where(i => i.For == kind).Sum(i => i.Weight);
            var who = kind == AssessedKind.Township ? ("乡镇", "townships") : ("部门", "departments");
            if (sum != 100)
                Add(kind == AssessedKind.Township ? "indicators.township" : "indicators.department", "weights",
                    $"{who.Item1}指标的权重合计须为100，现为 {Num(sum)}", $"The weights of the {who.Item2}' indicators sum to 100, not {Num(sum)}");
        }
        return problems;
    }

    /// <summary>The points of one indicator for a figure, and the arithmetic as text.</summary>
    public static IndicatorScore Score(AssessmentIndicator indicator, AssessmentFigure figure)
    {
        var source = SourceOf(indicator.Source);
        var percent = source?.Percent ?? false;
        string V(decimal v) => percent ? $"{Num(v)}%" : Num(v);
        var w = indicator.Weight;
        var head = $"{indicator.Name} {figure.Counted}";
        if (figure.Value is not { } x)
            return new IndicatorScore(w, $"{head}，无可考核事项，得满分 {Num(w)} 分");
        var shown = percent ? $"{head} = {V(x)}" : head;
        switch (indicator.Rule)
        {
            case ScoringRule.Linear:
            {
                var floor = indicator.Floor ?? 0;
                var full = indicator.Full ?? 100;
                var up = full > floor;
                var fullText = up ? $"≥ {V(full)} 得满分" : $"≤ {V(full)} 得满分";
                var zeroText = up ? $"≤ {V(floor)} 得0分" : $"≥ {V(floor)} 得0分";
                if (up ? x >= full : x <= full) return new IndicatorScore(w, $"{shown}，{fullText}：{Num(w)} 分");
                if (up ? x <= floor : x >= floor) return new IndicatorScore(0, $"{shown}，{zeroText}：0 分");
                var points = Round(w * (x - floor) / (full - floor));
                var range = up ? $"{V(floor)}–{V(full)}" : $"{V(full)}–{V(floor)}";
                return new IndicatorScore(points, $"{shown}，{fullText}，{range} 线性：({Num(x)}−{Num(floor)})/({Num(full)}−{Num(floor)})×{Num(w)} = {Num(points)} 分");
            }
            case ScoringRule.AtLeast:
            {
                var t = indicator.Threshold ?? 0;
                return x >= t
                    ? new IndicatorScore(w, $"{shown}，≥ {V(t)} 得满分：{Num(w)} 分")
                    : new IndicatorScore(0, $"{shown}，低于 {V(t)}：0 分");
            }
            case ScoringRule.AtMost:
            {
                var t = indicator.Threshold ?? 0;
                return x <= t
                    ? new IndicatorScore(w, $"{shown}，≤ {V(t)} 得满分：{Num(w)} 分")
                    : new IndicatorScore(0, $"{shown}，高于 {V(t)}：0 分");
            }
            default:
            {
                var d = indicator.Deduct ?? 0;
                var points = Math.Max(0, Round(w - d * x));
                return new IndicatorScore(points, $"{shown}，每项扣 {Num(d)} 分，最低0分：{Num(w)} − {Num(x)}×{Num(d)} = {Num(points)} 分");
            }
        }
    }

    /// <summary>A percent of two counts, to one decimal (80.0), or null when there is nothing to count.</summary>
    public static decimal? Percent(decimal part, decimal whole) => whole > 0 ? Math.Round(100m * part / whole, 1, MidpointRounding.AwayFromZero) : null;

    public static decimal Round(decimal points) => Math.Round(points, 2, MidpointRounding.AwayFromZero);

    /// <summary>A number as the arithmetic shows it: no trailing zeros beyond what it needs (8.57, 80, 2.5).</summary>
    public static string Num(decimal v) => v.ToString("0.##", CultureInfo.InvariantCulture);
}
