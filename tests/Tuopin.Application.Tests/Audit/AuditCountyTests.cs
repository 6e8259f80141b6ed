using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tuopin.Application.Accounts;
using Tuopin.Application.Audit;
using Tuopin.Application.Common;
using Tuopin.Application.Plan;
using Tuopin.Application.Registry;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Places;
using Tuopin.Testing;

namespace Tuopin.Application.Tests.Audit;

/// <summary>
/// A county on every audit entry (ADR 0010, amendment): in one database of two counties — 来凤县 (A) and 咸丰县 (B), each with
/// its changes, sign-ins, reads and exports — each county's administrator and inspector list, page, export and see the types of
/// their own county's entries alone, the operator every county's, and an official above the county reading a county on their
/// grant that county's. Entries written before entries carried a county are the one county's in a database of one and the
/// operator's alone in a database of several. The county is in the entry's hash: moving an entry to another county, or giving
/// an old entry one, breaks the chain, while old and new entries verify side by side.
/// </summary>
public sealed class AuditCountyTests
{
    private const string SanhuVillage = "三胡乡/黄柏园村";
    private const string AdminAName = "laifeng-admin", AdminBName = "xianfeng-admin";

    private sealed record Fixture(TestCounty Db, Guid CountyA, Guid CountyB, Guid TownshipB, Guid VillageB, Guid Enshi, Actor AdminB, Actor InspectorB,
        Guid HouseholdA, Guid HouseholdB);

    /// <summary>
    /// Both counties' work: a household each (its changes), its page read with full numbers (a read), the log exported (an
    /// export), a sign-in and a refused one of each county's account, and in A the working year set (a county-wide record).
    /// </summary>
    private static async Task<Fixture> ArrangeAsync(DbProvider provider)
    {
        var county = await TestCounty.CreateAsync(provider);
        var (countyB, townshipB, villageB, enshi) = await county.QueryAsync(async db =>
        {
            var laifeng = await db.Counties.SingleAsync();
            var c = new County { Id = Guid.CreateVersion7(), Code = "422826", Name = "咸丰县", PrefectureId = laifeng.PrefectureId };
            var t = new Township { Id = Guid.CreateVersion7(), CountyId = c.Id, Code = "422826100", Name = "高乐山镇" };
            var v = new Village { Id = Guid.CreateVersion7(), CountyId = c.Id, TownshipId = t.Id, Code = "422826100201", Name = "白地坪村", OfficialName = "白地坪村委会", Kind = VillageKind.Village };
            db.AddRange(c, t, v);
            await db.SaveChangesAsync();
            return (c.Id, t.Id, v.Id, laifeng.PrefectureId!.Value);
        });
        var adminB = new Actor(Guid.NewGuid(), "咸丰县管理员", Role.CountyAdmin, AreaScope.County(countyB));
        var inspectorB = new Actor(Guid.NewGuid(), "咸丰县督查员", Role.Inspector, AreaScope.County(countyB));

        var householdA = await county.AddHouseholdAsync(SanhuVillage, Build.Member(), Build.Member(Domain.Registry.Relation.Son));
        var householdB = await county.As<CreateHousehold>(adminB).HandleAsync(new CreateHousehold.Request(
            Build.Household(villageB), [Build.Member()], RegisteredOn: new DateOnly(2014, 10, 1)));
        await county.As<GetHousehold>(county.Admin).HandleAsync(householdA);
        await county.As<GetHousehold>(adminB).HandleAsync(householdB);
        await county.As<SetWorkingYear>(county.Admin).HandleAsync(new SetWorkingYear.Request(2017));

        var accounts = county.Services.GetRequiredService<AccessLog>();
        foreach (var (name, countyId) in new[] { (AdminAName, county.CountyId), (AdminBName, countyB) })
        {
            var user = await AccountAsync(county, name, Role.CountyAdmin, countyId);
            await accounts.SignInAsync(user.Id, name, "10.0.0.1", true, "password");
            await accounts.SignInAsync(user.Id, name, "10.0.0.2", false, "wrong password");
            // Slowed down: refused without looking up the name, filed under the name's account all the same.
            await accounts.SignInAsync(null, name, "10.0.0.3", false, "throttled");
        }
        // A name no account has belongs to no county.
        await accounts.SignInAsync(null, "nobody", "10.0.0.4", false, "unknown user name");
        await county.As<ExportAuditLog>(county.Admin).HandleAsync(new ListAuditLog.Filter());
        await county.As<ExportAuditLog>(adminB).HandleAsync(new ListAuditLog.Filter());
        return new Fixture(county, county.CountyId, countyB, townshipB, villageB, enshi, adminB, inspectorB, householdA, householdB);
    }

