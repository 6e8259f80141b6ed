using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Registry;
using Tuopin.Application.Storage;
using Tuopin.Domain.Exit;
using Tuopin.Domain.Registry;
using Tuopin.Testing;
using ProcedureTests = Tuopin.Application.Tests.Exit.ProcedureTests;

namespace Tuopin.Application.Tests.Registry;

/// <summary>Every path that changes a household's status follows <see cref="HouseholdStatusRules.CheckTransition"/>.</summary>
public sealed class StatusTransitionTests
{
    private const string Village = "三胡乡/黄柏园村";

    private static async Task ChangeAsync(TestCounty county, Guid id, HouseholdStatus to, int? year, DateOnly date)
    {
        var version = await county.QueryAsync(db => db.Households.Where(h => h.Id == id).Select(h => h.Version).SingleAsync());
        await county.As<ChangeHouseholdStatus>(county.Admin).HandleAsync(new ChangeHouseholdStatus.Request(id, version, to, year, date, "测试"));
    }

    private static async Task RefusedAsync(TestCounty county, Guid id, HouseholdStatus to, int? year, DateOnly date)
    {
        var refused = await Assert.ThrowsAsync<InvalidRequestException>(() => ChangeAsync(county, id, to, year, date));
        var problem = Assert.Single(refused.Problems);
        Assert.Equal((HouseholdStatusRules.Code, "to"), (problem.Code, problem.Field));
    }

    private static Task<(HouseholdStatus, int?)> StatusAsync(TestCounty county, Guid id) =>
        county.QueryAsync(db => db.Households.Where(h => h.Id == id).Select(h => new ValueTuple<HouseholdStatus, int?>(h.Status, h.ExitYear)).SingleAsync());

    [Theory, BothDatabases]
    public async Task TheStatusChange_AllowsOnlyTheChangesTheHouseholdEventsAllow(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var id = await county.AddHouseholdAsync(Village);

        await RefusedAsync(county, id, HouseholdStatus.Returned, null, new DateOnly(2015, 6, 1));        // never exited
        await ChangeAsync(county, id, HouseholdStatus.Exited, 2015, new DateOnly(2015, 12, 15));
        await RefusedAsync(county, id, HouseholdStatus.Exited, 2016, new DateOnly(2016, 12, 15));        // exits again
        await ChangeAsync(county, id, HouseholdStatus.NotExited, null, new DateOnly(2016, 3, 1));       // a wrong exit corrected
        Assert.Equal((HouseholdStatus.NotExited, (int?)null), await StatusAsync(county, id));
        var unchanged = await Assert.ThrowsAsync<InvalidRequestException>(() => ChangeAsync(county, id, HouseholdStatus.NotExited, null, new DateOnly(2016, 4, 1)));
        Assert.Equal("status.unchanged", Assert.Single(unchanged.Problems).Code);                      // nothing to correct
        await ChangeAsync(county, id, HouseholdStatus.Removed, null, new DateOnly(2016, 10, 1));
        await RefusedAsync(county, id, HouseholdStatus.Exited, 2016, new DateOnly(2016, 12, 15));        // removed households do not exit
        await RefusedAsync(county, id, HouseholdStatus.Returned, null, new DateOnly(2016, 12, 15));
        Assert.Equal((HouseholdStatus.Removed, (int?)null), await StatusAsync(county, id));
        await ChangeAsync(county, id, HouseholdStatus.NotExited, null, new DateOnly(2017, 3, 1));       // a wrong removal corrected

        var kinds = await county.QueryAsync(db => db.StatusChanges.Where(e => e.HouseholdId == id).OrderBy(e => e.Sequence).Select(e => e.Kind).ToListAsync());
        Assert.Equal([HouseholdEventKind.Registration, HouseholdEventKind.Exit, HouseholdEventKind.Correction, HouseholdEventKind.Removal, HouseholdEventKind.Correction], kinds);
    }

    [Theory, BothDatabases]
    public async Task TheAnnouncement_RefusesAHouseholdThatCannotExitAnyMore(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var a = await county.AddHouseholdAsync(Village);
        var b = await county.AddHouseholdAsync(Village);
        var proposed = await ProcedureTests.Propose(county, a, b);
        var today = county.Today;
        var day = today.AddDays(-20);
        await ProcedureTests.WalkToNotice(county, proposed, day);
        await ProcedureTests.Step(county, county.TownshipOfficer("三胡乡"), proposed.ProcedureIds, ProcedureStep.TownshipReview, day.AddDays(7));
        await ProcedureTests.Step(county, county.Admin, proposed.ProcedureIds, ProcedureStep.CountyApproval, day.AddDays(10));
        // b is removed as wrongly registered while its exit waits for the announcement.
        var version = await county.QueryAsync(db => db.Households.Where(h => h.Id == b).Select(h => h.Version).SingleAsync());
        await county.As<RecordHouseholdEvent>(county.Admin).HandleAsync(new RecordHouseholdEvent.Request(b, version, HouseholdEventKind.Removal, today.AddDays(-1), "识别不准，清退"));

        var refused = await Assert.ThrowsAsync<InvalidRequestException>(() => ProcedureTests.Step(county, county.Admin, proposed.ProcedureIds, ProcedureStep.Announcement, today));

        var problem = Assert.Single(refused.Problems);
        Assert.Equal((HouseholdStatusRules.Code, "procedureIds[1].to"), (problem.Code, problem.Field));
        Assert.Equal((HouseholdStatus.NotExited, (int?)null), await StatusAsync(county, a));
        Assert.Equal((HouseholdStatus.Removed, (int?)null), await StatusAsync(county, b));
    }
}
