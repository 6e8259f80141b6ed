namespace Tuopin.Web.Components;

public sealed partial class UiText
{
    /// <summary>English of the pages of dynamic management of the registry (动态管理).</summary>
    private static Dictionary<string, string> DynamicEnglish => new()
    {
    };
}
