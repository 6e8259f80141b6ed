using System.Globalization;
using Tuopin.Domain.Common;

namespace Tuopin.Domain.Registry;

/// <summary>
/// The rules a household and its members must satisfy before anything is stored. Each rule names
/// the field it is about (a path such as <c>members[2].birthDate</c>) and says what is wrong.
/// </summary>
public static class RegistryRules
{
    public const int MaxNameLength = 50;

    /// <summary>
    /// Parses the resident ID and checks that the stated sex and birth date agree with it.
    /// </summary>
    public static List<Problem> CheckIdentity(string prefix, string? residentId, Sex sex, DateOnly birthDate, DateOnly today, out ResidentId id)
    {
        var problems = new List<Problem>();
        if (!ResidentId.TryParse(residentId, out id, out var idProblem))
        {
            problems.Add(new Problem(prefix + "residentId", "resident_id.invalid", idProblem.Value));
            return problems;
        }
        if (id.BirthDate > today)
            problems.Add(new Problem(prefix + "residentId", "resident_id.future_birth",
                new LocalText(Inv($"身份证号码中的出生日期 {id.BirthDate:yyyy-MM-dd} 晚于今天"), Inv($"The birth date {id.BirthDate:yyyy-MM-dd} in the resident ID is in the future"))));
        if (id.Sex != sex)
            problems.Add(new Problem(prefix + "sex", "member.sex_mismatch",
                new LocalText(Inv($"性别与身份证号码不符：号码第17位表示{Codes.Sexes.Name(id.Sex).Zh}，填写的是{Codes.Sexes.Name(sex).Zh}"),
                    Inv($"Sex does not match the resident ID: digit 17 says {Codes.Sexes.Name(id.Sex).En}, the form says {Codes.Sexes.Name(sex).En}"))));
        if (id.BirthDate != birthDate)
            problems.Add(new Problem(prefix + "birthDate", "member.birth_mismatch",
                new LocalText(Inv($"出生日期与身份证号码不符：号码为 {id.BirthDate:yyyy-MM-dd}，填写的是 {birthDate:yyyy-MM-dd}"),
                    Inv($"Birth date does not match the resident ID: the number says {id.BirthDate:yyyy-MM-dd}, the form says {birthDate:yyyy-MM-dd}"))));
        return problems;
    }

    /// <summary>Checks a member's own fields (the resident ID is checked by <see cref="CheckIdentity"/>).</summary>
    public static List<Problem> CheckMember(string prefix, Member m)
    {
        var p = new List<Problem>();
        if (string.IsNullOrWhiteSpace(m.Name))
            p.Add(new Problem(prefix + "name", "member.name_required", new LocalText("姓名不能为空", "The name is required")));
        else if (m.Name.Trim().Length > MaxNameLength)
            p.Add(new Problem(prefix + "name", "member.name_too_long", new LocalText(Inv($"姓名不能超过{MaxNameLength}个字"), Inv($"A name has at most {MaxNameLength} characters"))));
        Defined(p, prefix + "sex", m.Sex, Codes.Sexes);
        Defined(p, prefix + "relation", m.Relation, Codes.Relations);
        if (!Codes.Ethnicities.Contains(m.EthnicityCode))
            p.Add(new Problem(prefix + "ethnicity", "code.unknown",
                new LocalText(Inv($"民族代码“{m.EthnicityCode}”不在 GB/T 3304 代码表中"), Inv($"'{m.EthnicityCode}' is not a GB/T 3304 ethnicity code"))));
        Defined(p, prefix + "education", m.Education, Codes.Educations);
        Defined(p, prefix + "schooling", m.Schooling, Codes.Schoolings);
        Defined(p, prefix + "health", m.Health, Codes.Healths);
        Defined(p, prefix + "labour", m.Labour, Codes.LabourSkills);
        Defined(p, prefix + "status", m.Status, Codes.MemberStatuses);
        if (m.MigrantWork is { } work) Defined(p, prefix + "migrantWork", work, Codes.MigrantWorks);
        if (m.Health == Health.Disabled)
        {
            if (m.DisabilityGrade is not (>= 1 and <= 4))
                p.Add(new Problem(prefix + "disabilityGrade", "member.disability_grade",
                    new LocalText("健康状况为残疾时，须填写残疾等级（一级至四级）", "A disabled member needs a disability grade from 1 to 4")));
        }
        else if (m.DisabilityGrade is not null)
        {
            p.Add(new Problem(prefix + "disabilityGrade", "member.disability_grade_without_disability",
                new LocalText("健康状况不是残疾，不应填写残疾等级", "A disability grade is given but the health status is not disability")));
        }
        if (m.MigrantMonths is { } months)
        {
            if (months is < 0 or > 12)
                p.Add(new Problem(prefix + "migrantMonths", "member.migrant_months",
                    new LocalText(Inv($"务工时间应为0至12个月，填写的是{months}"), Inv($"Months of migrant work must be 0 to 12, not {months}"))));
            else if (months > 0 && m.MigrantWork is null)
                p.Add(new Problem(prefix + "migrantWork", "member.migrant_work_missing",
                    new LocalText("填写了务工时间，但未填写务工状况", "Months of migrant work are given but not where the member works")));
        }
        return p;
    }

