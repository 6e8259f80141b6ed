using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Exit;
using Tuopin.Application.Registry;
using Tuopin.Application.Storage;
using Tuopin.Domain.Exit;
using Tuopin.Domain.Registry;
using Tuopin.Testing;

namespace Tuopin.Application.Tests.Exit;

public sealed class ProcedureTests
{
    private const string Village = "三胡乡/黄柏园村";
    private const string Township = "三胡乡";
    // The clock the test county registers (TimeProvider.System): a static field cannot reach a county.
    private static readonly DateOnly Today = TimeProvider.System.Today();
    private static readonly int Year = Today.Year;

    [Theory, BothDatabases]
    public async Task AVillageList_GoesThroughEveryStep_AndTheRegistryChangesOnlyAtTheAnnouncement(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var a = await county.AddHouseholdAsync(Village);
        var b = await county.AddHouseholdAsync(Village);
        var proposed = await Propose(county, a, b);

        var walked = new[] { ProcedureStep.DemocraticReview, ProcedureStep.Verification, ProcedureStep.HouseholdAgreement, ProcedureStep.PublicNotice };
        var day = Today.AddDays(-20);
        foreach (var step in walked)
        {
            await Step(county, county.VillageOfficer(Village), proposed.ProcedureIds, step, day);
            Assert.All(await Statuses(county, a, b), s => Assert.Equal(HouseholdStatus.NotExited, s));
        }
        await Step(county, county.TownshipOfficer(Township), proposed.ProcedureIds, ProcedureStep.TownshipReview, day.AddDays(7));
        await Step(county, county.Admin, proposed.ProcedureIds, ProcedureStep.CountyApproval, day.AddDays(10));
        Assert.All(await Statuses(county, a, b), s => Assert.Equal(HouseholdStatus.NotExited, s));

        await Step(county, county.Admin, proposed.ProcedureIds, ProcedureStep.Announcement, Today);

        var household = await county.As<GetHousehold>(county.Admin).HandleAsync(a);
        Assert.Equal(HouseholdStatus.Exited, household.Status);
        Assert.Equal(Year, household.ExitYear);
        Assert.Equal(HouseholdStatus.Exited, (await Statuses(county, b)).Single());
        var timeline = (await county.As<GetHouseholdProcedure>(county.VillageOfficer(Village)).HandleAsync(a)).Single();
        Assert.Equal(ProcedureRules.Order, timeline.Steps.Select(s => s.Step));
        Assert.Equal(county.TownshipOfficer(Township).UserName, timeline.Steps.Single(s => s.Step == ProcedureStep.TownshipReview).ActorName);
        Assert.Null(timeline.Next);
        var board = await county.As<GetProcedureBoard>(county.TownshipOfficer(Township)).HandleAsync(new GetProcedureBoard.Query(Year));
        Assert.Equal(2, board.AtStage[ProcedureStep.Announcement]);
        // The audit names who did each step.
        var audited = await county.QueryAsync(db => db.AuditEntries.CountAsync(e => e.EntityType == nameof(ProcedureStepRecord) && e.HouseholdId == a));
        Assert.Equal(8, audited);
    }

