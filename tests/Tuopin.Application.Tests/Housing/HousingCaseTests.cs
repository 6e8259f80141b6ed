using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Housing;
using Tuopin.Application.Storage;
using Tuopin.Domain.Assistance;
using Tuopin.Domain.Housing;
using Tuopin.Domain.Registry;
using Tuopin.Testing;

namespace Tuopin.Application.Tests.Housing;

/// <summary>A housing case from application to payment, its measure kept in step; the roles, the areas, the versions and the rule's refusals.</summary>
public sealed class HousingCaseTests
{
    private const string Village = "三胡乡/黄柏园村";

    private static async Task<Guid> HouseholdAsync(TestCounty county, HousingSafety housing, bool adobe = false)
    {
        var fields = Build.Household(county.Villages[Village].Id) with { Housing = housing, IsAdobeHouse = adobe };
        return await county.As<Application.Registry.CreateHousehold>(county.Admin).HandleAsync(new Application.Registry.CreateHousehold.Request(fields, [Build.Member()], RegisteredOn: new DateOnly(2014, 10, 1)));
    }

    private static Task<Measure> MeasureAsync(TestCounty county, Guid id) => county.QueryAsync(db => db.Measures.SingleAsync(m => m.Id == id));

    [Theory, BothDatabases]
    public async Task ACase_GoesFromApplicationToPayment_AndItsMeasureFollows(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        await county.As<SetHousingSubsidies>(county.Admin).HandleAsync(new SetHousingSubsidies.Amounts(Build: 40_000m, Fixed: 25_000m, Renovation: 10_000m));
        var household = await HouseholdAsync(county, HousingSafety.DangerC);
        var officer = county.VillageOfficer(Village);
        var township = county.TownshipOfficer("三胡乡");
        var today = county.Today;

        var applied = await county.As<ApplyForHousing>(officer).HandleAsync(new ApplyForHousing.Request(household, HousingCaseKind.Renovation, AppliedOn: today.AddDays(-60)));
        Assert.Equal(HousingSubsidyCategory.RenovationSubsidy, applied.Category);
        var measure = await MeasureAsync(county, applied.MeasureId);
        Assert.Equal((MeasureType.HousingRenovation, MeasureStatus.Planned, household), (measure.Type, measure.Status, measure.HouseholdId!.Value));
        // One live case a household.
        await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<ApplyForHousing>(officer).HandleAsync(new ApplyForHousing.Request(household, HousingCaseKind.Renovation)));

