using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Exit;
using Tuopin.Application.Registry;
using Tuopin.Application.Storage;
using Tuopin.Domain.Exit;
using Tuopin.Domain.Registry;
using Tuopin.Testing;

namespace Tuopin.Application.Tests.Exit;

public sealed class EvaluationTests
{
    private static readonly string[] Villages = ["三胡乡/黄柏园村", "三胡乡/石桥村", "翔凤镇/老茶村"];

    [Fact]
    public void TheWilsonInterval_MatchesHandComputedValues()
    {
        // (p + z²/2n ± z√(p(1−p)/n + z²/4n²)) / (1 + z²/n), z = 1.96; 1 of 10 is the textbook 0.0179–0.4042.
        var (low, high) = Sampling.Wilson(1, 10);
        Assert.Equal(0.01788, low, 4);
        Assert.Equal(0.40415, high, 4);
        (low, high) = Sampling.Wilson(0, 20);
        Assert.Equal(0, low, 6);
        Assert.Equal(0.16113, high, 4);
        Assert.Null(Proportion.From(0, 0).Rate);
    }

    [Theory, BothDatabases]
    public async Task TheSample_IsReproducibleFromItsSeed(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        await Population(county, exitedPerVillage: 6, poorPerVillage: 6);
        var draw = county.As<DrawEvaluationSample>(county.Inspector);

        var first = await draw.HandleAsync(new DrawEvaluationSample.Request(2017, 20161215, 2, 3, 2, 2));
        var second = await draw.HandleAsync(new DrawEvaluationSample.Request(2018, 20161215, 2, 3, 2, 2));
        var other = await draw.HandleAsync(new DrawEvaluationSample.Request(2019, 7, 2, 3, 2, 2));

        var a = await Picks(county, first);
        Assert.Equal(2 * (3 + 2 + 2), a.Count);
        Assert.Equal(2, a.Select(s => s.VillageId).Distinct().Count());
        Assert.Equal(6, a.Count(s => s.Kind == SampleKind.Exited));
        Assert.Equal(4, a.Count(s => s.Kind == SampleKind.NotExited));
        Assert.Equal(4, a.Count(s => s.Kind == SampleKind.Outside && s.HouseholdId == null));
        Assert.Equal(a.Select(s => (s.VillageId, s.HouseholdId, s.Kind)), (await Picks(county, second)).Select(s => (s.VillageId, s.HouseholdId, s.Kind)));
        Assert.NotEqual(a.Select(s => s.HouseholdId), (await Picks(county, other)).Select(s => s.HouseholdId));
        var again = await Assert.ThrowsAsync<InvalidRequestException>(() => draw.HandleAsync(new DrawEvaluationSample.Request(2017, 1, 1, 1, 1, 1)));
        Assert.Equal("sample.exists", again.Problems.Single().Code);
    }

    [Theory, BothDatabases]
    public async Task NoSeed_OrASampleLargerThanThePopulation_IsRefusedWithAClearMessage(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        await Population(county, exitedPerVillage: 2, poorPerVillage: 1);
        var draw = county.As<DrawEvaluationSample>(county.Admin);

        var noSeed = await Assert.ThrowsAsync<InvalidRequestException>(() => draw.HandleAsync(new DrawEvaluationSample.Request(2016, null, 1, 1, 1, 1)));
        Assert.Equal("sample.seed_required", noSeed.Problems.Single().Code);
        var villages = await Assert.ThrowsAsync<InvalidRequestException>(() => draw.HandleAsync(new DrawEvaluationSample.Request(2016, 1, 4, 1, 1, 1)));
        Assert.Contains("只有 3 个村", villages.Text.Zh, StringComparison.Ordinal);
        var exited = await Assert.ThrowsAsync<InvalidRequestException>(() => draw.HandleAsync(new DrawEvaluationSample.Request(2016, 1, 3, 3, 1, 1)));
        Assert.Equal("sample.too_many_exited", exited.Problems.Single().Code);
        Assert.Contains("只有 6 户", exited.Text.Zh, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<DrawEvaluationSample>(county.TownshipOfficer("三胡乡")).HandleAsync(new DrawEvaluationSample.Request(2016, 1, 1, 1, 1, 1)));
        Assert.Equal(0, await county.QueryAsync(db => db.Set<Evaluation>().CountAsync()));
    }

