using Tuopin.Application.Plan;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Accounts;
using Tuopin.Application.Common;
using Tuopin.Application.Demo;
using Tuopin.Application.Places;
using Tuopin.Application.Registry;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Registry;
using Tuopin.Testing;

namespace Tuopin.Application.Tests.Demo;

public sealed class SyntheticCountiesTests
{
    private const int Households = 300;

    [Fact]
    public void Codes_AreWellFormed_Unique_AndInTheSyntheticRange()
    {
        var counties = SyntheticCounties.Describe(23, seed: 7, householdsPerCounty: Households);

        Assert.Equal(23, counties.Select(c => c.Code).Distinct().Count());
        Assert.Equal(["990121", "990130", "990221", "990230", "990321", "990323"],
            new[] { 0, 9, 10, 19, 20, 22 }.Select(i => counties[i].Code).ToList());
        Assert.Equal(["990100", "990100", "990200", "990200", "990300", "990300"],
            new[] { 0, 9, 10, 19, 20, 22 }.Select(i => counties[i].PrefectureCode).ToList());
        Assert.Equal("样例县001", counties[0].Name);
        Assert.Equal("样例市03", counties[22].PrefectureName);

        var allCodes = new HashSet<string>();
        foreach (var c in counties)
        {
            Assert.Matches("^99[0-9]{2}2[1-9]$|^99[0-9]{2}30$", c.Code);
            Assert.True(ResidentId.IsSynthetic(c.Code));
            Assert.Empty(LoadCountyPlaces.Check(c.Places));
            Assert.Equal(8, c.Places.Townships.Count);
            Assert.All(c.Places.Townships, t => Assert.Matches($"^{c.Code}[12][0-9]{{2}}$", t.Code));
            Assert.All(c.Places.Villages, v => Assert.Matches($"^{v.TownshipCode}[0-9]{{3}}$", v.Code));
            Assert.All(c.Places.Townships, t => Assert.StartsWith("样例", t.Name));
            Assert.All(c.Places.Villages, v => Assert.StartsWith("样例", v.Name));
            foreach (var code in c.Places.Townships.Select(t => t.Code).Concat(c.Places.Villages.Select(v => v.Code)).Prepend(c.Code))
                Assert.True(allCodes.Add(code), $"{code} twice");
            Assert.Equal(Households, c.Households);
        }

        // Deterministic: the same seed gives the same places; another seed other villages.
        var again = SyntheticCounties.Describe(23, seed: 7, householdsPerCounty: Households);
        Assert.Equal(counties.SelectMany(c => c.Places.Villages.Select(v => v.Code)), again.SelectMany(c => c.Places.Villages.Select(v => v.Code)));
        var full = SyntheticCounties.Describe(3, seed: 8);
        Assert.All(full, c => Assert.InRange(c.Places.Villages.Count, 8 * 20, 8 * 29));
        Assert.All(full, c => Assert.Equal(46, c.Places.PoorVillages.Sum(p => p.Value.Count)));
    }

    [Fact]
    public void ExitGroups_FollowThePlansShape_AndAreThePlanAtFullSize()
    {
        Assert.Equal(DemoPlan.Groups, SyntheticCounties.ScaledGroups(DemoPlan.Households));

        foreach (var households in new[] { 100, 300, 2_000, 50_000 })
        {
            var groups = SyntheticCounties.ScaledGroups(households);
            Assert.Equal(households, groups.Sum(g => g.Households));
            Assert.Equal(DemoPlan.Groups.Select(g => g.Year), groups.Select(g => g.Year));
            foreach (var (plan, scaled) in DemoPlan.Groups.Zip(groups).Where(p => p.First.Year is not null))
            {
                // Each year's share of households within one household of the plan's share, and its family size the plan's.
                Assert.InRange(scaled.Households, (double)plan.Households * (households - 2) / 21_895 - 1, (double)plan.Households * (households - 2) / 21_895 + 1);
                if (scaled.Households > 0)
                    Assert.InRange((double)scaled.People / scaled.Households, (double)plan.People / plan.Households - 0.5, (double)plan.People / plan.Households + 0.5);
            }
        }
    }

    [Fact]
    public void Counts_OutOfRange_AreRefusedByName()
    {
        var e = Assert.Throws<InvalidRequestException>(() => SyntheticCounties.Describe(0, householdsPerCounty: 10));
        Assert.Equal(["counties", "householdsPerCounty"], e.Problems.Select(p => p.Field).ToList());
        Assert.Throws<InvalidRequestException>(() => SyntheticCounties.Describe(SyntheticCounties.MaxCounties + 1));
    }