    /// <summary>Checks a household's own fields.</summary>
    public static List<Problem> CheckHousehold(Household h)
    {
        var p = new List<Problem>();
        if (h.RegistrationYear is < 2000 or > 2100)
            p.Add(new Problem("registrationYear", "household.registration_year",
                new LocalText(Inv($"识别年度“{h.RegistrationYear}”不合理"), Inv($"The registration year {h.RegistrationYear} is not plausible"))));
        Defined(p, "standard", h.Standard, Codes.Standards);
        Defined(p, "attribute", h.Attribute, Codes.Attributes);
        Defined(p, "mainCause", h.MainCause, Codes.Causes);
        if (h.OtherCause1 is { } c1) Defined(p, "otherCause1", c1, Codes.Causes);
        if (h.OtherCause2 is { } c2) Defined(p, "otherCause2", c2, Codes.Causes);
        if (h.OtherCause1 == h.MainCause || h.OtherCause2 == h.MainCause || (h.OtherCause1 is not null && h.OtherCause1 == h.OtherCause2))
            p.Add(new Problem("otherCause1", "household.cause_repeated",
                new LocalText("其他致贫原因不能与主要致贫原因或彼此重复", "Other causes must differ from the main cause and from each other")));
        if (h.OtherCause2 is not null && h.OtherCause1 is null)
            p.Add(new Problem("otherCause1", "household.cause_order",
                new LocalText("请先填写第一个其他致贫原因", "Fill in the first other cause before the second")));
        Defined(p, "housing", h.Housing, Codes.Housings);
        if (h.EntryRoad is { } road) Defined(p, "entryRoad", road, Codes.EntryRoads);
        if (h.MainFuel is { } fuel) Defined(p, "mainFuel", fuel, Codes.Fuels);
        if (h.HousingArea is < 0 or > 10000)
            p.Add(new Problem("housingArea", "household.housing_area",
                new LocalText(Inv($"住房面积应在0至10000平方米之间，填写的是{h.HousingArea}"), Inv($"Housing area must be 0 to 10,000 m², not {h.HousingArea}"))));
        if (h.DistanceToMainRoadKm is < 0 or > 1000)
            p.Add(new Problem("distanceToMainRoadKm", "household.distance",
                new LocalText(Inv($"与村主干路距离应在0至1000公里之间，填写的是{h.DistanceToMainRoadKm}"), Inv($"Distance to the main road must be 0 to 1,000 km, not {h.DistanceToMainRoadKm}"))));
        Defined(p, "status", h.Status, Codes.Statuses);
        if (h.Status == HouseholdStatus.Exited)
        {
            if (h.ExitYear is null)
                p.Add(new Problem("exitYear", "household.exit_year_missing", new LocalText("已脱贫的户须填写脱贫年度", "An exited household needs its exit year")));
            else if (h.ExitYear < h.RegistrationYear)
                p.Add(new Problem("exitYear", "household.exit_before_registration",
                    new LocalText(Inv($"脱贫年度 {h.ExitYear} 早于识别年度 {h.RegistrationYear}"), Inv($"The exit year {h.ExitYear} is before the registration year {h.RegistrationYear}"))));
        }
        else if (h.Status == HouseholdStatus.NotExited && h.ExitYear is not null)
        {
            p.Add(new Problem("exitYear", "household.exit_year_without_exit",
                new LocalText("未脱贫的户不应填写脱贫年度", "A household that has not exited has no exit year")));
        }
        return p;
    }

    /// <summary>
    /// The registration date (识别日期) of a new household: not after today, and a date the user stated
    /// lies in the registration year (an unstated one is the caller's default and is not held to it).
    /// </summary>
    public static Problem? CheckRegistrationDate(DateOnly date, bool stated, int registrationYear, DateOnly today)
    {
        if (date > today)
            return new Problem("registeredOn", "household.registered_in_future", new LocalText("识别日期不能晚于今天", "The registration date cannot be in the future"));
        if (stated && date.Year != registrationYear)
            return new Problem("registeredOn", "household.registered_year", new LocalText(Inv($"识别日期 {date:yyyy-MM-dd} 不在识别年度 {registrationYear} 内"), Inv($"The registration date {date:yyyy-MM-dd} is not in the registration year {registrationYear}")));
        return null;
    }

