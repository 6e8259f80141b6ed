using Tuopin.Domain.Accounts;

namespace Tuopin.Domain.Tests.Accounts;

public class PermissionsTests
{
    [Theory]
    [InlineData(Role.CountyAdmin)]
    [InlineData(Role.TownshipOfficer)]
    [InlineData(Role.VillageOfficer)]
    [InlineData(Role.LineDepartment)]
    [InlineData(Role.Inspector)]
    public void CanReadRegistry_EveryRole(Role role)
    {
        Assert.True(Permissions.CanReadRegistry(role));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(8)]
    [InlineData(-1)]
    public void UndefinedRole_MayDoNothing(int value)
    {
        var role = (Role)value;

        Assert.False(Permissions.CanReadRegistry(role));
        Assert.False(Permissions.CanWriteRegistry(role));
        Assert.False(Permissions.CanSeePersonalData(role));
        Assert.False(Permissions.CanManageUsers(role));
        Assert.False(Permissions.CanReadCountyPlanning(role));
        Assert.False(Permissions.CanReadApiReference(role));
    }

    [Theory]
    [InlineData(Role.CountyAdmin, true)]
    [InlineData(Role.TownshipOfficer, true)]
    [InlineData(Role.VillageOfficer, false)]
    [InlineData(Role.LineDepartment, true)]
    [InlineData(Role.Inspector, true)]
    public void CanReadCountyPlanning_NotTheVillageOfficer(Role role, bool expected)
    {
        Assert.Equal(expected, Permissions.CanReadCountyPlanning(role));
    }

    [Theory]
    [InlineData(Role.CountyAdmin, true)]
    [InlineData(Role.TownshipOfficer, false)]
    [InlineData(Role.VillageOfficer, false)]
    [InlineData(Role.LineDepartment, true)]
    [InlineData(Role.Inspector, false)]
    public void CanReadApiReference_TheCountyOfficeAndLineDepartments(Role role, bool expected)
    {
        Assert.Equal(expected, Permissions.CanReadApiReference(role));
    }

    [Theory]
    [InlineData(Role.CountyAdmin, true)]
    [InlineData(Role.TownshipOfficer, true)]
    [InlineData(Role.VillageOfficer, true)]
    [InlineData(Role.LineDepartment, false)]
    [InlineData(Role.Inspector, false)]
    public void CanWriteRegistry_OnlyRolesThatRegister(Role role, bool expected)
    {
        Assert.Equal(expected, Permissions.CanWriteRegistry(role));
    }

    [Theory]
    [InlineData(Role.CountyAdmin, true)]
    [InlineData(Role.TownshipOfficer, true)]
    [InlineData(Role.VillageOfficer, true)]
    [InlineData(Role.LineDepartment, false)]
    [InlineData(Role.Inspector, false)]
    public void CanSeePersonalData_OnlyRolesThatRegisterAndVerify(Role role, bool expected)
    {
        Assert.Equal(expected, Permissions.CanSeePersonalData(role));
    }

    [Theory]
    [InlineData(Role.CountyAdmin, true)]
    [InlineData(Role.TownshipOfficer, false)]
    [InlineData(Role.VillageOfficer, false)]
    [InlineData(Role.LineDepartment, false)]
    [InlineData(Role.Inspector, false)]
    public void CanManageUsers_OnlyCountyAdmin(Role role, bool expected)
    {
        Assert.Equal(expected, Permissions.CanManageUsers(role));
    }

    [Theory]
    [InlineData(Role.CountyAdmin, AreaLevel.County)]
    [InlineData(Role.TownshipOfficer, AreaLevel.Township)]
    [InlineData(Role.VillageOfficer, AreaLevel.Village)]
    [InlineData(Role.LineDepartment, AreaLevel.County)]
    [InlineData(Role.Inspector, AreaLevel.County)]
    public void LevelOf_GivesTheAreaLevelOfTheRole(Role role, AreaLevel expected)
    {
        Assert.Equal(expected, Permissions.LevelOf(role));
    }

    [Fact]
    public void LevelOf_NeverGivesEverything_ToASignedInRole()
    {
        Assert.All(Enum.GetValues<Role>(), role => Assert.NotEqual(AreaLevel.Everything, Permissions.LevelOf(role)));
    }
}
