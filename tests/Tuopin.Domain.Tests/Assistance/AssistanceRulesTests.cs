using Tuopin.Domain.Accounts;
using Tuopin.Domain.Assistance;
using Tuopin.Domain.Common;
using Tuopin.Domain.Registry;

namespace Tuopin.Domain.Tests.Assistance;

public class AssistanceRulesTests
{
    private static readonly Money Line = Money.FromYuan(3000m);

    private static MeasureFact M(MeasureType type, MeasureStatus status = MeasureStatus.Planned, decimal expected = 0m, bool effect = false) =>
        new(type, status, Money.FromYuan(expected), effect);

    /// <summary>
    /// A poor household no rule finds: paired, short of capital with an industry measure, a labourer, a safe house,
    /// a sufficient plan (2,000 + 5,000 over two people = 3,500 ≥ 3,000).
    /// </summary>
    private static HouseholdFacts Clean(params MeasureFact[] extra)
    {
        MeasureFact[] measures = [M(MeasureType.Industry, expected: 5000m), .. extra];
        return Facts(measures);
    }

    private static HouseholdFacts Facts(IReadOnlyList<MeasureFact> measures, int size = 2, decimal baseNet = 2000m, Money? line = null) =>
        new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), PovertyCause.LackOfCapital, null, null, HouseholdAttribute.General, HousingSafety.Safe,
            HasLabour: true, SchoolAgeOutOfSchool: false, HasCadre: true, HadCadre: false, measures,
            PlanSufficiency.Evaluate(2017, Money.FromYuan(baseNet), 2016, size, measures, line ?? Line));

    private static HouseholdFacts WithMeasures(HouseholdFacts f, params MeasureFact[] measures) =>
        f with { Measures = measures, Plan = PlanSufficiency.Evaluate(2017, f.Plan.BaseNet, f.Plan.BaseYear, f.Plan.Size, measures, f.Plan.Line) };

    private static bool Finds(string code, HouseholdFacts f) => AssistanceRules.Find(code)!.Finds(f);

    [Fact]
    public void CleanHousehold_NoRuleFindsIt() => Assert.Empty(AssistanceRules.Findings(Clean()));

    /// <summary>For every rule: a household it finds, and a near one it does not.</summary>
    private static Dictionary<string, (HouseholdFacts Found, HouseholdFacts NotFound)> Cases()
    {
        var clean = Clean();
        var big = M(MeasureType.Industry, expected: 5000m);
        return new()
        {
            ["no_cadre"] = (clean with { HasCadre = false, HadCadre = false }, clean with { HasCadre = true, HadCadre = true }),
            ["cadre_ended"] = (clean with { HasCadre = false, HadCadre = true }, clean with { HasCadre = false, HadCadre = false }),
            // Only cancelled measures count as none; a planned one counts.
            ["no_measures"] = (WithMeasures(clean, M(MeasureType.Industry, MeasureStatus.Cancelled, 5000m)), WithMeasures(clean, M(MeasureType.Health))),
            ["plan_insufficient"] = (WithMeasures(clean, M(MeasureType.Industry, expected: 3999.98m)), WithMeasures(clean, M(MeasureType.Industry, expected: 4000m))),
            ["schooling_without_education"] = (clean with { OtherCause2 = PovertyCause.Schooling },
                WithMeasures(clean with { OtherCause2 = PovertyCause.Schooling }, big, M(MeasureType.Education))),
            ["illness_without_health"] = (WithMeasures(clean with { MainCause = PovertyCause.Illness }, big, M(MeasureType.Health, MeasureStatus.Cancelled)),
                WithMeasures(clean with { MainCause = PovertyCause.Illness }, big, M(MeasureType.Health, MeasureStatus.Done, effect: true))),
            ["capital_without_credit"] = (WithMeasures(clean, M(MeasureType.Employment, expected: 5000m)),
                WithMeasures(clean, M(MeasureType.MicroCredit, expected: 5000m))),
            ["no_labour_without_floor"] = (clean with { OtherCause1 = PovertyCause.Disability, HasLabour = false },
                clean with { OtherCause1 = PovertyCause.Disability, HasLabour = true }),
            ["unsafe_house_without_housing"] = (clean with { Housing = HousingSafety.DangerC },
                WithMeasures(clean with { Housing = HousingSafety.DangerD }, big, M(MeasureType.Relocation))),
            ["school_age_without_education"] = (clean with { SchoolAgeOutOfSchool = true },
                WithMeasures(clean with { SchoolAgeOutOfSchool = true }, big, M(MeasureType.Education, MeasureStatus.InProgress))),
            ["floor_household_without_floor"] = (clean with { Attribute = HouseholdAttribute.Wubao },
                WithMeasures(clean with { Attribute = HouseholdAttribute.Dibao }, big, M(MeasureType.SocialFloor))),
            ["done_without_effect"] = (WithMeasures(clean, M(MeasureType.Industry, MeasureStatus.Done, 5000m)),
                WithMeasures(clean, M(MeasureType.Industry, MeasureStatus.Done, 5000m, effect: true), M(MeasureType.Health, MeasureStatus.InProgress))),
        };
    }

    public static TheoryData<string> Codes() => new(AssistanceRules.All.Select(r => r.Code));

    [Theory, MemberData(nameof(Codes))]
    public void Rule_FindsItsHousehold_AndNotTheNearOne(string code)
    {
        var (found, notFound) = Cases()[code];
        Assert.True(Finds(code, found));
        Assert.False(Finds(code, notFound));
        Assert.Contains(code, AssistanceRules.Findings(found).Select(r => r.Code));
    }

    [Fact]
    public void EveryRule_IsCovered_AndCodesAreUnique()
    {
        var covered = Cases().Keys.ToHashSet();
        Assert.Equal(AssistanceRules.All.Select(r => r.Code).Order(), covered.Order());
        Assert.Equal(AssistanceRules.All.Count, AssistanceRules.All.Select(r => r.Code).Distinct().Count());
        Assert.Null(AssistanceRules.Find("no_such_rule"));
    }

    [Fact]
    public void NoLabourRule_LackOfLabour_AlsoCounts_ButNotWhenTheFloorIsThere()
    {
        var f = Clean() with { MainCause = PovertyCause.LackOfLabour, HasLabour = false };
        Assert.True(Finds("no_labour_without_floor", f));
        Assert.False(Finds("no_labour_without_floor", WithMeasures(f, M(MeasureType.Industry, expected: 5000m), M(MeasureType.SocialFloor))));
        // Capital is not the cause any more: the credit rule stays quiet.
        Assert.False(Finds("capital_without_credit", f with { Measures = [] }));
    }

    [Fact]
    public void Plan_Sufficient_WithTheArithmetic()
    {
        var plan = PlanSufficiency.Evaluate(2017, Money.FromYuan(2000m), 2016, 2,
            [M(MeasureType.Industry, expected: 3000m), M(MeasureType.Health, MeasureStatus.Done, 1000m), M(MeasureType.Education, MeasureStatus.Cancelled, 9000m)], Money.FromYuan(3000m));
        Assert.Equal(Money.FromYuan(4000m), plan.Added);
        Assert.Equal(3000m, plan.PerPerson);
        Assert.True(plan.Sufficient);
        Assert.Equal("（2016年纯收入 2,000.00 元 + 措施预期增收 4,000.00 元）÷ 2 人 = 3,000.00 元/人 ≥ 2017年扶贫标准 3,000 元，计划足以脱贫", plan.Arithmetic.Zh);
        Assert.Equal("(net income of 2016: 2,000.00 yuan + expected from measures 4,000.00 yuan) ÷ 2 people = 3,000.00 yuan per person ≥ the 2017 poverty line of 3,000 yuan: the plan is sufficient", plan.Arithmetic.En);
    }

    [Fact]
    public void Plan_NotSufficient_ByAFen()
    {
        var plan = PlanSufficiency.Evaluate(2017, Money.FromYuan(2000m), 2016, 3, [M(MeasureType.Industry, expected: 6999.97m)], Money.FromYuan(3000m));
        Assert.Equal(2999.99m, plan.PerPerson);
        Assert.False(plan.Sufficient);
        Assert.Equal("（2016年纯收入 2,000.00 元 + 措施预期增收 6,999.97 元）÷ 3 人 = 2,999.99 元/人 ＜ 2017年扶贫标准 3,000 元，计划尚不足以脱贫", plan.Arithmetic.Zh);
        Assert.EndsWith("< the 2017 poverty line of 3,000 yuan: the plan is not yet sufficient", plan.Arithmetic.En, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_WithoutALine_CannotBeJudged_AndSaysSo()
    {
        var plan = PlanSufficiency.Evaluate(2017, Money.Zero, null, 1, [M(MeasureType.SocialFloor, expected: 4000m)], null);
        Assert.Null(plan.Sufficient);
        Assert.Equal("（无收入记录 0 元 + 措施预期增收 4,000.00 元）÷ 1 人 = 4,000.00 元/人；2017年扶贫标准未设定，无法判断", plan.Arithmetic.Zh);
        Assert.Equal("(no income recorded: 0 yuan + expected from measures 4,000.00 yuan) ÷ 1 people = 4,000.00 yuan per person; the 2017 poverty line is not set, so the plan cannot be judged", plan.Arithmetic.En);
        // Not judged is not insufficient: the rule stays quiet.
        Assert.False(Finds("plan_insufficient", Facts([M(MeasureType.Industry)], line: null) with { Plan = plan }));
    }

    [Fact]
    public void Plan_OfAnEmptyHousehold_IsNeverSufficient()
    {
        var plan = PlanSufficiency.Evaluate(2017, Money.FromYuan(9000m), 2016, 0, [], Money.FromYuan(3000m));
        Assert.Equal(0m, plan.PerPerson);
        Assert.False(plan.Sufficient);
    }

    [Theory]
    [InlineData("2011-09-01", "2017-09-01", true)]   // six today
    [InlineData("2011-09-02", "2017-09-01", false)]  // six tomorrow
    [InlineData("2001-09-02", "2017-09-01", true)]   // sixteen tomorrow: still fifteen
    [InlineData("2001-09-01", "2017-09-01", false)]  // sixteen today
    [InlineData("2008-02-29", "2014-02-28", false)]  // leap-day birth: six only from 1 March in a common year
    [InlineData("2008-02-29", "2014-03-01", true)]
    public void IsSchoolAge_From6To15(string birth, string day, bool expected)
    {
        var b = DateOnly.Parse(birth, System.Globalization.CultureInfo.InvariantCulture);
        var d = DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(expected, AssistanceRules.IsSchoolAge(b, d));
    }

    [Fact]
    public void DayOf_IsTheWorkingDayInTheYear_ElseTheYearsLastDay()
    {
        Assert.Equal(new DateOnly(2017, 6, 30), AssistanceRules.DayOf(2017, new DateOnly(2017, 6, 30)));
        Assert.Equal(new DateOnly(2016, 12, 31), AssistanceRules.DayOf(2016, new DateOnly(2017, 6, 30)));
        Assert.Equal(new DateOnly(2018, 12, 31), AssistanceRules.DayOf(2018, new DateOnly(2017, 6, 30)));
    }

    [Fact]
    public void DepartmentOf_CoversEveryType_AndOfDepartmentIsItsInverse()
    {
        foreach (var type in Enum.GetValues<MeasureType>())
        {
            var department = MeasureTypes.DepartmentOf(type);
            Assert.True(Enum.IsDefined(department));
            Assert.Contains(type, MeasureTypes.OfDepartment(department));
            Assert.True(MeasureTypes.Codes.Contains(type));
        }
        Assert.Equal([MeasureType.Education], MeasureTypes.OfDepartment(Department.Education));
        Assert.Equal([MeasureType.Employment, MeasureType.SkillsTraining], MeasureTypes.OfDepartment(Department.HumanResources));
        Assert.Empty(MeasureTypes.OfDepartment(Department.Water));
        Assert.Throws<ArgumentOutOfRangeException>(() => MeasureTypes.DepartmentOf((MeasureType)99));
    }
}
