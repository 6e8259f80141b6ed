using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Accounts;
using Tuopin.Application.Common;
using Tuopin.Application.Funds;
using Tuopin.Application.Industry;
using Tuopin.Application.Organisation;
using Tuopin.Application.Projects;
using Tuopin.Application.Storage;
using Tuopin.Application.Supervision;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;
using Tuopin.Domain.Funds;
using Tuopin.Domain.Industry;
using Tuopin.Domain.Organisation;
using Tuopin.Domain.Places;
using Tuopin.Domain.Projects;
using Tuopin.Domain.Supervision;
using Tuopin.Testing;

namespace Tuopin.Application.Tests.Storage;

/// <summary>
/// One database, two counties (Laifeng and 咸丰县), each with a project, an inspection and its finding, a market entity, a
/// fund source and organisation units, made through the use cases by its own officials. County B's administrator,
/// township officer and inspector see none of county A's county-bound records (lists leave them out, a get by id is not
/// found) and cannot change them: the use cases answer "not found", and the save-time guard refuses a write of county A's
/// record however it is made. The reads rest on the query filter derived from <see cref="ICountyBound"/> (the ledger's use
/// cases never had a county condition of their own), the writes on the guard's county check.
/// </summary>
public sealed class CountyBoundTests
{
    private const string SanhuVillage = "三胡乡/黄柏园村";

    /// <summary>One county's records, made by its own officials.</summary>
    private sealed record Records(Guid County, Guid Township, Guid Village, Guid Office, Guid Department, Guid Project, Guid Inspection, Guid Finding,
        Guid MarketEntity, Guid FundSource);

    private sealed record Fixture(TestCounty Db, Records A, Records B, Actor AdminB, Actor TownshipB, Actor InspectorB);

    private const string SameDocument = "财农〔2016〕1号";

    private static async Task<Fixture> FixtureAsync(DbProvider provider)
    {
        var county = await TestCounty.CreateAsync(provider);
        Guid xianfeng, township, village;
        await using (var db = county.Factory.CreateForOperator("tests"))
        {
            var laifeng = await db.Counties.SingleAsync();
            var c = new County { Id = Guid.CreateVersion7(), Code = "422826", Name = "咸丰县", PrefectureId = laifeng.PrefectureId };
            var t = new Township { Id = Guid.CreateVersion7(), CountyId = c.Id, Code = "422826100", Name = "高乐山镇" };
            var v = new Village { Id = Guid.CreateVersion7(), CountyId = c.Id, TownshipId = t.Id, Code = "422826100201", Name = "白地坪村", OfficialName = "白地坪村委会", Kind = VillageKind.Village };
            db.AddRange(c, t, v);
            await db.SaveChangesAsync();
            (xianfeng, township, village) = (c.Id, t.Id, v.Id);
        }
        var (laifengVillage, laifengTownship) = county.Villages[SanhuVillage];
        var a = await RecordsAsync(county, county.CountyId, laifengTownship, laifengVillage, "三胡乡", county.Admin, county.Inspector);
        var adminB = new Actor(Guid.NewGuid(), "咸丰县管理员", Role.CountyAdmin, AreaScope.County(xianfeng));
        var inspectorB = new Actor(Guid.NewGuid(), "咸丰县督查员", Role.Inspector, AreaScope.County(xianfeng));
        var townshipB = new Actor(Guid.NewGuid(), "高乐山镇专干", Role.TownshipOfficer, AreaScope.Township(xianfeng, township));
        var b = await RecordsAsync(county, xianfeng, township, village, "高乐山镇", adminB, inspectorB);
        return new Fixture(county, a, b, adminB, townshipB, inspectorB);
    }