        // The village may not approve; the township does, and the amount is the county's.
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<ApproveHousingCase>(officer).HandleAsync(new(applied.Id, 1, today.AddDays(-50), "来住建发〔2017〕3号")));
        var v = await county.As<ApproveHousingCase>(township).HandleAsync(new(applied.Id, 1, today.AddDays(-50), "来住建发〔2017〕3号"));
        measure = await MeasureAsync(county, applied.MeasureId);
        Assert.Equal((MeasureStatus.InProgress, 10_000m), (measure.Status, measure.Amount.Yuan));

        // No payment before acceptance, saying so.
        var early = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<PayHousingCase>(township).HandleAsync(new(applied.Id, v, today, "凭证001")));
        Assert.Contains("先验收后拨付", early.Problems.Single().Message.Zh, StringComparison.Ordinal);

        v = await county.As<StartHousingConstruction>(officer).HandleAsync(new(applied.Id, v, today.AddDays(-40)));
        // A stale version is refused.
        await Assert.ThrowsAsync<ConflictException>(() => county.As<AcceptHousingCase>(township).HandleAsync(new(applied.Id, v - 1, today.AddDays(-10), "乡镇验收组", AcceptanceResult.Pass)));
        // A failed acceptance must be redone before payment.
        v = await county.As<AcceptHousingCase>(township).HandleAsync(new(applied.Id, v, today.AddDays(-10), "乡镇验收组", AcceptanceResult.Fail, "屋面未加固"));
        var failed = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<PayHousingCase>(township).HandleAsync(new(applied.Id, v, today, "凭证001")));
        Assert.Contains("重新验收", failed.Problems.Single().Message.Zh, StringComparison.Ordinal);
        v = await county.As<AcceptHousingCase>(township).HandleAsync(new(applied.Id, v, today.AddDays(-5), "乡镇验收组", AcceptanceResult.Pass));
        // Not more than approved.
        await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<PayHousingCase>(county.Admin).HandleAsync(new(applied.Id, v, today, "凭证001", 10_000.01m)));
        v = await county.As<PayHousingCase>(county.Admin).HandleAsync(new(applied.Id, v, today, "凭证001"));

        measure = await MeasureAsync(county, applied.MeasureId);
        Assert.Equal((MeasureStatus.Done, 10_000m, today, HousingCases.PaidEffect), (measure.Status, measure.Amount.Yuan, measure.DoneOn!.Value, measure.EffectNote!));
        var detail = await county.As<GetHousingCase>(county.Inspector).HandleAsync(applied.Id);
        Assert.Equal((HousingStep.Paid, 1, "凭证001", 0), (detail.Step, detail.FailedAcceptances, detail.PaymentVoucher!, detail.Allowed.Count));
        Assert.NotEmpty(detail.Reasons);
        Assert.True(await county.QueryAsync(db => db.AuditEntries.CountAsync(e => e.EntityType == nameof(HousingCase) && e.EntityId == applied.Id)) == 6);

        var list = await county.As<ListHousingCases>(township).HandleAsync(new ListHousingCases.Request());
        Assert.Equal(1, list.ByStep.Single(s => s.Step == HousingStep.Paid).Count);
        Assert.Equal(household, list.Cases.Items.Single().HouseholdId);
    }

    [Theory, BothDatabases]
    public async Task OtherAreas_Inspectors_AndTheUneligible_AreRefused(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var safe = await HouseholdAsync(county, HousingSafety.Safe);
        var noHouse = await HouseholdAsync(county, HousingSafety.NoHouse);
        var officer = county.VillageOfficer(Village);
        var stranger = county.VillageOfficer("翔凤镇/老茶村");

        // The rule's reasons come with the refusal.
        var refused = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<ApplyForHousing>(officer).HandleAsync(new ApplyForHousing.Request(safe, HousingCaseKind.Renovation)));
        Assert.Contains(refused.Problems, p => p.Message.Zh.Contains("有安全住房", StringComparison.Ordinal));
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<ApplyForHousing>(county.Inspector).HandleAsync(new ApplyForHousing.Request(noHouse, HousingCaseKind.Renovation)));
        await Assert.ThrowsAsync<NotFoundException>(() => county.As<ApplyForHousing>(stranger).HandleAsync(new ApplyForHousing.Request(noHouse, HousingCaseKind.Renovation)));

        var applied = await county.As<ApplyForHousing>(officer).HandleAsync(new ApplyForHousing.Request(noHouse, HousingCaseKind.Relocation, Settlement.Centralised, "绿水安置点"));
        Assert.Equal(MeasureType.Relocation, (await MeasureAsync(county, applied.MeasureId)).Type);
        await Assert.ThrowsAsync<NotFoundException>(() => county.As<GetHousingCase>(stranger).HandleAsync(applied.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => county.As<StartHousingConstruction>(stranger).HandleAsync(new(applied.Id, 1, county.Today)));
        Assert.Equal(0, (await county.As<ListHousingCases>(stranger).HandleAsync(new ListHousingCases.Request())).Total);
        Assert.Equal(1, (await county.As<ListHousingCases>(county.Inspector).HandleAsync(new ListHousingCases.Request())).Total);
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<CancelHousingCase>(county.Inspector).HandleAsync(new(applied.Id, 1, "撤回")));
        // No amount set: the county cannot approve yet.
        await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<ApproveHousingCase>(county.Admin).HandleAsync(new(applied.Id, 1, county.Today, "文号")));
        // Out of order: construction before approval.
        await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<StartHousingConstruction>(officer).HandleAsync(new(applied.Id, 1, county.Today)));

        // The village withdraws its application; the measure is cancelled with it, and the household may apply again.
        await county.As<CancelHousingCase>(officer).HandleAsync(new(applied.Id, 1, "户主放弃搬迁"));
        Assert.Equal(MeasureStatus.Cancelled, (await MeasureAsync(county, applied.MeasureId)).Status);
        var again = await county.As<ApplyForHousing>(officer).HandleAsync(new ApplyForHousing.Request(noHouse, HousingCaseKind.Renovation));
        Assert.NotEqual(applied.Id, again.Id);
    }
}
