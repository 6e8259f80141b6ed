using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tuopin.Application.Accounts;
using Tuopin.Application.Audit;
using Tuopin.Application.Common;
using Tuopin.Application.Exit;
using Tuopin.Application.Plan;
using Tuopin.Application.Registry;
using Tuopin.Application.Storage;
using Tuopin.Application.Supervision;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Exit;
using Tuopin.Domain.Places;
using Tuopin.Domain.Supervision;
using Tuopin.Testing;

namespace Tuopin.Application.Tests.Plan;

/// <summary>
/// The per-account grant to read counties' records (ADR 0016): given and taken back by the operator alone, audited, ending
/// the account's sessions; it opens one county of the official's own area at a time, read as the county's inspector reads it
/// (personal data masked), and nothing the official does writes a record — through the use cases, by a hand-made save or
/// through the bulk writer.
/// </summary>
public sealed class CountyReadingTests
{
    private const string Village = "三胡乡/黄柏园村";
    private const string Phone = "13912345678";

    /// <summary>来凤县 under 恩施州 and 湖北省 (its data set), and 秭归县 under 宜昌市 in the same province.</summary>
    private sealed record Fixture(Guid Province, Guid Enshi, Guid Yichang, Guid Zigui, Guid Household, string HeadId);

    private static async Task<Fixture> ArrangeAsync(TestCounty county)
    {
        var (province, enshi, yichang, zigui) = await county.QueryAsync(async db =>
        {
            var enshi = await db.Prefectures.SingleAsync(p => p.Code == "422800");
            var yichang = new Prefecture { Id = Guid.CreateVersion7(), ProvinceId = enshi.ProvinceId, Code = "420500", Name = "宜昌市" };
            var zigui = new County { Id = Guid.CreateVersion7(), Code = "420527", Name = "秭归县", PrefectureId = yichang.Id };
            db.AddRange(yichang, zigui);
            await db.SaveChangesAsync();
            return (enshi.ProvinceId, enshi.Id, yichang.Id, zigui.Id);
        });
        var head = Build.Member(name: "黄柏园甲户主");
        var household = await county.As<CreateHousehold>(county.Admin).HandleAsync(new CreateHousehold.Request(
            Build.Household(county.Villages[Village].Id) with { Phone = Phone }, [head], RegisteredOn: new DateOnly(2014, 10, 1)));
        return new Fixture(province, enshi, yichang, zigui, household, head.ResidentId!);
    }

    /// <summary>An account above the county, as the operator makes it (<see cref="CreateUser"/>), optionally granted.</summary>
    private static async Task<User> AccountAsync(TestCounty county, string name, Role role, Guid? region, bool granted = false, Guid? countyId = null)
    {
        var user = new User
        {
            Id = Guid.CreateVersion7(), UserName = name, NormalizedUserName = name.ToUpperInvariant(), DisplayName = name, Role = role,
            CountyId = countyId ?? Guid.Empty, RegionId = region, ReadsCountyRecords = granted, SecurityStamp = "stamp-" + name,
            CreatedAt = county.Clock.GetUtcNow().UtcDateTime,
        };
        await county.QueryAsync(async db =>
        {
            db.Users.Add(user);
            return await db.SaveChangesAsync();
        });
        return user;
    }

    private static Actor Regional(User user) =>
        new(user.Id, user.UserName!, user.Role, AreaScope.Region(Permissions.LevelOf(user.Role), user.RegionId!.Value)) { CountyRecordsGranted = user.ReadsCountyRecords };

    private static Actor Reading(User user, Guid countyId) =>
        Actor.ReadingCounty(user.Id, user.UserName!, user.Role, AreaScope.Region(Permissions.LevelOf(user.Role), user.RegionId!.Value), countyId);

