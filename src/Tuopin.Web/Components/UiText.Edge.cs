namespace Tuopin.Web.Components;

public sealed partial class UiText
{
    /// <summary>English of the edge households of the return-to-poverty watch (边缘户) and a household's watch cases.</summary>
    private static Dictionary<string, string> EdgeEnglish => new()
    {
        ["上年人均纯收入（元）"] = "Last year's net income per head (yuan)",
        ["低于扶贫标准"] = "Below the poverty line",
        ["高于扶贫标准"] = "Above the poverty line",
        ["住址"] = "Address",
        ["先在建档立卡中新识别登记该户，再填写其户编号结案，由县级审定。"] = "Register the household in the registry first, then close the case with its number; the county decides.",
        ["其中边缘户监测中"] = "Of which edge households watched",
        ["边缘户识别为贫困户"] = "Edge households registered as poor",
        ["删除该成员"] = "Remove this member",
        ["增加成员"] = "Add a member",
        ["在监测台账中回访或结案"] = "Review or close it in the watch list",
        ["已登记监测户 {0} 并纳入监测"] = "Watched household {0} recorded and enrolled",
        ["建档立卡户编号"] = "Registry household number",
        ["户的情况"] = "The household",
        ["未建档立卡、但有致贫风险的户（边缘易致贫户、突发严重困难户）在此登记家庭成员并纳入监测；已在建档立卡系统中的人，请对其所在的户纳入监测。"] =
            "A household not in the registry but at risk of poverty (an edge household, or one in sudden severe hardship) is recorded here with its members and watched. A person already in the registry is watched through their registered household.",
        ["登记并纳入监测"] = "Record and enrol",
        ["登记边缘户"] = "Record an edge household",
        ["登记边缘户并纳入监测"] = "Record an edge household and enrol it",
        ["监测对象类别"] = "Kind of watched household",
        ["监测户"] = "Watched household",
        ["该户未建档立卡，只为防返贫监测登记，不计入建档立卡的各项统计。"] = "This household is not in the registry: it is recorded only for the watch and counts in none of the registry's figures.",
        ["该户未纳入防返贫监测"] = "The household is not watched",
        ["边缘户"] = "Edge household",
        ["返回监测台账"] = "Back to the watch list",
    };
}
