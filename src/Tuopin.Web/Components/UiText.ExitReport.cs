namespace Tuopin.Web.Components;

public sealed partial class UiText
{
    /// <summary>English of the ExitReport pages.</summary>
    private static Dictionary<string, string> ExitReportEnglish => new()
    {
        ["出列自查报告"] = "Exit self-assessment report",
        ["下载自查报告（Word）"] = "Download the self-assessment report (Word)",
        ["下载自查表格（Excel）"] = "Download the self-assessment tables (Excel)",
    };
}