    private static async Task<User> AccountAsync(TestCounty county, string name, Role role, Guid countyId, Guid? region = null, bool granted = false)
    {
        var user = new User
        {
            Id = Guid.CreateVersion7(), UserName = name, NormalizedUserName = name.ToUpperInvariant(), DisplayName = name, Role = role,
            CountyId = countyId, RegionId = region, ReadsCountyRecords = granted, SecurityStamp = "stamp-" + name, CreatedAt = county.Clock.GetUtcNow().UtcDateTime,
        };
        await county.QueryAsync(async db =>
        {
            db.Users.Add(user);
            return await db.SaveChangesAsync();
        });
        return user;
    }

    /// <summary>The log as the actor pages it, newest first, every page (<see cref="ListAuditLog.Filter.Before"/>).</summary>
    private static async Task<(List<ListAuditLog.Row> Rows, int Matching)> AllPagesAsync(TestCounty county, Actor actor, ListAuditLog.Filter? filter = null)
    {
        var log = county.As<ListAuditLog>(actor);
        var rows = new List<ListAuditLog.Row>();
        var page = await log.HandleAsync(filter ?? new ListAuditLog.Filter());
        var matching = page.Matching;
        rows.AddRange(page.Rows);
        while (page.Next is { } next)
        {
            page = await log.HandleAsync((filter ?? new ListAuditLog.Filter()) with { Before = next });
            rows.AddRange(page.Rows);
        }
        return (rows, matching);
    }

    /// <summary>The sequences of the entries filed under a county (null: under none), as the database holds them.</summary>
    private static Task<List<long>> SequencesOfAsync(TestCounty county, Guid? countyId) =>
        county.QueryAsync(db => db.AuditEntries.Where(e => e.CountyId == countyId).Select(e => e.Sequence!.Value).ToListAsync());

    [Theory, BothDatabases]
    public async Task EveryEntry_IsFiledUnderItsRecordsCountyOrItsActors_AndOnlyWhatIsNoCountysUnderNone(DbProvider provider)
    {
        var f = await ArrangeAsync(provider);
        await using var county = f.Db;
        // Each county has every kind of entry; only the unknown name's refused sign-in belongs to none.
        foreach (var c in new[] { f.CountyA, f.CountyB })
        {
            var kinds = await county.QueryAsync(db => db.AuditEntries.Where(e => e.CountyId == c).Select(e => e.Action).Distinct().ToListAsync());
            Assert.Superset(new HashSet<AuditAction> { AuditAction.Insert, AuditAction.SignIn, AuditAction.SignInRefused, AuditAction.Read, AuditAction.Export }, kinds.ToHashSet());
        }
        Assert.Equal("nobody", Assert.Single(await county.QueryAsync(db => db.AuditEntries.Where(e => e.CountyId == null).Select(e => e.UserName).ToListAsync())));
        // A's account's sign-in, its wrong password and its slowed-down attempt are A's.
        Assert.Equal(3, await county.QueryAsync(db => db.AuditEntries.CountAsync(e => e.CountyId == f.CountyA && e.UserName == AdminAName)));
        // The households' records are their county's, the work year (a county-wide setting) its changer's.
        Assert.True(await county.QueryAsync(db => db.AuditEntries.Where(e => e.HouseholdId == f.HouseholdB).AllAsync(e => e.CountyId == f.CountyB)));
        Assert.Equal(f.CountyA, await county.QueryAsync(db => db.AuditEntries.Where(e => e.EntityType == SetWorkingYear.AuditType).Select(e => e.CountyId).SingleAsync()));
    }

