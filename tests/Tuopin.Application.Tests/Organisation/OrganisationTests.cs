using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Accounts;
using Tuopin.Application.Assistance;
using Tuopin.Application.Common;
using Tuopin.Application.Organisation;
using Tuopin.Application.Plan;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Organisation;
using Tuopin.Testing;

namespace Tuopin.Application.Tests.Organisation;

/// <summary>
/// The organisation kept by the county administrator and read by area, on both databases: the leading group, a working
/// group with a member department, two township offices (三胡乡, 翔凤镇) and the team of 三胡乡/黄柏园村 with its work team;
/// the plan's responsible units matched to them.
/// </summary>
public sealed class OrganisationTests
{
    private const string Huangbo = "三胡乡/黄柏园村";

    private sealed record Fixture(TestCounty County, Guid Leading, Guid Infra, Guid Transport, Guid Sanhu, Guid Xiangfeng, Guid Team, Guid Secretary);

    private static async Task<Fixture> FixtureAsync(DbProvider provider)
    {
        var county = await TestCounty.CreateAsync(provider);
        var save = county.As<SaveUnit>(county.Admin);
        var leading = await save.HandleAsync(new SaveUnit.Request(new SaveUnit.Fields(UnitKind.LeadingGroup, "县实施精准扶贫收入倍增工作领导小组", "县扶贫倍增领导小组")));
        var infra = await save.HandleAsync(new SaveUnit.Request(new SaveUnit.Fields(UnitKind.WorkingGroup, "基础建设组", ParentId: leading.Id, Order: 3)));
        var transport = await save.HandleAsync(new SaveUnit.Request(new SaveUnit.Fields(UnitKind.Department, "县交通运输局", "交通运输局", infra.Id, Department: Department.Transport)));
        var sanhu = await save.HandleAsync(new SaveUnit.Request(new SaveUnit.Fields(UnitKind.TownshipOffice, "三胡乡扶贫开发办", TownshipId: county.Townships["三胡乡"])));
        var xiangfeng = await save.HandleAsync(new SaveUnit.Request(new SaveUnit.Fields(UnitKind.TownshipOffice, "翔凤镇扶贫开发办", TownshipId: county.Townships["翔凤镇"])));
        var (village, township) = county.Villages[Huangbo];
        var team = await save.HandleAsync(new SaveUnit.Request(new SaveUnit.Fields(UnitKind.VillageTeam, "黄柏园村脱贫责任组", TownshipId: township, VillageId: village)));
        var people = county.As<SaveUnitPerson>(county.Admin);
        await people.HandleAsync(new SaveUnitPerson.Request(infra.Id, new SaveUnitPerson.Fields("向组长", "组长、副县长", IsLeader: true)));
        await people.HandleAsync(new SaveUnitPerson.Request(transport.Id, new SaveUnitPerson.Fields("彭局长", "局长", true, true)));
        await people.HandleAsync(new SaveUnitPerson.Request(sanhu.Id, new SaveUnitPerson.Fields("田书记", "第一主任、分管副书记", IsFirstResponsible: true)));
        var secretary = await people.HandleAsync(new SaveUnitPerson.Request(team.Id, new SaveUnitPerson.Fields("杨支书", "村支部书记", true, true)));
        await county.As<RecordWorkTeam>(county.Admin).HandleAsync(new RecordWorkTeam.Request(village, "县交通运输局", "冉书记", new DateOnly(2015, 10, 1), "冉队长", "甲、乙"));
        return new Fixture(county, leading.Id, infra.Id, transport.Id, sanhu.Id, xiangfeng.Id, team.Id, secretary.Id);
    }

