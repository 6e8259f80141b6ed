using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Plan;
using Tuopin.Application.Registry;
using Tuopin.Application.Storage;
using Tuopin.Domain.Registry;
using Tuopin.Testing;

namespace Tuopin.Application.Tests.Plan;

public sealed class ProgressTests
{
    /// <summary>
    /// Hand-counted fixture. Every village has 100 registered people, except 石桥村 with 20.
    /// a: 三胡乡/黄柏园村 (poor, exits 2016), 3 people, out in 2015.
    /// b: 三胡乡/石桥村 (poor, exits 2016), 1 person, still poor.
    /// c: 翔凤镇/老茶村 (not poor; zone 翔凤红花), 2 people, out in 2016.
    /// d: 翔凤镇/马鬃岭村 (poor, exits 2017), 2 people, out in 2014.
    /// </summary>
    private static async Task<TestCounty> FixtureAsync(DbProvider provider)
    {
        var county = await TestCounty.CreateAsync(provider);
        await county.QueryAsync(async db =>
        {
            await LoadPlan.RunAsync(db, PlanDocument.BuiltIn(), "laifeng-plan.json");
            await db.Villages.ExecuteUpdateAsync(s => s.SetProperty(v => v.RegisteredPopulation, 100));
            var shiqiao = county.Villages["三胡乡/石桥村"].Id;
            return await db.Villages.Where(v => v.Id == shiqiao).ExecuteUpdateAsync(s => s.SetProperty(v => v.RegisteredPopulation, 20));
        });
        var a = await county.AddHouseholdAsync("三胡乡/黄柏园村", Build.Member(), Build.Member(Relation.Spouse, Sex.Female), Build.Member(Relation.Son));
        await county.AddHouseholdAsync("三胡乡/石桥村", Build.Member());
        var c = await county.AddHouseholdAsync("翔凤镇/老茶村", Build.Member(), Build.Member(Relation.Daughter, Sex.Female));
        var d = await county.AddHouseholdAsync("翔凤镇/马鬃岭村", Build.Member(), Build.Member(Relation.Spouse, Sex.Female));
        await ExitAsync(county, a, 2015);
        await ExitAsync(county, c, 2016);
        await ExitAsync(county, d, 2014);
        return county;
    }