    [Theory, BothDatabases]
    public async Task EachCountysOfficials_ListPageExportAndTypeTheirCountysEntriesAlone_TheOperatorEveryCountys(DbProvider provider)
    {
        var f = await ArrangeAsync(provider);
        await using var county = f.Db;
        var ofA = await SequencesOfAsync(county, f.CountyA);
        var ofB = await SequencesOfAsync(county, f.CountyB);
        var ofNone = await SequencesOfAsync(county, null);

        // County B's administrator and inspector: every page of the log holds B's entries, all of them, and nothing of A's.
        foreach (var actor in new[] { f.AdminB, f.InspectorB })
        {
            var (rows, matching) = await AllPagesAsync(county, actor);
            Assert.Equal(ofB.Count, matching);
            Assert.Equal(ofB.Order(), rows.Select(r => r.Sequence).Order());
            Assert.All(rows, r => Assert.Equal("咸丰县", r.County));
            Assert.DoesNotContain(rows, r => r.UserName is AdminAName or "县管理员" or "nobody");
            // Asking for A's records by household, township, village, person or record type finds nothing of A's.
            foreach (var filter in new ListAuditLog.Filter[]
            {
                new(HouseholdId: f.HouseholdA), new(TownshipId: county.Townships["三胡乡"]), new(VillageId: county.Villages[SanhuVillage].Id), new(User: AdminAName),
                new(User: "nobody"), new(EntityType: SetWorkingYear.AuditType),
            })
                Assert.Equal(0, (await county.As<ListAuditLog>(actor).HandleAsync(filter)).Matching);
            var signIns = await AllPagesAsync(county, actor, new ListAuditLog.Filter(Kind: AuditLogKind.SignIns));
            Assert.Equal(3, signIns.Matching);
            Assert.All(signIns.Rows, r => Assert.Equal(AdminBName, r.UserName));
            Assert.DoesNotContain(SetWorkingYear.AuditType, (await county.As<ListAuditLog>(actor).TypesAsync()).Select(t => t.Code));
        }

        // The export: the same entries, nothing of A's (and the export itself goes into B's log).
        var file = await county.As<ExportAuditLog>(f.InspectorB).HandleAsync(new ListAuditLog.Filter());
        var sheet = SheetFormats.Read(new MemoryStream(file.Content), SheetFormat.Xlsx).Skip(2).ToList();
        var exported = sheet.Select(r => long.Parse(r[0].Text, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(ofB.Order(), exported.Order());
        Assert.All(sheet, r => Assert.Equal("咸丰县", r[11].Text));
        Assert.Equal(f.CountyB, await county.QueryAsync(db => db.AuditEntries.Where(e => e.Action == AuditAction.Export).OrderByDescending(e => e.Sequence).Select(e => e.CountyId).FirstAsync()));

        // County A's own: theirs, none of B's (or the unknown name's).
        ofA = await SequencesOfAsync(county, f.CountyA);
        ofB = await SequencesOfAsync(county, f.CountyB);
        foreach (var actor in new[] { county.Admin, county.Inspector })
        {
            var (rows, matching) = await AllPagesAsync(county, actor);
            Assert.Equal(ofA.Count, matching);
            Assert.Equal(ofA.Order(), rows.Select(r => r.Sequence).Order());
            Assert.Equal(0, (await county.As<ListAuditLog>(actor).HandleAsync(new ListAuditLog.Filter(HouseholdId: f.HouseholdB))).Matching);
            Assert.Contains(SetWorkingYear.AuditType, (await county.As<ListAuditLog>(actor).TypesAsync()).Select(t => t.Code));
        }

        // The operator at the shell: every county's, and the entry of none.
        var all = await AllPagesAsync(county, Actor.Operator());
        Assert.Equal(ofA.Concat(ofB).Concat(ofNone).Order(), all.Rows.Select(r => r.Sequence).Order());
        Assert.Equal(await county.QueryAsync(db => db.AuditEntries.CountAsync()), all.Matching);

        // An official of the prefecture reading a county on their grant reads it as its inspector: that county's entries alone.
        var official = await AccountAsync(county, "enshi", Role.PrefectureOfficial, Guid.Empty, f.Enshi, granted: true);
        var region = AreaScope.Region(AreaLevel.Prefecture, f.Enshi);
        var onTheRollup = new Actor(official.Id, "enshi", Role.PrefectureOfficial, region) { CountyRecordsGranted = true };
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<ListAuditLog>(onTheRollup).HandleAsync(new ListAuditLog.Filter()));
        await county.As<ChooseCountyToRead>(onTheRollup).HandleAsync(new ChooseCountyToRead.Request("422826"));
        foreach (var (read, of) in new[] { (f.CountyB, f.CountyB), (f.CountyA, f.CountyA) })
        {
            var reader = Actor.ReadingCounty(official.Id, "enshi", Role.PrefectureOfficial, region, read);
            var (rows, matching) = await AllPagesAsync(county, reader);
            var expected = await SequencesOfAsync(county, of);
            Assert.Equal(expected.Count, matching);
            Assert.Equal(expected.Order(), rows.Select(r => r.Sequence).Order());
        }
        // Their choice of 咸丰县 is in 咸丰县's log, not 来凤县's.
        Assert.Equal(f.CountyB, await county.QueryAsync(db => db.AuditEntries.Where(e => e.EntityType == "County" && e.UserId == official.Id).Select(e => e.CountyId).SingleAsync()));
    }

    [Theory, BothDatabases]
    public async Task AHouseholdsHistory_IsItsCountys_AndAnotherCountysOfficialsFindNeitherItNorItsEntries(DbProvider provider)
    {
        var f = await ArrangeAsync(provider);
        await using var county = f.Db;
        await Assert.ThrowsAsync<NotFoundException>(() => county.As<GetHouseholdHistory>(f.AdminB).HandleAsync(f.HouseholdA));
        var before = await county.As<GetHouseholdHistory>(county.Admin).HandleAsync(f.HouseholdA);
        Assert.Contains(before, e => e.UserName == "县管理员");

        // The operator moves A's household to B's village: B now reads the household, and what B's officials write of it, but not
        // what A's wrote of it before (its entries stay 来凤县's).
        await county.QueryAsync(async db =>
        {
            var household = await db.Households.SingleAsync(h => h.Id == f.HouseholdA);
            (household.CountyId, household.TownshipId, household.VillageId) = (f.CountyB, f.TownshipB, f.VillageB);
            return await db.SaveChangesAsync();
        });
        var history = await county.As<GetHouseholdHistory>(f.AdminB).HandleAsync(f.HouseholdA);
        Assert.NotEmpty(history);
        Assert.DoesNotContain(history, e => e.UserName == "县管理员");
        // The log's own household filter alike: the move (the operator's, filed under the household's county now) and nothing before it.
        var (rows, _) = await AllPagesAsync(county, f.AdminB, new ListAuditLog.Filter(HouseholdId: f.HouseholdA));
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal("tests", r.UserName));
    }

