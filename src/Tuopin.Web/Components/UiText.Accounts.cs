namespace Tuopin.Web.Components;

public sealed partial class UiText
{
    private static Dictionary<string, string> AccountsEnglish => new()
    {
        ["所属部门"] = "Department",
    };
}
