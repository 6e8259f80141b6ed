using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Funds;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Funds;
using Tuopin.Testing;
using static Tuopin.Application.Tests.Funds.FundsFixture;

namespace Tuopin.Application.Tests.Funds;

/// <summary>
/// The fund ledger on both databases: every invariant's breaking case refused with nothing written, the running totals,
/// reallocation and refund, the ledger and the traces agreeing on a hand-counted fixture, the race for the last yuan, and the roles.
/// </summary>
public sealed class FundLedgerTests
{
    private static readonly DateOnly Approved = new(2016, 3, 1), NoticeEnds = new(2016, 3, 10), Paid = new(2016, 3, 11);

    private static RegisterFundSource.Request Source(string doc, decimal amount, IntegrationCategory category = IntegrationCategory.ConditionImprovement, FundLevel level = FundLevel.Central) =>
        new(level, "财政部", doc, 2016, new DateOnly(2016, 1, 20), amount, category);

    private static async Task<(long Sources, long Allocations, long Payments, long Allocated, long Disbursed)> Totals(TestCounty county) => await county.QueryAsync(async db =>
        ((long)await db.FundSources.CountAsync(), (long)await db.FundAllocations.CountAsync(), (long)await db.Disbursements.CountAsync(),
         (await db.FundSources.Select(s => s.Allocated).ToListAsync()).Sum(m => m.Fen), (await db.FundAllocations.Select(a => a.Disbursed).ToListAsync()).Sum(m => m.Fen)));

