using Tuopin.Domain.Industry;

namespace Tuopin.Domain.Tests.Industry;

public sealed class IndustryRulesTests
{
    private static readonly string[] Order = ["tea", "pigs", "chicken"];

    [Theory]
    [InlineData("2,3,1", "tea:3,pigs:1", "tea", "")]
    [InlineData("2,3", "tea:3", "tea", "3")]
    [InlineData("1", "", null, "1,2,4")]
    [InlineData("4", "pigs:2,tea:2", "tea", "1,2,3")]
    [InlineData("", "chicken:1,pigs:5", "pigs", "1,2,3")]
    [InlineData("2,2,3,1,4", "tea:0", null, "4")]
    public void Check121_NamesTheMissingParts_AndTheLeadingIndustry(string kinds, string households, string? leading, string missing)
    {
        var facts = new Village121Facts(
            kinds.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(k => (MarketEntityKind)int.Parse(k)).ToHashSet(),
            households.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split(':')).ToDictionary(p => p[0], p => int.Parse(p[1])));
        var result = IndustryRules.Check121(facts, Order);
        Assert.Equal(leading, result.LeadingIndustry);
        Assert.Equal(missing.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(m => (Part121)int.Parse(m)), result.Missing);
        Assert.Equal(missing.Length == 0, result.Complete);
    }

    [Fact]
    public void Actuals_CountTeaWithItsParts_WithoutCountingAHouseholdTwice()
    {
        Guid a = Guid.NewGuid(), b = Guid.NewGuid(), c = Guid.NewGuid();
        IndustryDefinition[] industries = [new("tea", ["vine_tea", "green_tea"]), new("vine_tea", []), new("green_tea", []), new("pigs", [])];
        ParticipationFact[] facts =
        [
            new(a, "vine_tea", 3m, true, true),
            new(a, "green_tea", 2m, false, true),
            new(b, "tea", 4m, false, true, Records: 2),
            new(c, "pigs", 20m, true, false),
        ];
        var actuals = IndustryRules.Actuals(industries, facts).ToDictionary(x => x.IndustryId);
        Assert.Equal(new IndustryActual("tea", 9m, 1, 2, 2, 4), actuals["tea"]);
        Assert.Equal(new IndustryActual("vine_tea", 3m, 1, 1, 1, 1), actuals["vine_tea"]);
        Assert.Equal(new IndustryActual("green_tea", 2m, 0, 1, 1, 1), actuals["green_tea"]);
        // A household that is not a registered poor one is a scale farmer but drives no poor household.
        Assert.Equal(new IndustryActual("pigs", 20m, 1, 0, 1, 1), actuals["pigs"]);
    }

    [Theory]
    [InlineData("tea", "亩")]
    [InlineData("herbs", "亩")]
    [InlineData("pigs", "头")]
    [InlineData("chicken", "只")]
    [InlineData("tourism", "户")]
    public void UnitOf_IsTheIndustrysUnit(string id, string unit) => Assert.Equal(unit, IndustryRules.UnitOf(id));

    [Theory]
    [InlineData("tea", 3.5, true)]
    [InlineData("tea", 0, false)]
    [InlineData("tea", 1.255, false)]
    [InlineData("tourism", 1, true)]
    [InlineData("tourism", 2, false)]
    [InlineData("chicken", 200000, false)]
    public void ScaleFault_RefusesImpossibleScales(string id, double scale, bool ok) =>
        Assert.Equal(ok, IndustryRules.ScaleFault(id, (decimal)scale) is null);
}