    [Theory, BothDatabases]
    public async Task EntriesWithoutACounty_AreTheOneCountysInADatabaseOfOne_AndTheOperatorsAloneInADatabaseOfSeveral(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        await county.AddHouseholdAsync(SanhuVillage);
        // An entry as every entry was written before entries carried a county: none (the operator's contexts give none).
        var old = await county.QueryAsync(async db =>
        {
            var entry = OldEntry(county.Villages[SanhuVillage].TownshipId);
            db.AuditEntries.Add(entry);
            await db.SaveChangesAsync();
            return entry.Sequence!.Value;
        });
        Assert.Null(await county.QueryAsync(db => db.AuditEntries.Where(e => e.Sequence == old).Select(e => e.CountyId).SingleAsync()));
        var (one, _) = await AllPagesAsync(county, county.Inspector);
        Assert.Contains(old, one.Select(r => r.Sequence));
        Assert.Contains(old, (await AllPagesAsync(county, county.Inspector, new ListAuditLog.Filter(TownshipId: county.Villages[SanhuVillage].TownshipId))).Rows.Select(r => r.Sequence));

        // A second county joins the database: whose the old entry was can no longer be told, so no county's official reads it.
        var second = await county.QueryAsync(async db =>
        {
            var c = new County { Id = Guid.CreateVersion7(), Code = "422826", Name = "咸丰县" };
            db.Counties.Add(c);
            await db.SaveChangesAsync();
            return c.Id;
        });
        var (two, _) = await AllPagesAsync(county, county.Inspector);
        Assert.DoesNotContain(old, two.Select(r => r.Sequence));
        Assert.Equal(one.Count - 1, two.Count);
        var otherInspector = new Actor(Guid.NewGuid(), "咸丰县督查员", Role.Inspector, AreaScope.County(second));
        Assert.DoesNotContain(old, (await AllPagesAsync(county, otherInspector)).Rows.Select(r => r.Sequence));
        Assert.Contains(old, (await AllPagesAsync(county, Actor.Operator())).Rows.Select(r => r.Sequence));
    }

