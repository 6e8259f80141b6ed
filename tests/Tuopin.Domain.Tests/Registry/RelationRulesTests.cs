using Tuopin.Domain.Registry;

namespace Tuopin.Domain.Tests.Registry;

public class RelationRulesTests
{
    [Theory]
    [InlineData(Relation.Son, Relation.DaughterInLaw, Sex.Male, Relation.Spouse)]
    [InlineData(Relation.Son, Relation.Grandson, Sex.Male, Relation.Son)]
    [InlineData(Relation.Son, Relation.Granddaughter, Sex.Male, Relation.Daughter)]
    [InlineData(Relation.Son, Relation.Spouse, Sex.Male, Relation.Mother)]
    [InlineData(Relation.Son, Relation.Spouse, Sex.Female, Relation.Father)]
    [InlineData(Relation.Son, Relation.Daughter, Sex.Male, Relation.Other)] // a sister: the form has no code for her
    [InlineData(Relation.Daughter, Relation.SonInLaw, Sex.Male, Relation.Spouse)]
    [InlineData(Relation.Daughter, Relation.DaughtersDaughter, Sex.Male, Relation.Daughter)]
    [InlineData(Relation.Spouse, Relation.Son, Sex.Male, Relation.Son)]
    [InlineData(Relation.Spouse, Relation.Mother, Sex.Male, Relation.HusbandsMother)]
    [InlineData(Relation.Spouse, Relation.Mother, Sex.Female, Relation.WifesMother)]
    [InlineData(Relation.Father, Relation.Mother, Sex.Male, Relation.Other)]
    public void ToNewHead_RereadsTheRelationAgainstTheSplitHouseholdsHead(Relation newHead, Relation member, Sex oldHeadSex, Relation expected)
    {
        Assert.Equal(expected, RelationRules.ToNewHead(member, newHead, oldHeadSex));
    }

    [Theory]
    [InlineData(Relation.Son, Relation.Head, Sex.Male, Relation.Son)]
    [InlineData(Relation.Son, Relation.Spouse, Sex.Male, Relation.DaughterInLaw)]
    [InlineData(Relation.Son, Relation.Daughter, Sex.Male, Relation.Granddaughter)]
    [InlineData(Relation.Daughter, Relation.Spouse, Sex.Female, Relation.SonInLaw)]
    [InlineData(Relation.Daughter, Relation.Son, Sex.Female, Relation.DaughtersSon)]
    [InlineData(Relation.Father, Relation.Spouse, Sex.Male, Relation.Mother)]
    [InlineData(Relation.Other, Relation.Head, Sex.Male, Relation.Other)]
    [InlineData(Relation.Other, Relation.Son, Sex.Male, Relation.Other)]
    public void ToHostHead_RereadsTheJoiningMembersAgainstThisHead(Relation joiningHead, Relation member, Sex joiningHeadSex, Relation expected)
    {
        Assert.Equal(expected, RelationRules.ToHostHead(member, joiningHead, joiningHeadSex));
    }
}
