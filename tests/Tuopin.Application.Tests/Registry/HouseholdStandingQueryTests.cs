using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Storage;
using Tuopin.Domain.Registry;
using Tuopin.Testing;

namespace Tuopin.Application.Tests.Registry;

/// <summary>The standing rules translate to SQL on both databases and there give what they give in memory.</summary>
public sealed class HouseholdStandingQueryTests
{
    [Theory, BothDatabases]
    public async Task TheRulesInAQuery_AgreeWithTheRulesInMemory(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        (HouseholdStatus Status, int? ExitYear)[] cases =
        [
            (HouseholdStatus.NotExited, null), (HouseholdStatus.Exited, 2015), (HouseholdStatus.Exited, 2016), (HouseholdStatus.Exited, 2017),
            (HouseholdStatus.Returned, 2015), (HouseholdStatus.Removed, null), (HouseholdStatus.Exited, null),
        ];
        var ids = new Dictionary<Guid, (HouseholdStatus Status, int? ExitYear)>();
        foreach (var c in cases)
        {
            var id = await county.AddHouseholdAsync("三胡乡/黄柏园村");
            await county.QueryAsync(db => db.Households.Where(h => h.Id == id).ExecuteUpdateAsync(s => s.SetProperty(h => h.Status, c.Status).SetProperty(h => h.ExitYear, c.ExitYear)));
            ids[id] = c;
        }
        List<Guid> Expected(Func<HouseholdStatus, int?, bool> rule) => ids.Where(p => rule(p.Value.Status, p.Value.ExitYear)).Select(p => p.Key).Order().ToList();

        foreach (var year in new[] { 2015, 2016, 2017 })
        {
            Assert.Equal(Expected((s, e) => HouseholdStanding.IsPoorAtEndOf(year, s, e)),
                (await county.QueryAsync(db => db.Households.Where(HouseholdStanding.PoorAtEndOf(year)).Select(h => h.Id).ToListAsync())).Order().ToList());
            Assert.Equal(Expected((s, e) => HouseholdStanding.HasExitedBy(year, s, e)),
                (await county.QueryAsync(db => db.Households.Where(HouseholdStanding.ExitedBy(year)).Select(h => h.Id).ToListAsync())).Order().ToList());
            Assert.Equal(Expected((s, e) => HouseholdStanding.HasExitedIn(year, s, e)),
                (await county.QueryAsync(db => db.Households.Where(HouseholdStanding.ExitedIn(year)).Select(h => h.Id).ToListAsync())).Order().ToList());
            Assert.Equal(Expected((s, e) => HouseholdStanding.IsAssessedIn(year, s, e)),
                (await county.QueryAsync(db => db.Households.Where(HouseholdStanding.AssessedIn(year)).Select(h => h.Id).ToListAsync())).Order().ToList());
        }
        Assert.Equal(Expected((s, _) => HouseholdStanding.IsRegistered(s)),
            (await county.QueryAsync(db => db.Households.Where(HouseholdStanding.Registered()).Select(h => h.Id).ToListAsync())).Order().ToList());
        Assert.Equal(Expected((s, _) => HouseholdStanding.IsPoor(s)),
            (await county.QueryAsync(db => db.Households.Where(HouseholdStanding.Poor()).Select(h => h.Id).ToListAsync())).Order().ToList());

        // The year goes as a parameter (declared above the statement), so one plan serves every year.
        var sql = await county.QueryAsync(db => Task.FromResult(db.Households.Where(HouseholdStanding.PoorAtEndOf(2016)).ToQueryString()));
        var statement = string.Join('\n', sql.Split('\n').Where(line => !line.StartsWith(".param", StringComparison.Ordinal) && !line.StartsWith("--", StringComparison.Ordinal)));
        Assert.DoesNotContain("2016", statement, StringComparison.Ordinal);
    }
}
