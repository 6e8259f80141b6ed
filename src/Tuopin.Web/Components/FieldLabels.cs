namespace Tuopin.Web.Components;

/// <summary>The Chinese label of each field a problem can name.</summary>
public static class FieldLabels
{
    private static readonly Dictionary<string, string> Labels = new()
    {
        ["villageId"] = "所在村", ["groupId"] = "村民小组", ["number"] = "户编号", ["registrationYear"] = "识别年度",
        ["standard"] = "识别标准", ["attribute"] = "贫困户属性", ["mainCause"] = "主要致贫原因", ["otherCause1"] = "其他致贫原因",
        ["otherCause2"] = "其他致贫原因", ["housing"] = "有无安全住房", ["housingArea"] = "住房面积", ["distanceToMainRoadKm"] = "与村主干路距离",
        ["entryRoad"] = "入户路类型", ["mainFuel"] = "主要燃料类型", ["phone"] = "联系电话", ["status"] = "状态", ["exitYear"] = "脱贫年度",
        ["members"] = "家庭成员", ["residentId"] = "身份证号码", ["name"] = "姓名", ["sex"] = "性别", ["birthDate"] = "出生日期",
        ["relation"] = "与户主关系", ["ethnicity"] = "民族", ["education"] = "文化程度", ["schooling"] = "在校生状况", ["health"] = "健康状况",
        ["disabilityGrade"] = "残疾等级", ["labour"] = "劳动技能", ["migrantWork"] = "务工状况", ["migrantMonths"] = "务工时间",
        ["year"] = "年度", ["householdSize"] = "家庭人口", ["wage"] = "工资性收入", ["production"] = "生产经营性收入", ["property"] = "财产性收入",
        ["familyPlanning"] = "计划生育金", ["dibao"] = "低保金", ["wubao"] = "五保金", ["pension"] = "养老保险金", ["ecoCompensation"] = "生态补偿金",
        ["otherTransfer"] = "其他转移性收入", ["productionExpense"] = "生产经营性支出", ["reason"] = "原因", ["registeredOn"] = "识别日期", ["date"] = "日期", ["to"] = "状态",
        ["people"] = "家庭人口", ["visited"] = "走访农户", ["visitedOn"] = "走访日期", ["wronglyExited"] = "错退", ["missed"] = "漏评",
        ["approves"] = "认可", ["note"] = "说明", ["kind"] = "变动类型", ["memberId"] = "成员", ["newHeadId"] = "新户主",
        ["memberIds"] = "分户成员", ["sampleId"] = "样本户", ["otherHouseholdId"] = "并入本户的户编号", ["relations"] = "与户主关系",
        ["userName"] = "登录名", ["displayName"] = "姓名", ["password"] = "密码", ["newPassword"] = "新密码", ["role"] = "角色", ["user"] = "账号",
        ["department"] = "所属部门", ["file"] = "文件", ["fileName"] = "文件名", ["content"] = "文件内容", ["step"] = "程序步骤", ["level"] = "层级",
        ["areaId"] = "地区", ["village"] = "村", ["township"] = "乡镇", ["county"] = "县", ["countyId"] = "县", ["member"] = "成员",
        ["resolvedOn"] = "处理日期", ["resolution"] = "处理结果", ["raisedOn"] = "提出日期", ["procedureId"] = "退出程序", ["procedureIds"] = "退出程序",
        ["householdId"] = "户", ["householdIds"] = "户", ["objectionId"] = "异议", ["objections"] = "异议", ["item"] = "材料", ["source"] = "出处",
        ["amount"] = "金额", ["seed"] = "抽样编号", ["window"] = "公示期", ["passed"] = "是否通过", ["subjectId"] = "对象", ["measures"] = "措施",
        ["plan"] = "减贫方案", ["villages"] = "村", ["zones"] = "片区", ["poorVillages"] = "贫困村", ["code"] = "代码", ["responsible"] = "责任单位",
        ["target"] = "目标", ["incomeRaisedPerCapita"] = "人均增收", ["exitedPerVillage"] = "每村脱贫户数", ["notExitedPerVillage"] = "每村未脱贫户数",
        ["requiredVillageConditions"] = "村出列必备条件", ["villageCollectiveIncomeMinimum"] = "村集体经济收入下限",
        ["isAdobeHouse"] = "是否土坯房", ["hasLivingPower"] = "是否通生活用电", ["hasProductionPower"] = "是否通生产用电",
        ["drinkingWaterDifficult"] = "饮水是否困难", ["drinkingWaterSafe"] = "饮水是否安全", ["hasSanitaryToilet"] = "有无卫生厕所",
        ["inCooperative"] = "是否加入农民专业合作社", ["phoneCipher"] = "联系电话", ["size"] = "家庭人口", ["closedOn"] = "销户日期",
        ["ethnicityCode"] = "民族", ["medicalInsurance"] = "是否参加大病医疗", ["pensionInsurance"] = "是否参加养老保险",
        ["joinedOn"] = "加入日期", ["leftOn"] = "减少日期", ["townshipId"] = "所在乡镇",
        ["residentIdCipher"] = "身份证号码", ["residentIdHash"] = "身份证号码", ["nameCipher"] = "姓名",
    };

    /// <summary>
    /// The label of a field key, or null when there is none to show: a key such as "member.name" or
    /// "rows[3].name" is named by its last part; a key with no label is never shown raw.
    /// </summary>
    public static string? Of(string field)
    {
        if (Labels.TryGetValue(field, out var label)) return label;
        var last = field[(field.LastIndexOf('.') + 1)..];
        var bracket = last.IndexOf('[', StringComparison.Ordinal);
        if (bracket > 0) last = last[..bracket];
        return Labels.GetValueOrDefault(last);
    }

    public static IEnumerable<string> All => Labels.Values.Distinct();
}
