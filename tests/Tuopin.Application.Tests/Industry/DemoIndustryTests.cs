using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Industry;
using Tuopin.Application.Storage;
using Tuopin.Domain.Industry;
using Tuopin.Testing;
using Xunit.Abstractions;

namespace Tuopin.Application.Tests.Industry;

/// <summary>The demo's industry work: entities serving the poor villages, participation linked to the plans' industry measures, the gaps left for the 121 check.</summary>
public sealed class DemoIndustryTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Demo_LinksTheIndustryMeasures_AndLeavesA121GapForTheCheck()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite, demo: true);
        var measuresBefore = await county.QueryAsync(db => db.Measures.CountAsync());
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var loaded = await LoadDemoIndustry.RunAsync(county.Factory);
        output.WriteLine($"loaded {loaded} in {watch.ElapsedMilliseconds} ms");

        // Each participation is an industry measure: one of the plans', or one the step adds with it.
        Assert.Equal(measuresBefore + loaded.MeasuresAdded, await county.QueryAsync(db => db.Measures.CountAsync()));
        Assert.Equal(loaded.Participations, await county.QueryAsync(db => db.IndustryParticipations
            .Join(db.Measures, p => p.MeasureId, m => m.Id, (p, m) => m).CountAsync(m => m.Type == Domain.Assistance.MeasureType.Industry)));

        var progress = await county.As<GetIndustryProgress>(county.Admin).HandleAsync(new GetIndustryProgress.Query(2017));
        foreach (var i in progress.Industries) output.WriteLine($"{i.Id}: mu {i.Mu} / {i.MuTarget}, sf {i.ScaleFarmers} / {i.ScaleFarmersTarget}, poor {i.PoorHouseholds} / {i.PoorHouseholdsTarget}, records {i.Records}");
        Assert.True(progress.Industries.Single(i => i.Id == "tea").PoorHouseholds > 0);
        Assert.Equal(0, progress.Industries.Single(i => i.Id == "tourism").Records);

        var check = await county.As<CheckVillages121>(county.Admin).HandleAsync(new CheckVillages121.Query(2017));
        output.WriteLine($"121: {check.Complete} of {check.PoorVillages}");
        foreach (var v in check.Villages.Where(v => v.Missing.Count > 0)) output.WriteLine($"{v.Township}{v.Village}: {string.Join("、", v.Missing.Select(m => m.Name.Zh))}");
        var missing = check.Villages.SelectMany(v => v.Missing.Select(m => m.Part)).ToList();
        Assert.Contains(Part121.MutualFundCooperative, missing);
        Assert.Contains(Part121.SpecialisedCooperative, missing);
        Assert.Contains(Part121.LinkedEnterprise, missing);
        Assert.Equal((34, 46), (check.Complete, check.PoorVillages));
        Assert.Equal((108, 727, 90), (loaded.Entities, loaded.Participations, loaded.MeasuresAdded));
        Assert.Equal(loaded.Participations, await county.QueryAsync(db => db.IndustryParticipations.CountAsync()));
    }
}
