using Tuopin.Domain.Exit;

namespace Tuopin.Domain.Tests.Exit;

public sealed class ExitStandardsTests
{
    [Fact]
    public void IncomeIsAtRisk_UpToTheLinePlusTheMargin_ToTheFen()
    {
        var standards = ExitStandards.DefaultFor(Guid.NewGuid(), western: false);

        Assert.Equal(3_630m, standards.IncomeWarningLevel(3_300m));
        Assert.True(standards.IsIncomeAtRisk(3_000m, 3_300m));
        Assert.True(standards.IsIncomeAtRisk(3_630.004m, 3_300m));
        Assert.False(standards.IsIncomeAtRisk(3_630.01m, 3_300m));
        standards.RiskIncomeMargin = 20m;
        Assert.True(standards.IsIncomeAtRisk(3_900m, 3_300m));
    }

    [Fact]
    public void IncomeRiskExplanation_SaysWhetherTheIncomeIsUnderTheLine_OrUnderTheWarningLevel()
    {
        var standards = ExitStandards.DefaultFor(Guid.NewGuid(), western: false);

        Assert.Equal("人均纯收入 3,500 元，低于预警线 3,630 元（标准上浮 10%）", standards.IncomeRiskExplanation(3_500m, 3_300m).Zh);
        Assert.Equal("Per-capita net income 3,200.50 yuan, not above the line of 3,300 yuan", standards.IncomeRiskExplanation(3_200.5m, 3_300m).En);
    }
}
