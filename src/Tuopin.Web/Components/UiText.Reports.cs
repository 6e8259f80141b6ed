namespace Tuopin.Web.Components;

public sealed partial class UiText
{
    /// <summary>English of the report forms (报表) page. The forms' titles, columns and 口径 carry their own English (ReportCatalogue).</summary>
    private static Dictionary<string, string> ReportsEnglish => new()
    {
        ["报表"] = "Reports",
        ["标准报表按县、乡镇或村编制，每张表附统计口径；页面上的表格与下载的 .xlsx 是同一组数字。"] =
            "Standard report forms by county, township or village, each with its counting rules; the table on the page and the .xlsx downloaded are the same figures.",
        ["贫困人口动态变化表"] = "Dynamic change of the poor population",
        ["帮扶情况表"] = "Household assistance",
        ["贫困村出列情况表"] = "Poor villages' exit",
        ["项目资金情况表"] = "Projects and funds",
        ["培训情况表"] = "Training",
        ["全县（按乡镇）"] = "Whole county (by township)",
        ["全乡镇（按村）"] = "Whole township (by village)",
        ["下载 .xlsx"] = "Download .xlsx",
        ["填报区域"] = "Area",
        ["统计期间"] = "Period",
        ["计量单位"] = "Unit",
        ["口径"] = "Counting rules",
        ["制表单位"] = "Prepared by",
        ["制表时间"] = "Prepared at",
        ["合计"] = "Total",
    };
}
