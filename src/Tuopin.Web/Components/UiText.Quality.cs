namespace Tuopin.Web.Components;

public sealed partial class UiText
{
    /// <summary>English of the pages of data-quality checks (逻辑校验).</summary>
    private static Dictionary<string, string> QualityEnglish => new()
    {
        ["逻辑校验"] = "Data quality",
        ["正在校验"] = "Checking",
        ["每条规则在您的管辖范围内查找有问题的数据；点击数字查看对应的户。已说明的不计入待处理。"] = "Each rule looks for wrong data in your area; click a number to see the households. Explained findings are not counted as open.",
        ["规则"] = "Rule",
        ["已说明"] = "Explained",
        ["已修正"] = "Fixed",
        ["处理情况"] = "Review",
        ["标记"] = "Mark",
        ["理由"] = "Reason",
        ["共"] = "Total",
        ["条"] = "findings",
        ["返回校验结果"] = "Back to the check",
        ["正在逐条规则校验您管辖范围内的全部户和成员，全县数据约需几秒……"] = "Checking every household and member in your area against each rule; a whole county takes a few seconds…",
        ["以下为本村的数字。"] = "The figures below are your village's.",
        ["正在查找……"] = "Searching…",
        ["范围"] = "Area",
        ["查看全部"] = "Show all",
        ["问题"] = "Problem",
        ["（不在您的范围内）"] = "(not in your area)",
        ["标为已修正，但仍不符合规则"] = "Marked fixed, but the rule still fails",
    };
}
