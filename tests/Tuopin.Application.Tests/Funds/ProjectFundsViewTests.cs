using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Funds;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Funds;
using Tuopin.Domain.Projects;
using Tuopin.Testing;
using static Tuopin.Application.Tests.Funds.FundsFixture;

namespace Tuopin.Application.Tests.Funds;

/// <summary>
/// What the project page reads of a project's money (<see cref="GetProjectFunds"/>) and the county's project and fund
/// settings (<see cref="SetFundSettings"/>), on both databases, with the users who must be refused.
/// </summary>
public sealed class ProjectFundsViewTests
{
    private static readonly DateOnly Approved = new(2016, 3, 1), NoticeEnds = new(2016, 3, 10), Paid = new(2016, 3, 11);

    [Theory, BothDatabases]
    public async Task TheProjectsMoney_ShowsEachAllocationAndPayment_WithWhatIsLeftToRefund_AndWhoMayWrite(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var household = await county.AddHouseholdAsync(Village);
        var number = await county.NumberAsync(household);
        var a = await county.AddProjectAsync("PV", 100_000m, [Village], township: "三胡乡", approvedOn: Approved, noticeEndsOn: NoticeEnds);
        var admin = county.Admin;
        var source = await county.As<RegisterFundSource>(admin).HandleAsync(new(FundLevel.Province, "省财政厅", "鄂财〔2016〕页1号", 2016, new DateOnly(2016, 1, 5), 90_000m, IntegrationCategory.ConditionImprovement));
        var spent = await county.As<RegisterFundSource>(admin).HandleAsync(new(FundLevel.County, "县财政局", "来财〔2016〕页2号", 2016, new DateOnly(2016, 1, 5), 1_000m, IntegrationCategory.ConditionImprovement));
        var allocation = await county.As<AllocateFunds>(admin).HandleAsync(new(source.Id, a, new DateOnly(2016, 2, 1), 60_000m));
        await county.As<AllocateFunds>(admin).HandleAsync(new(spent.Id, a, new DateOnly(2016, 2, 1), 1_000m));
        var township = county.TownshipOfficer("三胡乡");
        var paid = await county.As<RecordDisbursement>(township).HandleAsync(new(allocation.Id, Paid, [new(5_000m, Contractor: "来凤县路桥公司"), new(1_200m, HouseholdNumber: number, SubsidyType: "饮水补助")], "凭1"));
        await county.As<RefundDisbursement>(township).HandleAsync(new(paid.Ids[1], Paid.AddDays(3), 200m));

        var asAdmin = await county.As<GetProjectFunds>(admin).HandleAsync(a);
        Assert.Equal((61_000m, 6_000m), (asAdmin.Allocated, asAdmin.Disbursed));
        Assert.Equal(2, asAdmin.Allocations.Count);
        var first = asAdmin.Allocations.Single(x => x.Id == allocation.Id);
        Assert.Equal((60_000m, 6_000m, 54_000m, "鄂财〔2016〕页1号"), (first.Amount, first.Disbursed, first.Balance, first.SourceDocument));
        Assert.Equal(3, asAdmin.Payments.Count);
        var toHousehold = asAdmin.Payments.Single(p => p.Id == paid.Ids[1]);
        Assert.Equal((number, 1_000m, "饮水补助"), (toHousehold.HouseholdNumber, toHousehold.Refundable, toHousehold.SubsidyType));
        Assert.Equal(5_000m, asAdmin.Payments.Single(p => p.Id == paid.Ids[0]).Refundable);
        Assert.Equal(0m, asAdmin.Payments.Single(p => p.RefundOfId is not null).Refundable);
        // The county allocates, from the sources with money left only (the spent one is not offered).
        Assert.True(asAdmin.CanAllocate && asAdmin.CanDisburse);
        Assert.Equal(30_000m, Assert.Single(asAdmin.Sources).Unallocated);

        var asTownship = await county.As<GetProjectFunds>(township).HandleAsync(a);
        Assert.Equal((false, true, 0), (asTownship.CanAllocate, asTownship.CanDisburse, asTownship.Sources.Count));
        var asInspector = await county.As<GetProjectFunds>(county.Inspector).HandleAsync(a);
        Assert.Equal((false, false, 3), (asInspector.CanAllocate, asInspector.CanDisburse, asInspector.Payments.Count));
        var asDepartment = await county.As<GetProjectFunds>(county.Department(Department.Transport)).HandleAsync(a);
        Assert.False(asDepartment.CanDisburse);

        // Another township does not see the project; a village officer reads no ledger (their households' payments are in the trace).
        await Assert.ThrowsAsync<NotFoundException>(() => county.As<GetProjectFunds>(county.TownshipOfficer("翔凤镇")).HandleAsync(a));
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<GetProjectFunds>(county.VillageOfficer(Village)).HandleAsync(a));
    }

    [Theory, BothDatabases]
    public async Task TheCountysProjectAndFundSettings_AreSetTogetherByTheCountyAdministrator_Audited_AndABadValueWritesNothing(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var defaults = await county.As<GetFundSettings>(county.Inspector).HandleAsync();
        Assert.Equal(new GetFundSettings.Result(ProjectRules.DefaultMinimumNoticeDays, SpendingSchedule.Default.ToString(), 90, 90, 30, false), defaults);

        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<SetFundSettings>(county.Inspector).HandleAsync(new(IdleDays: 30)));
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<SetFundSettings>(county.TownshipOfficer("三胡乡")).HandleAsync(new(IdleDays: 30)));
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<GetFundSettings>(county.VillageOfficer(Village)).HandleAsync());

        var bad = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<SetFundSettings>(county.Admin).HandleAsync(
            new(NoticeMinDays: 0, Schedule: "6:50,3:25", IdleDays: 0, NotStartedDays: 4000, NoticeKeepDays: -1)));
        Assert.Equal(["noticeMinDays", "schedule", "idleDays", "notStartedDays", "noticeKeepDays"], bad.Problems.Select(p => p.Field));
        // One bad value among good ones: nothing is written.
        await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<SetFundSettings>(county.Admin).HandleAsync(new(NoticeMinDays: 10, IdleDays: 0)));
        Assert.Equal(0, await county.QueryAsync(db => db.Settings.CountAsync()));

        var saved = await county.As<SetFundSettings>(county.Admin).HandleAsync(new(10, "3:20，6:50,12:100", 60, 45, 15, "县扶贫开发领导小组会议"));
        Assert.Equal(new GetFundSettings.Result(10, "3:20,6:50,12:100", 60, 45, 15, true), saved);
        Assert.Equal(5, await county.QueryAsync(db => db.AuditEntries.CountAsync(e => e.EntityType == nameof(Setting) && e.Reason == "县扶贫开发领导小组会议")));
        // A value left out keeps its setting; the projects read the new minimum notice period.
        Assert.Equal(saved with { IdleDays = 61 }, await county.As<SetFundSettings>(county.Admin).HandleAsync(new(IdleDays: 61)));
        Assert.Equal(10, await county.QueryAsync(db => Tuopin.Application.Projects.ProjectAccess.MinimumNoticeDaysAsync(db, default)));
    }
}
