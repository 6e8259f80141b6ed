namespace Tuopin.Web.Components;

public sealed partial class UiText
{
    /// <summary>English of the pages of registry import and export.</summary>
    private static Dictionary<string, string> ImportEnglish => new()
    {
    };
}
