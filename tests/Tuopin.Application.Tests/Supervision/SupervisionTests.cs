using System.Text;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Accounts;
using Tuopin.Application.Common;
using Tuopin.Application.Organisation;
using Tuopin.Application.Storage;
using Tuopin.Application.Supervision;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Organisation;
using Tuopin.Domain.Supervision;
using Tuopin.Testing;

namespace Tuopin.Application.Tests.Supervision;

/// <summary>
/// Inspections, findings, rectification and accountability on both databases: an inspection of 三胡乡, a finding on a
/// household of 黄柏园村 rectified by that village's officer and closed by the inspector; the area and role refusals;
/// overdue findings listed and counted; the year's counts for the assessment; evidence upload refusals.
/// </summary>
public sealed class SupervisionTests
{
    private const string Huangbo = "三胡乡/黄柏园村", Laocha = "翔凤镇/老茶村";

    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n% 整改材料\n%%EOF\n");

    private sealed record Fixture(TestCounty County, Guid Sanhu, Guid Xiangfeng, Guid Team, Guid Transport, Guid Household, Guid Inspection);

    private static async Task<Fixture> FixtureAsync(DbProvider provider, DateOnly? visited = null)
    {
        var county = await TestCounty.CreateAsync(provider);
        var save = county.As<SaveUnit>(county.Admin);
        var sanhu = await save.HandleAsync(new SaveUnit.Request(new SaveUnit.Fields(UnitKind.TownshipOffice, "三胡乡扶贫开发办", TownshipId: county.Townships["三胡乡"])));
        var xiangfeng = await save.HandleAsync(new SaveUnit.Request(new SaveUnit.Fields(UnitKind.TownshipOffice, "翔凤镇扶贫开发办", TownshipId: county.Townships["翔凤镇"])));
        var (village, township) = county.Villages[Huangbo];
        var team = await save.HandleAsync(new SaveUnit.Request(new SaveUnit.Fields(UnitKind.VillageTeam, "黄柏园村脱贫责任组", TownshipId: township, VillageId: village)));
        var transport = await save.HandleAsync(new SaveUnit.Request(new SaveUnit.Fields(UnitKind.Department, "县交通运输局", Department: Department.Transport)));
        var household = await county.AddHouseholdAsync(Huangbo);
        var day = visited ?? county.Today;
        var inspection = await county.As<RecordInspection>(county.Inspector).HandleAsync(new RecordInspection.Request(
            InspectionKind.Supervision, day.Year, "精准识别工作督查", null, county.Townships["三胡乡"], null, day, day, "张督查、李督查"));
        return new Fixture(county, sanhu.Id, xiangfeng.Id, team.Id, transport.Id, household, inspection.Id);
    }

