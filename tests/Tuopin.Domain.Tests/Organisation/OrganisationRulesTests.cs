using Tuopin.Domain.Organisation;

namespace Tuopin.Domain.Tests.Organisation;

public sealed class OrganisationRulesTests
{
    private static readonly Guid Leading = Guid.NewGuid(), Infra = Guid.NewGuid(), Transport = Guid.NewGuid(), Poverty = Guid.NewGuid(), Culture = Guid.NewGuid(), TwinA = Guid.NewGuid(), TwinB = Guid.NewGuid();

    private static readonly UnitName[] Units =
    [
        new(Leading, UnitKind.LeadingGroup, ["县实施精准扶贫收入倍增工作领导小组", "县扶贫倍增领导小组"]),
        new(Infra, UnitKind.WorkingGroup, ["基础建设组"]),
        new(Transport, UnitKind.Department, ["县交通运输局", "交通运输局"]),
        new(Poverty, UnitKind.Department, ["县扶贫开发办公室", "县扶贫办"]),
        new(Culture, UnitKind.Department, ["县文体广电新闻出版局", "县文体广新局"]),
        new(TwinA, UnitKind.Department, ["县农办"]),
        new(TwinB, UnitKind.Department, ["县农办"]),
    ];

    public static TheoryData<string, string, string> Cases => new()
    {
        // text, the units found (ids by name; kinds as *Kind), the unknown names
        { "县实施精准扶贫收入倍增工作领导小组", "Leading", "" },
        { "县扶贫倍增领导小组", "Leading", "" },
        { "基础建设组（县交通运输局）", "Infra,Transport", "" },
        { "公共服务组（县文体广新局）", "Culture", "公共服务组" },
        { "县扶贫办（片区开发）", "Poverty", "片区开发" },
        { "各乡镇人民政府", "*TownshipOffice", "" },
        { "出列乡镇人民政府、出列村", "*TownshipOffice,*VillageTeam", "" },
        { "乡镇、村及县直各责任部门", "*TownshipOffice,*VillageTeam,*Department", "" },
        { "县旅游局", "", "县旅游局" },
        // Two units answer to 县农办: which one is meant would be a guess.
        { "县农办", "", "县农办" },
        // Near names are not matched: 交通局 is not 交通运输局.
        { "县交通局", "", "县交通局" },
    };

    [Theory, MemberData(nameof(Cases))]
    public void Match_FindsUnitsByNameAliasOrLevel_AndReportsTheRest(string text, string found, string unknown)
    {
        var names = new Dictionary<Guid, string> { [Leading] = "Leading", [Infra] = "Infra", [Transport] = "Transport", [Poverty] = "Poverty", [Culture] = "Culture" };
        var match = OrganisationRules.Match(text, Units);
        Assert.Equal(found, string.Join(",", match.Units.Select(u => u.UnitId is { } id ? names[id] : "*" + u.AllOfKind)));
        Assert.Equal(unknown, string.Join(",", match.Unknown));
        Assert.Equal(found.Length > 0 && unknown.Length == 0, match.Complete);
    }

    [Fact]
    public void Match_OfNoText_IsEmpty() => Assert.Equal((0, 0), (OrganisationRules.Match("  ", Units).Units.Count, OrganisationRules.Match(null, Units).Unknown.Count));

    [Theory]
    [InlineData(UnitKind.WorkingGroup, UnitKind.LeadingGroup, false, false, "")]
    [InlineData(UnitKind.WorkingGroup, UnitKind.Department, false, false, "unit.parent")]
    [InlineData(UnitKind.Department, UnitKind.WorkingGroup, false, false, "")]
    [InlineData(UnitKind.LeadingGroup, UnitKind.WorkingGroup, false, false, "unit.parent")]
    [InlineData(UnitKind.TownshipOffice, null, false, false, "unit.township")]
    [InlineData(UnitKind.TownshipOffice, null, true, true, "unit.area")]
    [InlineData(UnitKind.VillageTeam, null, true, false, "unit.village")]
    [InlineData(UnitKind.VillageTeam, null, true, true, "")]
    [InlineData(UnitKind.Department, null, true, false, "unit.area")]
    public void Check_PlacesEachKind(UnitKind kind, UnitKind? parent, bool township, bool village, string problem)
    {
        var problems = OrganisationRules.Check(kind, "某单位", parent, township, village);
        Assert.Equal(problem, string.Join(",", problems.Select(p => p.Code)));
    }

    [Fact]
    public void Check_RefusesAMissingOrLongName()
    {
        Assert.Contains(OrganisationRules.Check(UnitKind.Department, " ", null, false, false), p => p.Code == "unit.name");
        Assert.Contains(OrganisationRules.Check(UnitKind.Department, new string('局', OrgUnit.MaxNameLength + 1), null, false, false), p => p.Code == "unit.name");
        Assert.Equal(["person.name", "person.position"], OrganisationRules.CheckPerson("", null).Select(p => p.Code));
    }

    private static UnitPerson P(bool leader = false, bool first = false) => new() { Name = "某人", Position = "职务", IsLeader = leader, IsFirstResponsible = first };

    [Fact]
    public void Gaps_NameWhatAUnitLacks()
    {
        Assert.Equal(["未明确组长"], OrganisationRules.Gaps(UnitKind.WorkingGroup, [P()]).Select(g => g.Zh));
        Assert.Empty(OrganisationRules.Gaps(UnitKind.WorkingGroup, [P(leader: true)]));
        Assert.Equal(["未明确主要负责人"], OrganisationRules.Gaps(UnitKind.Department, []).Select(g => g.Zh));
        Assert.Equal(["未明确第一主任（乡镇分管副书记）"], OrganisationRules.Gaps(UnitKind.TownshipOffice, [P(leader: true)]).Select(g => g.Zh));
        Assert.Empty(OrganisationRules.Gaps(UnitKind.TownshipOffice, [P(leader: true), P(first: true)]));
        // A village: its party secretary and its work team's leader are its first responsible persons.
        Assert.Equal(2, OrganisationRules.Gaps(UnitKind.VillageTeam, []).Count);
        Assert.Equal(["没有驻村工作队队长"], OrganisationRules.Gaps(UnitKind.VillageTeam, [P(first: true)]).Select(g => g.Zh));
        Assert.Empty(OrganisationRules.Gaps(UnitKind.VillageTeam, [P(first: true)], "田队长"));
    }
}
