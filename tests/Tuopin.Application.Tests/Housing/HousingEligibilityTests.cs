using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Housing;
using Tuopin.Application.Storage;
using Tuopin.Domain.Housing;
using Tuopin.Domain.Registry;
using Tuopin.Testing;

namespace Tuopin.Application.Tests.Housing;

/// <summary>A household's housing subsidy from its registry record, with the county's amount; within the user's area.</summary>
public sealed class HousingEligibilityTests
{
    private const string Village = "三胡乡/黄柏园村";

    [Theory, BothDatabases]
    public async Task AHousehold_IsAssessedFromItsRecord_AndShownTheCountysAmount(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        // No house, and the only member cannot work: the fixed-sum build (定补建房).
        var fields = Build.Household(county.Villages[Village].Id) with { Housing = HousingSafety.NoHouse };
        var head = Build.Member() with { Labour = LabourSkill.Lost };
        var id = await county.As<Application.Registry.CreateHousehold>(county.Admin).HandleAsync(new Application.Registry.CreateHousehold.Request(fields, [head], RegisteredOn: new DateOnly(2014, 10, 1)));
        var number = await county.QueryAsync(db => db.Households.Where(h => h.Id == id).Select(h => h.Number).SingleAsync());

        var before = await county.As<AssessHousingEligibility>(county.VillageOfficer(Village)).HandleAsync(number: number);
        Assert.Equal((HousingSubsidyCategory.BuildSubsidy, (decimal?)null, 0), (before.Category, before.Amount, before.Facts.Labour));
        Assert.Contains(before.Reasons, r => r.Zh.Contains("家中无劳动力", StringComparison.Ordinal));

        // The amounts are the county administrator's settings, each checked by its field.
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<SetHousingSubsidies>(county.TownshipOfficer("三胡乡")).HandleAsync(new SetHousingSubsidies.Amounts(Build: 1m)));
        var wrong = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<SetHousingSubsidies>(county.Admin).HandleAsync(new SetHousingSubsidies.Amounts(Build: -1m, Renovation: 0.001m)));
        Assert.Equal(["build", "renovation"], wrong.Problems.Select(p => p.Field));
        var set = await county.As<SetHousingSubsidies>(county.Admin).HandleAsync(new SetHousingSubsidies.Amounts(Build: 40_000m, Fixed: 25_000m), "县政府常务会议纪要");
        Assert.Equal((40_000m, 25_000m, (decimal?)null), (set.Build, set.Fixed, set.Renovation));
        var after = await county.As<AssessHousingEligibility>(county.Inspector).HandleAsync(id);
        Assert.Equal((HousingSubsidyCategory.BuildSubsidy, (decimal?)40_000m), (after.Category, after.Amount));
        Assert.True(await county.QueryAsync(db => db.AuditEntries.CountAsync(e => e.EntityType == "Setting")) >= 2);

        // Another village's officer does not find the household, by id or by number.
        var stranger = county.VillageOfficer("翔凤镇/老茶村");
        await Assert.ThrowsAsync<NotFoundException>(() => county.As<AssessHousingEligibility>(stranger).HandleAsync(id));
        await Assert.ThrowsAsync<NotFoundException>(() => county.As<AssessHousingEligibility>(stranger).HandleAsync(number: number));
    }
}