    [Theory, BothDatabases]
    public async Task TheStructure_ShowsPeopleFirstResponsibleAndGaps_AndEachAreaReadsItsOwn(DbProvider provider)
    {
        var f = await FixtureAsync(provider);
        await using var county = f.County;
        var all = await county.As<ListOrganisation>(county.Admin).HandleAsync(new ListOrganisation.Query());
        Assert.Equal(6, all.Units.Count);
        var byId = all.Units.ToDictionary(u => u.Id);
        Assert.Equal(f.Leading, byId[f.Infra].ParentId);
        Assert.Equal(f.Infra, byId[f.Transport].ParentId);
        Assert.Equal(["彭局长（局长）"], byId[f.Transport].FirstResponsible);
        // The village's first responsible persons: its party secretary and the work team's leader (from the assistance work).
        Assert.Equal(["杨支书（村支部书记）", "冉队长（驻村工作队长）"], byId[f.Team].FirstResponsible);
        Assert.Equal(("县交通运输局", "冉书记"), (byId[f.Team].WorkTeam!.StationedUnit, byId[f.Team].WorkTeam!.FirstSecretary));
        Assert.Empty(byId[f.Team].Gaps);
        Assert.Equal(["未明确组长"], byId[f.Leading].Gaps.Select(g => g.Zh));
        Assert.Equal(["未明确主任"], byId[f.Sanhu].Gaps.Select(g => g.Zh));
        Assert.Equal(2, byId[f.Xiangfeng].Gaps.Count);
        Assert.Equal(3, all.UnitsWithGaps);

        // An inspector and a line department read the county's; 翔凤镇 the county's units and its own office, not 三胡乡's.
        Assert.Equal(6, (await county.As<ListOrganisation>(county.Inspector).HandleAsync(new ListOrganisation.Query())).Units.Count);
        var line = new Actor(Guid.NewGuid(), "交通局", Role.LineDepartment, AreaScope.County(county.CountyId), Department.Transport);
        Assert.Equal(6, (await county.As<ListOrganisation>(line).HandleAsync(new ListOrganisation.Query())).Units.Count);
        var xf = (await county.As<ListOrganisation>(county.TownshipOfficer("翔凤镇")).HandleAsync(new ListOrganisation.Query())).Units.Select(u => u.Id).ToHashSet();
        Assert.Equal(new HashSet<Guid> { f.Leading, f.Infra, f.Transport, f.Xiangfeng }, xf);
        await Assert.ThrowsAsync<NotFoundException>(() => county.As<GetUnit>(county.TownshipOfficer("翔凤镇")).HandleAsync(f.Team));
        // A village officer sees their own village's team, and another village's officer nothing of it.
        var own = await county.As<ListOrganisation>(county.VillageOfficer(Huangbo)).HandleAsync(new ListOrganisation.Query());
        Assert.Equal([f.Team], own.Units.Select(u => u.Id));
        Assert.Equal("冉队长", own.Units[0].WorkTeam!.Leader);
        Assert.Empty((await county.As<ListOrganisation>(county.VillageOfficer("翔凤镇/老茶村")).HandleAsync(new ListOrganisation.Query())).Units);
        await Assert.ThrowsAsync<NotFoundException>(() => county.As<GetUnit>(county.VillageOfficer("翔凤镇/老茶村")).HandleAsync(f.Team));
    }

