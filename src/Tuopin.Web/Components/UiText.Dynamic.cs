namespace Tuopin.Web.Components;

public sealed partial class UiText
{
    /// <summary>English of the pages of dynamic management (动态管理).</summary>
    private static Dictionary<string, string> DynamicEnglish => new()
    {
        ["动态变化"] = "Changes",
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
        ["分户、合户和县内迁移可通过接口办理（POST /api/v1/households/{id}/events）。"] = "Splits, merges and moves between villages are recorded through the API (POST /api/v1/households/{id}/events).",
    };
}