    [Theory, BothDatabases]
    public async Task AFinding_IsRectifiedByItsVillage_ClosedByTheInspector_AndCountedOnTime(DbProvider provider)
    {
        var f = await FixtureAsync(provider);
        await using var county = f.County;
        var village = county.VillageOfficer(Huangbo);
        var saved = await county.As<RecordFinding>(county.Inspector).HandleAsync(new RecordFinding.Request(
            f.Inspection, FindingCategory.Identification, "家庭人口与户籍不一致", f.Team, county.Today.AddDays(30), FindingTarget.Household, f.Household));
        var finding = await county.As<GetFinding>(village).HandleAsync(saved.Id);
        Assert.Equal(("三胡乡", "黄柏园村", FindingStatus.Open), (finding.Township, finding.Village, finding.Status));
        Assert.Equal([FindingAction.Rectify, FindingAction.Submit], finding.Actions);
        Assert.NotNull(finding.TargetLabel);

        // The inspector may not rectify; the village officer may not close.
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<RectifyFinding>(county.Inspector).HandleAsync(new RectifyFinding.Request(saved.Id, 1, "x", true)));
        var v2 = await county.As<RectifyFinding>(village).HandleAsync(new RectifyFinding.Request(saved.Id, 1, "已核实户籍并更正", false));
        await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<CloseFinding>(county.Inspector).HandleAsync(new CloseFinding.Request(saved.Id, v2)));
        var evidence = await county.As<AttachFindingEvidence>(village).HandleAsync(new AttachFindingEvidence.Request(saved.Id, true, "整改材料.pdf", new MemoryStream(Pdf)));
        // A stale version is refused.
        await Assert.ThrowsAsync<ConflictException>(() => county.As<RectifyFinding>(village).HandleAsync(new RectifyFinding.Request(saved.Id, 1, "已更正", true)));
        var v3 = await county.As<RectifyFinding>(village).HandleAsync(new RectifyFinding.Request(saved.Id, v2, "已核实户籍并更正，附户籍证明", true));
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<CloseFinding>(village).HandleAsync(new CloseFinding.Request(saved.Id, v3)));
        await county.As<CloseFinding>(county.Inspector).HandleAsync(new CloseFinding.Request(saved.Id, v3));

        var closed = await county.As<GetFinding>(county.Inspector).HandleAsync(saved.Id);
        Assert.Equal((FindingStatus.Closed, county.Today, false), (closed.Status, closed.ClosedOn, closed.Overdue));
        Assert.Equal([evidence.Id], closed.Evidence.Select(e => e.Id));
        Assert.Equal([FindingAction.Reopen], closed.Actions);
        var stats = await county.As<GetFindingStats>(county.Inspector).HandleAsync(county.Today.Year);
        var sanhu = Assert.Single(stats.ByTownship);
        Assert.Equal(("三胡乡", 1, 1, 1, 0), (sanhu.Name, sanhu.Findings, sanhu.Closed, sanhu.ClosedOnTime, sanhu.Overdue));
        Assert.Equal(("黄柏园村脱贫责任组", 1, 1), (stats.ByUnit.Single().Name, stats.ByUnit.Single().Findings, stats.ByUnit.Single().ClosedOnTime));

        // Reopened with a reason (none refused), then the village officer rectifies again.
        await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<ReopenFinding>(county.Inspector).HandleAsync(new ReopenFinding.Request(saved.Id, closed.Version, " ")));
        await county.As<ReopenFinding>(county.Inspector).HandleAsync(new ReopenFinding.Request(saved.Id, closed.Version, "缺户籍证明原件"));
        var reopened = await county.As<GetFinding>(village).HandleAsync(saved.Id);
        Assert.Equal((FindingStatus.Reopened, "缺户籍证明原件", 1, (DateOnly?)null), (reopened.Status, reopened.ReopenReason, reopened.Reopened, reopened.ClosedOn));

        // Every change is audited.
        var audited = await county.QueryAsync(db => db.AuditEntries.CountAsync(e => e.EntityId == saved.Id));
        Assert.Equal(5, audited);
    }

    [Theory, BothDatabases]
    public async Task APlannedInspection_HasItsVisitRecorded_ByTheInspectorsOnly_ThenTakesFindings(DbProvider provider)
    {
        var f = await FixtureAsync(provider);
        await using var county = f.County;
        var today = county.Today;
        var planned = await county.As<RecordInspection>(county.Inspector).HandleAsync(new RecordInspection.Request(
            InspectionKind.Unannounced, today.Year, "驻村帮扶暗访", null, county.Townships["三胡乡"], null, today.AddDays(7), null, "王督查"));
        // The plan: planned apart from visited, in the list and its filter.
        var list = await county.As<ListInspections>(county.Inspector).HandleAsync(new ListInspections.Request(Stage: InspectionStatus.Planned));
        Assert.Equal([(planned.Id, InspectionStatus.Planned)], list.Inspections.Items.Select(i => (i.Id, i.Stage)));
        Assert.Equal([f.Inspection], (await county.As<ListInspections>(county.Inspector).HandleAsync(new ListInspections.Request(Stage: InspectionStatus.Visited))).Inspections.Items.Select(i => i.Id));
        // A finding comes from a visit: none on a planned inspection.
        var notVisited = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<RecordFinding>(county.Inspector).HandleAsync(new RecordFinding.Request(
            planned.Id, FindingCategory.Other, "x", f.Sanhu, today.AddDays(30))));
        Assert.Equal(["finding.not_visited"], notVisited.Problems.Select(p => p.Code));
        Assert.False((await county.As<GetInspection>(county.Inspector).HandleAsync(planned.Id)).CanRecordFindings);

        var visit = new UpdateInspection.Request(planned.Id, 1, InspectionKind.Unannounced, "驻村帮扶暗访", null, county.Townships["三胡乡"], null, today, today, "王督查、刘督查", "走访三户", "已实施");
        Task<int> Update(Actor actor, UpdateInspection.Request request) => county.As<UpdateInspection>(actor).HandleAsync(request);
        Task<int> Audited() => county.QueryAsync(db => db.AuditEntries.CountAsync(e => e.EntityId == planned.Id));
        var before = await Audited();
        // A village officer, a township officer and a line department may not change it: nothing written.
        foreach (var outsider in new[] { county.VillageOfficer(Huangbo), county.TownshipOfficer("三胡乡"), new Actor(Guid.NewGuid(), "交通局", Role.LineDepartment, AreaScope.County(county.CountyId), Department.Transport) })
            await Assert.ThrowsAsync<ForbiddenException>(() => Update(outsider, visit));
        // A visit day after today is refused, the field named.
        var future = await Assert.ThrowsAsync<InvalidRequestException>(() => Update(county.Inspector, visit with { VisitedOn = today.AddDays(1) }));
        Assert.Equal([("visitedOn", "inspection.visited")], future.Problems.Select(p => (p.Field, p.Code)));
        var unchanged = await county.QueryAsync(db => db.Inspections.AsNoTracking().SingleAsync(i => i.Id == planned.Id));
        Assert.Equal((1, (DateOnly?)null, "王督查"), (unchanged.Version, unchanged.VisitedOn, unchanged.Inspectors));
        Assert.Equal(before, await Audited());

        // The inspector records the visit: the inspection is visited, audited with the reason.
        Assert.Equal(2, await Update(county.Inspector, visit));
        var visited = await county.As<GetInspection>(county.Inspector).HandleAsync(planned.Id);
        Assert.Equal((InspectionStatus.Visited, (DateOnly?)today, today, "王督查、刘督查", "走访三户", 2, true),
            (visited.Stage, visited.VisitedOn, visited.PlannedOn, visited.Inspectors, visited.Notes, visited.Version, visited.CanRecordFindings));
        Assert.Equal(before + 1, await Audited());
        Assert.Contains("已实施", await county.QueryAsync(db => db.AuditEntries.Where(e => e.EntityId == planned.Id).Select(e => e.Reason).ToListAsync()));
        // A stale version is refused.
        await Assert.ThrowsAsync<ConflictException>(() => Update(county.Inspector, visit with { Title = "驻村帮扶暗访（二）" }));

        // Now a finding is recorded; the subject is then fixed and the visit day stays.
        await county.As<RecordFinding>(county.Inspector).HandleAsync(new RecordFinding.Request(planned.Id, FindingCategory.Assistance, "走访记录缺失", f.Sanhu, today.AddDays(30)));
        var locked = await Assert.ThrowsAsync<InvalidRequestException>(() => Update(county.Admin, visit with { Version = 2, TownshipId = county.Townships["翔凤镇"], VisitedOn = null }));
        Assert.Equal([("subject", "inspection.subject_locked"), ("visitedOn", "inspection.visited_locked")], locked.Problems.Select(p => (p.Field, p.Code)));
        // The county office changes what may change.
        Assert.Equal(3, await Update(county.Admin, visit with { Version = 2, Kind = InspectionKind.Special, Title = "驻村帮扶专项检查" }));
    }

    [Theory, BothDatabases]
    public async Task WithoutFindings_AnInspectionMovesToAnotherSubject_CheckedLikeARecord(DbProvider provider)
    {
        var f = await FixtureAsync(provider);
        await using var county = f.County;
        var update = county.As<UpdateInspection>(county.Inspector);
        var request = new UpdateInspection.Request(f.Inspection, 1, InspectionKind.Supervision, "精准识别工作督查", null, county.Townships["翔凤镇"], county.Villages[Huangbo].Id, county.Today, county.Today, "张督查");
        // A village outside the township chosen is refused, as when recorded.
        Assert.Equal(["inspection.village"], (await Assert.ThrowsAsync<InvalidRequestException>(() => update.HandleAsync(request))).Problems.Select(p => p.Code));
        Assert.Equal(2, await update.HandleAsync(request with { TownshipId = null, VillageId = county.Villages[Laocha].Id }));
        var moved = await county.As<GetInspection>(county.Inspector).HandleAsync(f.Inspection);
        Assert.Equal((county.Townships["翔凤镇"], (Guid?)county.Villages[Laocha].Id), (moved.TownshipId!.Value, moved.VillageId));
        // Its new area's officer reads it; the old one's no longer does.
        Assert.Equal(1, (await county.As<ListInspections>(county.VillageOfficer(Laocha)).HandleAsync(new ListInspections.Request())).Total);
        await Assert.ThrowsAsync<NotFoundException>(() => county.As<GetInspection>(county.TownshipOfficer("三胡乡")).HandleAsync(f.Inspection));
    }

    [Theory, BothDatabases]
    public async Task AnotherArea_DoesNotSeeTheFinding_AndOnlyInspectorsRecord(DbProvider provider)
    {
        var f = await FixtureAsync(provider);
        await using var county = f.County;
        var saved = await county.As<RecordFinding>(county.Inspector).HandleAsync(new RecordFinding.Request(
            f.Inspection, FindingCategory.DataQuality, "档案缺收入核算表", f.Team, county.Today.AddDays(10), FindingTarget.Village, county.Villages[Huangbo].Id));
        foreach (var outsider in new[] { county.TownshipOfficer("翔凤镇"), county.VillageOfficer(Laocha), new Actor(Guid.NewGuid(), "交通局", Role.LineDepartment, AreaScope.County(county.CountyId), Department.Transport) })
        {
            await Assert.ThrowsAsync<NotFoundException>(() => county.As<GetFinding>(outsider).HandleAsync(saved.Id));
            await Assert.ThrowsAsync<NotFoundException>(() => county.As<RectifyFinding>(outsider).HandleAsync(new RectifyFinding.Request(saved.Id, 1, "x", true)));
            await Assert.ThrowsAsync<NotFoundException>(() => county.As<AttachFindingEvidence>(outsider).HandleAsync(new AttachFindingEvidence.Request(saved.Id, true, "a.pdf", new MemoryStream(Pdf))));
            Assert.Equal(0, (await county.As<ListFindings>(outsider).HandleAsync(new ListFindings.Request())).Total);
            Assert.Equal(0, (await county.As<ListInspections>(outsider).HandleAsync(new ListInspections.Request())).Total);
        }
        // The township reads and rectifies its own township's finding.
        Assert.Equal(1, (await county.As<ListFindings>(county.TownshipOfficer("三胡乡")).HandleAsync(new ListFindings.Request())).Total);
        Assert.Equal(1, (await county.As<ListInspections>(county.TownshipOfficer("三胡乡")).HandleAsync(new ListInspections.Request())).Total);
        await county.As<RectifyFinding>(county.TownshipOfficer("三胡乡")).HandleAsync(new RectifyFinding.Request(saved.Id, 1, "已补齐", false));

        // Only inspectors and the county office record inspections and findings.
        foreach (var officer in new[] { county.VillageOfficer(Huangbo), county.TownshipOfficer("三胡乡") })
        {
            await Assert.ThrowsAsync<ForbiddenException>(() => county.As<RecordFinding>(officer).HandleAsync(new RecordFinding.Request(
                f.Inspection, FindingCategory.Other, "x", f.Team, county.Today.AddDays(5))));
            await Assert.ThrowsAsync<ForbiddenException>(() => county.As<RecordInspection>(officer).HandleAsync(new RecordInspection.Request(
                InspectionKind.Unannounced, 2017, "暗访", null, county.Townships["三胡乡"], null, county.Today, null, "某")));
        }
        // A line department reads and rectifies its own unit's findings.
        var road = await county.As<RecordFinding>(county.Admin).HandleAsync(new RecordFinding.Request(f.Inspection, FindingCategory.Projects, "通村公路未按期完工", f.Transport, county.Today.AddDays(20)));
        var transport = new Actor(Guid.NewGuid(), "交通局", Role.LineDepartment, AreaScope.County(county.CountyId), Department.Transport);
        Assert.Equal([road.Id], (await county.As<ListFindings>(transport).HandleAsync(new ListFindings.Request())).Findings.Items.Select(i => i.Id));
        await county.As<RectifyFinding>(transport).HandleAsync(new RectifyFinding.Request(road.Id, 1, "已督促施工单位", true));
    }

    [Theory, BothDatabases]
    public async Task WhatAFindingPointsAt_MustExistAndLieInTheInspectionsArea(DbProvider provider)
    {
        var f = await FixtureAsync(provider);
        await using var county = f.County;
        var record = county.As<RecordFinding>(county.Inspector);
        async Task<string[]> Codes(RecordFinding.Request r) => (await Assert.ThrowsAsync<InvalidRequestException>(() => record.HandleAsync(r))).Problems.Select(p => p.Code).ToArray();
        Assert.Equal(["finding.target_area"], await Codes(new(f.Inspection, FindingCategory.Other, "x", f.Team, county.Today, FindingTarget.Village, county.Villages[Laocha].Id)));
        Assert.Equal(["finding.target"], await Codes(new(f.Inspection, FindingCategory.Other, "x", f.Team, county.Today, FindingTarget.Household, Guid.NewGuid())));
        Assert.Equal(["finding.target"], await Codes(new(f.Inspection, FindingCategory.Other, "x", f.Team, county.Today, FindingTarget.Project, null)));
        Assert.Equal(["finding.unit"], await Codes(new(f.Inspection, FindingCategory.Other, "x", Guid.NewGuid(), county.Today)));
        Assert.Equal(["finding.deadline"], await Codes(new(f.Inspection, FindingCategory.Other, "x", f.Team, county.Today.AddDays(-1))));
        // No target: the inspection's township.
        var saved = await record.HandleAsync(new(f.Inspection, FindingCategory.Conduct, "作风不实", f.Sanhu, county.Today));
        var finding = await county.As<GetFinding>(county.TownshipOfficer("三胡乡")).HandleAsync(saved.Id);
        Assert.Equal(("三胡乡", (string?)null, "三胡乡扶贫开发办"), (finding.Township, finding.Village, finding.ResponsibleUnit));
    }

    [Theory, BothDatabases]
    public async Task OverdueFindings_AreListedAndCountedByTownshipAndUnit(DbProvider provider)
    {
        var f = await FixtureAsync(provider, new DateOnly(2016, 5, 12));
        await using var county = f.County;
        var record = county.As<RecordFinding>(county.Inspector);
        var late = await record.HandleAsync(new(f.Inspection, FindingCategory.Assistance, "帮扶走访记录缺失", f.Sanhu, new DateOnly(2016, 6, 30)));
        var done = await record.HandleAsync(new(f.Inspection, FindingCategory.DataQuality, "档案不全", f.Team, new DateOnly(2016, 6, 30), FindingTarget.Village, county.Villages[Huangbo].Id));
        var v = await county.As<RectifyFinding>(county.VillageOfficer(Huangbo)).HandleAsync(new RectifyFinding.Request(done.Id, 1, "已补齐", true));
        await county.As<CloseFinding>(county.Inspector).HandleAsync(new CloseFinding.Request(done.Id, v));

        var overdue = await county.As<ListFindings>(county.Inspector).HandleAsync(new ListFindings.Request(Year: 2016, OverdueOnly: true));
        Assert.Equal([late.Id], overdue.Findings.Items.Select(i => i.Id));
        Assert.Equal(1, overdue.Overdue);
        Assert.Equal([("三胡乡", 1)], overdue.OverdueByTownship.Select(c => (c.Name, c.Overdue)));
        Assert.Equal([("三胡乡扶贫开发办", 1)], overdue.OverdueByUnit.Select(c => (c.Name, c.Overdue)));
        // As of the deadline itself nothing is overdue yet.
        Assert.Equal(0, (await county.As<ListFindings>(county.Inspector).HandleAsync(new ListFindings.Request(OverdueOnly: true, AsOf: new DateOnly(2016, 6, 30)))).Overdue);
        var stats = await county.As<GetFindingStats>(county.Inspector).HandleAsync(2016);
        Assert.Equal((2, 1, 0, 1), (stats.Total.Findings, stats.Total.Closed, stats.Total.ClosedOnTime, stats.Total.Overdue));
        var list = await county.As<ListInspections>(county.Inspector).HandleAsync(new ListInspections.Request(2016));
        Assert.Equal((2, 1, 1), (list.Inspections.Items.Single().Findings, list.Inspections.Items.Single().Closed, list.Inspections.Items.Single().Overdue));
        Assert.Equal(1, list.Overdue);
    }

    [Theory, BothDatabases]
    public async Task AccountabilityCases_AreWrittenByInspectors_AndReadByTheirOwnArea(DbProvider provider)
    {
        var f = await FixtureAsync(provider);
        await using var county = f.County;
        var request = new RecordAccountabilityCase.Request(county.Today.Year, f.Sanhu, null, "整改不到位", AccountabilityMeasure.Reminder, county.Today);
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<RecordAccountabilityCase>(county.TownshipOfficer("三胡乡")).HandleAsync(request));
        var saved = await county.As<RecordAccountabilityCase>(county.Inspector).HandleAsync(request);
        Assert.Single(await county.As<ListAccountabilityCases>(county.TownshipOfficer("三胡乡")).HandleAsync());
        Assert.Empty(await county.As<ListAccountabilityCases>(county.TownshipOfficer("翔凤镇")).HandleAsync());
        Assert.Empty(await county.As<ListAccountabilityCases>(county.VillageOfficer(Huangbo)).HandleAsync());
        await Assert.ThrowsAsync<NotFoundException>(() => county.As<DecideAccountabilityCase>(county.Admin).HandleAsync(new(Guid.NewGuid(), 1, AccountabilityStatus.Decided, AccountabilityMeasure.Admonition, county.Today)));
        await county.As<DecideAccountabilityCase>(county.Admin).HandleAsync(new(saved.Id, 1, AccountabilityStatus.Decided, AccountabilityMeasure.Admonition, county.Today));
        var row = (await county.As<ListAccountabilityCases>(county.Inspector).HandleAsync()).Single();
        Assert.Equal((AccountabilityStatus.Decided, AccountabilityMeasure.Admonition, 2), (row.Status, row.Measure, row.Version));
        var bad = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<RecordAccountabilityCase>(county.Inspector).HandleAsync(request with { FindingId = Guid.NewGuid(), Cause = "" }));
        Assert.Equal(["case.cause", "case.finding"], bad.Problems.Select(p => p.Code));
    }

    [Theory, BothDatabases]
    public async Task EvidenceUploads_FollowTheUploadRules(DbProvider provider)
    {
        var f = await FixtureAsync(provider);
        await using var county = f.County;
        var saved = await county.As<RecordFinding>(county.Inspector).HandleAsync(new(f.Inspection, FindingCategory.Other, "宣传栏陈旧", f.Team, county.Today.AddDays(3), FindingTarget.Village, county.Villages[Huangbo].Id));
        var attach = county.As<AttachFindingEvidence>(county.VillageOfficer(Huangbo));
        async Task<string> Refusal(string name, byte[] content) =>
            (await Assert.ThrowsAsync<InvalidRequestException>(() => attach.HandleAsync(new(saved.Id, true, name, new MemoryStream(content))))).Problems.Single().Code;
        Assert.Equal("upload.name_path", await Refusal("../整改.pdf", Pdf));
        Assert.Equal("upload.type", await Refusal("整改.exe", Pdf));
        Assert.Equal("upload.content_mismatch", await Refusal("整改.pdf", Encoding.ASCII.GetBytes("MZ not a pdf")));
        Assert.Equal("upload.empty", await Refusal("整改.pdf", []));
        // The village officer files rectification evidence, not the inspector's evidence of the problem.
        await Assert.ThrowsAsync<ForbiddenException>(() => attach.HandleAsync(new(saved.Id, false, "问题.pdf", new MemoryStream(Pdf))));
        var problem = await county.As<AttachFindingEvidence>(county.Inspector).HandleAsync(new(saved.Id, false, "问题照片.pdf", new MemoryStream(Pdf)));
        var file = await county.As<ReadFindingEvidence>(county.VillageOfficer(Huangbo)).HandleAsync(problem.Id);
        Assert.Equal(Pdf, file.Content);
        await Assert.ThrowsAsync<NotFoundException>(() => county.As<ReadFindingEvidence>(county.VillageOfficer(Laocha)).HandleAsync(problem.Id));
    }
}
