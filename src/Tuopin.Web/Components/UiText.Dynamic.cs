namespace Tuopin.Web.Components;

public sealed partial class UiText
{
    /// <summary>English of the pages of dynamic management (动态管理).</summary>
    private static Dictionary<string, string> DynamicEnglish => new()
    {
        ["动态变化"] = "Life events and status",
        ["登记变动"] = "Record a change",
        ["变动类型"] = "Kind of change",
        ["变动日期"] = "Date of the change",
        ["新户主（户主离开时）"] = "New head (when the head leaves)",
        ["文号"] = "Document number",
        ["证明材料"] = "Evidence",
        ["保存变动"] = "Save the change",
        ["关联户"] = "related household",
        ["已合并"] = "merged",
        ["截至日期"] = "As of",
        ["迁入村"] = "Village moved to",
        ["勾选分出去组成新户的成员，指定新户主，并核对每人与新户主的关系"] = "Tick the members who leave to form the new household, choose its head, and check each one's relation to the new head",
        ["新户主"] = "New head",
        ["分户成员"] = "Members who leave",
        ["并入本户的户编号"] = "Number of the household that joins this one",
        ["查找"] = "Find",
        ["原"] = "was ",
        ["在您的管辖范围内没有这个户编号的其他户"] = "No other household of your area has this number",
    };
}
