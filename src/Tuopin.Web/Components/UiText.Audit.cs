namespace Tuopin.Web.Components;

public sealed partial class UiText
{
    /// <summary>English of the county's audit log (审计日志).</summary>
    private static Dictionary<string, string> AuditEnglish => new()
    {
        ["审计日志"] = "Audit log",
        ["每一次修改、登录、查看个人信息和导出都记在这里：谁、何时、改了什么。记录不可修改或删除，个人信息已脱敏。"] =
            "Every change, sign-in, read of personal data and export is recorded here: who, when and what. Entries cannot be changed or deleted; personal data in them is masked.",
        ["操作人账号"] = "Login name",
        ["全部操作"] = "All kinds",
        ["数据变更"] = "Changes",
        ["登录记录"] = "Sign-ins",
        ["查看个人信息"] = "Reads of personal data",
        ["导出记录"] = "Exports",
        ["全部记录类型"] = "All record types",
        ["从"] = "From",
        ["至"] = "to",
        ["共 {0} 条记录"] = "{0} entries",
        ["序号"] = "No.",
        ["操作人"] = "By",
        ["记录类型"] = "Record type",
        ["内容"] = "What",
        ["最新"] = "Newest",
        ["更早"] = "Older",
    };
}
