using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Accounts;
using Tuopin.Application.Common;
using Tuopin.Application.Projects;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Projects;
using Tuopin.Testing;

namespace Tuopin.Application.Tests.Projects;

/// <summary>The project library on both databases: the whole lifecycle with its records and audit, refusals that write
/// nothing, the role and area rules (another township, another department, an inspector, a village officer), the counts
/// from the registry and the list's filters.</summary>
public sealed class ProjectsTests
{
    private const string Village = "三胡乡/黄柏园村", Other = "翔凤镇/老茶村";

    private static Actor Department(TestCounty county, Department d) =>
        new(Guid.NewGuid(), Departments.Name(d).Zh, Role.LineDepartment, AreaScope.County(county.CountyId), d);

    private static PlanProject.Fields Road(TestCounty county, string village = Village, Guid? township = null, Department? department = null, int year = 2016, string name = "黄柏园村通组公路") =>
        new(name, ProjectCategory.Road, year, [county.Villages[village].Id], township ?? (department is null ? county.Townships[village.Split('/')[0]] : null), department,
            1_000_000m, 3.2m, "公里", Integrated: true, PlannedOn: new DateOnly(year, 1, 10));

    private static Task<int> StepsOf(TestCounty county, Guid id) => county.QueryAsync(db => db.ProjectSteps.CountAsync(s => s.ProjectId == id));

    [Theory, BothDatabases]
    public async Task TheLifecycle_IsTakenInOrder_EachStepRecordedAndAudited_AndRefusalsWriteNothing(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var township = county.TownshipOfficer("三胡乡");
        var planned = await county.As<PlanProject>(township).HandleAsync(new PlanProject.Request(Road(county), "村民代表大会提出", "年度项目库"));
        Assert.Equal((1, ProjectStep.Planned), (planned.Version, planned.Step));
        var code = await county.QueryAsync(db => db.Projects.Select(p => p.Code).SingleAsync());
        Assert.Equal("LF2016-11-001", code);

        // Out of order: approval before the application, refused with the reason, nothing written.
        var early = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<ApproveProject>(county.Admin).HandleAsync(new ApproveProject.Request(planned.Id, 1, new DateOnly(2016, 2, 1), "来扶贫发〔2016〕1号")));
        Assert.Contains("下一步应为「申报」", Assert.Single(early.Problems).Message.Zh, StringComparison.Ordinal);
        Assert.Equal(1, await StepsOf(county, planned.Id));

