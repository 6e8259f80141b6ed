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
    };

    public static string Of(string field) => Labels.GetValueOrDefault(field, field);

    public static IEnumerable<string> All => Labels.Values.Distinct();
}
