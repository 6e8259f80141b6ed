using System.Globalization;
using System.Text.RegularExpressions;
using Tuopin.Application.Common;
using Tuopin.Domain.Common;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Registry;

/// <summary>Whether a column belongs to the household (repeated on its members' rows) or to the member.</summary>
public enum ColumnScope { Household, Member, Income }

/// <summary>
/// One column of the registry template: a key that the rules' field names use, the Chinese header of
/// the national form, the English header, and other headers that mean the same column.
/// </summary>
public sealed record TemplateColumn(string Key, string Zh, string En, ColumnScope Scope, bool Required = false, params string[] Aliases)
{
    public LocalText Name => new(Zh, En);

    /// <summary>For income columns: the year and the income part (a <see cref="HouseholdIncome"/> field, or "HouseholdSize").</summary>
    public int Year { get; init; }

    public string? Part { get; init; }
}

/// <summary>
/// The registry template (docs/import-template.md): one row per member, the household's number, place
/// and fields on every row (at least on the head's row), then the member's fields, then the household's
/// income by year. Coded fields take the form's code or its name (“01” or “因病”).
/// </summary>
public static partial class RegistryTemplate
{
    public static readonly IReadOnlyList<TemplateColumn> Fixed =
    [
        new("number", "户编号", "Household number", ColumnScope.Household, true, "户码", "户号"),
        new("township", "乡镇", "Township", ColumnScope.Household, false, "乡（镇）", "乡镇名称", "乡镇代码"),
        new("village", "行政村", "Village", ColumnScope.Household, true, "村", "村名", "村名称", "村代码", "行政村代码", "村（社区）"),
        new("group", "村民小组", "Village group", ColumnScope.Household, false, "组", "小组"),
        new("registrationYear", "识别年度", "Registration year", ColumnScope.Household, false, "识别年份"),
        new("registeredOn", "识别日期", "Registration date", ColumnScope.Household),
        new("standard", Codes.Standards.Field.Zh, Codes.Standards.Field.En, ColumnScope.Household),
        new("attribute", Codes.Attributes.Field.Zh, Codes.Attributes.Field.En, ColumnScope.Household),
        new("mainCause", "主要致贫原因", "Main cause of poverty", ColumnScope.Household),
        new("otherCause1", "其他致贫原因1", "Other cause 1", ColumnScope.Household, false, "其他致贫原因一"),
        new("otherCause2", "其他致贫原因2", "Other cause 2", ColumnScope.Household, false, "其他致贫原因二"),
        new("housing", Codes.Housings.Field.Zh, Codes.Housings.Field.En, ColumnScope.Household, false, "住房安全"),
        new("housingArea", "住房面积（平方米）", "Housing area (m²)", ColumnScope.Household, false, "住房面积", "住房面积(平方米)"),
        new("isAdobeHouse", "是否土坯房", "Adobe house", ColumnScope.Household),
        new("hasLivingPower", "是否通生活用电", "Living power", ColumnScope.Household, false, "是否通生活用电（户）"),
        new("hasProductionPower", "是否通生产用电", "Production power", ColumnScope.Household),
        new("drinkingWaterDifficult", "饮水是否困难", "Drinking water difficult", ColumnScope.Household),
        new("drinkingWaterSafe", "饮水是否安全", "Drinking water safe", ColumnScope.Household),
        new("hasSanitaryToilet", "有无卫生厕所", "Sanitary toilet", ColumnScope.Household),
        new("distanceToMainRoadKm", "与村主干路距离（公里）", "Distance to main road (km)", ColumnScope.Household, false, "与村主干路距离", "与村主干路距离(公里)"),
        new("entryRoad", Codes.EntryRoads.Field.Zh, Codes.EntryRoads.Field.En, ColumnScope.Household),
        new("mainFuel", Codes.Fuels.Field.Zh, Codes.Fuels.Field.En, ColumnScope.Household),
        new("inCooperative", "是否加入农民专业合作社", "In a cooperative", ColumnScope.Household, false, "是否加入合作社"),
        new("phone", "联系电话", "Phone", ColumnScope.Household, false, "电话", "手机号码"),
        new("status", Codes.Statuses.Field.Zh, Codes.Statuses.Field.En, ColumnScope.Household, false, "贫困户状态"),
        new("exitYear", "脱贫年度", "Exit year", ColumnScope.Household, false, "脱贫年份"),
        new("exitedOn", "脱贫日期", "Exit date", ColumnScope.Household),
        new("name", "姓名", "Name", ColumnScope.Member, true),
        new("residentId", "证件号码", "Resident ID", ColumnScope.Member, true, "身份证号码", "身份证号", "公民身份号码", "Resident ID number"),
        new("sex", "性别", "Sex", ColumnScope.Member),
        new("birthDate", "出生日期", "Birth date", ColumnScope.Member),
        new("relation", "与户主关系", "Relation to head", ColumnScope.Member, true),
        new("ethnicity", "民族", "Ethnicity", ColumnScope.Member),
        new("education", "文化程度", "Education", ColumnScope.Member),
        new("schooling", "在校生状况", "Schooling", ColumnScope.Member),
        new("health", "健康状况", "Health", ColumnScope.Member),
        new("disabilityGrade", "残疾等级", "Disability grade", ColumnScope.Member),
        new("labour", "劳动技能", "Labour ability", ColumnScope.Member),
        new("migrantWork", "务工状况", "Migrant work", ColumnScope.Member),
        new("migrantMonths", "务工时间（月）", "Months of migrant work", ColumnScope.Member, false, "务工时间", "务工时间(月)"),
        new("medicalInsurance", "是否参加城乡居民基本医疗保险", "Basic medical insurance", ColumnScope.Member, false, "是否参加大病医疗保险", "是否参加新型农村合作医疗", "是否参加基本医疗保险"),
        new("pensionInsurance", "是否参加城乡居民基本养老保险", "Basic pension insurance", ColumnScope.Member, false, "是否参加基本养老保险"),
        new("memberStatus", Codes.MemberStatuses.Field.Zh, Codes.MemberStatuses.Field.En, ColumnScope.Member),
    ];

