namespace Tuopin.Web.Components;

public sealed partial class UiText
{
    /// <summary>English of the AreaExit pages.</summary>
    private static Dictionary<string, string> AreaExitEnglish => new()
    {
    };
}
