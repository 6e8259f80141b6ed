namespace Tuopin.Web.Components;

public sealed partial class UiText
{
    /// <summary>English of the housing subsidies (住房补助).</summary>
    private static Dictionary<string, string> HousingEnglish => new()
    {
        ["住房补助"] = "Housing subsidy",
        ["补助标准 {0} 元/户"] = "{0} yuan a household",
        ["县里尚未设定补助标准"] = "The county has set no amount yet",
        ["不符合住房补助条件"] = "No housing subsidy",
    };
}
