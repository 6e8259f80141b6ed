using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Exit;
using Tuopin.Application.Plan;
using Tuopin.Application.Registry;
using Tuopin.Application.Storage;
using Tuopin.Testing;

namespace Tuopin.Application.Tests.Plan;

public sealed class WorkingYearTests
{
    [Theory, BothDatabases]
    public async Task WorkingYear_IsTheCalendarYearUntilSet_ThenTheSetting_AndTheChangeIsAudited(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);

        var unset = await county.As<GetWorkingYear>(county.Inspector).HandleAsync();
        Assert.False(unset.Set);
        Assert.Equal(TimeProvider.System.GetLocalNow().Year, unset.Year);
        Assert.Equal(WorkYear.FirstYear, unset.Years[0]);
        Assert.Equal(unset.Year, unset.Years[^1]);

        await county.As<SetWorkingYear>(county.Admin).HandleAsync(new SetWorkingYear.Request(2017));
        await county.As<SetWorkingYear>(county.Admin).HandleAsync(new SetWorkingYear.Request(2018));

        var set = await county.As<GetWorkingYear>(county.VillageOfficer("三胡乡/黄柏园村")).HandleAsync();
        Assert.Equal((2018, true), (set.Year, set.Set));
        Assert.Equal(Enumerable.Range(2014, 7), set.Years);
        // Progress uses the same year.
        await county.QueryAsync(db => LoadPlan.RunAsync(db, PlanDocument.BuiltIn(), "laifeng-plan.json"));
        Assert.Equal(2018, (await county.As<GetProgress>(county.Admin).HandleAsync(new GetProgress.Query(null))).Year);
        var changes = await county.QueryAsync(db => db.AuditEntries.Where(e => e.EntityType == SetWorkingYear.AuditType).OrderBy(e => e.At).Select(e => e.Changes).ToListAsync());
        Assert.Equal(["{\"workYear\":{\"old\":null,\"new\":2017}}", "{\"workYear\":{\"old\":2017,\"new\":2018}}"], changes);
    }

    [Theory, BothDatabases]
    public async Task SetWorkingYear_IsTheAdministratorsAlone_AndRefusesAnImplausibleYear(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);

        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<SetWorkingYear>(county.Inspector).HandleAsync(new SetWorkingYear.Request(2017)));
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<SetWorkingYear>(county.TownshipOfficer("三胡乡")).HandleAsync(new SetWorkingYear.Request(2017)));
        var refused = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<SetWorkingYear>(county.Admin).HandleAsync(new SetWorkingYear.Request(1999)));
        Assert.Equal("year", Assert.Single(refused.Problems).Field);
        Assert.Contains("1999", refused.Problems[0].Message.Zh, StringComparison.Ordinal);
        Assert.Null(await county.QueryAsync(db => WorkYear.StoredAsync(db)));
    }

    [Theory, BothDatabases]
    public async Task CheckYearSetup_NamesWhatTheYearLacks_AndEachGapCloses(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        await county.As<SetWorkingYear>(county.Admin).HandleAsync(new SetWorkingYear.Request(2017));

        // The county's data set has poverty lines to 2016; whether the plan has a 2017 target is the plan's to say.
        var before = await county.As<CheckYearSetup>(county.Admin).HandleAsync();
        Assert.Equal((2017, true), (before.Year, before.YearSet));
        var codes = before.Gaps.Select(g => g.Code).ToList();
        Assert.DoesNotContain(CheckYearSetup.YearNotSet, codes);
        Assert.Contains(CheckYearSetup.PovertyLineMissing, codes);
        Assert.True(before.Gaps.Single(g => g.Code == CheckYearSetup.PovertyLineMissing).Blocking);
        Assert.Equal("/exit/standards", before.Gaps.Single(g => g.Code == CheckYearSetup.PovertyLineMissing).Link);
        Assert.Contains(CheckYearSetup.StandardsDefault, codes);
        Assert.Contains(CheckYearSetup.IncomesMissing, codes);
        Assert.Contains(CheckYearSetup.ConditionsMissing, codes);
        Assert.Contains(CheckYearSetup.PlanMissing, codes);

        // The built-in plan has a 2017 row; a plan without one is named.
        var plan = PlanDocument.BuiltIn();
        Assert.Contains(plan.Years, y => y.Year == 2017);
        plan.Years.RemoveAll(y => y.Year == 2017);
        await county.QueryAsync(db => LoadPlan.RunAsync(db, plan, "no-2017.json"));
        Assert.Contains(CheckYearSetup.PlanYearMissing, (await county.As<CheckYearSetup>(county.Admin).HandleAsync()).Gaps.Select(g => g.Code));
        await county.QueryAsync(db => LoadPlan.RunAsync(db, PlanDocument.BuiltIn(), "laifeng-plan.json"));

        await county.As<SetPovertyLine>(county.Admin).HandleAsync(new SetPovertyLine.Request(2017, 3335m, "测试"));
        var h = await county.AddHouseholdAsync("三胡乡/黄柏园村", Build.Member());
        var version = await county.QueryAsync(db => db.Households.Where(x => x.Id == h).Select(x => x.Version).SingleAsync());
        await county.As<RecordIncome>(county.Admin).HandleAsync(new RecordIncome.Request(h, version, Build.Income(2017)));

        var after = (await county.As<CheckYearSetup>(county.Admin).HandleAsync()).Gaps.Select(g => g.Code).ToList();
        Assert.DoesNotContain(CheckYearSetup.PovertyLineMissing, after);
        Assert.DoesNotContain(CheckYearSetup.IncomesMissing, after);
        Assert.DoesNotContain(CheckYearSetup.PlanMissing, after);
        Assert.DoesNotContain(CheckYearSetup.PlanYearMissing, after);
        Assert.Contains(CheckYearSetup.ConditionsMissing, after);
    }

    [Theory, BothDatabases]
    public async Task CheckYearSetup_WithoutASetting_SaysThePagesUseTheCalendarYear(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var r = await county.As<CheckYearSetup>(county.Admin).HandleAsync();
        Assert.False(r.YearSet);
        var gap = r.Gaps.Single(g => g.Code == CheckYearSetup.YearNotSet);
        Assert.Contains(r.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), gap.Text.Zh, StringComparison.Ordinal);
    }

    [Theory, BothDatabases]
    public async Task ExitRisks_WithoutTheYearsLine_IsMarkedIncomplete_NotNoRisk(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var r = await county.As<ListExitRisks>(county.Admin).HandleAsync(new ListExitRisks.Request(2017));
        Assert.Empty(r.Households);
        Assert.False(r.Complete);
        Assert.Contains("2017", Assert.Single(r.Notes).Zh, StringComparison.Ordinal);

        var withLine = await county.As<ListExitRisks>(county.Admin).HandleAsync(new ListExitRisks.Request(2016));
        Assert.True(withLine.Complete);
    }
}
