using System.Text;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Industry;
using Tuopin.Application.Plan;
using Tuopin.Application.Storage;
using Tuopin.Domain.Assistance;
using Tuopin.Domain.Industry;
using Tuopin.Testing;

namespace Tuopin.Application.Tests.Industry;

/// <summary>
/// Industry participation recorded and counted, on both databases. Hand-counted fixture (三胡乡: 黄柏园村, 石桥村 poor;
/// 翔凤镇/老茶村 not poor):
/// h1 黄柏园村: vine tea 3 mu (2016, 规模户), green tea 2 mu (2016).
/// h2 黄柏园村: vine tea 1.5 mu (2017); pigs 20 head (2016, 规模户).
/// h3 老茶村: tea 4 mu (2016, its own record); oil tea 2 mu (2016), cancelled.
/// </summary>
public sealed class IndustryTests
{
    private const string Huangbo = "三胡乡/黄柏园村", Shiqiao = "三胡乡/石桥村", Laocha = "翔凤镇/老茶村";

    private sealed record Fixture(TestCounty County, Guid H1, Guid H2, Guid H3, Guid OilTea, Guid OilTeaMeasure);

    private static async Task<Fixture> FixtureAsync(DbProvider provider)
    {
        var county = await TestCounty.CreateAsync(provider);
        await county.QueryAsync(db => LoadPlan.RunAsync(db, PlanDocument.BuiltIn(), "laifeng-plan.json"));
        var (h1, h2, h3) = (await county.AddHouseholdAsync(Huangbo), await county.AddHouseholdAsync(Huangbo), await county.AddHouseholdAsync(Laocha));
        var officer = county.VillageOfficer(Huangbo);
        await Record(county, officer, h1, "vine_tea", 2016, 3m, true);
        await Record(county, officer, h1, "green_tea", 2016, 2m);
        await Record(county, officer, h2, "vine_tea", 2017, 1.5m);
        await Record(county, county.TownshipOfficer("三胡乡"), h2, "pigs", 2016, 20m, true);
        await Record(county, county.Admin, h3, "tea", 2016, 4m);
        var oil = await Record(county, county.VillageOfficer(Laocha), h3, "oil_tea", 2016, 2m);
        return new Fixture(county, h1, h2, h3, oil.Id, oil.MeasureId);
    }

    private static Task<RecordParticipation.Saved> Record(TestCounty county, Accounts.Actor actor, Guid household, string industry, int year, decimal scale, bool farmer = false,
        BenefitLink link = BenefitLink.Own, Guid? entity = null) =>
        county.As<RecordParticipation>(actor).HandleAsync(new RecordParticipation.Request(household, new RecordParticipation.Fields(industry, year, scale, farmer, link, entity)));

