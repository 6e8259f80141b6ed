namespace Tuopin.Web.Components;

public sealed partial class UiText
{
    /// <summary>English of the pages of the county plan, progress and village conditions.</summary>
    private static Dictionary<string, string> PlanEnglish => new()
    {
    };
}
