using Tuopin.Domain.Supervision;

namespace Tuopin.Domain.Tests.Supervision;

public sealed class AssessmentSchemeTests
{
    private static AssessmentIndicator Linear(decimal floor, decimal full, decimal weight = 15) =>
        new("T6", "问题按期整改", AssessedKind.Township, AssessmentScheme.FindingsOnTimeRate, weight, ScoringRule.Linear, Floor: floor, Full: full);

    // figure, floor, full, weight → points
    public static TheoryData<decimal?, decimal, decimal, decimal, decimal> LinearCases => new()
    {
        { 80m, 60m, 95m, 15m, 8.57m },   // (80−60)/(95−60)×15 = 8.571…
        { 95m, 60m, 95m, 15m, 15m },     // at the full value
        { 100m, 60m, 95m, 15m, 15m },    // above it
        { 60m, 60m, 95m, 15m, 0m },      // at the floor
        { 10m, 60m, 95m, 15m, 0m },      // below it
        { 77.5m, 60m, 95m, 15m, 7.5m },  // (77.5−60)/35×15 = 7.5
        { null, 60m, 95m, 15m, 15m },    // nothing to assess: full marks
        { 1m, 5m, 0m, 10m, 8m },         // less is better: (1−5)/(0−5)×10 = 8
        { 6m, 5m, 0m, 10m, 0m },
    };

    [Theory, MemberData(nameof(LinearCases))]
    public void Linear_ScoresBetweenFloorAndFull(decimal? figure, decimal floor, decimal full, decimal weight, decimal points) =>
        Assert.Equal(points, AssessmentScheme.Score(Linear(floor, full, weight), new AssessmentFigure(figure, "x/y")).Points);

    [Fact]
    public void Linear_WritesItsArithmetic()
    {
        var s = AssessmentScheme.Score(Linear(60, 95), new AssessmentFigure(AssessmentScheme.Percent(8, 10), "8/10"));
        Assert.Equal("问题按期整改 8/10 = 80%，≥ 95% 得满分，60%–95% 线性：(80−60)/(95−60)×15 = 8.57 分", s.Arithmetic);
    }

    // rule, threshold or deduct, figure → points (weight 10)
    public static TheoryData<ScoringRule, decimal, decimal, decimal> OtherCases => new()
    {
        { ScoringRule.AtMost, 2m, 1.5m, 10m },
        { ScoringRule.AtMost, 2m, 2m, 10m },
        { ScoringRule.AtMost, 2m, 2.1m, 0m },
        { ScoringRule.AtLeast, 90m, 90m, 10m },
        { ScoringRule.AtLeast, 90m, 89.9m, 0m },
        { ScoringRule.PerItem, 2m, 0m, 10m },
        { ScoringRule.PerItem, 2m, 3m, 4m },     // 10 − 3×2
        { ScoringRule.PerItem, 2m, 7m, 0m },     // 10 − 14 floors at 0
        { ScoringRule.PerItem, 2.5m, 1m, 7.5m },
    };

    [Theory, MemberData(nameof(OtherCases))]
    public void ThresholdsAndDeductions(ScoringRule rule, decimal parameter, decimal figure, decimal points)
    {
        var source = rule == ScoringRule.PerItem ? AssessmentScheme.FindingsOverdue : AssessmentScheme.WrongExitRate;
        var indicator = new AssessmentIndicator("X", "指标", AssessedKind.Township, source, 10, rule,
            Threshold: rule == ScoringRule.PerItem ? null : parameter, Deduct: rule == ScoringRule.PerItem ? parameter : null);
        Assert.Equal(points, AssessmentScheme.Score(indicator, new AssessmentFigure(figure, "n")).Points);
    }

    [Fact]
    public void PerItem_WritesItsArithmetic()
    {
        var indicator = new AssessmentIndicator("T7", "逾期未整改", AssessedKind.Township, AssessmentScheme.FindingsOverdue, 10, ScoringRule.PerItem, Deduct: 2);
        Assert.Equal("逾期未整改 3 条，每项扣 2 分，最低0分：10 − 3×2 = 4 分", AssessmentScheme.Score(indicator, new AssessmentFigure(3, "3 条")).Arithmetic);
    }

    [Fact]
    public void TheDefaultScheme_IsSound_AndEachSetWeighs100()
    {
        Assert.Empty(AssessmentScheme.Default.Validate());
        Assert.Equal(100, AssessmentScheme.Default.For(AssessedKind.Township).Sum(i => i.Weight));
        Assert.Equal(100, AssessmentScheme.Default.For(AssessedKind.Department).Sum(i => i.Weight));
    }

    public static TheoryData<string, string> Broken => new()
    {
        { "weight", "indicators.township" },      // township weights no longer 100
        { "floor", "indicators[4].floor" },       // floor = full
        { "source", "indicators[0].source" },     // unknown source
        { "source_for", "indicators[9].source" }, // a township-only source on a department
        { "code", "indicators[1].code" },         // repeated code
        { "deduct", "indicators[0].deduct" },     // per item without points
        { "threshold", "indicators[1].threshold" },
        { "percent_per_item", "indicators[5].rule" },
    };

    [Theory, MemberData(nameof(Broken))]
    public void Validation_NamesTheField(string broken, string field)
    {
        var list = AssessmentScheme.Default.Indicators.ToList();
        switch (broken)
        {
            case "weight": list[0] = list[0] with { Weight = 19 }; break;
            case "floor": list[4] = list[4] with { Floor = 100 }; break;
            case "source": list[0] = list[0] with { Source = "nonsense" }; break;
            case "source_for": list[9] = list[9] with { Source = AssessmentScheme.ProgressAlerts, Rule = ScoringRule.PerItem, Deduct = 1 }; break;
            case "code": list[1] = list[1] with { Code = list[0].Code }; break;
            case "deduct": list[0] = list[0] with { Deduct = 0 }; break;
            case "threshold": list[1] = list[1] with { Threshold = null }; break;
            case "percent_per_item": list[5] = list[5] with { Rule = ScoringRule.PerItem, Deduct = 1 }; break;
        }
        var problems = new AssessmentScheme(list).Validate();
        Assert.Contains(problems, p => p.Field == field);
    }

    [Fact]
    public void Validation_RefusesAnEmptyScheme() =>
        Assert.Equal("indicators", Assert.Single(new AssessmentScheme([]).Validate()).Field);
}