    [Theory, BothDatabases]
    public async Task Load_WritesValidCounties_ThatReadBackThroughTheUseCases_AndASecondLoadIsRefused(DbProvider provider)
    {
        // Laifeng's places in the same database: the synthetic counties sit beside a real one.
        await using var laifeng = await TestCounty.CreateAsync(provider);
        var counties = SyntheticCounties.Describe(2, seed: 11, householdsPerCounty: Households);

        var result = await LoadSyntheticCounties.RunAsync(laifeng.Factory, counties, seed: 11);

        Assert.Equal(2, result.Counties);
        Assert.Equal(2 * Households, result.Households);
        Assert.Equal(counties.Sum(c => c.People), result.People);
        Assert.True(result.Rows > result.People);

        await using var db = laifeng.Factory.CreateForOperator("tests");
        foreach (var spec in counties)
        {
            var county = await db.Counties.SingleAsync(c => c.Code == spec.Code);
            Assert.Equal(spec.Name, county.Name);

            // Every resident ID valid, in the county's own address code, agreeing with sex and birth date; unique.
            var members = await db.Members.Where(m => m.CountyId == county.Id)
                .Select(m => new { m.ResidentIdCipher, m.ResidentIdIndex, m.Sex, m.BirthDate, m.Name, m.Id }).ToListAsync();
            Assert.Equal(spec.People, members.Count);
            foreach (var m in members)
            {
                var text = laifeng.Protector.Unprotect(m.ResidentIdCipher);
                Assert.True(ResidentId.TryParse(text, out var id, out var problem), problem?.En);
                Assert.Equal(spec.Code, id.AddressCode);
                Assert.Equal(m.Sex, id.Sex);
                Assert.Equal(m.BirthDate, id.BirthDate);
                Assert.Equal(laifeng.Protector.Index(text), m.ResidentIdIndex);
            }
            Assert.Equal(members.Count, members.Select(m => m.ResidentIdIndex).Distinct().Count());

            // The name search's index holds every member's grams (ADR 0015).
            var ids = members.Select(m => m.Id).ToList();
            var grams = await db.Set<MemberNameGram>().Where(g => ids.Contains(g.MemberId)).CountAsync();
            Assert.Equal(members.Sum(m => NameIndex.Grams(m.Name).Count), grams);

            // Exit years in the plan's shape; households poor after 2016 only in townships that exit in 2017.
            var households = await db.Households.Where(h => h.CountyId == county.Id)
                .Select(h => new { h.ExitYear, h.Status, h.Size, TownshipExit = db.Townships.Single(t => t.Id == h.TownshipId).PlannedExitYear, h.BatchId })
                .ToListAsync();
            Assert.Equal(spec.Shape.Groups.Select(g => (g.Year, g.Households, g.People)),
                households.GroupBy(h => h.ExitYear).OrderBy(g => g.Key ?? 9999).Select(g => (g.Key, g.Count(), g.Sum(h => h.Size))));
            Assert.All(households.Where(h => h.ExitYear is null or > 2016), h => Assert.Equal(2017, h.TownshipExit));
            Assert.All(households, h => Assert.Equal(h.ExitYear is null ? HouseholdStatus.NotExited : HouseholdStatus.Exited, h.Status));
            Assert.True(await db.Villages.Where(v => v.CountyId == county.Id).AllAsync(v => v.RegisteredPopulation > 0));

            // One audit entry for the county's batch, which every household records.
            var batch = Assert.Single(households.Select(h => h.BatchId).Distinct());
            var audit = await db.AuditEntries.SingleAsync(a => a.Id == batch);
            Assert.Contains(spec.Code, audit.Changes);

            // The app's own use cases, as the county's administrator.
            var admin = new Actor(Guid.NewGuid(), "样例县管理员", Role.CountyAdmin, AreaScope.County(county.Id));
            var overview = await laifeng.As<CountyOverview>(admin).HandleAsync();
            Assert.Equal(spec.Households, overview.Registered.Households);
            Assert.Equal(spec.People, overview.Registered.People);
            Assert.Equal(8, overview.Townships);
            Assert.True(overview.IllustrativeData);
            var page = await laifeng.As<ListHouseholds>(admin).HandleAsync(new ListHouseholds.Query { PageSize = 50 });
            Assert.Equal(spec.Households, page.Total);
            var detail = await laifeng.As<GetHousehold>(admin).HandleAsync(page.Items[0].Id);
            Assert.Equal(page.Items[0].Size, detail.Members.Count);
            Assert.Equal(4, detail.Incomes.Count);
            Assert.All(detail.Members, m => Assert.StartsWith(spec.Code, m.ResidentId.Text));
            var byName = await laifeng.As<ListHouseholds>(admin).HandleAsync(new ListHouseholds.Query { Name = detail.Members[0].Name, PageSize = 200 });
            Assert.Contains(byName.Items, h => h.Id == detail.Id);
        }

        // The counties sit under their synthetic prefecture (99PP00) and province (990000), and the province's roll-up is
        // the sum of its counties, each equal to what the county's own administrator sees.
        var province = await db.Provinces.SingleAsync(p => p.Code == "990000");
        foreach (var spec in counties)
        {
            var placed = await db.Counties.Where(c => c.Code == spec.Code)
                .Select(c => new { Prefecture = db.Prefectures.Single(p => p.Id == c.PrefectureId) }).SingleAsync();
            Assert.Equal(spec.PrefectureCode, placed.Prefecture.Code);
            Assert.Equal(province.Id, placed.Prefecture.ProvinceId);
        }
        // The load leaves the counties' roll-up tallies counted (one grouped pass at its end): the first view recounts none.
        var codes = counties.Select(c => c.Code).ToList();
        var loaded = await db.Counties.Where(c => codes.Contains(c.Code)).Select(c => c.Id).ToListAsync();
        var stamps = await db.CountyTallyStamps.AsNoTracking().Where(s => loaded.Contains(s.CountyId)).ToListAsync();
        Assert.Equal(2, stamps.Count);
        Assert.All(stamps, s => Assert.True(s.Tallied == s.Writes && s.TalliedAt is not null, $"county {s.CountyId}: tallied {s.Tallied}, writes {s.Writes}"));
        Assert.Equal(counties.Sum(c => c.Households), await db.CountyTallies.Where(t => loaded.Contains(t.CountyId)).SumAsync(t => t.Households));
        var official = new Actor(Guid.NewGuid(), "样例省扶贫办", Role.ProvinceOfficial, AreaScope.Region(AreaLevel.Province, province.Id));
        var rollup = await laifeng.As<GetRollup>(official).HandleAsync(new GetRollup.Query());
        Assert.Equal(stamps.Select(s => (s.CountyId, s.TalliedAt)).Order(),
            (await db.CountyTallyStamps.AsNoTracking().Where(s => loaded.Contains(s.CountyId)).ToListAsync()).Select(s => (s.CountyId, s.TalliedAt)).Order());
        Assert.Equal(counties.Select(c => c.Code).Order(), rollup.Counties.Select(c => c.Code).Order());
        Assert.Equal(counties.Sum(c => c.Households), rollup.Total.Registered.Households);
        Assert.Equal(counties.Sum(c => c.People), rollup.Total.Registered.People);
        Assert.Equal(rollup.Counties.Sum(c => c.Figures.Remaining.People), rollup.Total.Remaining.People);

        // Laifeng's administrator sees none of them.
        var laifengOverview = await laifeng.As<CountyOverview>(laifeng.Admin).HandleAsync();
        Assert.Equal(0, laifengOverview.Registered.Households);

        // A second load of the same counties (or one overlapping them) is refused, and writes nothing.
        var before = (await db.Counties.CountAsync(), await db.Households.CountAsync(), await db.Members.CountAsync(), await db.AuditEntries.CountAsync(), await db.Villages.CountAsync());
        var refused = await Assert.ThrowsAsync<ConflictException>(() =>
            LoadSyntheticCounties.RunAsync(laifeng.Factory, SyntheticCounties.Describe(3, seed: 12, householdsPerCounty: Households), seed: 12));
        Assert.Contains("990121", refused.Text.En);
        Assert.Contains("nothing was written", refused.Text.En);
        var after = (await db.Counties.CountAsync(), await db.Households.CountAsync(), await db.Members.CountAsync(), await db.AuditEntries.CountAsync(), await db.Villages.CountAsync());
        Assert.Equal(before, after);
    }
}
