using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Accounts;
using Tuopin.Application.Common;
using Tuopin.Application.Registry;
using Tuopin.Application.Storage;
using Tuopin.Domain.Registry;
using Tuopin.Testing;

namespace Tuopin.Application.Tests.Registry;

public sealed class EventTests
{
    private const string Sanhu = "三胡乡/黄柏园村";

    private static async Task<RecordHouseholdEvent.Response> RecordAsync(TestCounty county, Actor actor, Guid id, HouseholdEventKind kind, DateOnly date,
        Func<RecordHouseholdEvent.Request, RecordHouseholdEvent.Request>? change = null)
    {
        var version = await county.QueryAsync(db => db.Households.Where(h => h.Id == id).Select(h => h.Version).SingleAsync());
        var request = new RecordHouseholdEvent.Request(id, version, kind, date, "测试：" + kind, DocumentNumber: "来扶办〔2017〕1号", Evidence: "村民代表会议记录");
        return await county.As<RecordHouseholdEvent>(actor).HandleAsync(change is null ? request : change(request));
    }

    private static Task<Household> LoadAsync(TestCounty county, Guid id) =>
        county.QueryAsync(db => db.Households.Include(h => h.Members).AsNoTracking().SingleAsync(h => h.Id == id));

    [Theory, BothDatabases]
    public async Task Overview_AsOfDate_FollowsTheDatedEvents(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        // Hand-counted: three households registered 2014-10-01 — a (3 people, exits 2015-12-15), b (1 person,
        // a child born and recorded 2017-03-01), c (2 people, exits 2016-12-15; returns to poverty 2018-06-01).
        var a = await county.AddHouseholdAsync(Sanhu, Build.Member(), Build.Member(Relation.Spouse, Sex.Female), Build.Member(Relation.Son));
        var b = await county.AddHouseholdAsync("三胡乡/石桥村", Build.Member());
        var c = await county.AddHouseholdAsync("翔凤镇/老茶村", Build.Member(), Build.Member(Relation.Daughter, Sex.Female));
        await RecordAsync(county, county.Admin, a, HouseholdEventKind.Exit, new DateOnly(2015, 12, 15), r => r with { Year = 2015 });
        await RecordAsync(county, county.Admin, c, HouseholdEventKind.Exit, new DateOnly(2016, 12, 15), r => r with { Year = 2016 });
        await RecordAsync(county, county.Admin, b, HouseholdEventKind.Birth, new DateOnly(2017, 3, 1),
            r => r with { Member = Build.Member(Relation.Son, birth: new DateOnly(2017, 2, 20)) with { Education = Education.Preschool, Labour = LabourSkill.None } });
        await RecordAsync(county, county.Admin, c, HouseholdEventKind.ReturnToPoverty, new DateOnly(2018, 6, 1));

        async Task<CountyOverview.Result> At(int y, int m, int d) => await county.As<CountyOverview>(county.Admin).HandleAsync(new DateOnly(y, m, d));
        static (int, int) C(CountyOverview.Count c) => (c.Households, c.People);
        static List<(int, int, int)> E(CountyOverview.Result r) => r.Exits.Select(e => (e.Year, e.Households, e.People)).ToList();

        var before = await At(2014, 9, 30);
        Assert.Equal((0, 0), C(before.Registered));

        var end2014 = await At(2014, 12, 31);
        Assert.Equal((3, 6), C(end2014.Registered));
        Assert.Equal((3, 6), C(end2014.Remaining));
        Assert.Empty(end2014.Exits);

        var end2015 = await At(2015, 12, 31);
        Assert.Equal([(2015, 1, 3)], E(end2015));
        Assert.Equal((2, 3), C(end2015.Remaining));

        var end2016 = await At(2016, 12, 31);
        Assert.Equal([(2015, 1, 3), (2016, 1, 2)], E(end2016));
        Assert.Equal((1, 1), C(end2016.Remaining));
        Assert.Equal((2, 4), C(end2016.ByTownship.Single(t => t.Name == "三胡乡").Registered));

        var end2017 = await At(2017, 12, 31);
        Assert.Equal((3, 7), C(end2017.Registered));
        Assert.Equal((1, 2), C(end2017.Remaining));

        var end2018 = await At(2018, 12, 31);
        Assert.Equal([(2015, 1, 3)], E(end2018));
        Assert.Equal((2, 4), C(end2018.Remaining));

        // Today reads the registry's own columns; it agrees with the events.
        var today = await county.As<CountyOverview>(county.Admin).HandleAsync();
        Assert.Equal((C(end2018.Registered), C(end2018.Remaining)), (C(today.Registered), C(today.Remaining)));
        Assert.Equal(E(end2018), E(today));

        // A township officer's as-of view is limited to the township.
        var sanhu = await county.As<CountyOverview>(county.TownshipOfficer("三胡乡")).HandleAsync(new DateOnly(2016, 12, 31));
        Assert.Equal((2, 4), C(sanhu.Registered));
    }

