namespace Tuopin.Web.Components;

public sealed partial class UiText
{
    /// <summary>English of the project library (项目库) and its steps.</summary>
    private static Dictionary<string, string> ProjectsEnglish => new()
    {
        ["项目库"] = "Project library",
        ["项目"] = "Project",
        ["返回项目库"] = "Back to the project library",
        ["登记项目"] = "Plan a project",
        ["项目名称"] = "Project name",
        ["项目类别"] = "Category",
        ["项目所在村"] = "Villages",
        ["实施单位"] = "Responsible unit",
        ["预算（元）"] = "Budget (yuan)",
        ["建设规模"] = "Planned output",
        ["五统一"] = "Integrated plan",
        ["全部环节"] = "All steps",
        ["全部类别"] = "All categories",
        ["环节"] = "Step",
        ["共 {0} 个项目"] = "{0} projects",
        ["等 {0} 个村"] = " and others ({0} villages)",
        ["有异议"] = "Objection",
        ["审计/问责标记"] = "Audit flag",
        ["受益户"] = "Beneficiary households",
        ["受益贫困人口"] = "Poor people benefiting",
        ["中标单位"] = "Contractor",
        ["合同金额（元）"] = "Contract amount (yuan)",
        ["公示开始日期"] = "Notice starts on",
        ["公示天数（不少于 {0} 天）"] = "Notice days (at least {0})",
        ["开工日期"] = "Start day",
        ["形象进度"] = "Progress",
        ["形象进度（%）"] = "Progress (%)",
        ["报告形象进度"] = "Report progress",
        ["已保存形象进度"] = "Progress saved",
        ["合格"] = "Qualified",
        ["项目已批复但尚未开工"] = "Approved but not started",
        ["标记原因"] = "Reason for the flag",
        ["解除说明"] = "Note on clearing",
        ["标记问题"] = "Raise a flag",
        ["解除标记"] = "Clear the flag",
        ["已标记问题"] = "Flag raised",
        ["已解除标记"] = "Flag cleared",
        ["已导入 {0} 个项目"] = "{0} projects imported",
        ["或从项目表导入（.xlsx、.xls 或 .csv）。"] = "Or import a project table (.xlsx, .xls or .csv). ",
    };
}
