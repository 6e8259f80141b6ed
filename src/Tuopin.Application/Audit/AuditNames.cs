using Tuopin.Domain.Common;

namespace Tuopin.Application.Audit;

/// <summary>What the county's audit log calls an action and a record type, in Chinese and English.</summary>
public static class AuditNames
{
    public static LocalText Action(AuditAction action) => action switch
    {
        AuditAction.Insert => new("新增", "Added"),
        AuditAction.Update => new("修改", "Changed"),
        AuditAction.Delete => new("删除", "Deleted"),
        AuditAction.Bulk => new("批量写入", "Written in bulk"),
        AuditAction.SignIn => new("登录", "Signed in"),
        AuditAction.SignInRefused => new("登录被拒", "Sign-in refused"),
        AuditAction.Read => new("查看个人信息", "Read personal data"),
        AuditAction.Export => new("导出", "Exported"),
        _ => new(action.ToString(), action.ToString()),
    };

    private static readonly Dictionary<string, LocalText> Types = new(StringComparer.Ordinal)
    {
        ["County"] = new("县", "County"), ["Township"] = new("乡镇", "Township"), ["Village"] = new("村", "Village"),
        ["VillageGroup"] = new("村民小组", "Village group"), ["Zone"] = new("片区", "Zone"),
        ["Household"] = new("贫困户", "Household"), ["Member"] = new("家庭成员", "Member"), ["HouseholdIncome"] = new("家庭收入", "Household income"),
        ["HouseholdStatusChange"] = new("户状态变更", "Status change"), ["QualityReview"] = new("数据质量核查", "Quality review"),
        ["PovertyLine"] = new("贫困线", "Poverty line"), ["Setting"] = new("县级设置", "County setting"),
        ["VillageCondition"] = new("村基础条件", "Village condition"), ["PlanVersion"] = new("减贫方案", "Plan version"),
        ["ExitProcedure"] = new("退出程序", "Exit procedure"), ["ProcedureStepRecord"] = new("退出程序步骤", "Exit procedure step"),
        ["ExitObjection"] = new("退出异议", "Exit objection"), ["Attachment"] = new("附件", "Attachment"),
        ["ExitStandards"] = new("退出标准", "Exit standards"), ["Evaluation"] = new("第三方评估", "Evaluation"),
        ["EvaluationSample"] = new("评估抽样", "Evaluation sample"), ["AreaExitProcedure"] = new("村乡退出程序", "Area exit procedure"),
        ["AreaExitStepRecord"] = new("村乡退出步骤", "Area exit step"), ["AreaEvidence"] = new("退出佐证材料", "Area exit evidence"),
        ["Cadre"] = new("帮扶责任人", "Cadre"), ["CadreAssignment"] = new("结对帮扶", "Pairing"), ["WorkTeam"] = new("驻村工作队", "Village work team"),
        ["Measure"] = new("帮扶措施", "Measure"), ["MonitoringCase"] = new("返贫监测", "Monitoring case"),
        ["EdgeHousehold"] = new("边缘户", "Edge household"), ["EdgeMember"] = new("边缘户成员", "Edge household member"),
        ["TrainingCourse"] = new("培训班", "Training course"), ["TrainingAttendance"] = new("培训参加", "Training attendance"),
        ["HousingCase"] = new("危房改造", "Housing case"), ["MarketEntity"] = new("经营主体", "Market entity"),
        ["MarketEntityVillage"] = new("经营主体覆盖村", "Market entity village"), ["IndustryParticipation"] = new("产业带动", "Industry participation"),
        ["Loan"] = new("小额信贷", "Loan"), ["Repayment"] = new("还款", "Repayment"), ["GuaranteeFundDeposit"] = new("风险补偿金存入", "Guarantee fund deposit"),
        ["RiskCompensation"] = new("风险补偿", "Risk compensation"), ["Project"] = new("项目", "Project"), ["ProjectVillage"] = new("项目覆盖村", "Project village"),
        ["ProjectBeneficiary"] = new("项目受益户", "Project beneficiary"), ["ProjectStepRecord"] = new("项目步骤", "Project step"),
        ["FundSource"] = new("资金来源", "Fund source"), ["FundAllocation"] = new("资金分配", "Allocation"), ["Disbursement"] = new("资金支付", "Payment"),
        ["NoticeObjection"] = new("公示异议", "Notice objection"), ["User"] = new("账户", "Account"),
        ["HouseholdCard"] = new("扶贫手册", "Household card"), ["RegistrationForm"] = new("建档立卡表", "Registration form"),
        ["SelfAssessmentReport"] = new("自评报告", "Self-assessment report"), ["PublicList"] = new("公示名单", "Public list"),
        ["Registry"] = new("贫困人口名册", "Registry"), ["AuditLog"] = new("审计日志", "Audit log"),
    };

    /// <summary>A record type's name; a type without one keeps its code name (new types show before they are named here).</summary>
    public static LocalText Type(string entityType) => Types.TryGetValue(entityType, out var name) ? name : new(entityType, entityType);
}
