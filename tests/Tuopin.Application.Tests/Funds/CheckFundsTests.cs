using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Funds;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Funds;
using Tuopin.Domain.Registry;
using Tuopin.Testing;
using static Tuopin.Application.Tests.Funds.FundsFixture;

namespace Tuopin.Application.Tests.Funds;

/// <summary>The ledger's check on both databases: every alert from a hand-made case, every invariant from rows tampered with behind the use cases, and the county's settings moving the thresholds.</summary>
public sealed class CheckFundsTests
{
    [Theory, BothDatabases]
    public async Task EveryAlert_AndEveryBrokenInvariant_IsFound_WithItsReasonAndTheRecordsToOpen(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var admin = county.Admin;
        var (poor, removed, outside) = (await county.AddHouseholdAsync(Village), await county.AddHouseholdAsync(Village), await county.AddHouseholdAsync(Other));
        var (nPoor, nRemoved, nOutside) = (await county.NumberAsync(poor), await county.NumberAsync(removed), await county.NumberAsync(outside));
        await county.QueryAsync(async db => { (await db.Households.SingleAsync(h => h.Id == removed)).Status = HouseholdStatus.Removed; return await db.SaveChangesAsync(); });
        var approved = new DateOnly(2016, 3, 1);
        // P1: approved, never started; P2: started; P3: budget 500.
        var p1 = await county.AddProjectAsync("P1", 100_000m, [Village], township: "三胡乡", approvedOn: approved, noticeEndsOn: new DateOnly(2016, 3, 10));
        var p2 = await county.AddProjectAsync("P2", 100_000m, [Village], township: "三胡乡", approvedOn: approved, noticeEndsOn: new DateOnly(2016, 3, 10), startedOn: new DateOnly(2016, 4, 1));
        var p3 = await county.AddProjectAsync("P3", 500m, [Village], township: "三胡乡", approvedOn: approved, noticeEndsOn: new DateOnly(2016, 3, 10), startedOn: new DateOnly(2016, 4, 1));
        var s1 = await county.As<RegisterFundSource>(admin).HandleAsync(new(FundLevel.Province, "省财政厅", "S1", 2016, new DateOnly(2016, 1, 10), 10_000m, IntegrationCategory.IndustryDevelopment));
        var s2 = await county.As<RegisterFundSource>(admin).HandleAsync(new(FundLevel.County, "县财政局", "S2", 2016, new DateOnly(2016, 1, 10), 1_800m, IntegrationCategory.LivingAid));
        var a1 = await county.As<AllocateFunds>(admin).HandleAsync(new(s1.Id, p1, new DateOnly(2016, 2, 1), 5_000m));
        var a2 = await county.As<AllocateFunds>(admin).HandleAsync(new(s2.Id, p2, new DateOnly(2016, 2, 1), 1_000m));
        var a3 = await county.As<AllocateFunds>(admin).HandleAsync(new(s2.Id, p3, new DateOnly(2016, 2, 1), 800m));
        var pay = county.As<RecordDisbursement>(admin);
        // From P1 (S1): the same subsidy twice to one household, once to a removed one, once to one outside P1's villages: 1,000 in all, last on 11 March.
        await pay.HandleAsync(new(a1.Id, new DateOnly(2016, 3, 11), [new(300m, HouseholdNumber: nPoor, SubsidyType: "产业奖补"), new(200m, HouseholdNumber: nRemoved, SubsidyType: "产业奖补"), new(100m, HouseholdNumber: nOutside, SubsidyType: "产业奖补")]));
        await pay.HandleAsync(new(a1.Id, new DateOnly(2016, 3, 11), [new(400m, HouseholdNumber: nPoor, SubsidyType: "产业奖补")]));
        // From P2 and P3 (S2): 1,800 allocated, 1,100 paid in June (61%, ahead of the 50% due by July).
        await pay.HandleAsync(new(a2.Id, new DateOnly(2016, 6, 1), [new(600m, Contractor: "甲公司")]));
        await pay.HandleAsync(new(a3.Id, new DateOnly(2016, 6, 1), [new(500m, Contractor: "乙公司")]));

        var asOf = new DateOnly(2016, 7, 15);
        var check = await county.As<CheckFunds>(county.Inspector).HandleAsync(asOf);
        Assert.Equal(0, check.Invariants);
        var codes = check.Findings.Select(f => (f.Code, f.Label)).Order().ToList();
        Assert.Equal(new[]
        {
            ("funds.behind_schedule", "S1"), ("funds.idle", "P1"), ("funds.not_poor", nRemoved), ("funds.not_started", "P1"), ("funds.outside_villages", nOutside),
            ("funds.over_budget", "P3"), ("funds.paid_twice", nPoor), ("funds.paid_twice", nPoor),
        }.Order(), codes);
        var behind = check.Findings.Single(f => f.Code == "funds.behind_schedule");
        Assert.Equal(s1.Id, behind.SourceId);
        Assert.Contains("进度 10", behind.Reason.Zh, StringComparison.Ordinal);
        Assert.Contains("50%", behind.Reason.Zh, StringComparison.Ordinal);
        Assert.Equal((a1.Id, p1), (check.Findings.Single(f => f.Code == "funds.idle").AllocationId!.Value, check.Findings.Single(f => f.Code == "funds.idle").ProjectId!.Value));
        Assert.Equal(removed, check.Findings.Single(f => f.Code == "funds.not_poor").HouseholdId);
        Assert.All(check.Findings, f => Assert.False(string.IsNullOrWhiteSpace(f.Reason.En)));

        // A refund of one of the two payments makes it no longer twice; the county's settings move the thresholds.
        var twice = check.Findings.First(f => f.Code == "funds.paid_twice").DisbursementId!.Value;
        var refunded = await county.As<RefundDisbursement>(admin).HandleAsync(new(twice, new DateOnly(2016, 4, 1), await county.QueryAsync(async db => (await db.Disbursements.SingleAsync(d => d.Id == twice)).Amount.Yuan)));
        await county.QueryAsync(async db =>
        {
            db.Settings.Add(new Setting { Key = FundThresholds.IdleDaysKey, Value = "200" });
            db.Settings.Add(new Setting { Key = FundThresholds.NotStartedDaysKey, Value = "200" });
            db.Settings.Add(new Setting { Key = SpendingSchedule.Key, Value = "12:100" });
            return await db.SaveChangesAsync();
        });
        check = await county.As<CheckFunds>(admin).HandleAsync(asOf);
        Assert.Equal(["funds.not_poor", "funds.outside_villages", "funds.over_budget"], check.Findings.Select(f => f.Code).Order());
        Assert.Equal(("12:100", 200), (check.Schedule, check.IdleDays));

        // Rows changed behind the use cases: a source's total off its allocations, an allocation's off its payments, a payment before the notice's end, a final payment before acceptance and after closing.
        await using (var db = county.Factory.CreateForOperator("tests"))
        {
            (await db.FundSources.SingleAsync(s => s.Id == s2.Id)).Allocated = Money.FromYuan(1_700m);
            (await db.FundAllocations.SingleAsync(a => a.Id == a2.Id)).Disbursed = Money.FromYuan(599m);
            var allocation = await db.FundAllocations.SingleAsync(a => a.Id == a1.Id);
            allocation.Disbursed += Money.FromYuan(20m);
            db.Disbursements.Add(new Disbursement { Id = Guid.CreateVersion7(), CountyId = county.CountyId, FundAllocationId = a1.Id, FundSourceId = s1.Id, ProjectId = p1, PaidOn = new DateOnly(2016, 3, 5), Amount = Money.FromYuan(10m), PayeeKind = PayeeKind.Contractor, Payee = "丙", RecordedBy = "tests" });
            db.Disbursements.Add(new Disbursement { Id = Guid.CreateVersion7(), CountyId = county.CountyId, FundAllocationId = a1.Id, FundSourceId = s2.Id, ProjectId = p1, PaidOn = new DateOnly(2016, 4, 5), Amount = Money.FromYuan(10m), PayeeKind = PayeeKind.Contractor, Payee = "丁", IsFinal = true, RecordedBy = "tests" });
            // … and the project closed (销号) the day before that final payment.
            (await db.Projects.SingleAsync(p => p.Id == p1)).ClosedOn = new DateOnly(2016, 4, 4);
            await db.SaveChangesAsync();
        }
        check = await county.As<CheckFunds>(admin).HandleAsync(asOf);
        Assert.Equal(["funds.allocation_total", "funds.final_before_acceptance", "funds.paid_after_closing", "funds.paid_before_notice", "funds.source_total", "funds.untraced"],
            check.Findings.Where(f => f.Kind == CheckFunds.Invariant).Select(f => f.Code).Order());
        Assert.Contains("1,700.00", check.Findings.Single(f => f.Code == "funds.source_total").Reason.Zh, StringComparison.Ordinal);
        Assert.False(check.Clean);
        Assert.NotEqual(Guid.Empty, refunded.Id);
    }
}
