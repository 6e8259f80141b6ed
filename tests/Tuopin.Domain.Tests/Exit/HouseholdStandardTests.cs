using Tuopin.Domain.Common;
using Tuopin.Domain.Exit;
using Tuopin.Domain.Registry;

namespace Tuopin.Domain.Tests.Exit;

public sealed class HouseholdStandardTests
{
    private static readonly Money Line2015 = Money.FromYuan(2855m);

    private static MemberFacts Head(bool insured = true) => new("田国平", Relation.Head, new DateOnly(1970, 5, 1), Schooling.NotInSchool, insured);

    private static MemberFacts Son(DateOnly birth, Schooling schooling, bool insured = true) => new("田小军", Relation.Son, birth, schooling, insured);

    /// <summary>An income whose per-capita net is exactly <paramref name="perCapita"/> for <paramref name="size"/> people.</summary>
    private static HouseholdIncome Income(decimal perCapita, int size) => new()
    {
        Year = 2015,
        HouseholdSize = size,
        Wage = Money.FromYuan(perCapita * size - 1000m + 300m),
        Production = Money.FromYuan(1000m),
        ProductionExpense = Money.FromYuan(300m),
    };

    [Fact]
    public void Income_IsMet_WhenPerCapitaNetIsAboveTheLine()
    {
        var result = HouseholdStandard.CheckIncome(Income(3000m, 2), 2015, Line2015);

        Assert.Equal(ConditionState.Met, result.State);
        Assert.Equal("人均纯收入 3,000 元 > 2,855 元", result.Explanation.Zh);
        Assert.Equal(3000m, result.Value);
        Assert.Equal(2855m, result.Threshold);
    }

    [Fact]
    public void Income_IsNotMet_WhenBelowTheLine_WithItsFigures()
    {
        var result = HouseholdStandard.CheckIncome(Income(2700m, 3), 2015, Line2015);

        Assert.Equal(ConditionState.NotMet, result.State);
        Assert.Equal("人均纯收入 2,700 元 < 2,855 元", result.Explanation.Zh);
        Assert.Equal("Per-capita net income 2,700 yuan < 2,855 yuan", result.Explanation.En);
    }

    [Fact]
    public void Income_IsNotMet_WhenExactlyOnTheLine_OrNotRecorded()
    {
        var equal = HouseholdStandard.CheckIncome(Income(2855m, 1), 2015, Line2015);
        var missing = HouseholdStandard.CheckIncome(null, 2015, Line2015);

        Assert.Equal(ConditionState.NotMet, equal.State);
        Assert.Contains("须高于标准", equal.Explanation.Zh, StringComparison.Ordinal);
        Assert.Equal(ConditionState.NotMet, missing.State);
        Assert.Equal("未录入 2015 年收入", missing.Explanation.Zh);
    }

    [Fact]
    public void Income_CountsProductionExpensesAgainstIncome()
    {
        // 5,000 wage + 1,000 production − 1,000 expenses = 5,000 net for 2 people = 2,500 each: below.
        var income = new HouseholdIncome { Year = 2015, HouseholdSize = 2, Wage = Money.FromYuan(5000m), Production = Money.FromYuan(1000m), ProductionExpense = Money.FromYuan(1000m) };

        Assert.Equal("人均纯收入 2,500 元 < 2,855 元", HouseholdStandard.CheckIncome(income, 2015, Line2015).Explanation.Zh);
    }

    [Fact]
    public void Education_IsNotMet_WhenASchoolAgeChildIsOutOfSchool()
    {
        // 12 on 1 September 2015.
        var result = HouseholdStandard.CheckEducation([Head(), Son(new DateOnly(2003, 3, 1), Schooling.NotInSchool)], 2015);

        Assert.Equal(ConditionState.NotMet, result.State);
        Assert.Equal("之子 12 岁 未在校", result.Explanation.Zh);
    }

