using System.Globalization;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;

namespace Tuopin.Web.Components;

/// <summary>
/// The UI's words. Pages write the Chinese text (<c>@T["户数"]</c>), which is what users read by
/// default; in English the same key looks up its translation here. A test checks that every text a
/// page uses has its English.
/// </summary>
public sealed partial class UiText
{
    public bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public string this[string zh] => IsEnglish && English.TryGetValue(zh, out var en) ? en : zh;

    public string Of(LocalText text) => IsEnglish ? text.En : text.Zh;

    /// <summary>Punctuation between UI words: full-width in Chinese, the English marks (with their space) in English.</summary>
    public string Colon => IsEnglish ? ": " : "：";

    public string Comma => IsEnglish ? ", " : "，";

    /// <summary>The enumeration mark between items of a list (顿号).</summary>
    public string ListSep => IsEnglish ? ", " : "、";

    public string Semicolon => IsEnglish ? "; " : "；";

    public string Open => IsEnglish ? " (" : "（";

    public string Close => IsEnglish ? ")" : "）";

    public string Code<TValue>(CodeList<TValue> list, TValue value) where TValue : notnull => Of(list.Name(value));

    public string Role(Role role) => this[RoleNames[role]];

    public static readonly IReadOnlyDictionary<Role, string> RoleNames = new Dictionary<Role, string>
    {
        [Domain.Accounts.Role.CountyAdmin] = "县级管理员",
        [Domain.Accounts.Role.TownshipOfficer] = "乡镇扶贫专干",
        [Domain.Accounts.Role.VillageOfficer] = "村扶贫信息员",
        [Domain.Accounts.Role.LineDepartment] = "县直部门",
        [Domain.Accounts.Role.Inspector] = "督查人员",
        [Domain.Accounts.Role.PrefectureOfficial] = "市州扶贫办",
        [Domain.Accounts.Role.ProvinceOfficial] = "省扶贫办",
    };

    /// <summary>Every translation: the core's below and each feature's from its own file (UiText.*.cs).</summary>
    /// <remarks>Merged on first use: the parts are fields of other files, whose initialisation order C# leaves open.</remarks>
    public static IReadOnlyDictionary<string, string> English => AllEnglish.Value;

    private static readonly Lazy<Dictionary<string, string>> AllEnglish = new(() => Merge(
        CoreEnglish, ImportEnglish, QualityEnglish, DynamicEnglish, PlanEnglish, ExitEnglish, ExitProcedureEnglish,
        AreaExitEnglish, ExitCountyEnglish, ExitReportEnglish, AccountsEnglish, PapersEnglish, AssistanceEnglish, WatchEnglish, EdgeEnglish, TrainingEnglish, HousingEnglish, IndustryEnglish, CreditEnglish, NoticesEnglish, FundsEnglish, ProjectsEnglish, AuditEnglish, OrganisationEnglish, ReportsEnglish, SupervisionEnglish, SummariesEnglish, AssessmentEnglish));

    private static Dictionary<string, string> Merge(params Dictionary<string, string>[] parts)
    {
        var all = new Dictionary<string, string>();
        foreach (var part in parts)
        {
            foreach (var (zh, en) in part)
            {
                if (!all.TryAdd(zh, en) && all[zh] != en)
                    throw new InvalidOperationException($"UI text '{zh}' has two English translations: '{all[zh]}' and '{en}'.");
            }
        }
        return all;
    }

