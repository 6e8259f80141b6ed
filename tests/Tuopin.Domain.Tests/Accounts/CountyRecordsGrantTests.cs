using Tuopin.Domain.Accounts;

namespace Tuopin.Domain.Tests.Accounts;

/// <summary>
/// The grant to read counties' records (ADR 0016): only a prefecture's or a province's official may hold it; it opens the
/// counties of their own area and no other; inside one they read as the county's inspector does (personal data masked), and
/// they write nothing, granted or not.
/// </summary>
public class CountyRecordsGrantTests
{
    private static readonly Guid Enshi = Guid.NewGuid(), Yichang = Guid.NewGuid(), Hubei = Guid.NewGuid(), Hunan = Guid.NewGuid();

    [Theory]
    [InlineData(Role.PrefectureOfficial, true)]
    [InlineData(Role.ProvinceOfficial, true)]
    [InlineData(Role.CountyAdmin, false)]
    [InlineData(Role.TownshipOfficer, false)]
    [InlineData(Role.VillageOfficer, false)]
    [InlineData(Role.LineDepartment, false)]
    [InlineData(Role.Inspector, false)]
    public void OnlyTheOfficialsAboveTheCounty_AreGranted_AndTheyNeverWrite(Role role, bool regional)
    {
        Assert.Equal(regional, Permissions.CanBeGrantedCountyRecords(role));
        Assert.Equal(regional, Permissions.NeverWrites(role));
    }

    [Fact]
    public void APrefecturesGrantedOfficial_ReadsTheCountiesOfTheirPrefecture_AndNoOther()
    {
        Assert.True(Permissions.CanReadCountyRecords(Role.PrefectureOfficial, Enshi, true, Enshi, Hubei));
        // Another prefecture of the same province, a county placed nowhere, a county of the province named as if a prefecture.
        Assert.False(Permissions.CanReadCountyRecords(Role.PrefectureOfficial, Enshi, true, Yichang, Hubei));
        Assert.False(Permissions.CanReadCountyRecords(Role.PrefectureOfficial, Enshi, true, null, null));
        Assert.False(Permissions.CanReadCountyRecords(Role.PrefectureOfficial, Hubei, true, Yichang, Hubei));
        // Not granted, or granted with no region: nothing.
        Assert.False(Permissions.CanReadCountyRecords(Role.PrefectureOfficial, Enshi, false, Enshi, Hubei));
        Assert.False(Permissions.CanReadCountyRecords(Role.PrefectureOfficial, null, true, Enshi, Hubei));
        Assert.False(Permissions.CanReadCountyRecords(Role.PrefectureOfficial, Guid.Empty, true, Guid.Empty, Guid.Empty));
    }

    [Fact]
    public void AProvincesGrantedOfficial_ReadsEveryCountyOfTheProvince_AndNoneOfAnother()
    {
        Assert.True(Permissions.CanReadCountyRecords(Role.ProvinceOfficial, Hubei, true, Enshi, Hubei));
        Assert.True(Permissions.CanReadCountyRecords(Role.ProvinceOfficial, Hubei, true, Yichang, Hubei));
        Assert.False(Permissions.CanReadCountyRecords(Role.ProvinceOfficial, Hubei, true, Enshi, Hunan));
        // The province's id given as the county's prefecture (a tampered or mistaken place) is no match.
        Assert.False(Permissions.CanReadCountyRecords(Role.ProvinceOfficial, Hubei, true, Hubei, null));
        Assert.False(Permissions.CanReadCountyRecords(Role.ProvinceOfficial, Hubei, false, Enshi, Hubei));
    }

    [Theory]
    [InlineData(Role.CountyAdmin)]
    [InlineData(Role.TownshipOfficer)]
    [InlineData(Role.VillageOfficer)]
    [InlineData(Role.LineDepartment)]
    [InlineData(Role.Inspector)]
    public void TheCountysRoles_AreNeverGrantedAnotherCounty(Role role)
    {
        Assert.False(Permissions.CanReadCountyRecords(role, Enshi, true, Enshi, Hubei));
        Assert.False(Permissions.CanReadCountyRecords(role, Hubei, true, Enshi, Hubei));
    }

    [Fact]
    public void InsideTheCounty_TheyReadAsTheInspector_PersonalDataMasked_NoWriteOfTheRegistry()
    {
        var role = Permissions.CountyRecordsReadAs;
        Assert.Equal(Role.Inspector, role);
        Assert.True(Permissions.CanReadRegistry(role));
        Assert.False(Permissions.CanSeePersonalData(role));
        Assert.False(Permissions.CanWriteRegistry(role));
        Assert.False(Permissions.CanWriteConditions(role));
        Assert.False(Permissions.CanManageUsers(role));
        Assert.False(Permissions.CanApproveStatusChange(role));
        Assert.False(Permissions.IsRegional(role));
    }
}