    /// <summary>A household number (户编号): 4 to 20 ASCII digits.</summary>
    public static bool IsHouseholdNumber(string number) => number.Length is >= 4 and <= 20 && number.All(char.IsAsciiDigit);

    /// <summary>
    /// The household number rule with its reason, naming the number as given: the form's field and the
    /// import's column are refused by this one function, with the same code and message.
    /// </summary>
    public static Problem? CheckHouseholdNumber(string number) => IsHouseholdNumber(number) ? null
        : new Problem("number", "household.number_format", new LocalText(Inv($"户编号“{number}”应为4至20位数字"), Inv($"The household number '{number}' must be 4 to 20 digits")));

    /// <summary>Exactly one present member is the head (户主).</summary>
    public static Problem? CheckHead(IEnumerable<Member> members) =>
        CheckHead(members.Count(m => m.Status == MemberStatus.Present && m.Relation == Relation.Head));

    /// <summary>The head rule from the number of present heads.</summary>
    public static Problem? CheckHead(int heads)
    {
        return heads switch
        {
            1 => null,
            0 => new Problem("members", "household.no_head", new LocalText("每户须有且只有一名户主，本户没有户主", "A household needs exactly one head; this one has none")),
            _ => new Problem("members", "household.several_heads", new LocalText(Inv($"每户须有且只有一名户主，本户有{heads}名"), Inv($"A household needs exactly one head; this one has {heads}"))),
        };
    }

    /// <summary>Income parts are exact amounts ≥ 0 and the household size is at least one.</summary>
    public static List<Problem> CheckIncome(string prefix, HouseholdIncome income)
    {
        var p = new List<Problem>();
        if (income.Year is < 2000 or > 2100)
            p.Add(new Problem(prefix + "year", "income.year", new LocalText(Inv($"收入年度“{income.Year}”不合理"), Inv($"The income year {income.Year} is not plausible"))));
        if (income.HouseholdSize is < 1 or > 50)
            p.Add(new Problem(prefix + "householdSize", "income.household_size",
                new LocalText(Inv($"计算人均收入的家庭人口应为1至50人，填写的是{income.HouseholdSize}"), Inv($"The household size for per-capita income must be 1 to 50, not {income.HouseholdSize}"))));
        foreach (var (field, amount) in income.Parts())
        {
            if (amount.IsNegative)
            {
                var name = IncomeFieldNames[field];
                p.Add(new Problem(prefix + char.ToLowerInvariant(field[0]) + field[1..], "income.negative",
                    new LocalText(Inv($"{name.Zh}不能为负数，填写的是 {amount} 元"), Inv($"{name.En} cannot be negative: {amount} yuan"))));
            }
        }
        return p;
    }

    /// <summary>
    /// An income amount is exact to the fen (two decimals): the form's field and the import's column are
    /// held to this one rule; <paramref name="name"/> is the field's name as the user sees it.
    /// </summary>
    public static Problem? CheckAmount(string field, LocalText name, decimal yuan) =>
        decimal.Round(yuan, 2) == yuan ? null : new Problem(field, "income.precision",
            new LocalText(Inv($"{name.Zh}最多保留两位小数（分），填写的是 {yuan}"), Inv($"{name.En} has more than two decimals: {yuan}")));

    public static readonly IReadOnlyDictionary<string, LocalText> IncomeFieldNames = new Dictionary<string, LocalText>
    {
        [nameof(HouseholdIncome.Wage)] = new("工资性收入", "Wage income"),
        [nameof(HouseholdIncome.Production)] = new("生产经营性收入", "Production income"),
        [nameof(HouseholdIncome.Property)] = new("财产性收入", "Property income"),
        [nameof(HouseholdIncome.FamilyPlanning)] = new("计划生育金", "Family-planning payments"),
        [nameof(HouseholdIncome.Dibao)] = new("低保金", "Minimum living allowance"),
        [nameof(HouseholdIncome.Wubao)] = new("五保金", "Five-guarantees support"),
        [nameof(HouseholdIncome.Pension)] = new("养老保险金", "Pension"),
        [nameof(HouseholdIncome.EcoCompensation)] = new("生态补偿金", "Ecological compensation"),
        [nameof(HouseholdIncome.OtherTransfer)] = new("其他转移性收入", "Other transfer income"),
        [nameof(HouseholdIncome.ProductionExpense)] = new("生产经营性支出", "Production expenses"),
    };

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static void Defined<T>(List<Problem> problems, string field, T value, CodeList<T> list) where T : struct, Enum
    {
        if (!list.Contains(value))
            problems.Add(new Problem(field, "code.unknown",
                new LocalText(Inv($"“{Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)}”不是{list.Field.Zh}的有效代码"), Inv($"{Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)} is not a valid code of {list.Field.En}"))));
    }
}
