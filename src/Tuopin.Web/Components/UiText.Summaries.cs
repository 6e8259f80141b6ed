namespace Tuopin.Web.Components;

public sealed partial class UiText
{
    /// <summary>English of the work summaries (工作总结) page. The .docx itself is Chinese only: it is the county's document.</summary>
    private static Dictionary<string, string> SummariesEnglish => new()
    {
        ["工作总结"] = "Work summaries",
        ["半年和年度工作总结的草稿（.docx）由系统根据记录生成：数字来自系统，每张表下注明数据来源和口径。"] =
            "Drafts of the half-year and annual work summaries (.docx) written from the records: the figures come from the system, and each table names its source and counting rules.",
        ["工作总结由县、乡镇起草，村不起草。"] = "Work summaries are drafted by the county and the townships, not by the villages.",
        ["期间"] = "Period",
        ["年度总结"] = "Annual",
        ["上半年"] = "First half-year",
        ["下半年"] = "Second half-year",
        ["下载 .docx"] = "Download .docx",
        ["这是草稿：数字以系统记录为准，请在 Word 中修改、补充数字前后的文字（草稿中标有下列占位处），再按公文格式定稿："] =
            "This is a draft: the figures are the system's records; edit and complete the text around them in Word (the draft marks those places with the placeholder below, in Chinese as the document is), then finish it as an official document:",
        ["草稿包含"] = "What the draft contains",
        ["标题和生成说明（谁、何时根据系统记录生成）"] = "The title and a note of who generated it from the records, and when",
        ["减贫目标完成情况"] = "Progress against the poverty-reduction targets",
        ["脱贫退出情况"] = "Exits from poverty",
        ["帮扶措施落实情况"] = "Assistance measures carried out",
        ["项目建设和资金使用情况"] = "Projects built and funds spent",
        ["督查检查和问题整改情况"] = "Inspections and the rectification of their findings",
        ["存在的问题和下一步工作打算"] = "Problems and next steps",
        ["每一部分：根据数字写成的段落、数字表（表下注明数据来源和口径）和待补充的文字。"] =
            "Each section: a paragraph written from the figures, the tables of figures (with their source and counting rules under them), and the text left for the officer to write.",
        ["半年 / 年度工作总结（.docx 草稿）"] = "Half-year and annual work summaries (.docx drafts)",
    };
}