    [Theory, BothDatabases]
    public async Task TheChain_VerifiesOldAndNewEntriesSideBySide_AndMovingAnEntrysCountyBreaksIt(DbProvider provider)
    {
        var f = await ArrangeAsync(provider);
        await using var county = f.Db;
        // Old entries among the new: one with a township and no county (as entries were written between the two migrations), one with neither.
        var (withArea, bare) = await county.QueryAsync(async db =>
        {
            var a = OldEntry(county.Villages[SanhuVillage].TownshipId);
            var b = OldEntry(null);
            db.AuditEntries.AddRange(a, b);
            await db.SaveChangesAsync();
            return (a.Sequence!.Value, b.Sequence!.Value);
        });
        await county.AddHouseholdAsync(SanhuVillage);
        Assert.Equal(2, await county.QueryAsync(db => db.AuditEntries.CountAsync(e => (e.Sequence == withArea || e.Sequence == bare) && e.CountyId == null)));
        var intact = await county.As<VerifyAudit>(county.Admin).HandleAsync();
        Assert.True(intact.Intact, string.Join("; ", intact.Breaks.Select(b => b.Problem)));

        // Someone with the database's rights goes round the triggers and moves one of A's entries (A's administrator's sign-in)
        // into B's log, and gives the old entry a county (what a backfill would have done): both are named.
        var moved = await county.QueryAsync(db => db.AuditEntries.Where(e => e.UserName == AdminAName && e.Action == AuditAction.SignIn).Select(e => e.Sequence!.Value).SingleAsync());
        await county.QueryAsync(db => db.Database.ExecuteSqlRawAsync(provider == DbProvider.Sqlite
            ? "DROP TRIGGER audit_entries_no_update; DROP TRIGGER audit_entries_no_delete;"
            : "ALTER TABLE audit_entries DISABLE TRIGGER USER;"));
        var countyB = f.CountyB;
        var countyA = f.CountyA;
        await county.QueryAsync(db => db.Database.ExecuteSqlAsync($"UPDATE audit_entries SET county_id = {countyB} WHERE sequence = {moved}"));
        await county.QueryAsync(db => db.Database.ExecuteSqlAsync($"UPDATE audit_entries SET county_id = {countyA} WHERE sequence = {withArea}"));

        var broken = await county.As<VerifyAudit>(Actor.Operator()).HandleAsync();
        Assert.False(broken.Intact);
        Assert.Equal(new long?[] { moved, withArea }.Order(), broken.Breaks.Select(b => b.Sequence).Order());
        Assert.All(broken.Breaks, b => Assert.Equal("audit.changed", b.Code));
        Assert.Contains(broken.Breaks, b => b.Sequence == moved && b.Problem.Contains(AdminAName, StringComparison.Ordinal));
        // A's administrator is told of both where they are; the entry now claiming B's county is named to A by its number alone.
        var toA = await county.As<VerifyAudit>(county.Admin).HandleAsync();
        Assert.Equal(2, toA.Breaks.Count);
        Assert.All(toA.Breaks, b => Assert.Equal("audit.changed", b.Code));
        Assert.Contains(toA.Breaks, b => b.Sequence == moved && b.UserName is null && !b.Problem.Contains(AdminAName, StringComparison.Ordinal));
    }

