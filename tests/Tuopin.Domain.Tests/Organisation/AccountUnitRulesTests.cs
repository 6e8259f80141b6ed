using Tuopin.Domain.Accounts;
using Tuopin.Domain.Organisation;

namespace Tuopin.Domain.Tests.Organisation;

public sealed class AccountUnitRulesTests
{
    private static readonly Guid County = Guid.NewGuid(), OtherCounty = Guid.NewGuid(), Sanhu = Guid.NewGuid(), Xiangfeng = Guid.NewGuid(),
        Huangbo = Guid.NewGuid(), Laocha = Guid.NewGuid();

    private static OrgUnit Unit(UnitKind kind, string name, Department? department = null, Guid? township = null, Guid? village = null, Guid? parent = null,
        string? aliases = null, Guid? county = null) =>
        new() { Id = Guid.NewGuid(), CountyId = county ?? County, Kind = kind, Name = name, Department = department, TownshipId = township, VillageId = village, ParentId = parent, Aliases = aliases };

    private static readonly OrgUnit Leading = Unit(UnitKind.LeadingGroup, "县实施精准扶贫收入倍增工作领导小组");
    private static readonly OrgUnit Discipline = Unit(UnitKind.WorkingGroup, "执纪问责组", parent: Leading.Id, aliases: "执纪问责工作组");
    private static readonly OrgUnit Infra = Unit(UnitKind.WorkingGroup, "基础建设组", parent: Leading.Id);
    private static readonly OrgUnit Jiwei = Unit(UnitKind.Department, "县纪委", parent: Discipline.Id);
    private static readonly OrgUnit Transport = Unit(UnitKind.Department, "县交通运输局", Department.Transport, parent: Infra.Id);
    private static readonly OrgUnit SanhuOffice = Unit(UnitKind.TownshipOffice, "三胡乡扶贫开发办", township: Sanhu);
    private static readonly OrgUnit HuangboTeam = Unit(UnitKind.VillageTeam, "黄柏园村脱贫责任组", township: Sanhu, village: Huangbo);
    private static readonly OrgUnit Special = Unit(UnitKind.SpecialTeam, "资金监管专班", parent: Leading.Id);

    private static bool Fits(Role role, Department? department, OrgUnit unit, Guid? township = null, Guid? village = null) =>
        AccountUnitRules.Fit(role, department, County, township, village, unit) is null;

    [Fact]
    public void ALineDepartment_NamesACountyDepartment_OfItsOwnDepartmentCode()
    {
        Assert.True(Fits(Role.LineDepartment, Department.Transport, Transport));
        // Without a department code of its own, any department (县纪委 carries none).
        Assert.True(Fits(Role.LineDepartment, null, Jiwei));
        Assert.True(Fits(Role.LineDepartment, null, Transport));
        // Another department's code, a department without the code, or a unit that is not a department: refused.
        Assert.False(Fits(Role.LineDepartment, Department.Water, Transport));
        Assert.False(Fits(Role.LineDepartment, Department.Transport, Jiwei));
        Assert.False(Fits(Role.LineDepartment, null, Discipline));
        Assert.False(Fits(Role.LineDepartment, null, SanhuOffice));
    }

    [Fact]
    public void ATownshipOfficer_NamesOnlyTheirTownshipsOffice()
    {
        Assert.True(Fits(Role.TownshipOfficer, null, SanhuOffice, Sanhu));
        Assert.False(Fits(Role.TownshipOfficer, null, SanhuOffice, Xiangfeng));
        Assert.False(Fits(Role.TownshipOfficer, null, HuangboTeam, Sanhu));
        Assert.False(Fits(Role.TownshipOfficer, null, Transport, Sanhu));
    }

    [Fact]
    public void AVillageOfficer_NamesOnlyTheirVillagesTeam()
    {
        Assert.True(Fits(Role.VillageOfficer, null, HuangboTeam, Sanhu, Huangbo));
        Assert.False(Fits(Role.VillageOfficer, null, HuangboTeam, Sanhu, Laocha));
        Assert.False(Fits(Role.VillageOfficer, null, SanhuOffice, Sanhu, Huangbo));
    }

    [Theory]
    [InlineData(Role.CountyAdmin)]
    [InlineData(Role.Inspector)]
    public void CountyRoles_NameAnyCountyLevelUnit_NeverATownshipsOrVillages(Role role)
    {
        foreach (var unit in new[] { Leading, Discipline, Special, Jiwei, Transport })
            Assert.True(Fits(role, null, unit), unit.Name);
        Assert.False(Fits(role, null, SanhuOffice));
        Assert.False(Fits(role, null, HuangboTeam));
    }

    [Fact]
    public void AUnitOfAnotherCounty_NeverFits_AndTheProblemNamesTheField()
    {
        var elsewhere = Unit(UnitKind.Department, "外县交通运输局", Department.Transport, county: OtherCounty);
        var problem = AccountUnitRules.Fit(Role.LineDepartment, Department.Transport, County, null, null, elsewhere);
        Assert.NotNull(problem);
        Assert.Equal(("unitId", "account.unit"), (problem.Field, problem.Code));
        Assert.Equal("unitId", AccountUnitRules.Fit(Role.LineDepartment, Department.Water, County, null, null, Transport)!.Field);
    }

    [Fact]
    public void TheDisciplineGroup_AndItsMemberDepartments_WorkForIt_NobodyElse()
    {
        Assert.True(AccountUnitRules.InDisciplineGroup(Discipline, Leading));
        Assert.True(AccountUnitRules.InDisciplineGroup(Jiwei, Discipline));
        // By an alias too.
        var byAlias = Unit(UnitKind.WorkingGroup, "纪律组", aliases: "执纪问责工作组");
        Assert.True(AccountUnitRules.InDisciplineGroup(byAlias, null));
        Assert.False(AccountUnitRules.InDisciplineGroup(Transport, Infra));
        Assert.False(AccountUnitRules.InDisciplineGroup(Infra, Leading));
        Assert.False(AccountUnitRules.InDisciplineGroup(Leading, null));
        // A department is in the group only through its own parent; a special team by the name is not the working group.
        Assert.False(AccountUnitRules.InDisciplineGroup(Transport, Discipline));
        Assert.False(AccountUnitRules.InDisciplineGroup(Unit(UnitKind.SpecialTeam, "执纪问责"), null));
    }
}
