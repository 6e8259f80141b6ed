namespace Tuopin.Web.Components;

public sealed partial class UiText
{
    /// <summary>English of the public notices (公告公示) and their objections (公示异议).</summary>
    private static Dictionary<string, string> NoticesEnglish => new()
    {
        ["来凤县扶贫公告公示"] = "Laifeng County poverty-alleviation notices",
        ["来凤县扶贫开发领导小组办公室"] = "Laifeng County poverty-alleviation office",
        ["公示内容已隐去身份证号、电话等个人信息"] = "Resident IDs, phones and other personal details are left out of every notice",
        ["公告公示"] = "Public notices",
        ["以下为正在公示和近期结束的公示。对公示内容有异议的，可在公示期内在公示页面提出，或拨打公示上的电话。"] =
            "Notices running now and recently ended. If you object to a notice, say so on its page during its period, or call the number on it.",
        ["目前没有公示"] = "No notices at present",
        ["剩余 {0} 天"] = "{0} days left",
        ["公示期已结束"] = "Ended",
        ["公示不存在"] = "No such notice",
        ["全部公示"] = "All notices",
        ["没有这个公示，或公示尚未开始、已过期"] = "No such notice, or it has not started or is no longer shown",
        ["该项目有异议正在处理，处理完毕前暂停实施"] = "An objection to this project is being handled; the project waits until it is answered",
        ["项目编号"] = "Project code",
        ["项目类别"] = "Category",
        ["建设地点"] = "Place",
        ["建设内容"] = "Planned output",
        ["项目预算"] = "Budget",
        ["批复文号"] = "Approval document",
        ["合同金额"] = "Contract amount",
        ["受益贫困户（{0} 户）"] = "Beneficiary households ({0})",
        ["拟退出贫困户公示"] = "Households proposed to exit",
        ["{0}年拟退出贫困户名单"] = "households proposed to exit in {0}",
        ["经村两委民主评议、村委会和驻村工作队核实、贫困户认可，下列贫困户拟于本年度退出，现予公示。"] =
            "After the village's democratic review, verification by the village committee and work team, and the households' agreement, the households below are proposed to exit this year.",
        ["人民政府"] = " township government",
        ["异议受理"] = "Objections",
        ["公示期内，对公示内容有异议的，可通过下方表单提出，或来电、来访反映。"] = "During the period, object with the form below, by phone or in person.",
        ["监督电话"] = "Phone",
        ["受理地址"] = "Address",
        ["提出异议"] = "Raise an objection",
        ["您的异议已收到，责任单位将核实处理。"] = "Your objection was received; the responsible unit will look into it.",
        ["联系人（可不填）"] = "Your name (optional)",
        ["联系电话（可不填，仅责任单位可见）"] = "Your phone (optional; only the responsible unit sees it)",
        ["提交异议"] = "Submit",
        ["查看公示页面"] = "Open the public notices",
        ["没有公示异议"] = "No objections",
        ["联系人"] = "Contact",
        ["匿名"] = "Anonymous",
        ["答复"] = "Answer",
        ["答复意见"] = "The answer",
        ["已答复"] = "Answered",
        ["已答复；该项目已无待答复异议，可继续实施"] = "Answered; no objection to the project remains open and it may go on",
        ["户受益公示"] = "Household benefits",
        ["{0}年扶贫资金到户受益名单"] = "Poverty-alleviation funds paid to households in {0}",
        ["下列 {0} 户在本年度获得扶贫资金到户补助，共 {1} 元，现予公示。"] = "The {0} households below received poverty-alleviation payments this year, {1} yuan in all; they are published here.",
        ["补助类型"] = "Subsidy",
        ["发放日期"] = "Paid on",
    };
}