    [Theory, BothDatabases]
    public async Task MemberEvents_AddAndRemoveMembers_AndKeepTheSize(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var head = Build.Member(name: "田大山");
        var wife = Build.Member(Relation.Spouse, Sex.Female, name: "向秀英");
        var daughter = Build.Member(Relation.Daughter, Sex.Female, name: "田小红");
        var id = await county.AddHouseholdAsync(Sanhu, head, wife, daughter);
        var officer = county.VillageOfficer(Sanhu);
        var members = (await LoadAsync(county, id)).Members;
        Guid M(string name) => members.Single(m => m.Name == name).Id;

        // Marriage in: a daughter-in-law joins.
        await RecordAsync(county, officer, id, HouseholdEventKind.MarriageIn, new DateOnly(2016, 5, 1), r => r with { Member = Build.Member(Relation.DaughterInLaw, Sex.Female, name: "彭玉兰") });
        // Moving in from outside the county.
        await RecordAsync(county, officer, id, HouseholdEventKind.MoveIn, new DateOnly(2016, 6, 1), r => r with { Member = Build.Member(Relation.Other, name: "李成") });
        // Marriage out: the daughter leaves.
        await RecordAsync(county, officer, id, HouseholdEventKind.MarriageOut, new DateOnly(2016, 8, 1), r => r with { MemberId = M("田小红") });
        // The head dies: without a new head it is refused; with one, the wife becomes head.
        var refused = await Assert.ThrowsAsync<InvalidRequestException>(() => RecordAsync(county, officer, id, HouseholdEventKind.Death, new DateOnly(2017, 1, 5), r => r with { MemberId = M("田大山") }));
        Assert.Contains(refused.Problems, p => p.Code == "event.new_head_required");
        await RecordAsync(county, officer, id, HouseholdEventKind.Death, new DateOnly(2017, 1, 5), r => r with { MemberId = M("田大山"), NewHeadId = M("向秀英") });
        // Moving out of the county.
        var after = await LoadAsync(county, id);
        await RecordAsync(county, officer, id, HouseholdEventKind.MoveOut, new DateOnly(2017, 3, 1), r => r with { MemberId = after.Members.Single(m => m.Name == "李成").Id });

        var h = await LoadAsync(county, id);
        Assert.Equal(2, h.Size);
        Assert.Equal(MemberStatus.Deceased, h.Members.Single(m => m.Name == "田大山").Status);
        Assert.Equal(new DateOnly(2017, 1, 5), h.Members.Single(m => m.Name == "田大山").LeftOn);
        Assert.Equal(MemberStatus.MovedOut, h.Members.Single(m => m.Name == "田小红").Status);
        Assert.Equal(Relation.Head, h.Members.Single(m => m.Name == "向秀英").Relation);
        Assert.Equal(new DateOnly(2016, 5, 1), h.Members.Single(m => m.Name == "彭玉兰").JoinedOn);
        Assert.Equal(MemberStatus.MovedOut, h.Members.Single(m => m.Name == "李成").Status);

        var timeline = await county.As<GetHouseholdEvents>(officer).HandleAsync(id);
        Assert.Equal(
            [HouseholdEventKind.Registration, HouseholdEventKind.MarriageIn, HouseholdEventKind.MoveIn, HouseholdEventKind.MarriageOut, HouseholdEventKind.Death, HouseholdEventKind.MoveOut],
            timeline.Select(e => e.Kind).ToList());
        Assert.Equal([3, 4, 5, 4, 3, 2], timeline.Select(e => e.SizeAfter).ToList());
        Assert.Equal("田大山", timeline[4].MemberName);
        Assert.Equal("来扶办〔2017〕1号", timeline[4].DocumentNumber);
        Assert.Equal(officer.UserName, timeline[4].RecordedBy);

        // Audited in the officer's name, with the reason.
        var audits = await county.QueryAsync(db => db.AuditEntries.Where(a => a.HouseholdId == id && a.EntityType == nameof(HouseholdStatusChange)).CountAsync());
        Assert.Equal(6, audits);
        var death = await county.QueryAsync(db => db.AuditEntries.Where(a => a.HouseholdId == id && a.EntityType == nameof(Member) && a.Reason == "测试：Death").CountAsync());
        Assert.True(death >= 2, "the death and the new head are both audited");

        // Events are recorded in date order: one dated before the last is refused.
        var early = await Assert.ThrowsAsync<InvalidRequestException>(() => RecordAsync(county, officer, id, HouseholdEventKind.Birth, new DateOnly(2016, 1, 1),
            r => r with { Member = Build.Member(Relation.Grandson, birth: new DateOnly(2015, 12, 1)) }));
        Assert.Contains(early.Problems, p => p.Code == "event.date_before_previous");
    }