    [Theory, BothDatabases]
    public async Task TheGrant_IsTheOperatorsAlone_AuditedAndEndingTheAccountsSessions(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var f = await ArrangeAsync(county);
        var official = await AccountAsync(county, "enshi", Role.PrefectureOfficial, f.Enshi);
        var officer = await AccountAsync(county, "cun", Role.VillageOfficer, null, countyId: county.CountyId);
        var @operator = Actor.Operator("运维");
        // The shell's own process: it forgets what it knew of the account when it changes it (others within AccountSessions.Freshness).
        var sessions = county.As<AccountSessions>(@operator);

        // A county administrator does not hand out a province's rights, not even for an account of their own county.
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<GrantCountyRecords>(county.Admin).HandleAsync(new("enshi", true)));
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<GrantCountyRecords>(county.Admin).HandleAsync(new("cun", true)));
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<GrantCountyRecords>(Regional(official)).HandleAsync(new("enshi", true)));
        // The operator: a county's account is not granted; a regional one is, once.
        await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<GrantCountyRecords>(@operator).HandleAsync(new("cun", true)));
        await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<GrantCountyRecords>(@operator).HandleAsync(new("enshi", false)));
        Assert.False(await sessions.MayReadCountyAsync(official.Id, official.Role, f.Enshi, county.CountyId));
        await county.As<GrantCountyRecords>(@operator).HandleAsync(new("enshi", true, "州扶贫办核查"));
        await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<GrantCountyRecords>(@operator).HandleAsync(new("enshi", true)));

        var granted = await county.QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == official.Id));
        Assert.True(granted.ReadsCountyRecords);
        Assert.NotEqual(official.SecurityStamp, granted.SecurityStamp);
        Assert.False((await county.QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == officer.Id))).ReadsCountyRecords);
        Assert.True(await sessions.MayReadCountyAsync(official.Id, official.Role, f.Enshi, county.CountyId));

        await county.As<GrantCountyRecords>(@operator).HandleAsync(new("enshi", false));
        var revoked = await county.QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Id == official.Id));
        Assert.False(revoked.ReadsCountyRecords);
        Assert.NotEqual(granted.SecurityStamp, revoked.SecurityStamp);
        Assert.False(await sessions.MayReadCountyAsync(official.Id, official.Role, f.Enshi, county.CountyId));

        // Who, when, what: two entries on the account, by the operator, the grant and its taking back.
        var entries = await county.QueryAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.EntityType == nameof(User) && e.EntityId == official.Id).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync());
        Assert.Equal(2, entries.Count);
        Assert.All(entries, e => Assert.Equal("运维", e.UserName));
        Assert.Contains("\"countyRecords\":{\"old\":false,\"new\":true}", entries[0].Changes, StringComparison.Ordinal);
        Assert.Equal("州扶贫办核查", entries[0].Reason);
        Assert.Contains("\"countyRecords\":{\"old\":true,\"new\":false}", entries[1].Changes, StringComparison.Ordinal);
        Assert.True((await county.QueryAsync(db => AuditChain.VerifyAsync(db))).Intact);
    }

    [Theory, BothDatabases]
    public async Task AGrantedOfficial_ChoosesACountyOfTheirArea_AndNoOther(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var f = await ArrangeAsync(county);
        var enshi = await AccountAsync(county, "enshi", Role.PrefectureOfficial, f.Enshi, granted: true);
        var yichang = await AccountAsync(county, "yichang", Role.PrefectureOfficial, f.Yichang, granted: true);
        var hubei = await AccountAsync(county, "hubei", Role.ProvinceOfficial, f.Province, granted: true);
        var ungranted = await AccountAsync(county, "enshi2", Role.PrefectureOfficial, f.Enshi);
        var sessions = county.Services.GetRequiredService<AccountSessions>();

        var chosen = await county.As<ChooseCountyToRead>(Regional(enshi)).HandleAsync(new("422827"));
        Assert.Equal((county.CountyId, "来凤县"), (chosen.CountyId, chosen.Name));
        // Outside their prefecture, unknown, another prefecture's official, an ungranted one, a county's own role: refused.
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<ChooseCountyToRead>(Regional(enshi)).HandleAsync(new("420527")));
        await Assert.ThrowsAsync<NotFoundException>(() => county.As<ChooseCountyToRead>(Regional(enshi)).HandleAsync(new("999999")));
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<ChooseCountyToRead>(Regional(yichang)).HandleAsync(new("422827")));
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<ChooseCountyToRead>(Regional(ungranted)).HandleAsync(new("422827")));
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<ChooseCountyToRead>(county.Inspector).HandleAsync(new("422827")));
        // An actor that claims the grant its account does not have is refused by the account as it is.
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<ChooseCountyToRead>(Regional(ungranted) with { CountyRecordsGranted = true }).HandleAsync(new("422827")));
        // The province's official: every county of the province.
        Assert.Equal("秭归县", (await county.As<ChooseCountyToRead>(Regional(hubei)).HandleAsync(new("420527"))).Name);
        Assert.Equal("来凤县", (await county.As<ChooseCountyToRead>(Regional(hubei)).HandleAsync(new(county.CountyId.ToString()))).Name);

        // What every request asks again, of the account and the county as they are now.
        Assert.True(await sessions.MayReadCountyAsync(enshi.Id, Role.PrefectureOfficial, f.Enshi, county.CountyId));
        Assert.False(await sessions.MayReadCountyAsync(enshi.Id, Role.PrefectureOfficial, f.Enshi, f.Zigui));
        Assert.False(await sessions.MayReadCountyAsync(enshi.Id, Role.PrefectureOfficial, f.Yichang, f.Zigui));
        Assert.False(await sessions.MayReadCountyAsync(enshi.Id, Role.ProvinceOfficial, f.Province, f.Zigui));
        Assert.False(await sessions.MayReadCountyAsync(ungranted.Id, Role.PrefectureOfficial, f.Enshi, county.CountyId));
        Assert.True(await sessions.MayReadCountyAsync(hubei.Id, Role.ProvinceOfficial, f.Province, f.Zigui));

        // Each choice is in the log: who read which county's records.
        var reads = await county.QueryAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Action == AuditAction.Read && e.EntityType == "County").ToListAsync());
        Assert.Equal(3, reads.Count);
        Assert.Contains(reads, e => e.UserId == enshi.Id && e.EntityId == county.CountyId);
    }

    [Theory, BothDatabases]
    public async Task AnOfficialReadingACounty_ReadsItAsItsInspector_WithPersonalDataMasked(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var f = await ArrangeAsync(county);
        var enshi = await AccountAsync(county, "enshi", Role.PrefectureOfficial, f.Enshi, granted: true);
        var reader = Reading(enshi, county.CountyId);
        Assert.True(reader.WritesNothing);
        Assert.False(reader.CanSeePersonalData);

        var listed = await county.As<ListHouseholds>(reader).HandleAsync(new ListHouseholds.Query());
        var inspected = await county.As<ListHouseholds>(county.Inspector).HandleAsync(new ListHouseholds.Query());
        Assert.Equal(inspected.Items.Select(i => (i.Id, i.HeadResidentId)), listed.Items.Select(i => (i.Id, i.HeadResidentId)));
        var row = Assert.Single(listed.Items, i => i.Id == f.Household);
        Assert.Equal(new ShownId("422827************", true), row.HeadResidentId);

        var detail = await county.As<GetHousehold>(reader).HandleAsync(f.Household);
        Assert.All(detail.Members, m => Assert.True(m.ResidentId.Masked));
        Assert.DoesNotContain(detail.Members, m => m.ResidentId.Text == f.HeadId);
        Assert.Equal(new ShownId("139****5678", true), detail.Phone);
        Assert.Equal(Of(await county.As<CountyOverview>(county.Inspector).HandleAsync()), Of(await county.As<CountyOverview>(reader).HandleAsync()));
        // An exact search by a resident ID is for the roles that see numbers (ADR 0004).
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<ListHouseholds>(reader).HandleAsync(new ListHouseholds.Query { ResidentId = f.HeadId }));

        // The county's audit log they read as its inspector does: the county's entries (秭归县 of the same database has its own).
        Assert.True(reader.CanReadAuditLog);
        var inspectors = await county.As<ListAuditLog>(county.Inspector).HandleAsync(new ListAuditLog.Filter());
        Assert.NotEmpty(inspectors.Rows);
        Assert.Equal(inspectors.Rows.Select(r => r.Sequence), (await county.As<ListAuditLog>(reader).HandleAsync(new ListAuditLog.Filter())).Rows.Select(r => r.Sequence));

        // Their own roll-up stays theirs while they read a county: the prefecture's.
        var rollup = await county.As<GetRollup>(reader).HandleAsync(new GetRollup.Query());
        Assert.Equal(("prefecture", "422800"), (rollup.Level, rollup.Code));
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<GetRollup>(reader).HandleAsync(new GetRollup.Query("420500")));
    }

    [Theory, BothDatabases]
    public async Task AnOfficialAboveTheCounty_WritesNothing_ThroughTheUseCases_AHandMadeSave_OrTheBulkWriter(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var f = await ArrangeAsync(county);
        var enshi = await AccountAsync(county, "enshi", Role.PrefectureOfficial, f.Enshi, granted: true);
        var reader = Reading(enshi, county.CountyId);
        var villageId = county.Villages[Village].Id;
        var households = await county.QueryAsync(db => db.Households.CountAsync());

        // The use cases the county's inspector may call that write: refused to an official above the county who reads as one.
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<RecordInspection>(reader).HandleAsync(new(InspectionKind.Unannounced, 2016,
            "暗访", null, null, villageId, new DateOnly(2016, 5, 1), null, "州督查组")));
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<DrawEvaluationSample>(reader).HandleAsync(new(2016, 7, 1, 1, 1, 0)));
        await Assert.ThrowsAnyAsync<UseCaseException>(() => county.As<CreateHousehold>(reader).HandleAsync(
            new CreateHousehold.Request(Build.Household(villageId), [Build.Member()], RegisteredOn: new DateOnly(2014, 10, 1))));
        var inspection = await county.As<RecordInspection>(county.Inspector).HandleAsync(new(InspectionKind.Unannounced, 2016,
            "暗访", null, null, villageId, new DateOnly(2016, 5, 1), new DateOnly(2016, 5, 2), "县督查组"));
        // The inspector's page offers the forms; the same page read by the official offers none.
        var inspectors = await county.As<GetInspection>(county.Inspector).HandleAsync(inspection.Id);
        Assert.True(inspectors.CanRecordFindings && inspectors.CanEdit);
        var shown = await county.As<GetInspection>(reader).HandleAsync(inspection.Id);
        Assert.False(shown.CanRecordFindings || shown.CanEdit);

        // The save guard: a record the county's inspector may save by hand (the outside evaluation), a household, a record no
        // other rule guards (a prefecture) — none is saved by an official above the county, reading a county or on their roll-up.
        foreach (var actor in new[] { reader, Regional(enshi) })
        {
            await using (var db = county.Factory.Create(actor))
            {
                db.Add(new Evaluation { Id = Guid.CreateVersion7(), CountyId = county.CountyId, Year = 2016, Seed = 1, Villages = 1, CreatedBy = "州", CreatedAt = DateTime.UtcNow });
                Assert.Equal("市州、省级账号只能查阅，不能修改任何记录", (await Assert.ThrowsAsync<ForbiddenException>(() => db.SaveChangesAsync())).Text.Zh);
            }
            await using (var db = county.Factory.Create(actor))
            {
                db.Prefectures.Add(new Prefecture { Id = Guid.CreateVersion7(), ProvinceId = f.Province, Code = "420600", Name = "襄阳市" });
                await Assert.ThrowsAsync<ForbiddenException>(() => db.SaveChangesAsync());
            }
            await using (var db = county.Factory.Create(actor))
            {
                if (await db.Households.FirstOrDefaultAsync(h => h.Id == f.Household) is { } household)
                {
                    household.Size += 1;
                    await Assert.ThrowsAsync<ForbiddenException>(() => db.SaveChangesAsync());
                }
            }
            await using (var db = county.Factory.Create(actor))
            {
                var copy = await county.QueryAsync(d => d.Households.AsNoTracking().SingleAsync(h => h.Id == f.Household));
                copy.Id = Guid.CreateVersion7();
                copy.Number += "9";
                await Assert.ThrowsAsync<ForbiddenException>(() => BulkWriter.InsertAsync(db, [copy]));
            }
        }
        Assert.Equal(0, await county.QueryAsync(db => db.Set<Evaluation>().CountAsync()));
        Assert.Equal(0, await county.QueryAsync(db => db.Prefectures.CountAsync(p => p.Code == "420600")));
        Assert.Equal(households, await county.QueryAsync(db => db.Households.CountAsync()));
        Assert.Equal(1, await county.QueryAsync(db => db.Households.Where(h => h.Id == f.Household).Select(h => h.Size).SingleAsync()));
        // The inspector of the county, who is no official above it, still saves the evaluation by hand (the rule is the official's, not the role's).
        await using (var db = county.Factory.Create(county.Inspector))
        {
            db.Add(new Evaluation { Id = Guid.CreateVersion7(), CountyId = county.CountyId, Year = 2016, Seed = 1, Villages = 1, CreatedBy = "督查员", CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }
    }

    private static (int, int, int, int) Of(CountyOverview.Result o) => (o.Registered.Households, o.Registered.People, o.Remaining.Households, o.Remaining.People);
}
