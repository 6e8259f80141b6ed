namespace Tuopin.Web.Components;

public sealed partial class UiText
{
    /// <summary>English of the county's own exit (贫困县摘帽) on the area exit pages.</summary>
    private static Dictionary<string, string> ExitCountyEnglish => new()
    {
        ["由县扶贫办办理"] = "Run by the county office",
        // The county's checklist (AreaExitRules.DefaultCountyChecklist).
        ["贫困县退出申请（县委、县政府）"] = "The county's application to exit (county Party committee and government)",
        ["贫困县退出自查评估报告"] = "The county's self-assessment report",
        ["县级公示材料"] = "County notice",
        ["出列乡镇、贫困村及脱贫户名册"] = "Roster of exiting townships, poor villages and households",
        ["第三方评估抽样调查结果（错退率、漏评率、群众认可度）"] = "Third-party evaluation findings (wrongful-exit rate, missed-registration rate, public approval)",
        ["市级初审意见"] = "The city's preliminary review",
        ["省级专项评估检查方案"] = "The province's assessment and inspection plan",
        ["省级专项评估检查报告及结论"] = "The province's assessment and inspection report and conclusion",
    };
}
