using Tuopin.Domain.Accounts;

namespace Tuopin.Domain.Tests.Accounts;

public class AreaScopeTests
{
    private static readonly Guid County = Guid.NewGuid();
    private static readonly Guid OtherCounty = Guid.NewGuid();
    private static readonly Guid Township = Guid.NewGuid();
    private static readonly Guid OtherTownship = Guid.NewGuid();
    private static readonly Guid Village = Guid.NewGuid();
    private static readonly Guid OtherVillage = Guid.NewGuid();

    [Fact]
    public void Everything_CoversAnyPlace()
    {
        Assert.True(AreaScope.Everything.Covers(County, Township, Village));
        Assert.True(AreaScope.Everything.Covers(OtherCounty, OtherTownship, OtherVillage));
    }

    [Fact]
    public void County_CoversEveryTownshipAndVillageOfItsCounty()
    {
        var scope = AreaScope.County(County);

        Assert.True(scope.Covers(County, Township, Village));
        Assert.True(scope.Covers(County, OtherTownship, OtherVillage));
    }

    [Fact]
    public void County_DoesNotCoverAnotherCounty()
    {
        Assert.False(AreaScope.County(County).Covers(OtherCounty, Township, Village));
    }

    [Fact]
    public void Township_CoversEveryVillageOfItsTownship()
    {
        var scope = AreaScope.Township(County, Township);

        Assert.True(scope.Covers(County, Township, Village));
        Assert.True(scope.Covers(County, Township, OtherVillage));
    }

    [Fact]
    public void Township_DoesNotCoverAnotherTownshipOrCounty()
    {
        var scope = AreaScope.Township(County, Township);

        Assert.False(scope.Covers(County, OtherTownship, Village));
        Assert.False(scope.Covers(OtherCounty, Township, Village));
    }

    [Fact]
    public void Village_CoversOnlyItsVillage()
    {
        var scope = AreaScope.Village(County, Township, Village);

        Assert.True(scope.Covers(County, Township, Village));
        Assert.False(scope.Covers(County, Township, OtherVillage));
        Assert.False(scope.Covers(County, OtherTownship, Village));
        Assert.False(scope.Covers(OtherCounty, Township, Village));
    }

    [Fact]
    public void Nothing_CoversNoRealPlace()
    {
        Assert.False(AreaScope.Nothing.Covers(County, Township, Village));
        Assert.False(AreaScope.Nothing.Covers(OtherCounty, OtherTownship, OtherVillage));
    }

    [Fact]
    public void Factories_SetLevelAndIds()
    {
        Assert.Equal(new AreaScope(AreaLevel.County, County, null, null), AreaScope.County(County));
        Assert.Equal(new AreaScope(AreaLevel.Township, County, Township, null), AreaScope.Township(County, Township));
        Assert.Equal(new AreaScope(AreaLevel.Village, County, Township, Village), AreaScope.Village(County, Township, Village));
        Assert.Equal(AreaLevel.Everything, AreaScope.Everything.Level);
    }


    [Fact]
    public void Nothing_CoversNoPlace_NotEvenOneWhoseIdsWereNeverSet()
    {
        // "No area at all: sees nothing ... a forgotten scope hides data instead of showing it."
        // A household whose place ids were left at Guid.Empty must stay hidden too.
        Assert.False(AreaScope.Nothing.Covers(Guid.Empty, Guid.Empty, Guid.Empty));
    }
}
