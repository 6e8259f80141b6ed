using System.Text;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Funds;
using Tuopin.Application.Storage;
using Tuopin.Domain.Funds;
using Tuopin.Testing;
using static Tuopin.Application.Tests.Funds.FundsFixture;

namespace Tuopin.Application.Tests.Funds;

/// <summary>Allocations and payments imported from the treasury's and the bank's lists: all or nothing, each fault named by row and column, on both databases.</summary>
public sealed class FundImportTests
{
    private static MemoryStream Csv(string text, bool gb18030 = false)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return new MemoryStream((gb18030 ? Encoding.GetEncoding("GB18030") : Encoding.UTF8).GetBytes(text));
    }

    [Theory, BothDatabases]
    public async Task Imports_AreAllOrNothing_WithRowAndColumnReasons(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var number = await county.NumberAsync(await county.AddHouseholdAsync(Village));
        await county.AddProjectAsync("LF-A", 10_000m, [Village], township: "三胡乡", approvedOn: new DateOnly(2016, 3, 1), noticeEndsOn: new DateOnly(2016, 3, 10));
        await county.AddProjectAsync("LF-B", 10_000m, [Other], township: "翔凤镇", approvedOn: new DateOnly(2016, 3, 1), noticeEndsOn: new DateOnly(2016, 3, 10));
        await county.As<RegisterFundSource>(county.Admin).HandleAsync(new(FundLevel.Central, "财政部", "财农〔2016〕1号", 2016, new DateOnly(2016, 1, 1), 10_000m, IntegrationCategory.IndustryDevelopment));

        // Two rows together over the source, and an unknown project: refused, every fault named; nothing written.
        var bad = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<ImportAllocations>(county.Admin).HandleAsync(new(Csv(
            "资金文号,项目编号,分配日期,分配金额\n财农〔2016〕1号,LF-A,2016-02-01,6000\n财农〔2016〕1号,LF-B,2016-02-01,4000.01\n财农〔2016〕1号,LF-X,2016-02-01,1\n"), "分配.csv")));
        Assert.Equal(["funds.over_source", "funds.project"], bad.Problems.Select(p => p.Code));
        Assert.Equal("rows[3].分配金额", bad.Problems[0].Field);
        Assert.Equal(0, await county.QueryAsync(db => db.FundAllocations.CountAsync()));
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<ImportAllocations>(county.TownshipOfficer("三胡乡")).HandleAsync(new(Csv("资金文号,项目编号,分配日期,分配金额\n"), "a.csv")));
        var ok = await county.As<ImportAllocations>(county.Admin).HandleAsync(new(Csv(
            "文号,项目编号,分配日期,金额\n财农〔2016〕1号,LF-A,2016-02-01,6000\n财农〔2016〕1号,LF-B,2016-02-01,4000\n", gb18030: true), "分配.csv"));
        Assert.Equal(2, ok.Recorded);
        Assert.Equal(10_000_00L, await county.QueryAsync(async db => (await db.FundSources.SingleAsync()).Allocated.Fen));

        // Payments by the township of LF-A: another township's project, a payment before the notice's end, over the allocation: all refused.
        var officer = county.TownshipOfficer("三胡乡");
        const string head = "项目编号,资金文号,支付日期,支付金额,收款单位,户编号,补贴类型,凭证号,尾款\n";
        var refused = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<ImportDisbursements>(officer).HandleAsync(new(Csv(head +
            "LF-A,财农〔2016〕1号,2016-03-11,5000,路桥公司,,,V1,\n" +
            $"LF-A,财农〔2016〕1号,2016-03-12,1000.01,,{number},产业奖补,V2,\n" +
            "LF-B,财农〔2016〕1号,2016-03-12,1,路桥公司,,,,\n" +
            "LF-A,财农〔2016〕1号,2016-03-10,1,路桥公司,,,,\n"), "支付.csv")));
        Assert.Equal(["funds.over_allocation", "funds.not_responsible", "funds.notice_not_ended"], refused.Problems.Select(p => p.Code));
        Assert.Equal(0, await county.QueryAsync(db => db.Disbursements.CountAsync()));
        var paid = await county.As<ImportDisbursements>(officer).HandleAsync(new(Csv(head +
            "LF-A,财农〔2016〕1号,2016-03-11,5000,路桥公司,,,V1,\n" +
            $"LF-A,财农〔2016〕1号,2016-03-12,1000,,{number},产业奖补,V2,\n"), "支付.csv"));
        Assert.Equal((2, 6_000m), (paid.Recorded, paid.Paid));
        var trace = await county.As<TraceHousehold>(county.VillageOfficer(Village)).HandleAsync(number);
        Assert.Equal((1_000m, "LF-A", "产业奖补"), (trace.Total, Assert.Single(trace.Lines).ProjectCode, trace.Lines[0].SubsidyType));
        Assert.Equal(0, (await county.As<CheckFunds>(county.Admin).HandleAsync(new DateOnly(2016, 3, 31))).Invariants);
    }

    [Theory, BothDatabases]
    public async Task AHouseholdPaymentsCard_IsKeptAsBankAndLastFourDigits_FromTheFormAndTheBanksList_AndTheWholeNumberIsNowhere(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var number = await county.NumberAsync(await county.AddHouseholdAsync(Village));
        var project = await county.AddProjectAsync("LF-A", 10_000m, [Village], township: "三胡乡", approvedOn: new DateOnly(2016, 3, 1), noticeEndsOn: new DateOnly(2016, 3, 10));
        var source = await county.As<RegisterFundSource>(county.Admin).HandleAsync(new(FundLevel.Central, "财政部", "财农〔2016〕1号", 2016, new DateOnly(2016, 1, 1), 10_000m, IntegrationCategory.IndustryDevelopment));
        var allocation = await county.As<AllocateFunds>(county.Admin).HandleAsync(new(source.Id, project, new DateOnly(2016, 2, 1), 10_000m));
        var officer = county.TownshipOfficer("三胡乡");
        const string whole = "6217003310001234567", other = "6228480012345678901";

        // A card given to a contractor, or without its bank: refused, nothing written, and the number not repeated.
        var refused = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<RecordDisbursement>(officer).HandleAsync(new(allocation.Id, new DateOnly(2016, 3, 11),
            [new(100m, Contractor: "路桥公司", Bank: "农业银行", BankCard: whole), new(100m, HouseholdNumber: number, SubsidyType: "产业奖补", BankCard: whole)])));
        Assert.Equal(["funds.card_contractor", "funds.card_pair"], refused.Problems.Select(p => p.Code));
        Assert.DoesNotContain(whole, string.Join("|", refused.Problems.Select(p => p.Message.Zh + p.Message.En)), StringComparison.Ordinal);
        Assert.Equal(0, await county.QueryAsync(db => db.Disbursements.CountAsync()));

        await county.As<RecordDisbursement>(officer).HandleAsync(new(allocation.Id, new DateOnly(2016, 3, 11),
            [new(1_000m, HouseholdNumber: number, SubsidyType: "产业奖补", Bank: "来凤农商银行", BankCard: "6217 0033 1000 1234 567")]));
        const string head = "项目编号,资金文号,支付日期,支付金额,收款单位,户编号,补贴类型,凭证号,尾款,开户银行,一卡通卡号\n";
        var bad = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<ImportDisbursements>(officer).HandleAsync(new(Csv(head +
            $"LF-A,财农〔2016〕1号,2016-04-01,500,,{number},危房改造补助,V2,,农业银行,62284800\n"), "支付.csv")));
        Assert.Equal(("funds.card_number", "rows[2].一卡通卡号"), (Assert.Single(bad.Problems).Code, bad.Problems[0].Field));
        await county.As<ImportDisbursements>(officer).HandleAsync(new(Csv(head + $"LF-A,财农〔2016〕1号,2016-04-01,500,,{number},危房改造补助,V2,,农业银行,{other}\n"), "支付.csv"));

        var trace = await county.As<TraceHousehold>(county.VillageOfficer(Village)).HandleAsync(number);
        Assert.Equal(["来凤农商银行 尾号4567", "农业银行 尾号8901"], trace.Lines.Select(l => l.Card));
        // The whole number is in no column of the ledger nor in the audit trail.
        var stored = await county.QueryAsync(async db => string.Join("|", (await db.Disbursements.ToListAsync()).Select(d => $"{d.CardBank}{d.CardTail}{d.Payee}{d.VoucherNumber}"))
            + string.Join("|", await db.AuditEntries.Select(a => a.Changes).ToListAsync()));
        Assert.DoesNotContain(whole, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(other, stored, StringComparison.Ordinal);
        Assert.Contains("4567", stored, StringComparison.Ordinal);
    }
}
