namespace Tuopin.Web.Components;

public sealed partial class UiText
{
    /// <summary>English of the annual assessment page (年度考核). The arithmetic and the indicators' names stay as the county's scheme writes them (Chinese).</summary>
    private static Dictionary<string, string> AssessmentEnglish => new()
    {
        ["年度考核"] = "Annual assessment",
        ["导出 Excel"] = "Export to Excel",
        ["截至 {0}；{1}"] = "As of {0}; {1}",
        ["默认考核方案（权重、计分规则可由县级管理员调整）"] = "Default scheme (the county administrator may change weights and rules)",
        ["县定考核方案"] = "The county's scheme",
        ["当年无第三方评估：错退率、认可度、漏评三项无可考核事项，按满分计。"] = "No third-party evaluation this year: wrong exits, approval and missed households have nothing to assess and score full points.",
        ["未载入减贫方案：减贫进度、责任目标两项无可考核事项，按满分计。"] = "No plan loaded: progress and own targets have nothing to assess and score full points.",
        ["乡镇排名"] = "Townships ranked",
        ["县直部门排名"] = "Departments ranked",
        ["名次"] = "Rank",
        ["单位"] = "Unit",
        ["得分"] = "Score",
        ["{0} 得分 {1}"] = "{0}: {1} points",
        ["权重 {0} 分"] = "weight {0} points",
    };
}