    [Theory, BothDatabases]
    public async Task OnlyTheCountyAdministrator_Writes_WithVersionsAndAudit(DbProvider provider)
    {
        var f = await FixtureAsync(provider);
        await using var county = f.County;
        var fields = new SaveUnit.Fields(UnitKind.Department, "县水利局", Department: Department.Water);
        var line = new Actor(Guid.NewGuid(), "水利局", Role.LineDepartment, AreaScope.County(county.CountyId), Department.Water);
        foreach (var actor in new[] { county.Inspector, county.TownshipOfficer("三胡乡"), county.VillageOfficer(Huangbo), line })
        {
            await Assert.ThrowsAsync<ForbiddenException>(() => county.As<SaveUnit>(actor).HandleAsync(new SaveUnit.Request(fields)));
            await Assert.ThrowsAsync<ForbiddenException>(() => county.As<SaveUnitPerson>(actor).HandleAsync(new SaveUnitPerson.Request(f.Team, new SaveUnitPerson.Fields("某", "村委会主任"))));
            await Assert.ThrowsAsync<ForbiddenException>(() => county.As<RemoveUnitPerson>(actor).HandleAsync(new RemoveUnitPerson.Request(f.Team, f.Secretary, 1)));
            await Assert.ThrowsAsync<ForbiddenException>(() => county.As<MatchPlanResponsibility>(actor).HandleAsync(new MatchPlanResponsibility.Request(Record: true)));
        }
        // Rules: one office per township, a team's village in its township, one unit per department code, unique names.
        var save = county.As<SaveUnit>(county.Admin);
        var refused = await Assert.ThrowsAsync<InvalidRequestException>(() => save.HandleAsync(new SaveUnit.Request(new SaveUnit.Fields(UnitKind.TownshipOffice, "三胡乡第二办", TownshipId: county.Townships["三胡乡"]))));
        Assert.Contains(refused.Problems, p => p.Code == "unit.township_taken");
        refused = await Assert.ThrowsAsync<InvalidRequestException>(() => save.HandleAsync(new SaveUnit.Request(new SaveUnit.Fields(UnitKind.VillageTeam, "错村组", TownshipId: county.Townships["翔凤镇"], VillageId: county.Villages[Huangbo].Id))));
        Assert.Contains(refused.Problems, p => p.Code == "unit.village");
        refused = await Assert.ThrowsAsync<InvalidRequestException>(() => save.HandleAsync(new SaveUnit.Request(new SaveUnit.Fields(UnitKind.Department, "交通二局", Department: Department.Transport))));
        Assert.Contains(refused.Problems, p => p.Code == "unit.department_taken");
        refused = await Assert.ThrowsAsync<InvalidRequestException>(() => save.HandleAsync(new SaveUnit.Request(new SaveUnit.Fields(UnitKind.Department, "基础建设组"))));
        Assert.Contains(refused.Problems, p => p.Code == "unit.name_taken");
        refused = await Assert.ThrowsAsync<InvalidRequestException>(() => save.HandleAsync(new SaveUnit.Request(new SaveUnit.Fields(UnitKind.WorkingGroup, "某组", ParentId: f.Transport))));
        Assert.Contains(refused.Problems, p => p.Code == "unit.parent");

        var changed = await save.HandleAsync(new SaveUnit.Request(new SaveUnit.Fields(UnitKind.WorkingGroup, "基础建设组", "基础建设工作组", f.Leading, Order: 3), f.Infra, 1, "加别名"));
        Assert.Equal(2, changed.Version);
        await Assert.ThrowsAsync<ConflictException>(() => save.HandleAsync(new SaveUnit.Request(new SaveUnit.Fields(UnitKind.WorkingGroup, "基础建设组", ParentId: f.Leading), f.Infra, 1)));
        await county.As<RemoveUnitPerson>(county.Admin).HandleAsync(new RemoveUnitPerson.Request(f.Team, f.Secretary, 1, "换届"));
        var team = await county.As<GetUnit>(county.Admin).HandleAsync(f.Team);
        Assert.Equal(["村级责任单位未明确村支部书记为第一责任人"], team.Unit.Gaps.Select(g => "村级责任单位" + g.Zh));
        var audited = await county.QueryAsync(db => db.AuditEntries.Where(e => e.EntityType == nameof(OrgUnit) || e.EntityType == nameof(UnitPerson)).Select(e => new { e.EntityType, e.Action, e.Reason }).ToListAsync());
        Assert.Equal(7, audited.Count(e => e.EntityType == nameof(OrgUnit)));
        Assert.Contains(audited, e => e.EntityType == nameof(UnitPerson) && e.Action == Application.Audit.AuditAction.Delete && e.Reason == "换届");
    }

