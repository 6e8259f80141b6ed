namespace Tuopin.Web.Components;

public sealed partial class UiText
{
    private static Dictionary<string, string> AccountsEnglish => new()
    {
        ["所属部门"] = "Department",
        ["已重置 {0} 的密码，原有登录已全部失效。新密码（只显示这一次，请转交本人，登录后须修改）："] = "The password of {0} was reset and all their sign-ins ended. New password (shown only this once; hand it to the person, who must change it on signing in):",
        ["修改账号 {0}"] = "Edit account {0}",
        ["保存修改"] = "Save changes",
        ["角色、管辖范围、部门或单位改变后，该账号须重新登录"] = "After a change of role, area, department or unit the account must sign in again",
        ["所属单位"] = "Unit",
        ["上次登录"] = "Last sign-in",
        ["操作"] = "Actions",
        ["已停用"] = "Disabled",
        ["正常"] = "Active",
        ["从未登录"] = "Never signed in",
        ["启用后该账号可以用原密码登录。确定启用？"] = "Once enabled, the account can sign in with its old password. Enable it?",
        ["启用"] = "Enable",
        ["停用后该账号不能登录，已打开的页面和接口令牌立即失效。确定停用？"] = "Once disabled, the account cannot sign in, and its open pages and API tokens stop working at once. Disable it?",
        ["停用"] = "Disable",
        ["将生成新密码，原密码和所有登录立即失效。确定重置？"] = "A new password will be generated; the old password and all sign-ins stop working at once. Reset it?",
        ["重置"] = "Reset",
        ["重置密码"] = "Reset password",
        ["已修改账号 {0}；新的权限在其下次登录时生效。"] = "Account {0} changed; the new permissions apply from its next sign-in.",
        ["已停用账号 {0}，其登录已全部失效。"] = "Account {0} disabled; all its sign-ins have ended.",
        ["已启用账号 {0}。"] = "Account {0} enabled.",
        ["无权访问"] = "Not allowed",
        ["被拒绝的页面"] = "Page refused",
        ["返回总览"] = "Back to the overview",
        ["返回上一页"] = "Back to the previous page",
        ["您的角色"] = "Your role",
        ["如需使用此页面，请联系县扶贫办"] = "ask the county office if you need this page",
        ["菜单"] = "Menu",
    };
}