    private static async Task<Records> RecordsAsync(TestCounty county, Guid countyId, Guid township, Guid village, string townshipName, Actor admin, Actor inspector)
    {
        var today = county.Today;
        var save = county.As<SaveUnit>(admin);
        var office = await save.HandleAsync(new SaveUnit.Request(new SaveUnit.Fields(UnitKind.TownshipOffice, townshipName + "扶贫开发办", TownshipId: township)));
        var department = await save.HandleAsync(new SaveUnit.Request(new SaveUnit.Fields(UnitKind.Department, "县交通运输局", Department: Department.Transport)));
        var project = await county.As<PlanProject>(admin).HandleAsync(new PlanProject.Request(new PlanProject.Fields(
            "通组公路硬化", ProjectCategory.Road, today.Year, [village], township, null, 100_000m, 2m, "公里")));
        var inspection = await county.As<RecordInspection>(inspector).HandleAsync(new RecordInspection.Request(
            InspectionKind.Supervision, today.Year, "精准识别工作督查", null, township, null, today, today, "张督查"));
        var finding = await county.As<RecordFinding>(inspector).HandleAsync(new RecordFinding.Request(
            inspection.Id, FindingCategory.Identification, "家庭人口与户籍不一致", office.Id, today.AddDays(30)));
        var entity = await county.As<RegisterMarketEntity>(admin).HandleAsync(new RegisterMarketEntity.Request(new RegisterMarketEntity.Fields(
            MarketEntityKind.SpecialisedCooperative, "茶叶专业合作社", null, [], [village], new DateOnly(2015, 5, 1))));
        // The same document number in both counties: a trace by number finds the reader's own county's.
        var source = await county.As<RegisterFundSource>(admin).HandleAsync(new RegisterFundSource.Request(
            FundLevel.Central, "财政部", SameDocument, 2016, new DateOnly(2016, 1, 20), 1_000_000m, IntegrationCategory.ConditionImprovement));
        return new Records(countyId, township, village, office.Id, department.Id, project.Id, inspection.Id, finding.Id, entity.Id, source.Id);
    }

    private static Guid[] Ids(Records r) => [r.Office, r.Department, r.Project, r.Inspection, r.Finding, r.MarketEntity, r.FundSource];

    /// <summary>What county B's official sees of each kind of record, by id, through the use cases' lists.</summary>
    private static async Task<HashSet<Guid>> ListedAsync(TestCounty county, Actor actor)
    {
        var seen = new HashSet<Guid>();
        seen.UnionWith((await county.As<ListProjects>(actor).HandleAsync(new ListProjects.Request())).Items.Select(p => p.Id));
        var inspections = await county.As<ListInspections>(actor).HandleAsync(new ListInspections.Request());
        seen.UnionWith(inspections.Inspections.Items.Select(i => i.Id));
        seen.UnionWith((await county.As<ListFindings>(actor).HandleAsync(new ListFindings.Request())).Findings.Items.Select(f => f.Id));
        seen.UnionWith((await county.As<ListMarketEntities>(actor).HandleAsync(new ListMarketEntities.Query())).Select(e => e.Id));
        seen.UnionWith((await county.As<ListFundSources>(actor).HandleAsync(new ListFundSources.Request())).Select(s => s.Id));
        seen.UnionWith((await county.As<ListOrganisation>(actor).HandleAsync(new ListOrganisation.Query())).Units.Select(u => u.Id));
        return seen;
    }

    [Theory, BothDatabases]
    public async Task CountyBsOfficials_ListNoneOfCountyAsRecords_AndGetNoneById(DbProvider provider)
    {
        var f = await FixtureAsync(provider);
        await using var county = f.Db;
        foreach (var actor in new[] { f.AdminB, f.TownshipB, f.InspectorB })
        {
            var seen = await ListedAsync(county, actor);
            Assert.Empty(seen.Intersect(Ids(f.A)));
            // Each sees its own county's (the township officer its township's project, finding and office, and the county's department).
            Assert.Contains(f.B.Project, seen);
            Assert.Contains(f.B.Finding, seen);
            Assert.Contains(f.B.MarketEntity, seen);
            Assert.Contains(f.B.FundSource, seen);
            Assert.Contains(f.B.Office, seen);

            await Assert.ThrowsAsync<NotFoundException>(() => county.As<GetProject>(actor).HandleAsync(f.A.Project));
            await Assert.ThrowsAsync<NotFoundException>(() => county.As<GetInspection>(actor).HandleAsync(f.A.Inspection));
            await Assert.ThrowsAsync<NotFoundException>(() => county.As<GetFinding>(actor).HandleAsync(f.A.Finding));
            await Assert.ThrowsAsync<NotFoundException>(() => county.As<GetUnit>(actor).HandleAsync(f.A.Department));
            await Assert.ThrowsAsync<NotFoundException>(() => county.As<TraceFundSource>(actor).HandleAsync(f.A.FundSource.ToString()));
            Assert.Equal(f.B.FundSource, (await county.As<TraceFundSource>(actor).HandleAsync(SameDocument)).Id);
        }
    }

