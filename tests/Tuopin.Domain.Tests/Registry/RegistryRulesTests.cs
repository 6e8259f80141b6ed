using Tuopin.Domain.Common;
using Tuopin.Domain.Registry;

namespace Tuopin.Domain.Tests.Registry;

public class RegistryRulesTests
{
    private static readonly DateOnly Today = new(2025, 6, 1);

    private static Member ValidMember() => new()
    {
        Name = "向大山",
        Sex = Sex.Male,
        BirthDate = new DateOnly(1975, 3, 4),
        ResidentIdCipher = "cipher",
        ResidentIdIndex = "index",
        Relation = Relation.Head,
        EthnicityCode = "15",
        Education = Education.Primary,
        Schooling = Schooling.NotInSchool,
        Health = Health.Healthy,
        Labour = LabourSkill.Ordinary,
        Status = MemberStatus.Present,
    };

    private static Household ValidHousehold() => new()
    {
        Number = "4228271001010001",
        RegistrationYear = 2014,
        Standard = IdentificationStandard.National,
        Attribute = HouseholdAttribute.General,
        MainCause = PovertyCause.Illness,
        Housing = HousingSafety.Safe,
        HousingArea = 80.5m,
        DistanceToMainRoadKm = 1.2m,
        EntryRoad = EntryRoad.Cement,
        MainFuel = Fuel.Firewood,
        Status = HouseholdStatus.NotExited,
    };

    private static HouseholdIncome ValidIncome() => new()
    {
        Year = 2016,
        HouseholdSize = 4,
        Wage = Money.FromYuan(8000m),
        Production = Money.FromYuan(2500.5m),
        Dibao = Money.FromYuan(1200m),
        ProductionExpense = Money.FromYuan(600m),
    };

    /// <summary>Asserts exactly one problem with this field and code, and a message in both languages.</summary>
    private static Problem AssertOnly(IReadOnlyCollection<Problem> problems, string field, string code)
    {
        var problem = Assert.Single(problems);
        AssertProblem(problem, field, code);
        return problem;
    }

    private static void AssertProblem(Problem? problem, string field, string code)
    {
        Assert.NotNull(problem);
        Assert.Equal(field, problem.Field);
        Assert.Equal(code, problem.Code);
        Assert.Contains(problem.Message.Zh, c => c is >= '\u4e00' and <= '\u9fff');
        Assert.Contains(problem.Message.En, char.IsAsciiLetter);
        Assert.NotEqual(problem.Message.Zh, problem.Message.En);
    }

    // ---- CheckIdentity ----

    [Fact]
    public void CheckIdentity_Passes_WhenSexAndBirthDateAgreeWithNumber()
    {
        var problems = RegistryRules.CheckIdentity("members[0].", "11010519491231002X", Sex.Female, new DateOnly(1949, 12, 31), Today, out var id);

        Assert.Empty(problems);
        Assert.Equal("11010519491231002X", id.Value);
    }

    [Fact]
    public void CheckIdentity_NormalisesLowerCaseX()
    {
        var problems = RegistryRules.CheckIdentity("", " 11010519491231002x ", Sex.Female, new DateOnly(1949, 12, 31), Today, out var id);

        Assert.Empty(problems);
        Assert.Equal("11010519491231002X", id.Value);
    }

    [Fact]
    public void CheckIdentity_Reports_SexMismatch_OnSexField()
    {
        var problems = RegistryRules.CheckIdentity("members[2].", "11010519491231002X", Sex.Male, new DateOnly(1949, 12, 31), Today, out _);

        var problem = AssertOnly(problems, "members[2].sex", "member.sex_mismatch");
        Assert.Contains("女", problem.Message.Zh);
        Assert.Contains("男", problem.Message.Zh);
        Assert.Contains("digit 17 says Female, the form says Male", problem.Message.En);
    }

    [Fact]
    public void CheckIdentity_Reports_BirthMismatch_OnBirthDateField()
    {
        var problems = RegistryRules.CheckIdentity("members[1].", "360426199101010071", Sex.Male, new DateOnly(1991, 1, 2), Today, out _);

        var problem = AssertOnly(problems, "members[1].birthDate", "member.birth_mismatch");
        Assert.Contains("1991-01-01", problem.Message.En);
        Assert.Contains("1991-01-02", problem.Message.En);
        Assert.Contains("1991-01-01", problem.Message.Zh);
    }

