namespace Tuopin.Web.Components;

public sealed partial class UiText
{
    /// <summary>English of the pages of exit standards and assessment.</summary>
    private static Dictionary<string, string> ExitEnglish => new()
    {
    };
}