    private static Dictionary<string, string> CoreEnglish => new()
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
        ["已保存成员“{0}”的修改"] = "Saved the changes to {0}",
        ["已新增成员“{0}”"] = "Added {0} to the household",
        ["已保存户信息的修改"] = "Saved the changes to the household",
        ["已新增贫困户"] = "The household is registered",
        ["新密码"] = "New password",
        ["文件名"] = "File name",
        ["文件内容"] = "File content",
        ["程序步骤"] = "Procedure step",
        ["层级"] = "Level",
        ["地区"] = "Area",
        ["县"] = "County",
        ["处理结果"] = "Resolution",
        ["提出日期"] = "Date raised",
        ["户"] = "Household",
        ["异议"] = "Objection",
        ["金额"] = "Amount",
        ["抽样编号"] = "Sample number",
        ["公示期"] = "Notice period",
        ["是否通过"] = "Passed",
        ["对象"] = "Subject",
        ["措施"] = "Measures",
        ["人均增收"] = "Income raised per person",
        ["每村脱贫户数"] = "Exited households per village",
        ["每村未脱贫户数"] = "Households still poor per village",
        ["村出列必备条件"] = "Conditions a village needs to exit",
        ["村集体经济收入下限"] = "Village collective income minimum",
        ["销户日期"] = "Closed on",
        ["是否参加大病医疗"] = "Serious-illness insurance",
        ["是否参加养老保险"] = "Pension insurance",
        ["加入日期"] = "Joined on",
        ["减少日期"] = "Left on",
        ["所在乡镇"] = "Township",
        ["来源"] = "Source",
        ["生成编号"] = "Generator seed",
        ["村民小组数"] = "Village groups",
        ["收入记录数"] = "Income records",
        ["脱贫状态记录数"] = "Status records",
        ["文件导入"] = "File import",
        ["来凤县演示数据（示意，人员均为虚构）"] = "Laifeng demo data (illustrative; all people are fictitious)",
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
        ["市州扶贫办"] = "Prefecture poverty office",
        ["省扶贫办"] = "Province poverty office",
        ["演示数据：区划为来凤县真实区划；贫困村、片区、村人口和全部人员均为示意，人员纯属虚构。"] = "Demo data: the places are Laifeng's real ones; poor villages, zones, village populations and every person are illustrative, and the people are fictional.",
        ["新建账号"] = "New account",
        ["已创建账号 {0}（{1}）。"] = "Account {0} created ({1}).",
        ["初始密码（只显示这一次，请转交本人，首次登录须修改）："] = "Initial password (shown once; hand it to the person, who must change it at first sign-in): ",
        ["角色"] = "Role",
        ["创建"] = "Create",
        ["管辖范围"] = "Area",
        ["创建时间"] = "Created",
        ["须修改密码"] = "Must change password",
        ["{0}级"] = "grade {0}",
        ["不安全"] = "unsafe",
        ["与户主关系"] = "Relation to head",
        ["与村主干路距离"] = "Distance to main road",
        ["与村主干路距离（公里）"] = "Distance to main road (km)",
        ["个月"] = " months",
        ["主要燃料类型"] = "Main fuel",
        ["主要致贫原因"] = "Main cause of poverty",
        ["乡镇"] = "Township",
        ["乡镇 / 村 / 贫困村"] = "Townships / villages / poor villages",
        ["五保金"] = "Five-guarantees support",
        ["人口"] = "Size",
        ["人均纯收入"] = "Net income per person",
        ["人数"] = "People",
        ["低保金"] = "Minimum living allowance",
        ["住房面积"] = "Housing area",
        ["住房面积（平方米）"] = "Housing area (m²)",
        ["修改"] = "changed",
        ["修改原因（记入变更记录）"] = "Reason for the change (kept in the history)",
        ["健康状况"] = "Health",
        ["入户路类型"] = "Road to the house",
        ["全部属性"] = "All attributes",
        ["全部年度"] = "All years",
        ["全部村"] = "All villages",
        ["全部状态"] = "All statuses",
        ["全部致贫原因"] = "All causes",
        ["共 {0} 户"] = "{0} households",
        ["其他致贫原因"] = "Other causes",
        ["其他转移性收入"] = "Other transfer income",
        ["养老保险"] = "Pension insurance",
        ["养老保险金"] = "Pension",
        ["出生日期"] = "Birth date",
        ["分乡镇"] = "By township",
        ["分年度脱贫"] = "Exits by year",
        ["删除"] = "deleted",
        ["务工时间"] = "Months of migrant work",
        ["务工时间（月）"] = "Migrant work (months)",
        ["务工状况"] = "Migrant work",
        ["劳动技能"] = "Labour ability",
        ["医保"] = "Medical insurance",
        ["原因"] = "Reason",
        ["参加城乡居民基本养老保险"] = "In basic pension insurance",
        ["参加城乡居民基本医疗保险"] = "In basic medical insurance",
        ["取消"] = "Cancel",
        ["变更记录"] = "Record history",
        ["否"] = "No",
        ["困难"] = "difficult",
        ["土坯房"] = "adobe house",
        ["在校生状况"] = "Schooling",
        ["姓名"] = "Name",
        ["安全"] = "safe",
        ["家庭人口"] = "Household size",
        ["家庭成员"] = "Members",
        ["家庭纯收入"] = "Household net income",
        ["尚无收入记录"] = "No income recorded yet",
        ["工作年度"] = "Work year",
        ["工资性收入"] = "Wage income",
        ["已脱贫户数"] = "Households exited",
        ["年度"] = "Year",
        ["年脱贫户"] = "exits",
        ["年龄"] = "Age",
        ["建档立卡总览"] = "Registry overview",
        ["建档立卡户数"] = "Registered households",
        ["当年扶贫标准"] = "Poverty line that year",
        ["性别"] = "Sex",
        ["成员"] = "member",
        ["成员姓名"] = "Member's name",
        ["成员状态"] = "Member status",
        ["户主"] = "Head",
        ["户主身份证号码"] = "Head's resident ID",
        ["户信息"] = "household",
        ["户基本情况"] = "Household",
        ["户数"] = "Households",
        ["户编号"] = "Household no.",
        ["其他条件"] = "Also filtered by",
        ["去掉此条件"] = "Remove this filter",
        ["查找条件有误，请按上方提示修改后再查找"] = "The search could not be run; correct it as said above and search again",
        ["查到"] = "Matched",
        ["所在片区"] = "Zone",
        ["{0} 年底仍未脱贫"] = "Still poor at the end of {0}",
        ["{0} 年底前已脱贫"] = "Exited by the end of {0}",
        ["所在村"] = "Village",
        ["批量载入"] = "Bulk load of",
        ["按姓名查找"] = "Find by name",
        ["按身份证号查找"] = "Find by resident ID",
        ["收入"] = "income",
        ["收入情况"] = "Income",
        ["文化程度"] = "Education",
        ["新增"] = "added",
        ["新增成员"] = "Add member",
        ["日期"] = "Date",
        ["是"] = "Yes",
        ["是否加入农民专业合作社"] = "Member of a farmers' cooperative",
        ["是否土坯房"] = "Adobe house",
        ["是否通生产用电"] = "Power for production",
        ["是否通生活用电"] = "Household electricity",
        ["最后修改"] = "Last changed",
        ["有无卫生厕所"] = "Sanitary toilet",
        ["有无安全住房"] = "Safe housing",
        ["未保存：请改正以下问题"] = "Not saved: please correct the following",
        ["未脱贫"] = "Not exited",
        ["未脱贫人"] = "People not exited",
        ["未脱贫户"] = "Households not exited",
        ["未脱贫户数"] = "Households not exited",
        ["未设定"] = "not set",
        ["未通生活用电"] = "no household electricity",
        ["村"] = "Village",
        ["村 / 贫困村"] = "Villages / poor",
        ["村民小组"] = "Village group",
        ["正在统计"] = "Counting",
        ["残疾等级"] = "Disability grade",
        ["民族"] = "Ethnicity",
        ["没有符合条件的户"] = "No household matches",
        ["添加成员"] = "Add a member",
        ["清除条件"] = "Clear filters",
        ["点击数字查看对应的户"] = "click a number to see its households",
        ["状态"] = "Status",
        ["生产经营性支出"] = "Production expenses",
        ["生产经营性收入"] = "Production income",
        ["生态补偿金"] = "Ecological compensation",
        ["用电"] = "Electricity",
        ["移除"] = "Remove",
        ["第{0}名成员"] = "Member {0}",
        ["编辑"] = "Edit",
        ["编辑成员"] = "Edit member",
        ["编辑户信息"] = "Edit household",
        ["联系电话"] = "Phone",
        ["脱贫人数"] = "People exited",
        ["脱贫年度"] = "Exit year",
        ["脱贫户数"] = "Households exited",
        ["脱贫状态"] = "Poverty status",
        ["脱贫状态变化"] = "Status history",
        ["致贫原因"] = "Cause of poverty",
        ["计划出列"] = "Planned exit",
        ["计划生育金"] = "Family-planning payments",
        ["识别年度"] = "Registration year",
        ["识别日期"] = "Registration date",
        ["识别标准"] = "Identification standard",
        ["该户没有这名成员"] = "The household has no such member",
        ["财产性收入"] = "Property income",
        ["贫困户属性"] = "Household attribute",
        ["身份证号码"] = "Resident ID",
        ["身份证号码（精确查找）"] = "Resident ID (exact)",
        ["转移性收入"] = "Transfer income",
        ["返回户列表"] = "Back to the list",
        ["通生产用电"] = "power for production",
        ["通生活用电"] = "household electricity",
        ["饮水"] = "Drinking water",
        ["饮水是否困难"] = "Drinking water is difficult",
        ["饮水是否安全"] = "Drinking water is safe",
        ["（按身份证号码查找）"] = " (found by resident ID)",
    };
}
