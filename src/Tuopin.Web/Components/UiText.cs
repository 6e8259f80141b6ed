using System.Globalization;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;

namespace Tuopin.Web.Components;

/// <summary>
/// The UI's words. Pages write the Chinese text (<c>@T["户数"]</c>), which is what users read by
/// default; in English the same key looks up its translation here. A test checks that every text a
/// page uses has its English.
/// </summary>
public sealed class UiText
{
    public bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public string this[string zh] => IsEnglish && English.TryGetValue(zh, out var en) ? en : zh;

    public string Of(LocalText text) => IsEnglish ? text.En : text.Zh;

    public string Code<TValue>(CodeList<TValue> list, TValue value) where TValue : notnull => Of(list.Name(value));

    public string Role(Role role) => this[RoleNames[role]];

    public static readonly IReadOnlyDictionary<Role, string> RoleNames = new Dictionary<Role, string>
    {
        [Domain.Accounts.Role.CountyAdmin] = "县级管理员",
        [Domain.Accounts.Role.TownshipOfficer] = "乡镇扶贫专干",
        [Domain.Accounts.Role.VillageOfficer] = "村扶贫信息员",
        [Domain.Accounts.Role.LineDepartment] = "县直部门",
        [Domain.Accounts.Role.Inspector] = "督查人员",
    };

    public static readonly IReadOnlyDictionary<string, string> English = new Dictionary<string, string>
    {
        ["来凤县精准扶贫管理系统"] = "Laifeng County Poverty Alleviation System",
        ["精准扶贫管理系统"] = "Poverty Alleviation",
        ["建档立卡 · 精准帮扶 · 精准脱贫"] = "Registration · Targeted assistance · Exit from poverty",
        ["登录"] = "Sign in",
        ["登录名"] = "User name",
        ["密码"] = "Password",
        ["登录名或密码不正确"] = "Wrong user name or password",
        ["账号已暂时锁定，请15分钟后再试"] = "The account is locked for 15 minutes",
        ["修改密码"] = "Change password",
        ["首次登录请设置您自己的密码"] = "Please set your own password now",
        ["密码已修改"] = "Your password has been changed",
        ["进入系统"] = "Continue",
        ["当前密码"] = "Current password",
        ["新密码（至少10位，含大小写字母和数字）"] = "New password (10+ characters, upper and lower case and a digit)",
        ["再次输入新密码"] = "Repeat the new password",
        ["两次输入的新密码不一致"] = "The two new passwords differ",
        ["当前密码不正确"] = "The current password is wrong",
        ["新密码至少10位"] = "The new password needs at least 10 characters",
        ["新密码须包含数字"] = "The new password needs a digit",
        ["新密码须包含小写字母"] = "The new password needs a lower-case letter",
        ["新密码须包含大写字母"] = "The new password needs an upper-case letter",
        ["保存"] = "Save",
        ["返回"] = "Back",
        ["退出"] = "Sign out",
        ["总览"] = "Overview",
        ["贫困户"] = "Households",
        ["新增贫困户"] = "New household",
        ["账号"] = "Accounts",
        ["接口文档"] = "API reference",
        ["您的角色无权访问此页面"] = "Your role may not open this page",
        ["页面不存在"] = "This page does not exist",
        ["县级管理员"] = "County administrator",
        ["乡镇扶贫专干"] = "Township officer",
        ["村扶贫信息员"] = "Village officer",
        ["县直部门"] = "Line department",
        ["督查人员"] = "Inspector",
    };
}
