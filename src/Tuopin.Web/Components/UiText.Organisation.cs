namespace Tuopin.Web.Components;

public sealed partial class UiText
{
    /// <summary>English of the organisation pages (组织机构: the leading group, working groups, special teams, departments, township offices, village teams).</summary>
    private static Dictionary<string, string> OrganisationEnglish => new()
    {
        ["组织机构"] = "Organisation",
        ["返回组织机构"] = "Back to the organisation",
        ["找不到该单位"] = "No such unit",
        ["上级单位"] = "Unit above",
        ["别名"] = "Aliases",
        ["对应部门账号"] = "Department of its accounts",
        ["{0} 个账号"] = "{0} accounts",
        ["职责"] = "Duty",
        ["第一责任人"] = "First responsible person",
        ["人员"] = "People",
        ["负责人"] = "Leader",
        ["移出"] = "Remove",
        ["尚未登记人员"] = "No one recorded yet",
        ["添加人员"] = "Add a person",
        ["成员单位"] = "Member units",
        ["负责的方案目标"] = "Plan targets it answers for",
        ["方案章节"] = "Plan section",
        ["方案中的责任单位"] = "Responsible unit in the plan",
        ["没有匹配到的方案目标"] = "No plan target matched to it",
        ["负责的项目（{0}个）"] = "Its projects ({0})",
        ["没有项目"] = "No projects",
        ["已添加“{0}”"] = "Added \"{0}\"",
        ["已移出“{0}”"] = "Removed \"{0}\"",
        ["领导小组、十个工作组及其成员单位、六个工作专班、县直部门、乡镇扶贫开发办和村级责任单位，以及各自的第一责任人。"] =
            "The leading group, the ten working groups and their member units, the six special teams, the county departments, the township poverty offices and the village teams, each with its first responsible persons.",
        ["{0} 个单位有缺项"] = "{0} units lack someone",
        ["领导小组"] = "Leading group",
        ["工作组（{0}个）"] = "Working groups ({0})",
        ["组长"] = "Leader",
        ["工作专班（{0}个）"] = "Special teams ({0})",
        ["县直部门（{0}个）"] = "County departments ({0})",
        ["所属工作组"] = "Working group",
        ["乡镇扶贫开发办"] = "Township poverty offices",
        ["第一主任"] = "First director",
        ["村级责任单位与驻村工作队"] = "Village teams and resident work teams",
        ["尚未登记组织机构"] = "No organisation recorded yet",
        ["减贫方案目标的责任单位"] = "The plan targets' responsible units",
        ["第{0}版方案：{1} 个目标，{2} 个的责任单位全部找到。方案原文保留；未找到的名称请登记单位或别名后重新匹配。"] =
            "Plan version {0}: {1} targets, {2} with every responsible unit found. The plan keeps its words; for a name not found, record the unit or an alias and match again.",
        ["按方案匹配并记录"] = "Match the plan and record",
        ["对应单位"] = "Units",
        ["未找到"] = "Not found",
        ["登记单位"] = "Record a unit",
        ["单位类别"] = "Kind of unit",
        ["别名（以、分隔）"] = "Aliases (separated by 、)",
        ["已记录 {0} 个目标的责任单位"] = "Responsible units recorded for {0} targets",
    };
}
