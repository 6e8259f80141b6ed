using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Quality;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Testing;

namespace Tuopin.Application.Tests.Storage;

/// <summary>The area rules are derived from the entities: what belongs to an area says so, and a household's records follow it.</summary>
public sealed class AreaBoundTests
{
    // Not area-bound on purpose: the places themselves and the accounts (everyone sees the county's map and
    // its officers' names; writes are the county administrator's), the audit log (the county's, read by it), and the
    // villages a market entity serves (the entities are the county's, like its cadres: everyone reads where a
    // cooperative works; RegisterMarketEntity lets a township name only its own villages).
    // A project's villages are county records like the project; a disbursement is the county's ledger (a contractor
    // payment has no household): county-bound, read through the Funds use cases' own role and area checks.
    // A unit of the organisation is the county's (the leading group, working groups and departments have no area; a
    // township office or village team names its own): county-bound, read through OrganisationAccess's role and area rules.
    // Supervision's records may have no area at all (a finding about a county department): county-bound, SupervisionAccess
    // filters their reads by the reader's area and unit inside the county, and its guard checks every write
    // (tests/…/Supervision/SupervisionTests attack both; CountyBoundTests the county).
    // The name search's index (MemberNameGram) carries its member's household only to answer a short search: it is read
    // inside ListHouseholds' filter, whose households carry the area filter, and written only with its member (NameSearchTests
    // search as four roles and compare with the scan).
    private static readonly HashSet<string> NotAreaBound = ["Village", "VillageGroup", "User", "AuditEntry", "MarketEntityVillage", "ProjectVillage", "Disbursement", "OrgUnit", "Inspection", "Finding", "AccountabilityCase", "MemberNameGram"];

    [Theory, BothDatabases]
    public async Task EveryEntityWithAnAreaKey_IsAreaBoundOrHouseholdOwned_AndFiltered(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        await using var db = county.Factory.Create(county.VillageOfficer("三胡乡/石桥村"));

        var types = db.Model.GetEntityTypes().Where(t => !t.IsOwned()).ToList();
        var unmarked = types
            .Where(t => t.GetProperties().Any(p => p.Name is "VillageId" or "TownshipId" or "HouseholdId"))
            .Where(t => !typeof(IAreaBound).IsAssignableFrom(t.ClrType) && !typeof(IHouseholdOwned).IsAssignableFrom(t.ClrType))
            .Select(t => t.ClrType.Name)
            .Where(n => !NotAreaBound.Contains(n))
            .ToList();
        Assert.Empty(unmarked);
        var unfiltered = types
            .Where(t => typeof(IAreaBound).IsAssignableFrom(t.ClrType) || typeof(IHouseholdOwned).IsAssignableFrom(t.ClrType))
            .Where(t => t.GetDeclaredQueryFilters().Count == 0)
            .Select(t => t.ClrType.Name)
            .ToList();
        Assert.Empty(unfiltered);
    }

    // Not county-bound on purpose: the places (a prefecture's or province's roll-up counts their villages' population, and
    // everyone reads the map), the accounts (read at sign-in, before any scope), the roll-up's own tallies and stamps
    // (read by the prefecture and the province, above every county), and the audit's entries (their county may be none, and
    // the chain is verified whole: the log's readers filter by county themselves, Audit/AuditCounties).
    private static readonly HashSet<string> NotCountyBound = ["Township", "Village", "Zone", "User", "CountyTally", "CountyTallyStamp", "AuditEntry"];

    [Theory, BothDatabases]
    public async Task EveryEntityWithACountyKey_IsCountyBound_AndFilteredOnItAtEveryLevel(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        foreach (var actor in new[] { county.Admin, county.TownshipOfficer("三胡乡"), county.VillageOfficer("三胡乡/石桥村") })
        {
            await using var db = county.Factory.Create(actor);
            var types = db.Model.GetEntityTypes().Where(t => !t.IsOwned()).ToList();
            var unmarked = types
                .Where(t => t.FindProperty(nameof(ICountyBound.CountyId)) is not null && !typeof(ICountyBound).IsAssignableFrom(t.ClrType))
                .Select(t => t.ClrType.Name)
                .Where(n => !NotCountyBound.Contains(n))
                .ToList();
            Assert.Empty(unmarked);
            var unfiltered = types
                .Where(t => typeof(ICountyBound).IsAssignableFrom(t.ClrType) && t.GetDeclaredQueryFilters().Count == 0)
                .Select(t => t.ClrType.Name)
                .ToList();
            Assert.Empty(unfiltered);
        }
    }

    [Theory, BothDatabases]
    public async Task HouseholdsRecords_AreSeenThroughTheHousehold_EvenIfTheirCopiedPlaceWereStale(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var id = await county.AddHouseholdAsync("三胡乡/石桥村");
        var (from, to) = (county.Villages["三胡乡/石桥村"], county.Villages["翔凤镇/老茶村"]);
        await using (var db = county.Factory.Create(county.Admin))
        {
            // A review saved with a wrong place by hand: the save sets the household's.
            db.QualityReviews.Add(new QualityReview
            {
                Id = Guid.CreateVersion7(), RuleCode = "R1", SubjectId = id, HouseholdId = id, CountyId = county.CountyId, TownshipId = to.TownshipId, VillageId = to.Id,
                Resolution = ReviewResolution.Explained, Reason = "测试", ReviewedBy = "测试",
            });
            await db.SaveChangesAsync();
        }
        Assert.Equal(from.Id, await county.QueryAsync(db => db.QualityReviews.Where(r => r.HouseholdId == id).Select(r => r.VillageId).SingleAsync()));

        // The household moves behind the application's back: the review's copied place stays behind, its visibility does not.
        await county.QueryAsync(db => db.Households.Where(h => h.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.TownshipId, to.TownshipId).SetProperty(h => h.VillageId, to.Id)));

        async Task<int> Seen(Domain.Accounts.AreaScope scope)
        {
            await using var db = county.Factory.Create(new Accounts.Actor(Guid.NewGuid(), "officer", Domain.Accounts.Role.VillageOfficer, scope));
            return await db.QualityReviews.CountAsync() + await db.Members.CountAsync() + await db.StatusChanges.CountAsync();
        }
        Assert.Equal(0, await Seen(Domain.Accounts.AreaScope.Village(county.CountyId, from.TownshipId, from.Id)));
        Assert.Equal(3, await Seen(Domain.Accounts.AreaScope.Village(county.CountyId, to.TownshipId, to.Id)));
    }
}