        var applied = await county.As<ApplyForProject>(township).HandleAsync(new ApplyForProject.Request(planned.Id, 1, new DateOnly(2016, 1, 20), "三胡政文〔2016〕5号"));
        // The township does not approve; the county does, and not without a document number.
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<ApproveProject>(township).HandleAsync(new ApproveProject.Request(planned.Id, applied.Version, new DateOnly(2016, 2, 1), "x")));
        await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<ApproveProject>(county.Admin).HandleAsync(new ApproveProject.Request(planned.Id, applied.Version, new DateOnly(2016, 2, 1), " ")));
        // A stale version is a conflict.
        await Assert.ThrowsAsync<ConflictException>(() => county.As<ApproveProject>(county.Admin).HandleAsync(new ApproveProject.Request(planned.Id, 1, new DateOnly(2016, 2, 1), "来扶贫发〔2016〕1号")));
        Assert.Equal(2, await StepsOf(county, planned.Id));
        var approved = await county.As<ApproveProject>(county.Admin).HandleAsync(new ApproveProject.Request(planned.Id, applied.Version, new DateOnly(2016, 2, 1), "来扶贫发〔2016〕1号"));

        // The notice: the county raises its minimum to 10 days; 7 is then refused, 10 allowed.
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<SetProjectNoticeDays>(township).HandleAsync(10));
        await county.As<SetProjectNoticeDays>(county.Admin).HandleAsync(10, "县领导小组决定");
        var shortNotice = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<PublishProjectNotice>(township).HandleAsync(new PublishProjectNotice.Request(planned.Id, approved.Version, new DateOnly(2016, 2, 5), 7)));
        Assert.Contains("不得少于10天", shortNotice.Problems[0].Message.Zh, StringComparison.Ordinal);
        var notice = await county.As<PublishProjectNotice>(township).HandleAsync(new PublishProjectNotice.Request(planned.Id, approved.Version, new DateOnly(2016, 2, 5), 10));

        // Tender: not while the notice runs, not over budget, not while an objection holds it.
        var during = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<RecordProjectTender>(township).HandleAsync(new RecordProjectTender.Request(planned.Id, notice.Version, new DateOnly(2016, 2, 14), "来凤县路桥公司", 900_000m)));
        Assert.Contains("公示期到 2016-02-14 才结束", during.Problems[0].Message.Zh, StringComparison.Ordinal);
        var over = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<RecordProjectTender>(township).HandleAsync(new RecordProjectTender.Request(planned.Id, notice.Version, new DateOnly(2016, 2, 20), "来凤县路桥公司", 1_000_000.01m)));
        Assert.Contains("超过项目预算", over.Problems[0].Message.Zh, StringComparison.Ordinal);
        await county.QueryAsync(async db => { var p = await db.Projects.SingleAsync(); p.HeldByObjection = true; return await db.SaveChangesAsync(); });
        var held = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<RecordProjectTender>(township).HandleAsync(new RecordProjectTender.Request(planned.Id, notice.Version, new DateOnly(2016, 2, 20), "来凤县路桥公司", 900_000m)));
        Assert.Contains("异议", held.Problems[0].Message.Zh, StringComparison.Ordinal);
        await county.QueryAsync(async db => { var p = await db.Projects.SingleAsync(); p.HeldByObjection = false; return await db.SaveChangesAsync(); });
        Assert.Equal(4, await StepsOf(county, planned.Id));

        var tender = await county.As<RecordProjectTender>(township).HandleAsync(new RecordProjectTender.Request(planned.Id, notice.Version, new DateOnly(2016, 2, 20), "来凤县路桥公司", 900_000m, "LFZB-2016-011"));
        var started = await county.As<StartProject>(township).HandleAsync(new StartProject.Request(planned.Id, tender.Version, new DateOnly(2016, 3, 1)));
        var progress = await county.As<ReportProjectProgress>(township).HandleAsync(new ReportProjectProgress.Request(planned.Id, started.Version, new DateOnly(2016, 5, 1), 60, "路基完成"));
        await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<ReportProjectProgress>(township).HandleAsync(new ReportProjectProgress.Request(planned.Id, progress.Version, new DateOnly(2016, 5, 2), 50)));
        var noResult = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<AcceptProject>(township).HandleAsync(new AcceptProject.Request(planned.Id, progress.Version, new DateOnly(2016, 9, 1), "县交通局", "")));
        Assert.Contains("验收结论", noResult.Problems[0].Message.Zh, StringComparison.Ordinal);
        var accepted = await county.As<AcceptProject>(township).HandleAsync(new AcceptProject.Request(planned.Id, progress.Version, new DateOnly(2016, 9, 1), "县交通局、三胡乡政府", "合格"));
        var reimbursed = await county.As<ReimburseProject>(township).HandleAsync(new ReimburseProject.Request(planned.Id, accepted.Version, new DateOnly(2016, 10, 1), "报账凭证2016-101"));
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<CloseProject>(township).HandleAsync(new CloseProject.Request(planned.Id, reimbursed.Version, new DateOnly(2016, 12, 1))));
        var closed = await county.As<CloseProject>(county.Admin).HandleAsync(new CloseProject.Request(planned.Id, reimbursed.Version, new DateOnly(2016, 12, 1), Reason: "年度销号"));
        Assert.Equal(ProjectStep.Closed, closed.Step);
        await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<CloseProject>(county.Admin).HandleAsync(new CloseProject.Request(planned.Id, closed.Version, new DateOnly(2016, 12, 2))));

        var project = await county.As<GetProject>(county.Inspector).HandleAsync(planned.Id);
        Assert.Equal([ProjectStep.Planned, ProjectStep.Applied, ProjectStep.Approved, ProjectStep.Notice, ProjectStep.Tendered, ProjectStep.Implementing, ProjectStep.Implementing,
            ProjectStep.Accepted, ProjectStep.Reimbursed, ProjectStep.Closed], project.Steps.Select(s => s.Step));
        Assert.Equal(("来扶贫发〔2016〕1号", new DateOnly(2016, 2, 14), 900_000m, 100, "三胡乡"), (project.ApprovalDocumentNumber, project.NoticeEndsOn!.Value, project.ContractAmount!.Value, project.ProgressPercent, project.Responsible));
        Assert.Equal(("来扶贫发〔2016〕1号", "县管理员"), (project.Steps[2].DocumentNumber, project.Steps[2].By));
        Assert.Null(project.NextStep);
        Assert.True(await county.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(Project) && a.EntityId == planned.Id && a.Reason == "年度销号")));
    }

    [Theory, BothDatabases]
    public async Task AnotherTownship_AnotherDepartment_AnInspector_AndAVillageOfficer_AreRefusedWrites_AndReadOnlyTheirArea(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var transport = Department(county, Domain.Accounts.Department.Transport);
        var water = Department(county, Domain.Accounts.Department.Water);
        var road = await county.As<PlanProject>(transport).HandleAsync(new PlanProject.Request(Road(county, department: Domain.Accounts.Department.Transport)));
        var own = await county.As<PlanProject>(county.TownshipOfficer("三胡乡")).HandleAsync(new PlanProject.Request(Road(county, name: "黄柏园村安全饮水")));

        // Planning for someone else is refused, nothing written.
        var notOwn = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<PlanProject>(water).HandleAsync(new PlanProject.Request(Road(county, department: Domain.Accounts.Department.Transport, name: "x"))));
        Assert.Equal("project.not_own", notOwn.Problems[0].Code);
        await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<PlanProject>(county.TownshipOfficer("翔凤镇")).HandleAsync(new PlanProject.Request(Road(county, name: "y"))));
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<PlanProject>(county.Inspector).HandleAsync(new PlanProject.Request(Road(county, name: "z"))));
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<PlanProject>(county.VillageOfficer(Village)).HandleAsync(new PlanProject.Request(Road(county, name: "w"))));
        Assert.Equal(2, await county.QueryAsync(db => db.Projects.CountAsync()));

        // Steps on someone else's project: another department, another township (which does not even see it), an inspector, a village officer.
        var apply = (Actor a, Guid id) => county.As<ApplyForProject>(a).HandleAsync(new ApplyForProject.Request(id, 1, new DateOnly(2016, 1, 20)));
        await Assert.ThrowsAsync<ForbiddenException>(() => apply(water, road.Id));
        await Assert.ThrowsAsync<ForbiddenException>(() => apply(county.TownshipOfficer("三胡乡"), road.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => apply(county.TownshipOfficer("翔凤镇"), own.Id));
        await Assert.ThrowsAsync<ForbiddenException>(() => apply(county.Inspector, road.Id));
        await Assert.ThrowsAsync<ForbiddenException>(() => apply(county.VillageOfficer(Village), road.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => apply(county.VillageOfficer(Other), road.Id));
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<FlagProject>(transport).HandleAsync(new FlagProject.Request(road.Id, 1, true, "x")));
        Assert.Equal(2, await county.QueryAsync(db => db.ProjectSteps.CountAsync()));
        Assert.Equal(1, await apply(transport, road.Id).ContinueWith(t => t.Result.Version - 1));

        // Reading: the village sees its projects, another village none; the other township none; the inspector all.
        Assert.Equal(2, (await county.As<ListProjects>(county.VillageOfficer(Village)).HandleAsync(new ListProjects.Request())).Total);
        Assert.Equal(0, (await county.As<ListProjects>(county.VillageOfficer(Other)).HandleAsync(new ListProjects.Request())).Total);
        Assert.Equal(0, (await county.As<ListProjects>(county.TownshipOfficer("翔凤镇")).HandleAsync(new ListProjects.Request())).Total);
        await Assert.ThrowsAsync<NotFoundException>(() => county.As<GetProject>(county.VillageOfficer(Other)).HandleAsync(road.Id));
        var seen = await county.As<GetProject>(county.VillageOfficer(Village)).HandleAsync(road.Id);
        Assert.False(seen.CanTakeNext);
        Assert.NotNull(seen.NextRefusal);

        // The inspector flags (recorded in the history) and clears.
        var flagged = await county.As<FlagProject>(county.Inspector).HandleAsync(new FlagProject.Request(road.Id, 2, true, "审计发现预算偏高"));
        var list = await county.As<ListProjects>(county.Inspector).HandleAsync(new ListProjects.Request(Flagged: true));
        Assert.Equal(road.Id, Assert.Single(list.Items).Id);
        await county.As<FlagProject>(county.Admin).HandleAsync(new FlagProject.Request(road.Id, flagged.Version, false, "已整改"));
        Assert.Contains((await county.As<GetProject>(county.Inspector).HandleAsync(road.Id)).Steps, s => s.Note == "审计/问责标记：审计发现预算偏高");
    }

    [Theory, BothDatabases]
    public async Task Beneficiaries_AreRegistryHouseholdsOfTheProjectsVillages_AndThePoorAreCountedFromTheRegistry(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var a = await county.AddHouseholdAsync(Village, Build.Member(), Build.Member(relation: Domain.Registry.Relation.Spouse));
        var b = await county.AddHouseholdAsync(Village);
        var elsewhere = await county.AddHouseholdAsync(Other);
        var township = county.TownshipOfficer("三胡乡");
        var saved = await county.As<PlanProject>(township).HandleAsync(new PlanProject.Request(Road(county)));

        var outside = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<SetProjectBeneficiaries>(county.Admin).HandleAsync(new SetProjectBeneficiaries.Request(saved.Id, 1, [a, elsewhere])));
        Assert.Equal("project.household_village", Assert.Single(outside.Problems).Code);
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<SetProjectBeneficiaries>(county.VillageOfficer(Village)).HandleAsync(new SetProjectBeneficiaries.Request(saved.Id, 1, [a])));
        Assert.Equal(0, await county.QueryAsync(db => db.ProjectBeneficiaries.CountAsync()));

        var set = await county.As<SetProjectBeneficiaries>(township).HandleAsync(new SetProjectBeneficiaries.Request(saved.Id, 1, [a, b], "入户核实"));
        Assert.Equal((2, 2), (set.Version, set.Households));
        var project = await county.As<GetProject>(county.Admin).HandleAsync(saved.Id);
        Assert.Equal((2, 3), (project.BeneficiaryHouseholds, project.PoorPeople));
        Assert.Equal("黄柏园村", Assert.Single(project.Villages).Name);
        // Replacing the list removes the household no longer named.
        await county.As<SetProjectBeneficiaries>(township).HandleAsync(new SetProjectBeneficiaries.Request(saved.Id, 2, [b]));
        Assert.Equal((1, 1), ((await county.As<GetProject>(county.Admin).HandleAsync(saved.Id)).BeneficiaryHouseholds, (await county.As<GetProject>(county.Admin).HandleAsync(saved.Id)).PoorPeople));
    }

    [Theory, BothDatabases]
    public async Task TheList_FiltersByYearStepCategoryTownshipAndDepartment(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var transport = Department(county, Domain.Accounts.Department.Transport);
        var a = await county.As<PlanProject>(transport).HandleAsync(new PlanProject.Request(Road(county, department: Domain.Accounts.Department.Transport, year: 2015, name: "a")));
        await county.As<PlanProject>(county.Admin).HandleAsync(new PlanProject.Request(Road(county, Other, year: 2016, name: "b") with { Category = ProjectCategory.Water }));
        await county.As<PlanProject>(county.Admin).HandleAsync(new PlanProject.Request(Road(county, year: 2016, name: "c")));
        await county.As<ApplyForProject>(transport).HandleAsync(new ApplyForProject.Request(a.Id, 1, new DateOnly(2015, 2, 1)));
        var list = county.As<ListProjects>(county.Admin);
        Assert.Equal(["a"], (await list.HandleAsync(new ListProjects.Request(Year: 2015))).Items.Select(r => r.Name));
        Assert.Equal(["a"], (await list.HandleAsync(new ListProjects.Request(Step: ProjectStep.Applied))).Items.Select(r => r.Name));
        Assert.Equal(["b"], (await list.HandleAsync(new ListProjects.Request(Category: ProjectCategory.Water))).Items.Select(r => r.Name));
        Assert.Equal(["b"], (await list.HandleAsync(new ListProjects.Request(TownshipId: county.Townships["翔凤镇"]))).Items.Select(r => r.Name));
        Assert.Equal(["c", "a"], (await list.HandleAsync(new ListProjects.Request(TownshipId: county.Townships["三胡乡"]))).Items.Select(r => r.Name));
        var dept = Assert.Single((await list.HandleAsync(new ListProjects.Request(Department: Domain.Accounts.Department.Transport))).Items);
        Assert.Equal(("a", "交通运输局", "黄柏园村", 1), (dept.Name, dept.Responsible, dept.FirstVillage, dept.Villages));
    }

    [Theory, BothDatabases]
    public async Task TheImport_IsAllOrNothing_NamingRowAndColumn_AndAgainChangesNothing(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var code = await county.QueryAsync(db => db.Villages.Where(v => v.Name == "黄柏园村").Select(v => v.Code).SingleAsync());
        const string header = "项目编号,项目名称,项目类别,年度,所在村,实施单位,预算（元）,建设规模,单位,五统一";
        var bad = string.Join("\n", header,
            "LF2016-11-101,黄柏园村通组公路,小康路,2016,三胡乡/黄柏园村,三胡乡,800000,3.2,公里,是",
            "LF2016-12-101,某村饮水,小康水,2016,没有这个村,三胡乡,200000,1,处,",
            "LF2016-12-102,某村饮水二,小康星,2016,黄柏园村,不存在局,0,1,处,");
        var refused = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<ImportProjects>(county.Admin)
            .HandleAsync(new ImportProjects.Request(new MemoryStream(CsvReader.Gb18030.GetBytes(bad)), "项目库.csv")));
        var messages = refused.Problems.Select(p => p.Message.Zh).ToList();
        Assert.Contains(messages, m => m.StartsWith("第 3 行，所在村", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("第 4 行，项目类别", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("第 4 行，实施单位", StringComparison.Ordinal));
        Assert.Equal(0, await county.QueryAsync(db => db.Projects.CountAsync()));

        var good = string.Join("\n", header,
            "LF2016-11-101,黄柏园村通组公路,小康路,2016,三胡乡/黄柏园村,三胡乡,800000,3.2,公里,是",
            $",黄柏园村产业路,11,2016,{code},交通运输局,500000.50,2,公里,");
        var imported = await county.As<ImportProjects>(county.Admin).HandleAsync(new ImportProjects.Request(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(good)), "项目库.csv"));
        Assert.Equal((2, 2, 0), (imported.Rows, imported.Created, imported.Unchanged));
        var stored = await county.QueryAsync(db => db.Projects.OrderBy(p => p.Code).Select(p => new { p.Code, p.ResponsibleDepartment, p.Budget.Fen, p.Integrated }).ToListAsync());
        Assert.Equal([("LF2016-11-001", (Department?)Domain.Accounts.Department.Transport, 500_000_50L, false), ("LF2016-11-101", null, 800_000_00L, true)],
            stored.Select(p => (p.Code, p.ResponsibleDepartment, p.Fen, p.Integrated)));
        Assert.Equal(2, await county.QueryAsync(db => db.ProjectSteps.CountAsync(s => s.Step == ProjectStep.Planned)));
        var again = await county.As<ImportProjects>(county.Admin).HandleAsync(new ImportProjects.Request(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(good.Split('\n')[0] + "\n" + good.Split('\n')[1])), "项目库.csv"));
        Assert.Equal((0, 1), (again.Created, again.Unchanged));
        // A township imports only its own.
        await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<ImportProjects>(county.TownshipOfficer("翔凤镇"))
            .HandleAsync(new ImportProjects.Request(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(good)), "项目库.csv")));
    }
}