    [Fact]
    public void CheckIdentity_Reports_BothMismatches_Together()
    {
        var problems = RegistryRules.CheckIdentity("", "360426199101010071", Sex.Female, new DateOnly(1990, 1, 1), Today, out _);

        Assert.Equal(["sex", "birthDate"], problems.Select(p => p.Field));
    }

    [Theory]
    [InlineData("360426199101010072")]
    [InlineData("36042619910101007")]
    [InlineData("")]
    [InlineData(null)]
    public void CheckIdentity_Reports_InvalidNumber_OnResidentIdField_AndNothingElse(string? residentId)
    {
        var problems = RegistryRules.CheckIdentity("members[0].", residentId, Sex.Female, new DateOnly(2000, 1, 1), Today, out var id);

        var problem = AssertOnly(problems, "members[0].residentId", "resident_id.invalid");
        Assert.False(ResidentId.TryParse(residentId, out _, out var expected));
        Assert.Equal(expected, problem.Message);
        Assert.Equal(default, id);
    }

    [Fact]
    public void CheckIdentity_Reports_BirthDateAfterToday()
    {
        var id = ResidentId.Create("422827", Today.AddDays(1), 12);

        var problems = RegistryRules.CheckIdentity("members[0].", id.Value, Sex.Female, Today.AddDays(1), Today, out _);

        var problem = AssertOnly(problems, "members[0].residentId", "resident_id.future_birth");
        Assert.Contains("2025-06-02", problem.Message.En);
    }

    [Fact]
    public void CheckIdentity_Accepts_BirthToday()
    {
        var id = ResidentId.Create("422827", Today, 12);

        Assert.Empty(RegistryRules.CheckIdentity("", id.Value, Sex.Female, Today, Today, out _));
    }

    // ---- CheckMember ----