    [Theory, BothDatabases]
    public async Task Progress_CountsTargetsAndActuals_ByYearTownshipZoneAndVillage(DbProvider provider)
    {
        await using var county = await FixtureAsync(provider);
        var villagesIn三胡乡 = county.Villages.Keys.Count(k => k.StartsWith("三胡乡/", StringComparison.Ordinal));

        var r = await county.As<GetProgress>(county.Admin).HandleAsync(new GetProgress.Query(2016));

        Assert.Equal(2016, r.Year);
        Assert.Equal(new DateOnly(2016, 12, 31), r.AsOf);
        Assert.Equal(1, r.PlanVersion);
        Assert.Equal(2m, r.IncidenceThreshold);
        // Years: 2015 counts 2014's exits too (the plan's "including 2014"); 2017 is after the reporting year.
        var y2015 = r.Years.Single(y => y.Year == 2015);
        Assert.Equal((15_323, 55_184), (y2015.Target.Households, y2015.Target.People));
        Assert.Equal([2014, 2015], y2015.CountedYears);
        Assert.Equal((2, 5), (y2015.Actual!.Households, y2015.Actual.People));
        Assert.Equal((2, 3), (y2015.ActualRemaining!.Households, y2015.ActualRemaining.People));
        Assert.Equal((21_897 - 15_323, 78_913 - 55_184), (y2015.PlannedRemaining.Households, y2015.PlannedRemaining.People));
        var y2016 = r.Years.Single(y => y.Year == 2016);
        Assert.Equal((1, 2), (y2016.Actual!.Households, y2016.Actual.People));
        Assert.Equal((1, 1), (y2016.ActualRemaining!.Households, y2016.ActualRemaining.People));
        Assert.Equal(20, y2016.PoorVillagesTarget);
        Assert.Equal(19, y2016.PoorVillagesMeeting); // all 20 but 石桥村 (5% of its 20 people are still poor)
        Assert.True(y2016.Behind);
        Assert.Null(r.Years.Single(y => y.Year == 2017).Actual);

        // County: 4 households of 8 people, 3 (7) out by 2016, 1 (1) left over 196 villages' population.
        Assert.Equal((4, 8), (r.County.Registered.Households, r.County.Registered.People));
        Assert.Equal((3, 7), (r.County.Exited.Households, r.County.Exited.People));
        Assert.Equal((1, 1), (r.County.Remaining.Households, r.County.Remaining.People));
        Assert.Equal(195 * 100 + 20, r.County.Population);
        Assert.Equal(Math.Round(100m / 19_520, 2), r.County.IncidenceRate);
        Assert.Equal(GetProgress.OnTrack, r.County.Status);

        var sanhu = r.Townships.Single(t => t.Name == "三胡乡");
        Assert.Equal((2, 4), (sanhu.Registered.Households, sanhu.Registered.People));
        Assert.Equal((1, 1), (sanhu.Remaining.Households, sanhu.Remaining.People));
        Assert.Equal((villagesIn三胡乡 - 1) * 100 + 20, sanhu.Population);
        Assert.Equal(GetProgress.Done, sanhu.Status); // 1 of about 2,000 people is under 2%
        Assert.Equal(3, sanhu.PoorVillages);
        Assert.Equal(2, sanhu.PoorVillagesMeeting);
        var xiangfeng = r.Townships.Single(t => t.Name == "翔凤镇");
        Assert.Equal((2, 4), (xiangfeng.Exited.Households, xiangfeng.Exited.People));
        Assert.Equal([(2014, 1, 2), (2016, 1, 2)], xiangfeng.Exits.Select(e => (e.Year, e.Households, e.People)).ToList());

        var shiqiao = r.Villages.Single(v => v.Name == "石桥村");
        Assert.Equal(5.00m, shiqiao.IncidenceRate);
        Assert.Equal(GetProgress.Behind, shiqiao.Status);
        Assert.Equal(GetProgress.Done, r.Villages.Single(v => v.Name == "黄柏园村").Status);
        Assert.Equal(GetProgress.NoTarget, r.Villages.Single(v => v.Name == "老茶村").Status);

        var zone = r.Zones.Single(z => z.Name == "三胡黄石");
        Assert.Equal((2, 4), (zone.Registered.Households, zone.Registered.People));
        Assert.Equal((1, 1), (zone.Remaining.Households, zone.Remaining.People));
        Assert.Equal((1, 2), (r.Zones.Single(z => z.Name == "翔凤红花").Exited.Households, r.Zones.Single(z => z.Name == "翔凤红花").Exited.People));

        // Who is behind, with the responsible unit named; the 2016 self-assessment deadline has passed with a village short of the standard.
        var behind = Assert.Single(r.Alerts, a => a.Kind == "behind");
        Assert.Equal("三胡乡石桥村", behind.Unit);
        Assert.Contains("驻村工作队长", behind.Responsible, StringComparison.Ordinal);
        Assert.Contains(r.Alerts, a => a.Kind == "year_behind" && a.Unit == "2015年减贫");
        var selfAssessment = r.Deadlines.Single(d => d.Id == "self_assessment_2016");
        Assert.Equal(GetProgress.Missed, selfAssessment.Status);
        Assert.Contains(r.Alerts, a => a.Kind == "deadline_missed" && a.Unit == selfAssessment.Name && a.Responsible == selfAssessment.Responsible);
        Assert.Equal(GetProgress.Open, r.Deadlines.Single(d => d.Id == "self_assessment_2017").Status);
        Assert.Equal(GetProgress.NotRecorded, r.Deadlines.Single(d => d.Id == "half_year_2016").Status);
        // Targets the registry cannot answer are listed, with no made-up actual.
        Assert.Equal(10, r.Conditions.Count);
        Assert.All(r.Conditions.Concat(r.OtherTargets), t => Assert.Null(t.Actual));

        // Once a village reports its conditions, the condition targets carry the year's coverage from those records.
        await county.As<Tuopin.Application.Conditions.SaveVillageCondition>(county.Admin).HandleAsync(new Tuopin.Application.Conditions.SaveVillageCondition.Request(county.Villages["三胡乡/黄柏园村"].Id, r.Year,
            new Tuopin.Application.Conditions.ConditionFields { HardenedRoad = true, NaturalVillages = 4, NaturalVillagesWithRoad = 3, Households = 100, PipedWaterHouseholds = 90, SafeWaterHouseholds = 100, ElectricityHouseholds = 100, RadioTvHouseholds = 100 }));
        var reported = await county.As<GetProgress>(county.Admin).HandleAsync(new GetProgress.Query(r.Year));
        Assert.Equal(100m, reported.Conditions.Single(c => c.Key == "conditions.road_admin").Actual);
        Assert.Equal(75m, reported.Conditions.Single(c => c.Key == "conditions.road_natural").Actual);
        Assert.Equal(90m, reported.Conditions.Single(c => c.Key == "conditions.piped_water").Actual);
        var unanswered = reported.OtherTargets.Where(t => t.Kind is "industry" or "training").ToList();
        Assert.NotEmpty(unanswered);
        Assert.All(unanswered, t => Assert.Null(t.Actual));
    }

    [Theory, BothDatabases]
    public async Task Progress_AsOfAnEarlierYear_CountsLaterExitsAsRemaining(DbProvider provider)
    {
        await using var county = await FixtureAsync(provider);

        var r = await county.As<GetProgress>(county.Admin).HandleAsync(new GetProgress.Query(2015));

        Assert.Equal((2, 3), (r.County.Remaining.Households, r.County.Remaining.People));
        Assert.Null(r.Years.Single(y => y.Year == 2016).Actual);
        Assert.Equal(GetProgress.OnTrack, r.Villages.Single(v => v.Name == "石桥村").Status);
        Assert.DoesNotContain(r.Alerts, a => a.Kind == "behind");

        // The numbers click through to the same households: still poor at the end of 2015 (b, c), out by then (a, d).
        var list = county.As<ListHouseholds>(county.Admin);
        Assert.Equal(r.County.Remaining.Households, (await list.HandleAsync(new ListHouseholds.Query { PoorAtEndOf = 2015 })).Total);
        Assert.Equal(r.County.Exited.Households, (await list.HandleAsync(new ListHouseholds.Query { ExitedBy = 2015 })).Total);
        Assert.Equal(2, r.County.Exited.Households);
    }