    /// <summary>Income parts in template order; "HouseholdSize" is the people the per-capita figure counts.</summary>
    public static readonly IReadOnlyList<(string Part, LocalText Name)> IncomeParts =
    [
        .. RegistryRules.IncomeFieldNames.Select(p => (p.Key, p.Value)),
        ("HouseholdSize", new LocalText("计算人口", "People counted")),
    ];

    public static TemplateColumn Income(int year, string part)
    {
        var name = IncomeParts.First(p => p.Part == part).Name;
        return new TemplateColumn($"income{year}.{char.ToLowerInvariant(part[0])}{part[1..]}",
            string.Create(CultureInfo.InvariantCulture, $"{year}年{name.Zh}"),
            string.Create(CultureInfo.InvariantCulture, $"{name.En} {year}"),
            ColumnScope.Income) { Year = year, Part = part };
    }

    /// <summary>The template's columns with income columns for the given years.</summary>
    public static List<TemplateColumn> Columns(IEnumerable<int> incomeYears) =>
        [.. Fixed, .. incomeYears.Order().SelectMany(y => IncomeParts.Select(p => Income(y, p.Part)))];

    private static readonly Dictionary<string, TemplateColumn> ByHeader = BuildHeaders();

    private static Dictionary<string, TemplateColumn> BuildHeaders()
    {
        var map = new Dictionary<string, TemplateColumn>(StringComparer.OrdinalIgnoreCase);
        foreach (var c in Fixed)
        {
            map.TryAdd(Key(c.Zh), c);
            map.TryAdd(Key(c.En), c);
            foreach (var alias in c.Aliases) map.TryAdd(Key(alias), c);
        }
        return map;
    }

    /// <summary>Headers compare without spaces, full-width forms or bracket style: “住房面积(平方米)” = “住房面积（平方米）”.</summary>
    private static string Key(string header) =>
        new(TextCleaner.Clean(header).Where(ch => !char.IsWhiteSpace(ch) && ch != '*').Select(ch => ch switch { '（' => '(', '）' => ')', _ => ch }).ToArray());

    [GeneratedRegex(@"^(\d{4})\s*年?\s*(.+)$")]
    private static partial Regex ChineseIncomeHeader();

    [GeneratedRegex(@"^(.+?)\s+(\d{4})$")]
    private static partial Regex EnglishIncomeHeader();

    /// <summary>The column a header names, or null when no column has that name.</summary>
    public static TemplateColumn? Find(string header)
    {
        var key = Key(header);
        if (key.Length == 0) return null;
        if (ByHeader.TryGetValue(key, out var column)) return column;
        var text = TextCleaner.Clean(header).Trim();
        var zh = ChineseIncomeHeader().Match(text);
        if (zh.Success)
        {
            var part = IncomeParts.FirstOrDefault(p => Key(p.Name.Zh) == Key(zh.Groups[2].Value));
            if (part.Part is not null) return Income(int.Parse(zh.Groups[1].Value, CultureInfo.InvariantCulture), part.Part);
        }
        var en = EnglishIncomeHeader().Match(text);
        if (en.Success)
        {
            var part = IncomeParts.FirstOrDefault(p => string.Equals(Key(p.Name.En), Key(en.Groups[1].Value), StringComparison.OrdinalIgnoreCase));
            if (part.Part is not null) return Income(int.Parse(en.Groups[2].Value, CultureInfo.InvariantCulture), part.Part);
        }
        return null;
    }

    /// <summary>Headers of the error column added to a rejected file; ignored when the fixed file comes back.</summary>
    public static readonly LocalText ErrorColumn = new("错误说明", "Errors");

    public static bool IsIgnored(string header) =>
        Key(header) is var k && (k == Key(ErrorColumn.Zh) || string.Equals(k, ErrorColumn.En, StringComparison.OrdinalIgnoreCase) || k is "序号" or "备注" or "No." or "Note" or "Notes");
}