    [Fact]
    public void AnEntrysCounty_IsInItsHash_AndAnEntryWithoutOneHashesAsEntriesWrittenBefore()
    {
        var entry = OldEntry(null);
        entry.Sequence = 7;
        var bare = AuditChain.HashOf(AuditChain.Genesis, entry);
        Assert.Equal(Sha(JsonSerializer.Serialize(Fields(entry), Canonical)), bare);
        entry.TownshipId = Guid.Parse("0193a000-0000-7000-8000-000000000003");
        var withArea = AuditChain.HashOf(AuditChain.Genesis, entry);
        Assert.Equal(Sha(JsonSerializer.Serialize(Fields(entry).Append(entry.TownshipId.ToString()).Append(null), Canonical)), withArea);

        entry.CountyId = Guid.Parse("0193a000-0000-7000-8000-000000000005");
        var inOneCounty = AuditChain.HashOf(AuditChain.Genesis, entry);
        entry.CountyId = Guid.Parse("0193a000-0000-7000-8000-000000000006");
        var inAnother = AuditChain.HashOf(AuditChain.Genesis, entry);
        Assert.Equal(3, new[] { withArea, inOneCounty, inAnother }.Distinct().Count());
        // A county without an area is hashed too, and not as any entry without one.
        entry.TownshipId = null;
        Assert.NotEqual(bare, AuditChain.HashOf(AuditChain.Genesis, entry));
        Assert.Equal(Sha(JsonSerializer.Serialize(Fields(entry).Append(null).Append(null).Append(entry.CountyId.ToString()), Canonical)), AuditChain.HashOf(AuditChain.Genesis, entry));

        static string Sha(string json) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(AuditChain.Genesis + "\n" + json)));
    }

    private static readonly JsonSerializerOptions Canonical = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The twelve fields every entry's hash has held from the start.</summary>
    private static object?[] Fields(AuditEntry e) =>
        [e.Sequence, AuditChain.Truncate(e.At).ToString("yyyy-MM-ddTHH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture), e.UserId?.ToString(), e.UserName,
            (int)e.Action, e.EntityType, e.EntityId.ToString(), e.HouseholdId?.ToString(), e.Changes, e.Reason, e.CorrelationId.ToString(), e.Client];

    /// <summary>An entry as entries were written before they carried a county (through the operator's context, which gives none).</summary>
    private static AuditEntry OldEntry(Guid? township) => new()
    {
        Id = Guid.CreateVersion7(), At = new DateTime(2026, 12, 6, 8, 0, 0, DateTimeKind.Utc), UserName = "旧记录", Action = AuditAction.Update,
        EntityType = "Setting", EntityId = Guid.Parse("0193a000-0000-7000-8000-000000000001"), Changes = "{}",
        CorrelationId = Guid.Parse("0193a000-0000-7000-8000-000000000002"), TownshipId = township,
    };
}