    private static readonly MethodInfo CountMethod = typeof(CountyBoundTests).GetMethod(nameof(CountAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static Task<int> CountAsync<T>(TuopinDb db, Guid county) where T : class, ICountyBound => db.Set<T>().CountAsync(e => e.CountyId == county);

    /// <summary>County A's rows of every county-bound type, as the actor's context reads them with no condition of its own.</summary>
    private static async Task<Dictionary<string, int>> RowsOfAsync(TestCounty county, Actor actor, Guid countyA)
    {
        await using var db = actor.Scope.Level == AreaLevel.Everything ? county.Factory.CreateForOperator("tests") : county.Factory.Create(actor);
        var rows = new Dictionary<string, int>();
        foreach (var type in db.Model.GetEntityTypes().Where(t => typeof(ICountyBound).IsAssignableFrom(t.ClrType)).Select(t => t.ClrType).Distinct())
            rows[type.Name] = await (Task<int>)CountMethod.MakeGenericMethod(type).Invoke(null, [db, countyA])!;
        return rows;
    }

    [Theory, BothDatabases]
    public async Task EveryCountyBoundSet_ShowsCountyBAndTheRegionNoneOfCountyAsRows(DbProvider provider)
    {
        var f = await FixtureAsync(provider);
        await using var county = f.Db;
        var all = await RowsOfAsync(county, Actor.Operator(), f.A.County);
        foreach (var made in new[] { "Project", "Inspection", "Finding", "MarketEntity", "FundSource", "OrgUnit" }) Assert.True(all[made] > 0, made);
        var prefecture = await county.QueryAsync(db => db.Counties.Where(c => c.Id == f.A.County).Select(c => c.PrefectureId!.Value).SingleAsync());
        foreach (var actor in new[] { f.AdminB, f.TownshipB, f.InspectorB, new Actor(Guid.NewGuid(), "州扶贫办", Role.PrefectureOfficial, AreaScope.Region(AreaLevel.Prefecture, prefecture)) })
        {
            var seen = await RowsOfAsync(county, actor, f.A.County);
            Assert.Equal(all.Keys.Order(), seen.Keys.Order());
            Assert.All(seen, kv => Assert.True(kv.Value == 0, $"{actor.UserName} sees {kv.Value} of county A's {kv.Key}"));
        }
        // County A's own administrator still sees its own.
        Assert.Equal(all, await RowsOfAsync(county, county.Admin, f.A.County));
    }

    /// <summary>County A's records as stored, with their versions and the audit entries about them.</summary>
    private static Task<string> SnapshotAsync(TestCounty county, Records a) => county.QueryAsync(async db =>
    {
        var ids = Ids(a);
        var p = await db.Projects.AsNoTracking().SingleAsync(x => x.Id == a.Project);
        var i = await db.Inspections.AsNoTracking().SingleAsync(x => x.Id == a.Inspection);
        var fi = await db.Findings.AsNoTracking().SingleAsync(x => x.Id == a.Finding);
        var e = await db.MarketEntities.AsNoTracking().SingleAsync(x => x.Id == a.MarketEntity);
        var s = await db.FundSources.AsNoTracking().SingleAsync(x => x.Id == a.FundSource);
        var u = await db.OrgUnits.AsNoTracking().SingleAsync(x => x.Id == a.Department);
        var allocations = await db.FundAllocations.CountAsync(x => x.FundSourceId == a.FundSource);
        var audited = await db.AuditEntries.CountAsync(x => ids.Contains(x.EntityId));
        return string.Join('|', p.Name, p.Version, p.Flagged, i.Title, i.Version, fi.Description, fi.Status, fi.Version, e.Name, e.Version,
            s.IssuingDepartment, s.Version, u.Name, u.Version, allocations, audited);
    });

    [Theory, BothDatabases]
    public async Task CountyBsOfficials_ChangeNoneOfCountyAsRecords_ThroughTheUseCases(DbProvider provider)
    {
        var f = await FixtureAsync(provider);
        await using var county = f.Db;
        var before = await SnapshotAsync(county, f.A);
        var today = county.Today;
        await Assert.ThrowsAsync<NotFoundException>(() => county.As<FlagProject>(f.AdminB).HandleAsync(new FlagProject.Request(f.A.Project, 1, true, "资金拨付滞后")));
        await Assert.ThrowsAsync<NotFoundException>(() => county.As<ApplyForProject>(f.AdminB).HandleAsync(new ApplyForProject.Request(f.A.Project, 1, today)));
        await Assert.ThrowsAsync<NotFoundException>(() => county.As<UpdateInspection>(f.InspectorB).HandleAsync(new UpdateInspection.Request(
            f.A.Inspection, 1, InspectionKind.Supervision, "改了", null, f.A.Township, null, today, today, "李督查", null, null)));
        await Assert.ThrowsAsync<NotFoundException>(() => county.As<RectifyFinding>(f.AdminB).HandleAsync(new RectifyFinding.Request(f.A.Finding, 1, "已整改", true)));
        await Assert.ThrowsAsync<NotFoundException>(() => county.As<RegisterMarketEntity>(f.AdminB).HandleAsync(new RegisterMarketEntity.Request(new RegisterMarketEntity.Fields(
            MarketEntityKind.Enterprise, "改名公司", null, [], [f.B.Village], new DateOnly(2015, 5, 1)), f.A.MarketEntity, 1)));
        await Assert.ThrowsAsync<NotFoundException>(() => county.As<AllocateFunds>(f.AdminB).HandleAsync(new AllocateFunds.Request(f.A.FundSource, f.B.Project, today, 10m)));
        await Assert.ThrowsAsync<NotFoundException>(() => county.As<SaveUnit>(f.AdminB).HandleAsync(new SaveUnit.Request(
            new SaveUnit.Fields(UnitKind.Department, "改名局"), f.A.Department, 1)));
        Assert.Equal(before, await SnapshotAsync(county, f.A));
    }

    [Theory, BothDatabases]
    public async Task TheSaveGuard_RefusesCountyBsAdministratorAnyWriteOfCountyAsRecords_AndNothingIsStored(DbProvider provider)
    {
        var f = await FixtureAsync(provider);
        await using var county = f.Db;
        var before = await SnapshotAsync(county, f.A);
        // The records as a careless use case might hold them (read without the filter), changed and saved in county B's administrator's context.
        var a = await county.QueryAsync(async db => new object[]
        {
            await db.Projects.AsNoTracking().SingleAsync(x => x.Id == f.A.Project),
            await db.Inspections.AsNoTracking().SingleAsync(x => x.Id == f.A.Inspection),
            await db.Findings.AsNoTracking().SingleAsync(x => x.Id == f.A.Finding),
            await db.MarketEntities.AsNoTracking().SingleAsync(x => x.Id == f.A.MarketEntity),
            await db.FundSources.AsNoTracking().SingleAsync(x => x.Id == f.A.FundSource),
            await db.OrgUnits.AsNoTracking().SingleAsync(x => x.Id == f.A.Department),
        });
        foreach (var record in a)
        {
            foreach (var write in new Action<TuopinDb>[]
                     {
                         db => { db.Attach(record); Rename(record); },
                         db => db.Remove(record),
                     })
            {
                await using var db = county.Factory.Create(f.AdminB);
                write(db);
                var refused = await Assert.ThrowsAsync<ForbiddenException>(() => db.SaveChangesAsync());
                Assert.Contains("其他县", refused.Text.Zh, StringComparison.Ordinal);
            }
        }
        // Nor may it add a record to county A, or move one of its own there.
        await using (var db = county.Factory.Create(f.AdminB))
        {
            db.FundSources.Add(new FundSource { Id = Guid.CreateVersion7(), CountyId = f.A.County, Level = FundLevel.County, IssuingDepartment = "县财政局", DocumentNumber = "来财〔2016〕9号",
                Year = 2016, ReceivedOn = new DateOnly(2016, 2, 1), Amount = Money.FromYuan(1m), Category = IntegrationCategory.ConditionImprovement, RecordedBy = "x" });
            await Assert.ThrowsAsync<ForbiddenException>(() => db.SaveChangesAsync());
        }
        await using (var db = county.Factory.Create(f.AdminB))
        {
            var own = await db.MarketEntities.SingleAsync(x => x.Id == f.B.MarketEntity);
            own.CountyId = f.A.County;
            await Assert.ThrowsAsync<ForbiddenException>(() => db.SaveChangesAsync());
        }
        Assert.Equal(before, await SnapshotAsync(county, f.A));
        Assert.Equal(f.B.County, await county.QueryAsync(db => db.MarketEntities.Where(x => x.Id == f.B.MarketEntity).Select(x => x.CountyId).SingleAsync()));
    }

    private static void Rename(object record)
    {
        switch (record)
        {
            case Project p: p.Name = "改名"; break;
            case Inspection i: i.Title = "改名"; break;
            case Finding x: x.Description = "改名"; break;
            case MarketEntity e: e.Name = "改名"; break;
            case FundSource s: s.IssuingDepartment = "改名"; break;
            case OrgUnit u: u.Name = "改名"; break;
            default: throw new ArgumentException(record.GetType().Name);
        }
    }
}
