namespace Tuopin.Web.Components;

public sealed partial class UiText
{
    /// <summary>English of the household papers' buttons (household page, household list).</summary>
    private static Dictionary<string, string> PapersEnglish => new()
    {
        ["打印"] = "Print",
        ["贫困户登记表"] = "Registration form",
        ["明白卡"] = "Household card",
        ["本服务器未安装 LibreOffice，只能下载 Word 文件"] = "LibreOffice is not installed on this server: Word files only",
        ["本村户档案"] = "The village's household papers",
        ["贫困户登记表（全村）"] = "Registration forms (whole village)",
        ["明白卡（全村）"] = "Household cards (whole village)",
        ["公示名单"] = "Public notice list",
        ["公示年度"] = "Year of the notice",
        ["公示内容"] = "What the notice lists",
        ["拟退出贫困户"] = "Households proposed for exit",
        ["新识别贫困户"] = "Newly registered households",
        ["身份证号码只显示前六位"] = "Resident IDs show their first six digits only",
    };
}
