namespace Tuopin.Web.Components;

public sealed partial class UiText
{
    private static Dictionary<string, string> AccountsEnglish => new()
    {
        ["所属部门"] = "Department",
        ["无权访问"] = "Not allowed",
        ["被拒绝的页面"] = "Page refused",
        ["返回总览"] = "Back to the overview",
    };
}
