namespace Tuopin.Web.Components;

public sealed partial class UiText
{
    /// <summary>English of the supervision pages (督查, 整改, 问责).</summary>
    private static Dictionary<string, string> SupervisionEnglish => new()
    {
        ["督查整改"] = "Inspections",
        ["督查"] = "Inspection",
        ["督查问题"] = "Finding",
        ["督查名称"] = "Title",
        ["督查对象"] = "Inspected",
        ["督查日期"] = "Day of the visit",
        ["方式"] = "Kind",
        ["记录督查"] = "Record an inspection",
        ["记录问题"] = "Record a finding",
        ["返回督查整改"] = "Back to the inspections",
        ["暂无督查记录"] = "No inspections yet",
        ["问题 {0} 个，已销号 {1} 个，逾期 {2} 个"] = "{0} findings, {1} closed, {2} overdue",
        ["逾期未销号"] = "Overdue findings",
        ["截至 {0}，逾期未销号问题 {1} 个"] = "As of {0}, {1} findings are overdue",
        ["已销号"] = "Closed",
        ["整改期限"] = "Deadline",
        ["整改措施"] = "Measures taken",
        ["整改材料"] = "Rectification evidence",
        ["问题材料"] = "Evidence of the finding",
        ["问题指向"] = "Points at",
        ["问题描述"] = "Description",
        ["记录编号（ID）"] = "Record id",
        ["上传整改材料"] = "Upload rectification evidence",
        ["保存整改措施"] = "Save the measures",
        ["提交整改"] = "Submit the rectification",
        ["销号"] = "Close",
        ["销号日期"] = "Closed on",
        ["退回理由"] = "Reason for reopening",
        ["问责"] = "Accountability",
        ["问责对象"] = "Held to account",
        ["问责方式"] = "Measure",
        ["事由"] = "Cause",
        ["立案日期"] = "Opened on",
        ["登记问责"] = "Open a case",
        ["暂无问责案件"] = "No accountability cases",
    };
}