    [Theory, BothDatabases]
    public async Task Birth_NeedsABirthDateWithinAYearOfTheEvent(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var id = await county.AddHouseholdAsync(Sanhu);
        var refused = await Assert.ThrowsAsync<InvalidRequestException>(() => RecordAsync(county, county.Admin, id, HouseholdEventKind.Birth, new DateOnly(2018, 3, 1),
            r => r with { Member = Build.Member(Relation.Son, birth: new DateOnly(2010, 2, 20)) }));
        Assert.Contains(refused.Problems, p => p.Code == "event.birth_date" && p.Field == "member.birthDate");
        Assert.Equal(1, (await LoadAsync(county, id)).Size);
    }

    [Theory, BothDatabases]
    public async Task HouseholdEvents_MoveSplitMerge_ApplyTheirEffects(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var a = await county.AddHouseholdAsync(Sanhu, Build.Member(name: "田父"), Build.Member(Relation.Son, name: "田子"), Build.Member(Relation.DaughterInLaw, Sex.Female, name: "彭媳"));
        var b = await county.AddHouseholdAsync(Sanhu, Build.Member(name: "向单"));
        var officer = county.TownshipOfficer("三胡乡");

        // Moving to another village of the township: the household and its members change place and number.
        var target = county.Villages["三胡乡/石桥村"].Id;
        await RecordAsync(county, officer, b, HouseholdEventKind.MoveVillage, new DateOnly(2016, 3, 1), r => r with { VillageId = target });
        var moved = await LoadAsync(county, b);
        Assert.Equal(target, moved.VillageId);
        Assert.NotEmpty(moved.Members);
        Assert.All(moved.Members, m => Assert.Equal(target, m.VillageId));
        var villageCode = await county.QueryAsync(db => db.Villages.Where(v => v.Id == target).Select(v => v.Code).SingleAsync());
        Assert.StartsWith(villageCode, moved.Number);

        // Split: the son and his wife form their own household, the son its head.
        var members = (await LoadAsync(county, a)).Members;
        var son = members.Single(m => m.Name == "田子").Id;
        var split = await RecordAsync(county, officer, a, HouseholdEventKind.Split, new DateOnly(2016, 4, 1),
            r => r with { MemberIds = [son, members.Single(m => m.Name == "彭媳").Id], NewHeadId = son });
        var created = await LoadAsync(county, split.NewHouseholdId!.Value);
        Assert.Equal(2, created.Size);
        Assert.Equal(Relation.Head, created.Members.Single(m => m.Id == son).Relation);
        Assert.Equal(Relation.Spouse, created.Members.Single(m => m.Name == "彭媳").Relation); // the son's wife is the new head's spouse
        Assert.Equal(1, (await LoadAsync(county, a)).Size);
        // The name search's index follows the members to their new household (a search of two characters reads it alone).
        var named = (await county.As<ListHouseholds>(county.Admin).HandleAsync(new ListHouseholds.Query { Name = "彭媳" })).Items;
        Assert.Equal(created.Id, Assert.Single(named).Id);

        // A stated relation may not make a second head.
        var twoHeads = await Assert.ThrowsAsync<InvalidRequestException>(() => RecordAsync(county, officer, a, HouseholdEventKind.Merge, new DateOnly(2017, 4, 1),
            r => r with { OtherHouseholdId = created.Id, Relations = new Dictionary<Guid, Relation> { [son] = Relation.Head } }));
        Assert.Contains(twoHeads.Problems, p => p.Code == "event.relation_value");

        // Merge: the split household joins the father's again and closes; the son is stated as the head's son, so his wife is the daughter-in-law again.
        await RecordAsync(county, officer, a, HouseholdEventKind.Merge, new DateOnly(2017, 4, 1),
            r => r with { OtherHouseholdId = created.Id, Relations = new Dictionary<Guid, Relation> { [son] = Relation.Son } });
        var merged = await LoadAsync(county, a);
        Assert.Equal(3, merged.Size);
        Assert.Single(merged.Members, m => m.Relation == Relation.Head);
        Assert.Equal(Relation.Son, merged.Members.Single(m => m.Id == son).Relation);
        Assert.Equal(Relation.DaughterInLaw, merged.Members.Single(m => m.Name == "彭媳").Relation);
        named = (await county.As<ListHouseholds>(county.Admin).HandleAsync(new ListHouseholds.Query { Name = "彭媳" })).Items;
        Assert.Equal(a, Assert.Single(named).Id);
        var closed = await LoadAsync(county, created.Id);
        Assert.Equal(new DateOnly(2017, 4, 1), closed.ClosedOn);
        Assert.Equal(0, closed.Size);

        // Counts: four households existed on 2016-12-31 (a 1, b 1, split 2), two after the merge.
        var at2016 = await county.As<CountyOverview>(county.Admin).HandleAsync(new DateOnly(2016, 12, 31));
        Assert.Equal((3, 4), (at2016.Registered.Households, at2016.Registered.People));
        var now = await county.As<CountyOverview>(county.Admin).HandleAsync();
        Assert.Equal((2, 4), (now.Registered.Households, now.Registered.People));
        var at2017 = await county.As<CountyOverview>(county.Admin).HandleAsync(new DateOnly(2017, 12, 31));
        Assert.Equal((2, 4), (at2017.Registered.Households, at2017.Registered.People));

        // A closed household takes no more events.
        var refused = await Assert.ThrowsAsync<InvalidRequestException>(() => RecordAsync(county, officer, created.Id, HouseholdEventKind.MoveOut, new DateOnly(2017, 5, 1), r => r with { MemberId = son }));
        Assert.Contains(refused.Problems, p => p.Code == "event.household_closed");
    }