    [Theory, BothDatabases]
    public async Task ATownshipOfficer_SeesOnlyItsOwnTownshipsProgress(DbProvider provider)
    {
        await using var county = await FixtureAsync(provider);

        var r = await county.As<GetProgress>(county.TownshipOfficer("三胡乡")).HandleAsync(new GetProgress.Query(2016));

        Assert.Equal("三胡乡", r.AreaName);
        Assert.Equal("三胡乡", Assert.Single(r.Townships).Name);
        Assert.NotEmpty(r.Villages);
        Assert.All(r.Villages, v => Assert.Equal("三胡乡", v.TownshipName));
        Assert.Equal((2, 4), (r.County.Registered.Households, r.County.Registered.People));
        Assert.DoesNotContain(r.Zones, z => z.Name == "翔凤红花");
        // The county's yearly targets, beside the township's own exits (only a's 3 people in 2014–2015), not judged.
        var y2015 = r.Years.Single(y => y.Year == 2015);
        Assert.Equal((1, 3), (y2015.Actual!.Households, y2015.Actual.People));
        Assert.False(y2015.Behind);
        Assert.Equal("三胡乡石桥村", Assert.Single(r.Alerts).Unit);
    }

    [Theory, BothDatabases]
    public async Task TheCountyAdministrator_EditsThePlan_AsANewAuditedVersion(DbProvider provider)
    {
        await using var county = await FixtureAsync(provider);
        var current = await county.As<GetPlan>(county.Admin).HandleAsync();
        var edited = current.Plan.Clone();
        edited.Years.Single(y => y.Year == 2016).Households = 5_300;
        edited.Conditions.Single(c => c.Id == "bus").Responsible = "县交通运输局运管所";
        edited.Deadlines.Single(d => d.Id == "self_assessment_2016").Date = new DateOnly(2016, 12, 10);

        var result = await county.As<UpdatePlan>(county.Admin).HandleAsync(new UpdatePlan.Request(current.Version, edited, "州里下达的调整"));

        Assert.Equal(2, result.Version);
        Assert.Contains("years.2016.households: 5217 → 5300", result.Changes);
        Assert.Contains(result.Changes, c => c.StartsWith("conditions.bus.responsible:", StringComparison.Ordinal));
        Assert.Contains("deadlines.self_assessment_2016.date: 2016-12-15 → 2016-12-10", result.Changes);
        Assert.Equal(3, result.Changes.Count);
        var after = await county.As<GetPlan>(county.Inspector).HandleAsync();
        Assert.Equal(2, after.Version);
        Assert.Equal([2, 1], after.History.Select(h => h.Version).ToList());
        Assert.Equal("州里下达的调整", after.History[0].Reason);
        Assert.Equal(5_300, after.Plan.Years.Single(y => y.Year == 2016).Households);
        var audit = await county.QueryAsync(db => db.AuditEntries.Where(e => e.EntityType == nameof(PlanVersion) && e.UserName == "县管理员").ToListAsync());
        var entry = Assert.Single(audit);
        Assert.Contains("5300", entry.Changes, StringComparison.Ordinal);
        Assert.Equal("州里下达的调整", entry.Reason);
        var progress = await county.As<GetProgress>(county.Admin).HandleAsync(new GetProgress.Query(2016));
        Assert.Equal(5_300, progress.Years.Single(y => y.Year == 2016).Target.Households);

        // Someone else's edit of the old version is refused; so is any edit by a township.
        await Assert.ThrowsAsync<ConflictException>(() => county.As<UpdatePlan>(county.Admin).HandleAsync(new UpdatePlan.Request(1, edited, null)));
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<UpdatePlan>(county.TownshipOfficer("三胡乡")).HandleAsync(new UpdatePlan.Request(2, edited, null)));
        var bad = after.Plan.Clone();
        bad.Conditions[0].Target = 120;
        var invalid = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<UpdatePlan>(county.Admin).HandleAsync(new UpdatePlan.Request(2, bad, null)));
        Assert.Equal("conditions.road_admin.target", Assert.Single(invalid.Problems).Field);
    }

    private static async Task ExitAsync(TestCounty county, Guid id, int year)
    {
        var h = await county.As<GetHousehold>(county.Admin).HandleAsync(id);
        await county.As<ChangeHouseholdStatus>(county.Admin).HandleAsync(new ChangeHouseholdStatus.Request(id, h.Version, HouseholdStatus.Exited, year, new DateOnly(year, 12, 15), "测试"));
    }
}
