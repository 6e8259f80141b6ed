namespace Tuopin.Web.Components;

public sealed partial class UiText
{
    /// <summary>English of the pages of registry import and export.</summary>
    private static Dictionary<string, string> ImportEnglish => new()
    {
        ["导入名册"] = "Import a register",
        ["返回贫困户列表"] = "Back to the households",
        ["每位成员一行：户编号、乡镇、行政村、村民小组和户的信息写在户主那一行（其他成员行可以重复，但不能不一致），后面是成员信息和各年度收入。支持 .xlsx、.xls 和 .csv（UTF-8 或 GBK）；表头可以不在第一行，标题、空行、合计行和表尾会跳过并列出，每个村或乡镇一张工作表的工作簿整本读取。先检查，全部无误后再导入；有一行错误就不会写入任何数据。"] = "One row per member: the household number, township, village, group and the household's fields on the head's row (other members' rows may repeat them but must not contradict them), then the member's fields and the income by year. .xlsx, .xls and .csv (UTF-8 or GBK) are accepted; the header need not be the first row, titles, blank rows, totals and footers are skipped and listed, and a workbook with a sheet per village or township is read whole. Check first, then import once everything is right; if any row is wrong, nothing is stored.",
        ["下载模板："] = "Download the template: ",
        ["Excel 模板（.xlsx）"] = "Excel template (.xlsx)",
        ["CSV 模板"] = "CSV template",
        ["更新模式：文件中已登记的户按文件内容更新（每项修改都记入修改记录）"] = "Update mode: households already registered are updated from the file (every change is recorded in the history)",
        ["检查"] = "Check",
        ["导入"] = "Import",
        ["已导入 {0} 行，{1} 户（新增 {2} 户，更新 {3} 户）。"] = "Imported {0} rows, {1} households ({2} new, {3} updated).",
        ["查看贫困户列表"] = "See the households",
        ["检查通过：{0} 行，{1} 户，可以导入。"] = "Check passed: {0} rows, {1} households, ready to import.",
        ["{0} 行中有 {1} 行有错误，未写入任何数据。请修改文件后重新检查。"] = "{1} of {0} rows have errors; nothing was stored. Fix the file and check it again.",
        ["下载标注了错误的文件"] = "Download the file with the errors marked",
        ["行"] = "Row",
        ["列"] = "Column",
        ["填写的内容"] = "Value found",
        ["错误说明"] = "Errors",
        ["只显示前 {0} 条，全部 {1} 条见标注了错误的文件。"] = "Only the first {0} are shown; all {1} are in the file with the errors marked.",
        ["只能导入 .xlsx、.xls 或 .csv 文件"] = "Only .xlsx, .xls and .csv files can be imported",
        ["位置"] = "Where",
        ["跳过 {0} 处（不是数据，未导入）"] = "{0} skipped (not data, not imported)",
        ["只显示前 {0} 处。"] = "Only the first {0} are shown.",
        ["正在上传 {0}：{1}%"] = "Uploading {0}: {1}%",
        ["已上传 {0}（{1:N0} KB），请先检查。"] = "Uploaded {0} ({1:N0} KB); check it first.",
        ["上传失败："] = "Upload failed: ",
        ["正在检查……"] = "Checking…",
        ["正在导入……"] = "Importing…",
        ["正在检查：已读 {0} 行"] = "Checking: {0} rows read",
        ["正在导入：已读 {0} 行"] = "Importing: {0} rows read",
        ["导出 Excel"] = "Export to Excel",
        ["导出 CSV"] = "Export to CSV",
    };
}