    [Theory, BothDatabases]
    public async Task AHouseholdThatMovedToAnotherTownship_CountsWhereItWasOnTheDate(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var id = await county.AddHouseholdAsync(Sanhu, Build.Member(name: "向迁"), Build.Member(Relation.Spouse, Sex.Female, name: "田迁"));
        // As a bulk import writes it: the registration does not say where the household was; the move fills it in.
        await county.QueryAsync(db => db.StatusChanges.Where(e => e.HouseholdId == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.TownshipIdAfter, (Guid?)null).SetProperty(e => e.VillageIdAfter, (Guid?)null)));
        await RecordAsync(county, county.Admin, id, HouseholdEventKind.MoveVillage, new DateOnly(2016, 3, 1), r => r with { VillageId = county.Villages["翔凤镇/老茶村"].Id });

        var before = await county.As<CountyOverview>(county.Admin).HandleAsync(new DateOnly(2015, 12, 31));
        Assert.Equal((1, 2), Counts(before, "三胡乡"));
        Assert.Equal((0, 0), Counts(before, "翔凤镇"));
        var after = await county.As<CountyOverview>(county.Admin).HandleAsync(new DateOnly(2016, 12, 31));
        Assert.Equal((0, 0), Counts(after, "三胡乡"));
        Assert.Equal((1, 2), Counts(after, "翔凤镇"));