    [Theory, BothDatabases]
    public async Task TheAnnouncement_IsOneSave_ARefusedHouseholdLeavesTheWholeListAsItWas(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var a = await county.AddHouseholdAsync(Village);
        var b = await county.AddHouseholdAsync(Village);
        var proposed = await Propose(county, a, b);
        var day = Today.AddDays(-20);
        await WalkToNotice(county, proposed, day);
        await Step(county, county.TownshipOfficer(Township), proposed.ProcedureIds, ProcedureStep.TownshipReview, day.AddDays(7));
        await Step(county, county.Admin, proposed.ProcedureIds, ProcedureStep.CountyApproval, day.AddDays(10));

        // A birth in b is recorded after the date the announcement would carry: b's exit cannot be dated before it.
        var version = await county.QueryAsync(db => db.Households.Where(h => h.Id == b).Select(h => h.Version).SingleAsync());
        await county.As<Tuopin.Application.Registry.RecordHouseholdEvent>(county.VillageOfficer(Village)).HandleAsync(new Tuopin.Application.Registry.RecordHouseholdEvent.Request(
            b, version, HouseholdEventKind.Birth, Today.AddDays(-2), "出生登记", Member: Build.Member(Relation.Son, birth: Today.AddDays(-3))));

        var refused = await Assert.ThrowsAsync<InvalidRequestException>(() => Step(county, county.Admin, proposed.ProcedureIds, ProcedureStep.Announcement, Today.AddDays(-5)));
        var problem = Assert.Single(refused.Problems);
        Assert.Equal("status.date_before_previous", problem.Code);
        Assert.Equal("procedureIds[1].date", problem.Field);
        Assert.All(await Statuses(county, a, b), s => Assert.Equal(HouseholdStatus.NotExited, s));
        var stages = await county.QueryAsync(db => db.ExitProcedures.Select(p => p.Stage).ToListAsync());
        Assert.Equal(2, stages.Count);
        Assert.All(stages, s => Assert.Equal(ProcedureStep.CountyApproval, s));
        Assert.Equal(0, await county.QueryAsync(db => db.StatusChanges.CountAsync(e => e.Kind == HouseholdEventKind.Exit)));

        await Step(county, county.Admin, proposed.ProcedureIds, ProcedureStep.Announcement, Today);
        Assert.All(await Statuses(county, a, b), s => Assert.Equal(HouseholdStatus.Exited, s));
    }

    [Theory, BothDatabases]
    public async Task StepsOutOfOrder_OrByTheWrongRole_AreRefusedWithTheReason(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var a = await county.AddHouseholdAsync(Village);
        var proposed = await Propose(county, a);
        var village = county.VillageOfficer(Village);

        var skipped = await Assert.ThrowsAsync<InvalidRequestException>(() => Step(county, village, proposed.ProcedureIds, ProcedureStep.Verification, Today));
        Assert.Equal("procedure.out_of_order", skipped.Problems.Single().Code);
        Assert.Contains("村两委民主评议", skipped.Text.Zh, StringComparison.Ordinal);

        var byTownship = await Assert.ThrowsAsync<ForbiddenException>(() => Step(county, county.TownshipOfficer(Township), proposed.ProcedureIds, ProcedureStep.DemocraticReview, Today));
        Assert.Contains("村级", byTownship.Text.Zh, StringComparison.Ordinal);
        var approvedByVillage = await Assert.ThrowsAsync<ForbiddenException>(() => Step(county, village, proposed.ProcedureIds, ProcedureStep.CountyApproval, Today));
        Assert.Contains("县扶贫办", approvedByVillage.Text.Zh, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<ProposeExits>(county.Admin).HandleAsync(
            new ProposeExits.Request(county.Villages[Village].Id, Year, Today, [a], null)));

        var backwards = await Assert.ThrowsAsync<InvalidRequestException>(() => Step(county, village, proposed.ProcedureIds, ProcedureStep.DemocraticReview, Today.AddDays(-40)));
        Assert.Equal("procedure.date_before_previous", backwards.Problems.Single().Code);
        var future = await Assert.ThrowsAsync<InvalidRequestException>(() => Step(county, village, proposed.ProcedureIds, ProcedureStep.DemocraticReview, Today.AddDays(1)));
        Assert.Equal("procedure.date_future", future.Problems.Single().Code);

        var stored = await county.QueryAsync(db => db.ProcedureSteps.CountAsync());
        Assert.Equal(1, stored);
        var again = await Assert.ThrowsAsync<InvalidRequestException>(() => Propose(county, a));
        Assert.Equal("procedure.already_open", again.Problems.Single().Code);
    }