    [Theory, BothDatabases]
    public async Task Actuals_CountTheHandCountedFixture_TeaWithItsParts_AndCancelledRecordsCountNowhere(DbProvider provider)
    {
        var f = await FixtureAsync(provider);
        await using var county = f.County;
        // Recording made the measure, in the household's plan, in step.
        var measure = await county.QueryAsync(db => db.Measures.SingleAsync(m => m.Id == f.OilTeaMeasure));
        Assert.Equal((MeasureType.Industry, MeasureStatus.InProgress, 2016, (Guid?)f.H3), (measure.Type, measure.Status, measure.Year, measure.HouseholdId));
        Assert.Equal("产业帮扶：油茶 2亩（自主发展）", measure.Content);

        var cancelled = await county.As<CancelParticipation>(county.VillageOfficer(Laocha)).HandleAsync(new CancelParticipation.Request(f.OilTea, 1, "重复录入"));
        Assert.Equal(2, cancelled.Version);
        Assert.Equal(MeasureStatus.Cancelled, await county.QueryAsync(db => db.Measures.Where(m => m.Id == f.OilTeaMeasure).Select(m => m.Status).SingleAsync()));
        await Assert.ThrowsAsync<ConflictException>(() => county.As<CancelParticipation>(county.Admin).HandleAsync(new CancelParticipation.Request(f.OilTea, 1, "再次")));
        Assert.True(await county.QueryAsync(db => db.AuditEntries.CountAsync(e => e.EntityType == nameof(IndustryParticipation))) >= 7);

        var y2016 = (await county.As<GetIndustryProgress>(county.Admin).HandleAsync(new GetIndustryProgress.Query(2016))).Industries.ToDictionary(i => i.Id);
        Assert.Equal((9m, 2, 1, 2, 3), (y2016["tea"].Mu!.Value, y2016["tea"].PoorHouseholds, y2016["tea"].ScaleFarmers, y2016["tea"].Households, y2016["tea"].Records));
        Assert.Equal((3m, 1, 1), (y2016["vine_tea"].Mu!.Value, y2016["vine_tea"].PoorHouseholds, y2016["vine_tea"].ScaleFarmers));
        Assert.Equal((0, 0m), (y2016["oil_tea"].Records, y2016["oil_tea"].Scale));
        Assert.Equal((20m, (decimal?)null, "头", 1, 1), (y2016["pigs"].Scale, y2016["pigs"].Mu, y2016["pigs"].Unit, y2016["pigs"].ScaleFarmers, y2016["pigs"].PoorHouseholds));
        Assert.Equal(50_000, y2016["herbs"].MuTarget);

        var y2017 = (await county.As<GetIndustryProgress>(county.Admin).HandleAsync(new GetIndustryProgress.Query(2017))).Industries.ToDictionary(i => i.Id);
        Assert.Equal((10.5m, 3, 3), (y2017["tea"].Mu!.Value, y2017["tea"].PoorHouseholds, y2017["tea"].Households));
        Assert.Equal((4.5m, 2), (y2017["vine_tea"].Mu!.Value, y2017["vine_tea"].PoorHouseholds));

        // Below the county, the area's own records: 三胡乡 has h1 and h2, 老茶村's officer only h3.
        var township = (await county.As<GetIndustryProgress>(county.TownshipOfficer("三胡乡")).HandleAsync(new GetIndustryProgress.Query(2017))).Industries.Single(i => i.Id == "tea");
        Assert.Equal((6.5m, 2), (township.Mu!.Value, township.PoorHouseholds));
        var village = (await county.As<GetIndustryProgress>(county.VillageOfficer(Laocha)).HandleAsync(new GetIndustryProgress.Query(2017))).Industries.Single(i => i.Id == "tea");
        Assert.Equal((4m, 1), (village.Mu!.Value, village.PoorHouseholds));

        // The dashboard's industry targets now carry these actuals; an industry with no record stays "no record" (null).
        var progress = await county.As<GetProgress>(county.Admin).HandleAsync(new GetProgress.Query(2017));
        Assert.Equal(10.5m, progress.OtherTargets.Single(t => t.Key == "industries.tea.mu").Actual);
        Assert.Equal(3m, progress.OtherTargets.Single(t => t.Key == "industries.tea.poorHouseholds").Actual);
        Assert.Equal(1m, progress.OtherTargets.Single(t => t.Key == "industries.pigs.scaleFarmers").Actual);
        Assert.Null(progress.OtherTargets.Single(t => t.Key == "industries.oil_tea.mu").Actual);
        Assert.Null(progress.OtherTargets.Single(t => t.Key == "industries.chicken.poorHouseholds").Actual);

        // The records behind an actual: tea's up to 2017 are its own and its parts'.
        var behind = await county.As<ListParticipations>(county.Inspector).HandleAsync(new ListParticipations.Query(IndustryId: "tea", Year: 2017));
        Assert.Equal(4, behind.Total);
        Assert.All(behind.Rows, r => Assert.Equal("亩", r.Unit));
    }

