using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Demo;
using Tuopin.Application.Registry;
using Tuopin.Application.Security;
using Tuopin.Application.Storage;
using Tuopin.Domain.Places;
using Tuopin.Domain.Registry;
using Tuopin.Testing;

namespace Tuopin.Application.Tests.Demo;

public sealed class DemoDataSetTests
{
    [Theory, BothDatabases]
    public async Task Demo_ReproducesThePlansFigures(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider, demo: true);

        var overview = await county.As<CountyOverview>(county.Admin).HandleAsync();

        Assert.Equal(21_897, overview.Registered.Households);
        Assert.Equal(78_913, overview.Registered.People);
        Assert.Equal(8, overview.Townships);
        Assert.Equal(196, overview.Villages);
        Assert.Equal(46, overview.PoorVillages);
        Assert.Equal(
            [(2014, 4_160, 15_000), (2015, 11_163, 40_184), (2016, 5_217, 18_865), (2017, 1_355, 4_861)],
            overview.Exits.Select(e => (e.Year, e.Households, e.People)).ToList());
        Assert.Equal(2, overview.Remaining.Households);
        Assert.Equal(3, overview.Remaining.People);
        // The plan's 2017 people (4,864) are the 2017 exits plus the two households that stay poor.
        Assert.Equal(4_864, overview.Exits.Single(e => e.Year == 2017).People + overview.Remaining.People);
        Assert.True(overview.IllustrativeData);

        await AssertConsistentAsync(county);
    }

    /// <summary>The illustrative choices agree with the plan and with each household's status.</summary>
    private static async Task AssertConsistentAsync(TestCounty county)
    {
        await using var db = county.Factory.CreateForOperator("tests");
        var villages = await db.Villages.Include(v => v.Township).ToListAsync();
        Assert.Equal(20, villages.Count(v => v.IsPoor && v.PlannedExitYear == 2016));
        Assert.Equal(26, villages.Count(v => v.IsPoor && v.PlannedExitYear == 2017));
        // Every poor village of a township that exits in 2016 exits by 2016.
        var early = villages.Where(v => v.IsPoor && v.Township!.PlannedExitYear == 2016).ToList();
        Assert.NotEmpty(early);
        Assert.All(early, v => Assert.Equal(2016, v.PlannedExitYear));
        Assert.Equal(10, await db.Zones.CountAsync());
        Assert.All(villages, v => Assert.True(v.RegisteredPopulation > 0));

        // No household of a village or township planned to exit in 2016 is poor after 2016.
        var lateInEarlyUnits = await db.Households
            .Where(h => h.Status != HouseholdStatus.Exited || h.ExitYear > 2016)
            .Join(db.Villages, h => h.VillageId, v => v.Id, (h, v) => new { v.PlannedExitYear, TownshipExit = v.Township!.PlannedExitYear })
            .CountAsync(x => x.PlannedExitYear == 2016 || x.TownshipExit == 2016);
        Assert.Equal(0, lateInEarlyUnits);

        // Incomes agree with status: below the line before the exit year, above it from then on.
        var lines = await db.PovertyLines.ToDictionaryAsync(l => l.Year, l => l.Amount.Yuan);
        var rows = await db.Incomes.Join(db.Households, i => i.HouseholdId, h => h.Id, (i, h) => new { i.Year, h.ExitYear, i.Wage, i.Production, i.Property, i.FamilyPlanning, i.Dibao, i.Wubao, i.Pension, i.EcoCompensation, i.OtherTransfer, i.ProductionExpense, i.HouseholdSize })
            .ToListAsync();
        Assert.Equal(21_897 * 4, rows.Count);
        foreach (var r in rows.Where(r => lines.ContainsKey(r.Year)))
        {
            var net = (r.Wage + r.Production + r.Property + r.FamilyPlanning + r.Dibao + r.Wubao + r.Pension + r.EcoCompensation + r.OtherTransfer - r.ProductionExpense).Yuan;
            var perCapita = net / r.HouseholdSize;
            if (r.ExitYear is { } exit && r.Year >= exit) Assert.True(perCapita > lines[r.Year], $"{r.Year}: {perCapita} should be above {lines[r.Year]}");
            else Assert.True(perCapita < lines[r.Year], $"{r.Year}: {perCapita} should be below {lines[r.Year]}");
        }

        // Resident IDs are valid, under Laifeng's code, agree with the stated sex and birth date, and Tujia are the majority.
        var members = await db.Members.Select(m => new { m.ResidentIdCipher, m.Sex, m.BirthDate, m.EthnicityCode }).ToListAsync();
        foreach (var m in members.Take(5000))
        {
            var id = ResidentId.Parse(county.Protector.Unprotect(m.ResidentIdCipher));
            Assert.Equal("422827", id.AddressCode);
            Assert.Equal(m.Sex, id.Sex);
            Assert.Equal(m.BirthDate, id.BirthDate);
        }
        Assert.True(members.Count(m => m.EthnicityCode == "15") > members.Count / 2);
        var heads = await db.Households.CountAsync(h => h.Members.Count(m => m.Relation == Relation.Head) == 1);
        Assert.Equal(21_897, heads);
    }

    [Fact]
    public void TheSameSeed_GivesTheSameDataSet_AndAnotherSeedAnother()
    {
        var places = Places();
        var protector = new PersonalDataProtector(Convert.FromBase64String(TestCounty.PersonalDataKey));
        var now = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        var a = new DemoGenerator(7, protector, now, Guid.Empty).Generate(places);
        var b = new DemoGenerator(7, protector, now, Guid.Empty).Generate(places);
        var c = new DemoGenerator(8, protector, now, Guid.Empty).Generate(places);

        Assert.Equal(Fingerprint(a), Fingerprint(b));
        Assert.NotEqual(Fingerprint(a), Fingerprint(c));
        Assert.Equal(a.Households.Select(h => h.Id), b.Households.Select(h => h.Id));
        Assert.Equal(21_897, c.Households.Count);
        Assert.Equal(78_913, c.Members.Count);
    }

    private static string Fingerprint(DemoGenerator.Data data) => string.Join("|", data.Members.Take(3000).Select(m => $"{m.Name}{m.ResidentIdIndex}{m.BirthDate}"))
        + string.Join("|", data.Incomes.Take(3000).Select(i => i.Net.Fen));

    private static List<DemoGenerator.Place> Places()
    {
        var set = Application.Places.CountyDataSet.Laifeng();
        var poor = set.PoorVillages.SelectMany(p => p.Value.Select(n => (n, p.Key))).ToDictionary(x => x.n, x => x.Key);
        var townships = set.Townships.ToDictionary(t => t.Code, t => Guid.NewGuid());
        return set.Villages.Select((v, i) => new DemoGenerator.Place(new Guid(i + 1, 0, 0, new byte[8]), townships[v.TownshipCode], Guid.Empty, v.Code, v.TownshipName,
            v.IsCommunity ? VillageKind.Community : VillageKind.Village, poor.ContainsKey($"{v.TownshipName}/{v.Name}"),
            poor.TryGetValue($"{v.TownshipName}/{v.Name}", out var y) ? y : null)).ToList();
    }
}