    [Theory, BothDatabases]
    public async Task TheTownshipReviews_OnlyAfterTheNoticePeriodHasEnded(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var a = await county.AddHouseholdAsync(Village);
        var proposed = await Propose(county, a);
        await WalkToNotice(county, proposed, Today.AddDays(-5));
        var township = county.TownshipOfficer(Township);

        // Posted 5 days ago, 7 days by default: it ends tomorrow.
        var early = await Assert.ThrowsAsync<InvalidRequestException>(() => Step(county, township, proposed.ProcedureIds, ProcedureStep.TownshipReview, Today));
        Assert.Equal("procedure.notice_running", early.Problems.Single().Code);
        Assert.Contains(Today.AddDays(1).ToString("yyyy-MM-dd"), early.Text.Zh, StringComparison.Ordinal);
        var timeline = (await county.As<GetHouseholdProcedure>(township).HandleAsync(a)).Single();
        Assert.Equal(Today.AddDays(1), timeline.NoticeEndsOn);
        Assert.Equal(ProcedureStep.PublicNotice, timeline.Stage);
    }

    [Theory, BothDatabases]
    public async Task TheNoticePeriod_IsConfigured(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        await county.QueryAsync(async db => { await ProcedureSettings.SetAsync(db, ProcedureSettings.NoticeDaysKey, "3"); return 0; });
        var a = await county.AddHouseholdAsync(Village);
        var proposed = await Propose(county, a);
        await WalkToNotice(county, proposed, Today.AddDays(-5));

        await Step(county, county.TownshipOfficer(Township), proposed.ProcedureIds, ProcedureStep.TownshipReview, Today);

        var timeline = (await county.As<GetHouseholdProcedure>(county.Admin).HandleAsync(a)).Single();
        Assert.Equal(Today.AddDays(-3), timeline.NoticeEndsOn);
        Assert.Equal(ProcedureStep.TownshipReview, timeline.Stage);
    }

    [Theory, BothDatabases]
    public async Task AnOpenObjection_HoldsTheReview_ADismissedOneLetsItGo_AnUpheldOneTakesTheHouseholdOff(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var a = await county.AddHouseholdAsync(Village);
        var b = await county.AddHouseholdAsync(Village);
        var proposed = await Propose(county, a, b);
        var posted = Today.AddDays(-10);
        await WalkToNotice(county, proposed, posted);
        var village = county.VillageOfficer(Village);
        var township = county.TownshipOfficer(Township);
        var (pa, pb) = (proposed.ProcedureIds[0], proposed.ProcedureIds[1]);

        var late = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<RecordObjection>(village).HandleAsync(
            new RecordObjection.Request(pa, posted.AddDays(7), "田某", "收入不实")));
        Assert.Equal("objection.outside_notice", late.Problems.Single().Code);
        var oa = await county.As<RecordObjection>(village).HandleAsync(new RecordObjection.Request(pa, posted.AddDays(2), "田某", "家中有人常年外出务工，收入不实"));
        var ob = await county.As<RecordObjection>(village).HandleAsync(new RecordObjection.Request(pb, posted.AddDays(3), "", "住房仍是危房"));

        var held = await Assert.ThrowsAsync<InvalidRequestException>(() => Step(county, township, [pa], ProcedureStep.TownshipReview, Today));
        Assert.Equal("procedure.objections_open", held.Problems.Single().Code);

        await county.As<ResolveObjection>(township).HandleAsync(new ResolveObjection.Request(oa, posted.AddDays(4), false, "经入户核实，务工收入已计入，异议不成立"));
        await county.As<ResolveObjection>(village).HandleAsync(new ResolveObjection.Request(ob, posted.AddDays(4), true, "核实住房为C级危房，异议成立"));
        await Step(county, township, [pa], ProcedureStep.TownshipReview, Today);

