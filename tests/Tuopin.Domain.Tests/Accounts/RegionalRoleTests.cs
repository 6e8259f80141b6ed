using Tuopin.Domain.Accounts;

namespace Tuopin.Domain.Tests.Accounts;

/// <summary>The officials above the county (市州、省扶贫办): roll-ups of their area, and nothing of any county's records.</summary>
public class RegionalRoleTests
{
    [Theory]
    [InlineData(Role.PrefectureOfficial, AreaLevel.Prefecture)]
    [InlineData(Role.ProvinceOfficial, AreaLevel.Province)]
    public void ARegionalOfficial_ReadsRollups_AndNothingElse(Role role, AreaLevel level)
    {
        Assert.True(Permissions.IsRegional(role));
        Assert.Equal(level, Permissions.LevelOf(role));
        Assert.True(Permissions.CanReadRollup(role));

        Assert.False(Permissions.CanReadRegistry(role));
        Assert.False(Permissions.CanWriteRegistry(role));
        Assert.False(Permissions.CanSeePersonalData(role));
        Assert.False(Permissions.CanWriteConditions(role));
        Assert.False(Permissions.CanManageUsers(role));
        Assert.False(Permissions.CanApproveStatusChange(role));
        Assert.False(Permissions.CanReadCountyPlanning(role));
        Assert.False(Permissions.CanReadApiReference(role));
        Assert.False(Permissions.CanReadAuditLog(role, level));
        Assert.False(Permissions.CanReadBenefitNotices(role, level));
    }

    [Theory]
    [InlineData(Role.CountyAdmin, true)]
    [InlineData(Role.TownshipOfficer, false)]
    [InlineData(Role.VillageOfficer, false)]
    [InlineData(Role.LineDepartment, false)]
    [InlineData(Role.Inspector, false)]
    public void OfTheCountysRoles_OnlyTheCountyOffice_ReadsItsOwnRollup(Role role, bool reads)
    {
        Assert.Equal(reads, Permissions.CanReadRollup(role));
        Assert.False(Permissions.IsRegional(role));
        Assert.True(Permissions.CanReadRegistry(role));
    }

    [Theory]
    [InlineData(AreaLevel.Prefecture)]
    [InlineData(AreaLevel.Province)]
    public void ARegionsScope_CoversNoRecordOfAnyCounty_LikeNothing(AreaLevel level)
    {
        var region = Guid.NewGuid();
        var scope = AreaScope.Region(level, region);

        Assert.True(scope.IsRegion);
        Assert.Equal(region, scope.RegionId);
        // The keys every area filter reads are empty, as in AreaScope.Nothing: a forgotten check shows nothing.
        Assert.Equal((Guid.Empty, Guid.Empty, Guid.Empty), (scope.CountyId, scope.TownshipId!.Value, scope.VillageId!.Value));
        Assert.False(scope.Covers(Guid.Empty, Guid.Empty, Guid.Empty));
        Assert.False(scope.Covers(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()));
        Assert.False(scope.Covers(region, region, region));
        Assert.NotEqual(scope, AreaScope.Region(level, Guid.NewGuid()));
    }

    [Theory]
    [InlineData(AreaLevel.County)]
    [InlineData(AreaLevel.Township)]
    [InlineData(AreaLevel.Village)]
    [InlineData(AreaLevel.Everything)]
    public void ARegion_IsAPrefectureOrAProvince(AreaLevel level)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => AreaScope.Region(level, Guid.NewGuid()));
    }
}