    [Theory]
    [InlineData(2003, 3, 1, Schooling.JuniorHigh)]   // 12, in school
    [InlineData(1999, 3, 1, Schooling.NotInSchool)]  // 16: past compulsory age
    [InlineData(2009, 12, 1, Schooling.NotInSchool)] // 5 on 1 September: not yet of school age
    public void Education_IsMet_WhenNoSchoolAgeChildIsOutOfSchool(int year, int month, int day, Schooling schooling)
    {
        var result = HouseholdStandard.CheckEducation([Head(), Son(new DateOnly(year, month, day), schooling)], 2015);

        Assert.Equal(ConditionState.Met, result.State);
    }

    [Fact]
    public void Medical_IsNotMet_WhenAMemberIsNotInsured()
    {
        var met = HouseholdStandard.CheckMedical([Head(), Son(new DateOnly(2003, 3, 1), Schooling.Primary)]);
        var notMet = HouseholdStandard.CheckMedical([Head(), Son(new DateOnly(2003, 3, 1), Schooling.Primary, insured: false)]);

        Assert.Equal(ConditionState.Met, met.State);
        Assert.Equal(ConditionState.NotMet, notMet.State);
        Assert.Equal("1 人未参加基本医疗保险：之子", notMet.Explanation.Zh);
    }

    [Theory]
    [InlineData(HousingSafety.Safe, ConditionState.Met, "住房安全")]
    [InlineData(HousingSafety.DangerC, ConditionState.NotMet, "住房 C 级危房")]
    [InlineData(HousingSafety.DangerD, ConditionState.NotMet, "住房 D 级危房")]
    [InlineData(HousingSafety.NoHouse, ConditionState.NotMet, "无房")]
    public void Housing_IsMetOnlyWhenSafe(HousingSafety housing, ConditionState expected, string text)
    {
        var result = HouseholdStandard.CheckHousing(housing);

        Assert.Equal(expected, result.State);
        Assert.Equal(text, result.Explanation.Zh);
    }

    [Fact]
    public void Check_ListsEveryRule_AndMeasuresResolveWhatTheyCover()
    {
        var facts = new HouseholdFacts(HousingSafety.DangerD, [Head(insured: false), Son(new DateOnly(2003, 3, 1), Schooling.NotInSchool)], Income(2800m, 2));

        var now = HouseholdStandard.Check(facts, 2015, Line2015);
        var after = HouseholdStandard.Check(facts, 2015, Line2015,
            new Measures(HousingMadeSafe: true, ChildrenBackToSchool: true, MedicalInsuranceEnrolled: true, IncomeRaisedPerCapita: Money.FromYuan(100m)));

        Assert.Equal([HouseholdStandard.Income, HouseholdStandard.Education, HouseholdStandard.Medical, HouseholdStandard.Housing], now.Select(c => c.Rule).ToList());
        Assert.All(now, c => Assert.Equal(ConditionState.NotMet, c.State));
        Assert.All(after, c => Assert.Equal(ConditionState.Met, c.State));
        Assert.Equal("人均纯收入 2,900 元 > 2,855 元", after[0].Explanation.Zh);
    }

    [Fact]
    public void Standards_Default_To2Percent_Or3InTheWest_AndRefuseBadValues()
    {
        var county = Guid.NewGuid();
        Assert.Equal(2m, ExitStandards.DefaultFor(county, western: false).VillageIncidenceLimit);
        Assert.Equal(3m, ExitStandards.DefaultFor(county, western: true).CountyIncidenceLimit);
        Assert.Equal(90m, ExitStandards.DefaultFor(county, western: true).ApprovalMinimum);

        var bad = ExitStandards.DefaultFor(county, false);
        bad.VillageIncidenceLimit = 0;
        bad.ApprovalMinimum = 120;
        bad.RequiredVillageConditions = "road,teleporter";
        var problems = bad.Check();

        Assert.Equal(["villageIncidenceLimit", "approvalMinimum", "requiredVillageConditions"], problems.Select(p => p.Field).ToList());
        Assert.Contains("teleporter", problems[2].Message.Zh, StringComparison.Ordinal);
    }
}