        var off = await Assert.ThrowsAsync<InvalidRequestException>(() => Step(county, township, [pb], ProcedureStep.TownshipReview, Today));
        Assert.Equal("procedure.withdrawn", off.Problems.Single().Code);
        var board = await county.As<GetProcedureBoard>(village).HandleAsync(new GetProcedureBoard.Query(Year));
        Assert.Equal(1, board.Withdrawn);
        Assert.True(board.Rows.Single(r => r.HouseholdId == b).Withdrawn);
        Assert.Equal(HouseholdStatus.NotExited, (await Statuses(county, b)).Single());
        var timeline = (await county.As<GetHouseholdProcedure>(village).HandleAsync(b)).Single();
        Assert.Equal("匿名", timeline.Objections.Single().RaisedBy);
        Assert.True(timeline.Objections.Single().Upheld);
    }

    [Theory, BothDatabases]
    public async Task StepsOnHouseholdsOutsideTheUsersArea_AreRefused(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var ours = await county.AddHouseholdAsync(Village);
        var theirs = await county.AddHouseholdAsync("翔凤镇/老茶村");
        var proposed = await county.As<ProposeExits>(county.VillageOfficer("翔凤镇/老茶村")).HandleAsync(
            new ProposeExits.Request(county.Villages["翔凤镇/老茶村"].Id, Year, Today.AddDays(-30), [theirs], null));

        // A village officer cannot put another village's household on its list, nor propose for another village.
        var foreign = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<ProposeExits>(county.VillageOfficer(Village)).HandleAsync(
            new ProposeExits.Request(county.Villages[Village].Id, Year, Today.AddDays(-30), [ours, theirs], null)));
        Assert.Equal("householdIds[1]", foreign.Problems.Single().Field);
        await Assert.ThrowsAsync<NotFoundException>(() => county.As<ProposeExits>(county.VillageOfficer(Village)).HandleAsync(
            new ProposeExits.Request(county.Villages["翔凤镇/老茶村"].Id, Year, Today.AddDays(-30), [theirs], null)));
        Assert.Equal(1, await county.QueryAsync(db => db.ExitProcedures.CountAsync()));

        // Another village's step, or another township's review: not found in the user's area.
        var step = await Assert.ThrowsAsync<InvalidRequestException>(() => Step(county, county.VillageOfficer(Village), proposed.ProcedureIds, ProcedureStep.DemocraticReview, Today));
        Assert.Equal("procedure.not_found", step.Problems.Single().Code);
        var board = await county.As<GetProcedureBoard>(county.TownshipOfficer(Township)).HandleAsync(new GetProcedureBoard.Query(Year));
        Assert.Empty(board.Rows);
        await Assert.ThrowsAsync<NotFoundException>(() => county.As<GetHouseholdProcedure>(county.TownshipOfficer(Township)).HandleAsync(theirs));
    }

    internal static async Task<ProposeExits.Result> Propose(TestCounty county, params Guid[] households) =>
        await county.As<ProposeExits>(county.VillageOfficer(Village)).HandleAsync(
            new ProposeExits.Request(county.Villages[Village].Id, Year, Today.AddDays(-30), households, "2026年拟退出户名单"));

    internal static Task Step(TestCounty county, Accounts.Actor actor, IReadOnlyList<Guid> procedures, ProcedureStep step, DateOnly date) =>
        county.As<RecordProcedureStep>(actor).HandleAsync(new RecordProcedureStep.Request(procedures, step, date, null));

    internal static async Task WalkToNotice(TestCounty county, ProposeExits.Result proposed, DateOnly posted)
    {
        foreach (var step in new[] { ProcedureStep.DemocraticReview, ProcedureStep.Verification, ProcedureStep.HouseholdAgreement, ProcedureStep.PublicNotice })
            await Step(county, county.VillageOfficer(Village), proposed.ProcedureIds, step, posted);
    }

    private static Task<List<HouseholdStatus>> Statuses(TestCounty county, params Guid[] ids) =>
        county.QueryAsync(db => db.Households.Where(h => ids.Contains(h.Id)).Select(h => h.Status).ToListAsync());
}
