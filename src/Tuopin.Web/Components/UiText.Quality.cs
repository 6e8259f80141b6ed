namespace Tuopin.Web.Components;

public sealed partial class UiText
{
    /// <summary>English of the pages of data-quality checks (逻辑校验).</summary>
    private static Dictionary<string, string> QualityEnglish => new()
    {
    };
}
