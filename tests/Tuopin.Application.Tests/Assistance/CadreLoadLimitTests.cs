using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Assistance;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Assistance;
using Tuopin.Testing;

namespace Tuopin.Application.Tests.Assistance;

/// <summary>The county sets how many households a cadre may take; the roster and the coverage follow.</summary>
public sealed class CadreLoadLimitTests
{
    private const string Village = "三胡乡/黄柏园村";

    [Theory, BothDatabases]
    public async Task TheCountySetsTheLimit_OthersMayNot_AndTheRosterFollows(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var cadre = await county.As<RegisterCadre>(county.Admin).HandleAsync(new RegisterCadre.Request("覃国富", "县教育局"));
        foreach (var household in new[] { await county.AddHouseholdAsync(Village), await county.AddHouseholdAsync(Village) })
            await county.As<AssignCadre>(county.Admin).HandleAsync(new AssignCadre.Request(household, cadre.Id, county.Today.AddDays(-1)));
        Assert.Equal((AssistanceRules.DefaultCadreLoadLimit, false), await RosterAsync(county));

        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<SetCadreLoadLimit>(county.TownshipOfficer("三胡乡")).HandleAsync(1));
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<SetCadreLoadLimit>(county.Inspector).HandleAsync(1));
        var zero = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<SetCadreLoadLimit>(county.Admin).HandleAsync(0));
        Assert.Equal("limit", zero.Problems[0].Field);

        await county.As<SetCadreLoadLimit>(county.Admin).HandleAsync(1, "每名干部结对1户");
        Assert.Equal((1, true), await RosterAsync(county));
        Assert.Equal(cadre.Id, Assert.Single((await county.As<GetAssistanceCoverage>(county.Admin).HandleAsync(new GetAssistanceCoverage.Request())).OverloadedCadres).Id);
        await county.As<SetCadreLoadLimit>(county.Admin).HandleAsync(2);
        Assert.Equal((2, false), await RosterAsync(county));
        Assert.Equal(2, await county.QueryAsync(db => db.AuditEntries.CountAsync(e => e.EntityType == nameof(Setting))));
    }

    private static async Task<(int, bool)> RosterAsync(TestCounty county)
    {
        var roster = await county.As<ListCadres>(county.Admin).HandleAsync();
        return (roster.LoadLimit, Assert.Single(roster.Cadres).Overloaded);
    }
}
