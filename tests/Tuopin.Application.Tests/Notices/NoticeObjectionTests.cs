using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Notices;
using Tuopin.Application.Registry;
using Tuopin.Application.Storage;
using Tuopin.Domain.Notices;
using Tuopin.Testing;

namespace Tuopin.Application.Tests.Notices;

/// <summary>
/// The public notices read without sign-in, and the objections the public raises on them: recorded, holding the project,
/// answered by the responsible unit only, releasing the project when none is left open.
/// </summary>
public sealed class NoticeObjectionTests
{
    private const string Village = "三胡乡/黄柏园村";

    private static RaiseObjection Public(TestCounty county) => county.As<RaiseObjection>(TuopinDb.Nobody);

    [Theory, BothDatabases]
    public async Task AnObjection_HoldsTheProject_UntilTheLastOneIsAnswered(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var project = await NoticeFixtures.ProjectOnNoticeAsync(county, Village);

        var first = await Public(county).HandleAsync(new RaiseObjection.Request(NoticeKind.Project, project, null, "公路走向占了我家耕地", "王先生", "138 0013 5678", "10.0.0.9"));
        var second = await Public(county).HandleAsync(new RaiseObjection.Request(NoticeKind.Project, project, null, "预算偏高", Client: "10.0.0.9"));
        var held = await NoticeFixtures.ProjectAsync(county, project);
        Assert.True(held.HeldByObjection);
        var stored = await county.QueryAsync(db => db.NoticeObjections.AsNoTracking().SingleAsync(o => o.Id == first));
        Assert.Equal((NoticeKind.Project, ObjectionStatus.Open, county.Villages[Village].TownshipId, "138****5678"), (stored.Kind, stored.Status, stored.TownshipId, stored.PhoneMasked!));
        Assert.DoesNotContain("13800135678", stored.PhoneCipher!, StringComparison.Ordinal);
        Assert.Equal("13800135678", county.Protector.Unprotect(stored.PhoneCipher!));
        // Audited in the public's name, with its address, and the phone masked in the audit.
        var audit = await county.QueryAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.EntityId == first));
        Assert.Equal((PublicReader.Name, "10.0.0.9"), (audit.UserName, audit.Client!));
        Assert.DoesNotContain("13800135678", audit.Changes, StringComparison.Ordinal);

        // The responsible township answers; the inspector, a village and another township may not.
        var township = county.TownshipOfficer("三胡乡");
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<AnswerObjection>(county.Inspector).HandleAsync(new(first, 0, "已核实")));
        await Assert.ThrowsAsync<NotFoundException>(() => county.As<AnswerObjection>(county.TownshipOfficer("翔凤镇")).HandleAsync(new(first, 0, "已核实")));
        await Assert.ThrowsAsync<NotFoundException>(() => county.As<AnswerObjection>(county.VillageOfficer(Village)).HandleAsync(new(first, 0, "已核实")));
        await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<AnswerObjection>(township).HandleAsync(new(first, 0, " ")));
        await Assert.ThrowsAsync<ConflictException>(() => county.As<AnswerObjection>(township).HandleAsync(new(first, 7, "已核实")));
        var answered = await county.As<AnswerObjection>(township).HandleAsync(new(first, 0, "经实地核实，线路已避开耕地"));
        Assert.False(answered.ProjectReleased);
        Assert.True((await NoticeFixtures.ProjectAsync(county, project)).HeldByObjection);
        await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<AnswerObjection>(township).HandleAsync(new(first, answered.Version, "再答")));
        // The county answers the last one: the project goes on.
        answered = await county.As<AnswerObjection>(county.Admin).HandleAsync(new(second, 0, "预算经评审"));
        Assert.True(answered.ProjectReleased);
        Assert.False((await NoticeFixtures.ProjectAsync(county, project)).HeldByObjection);

        var list = await county.As<ListObjections>(county.Inspector).HandleAsync(new ListObjections.Request());
        Assert.Equal(2, list.Count);
        Assert.All(list, o => Assert.False(o.CanAnswer));
        Assert.Empty(await county.As<ListObjections>(county.TownshipOfficer("翔凤镇")).HandleAsync(new ListObjections.Request()));
        Assert.Equal("经实地核实，线路已避开耕地", (await county.As<ListObjections>(township).HandleAsync(new ListObjections.Request())).Single(o => o.Id == first).Answer);
    }

    [Theory, BothDatabases]
    public async Task ANoticeNotStarted_IsNotFound_AndAnEndedOne_IsReadButTakesNoObjection(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var future = await NoticeFixtures.ProjectOnNoticeAsync(county, Village, startsIn: 2, name: "未开始的项目");
        var ended = await NoticeFixtures.ProjectOnNoticeAsync(county, Village, startsIn: -10, name: "刚结束的项目");
        var gone = await NoticeFixtures.ProjectOnNoticeAsync(county, Village, startsIn: -60, name: "早已结束的项目");

        await Assert.ThrowsAsync<NotFoundException>(() => county.As<GetProjectNotice>(TuopinDb.Nobody).HandleAsync(future));
        await Assert.ThrowsAsync<NotFoundException>(() => county.As<GetProjectNotice>(TuopinDb.Nobody).HandleAsync(gone));
        var notice = await county.As<GetProjectNotice>(TuopinDb.Nobody).HandleAsync(ended);
        Assert.Equal((false, 0), (notice.Running, notice.DaysLeft));
        var list = await county.As<ListPublicNotices>(TuopinDb.Nobody).HandleAsync();
        Assert.Equal(["刚结束的项目"], list.Select(i => i.Title.Zh.Split('｜')[1]));
        await Assert.ThrowsAsync<InvalidRequestException>(() => Public(county).HandleAsync(new RaiseObjection.Request(NoticeKind.Project, ended, null, "异议")));
        await Assert.ThrowsAsync<InvalidRequestException>(() => Public(county).HandleAsync(new RaiseObjection.Request(NoticeKind.Project, future, null, "异议")));
        Assert.False((await NoticeFixtures.ProjectAsync(county, ended)).HeldByObjection);
        Assert.Equal(0, await county.QueryAsync(db => db.NoticeObjections.CountAsync()));

        // The county keeps ended notices readable for as many days as it says.
        await county.QueryAsync(async db => { await NoticeSettings.SetAsync(db, NoticeSettings.KeepDaysKey, "2"); return 0; });
        await Assert.ThrowsAsync<NotFoundException>(() => county.As<GetProjectNotice>(TuopinDb.Nobody).HandleAsync(ended));
    }

    [Theory, BothDatabases]
    public async Task AnExitList_ShowsMaskedNamesOnly_AndItsTownshipAnswers(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var head = Build.Member(name: "张小明");
        var household = await county.AddHouseholdAsync(Village, head);
        var other = await county.AddHouseholdAsync(Village, Build.Member(name: "李四"));
        await NoticeFixtures.PostExitNoticeAsync(county, Village, [household, other]);
        var number = (await county.As<GetHousehold>(county.Admin).HandleAsync(household)).Number;
        var villageId = county.Villages[Village].Id;

        var notice = await county.As<GetExitNotice>(TuopinDb.Nobody).HandleAsync(villageId, county.Today.Year);
        Assert.Equal(["张*明", "李*"], notice.Households.Select(h => h.Name).Order(StringComparer.Ordinal));
        Assert.True(notice.Running);
        var json = JsonSerializer.Serialize(notice);
        foreach (var secret in new[] { head.ResidentId!, "13800001234", number, "张小明", head.BirthDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) })
            Assert.DoesNotContain(secret, json, StringComparison.Ordinal);
        await Assert.ThrowsAsync<NotFoundException>(() => county.As<GetExitNotice>(TuopinDb.Nobody).HandleAsync(villageId, county.Today.Year + 1));
        Assert.Contains(await county.As<ListPublicNotices>(TuopinDb.Nobody).HandleAsync(), i => i.Kind == NoticeKind.ExitList && i.TargetId == villageId);

        var id = await Public(county).HandleAsync(new RaiseObjection.Request(NoticeKind.ExitList, villageId, county.Today.Year, "该户有两辆车"));
        await Assert.ThrowsAsync<NotFoundException>(() => county.As<AnswerObjection>(county.TownshipOfficer("翔凤镇")).HandleAsync(new(id, 0, "x")));
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<AnswerObjection>(county.VillageOfficer(Village)).HandleAsync(new(id, 0, "x")));
        var answered = await county.As<AnswerObjection>(county.TownshipOfficer("三胡乡")).HandleAsync(new(id, 0, "经核实车辆为借用"));
        Assert.Equal(1, answered.Version);
        // The village reads its own list's objections.
        Assert.Single(await county.As<ListObjections>(county.VillageOfficer(Village)).HandleAsync(new ListObjections.Request()));
    }

    [Theory, BothDatabases]
    public async Task ThePublic_MayWriteNothingButAnObjection(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var household = await county.AddHouseholdAsync(Village);
        var project = await NoticeFixtures.ProjectOnNoticeAsync(county, Village);
        await using (var db = PublicReader.Open(county.Factory, "10.0.0.1"))
        {
            var h = await db.Households.SingleAsync(x => x.Id == household);
            h.InCooperative = !h.InCooperative;
            await Assert.ThrowsAsync<ForbiddenException>(() => db.SaveChangesAsync());
        }
        await using (var db = PublicReader.Open(county.Factory, "10.0.0.1"))
        {
            var p = await db.Projects.SingleAsync(x => x.Id == project);
            p.Budget = Domain.Common.Money.FromYuan(1m);
            await Assert.ThrowsAsync<ForbiddenException>(() => db.SaveChangesAsync());
        }
        await Assert.ThrowsAsync<InvalidRequestException>(() => Public(county).HandleAsync(new RaiseObjection.Request(NoticeKind.Project, project, null, "x", Phone: "abc")));
        await Assert.ThrowsAsync<NotFoundException>(() => Public(county).HandleAsync(new RaiseObjection.Request(NoticeKind.Project, Guid.NewGuid(), null, "x")));
    }
}

/// <summary>The demo's notices: two projects on notice when no project is at the notice step, one objection answered and one open; loaded once.</summary>
public sealed class DemoNoticesTests
{
    [Theory, BothDatabases]
    public async Task TheDemo_PutsTwoProjectsOnNotice_OneHeldByAnOpenObjection_Once(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        await county.AddHouseholdAsync("三胡乡/黄柏园村");
        var result = await LoadDemoNotices.RunAsync(county.Factory);
        Assert.Equal((2, 2), (result.Projects, result.Objections));
        var notices = await county.As<ListPublicNotices>(TuopinDb.Nobody).HandleAsync();
        Assert.Equal(2, notices.Count(n => n.Kind == NoticeKind.Project && n.Running));
        Assert.Equal(1, await county.QueryAsync(db => db.Projects.CountAsync(p => p.HeldByObjection)));
        Assert.Equal([ObjectionStatus.Open, ObjectionStatus.Answered], (await county.As<ListObjections>(county.Admin).HandleAsync(new ListObjections.Request())).Select(o => o.Status));
        Assert.Equal((0, 0), await LoadDemoNotices.RunAsync(county.Factory) is { } again ? (again.Projects, again.Objections) : default);
    }
}