        // Each township's officer counts it where it was on the date, not where it is now.
        foreach (var (township, at2015, at2016) in new[] { ("三胡乡", (1, 2), (0, 0)), ("翔凤镇", (0, 0), (1, 2)) })
        {
            var officer = county.TownshipOfficer(township);
            var then = await county.As<CountyOverview>(officer).HandleAsync(new DateOnly(2015, 12, 31));
            var later = await county.As<CountyOverview>(officer).HandleAsync(new DateOnly(2016, 12, 31));
            Assert.Equal(at2015, (then.Registered.Households, then.Registered.People));
            Assert.Equal(at2016, (later.Registered.Households, later.Registered.People));
        }

        static (int, int) Counts(CountyOverview.Result r, string township) =>
            r.ByTownship.Single(t => t.Name == township).Registered is var c ? (c.Households, c.People) : default;
    }

    [Theory, BothDatabases]
    public async Task StatusEvents_AreTheCountys_AndFollowTheStatus(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var id = await county.AddHouseholdAsync(Sanhu);

        await Assert.ThrowsAsync<ForbiddenException>(() => RecordAsync(county, county.TownshipOfficer("三胡乡"), id, HouseholdEventKind.Exit, new DateOnly(2016, 12, 1), r => r with { Year = 2016 }));
        var notExited = await Assert.ThrowsAsync<InvalidRequestException>(() => RecordAsync(county, county.Admin, id, HouseholdEventKind.ReturnToPoverty, new DateOnly(2016, 12, 1)));
        Assert.Contains(notExited.Problems, p => p.Code == "event.status");

        await RecordAsync(county, county.Admin, id, HouseholdEventKind.Exit, new DateOnly(2016, 12, 1), r => r with { Year = 2016 });
        Assert.Equal((HouseholdStatus.Exited, 2016), await county.QueryAsync(async db => await db.Households.Where(h => h.Id == id).Select(h => new ValueTuple<HouseholdStatus, int?>(h.Status, h.ExitYear)).SingleAsync()) is var (s, y) ? (s, y ?? 0) : default);
        await RecordAsync(county, county.Admin, id, HouseholdEventKind.ReturnToPoverty, new DateOnly(2018, 2, 1));
        await RecordAsync(county, county.Admin, id, HouseholdEventKind.Removal, new DateOnly(2018, 10, 1));
        var h = await LoadAsync(county, id);
        Assert.Equal(HouseholdStatus.Removed, h.Status);
        var at2018Start = await county.As<CountyOverview>(county.Admin).HandleAsync(new DateOnly(2018, 3, 1));
        Assert.Equal(1, at2018Start.Remaining.Households);
        var now = await county.As<CountyOverview>(county.Admin).HandleAsync();
        Assert.Equal((1, 1), (now.Removed.Households, now.Removed.People));
    }

    [Theory, BothDatabases]
    public async Task AdjustmentWindow_RefusesRegistrationsAndRemovalsOutsideIt(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var id = await county.AddHouseholdAsync(Sanhu);

        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<SetAdjustmentWindow>(county.TownshipOfficer("三胡乡")).HandleAsync("09-01..11-30"));
        var bad = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<SetAdjustmentWindow>(county.Admin).HandleAsync("9月1日"));
        Assert.Equal("window.format", Assert.Single(bad.Problems).Code);
        await county.As<SetAdjustmentWindow>(county.Admin).HandleAsync("09-01..11-30");
        Assert.Equal("09-01..11-30", (await county.As<SetAdjustmentWindow>(county.Inspector).GetAsync()).ToString());
        await county.As<SetAdjustmentWindow>(county.Admin).HandleAsync("09-01..11-30"); // the same value again: nothing to record

        // The setting's change is audited with who set it and the value, like any record.
        var settingId = Tuopin.Application.Audit.AuditRecorder.SettingId(AdjustmentWindow.Key);
        var audit = Assert.Single(await county.QueryAsync(db => db.AuditEntries.Where(a => a.EntityType == "Setting" && a.EntityId == settingId).ToListAsync()));
        Assert.Equal("县管理员", audit.UserName);
        Assert.Contains("09-01..11-30", audit.Changes);
        Assert.Contains(AdjustmentWindow.Key, audit.Changes);

        // A removal dated in December is refused, naming the window; in October it is allowed.
        var refused = await Assert.ThrowsAsync<InvalidRequestException>(() => RecordAsync(county, county.Admin, id, HouseholdEventKind.Removal, new DateOnly(2017, 12, 15)));
        var problem = Assert.Single(refused.Problems);
        Assert.Equal("event.outside_window", problem.Code);
        Assert.Contains("2017-09-01 至 2017-11-30", problem.Message.Zh);
        Assert.Equal(HouseholdStatus.NotExited, (await LoadAsync(county, id)).Status);
        await RecordAsync(county, county.Admin, id, HouseholdEventKind.Removal, new DateOnly(2017, 10, 15));
        Assert.Equal(HouseholdStatus.Removed, (await LoadAsync(county, id)).Status);

        // A registration dated outside the window is refused; births are not bound to the window.
        var registration = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<CreateHousehold>(county.Admin).HandleAsync(
            new CreateHousehold.Request(Build.Household(county.Villages[Sanhu].Id) with { RegistrationYear = 2017 }, [Build.Member()], RegisteredOn: new DateOnly(2017, 3, 1))));
        Assert.Contains(registration.Problems, p => p.Code == "event.outside_window" && p.Field == "registeredOn");
        var inside = await county.As<CreateHousehold>(county.Admin).HandleAsync(
            new CreateHousehold.Request(Build.Household(county.Villages[Sanhu].Id) with { RegistrationYear = 2017 }, [Build.Member()], RegisteredOn: new DateOnly(2017, 9, 20)));
        await RecordAsync(county, county.Admin, inside, HouseholdEventKind.Birth, new DateOnly(2018, 1, 10), r => r with { Member = Build.Member(Relation.Son, birth: new DateOnly(2018, 1, 2)) });
        Assert.Equal(2, (await LoadAsync(county, inside)).Size);
    }

    [Theory, BothDatabases]
    public async Task Events_StayInTheActorsArea(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var xiangfeng = await county.AddHouseholdAsync("翔凤镇/老茶村");
        var sanhu = await county.AddHouseholdAsync(Sanhu);
        var officer = county.TownshipOfficer("三胡乡");

        // Another township's household is not there for the officer: neither to record nor to read.
        await Assert.ThrowsAsync<NotFoundException>(() => RecordAsync(county, officer, xiangfeng, HouseholdEventKind.Birth, new DateOnly(2018, 1, 10),
            r => r with { Member = Build.Member(Relation.Son, birth: new DateOnly(2018, 1, 2)) }));
        await Assert.ThrowsAsync<NotFoundException>(() => county.As<GetHouseholdEvents>(officer).HandleAsync(xiangfeng));
        Assert.Equal(1, (await LoadAsync(county, xiangfeng)).Size);

        // Nor can the officer move an own household into another township, or merge another township's into it.
        var move = await Assert.ThrowsAsync<InvalidRequestException>(() => RecordAsync(county, officer, sanhu, HouseholdEventKind.MoveVillage, new DateOnly(2018, 1, 10),
            r => r with { VillageId = county.Villages["翔凤镇/老茶村"].Id }));
        Assert.Contains(move.Problems, p => p.Code == "place.unknown_village");
        var merge = await Assert.ThrowsAsync<InvalidRequestException>(() => RecordAsync(county, officer, sanhu, HouseholdEventKind.Merge, new DateOnly(2018, 1, 10),
            r => r with { OtherHouseholdId = xiangfeng }));
        Assert.Contains(merge.Problems, p => p.Code == "event.merge_household");

        // Readers record nothing.
        await Assert.ThrowsAsync<ForbiddenException>(() => RecordAsync(county, county.Inspector, sanhu, HouseholdEventKind.Birth, new DateOnly(2018, 1, 10),
            r => r with { Member = Build.Member(Relation.Son, birth: new DateOnly(2018, 1, 2)) }));
        Assert.Equal(1, await county.QueryAsync(db => db.StatusChanges.CountAsync(e => e.HouseholdId == sanhu)));
    }
}