    [Theory, BothDatabases]
    public async Task Recording_IsRefused_OutsideTheArea_ToInspectors_AndWithFaultsNamedByField(DbProvider provider)
    {
        var f = await FixtureAsync(provider);
        await using var county = f.County;
        var fields = new RecordParticipation.Fields("vine_tea", 2017, 1m, false, BenefitLink.Own);
        await Assert.ThrowsAsync<NotFoundException>(() => county.As<RecordParticipation>(county.VillageOfficer(Laocha)).HandleAsync(new RecordParticipation.Request(f.H1, fields)));
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<RecordParticipation>(county.Inspector).HandleAsync(new RecordParticipation.Request(f.H1, fields)));
        await Assert.ThrowsAsync<NotFoundException>(() => county.As<CancelParticipation>(county.VillageOfficer(Laocha)).HandleAsync(new CancelParticipation.Request(f.H3, 1, "x")));
        var wrong = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<RecordParticipation>(county.Admin).HandleAsync(new RecordParticipation.Request(f.H1,
            new RecordParticipation.Fields("coffee", 2010, -1m, false, BenefitLink.Order))));
        Assert.Equal(["industryId", "year", "scale", "marketEntityId"], wrong.Problems.Select(p => p.Field));
        var tourism = await Assert.ThrowsAsync<InvalidRequestException>(() => Record(county, county.Admin, f.H1, "tourism", 2017, 2m));
        Assert.Equal("scale", tourism.Problems.Single().Field);
        Assert.Equal(6, await county.QueryAsync(db => db.IndustryParticipations.CountAsync()));
    }

    [Theory, BothDatabases]
    public async Task MarketEntities_AreRegisteredByTheOffices_AndThe121CheckNamesWhatEachPoorVillageLacks(DbProvider provider)
    {
        var f = await FixtureAsync(provider);
        await using var county = f.County;
        var (huangbo, shiqiao) = (county.Villages[Huangbo].Id, county.Villages[Shiqiao].Id);
        var township = county.TownshipOfficer("三胡乡");
        RegisterMarketEntity.Fields Entity(MarketEntityKind kind, string name, params Guid[] villages) => new(kind, name, null, ["tea"], villages, new DateOnly(2015, 5, 1));
        var coop = await county.As<RegisterMarketEntity>(township).HandleAsync(new(Entity(MarketEntityKind.SpecialisedCooperative, "黄柏园藤茶专业合作社", huangbo, shiqiao)));
        await county.As<RegisterMarketEntity>(township).HandleAsync(new(Entity(MarketEntityKind.MutualFundCooperative, "黄柏园村资金互助社", huangbo)));
        await county.As<RegisterMarketEntity>(county.Admin).HandleAsync(new(Entity(MarketEntityKind.Enterprise, "来凤县藤茶有限公司", huangbo) with { CreditCode = "91422827MA4ABCDE1X" }));

        // Village officers and inspectors do not register; a township names only its own villages; names are unique.
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<RegisterMarketEntity>(county.VillageOfficer(Huangbo)).HandleAsync(new(Entity(MarketEntityKind.FamilyFarm, "某家庭农场", huangbo))));
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<RegisterMarketEntity>(county.Inspector).HandleAsync(new(Entity(MarketEntityKind.FamilyFarm, "某家庭农场", huangbo))));
        var outside = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<RegisterMarketEntity>(township).HandleAsync(new(Entity(MarketEntityKind.FamilyFarm, "某家庭农场", county.Villages[Laocha].Id))));
        Assert.Equal("villages", outside.Problems.Single().Field);
        var taken = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<RegisterMarketEntity>(county.Admin).HandleAsync(new(Entity(MarketEntityKind.FamilyFarm, "黄柏园村资金互助社"))));
        Assert.Equal("name", taken.Problems.Single().Field);
        var badIndustry = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<RegisterMarketEntity>(county.Admin).HandleAsync(new(Entity(MarketEntityKind.FamilyFarm, "某农场") with { Industries = ["coffee"], CreditCode = "123" })));
        Assert.Equal(["creditCode", "industries"], badIndustry.Problems.Select(p => p.Field));

        // A participation driven by the cooperative names it in its measure.
        await Record(county, county.VillageOfficer(Huangbo), f.H1, "vine_tea", 2017, 1m, link: BenefitLink.Order, entity: coop.Id);
        var entities = await county.As<ListMarketEntities>(county.VillageOfficer(Shiqiao)).HandleAsync(new ListMarketEntities.Query(VillageId: shiqiao));
        Assert.Equal(["黄柏园藤茶专业合作社"], entities.Select(e => e.Name));
        Assert.Equal(2, entities.Single().Villages.Count);
        Assert.Contains(await county.QueryAsync(db => db.Measures.Where(m => m.Type == MeasureType.Industry).Select(m => m.Content).ToListAsync()),
            c => c.Contains("订单收购，黄柏园藤茶专业合作社", StringComparison.Ordinal));

        var check = await county.As<CheckVillages121>(township).HandleAsync(new CheckVillages121.Query(2017));
        var hb = check.Villages.Single(v => v.VillageId == huangbo);
        Assert.Empty(hb.Missing);
        Assert.Equal(("tea", 2), (hb.LeadingIndustry, hb.LeadingHouseholds));
        var sq = check.Villages.Single(v => v.VillageId == shiqiao);
        Assert.Equal([Part121.MutualFundCooperative, Part121.LinkedEnterprise, Part121.LeadingIndustry], sq.Missing.Select(m => m.Part));
        Assert.DoesNotContain(check.Villages, v => v.Village == "老茶村");
        Assert.All(check.Villages, v => Assert.Equal(county.Townships["三胡乡"], v.TownshipId));
        var missingOnly = await county.As<CheckVillages121>(township).HandleAsync(new CheckVillages121.Query(2017, MissingOnly: true));
        Assert.DoesNotContain(missingOnly.Villages, v => v.VillageId == huangbo);
        Assert.Equal(check.Complete, missingOnly.Complete);
    }

    [Theory, BothDatabases]
    public async Task Import_IsAllOrNothing_WithEachRowsFaultNamed_ThenTheRightFileCreatesParticipationsAndMeasures(DbProvider provider)
    {
        var f = await FixtureAsync(provider);
        await using var county = f.County;
        var (n1, n3) = await county.QueryAsync(async db => (
            await db.Households.Where(h => h.Id == f.H1).Select(h => h.Number).SingleAsync(),
            await db.Households.Where(h => h.Id == f.H3).Select(h => h.Number).SingleAsync()));
        var officer = county.VillageOfficer(Huangbo);
        const string header = "户编号,产业,年度,规模,规模户,利益联结,市场主体";
        var bad = string.Join("\n", header,
            $"{n1},藤茶,2018,2,是,,",
            $"{n3},藤茶,2018,2,,,",
            $"{n1},咖啡,2018,2,,,",
            $"{n1},pigs,2018,-3,,,",
            $"{n1},chicken,2018,100,,订单收购,没有的合作社",
            $"{n1},vine_tea,2018,1,,,");
        var refused = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<ImportParticipation>(officer)
            .HandleAsync(new ImportParticipation.Request(new MemoryStream(CsvReader.Gb18030.GetBytes(bad)), "产业.csv")));
        var messages = refused.Problems.Select(p => p.Message.Zh).ToList();
        Assert.Contains(messages, m => m.StartsWith("第 3 行，户编号", StringComparison.Ordinal) && m.Contains("不在您的管辖范围内", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("第 4 行，产业", StringComparison.Ordinal) && m.Contains("咖啡", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("第 5 行，规模", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("第 6 行，市场主体", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("第 7 行，产业", StringComparison.Ordinal) && m.Contains("第 2 行", StringComparison.Ordinal));
        Assert.Equal(6, await county.QueryAsync(db => db.IndustryParticipations.CountAsync()));

        var good = string.Join("\n", header, $"{n1},藤茶,2018,2,是,,", $"{n1},生猪规模养殖,2018,30,否,自主发展,");
        var result = await county.As<ImportParticipation>(officer).HandleAsync(new ImportParticipation.Request(new MemoryStream(Encoding.UTF8.GetBytes(good)), "产业.csv"));
        Assert.Equal((2, 2), (result.Rows, result.Created));
        var stored = await county.QueryAsync(db => db.IndustryParticipations.Where(p => p.Year == 2018)
            .Join(db.Measures, p => p.MeasureId, m => m.Id, (p, m) => new { p.IndustryId, m.Type, m.HouseholdId }).ToListAsync());
        Assert.Equal(2, stored.Count);
        Assert.All(stored, s => Assert.Equal((MeasureType.Industry, (Guid?)f.H1), (s.Type, s.HouseholdId)));
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<ImportParticipation>(county.Inspector)
            .HandleAsync(new ImportParticipation.Request(new MemoryStream(Encoding.UTF8.GetBytes(good)), "产业.csv")));
    }
}
