using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Funds;
using Tuopin.Application.Storage;
using Tuopin.Testing;
using static Tuopin.Application.Tests.Funds.FundsFixture;

namespace Tuopin.Application.Tests.Funds;

/// <summary>The demo's ledger: nothing without projects; with them, every invariant holds and the cases left on purpose are found.</summary>
public sealed class DemoFundsTests
{
    [Theory, BothDatabases]
    public async Task TheDemoLedger_KeepsEveryInvariant_AndLeavesItsAlertCasesForTheCheck(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        Assert.Equal(new LoadDemoFunds.Result(0, 0, 0), await LoadDemoFunds.RunAsync(county.Factory));
        for (var i = 0; i < 3; i++) await county.AddHouseholdAsync(Village);
        await county.AddHouseholdAsync(Other);
        await county.AddProjectAsync("LF2016-CY-001", 50_000m, [Village], township: "三胡乡", approvedOn: new DateOnly(2016, 3, 1), noticeEndsOn: new DateOnly(2016, 3, 10));
        await county.UpdateProjectAsync(await county.QueryAsync(db => db.Projects.Select(p => p.Id).SingleAsync()), p => p.Category = Domain.Projects.ProjectCategory.Industry);
        await county.AddProjectAsync("LF2016-JT-002", 300_000m, [Other], department: Domain.Accounts.Department.Transport, approvedOn: new DateOnly(2016, 4, 1), noticeEndsOn: new DateOnly(2016, 4, 10), acceptedOn: new DateOnly(2016, 11, 1));
        await county.AddProjectAsync("LF2017-JT-003", 200_000m, [Other], township: "翔凤镇");
        var result = await LoadDemoFunds.RunAsync(county.Factory);
        Assert.Equal((21, 2), (result.Sources, result.Allocations));
        var check = await county.As<CheckFunds>(county.Admin).HandleAsync(new DateOnly(2016, 12, 31));
        Assert.Equal(0, check.Invariants);
        Assert.Contains(check.Findings, f => f.Code == "funds.over_budget" && f.Label == "LF2016-CY-001");
        Assert.Contains(check.Findings, f => f.Code == "funds.paid_twice");
        Assert.Equal(new LoadDemoFunds.Result(0, 0, 0), await LoadDemoFunds.RunAsync(county.Factory));
    }
}
