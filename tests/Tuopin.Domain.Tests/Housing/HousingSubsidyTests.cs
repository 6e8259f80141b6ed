using Tuopin.Domain.Housing;
using Tuopin.Domain.Registry;

namespace Tuopin.Domain.Tests.Housing;

/// <summary>The plan's three housing subsidies from a table of households, each with the reason that decides it.</summary>
public sealed class HousingSubsidyTests
{
    private static HousingFacts Facts(
        HousingSafety housing = HousingSafety.DangerD, bool adobe = false, HouseholdAttribute attribute = HouseholdAttribute.General,
        int present = 3, int labour = 2, int severe = 0, decimal? net = 4_000m, HouseholdStatus status = HouseholdStatus.NotExited) =>
        new(status, housing, adobe, attribute, present, labour, severe, net, 2016, 3_146m);

    public static TheoryData<string, HousingFacts, HousingSubsidyCategory?, string> Cases => new()
    {
        // 定补建房: no house or a dangerous one, and extremely poor (any one of the three).
        { "无房、无劳动力", Facts(HousingSafety.NoHouse, labour: 0), HousingSubsidyCategory.BuildSubsidy, "家中无劳动力" },
        { "D级危房、重度残疾", Facts(severe: 1), HousingSubsidyCategory.BuildSubsidy, "重度（一、二级）残疾" },
        { "C级危房、五保户", Facts(HousingSafety.DangerC, attribute: HouseholdAttribute.Wubao), HousingSubsidyCategory.BuildSubsidy, "五保户" },
        { "D级危房、收入低于标准", Facts(net: 2_800m), HousingSubsidyCategory.BuildSubsidy, "低于扶贫标准 3,146 元" },
        // 定额补贴: no house or grade D, with labour and some means.
        { "D级危房、有劳动力和收入", Facts(), HousingSubsidyCategory.FixedSubsidy, "定额补贴" },
        { "无房、有劳动力、收入恰为标准", Facts(HousingSafety.NoHouse, net: 3_146m), HousingSubsidyCategory.FixedSubsidy, "有2名劳动力" },
        { "无房、无收入记录", Facts(HousingSafety.NoHouse, net: null), HousingSubsidyCategory.FixedSubsidy, "定额补贴" },
        // 改造直补: a grade C house of a household with means, or an adobe house that is not dangerous.
        { "C级危房、有劳动力", Facts(HousingSafety.DangerC), HousingSubsidyCategory.RenovationSubsidy, "C级危房可修缮加固" },
        { "安全的土坯房", Facts(HousingSafety.Safe, adobe: true), HousingSubsidyCategory.RenovationSubsidy, "土坯房改造" },
        { "安全的土坯房、无劳动力", Facts(HousingSafety.Safe, adobe: true, labour: 0), HousingSubsidyCategory.RenovationSubsidy, "住房为土坯房" },
        // None: a safe house, or not a poor household.
        { "安全住房", Facts(HousingSafety.Safe, labour: 0), null, "有安全住房" },
        { "已脱贫", Facts(status: HouseholdStatus.Exited), null, "不是在册贫困户" },
        { "已清退", Facts(status: HouseholdStatus.Removed), null, "不是在册贫困户" },
        { "返贫户、无房、无劳动力", Facts(HousingSafety.NoHouse, labour: 0, status: HouseholdStatus.Returned), HousingSubsidyCategory.BuildSubsidy, "家中无劳动力" },
    };

    [Theory, MemberData(nameof(Cases))]
    public void EachHousehold_GetsItsCategory_WithTheReasonThatDecidesIt(string household, HousingFacts facts, HousingSubsidyCategory? expected, string reason)
    {
        var result = HousingSubsidies.Assess(facts);

        Assert.True(expected == result.Category, $"{household}: {result.Category}");
        Assert.Contains(result.Reasons, r => r.Zh.Contains(reason, StringComparison.Ordinal));
        Assert.All(result.Reasons, r => Assert.False(string.IsNullOrWhiteSpace(r.En)));
    }

    [Theory]
    [InlineData(Health.Disabled, 1, true)]
    [InlineData(Health.Disabled, 2, true)]
    [InlineData(Health.Disabled, 3, false)]
    [InlineData(Health.SeriousIllness, 1, false)]
    public void ASevereDisability_IsGradeOneOrTwo(Health health, int grade, bool severe) =>
        Assert.Equal(severe, HousingSubsidies.IsSevere(health, grade));

    [Fact]
    public void EachCategory_HasItsOwnSetting() =>
        Assert.Equal(3, Enum.GetValues<HousingSubsidyCategory>().Select(HousingSubsidies.SettingKey).Distinct().Count());
}