    [Theory, BothDatabases]
    public async Task EveryInvariant_RefusesItsBreakingCase_WithNothingWritten_AndTheTracesEqualTheLedger(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var (h1, h2) = (await county.AddHouseholdAsync(Village), await county.AddHouseholdAsync(Village));
        var (n1, n2) = (await county.NumberAsync(h1), await county.NumberAsync(h2));
        var a = await county.AddProjectAsync("A", 800_000m, [Village], township: "三胡乡", approvedOn: Approved, noticeEndsOn: NoticeEnds);
        var b = await county.AddProjectAsync("B", 300_000m, [Other], department: Department.Transport, approvedOn: Approved, noticeEndsOn: NoticeEnds);
        var admin = county.Admin;

        var source = await county.As<RegisterFundSource>(admin).HandleAsync(Source("财农〔2016〕1号", 1_000_000m) with { Reason = "中央下达" });
        var dup = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<RegisterFundSource>(admin).HandleAsync(Source("财农〔2016〕1号", 5m)));
        Assert.Equal("funds.document_duplicate", Assert.Single(dup.Problems).Code);
        var fen = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<RegisterFundSource>(admin).HandleAsync(Source("X", 1.005m)));
        Assert.Equal("funds.amount", Assert.Single(fen.Problems).Code);

        var toA = await county.As<AllocateFunds>(admin).HandleAsync(new AllocateFunds.Request(source.Id, a, new DateOnly(2016, 2, 1), 700_000m));
        var toB = await county.As<AllocateFunds>(admin).HandleAsync(new AllocateFunds.Request(source.Id, b, new DateOnly(2016, 2, 1), 200_000m));
        Assert.Equal(100_000m, toB.SourceUnallocated);
        // One fen past the source's unallocated balance: refused, nothing written.
        var before = await Totals(county);
        var over = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<AllocateFunds>(admin).HandleAsync(new AllocateFunds.Request(source.Id, b, new DateOnly(2016, 2, 2), 100_000.01m)));
        Assert.Equal("funds.over_source", Assert.Single(over.Problems).Code);
        Assert.Equal(before, await Totals(county));

        // Payments by the township responsible for A.
        var township = county.TownshipOfficer("三胡乡");
        var pay = county.As<RecordDisbursement>(township);
        var contractor = await pay.HandleAsync(new RecordDisbursement.Request(toA.Id, Paid, [new(500_000m, Contractor: "来凤县路桥公司")], "凭001"));
        var households = await pay.HandleAsync(new RecordDisbursement.Request(toA.Id, new DateOnly(2016, 4, 1), [new(3_000m, HouseholdNumber: n1, SubsidyType: "产业奖补"), new(2_000m, HouseholdNumber: n2, SubsidyType: "产业奖补")]));
        Assert.Equal((2, 5_000m, 195_000m), (households.Ids.Count, households.Paid, households.AllocationBalance));
        before = await Totals(county);
        async Task Refused(RecordDisbursement.Request request, string code, RecordDisbursement? as_ = null)
        {
            var e = await Assert.ThrowsAsync<InvalidRequestException>(() => (as_ ?? pay).HandleAsync(request));
            Assert.Contains(code, e.Problems.Select(p => p.Code));
            Assert.Equal(before, await Totals(county));
        }
        await Refused(new(toA.Id, Paid, [new(195_000.01m, Contractor: "来凤县路桥公司")]), "funds.over_allocation");
        await Refused(new(toA.Id, Paid, [new(100_000m, Contractor: "x"), new(95_000.01m, HouseholdNumber: n1, SubsidyType: "产业奖补")]), "funds.over_allocation");
        await Refused(new(toA.Id, NoticeEnds, [new(1m, Contractor: "x")]), "funds.notice_not_ended");
        await Refused(new(toA.Id, Paid, [new(0m, Contractor: "x")]), "funds.amount");
        await Refused(new(toA.Id, Paid, [new(1m, Contractor: "x")], IsFinal: true), "funds.not_accepted");
        await Refused(new(toA.Id, Paid, [new(1m, Contractor: "x", HouseholdNumber: n1)]), "funds.payee");
        await Refused(new(toA.Id, Paid, [new(1m, HouseholdNumber: n1)]), "funds.subsidy_type");
        var c = await county.AddProjectAsync("C", 100_000m, [Village], township: "三胡乡");
        var toC = await county.As<AllocateFunds>(admin).HandleAsync(new AllocateFunds.Request(source.Id, c, new DateOnly(2016, 2, 1), 10_000m));
        before = await Totals(county);
        await Refused(new(toC.Id, Paid, [new(1m, Contractor: "x")]), "funds.not_approved");
        await county.UpdateProjectAsync(c, p => { p.ApprovedOn = Approved; p.NoticeEndsOn = NoticeEnds; p.HeldByObjection = true; });
        await Refused(new(toC.Id, Paid, [new(1m, Contractor: "x")]), "funds.held");
        // Closed (销号): no more money reaches it.
        await county.UpdateProjectAsync(c, p => { p.HeldByObjection = false; p.ClosedOn = new DateOnly(2016, 3, 25); });
        await Refused(new(toC.Id, Paid, [new(1m, Contractor: "x")]), "funds.closed");
        // Accepted: the final payment goes through.
        await county.UpdateProjectAsync(a, p => { p.AcceptedOn = new DateOnly(2016, 9, 1); p.StartedOn = new DateOnly(2016, 4, 1); });
        await pay.HandleAsync(new RecordDisbursement.Request(toA.Id, new DateOnly(2016, 9, 2), [new(150_000m, Contractor: "来凤县路桥公司")], IsFinal: true));

        // A refund of one household's payment: never more than was paid; the balance rises again.
        var refund = county.As<RefundDisbursement>(township);
        before = await Totals(county);
        var tooMuch = await Assert.ThrowsAsync<InvalidRequestException>(() => refund.HandleAsync(new RefundDisbursement.Request(households.Ids[1], new DateOnly(2016, 5, 1), 2_000.01m)));
        Assert.Equal("funds.over_refund", Assert.Single(tooMuch.Problems).Code);
        Assert.Equal(before, await Totals(county));
        var back = await refund.HandleAsync(new RefundDisbursement.Request(households.Ids[1], new DateOnly(2016, 5, 1), 500m, Reason: "多发退回"));
        Assert.Equal(45_500m, back.AllocationBalance);

        // Reallocation: 40,000 from A to B; never below what A paid.
        var moveTooMuch = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<ReallocateFunds>(admin).HandleAsync(new ReallocateFunds.Request(toA.Id, b, new DateOnly(2016, 10, 1), 45_500.01m)));
        Assert.Equal("funds.below_disbursed", Assert.Single(moveTooMuch.Problems).Code);
        var moved = await county.As<ReallocateFunds>(admin).HandleAsync(new ReallocateFunds.Request(toA.Id, b, new DateOnly(2016, 10, 1), 40_000m, "来扶调〔2016〕2号"));
        Assert.Equal((660_000m, 240_000m, toB.Id), (moved.FromAmount, moved.ToAmount, moved.ToAllocationId));

        // Hand count: source 1,000,000; allocated A 660,000 + B 240,000 + C 10,000 = 910,000; paid from A 500,000 + 3,000 + 2,000 − 500 + 150,000 = 654,500.
        var ledger = await county.As<GetFundLedger>(county.Inspector).HandleAsync(new GetFundLedger.Request("source"));
        var line = Assert.Single(ledger.Rows);
        Assert.Equal((1_000_000m, 910_000m, 654_500m, 255_500m, 90_000m), (line.Received!.Value, line.Allocated, line.Disbursed, line.Balance, line.Unallocated!.Value));
        var byProject = await county.As<GetFundLedger>(admin).HandleAsync(new GetFundLedger.Request("project"));
        Assert.Equal([("A", 660_000m, 654_500m), ("B", 240_000m, 0m), ("C", 10_000m, 0m)], byProject.Rows.Select(r => (r.Key, r.Allocated, r.Disbursed)));
        var byTownship = await county.As<GetFundLedger>(admin).HandleAsync(new GetFundLedger.Request("township"));
        Assert.Equal(670_000m, byTownship.Rows.Single(r => r.Name.Zh == "三胡乡").Allocated);
        Assert.Equal(240_000m, byTownship.Rows.Single(r => r.Name.Zh == "翔凤镇").Allocated);
        var byDepartment = await county.As<GetFundLedger>(admin).HandleAsync(new GetFundLedger.Request("department"));
        Assert.Equal(240_000m, byDepartment.Rows.Single(r => r.Key == "transport").Allocated);
        Assert.Equal(910_000m, (await county.As<GetFundLedger>(admin).HandleAsync(new GetFundLedger.Request("category"))).Total.Allocated);

        var trace = await county.As<TraceFundSource>(county.Inspector).HandleAsync("财农〔2016〕1号");
        Assert.Equal((line.Allocated, line.Disbursed, line.Unallocated.Value), (trace.Allocated, trace.Disbursed, trace.Unallocated));
        Assert.Equal(byProject.Rows.Select(r => (r.Key, r.Allocated, r.Disbursed, r.Balance)), trace.Projects.Select(p => (p.Code, p.Allocated, p.Disbursed, p.Balance)));
        Assert.Equal((650_000m, 4_500m), (trace.Projects[0].ToContractors, trace.Projects[0].ToHouseholds));
        Assert.Equal(("黄柏园村", 2, 4_500m), (Assert.Single(trace.Villages).Village, trace.Villages[0].Households, trace.Villages[0].Amount));
        Assert.Equal(4_500m, trace.Households.Sum(h => h.Amount));
        var one = await county.As<TraceHousehold>(county.VillageOfficer(Village)).HandleAsync(n2);
        Assert.Equal((1_500m, 2), (one.Total, one.Lines.Count));
        Assert.Equal(("财农〔2016〕1号", "A", true), (one.Lines[1].SourceDocument, one.Lines[1].ProjectCode, one.Lines[1].IsRefund));

        // Every write was audited, with its reason; the ledger checks clean as of the acceptance.
        Assert.True(await county.QueryAsync(db => db.AuditEntries.AnyAsync(e => e.EntityType == nameof(FundSource) && e.EntityId == source.Id && e.Reason == "中央下达")));
        Assert.True(await county.QueryAsync(db => db.AuditEntries.AnyAsync(e => e.EntityType == nameof(Disbursement) && e.EntityId == back.Id && e.Reason == "多发退回")));
        Assert.Equal(5, await county.QueryAsync(db => db.AuditEntries.CountAsync(e => e.EntityType == nameof(Disbursement))));
        var check = await county.As<CheckFunds>(admin).HandleAsync(new DateOnly(2016, 3, 31));
        Assert.Equal(0, check.Invariants);
    }

    [Theory, BothDatabases]
    public async Task TwoPaymentsRacingForTheLastYuan_OneWins_TheOtherIsRefused_AndTheDatabaseIsTheLastLine(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var a = await county.AddProjectAsync("A", 1_000m, [Village], township: "三胡乡", approvedOn: Approved, noticeEndsOn: NoticeEnds);
        var source = await county.As<RegisterFundSource>(county.Admin).HandleAsync(Source("财农〔2016〕9号", 1_000m));
        var allocation = await county.As<AllocateFunds>(county.Admin).HandleAsync(new AllocateFunds.Request(source.Id, a, Approved, 1_000m));
        var officer = county.TownshipOfficer("三胡乡");

        // Two officers each see 1,000 yuan left and pay 600: both pass the check; the first save wins, the second is refused.
        await using var first = county.Factory.Create(officer);
        await using var second = county.Factory.Create(officer);
        var request = new RecordDisbursement.Request(allocation.Id, Paid, [new(600m, Contractor: "甲公司")]);
        await RecordDisbursement.StageAsync(first, officer, request, CancellationToken.None);
        await RecordDisbursement.StageAsync(second, officer, request with { Payments = [new(600m, Contractor: "乙公司")] }, CancellationToken.None);
        await RecordDisbursement.SaveAsync(first, CancellationToken.None);
        var lost = await Assert.ThrowsAsync<ConflictException>(() => RecordDisbursement.SaveAsync(second, CancellationToken.None));
        Assert.Contains("同时", lost.Text.Zh, StringComparison.Ordinal);
        var (payments, disbursed) = await county.QueryAsync(async db => (await db.Disbursements.Select(d => d.Payee).ToListAsync(), (await db.FundAllocations.SingleAsync()).Disbursed.Fen));
        Assert.Equal(["甲公司"], payments);
        Assert.Equal(600_00L, disbursed);

        // The last line: a write that skips the version and the rules is refused by the database's check.
        await using (var db = county.Factory.CreateForOperator("tests"))
        {
            var row = await db.FundAllocations.SingleAsync();
            row.Disbursed = Domain.Common.Money.FromYuan(1_000.01m);
            await Assert.ThrowsAnyAsync<Exception>(() => db.SaveChangesAsync());
        }
        await using (var db = county.Factory.CreateForOperator("tests"))
        {
            var s = await db.FundSources.SingleAsync();
            s.Allocated = Domain.Common.Money.FromYuan(1_000.01m);
            await Assert.ThrowsAnyAsync<Exception>(() => db.SaveChangesAsync());
        }
        Assert.Equal(600_00L, await county.QueryAsync(async db => (await db.FundAllocations.SingleAsync()).Disbursed.Fen));

        // Through the use case, the loser gets the reason with the balance; nothing more is written.
        var rest = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<RecordDisbursement>(officer).HandleAsync(request));
        Assert.Contains("400.00", Assert.Single(rest.Problems).Message.Zh, StringComparison.Ordinal);
    }

    [Theory, BothDatabases]
    public async Task AnotherTownship_AnInspector_AVillageOfficer_AndAnotherDepartment_AreRefused(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var (mine, theirs) = (await county.AddHouseholdAsync(Village), await county.AddHouseholdAsync(Other));
        var theirsNumber = await county.NumberAsync(theirs);
        var a = await county.AddProjectAsync("A", 1_000m, [Village], township: "三胡乡", approvedOn: Approved, noticeEndsOn: NoticeEnds);
        var b = await county.AddProjectAsync("B", 1_000m, [Other], department: Department.Water, approvedOn: Approved, noticeEndsOn: NoticeEnds);
        var source = await county.As<RegisterFundSource>(county.Admin).HandleAsync(Source("财农〔2016〕5号", 2_000m));
        var toA = await county.As<AllocateFunds>(county.Admin).HandleAsync(new AllocateFunds.Request(source.Id, a, Approved, 1_000m));
        var toB = await county.As<AllocateFunds>(county.Admin).HandleAsync(new AllocateFunds.Request(source.Id, b, Approved, 1_000m));
        var payB = await county.As<RecordDisbursement>(county.Department(Department.Water)).HandleAsync(new RecordDisbursement.Request(toB.Id, Paid, [new(100m, HouseholdNumber: theirsNumber, SubsidyType: "饮水补助")]));
        var before = await Totals(county);
        var request = new RecordDisbursement.Request(toA.Id, Paid, [new(1m, Contractor: "x")]);

        // Another township's officer, the inspector, a village officer, another department: refused, nothing written.
        foreach (var actor in new[] { county.TownshipOfficer("翔凤镇"), county.Inspector, county.VillageOfficer(Village), county.Department(Department.Water) })
            await Assert.ThrowsAsync<ForbiddenException>(() => county.As<RecordDisbursement>(actor).HandleAsync(request));
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<RefundDisbursement>(county.Department(Department.Transport)).HandleAsync(new RefundDisbursement.Request(payB.Ids[0], Paid, 1m)));
        foreach (var actor in new[] { county.TownshipOfficer("三胡乡"), county.Inspector, county.Department(Department.Water) })
        {
            await Assert.ThrowsAsync<ForbiddenException>(() => county.As<RegisterFundSource>(actor).HandleAsync(Source("Y", 1m)));
            await Assert.ThrowsAsync<ForbiddenException>(() => county.As<AllocateFunds>(actor).HandleAsync(new AllocateFunds.Request(source.Id, a, Approved, 1m)));
            await Assert.ThrowsAsync<ForbiddenException>(() => county.As<ReallocateFunds>(actor).HandleAsync(new ReallocateFunds.Request(toA.Id, b, Approved, 1m)));
        }
        Assert.Equal(before, await Totals(county));

        // A village officer reads their own households' payments only: another village's household does not exist for them; the ledger is not theirs.
        var villager = county.VillageOfficer(Village);
        Assert.Empty((await county.As<TraceHousehold>(villager).HandleAsync(await county.NumberAsync(mine))).Lines);
        await Assert.ThrowsAsync<NotFoundException>(() => county.As<TraceHousehold>(villager).HandleAsync(theirsNumber));
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<GetFundLedger>(villager).HandleAsync(new GetFundLedger.Request()));
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<CheckFunds>(villager).HandleAsync());
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<TraceFundSource>(villager).HandleAsync(source.Id.ToString()));
        Assert.Single((await county.As<TraceHousehold>(county.VillageOfficer(Other)).HandleAsync(theirsNumber)).Lines);
        // The township sees the source's trace, but not another township's households in it.
        var traced = await county.As<TraceFundSource>(county.TownshipOfficer("三胡乡")).HandleAsync(source.Id.ToString());
        Assert.Equal((100m, 0), (traced.Disbursed, traced.Households.Count));
        Assert.Single((await county.As<TraceFundSource>(county.Inspector).HandleAsync(source.Id.ToString())).Households);
    }
}
