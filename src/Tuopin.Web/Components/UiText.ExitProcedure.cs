namespace Tuopin.Web.Components;

public sealed partial class UiText
{
    /// <summary>English of the pages of exit procedures, evaluation and evidence.</summary>
    private static Dictionary<string, string> ExitProcedureEnglish => new()
    {
    };
}