    [Fact]
    public void CheckMember_Passes_ValidMember()
    {
        Assert.Empty(RegistryRules.CheckMember("members[0].", ValidMember()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u3000")]
    public void CheckMember_Requires_Name(string name)
    {
        var member = ValidMember();
        member.Name = name;

        AssertOnly(RegistryRules.CheckMember("members[3].", member), "members[3].name", "member.name_required");
    }

    [Fact]
    public void CheckMember_Rejects_NameLongerThan50()
    {
        var member = ValidMember();
        member.Name = new string('张', RegistryRules.MaxNameLength + 1);

        var problem = AssertOnly(RegistryRules.CheckMember("", member), "name", "member.name_too_long");
        Assert.Contains("50", problem.Message.En);
    }

    [Fact]
    public void CheckMember_Accepts_NameOf50AfterTrimming()
    {
        var member = ValidMember();
        member.Name = "  " + new string('张', RegistryRules.MaxNameLength) + "  ";

        Assert.Empty(RegistryRules.CheckMember("", member));
    }

    [Fact]
    public void CheckMember_Requires_DisabilityGrade_WhenDisabled()
    {
        var member = ValidMember();
        member.Health = Health.Disabled;

        AssertOnly(RegistryRules.CheckMember("m.", member), "m.disabilityGrade", "member.disability_grade");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(-1)]
    public void CheckMember_Rejects_DisabilityGradeOutside1To4(int grade)
    {
        var member = ValidMember();
        member.Health = Health.Disabled;
        member.DisabilityGrade = grade;

        AssertOnly(RegistryRules.CheckMember("", member), "disabilityGrade", "member.disability_grade");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void CheckMember_Accepts_DisabilityGrade1To4_WhenDisabled(int grade)
    {
        var member = ValidMember();
        member.Health = Health.Disabled;
        member.DisabilityGrade = grade;

        Assert.Empty(RegistryRules.CheckMember("", member));
    }

    [Theory]
    [InlineData(Health.Healthy)]
    [InlineData(Health.ChronicIllness)]
    [InlineData(Health.SeriousIllness)]
    public void CheckMember_Forbids_DisabilityGrade_WhenNotDisabled(Health health)
    {
        var member = ValidMember();
        member.Health = health;
        member.DisabilityGrade = 2;

        AssertOnly(RegistryRules.CheckMember("", member), "disabilityGrade", "member.disability_grade_without_disability");
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(13)]
    public void CheckMember_Rejects_MigrantMonthsOutside0To12(int months)
    {
        var member = ValidMember();
        member.MigrantWork = MigrantWork.OutsideProvince;
        member.MigrantMonths = months;

        var problem = AssertOnly(RegistryRules.CheckMember("", member), "migrantMonths", "member.migrant_months");
        Assert.Contains(months.ToString(System.Globalization.CultureInfo.InvariantCulture), problem.Message.En);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(12)]
    public void CheckMember_Accepts_MigrantMonthsWithMigrantWork(int months)
    {
        var member = ValidMember();
        member.MigrantWork = MigrantWork.WithinCounty;
        member.MigrantMonths = months;

        Assert.Empty(RegistryRules.CheckMember("", member));
    }

    [Fact]
    public void CheckMember_Requires_MigrantWork_WhenMonthsAboveZero()
    {
        var member = ValidMember();
        member.MigrantMonths = 6;

        AssertOnly(RegistryRules.CheckMember("members[1].", member), "members[1].migrantWork", "member.migrant_work_missing");
    }

    [Fact]
    public void CheckMember_Accepts_ZeroMigrantMonths_WithoutMigrantWork()
    {
        var member = ValidMember();
        member.MigrantMonths = 0;

        Assert.Empty(RegistryRules.CheckMember("", member));
    }

    [Theory]
    [InlineData("sex")]
    [InlineData("relation")]
    [InlineData("education")]
    [InlineData("schooling")]
    [InlineData("health")]
    [InlineData("labour")]
    [InlineData("status")]
    [InlineData("migrantWork")]
    public void CheckMember_Rejects_UnknownEnumValue(string field)
    {
        var member = ValidMember();
        switch (field)
        {
            case "sex": member.Sex = (Sex)3; break;
            case "relation": member.Relation = (Relation)21; break;
            case "education": member.Education = (Education)0; break;
            case "schooling": member.Schooling = (Schooling)9; break;
            case "health": member.Health = (Health)5; break;
            case "labour": member.Labour = (LabourSkill)0; break;
            case "status": member.Status = (MemberStatus)4; break;
            case "migrantWork": member.MigrantWork = (MigrantWork)5; break;
            default: throw new ArgumentOutOfRangeException(nameof(field));
        }

        AssertOnly(RegistryRules.CheckMember("members[0].", member), "members[0]." + field, "code.unknown");
    }

    [Theory]
    [InlineData("57")]
    [InlineData("00")]
    [InlineData("")]
    [InlineData("6")]
    [InlineData("苗族")]
    public void CheckMember_Rejects_UnknownEthnicityCode(string code)
    {
        var member = ValidMember();
        member.EthnicityCode = code;

        var problem = AssertOnly(RegistryRules.CheckMember("", member), "ethnicity", "code.unknown");
        Assert.Contains("GB/T 3304", problem.Message.En);
    }

    [Theory]
    [InlineData("01")]
    [InlineData("06")]
    [InlineData("15")]
    [InlineData("98")]
    public void CheckMember_Accepts_GbT3304EthnicityCode(string code)
    {
        var member = ValidMember();
        member.EthnicityCode = code;

        Assert.Empty(RegistryRules.CheckMember("", member));
    }

    [Fact]
    public void CheckMember_Reports_EveryProblem_NotOnlyTheFirst()
    {
        var member = ValidMember();
        member.Name = "";
        member.EthnicityCode = "99";
        member.DisabilityGrade = 1;

        var fields = RegistryRules.CheckMember("", member).Select(p => p.Field).ToList();

        Assert.Equal(["name", "ethnicity", "disabilityGrade"], fields);
    }

    // ---- CheckHousehold ----

    [Fact]
    public void CheckHousehold_Passes_ValidHousehold()
    {
        Assert.Empty(RegistryRules.CheckHousehold(ValidHousehold()));
    }

    [Fact]
    public void CheckHousehold_Passes_ThreeDifferentCauses()
    {
        var h = ValidHousehold();
        h.OtherCause1 = PovertyCause.LackOfSkills;
        h.OtherCause2 = PovertyCause.Other;

        Assert.Empty(RegistryRules.CheckHousehold(h));
    }

    [Theory]
    [InlineData(PovertyCause.Illness, null)]                        // first other cause repeats the main one
    [InlineData(PovertyCause.Disability, PovertyCause.Illness)]     // second other cause repeats the main one
    [InlineData(PovertyCause.Disability, PovertyCause.Disability)]  // the two other causes repeat each other
    public void CheckHousehold_Rejects_RepeatedCause(PovertyCause? other1, PovertyCause? other2)
    {
        var h = ValidHousehold();
        h.MainCause = PovertyCause.Illness;
        h.OtherCause1 = other1;
        h.OtherCause2 = other2;

        AssertOnly(RegistryRules.CheckHousehold(h), "otherCause1", "household.cause_repeated");
    }

    [Fact]
    public void CheckHousehold_Rejects_SecondOtherCauseWithoutFirst()
    {
        var h = ValidHousehold();
        h.OtherCause2 = PovertyCause.Disaster;

        AssertOnly(RegistryRules.CheckHousehold(h), "otherCause1", "household.cause_order");
    }

    [Fact]
    public void CheckHousehold_Requires_ExitYear_WhenExited()
    {
        var h = ValidHousehold();
        h.Status = HouseholdStatus.Exited;

        AssertOnly(RegistryRules.CheckHousehold(h), "exitYear", "household.exit_year_missing");
    }

    [Fact]
    public void CheckHousehold_Rejects_ExitYearBeforeRegistrationYear()
    {
        var h = ValidHousehold();
        h.Status = HouseholdStatus.Exited;
        h.ExitYear = 2013;

        var problem = AssertOnly(RegistryRules.CheckHousehold(h), "exitYear", "household.exit_before_registration");
        Assert.Contains("2013", problem.Message.En);
        Assert.Contains("2014", problem.Message.En);
    }

    [Theory]
    [InlineData(2014)]
    [InlineData(2018)]
    public void CheckHousehold_Accepts_ExitYearFromRegistrationYearOn(int exitYear)
    {
        var h = ValidHousehold();
        h.Status = HouseholdStatus.Exited;
        h.ExitYear = exitYear;

        Assert.Empty(RegistryRules.CheckHousehold(h));
    }

    [Fact]
    public void CheckHousehold_Forbids_ExitYear_WhenNotExited()
    {
        var h = ValidHousehold();
        h.Status = HouseholdStatus.NotExited;
        h.ExitYear = 2016;

        AssertOnly(RegistryRules.CheckHousehold(h), "exitYear", "household.exit_year_without_exit");
    }

    [Theory]
    [InlineData(HouseholdStatus.Returned)]
    [InlineData(HouseholdStatus.Removed)]
    public void CheckHousehold_HasNoExitYearRule_ForReturnedOrRemoved(HouseholdStatus status)
    {
        var withYear = ValidHousehold();
        withYear.Status = status;
        withYear.ExitYear = 2016;
        var withoutYear = ValidHousehold();
        withoutYear.Status = status;

        Assert.Empty(RegistryRules.CheckHousehold(withYear));
        Assert.Empty(RegistryRules.CheckHousehold(withoutYear));
    }

    [Theory]
    [InlineData("-0.01")]
    [InlineData("-80")]
    [InlineData("10000.01")]
    public void CheckHousehold_Rejects_HousingAreaOutside0To10000(string area)
    {
        var h = ValidHousehold();
        h.HousingArea = decimal.Parse(area, System.Globalization.CultureInfo.InvariantCulture);

        AssertOnly(RegistryRules.CheckHousehold(h), "housingArea", "household.housing_area");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("10000")]
    [InlineData(null)]
    public void CheckHousehold_Accepts_HousingAreaFrom0To10000OrNone(string? area)
    {
        var h = ValidHousehold();
        h.HousingArea = area is null ? null : decimal.Parse(area, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Empty(RegistryRules.CheckHousehold(h));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("1000.1")]
    public void CheckHousehold_Rejects_DistanceOutside0To1000(string km)
    {
        var h = ValidHousehold();
        h.DistanceToMainRoadKm = decimal.Parse(km, System.Globalization.CultureInfo.InvariantCulture);

        AssertOnly(RegistryRules.CheckHousehold(h), "distanceToMainRoadKm", "household.distance");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1999)]
    [InlineData(2101)]
    [InlineData(14)]
    public void CheckHousehold_Rejects_ImplausibleRegistrationYear(int year)
    {
        var h = ValidHousehold();
        h.RegistrationYear = year;

        var problem = AssertOnly(RegistryRules.CheckHousehold(h), "registrationYear", "household.registration_year");
        Assert.Contains(year.ToString(System.Globalization.CultureInfo.InvariantCulture), problem.Message.En);
    }

    [Theory]
    [InlineData(2000)]
    [InlineData(2100)]
    public void CheckHousehold_Accepts_RegistrationYearsAtTheEdges(int year)
    {
        var h = ValidHousehold();
        h.RegistrationYear = year;

        Assert.Empty(RegistryRules.CheckHousehold(h));
    }

    [Theory]
    [InlineData("standard")]
    [InlineData("attribute")]
    [InlineData("mainCause")]
    [InlineData("otherCause1")]
    [InlineData("housing")]
    [InlineData("entryRoad")]
    [InlineData("mainFuel")]
    [InlineData("status")]
    public void CheckHousehold_Rejects_UnknownEnumValue(string field)
    {
        var h = ValidHousehold();
        switch (field)
        {
            case "standard": h.Standard = (IdentificationStandard)4; break;
            case "attribute": h.Attribute = (HouseholdAttribute)0; break;
            case "mainCause": h.MainCause = (PovertyCause)12; break;
            case "otherCause1": h.OtherCause1 = (PovertyCause)98; break;
            case "housing": h.Housing = (HousingSafety)5; break;
            case "entryRoad": h.EntryRoad = (EntryRoad)0; break;
            case "mainFuel": h.MainFuel = (Fuel)5; break;
            case "status": h.Status = (HouseholdStatus)5; break;
            default: throw new ArgumentOutOfRangeException(nameof(field));
        }

        AssertOnly(RegistryRules.CheckHousehold(h), field, "code.unknown");
    }

    [Fact]
    public void CheckHousehold_Rejects_UnknownSecondOtherCause()
    {
        var h = ValidHousehold();
        h.OtherCause1 = PovertyCause.Disaster;
        h.OtherCause2 = (PovertyCause)0;

        AssertOnly(RegistryRules.CheckHousehold(h), "otherCause2", "code.unknown");
    }

    // ---- CheckHead ----

    private static Member WithRelation(Relation relation, MemberStatus status = MemberStatus.Present)
    {
        var m = ValidMember();
        m.Relation = relation;
        m.Status = status;
        return m;
    }

    [Fact]
    public void CheckHead_Passes_ExactlyOneHead()
    {
        Assert.Null(RegistryRules.CheckHead([WithRelation(Relation.Head), WithRelation(Relation.Spouse), WithRelation(Relation.Son)]));
    }

    [Fact]
    public void CheckHead_Rejects_NoHead()
    {
        AssertProblem(RegistryRules.CheckHead([WithRelation(Relation.Spouse), WithRelation(Relation.Daughter)]), "members", "household.no_head");
    }

    [Fact]
    public void CheckHead_Rejects_NoMembers()
    {
        AssertProblem(RegistryRules.CheckHead([]), "members", "household.no_head");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void CheckHead_Rejects_SeveralHeads_SayingHowMany(int heads)
    {
        var members = Enumerable.Range(0, heads).Select(_ => WithRelation(Relation.Head)).Append(WithRelation(Relation.Spouse));

        var problem = RegistryRules.CheckHead(members);

        AssertProblem(problem, "members", "household.several_heads");
        Assert.EndsWith($"this one has {heads}", problem!.Message.En);
        Assert.Contains($"{heads}名", problem.Message.Zh);
    }

    [Theory]
    [InlineData(MemberStatus.Deceased)]
    [InlineData(MemberStatus.MovedOut)]
    public void CheckHead_DoesNotCount_HeadWhoIsNoLongerPresent(MemberStatus status)
    {
        AssertProblem(RegistryRules.CheckHead([WithRelation(Relation.Head, status), WithRelation(Relation.Spouse)]), "members", "household.no_head");
        Assert.Null(RegistryRules.CheckHead([WithRelation(Relation.Head, status), WithRelation(Relation.Head)]));
    }

    // ---- CheckIncome ----

    [Fact]
    public void CheckIncome_Passes_ValidIncome()
    {
        Assert.Empty(RegistryRules.CheckIncome("incomes[0].", ValidIncome()));
    }

    [Fact]
    public void CheckIncome_Passes_AllZeroAmounts()
    {
        Assert.Empty(RegistryRules.CheckIncome("", new HouseholdIncome { Year = 2016, HouseholdSize = 1 }));
    }

    [Theory]
    [InlineData("Wage", "wage", "工资性收入")]
    [InlineData("Production", "production", "生产经营性收入")]
    [InlineData("Property", "property", "财产性收入")]
    [InlineData("FamilyPlanning", "familyPlanning", "计划生育金")]
    [InlineData("Dibao", "dibao", "低保金")]
    [InlineData("Wubao", "wubao", "五保金")]
    [InlineData("Pension", "pension", "养老保险金")]
    [InlineData("EcoCompensation", "ecoCompensation", "生态补偿金")]
    [InlineData("OtherTransfer", "otherTransfer", "其他转移性收入")]
    [InlineData("ProductionExpense", "productionExpense", "生产经营性支出")]
    public void CheckIncome_Rejects_NegativePart_NamingItInTheFieldPath(string part, string field, string zhName)
    {
        var income = ValidIncome();
        var minusOneFen = Money.FromYuan(-0.01m);
        switch (part)
        {
            case "Wage": income.Wage = minusOneFen; break;
            case "Production": income.Production = minusOneFen; break;
            case "Property": income.Property = minusOneFen; break;
            case "FamilyPlanning": income.FamilyPlanning = minusOneFen; break;
            case "Dibao": income.Dibao = minusOneFen; break;
            case "Wubao": income.Wubao = minusOneFen; break;
            case "Pension": income.Pension = minusOneFen; break;
            case "EcoCompensation": income.EcoCompensation = minusOneFen; break;
            case "OtherTransfer": income.OtherTransfer = minusOneFen; break;
            case "ProductionExpense": income.ProductionExpense = minusOneFen; break;
            default: throw new ArgumentOutOfRangeException(nameof(part));
        }

        var problem = AssertOnly(RegistryRules.CheckIncome("incomes[0].", income), "incomes[0]." + field, "income.negative");
        Assert.StartsWith(zhName, problem.Message.Zh);
        Assert.Contains("-0.01", problem.Message.Zh);
        Assert.Contains("-0.01 yuan", problem.Message.En);
    }

    [Fact]
    public void CheckIncome_Reports_EachNegativePart()
    {
        var income = ValidIncome();
        income.Wage = Money.FromYuan(-1m);
        income.Pension = Money.FromYuan(-2m);

        var fields = RegistryRules.CheckIncome("incomes[1].", income).Select(p => p.Field);

        Assert.Equal(["incomes[1].wage", "incomes[1].pension"], fields);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(51)]
    public void CheckIncome_Rejects_HouseholdSizeOutside1To50(int size)
    {
        var income = ValidIncome();
        income.HouseholdSize = size;

        AssertOnly(RegistryRules.CheckIncome("incomes[0].", income), "incomes[0].householdSize", "income.household_size");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(50)]
    public void CheckIncome_Accepts_HouseholdSize1To50(int size)
    {
        var income = ValidIncome();
        income.HouseholdSize = size;

        Assert.Empty(RegistryRules.CheckIncome("", income));
    }

    [Theory]
    [InlineData(1999)]
    [InlineData(2101)]
    public void CheckIncome_Rejects_ImplausibleYear(int year)
    {
        var income = ValidIncome();
        income.Year = year;

        AssertOnly(RegistryRules.CheckIncome("incomes[2].", income), "incomes[2].year", "income.year");
    }

    [Fact]
    public void IncomeFieldNames_NameEveryIncomePart_InBothLanguages()
    {
        var parts = new HouseholdIncome().Parts().Select(p => p.Field).ToList();

        Assert.Equal(parts.Order(), RegistryRules.IncomeFieldNames.Keys.Order());
        Assert.All(RegistryRules.IncomeFieldNames.Values, name =>
        {
            Assert.False(string.IsNullOrWhiteSpace(name.Zh));
            Assert.False(string.IsNullOrWhiteSpace(name.En));
        });
    }


    [Fact]
    public void CheckIdentity_BirthMismatchMessage_GivesGregorianDates_WhateverTheCurrentCulture()
    {
        var saved = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.GetCultureInfo("th-TH");

            var problems = RegistryRules.CheckIdentity("", "360426199101010071", Sex.Male, new DateOnly(1991, 1, 2), Today, out _);

            var problem = AssertOnly(problems, "birthDate", "member.birth_mismatch");
            Assert.Contains("1991-01-01", problem.Message.Zh);
            Assert.Contains("1991-01-02", problem.Message.En);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = saved;
        }
    }
}
