using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Assistance;
using Tuopin.Application.Common;
using Tuopin.Application.Notices;
using Tuopin.Application.Projects;
using Tuopin.Application.Storage;
using Tuopin.Application.Tests.Funds;
using Tuopin.Domain.Assistance;
using Tuopin.Domain.Notices;
using Tuopin.Domain.Registry;
using Tuopin.Testing;

namespace Tuopin.Application.Tests.Projects;

/// <summary>
/// What the project page picks its beneficiaries from (<see cref="GetProjectBeneficiaries"/>), a project's own objections
/// (<see cref="ListObjections"/> by target) and the plan's day, on both databases.
/// </summary>
public sealed class ProjectBeneficiariesViewTests
{
    private const string Village = FundsFixture.Village, Other = FundsFixture.Other;

    [Theory, BothDatabases]
    public async Task TheChoice_IsTheProjectsVillagesHouseholds_NotRemoved_WithTheBeneficiariesMeasures_AndOnlyTheOwnerSetsThem(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var (a, b) = (await county.AddHouseholdAsync(Village, Build.Member(name: "甲户主")), await county.AddHouseholdAsync(Village, Build.Member(name: "乙户主")));
        var removed = await county.AddHouseholdAsync(Village);
        var elsewhere = await county.AddHouseholdAsync(Other);
        await county.QueryAsync(async db => { (await db.Households.SingleAsync(h => h.Id == removed)).Status = HouseholdStatus.Removed; return await db.SaveChangesAsync(); });
        var measure = await county.As<RecordMeasure>(county.Admin).HandleAsync(new(a, new RecordMeasure.Fields(2016, MeasureType.Industry, "种植茶叶5亩", Amount: 2_000m)));
        await county.As<RecordMeasure>(county.Admin).HandleAsync(new(a, new RecordMeasure.Fields(2016, MeasureType.Industry, "取消的措施", Status: MeasureStatus.Cancelled)));
        var project = await county.AddProjectAsync("BV", 50_000m, [Village], township: "三胡乡");
        var version = await county.QueryAsync(db => db.Projects.Where(p => p.Id == project).Select(p => p.Version).SingleAsync());
        await county.As<SetProjectBeneficiaries>(county.Admin).HandleAsync(new(project, version, [a]));

        var view = await county.As<GetProjectBeneficiaries>(county.TownshipOfficer("三胡乡")).HandleAsync(project);
        Assert.True(view.CanSet);
        Assert.Equal([a, b], view.Households.Select(h => h.Id).Order());
        Assert.DoesNotContain(view.Households, h => h.Id == removed || h.Id == elsewhere);
        var chosen = Assert.Single(view.Beneficiaries);
        Assert.Equal(("甲户主", "黄柏园村"), (chosen.Head, chosen.Village));
        Assert.Equal(measure.Id, Assert.Single(chosen.Measures).Id);

        Assert.False((await county.As<GetProjectBeneficiaries>(county.Inspector).HandleAsync(project)).CanSet);
        Assert.False((await county.As<GetProjectBeneficiaries>(county.VillageOfficer(Village)).HandleAsync(project)).CanSet);
        // Another township, another village: the project does not exist for them.
        await Assert.ThrowsAsync<NotFoundException>(() => county.As<GetProjectBeneficiaries>(county.TownshipOfficer("翔凤镇")).HandleAsync(project));
        await Assert.ThrowsAsync<NotFoundException>(() => county.As<GetProjectBeneficiaries>(county.VillageOfficer(Other)).HandleAsync(project));
    }

    [Theory, BothDatabases]
    public async Task AProjectsObjections_AreListedForItAlone_AndAPlanDatedAfterTodayIsRefused(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var one = await county.AddProjectAsync("O1", 10_000m, [Village], township: "三胡乡");
        var two = await county.AddProjectAsync("O2", 10_000m, [Village], township: "三胡乡");
        await county.QueryAsync(async db =>
        {
            foreach (var (target, text) in new[] { (one, "一号项目的异议"), (two, "二号项目的异议") })
                db.NoticeObjections.Add(new NoticeObjection
                {
                    Id = Guid.CreateVersion7(), Kind = NoticeKind.Project, TargetId = target, Year = 2016, CountyId = county.CountyId, TownshipId = county.Townships["三胡乡"], VillageId = county.Villages[Village].Id,
                    Text = text, ReceivedAt = county.Clock.GetUtcNow().UtcDateTime, Status = ObjectionStatus.Open, Version = 1, CreatedAt = county.Clock.GetUtcNow().UtcDateTime, UpdatedAt = county.Clock.GetUtcNow().UtcDateTime,
                });
            return await db.SaveChangesAsync();
        });
        var listed = await county.As<ListObjections>(county.Admin).HandleAsync(new(ObjectionStatus.Open, NoticeKind.Project, one));
        Assert.Equal("一号项目的异议", Assert.Single(listed).Text);
        Assert.Equal(2, (await county.As<ListObjections>(county.Admin).HandleAsync(new(ObjectionStatus.Open))).Count);

        var villageId = county.Villages[Village].Id;
        var late = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<PlanProject>(county.Admin).HandleAsync(new(new PlanProject.Fields(
            "明天的项目", Domain.Projects.ProjectCategory.Road, county.Today.Year, [villageId], county.Townships["三胡乡"], null, 1_000m, 1m, "公里", PlannedOn: county.Today.AddDays(1)))));
        Assert.Equal("plannedOn", Assert.Single(late.Problems).Field);
        var earlier = await county.As<PlanProject>(county.Admin).HandleAsync(new(new PlanProject.Fields(
            "早先谋划的项目", Domain.Projects.ProjectCategory.Road, county.Today.Year, [villageId], county.Townships["三胡乡"], null, 1_000m, 1m, "公里", PlannedOn: county.Today.AddDays(-30))));
        Assert.Equal(county.Today.AddDays(-30), await county.QueryAsync(db => db.ProjectSteps.Where(s => s.ProjectId == earlier.Id).Select(s => s.On).SingleAsync()));
    }
}