    [Theory, BothDatabases]
    public async Task ThePlansResponsibleUnits_AreMatchedByName_AndUnknownNamesListed(DbProvider provider)
    {
        var f = await FixtureAsync(provider);
        await using var county = f.County;
        await county.QueryAsync(db => LoadPlan.RunAsync(db, PlanDocument.BuiltIn(), "laifeng-plan.json"));
        var report = await county.As<MatchPlanResponsibility>(county.TownshipOfficer("三胡乡")).HandleAsync(new MatchPlanResponsibility.Request());
        Assert.False(report.Recorded);
        Assert.Equal(0, await county.QueryAsync(db => db.TargetResponsibilities.CountAsync()));
        var road = report.Rows.Single(r => r.Key == "conditions.road_admin");
        Assert.Equal(("基础建设组（县交通运输局）", "基础建设组,县交通运输局"), (road.Responsible, string.Join(",", road.Units.Select(u => u.Name))));
        Assert.Empty(road.Unknown);
        var water = report.Rows.First(r => r.Responsible == "基础建设组（县水利局）");
        Assert.Equal(["县水利局"], water.Unknown);
        Assert.Contains(report.Unmatched, r => r.Key == water.Key);
        Assert.Equal("各乡镇扶贫开发办", report.Rows.Single(r => r.Key == "years.2016").Units.Single().Name);
        Assert.Equal("县实施精准扶贫收入倍增工作领导小组", report.Rows.Single(r => r.Key == "totals").Units.Single().Name);

        var recorded = await county.As<MatchPlanResponsibility>(county.Admin).HandleAsync(new MatchPlanResponsibility.Request(Record: true));
        Assert.True(recorded.Recorded);
        // The department's page lists what it answers for; a township office its level's targets.
        var transport = await county.As<GetUnit>(county.Admin).HandleAsync(f.Transport);
        Assert.Contains(transport.Targets, t => t.Key == "conditions.road_admin" && !t.AsLevel);
        Assert.Equal(f.Infra, transport.Parent!.Id);
        var office = await county.As<GetUnit>(county.TownshipOfficer("三胡乡")).HandleAsync(f.Sanhu);
        Assert.Contains(office.Targets, t => t.Key == "years.2016" && t.AsLevel);
        var units = await county.QueryAsync(db => OrganisationAccess.TargetUnitsAsync(db, county.CountyId, default));
        Assert.Equal(["基础建设组", "县交通运输局"], units["conditions.road_admin"].Select(u => u.Zh));
        // Progress names the matched units (the higher first); a name no unit answers to is kept, not dropped.
        var progress = await county.As<GetProgress>(county.Admin).HandleAsync(new GetProgress.Query(2016));
        Assert.Equal("基础建设组、县交通运输局", progress.Conditions.Single(c => c.Key == "conditions.road_admin").Responsible);
        var waterRow = progress.Conditions.Concat(progress.OtherTargets).First(c => c.Key == water.Key);
        Assert.Contains("县水利局", waterRow.Responsible, StringComparison.Ordinal);
        Assert.Equal("各乡镇扶贫开发办", progress.Years.Single(y => y.Year == 2016).Responsible);
        // The plan page keeps the plan's words, with the units beside them.
        var plan = await county.As<GetPlan>(county.Admin).HandleAsync();
        Assert.Equal("基础建设组（县交通运输局）", plan.Plan.Targets().Single(t => t.Key == "conditions.road_admin").Responsible);
        Assert.Equal(["基础建设组", "县交通运输局"], plan.Units["conditions.road_admin"].Select(u => u.Zh));

        // Matching again replaces the rows rather than adding to them.
        var before = await county.QueryAsync(db => db.TargetResponsibilities.CountAsync());
        await county.As<MatchPlanResponsibility>(county.Admin).HandleAsync(new MatchPlanResponsibility.Request(Record: true));
        Assert.Equal(before, await county.QueryAsync(db => db.TargetResponsibilities.CountAsync()));
    }
}