    [Theory, BothDatabases]
    public async Task AHouseholdThatExitedAfterTheYear_IsSampledAsNotExitedInThatYear(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        await Population(county, exitedPerVillage: 2, poorPerVillage: 3, villages: 1);
        var later = await county.QueryAsync(db => db.Households.Where(h => h.Status == HouseholdStatus.NotExited).OrderBy(h => h.Number).Select(h => h.Id).FirstAsync());
        await county.QueryAsync(db => db.Households.Where(h => h.Id == later)
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.Status, HouseholdStatus.Exited).SetProperty(h => h.ExitYear, 2017)));

        // At the end of 2016 three households were still poor, one of which exited in 2017; two had exited.
        var id = await county.As<DrawEvaluationSample>(county.Admin).HandleAsync(new DrawEvaluationSample.Request(2016, 7, 1, 2, 3, 0));
        var samples = await Picks(county, id);
        Assert.Contains(samples, s => s.HouseholdId == later && s.Kind == SampleKind.NotExited);
        Assert.Equal(2, samples.Count(s => s.Kind == SampleKind.Exited));
    }

    [Theory, BothDatabases]
    public async Task TheThreeRates_AndTheCountysConditions_FollowTheFindings(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        await Population(county, exitedPerVillage: 10, poorPerVillage: 5, villages: 1, exitedSizes: [3, 1]);
        // 户籍人口 1,000; the registry holds 25 people there (ten exited households of 3 and 1 people, five of 1): 975 outside it.
        await county.QueryAsync(db => db.Villages.Where(v => v.Id == county.Villages[Villages[0]].Id).ExecuteUpdateAsync(s => s.SetProperty(v => v.RegisteredPopulation, 1000)));
        var id = await county.As<DrawEvaluationSample>(county.Inspector).HandleAsync(new DrawEvaluationSample.Request(2016, 42, 1, 10, 5, 4));
        var record = county.As<RecordEvaluationFinding>(county.Inspector);
        var samples = await Picks(county, id);
        var day = new DateOnly(2016, 12, 20);
        var sizes = await county.QueryAsync(db => db.Households.ToDictionaryAsync(h => h.Id, h => h.Size));
        var exited = samples.Where(s => s.Kind == SampleKind.Exited).ToList();
        var poor = samples.Where(s => s.Kind == SampleKind.NotExited).ToList();
        var outside = samples.Where(s => s.Kind == SampleKind.Outside).ToList();
        // Hand-made findings: one exited household of 3 people wrongly exited (3 of the 20 exited people);
        // one outside household of 4 people missed (4 of 975); 13 of the 15 registered households approve.
        var wrong = exited.First(s => sizes[s.HouseholdId!.Value] == 3);
        foreach (var s in exited)
            await record.HandleAsync(new RecordEvaluationFinding.Request(s.Id, day, null, WronglyExited: s == wrong, null, Approves: s != wrong, null));
        for (var i = 0; i < poor.Count; i++)
            await record.HandleAsync(new RecordEvaluationFinding.Request(poor[i].Id, day, null, null, null, Approves: i > 0, null));
        var noPeople = await Assert.ThrowsAsync<InvalidRequestException>(() => record.HandleAsync(new RecordEvaluationFinding.Request(outside[0].Id, day, "门牌1号", null, Missed: true, null, null)));
        Assert.Equal("finding.people_required", noPeople.Problems.Single().Code);
        for (var i = 0; i < outside.Count; i++)
            await record.HandleAsync(new RecordEvaluationFinding.Request(outside[i].Id, day, $"门牌{i + 1}号", null, Missed: i == 0, null, null, People: i == 0 ? 4 : null));
        var bad = await Assert.ThrowsAsync<InvalidRequestException>(() => record.HandleAsync(new RecordEvaluationFinding.Request(outside[0].Id, day, null, true, null, null, null)));
        Assert.Equal(["wronglyExited", "missed", "visited"], bad.Problems.Select(p => p.Field));
        var registeredPeople = await Assert.ThrowsAsync<InvalidRequestException>(() => record.HandleAsync(new RecordEvaluationFinding.Request(poor[0].Id, day, null, null, null, true, null, People: 2)));
        Assert.Equal("finding.people_registered", registeredPeople.Problems.Single().Code);

        var report = (await county.As<GetEvaluation>(county.Admin).HandleAsync(2016))!;

        Assert.Equal((3, 20), (report.WrongExit.Count, report.WrongExit.Of));
        Assert.Equal(0.15, report.WrongExit.Rate!.Value, 6);
        Assert.Equal(0.05237, report.WrongExit.Low!.Value, 4);
        Assert.Equal(0.36042, report.WrongExit.High!.Value, 4);
        Assert.Equal((4, 975), (report.Missed.Count, report.Missed.Of));
        Assert.Equal(0.00160, report.Missed.Low!.Value, 4);
        Assert.Equal(0.01050, report.Missed.High!.Value, 4);
        Assert.Equal((13, 15), (report.Approval.Count, report.Approval.Of));
        Assert.Equal(0.62118, report.Approval.Low!.Value, 4);
        Assert.Equal(0.96264, report.Approval.High!.Value, 4);
        Assert.Equal(19, report.Visited);
        Assert.Equal(4, report.Rows.Single(r => r.Id == outside[0].Id).People);
        Assert.Equal(3, report.Rows.Single(r => r.Id == wrong.Id).People);

        // The exit assessment's county conditions read these counts: 15% wrongly exited fails "< 2%"; 0.41% missed passes.
        var assessed = await county.As<AssessExit>(county.Admin).HandleAsync(new AssessExit.Request(2016, ExitLevel.County));
        var conditions = assessed.Units.Single().Conditions.ToDictionary(c => c.Rule);
        Assert.False(conditions["wrong_exit"].Met);
        Assert.Equal(15m, conditions["wrong_exit"].Value);
        Assert.True(conditions["missed"].Met);
        Assert.Equal(0.41m, conditions["missed"].Value);
        Assert.Contains("漏评人数 4 ÷ 抽查村非建档立卡人口 975", conditions["missed"].Explanation.Zh, StringComparison.Ordinal);
        Assert.False(conditions["approval"].Met);
    }

    /// <summary>In each village: households exited in 2016 and households still poor; exitedSizes gives the
    /// people of the exited households in turn (one each when not given).</summary>
    private static async Task Population(TestCounty county, int exitedPerVillage, int poorPerVillage, int villages = 3, int[]? exitedSizes = null)
    {
        foreach (var village in Villages.Take(villages))
        {
            var ids = new List<Guid>();
            for (var i = 0; i < exitedPerVillage + poorPerVillage; i++)
            {
                var size = i < exitedPerVillage && exitedSizes is { Length: > 0 } ? exitedSizes[i % exitedSizes.Length] : 1;
                MemberFields[] members = [Build.Member(), .. Enumerable.Range(1, size - 1).Select(k => Build.Member(Relation.Son, name: $"子{k}", birth: new DateOnly(1990 + k, 1, 1)))];
                ids.Add(await county.AddHouseholdAsync(village, members));
            }
            var exited = ids.Take(exitedPerVillage).ToList();
            await county.QueryAsync(db => db.Households.Where(h => exited.Contains(h.Id))
                .ExecuteUpdateAsync(s => s.SetProperty(h => h.Status, HouseholdStatus.Exited).SetProperty(h => h.ExitYear, 2016)));
        }
    }

    private static Task<List<EvaluationSample>> Picks(TestCounty county, Guid evaluation) =>
        county.QueryAsync(db => db.Set<EvaluationSample>().Where(s => s.EvaluationId == evaluation).OrderBy(s => s.Position).ToListAsync());
}
