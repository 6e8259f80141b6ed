namespace Tuopin.Web.Components;

public sealed partial class UiText
{
    /// <summary>English of the ExitReport pages.</summary>
    private static Dictionary<string, string> ExitReportEnglish => new()
    {
    };
}
