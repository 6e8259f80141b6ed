using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tuopin.Application.Common;
using Tuopin.Application.Exit;
using Tuopin.Application.Registry;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Exit;
using Tuopin.Domain.Registry;
using Tuopin.Testing;

namespace Tuopin.Application.Tests.Exit;

/// <summary>
/// A hand-computed fixture in 三胡乡/黄柏园村 (a poor village, registered population set to 100), year 2016,
/// line 2,952 yuan:
/// A — 3 people, per-capita net 2,700, son aged 12 out of school: fails income and education.
/// B — 1 person, per-capita net 4,000: ready.
/// C — 2 people, net 4,000 each, D-grade house, spouse not insured: fails housing and medical.
/// D — 2 people, exited in 2015: not assessed in 2016, but registered.
/// Village: registered 4 households / 8 people; remaining 3 / 6; ready 1 / 1; incidence (6 − 1) ÷ 100 = 5%.
/// </summary>
public sealed class AssessExitTests
{
    private sealed record Fixture(TestCounty County, Guid A, Guid B, Guid C, Guid D);

    private static async Task<Fixture> ArrangeAsync(DbProvider provider)
    {
        var county = await TestCounty.CreateAsync(provider);
        const string village = "三胡乡/黄柏园村";
        var a = await county.AddHouseholdAsync(village, Build.Member(), Build.Member(Relation.Spouse, Sex.Female),
            Build.Member(Relation.Son, birth: new DateOnly(2004, 3, 1)) with { Schooling = Schooling.NotInSchool, Education = Education.Primary, Labour = LabourSkill.None });
        var b = await county.AddHouseholdAsync(village, Build.Member());
        var c = await county.AddHouseholdAsync(village, Build.Member(), Build.Member(Relation.Spouse, Sex.Female) with { MedicalInsurance = false });
        var d = await county.AddHouseholdAsync(village, Build.Member(), Build.Member(Relation.Spouse, Sex.Female));
        // Build.Income: wage + 2,000 production + 840 pension − expense.
        await IncomeAsync(county, a, Build.Income(2016, wage: 5760m, expense: 500m));   // 8,100 ÷ 3 = 2,700
        await IncomeAsync(county, b, Build.Income(2016, wage: 1660m, expense: 500m));   // 4,000 ÷ 1
        await IncomeAsync(county, c, Build.Income(2016, wage: 5660m, expense: 500m));   // 8,000 ÷ 2 = 4,000
        await IncomeAsync(county, d, Build.Income(2015, wage: 6000m, expense: 500m));
        await county.QueryAsync(db => db.Households.Where(h => h.Id == c).ExecuteUpdateAsync(s => s.SetProperty(h => h.Housing, HousingSafety.DangerD)));
        await StatusAsync(county, d, HouseholdStatus.Exited, 2015);
        await PopulationAsync(county, "三胡乡/黄柏园村", 100);
        return new Fixture(county, a, b, c, d);
    }

    internal static async Task IncomeAsync(TestCounty county, Guid id, IncomeFields income)
    {
        var h = await county.As<GetHousehold>(county.Admin).HandleAsync(id);
        await county.As<RecordIncome>(county.Admin).HandleAsync(new RecordIncome.Request(id, h.Version, income));
    }

    internal static async Task StatusAsync(TestCounty county, Guid id, HouseholdStatus to, int? year)
    {
        var h = await county.As<GetHousehold>(county.Admin).HandleAsync(id);
        await county.As<ChangeHouseholdStatus>(county.Admin).HandleAsync(new ChangeHouseholdStatus.Request(id, h.Version, to, year, new DateOnly(year ?? 2018, 12, 15), "测试"));
    }

    private static Task PopulationAsync(TestCounty county, string village, int population)
    {
        var id = county.Villages[village].Id;
        return county.QueryAsync(db => db.Villages.Where(v => v.Id == id).ExecuteUpdateAsync(s => s.SetProperty(v => v.RegisteredPopulation, population)));
    }

    private static Task<AssessExit.Result> AssessAsync(TestCounty county, ExitLevel level, int year = 2016, Tuopin.Application.Accounts.Actor? actor = null) =>
        county.As<AssessExit>(actor ?? county.Admin).HandleAsync(new AssessExit.Request(year, level));

    [Theory, BothDatabases]
    public async Task Households_AreReadyOrNot_WithEveryFailingConditionAndItsFigures(DbProvider provider)
    {
        var f = await ArrangeAsync(provider);
        await using var county = f.County;

        var result = await AssessAsync(county, ExitLevel.Household);

        Assert.Equal(2952m, result.PovertyLine);
        Assert.Equal(new[] { f.A, f.B, f.C }.Order(), result.Units.Select(u => u.Id).Order());
        var a = result.Units.Single(u => u.Id == f.A);
        Assert.False(a.Ready);
        Assert.Equal(["人均纯收入 2,700 元 < 2,952 元", "之子 12 岁 未在校"], a.Failing.Select(c => c.Explanation.Zh).ToList());
        Assert.True(result.Units.Single(u => u.Id == f.B).Ready);
        var c = result.Units.Single(u => u.Id == f.C);
        Assert.Equal(["1 人未参加基本医疗保险：配偶", "住房 D 级危房"], c.Failing.Select(x => x.Explanation.Zh).ToList());
        Assert.Equal((1, 2), (result.Ready, result.NotReady));
        Assert.Equal("黄柏园村", a.Village);
        Assert.Equal(3, a.People);
    }

    [Theory, BothDatabases]
    public async Task Village_Township_County_AgainstHandComputedFigures(DbProvider provider)
    {
        var f = await ArrangeAsync(provider);
        await using var county = f.County;

        var villages = await AssessAsync(county, ExitLevel.Village);
        var huangbo = villages.Units.Single(u => u.Name == "黄柏园村");
        Assert.Equal(3, villages.Units.Count(u => u.Township == "三胡乡")); // the poor villages only
        Assert.Equal(new AssessExit.Figures(4, 8, 3, 6, 1, 1, 100, 5m), huangbo.Figures);
        Assert.False(huangbo.Ready);
        Assert.Equal("贫困发生率 5% ≥ 2%（剩余贫困人口 5 ÷ 户籍人口 100；已扣除本年达标待退出的 1 户 1 人）", Assert.Single(huangbo.Failing).Explanation.Zh);
        // A poor village without its population recorded cannot be judged.
        var shiqiao = villages.Units.Single(u => u.Name == "石桥村");
        Assert.Equal(ConditionState.NotEvaluated, Assert.Single(shiqiao.Conditions).State);

        // 三胡乡 has 16 villages: 黄柏园村 100 and 15 others 60 each = 1,000.
        foreach (var v in county.Villages.Keys.Where(k => k.StartsWith("三胡乡/", StringComparison.Ordinal) && k != "三胡乡/黄柏园村"))
            await PopulationAsync(county, v, 60);
        var townships = await AssessAsync(county, ExitLevel.Township);
        var sanhu = townships.Units.Single(u => u.Name == "三胡乡");
        Assert.Equal(8, townships.Units.Count);
        Assert.Equal(1000, sanhu.Figures!.RegisteredPopulation);
        Assert.Equal(0.5m, sanhu.Figures.Incidence);
        Assert.Equal(ConditionState.Met, sanhu.Conditions.Single(c => c.Rule == "township_incidence").State);
        Assert.Equal("3 个贫困村中 1 个未达标：黄柏园村", Assert.Single(sanhu.Failing).Explanation.Zh);

        var notEvaluated = Assert.Single((await AssessAsync(county, ExitLevel.County)).Units);
        Assert.Equal(ConditionState.NotEvaluated, notEvaluated.Conditions.Single(c => c.Rule == "county_incidence").State);
        Assert.Contains("180 个村的户籍人口未录入", notEvaluated.Conditions[0].Explanation.Zh, StringComparison.Ordinal);

        // Every other village 60: 100 + 195 × 60 = 11,800; 5 ÷ 11,800 = 0.04%.
        await county.QueryAsync(db => db.Villages.Where(v => v.RegisteredPopulation == null).ExecuteUpdateAsync(s => s.SetProperty(v => v.RegisteredPopulation, 60)));
        var whole = Assert.Single((await AssessAsync(county, ExitLevel.County)).Units);
        Assert.Equal(11_800, whole.Figures!.RegisteredPopulation);
        Assert.Equal(0.04m, whole.Figures.Incidence);
        Assert.Equal(ConditionState.Met, whole.Conditions[0].State);
        Assert.Equal(["wrong_exit", "missed", "approval"], whole.Failing.Select(c => c.Rule).ToList());
        Assert.All(whole.Failing, c => Assert.Equal(ConditionState.NotEvaluated, c.State));
        Assert.False(whole.Ready);

        // With the outside evaluation's counts: 1 of 60 wrongly exited, 3 of 100 missed, 95 of 100 approve.
        await using var services = new ServiceCollection().AddLogging().AddTuopinApplication(county.Settings, county.Admin)
            .AddScoped<ICountyEvaluationSource>(_ => new FixedEvaluation(new CountyEvaluationRates(new(1, 60), new(3, 100), new(95, 100))))
            .BuildServiceProvider();
        var evaluated = Assert.Single((await services.CreateScope().ServiceProvider.GetRequiredService<AssessExit>()
            .HandleAsync(new AssessExit.Request(2016, ExitLevel.County))).Units);
        Assert.Equal([ConditionState.Met, ConditionState.Met, ConditionState.NotMet, ConditionState.Met], evaluated.Conditions.Select(c => c.State).ToList());
        Assert.Equal("漏评率 3% ≥ 2%（漏评人数 3 ÷ 抽查村非建档立卡人口 100）", Assert.Single(evaluated.Failing).Explanation.Zh);
        Assert.Equal(1.67m, evaluated.Conditions[1].Value);
    }

    private sealed class FixedEvaluation(CountyEvaluationRates rates) : ICountyEvaluationSource
    {
        public Task<CountyEvaluationRates?> GetAsync(TuopinDb db, Guid countyId, int year, CancellationToken ct) => Task.FromResult<CountyEvaluationRates?>(rates);
    }

    [Theory, BothDatabases]
    public async Task AYearWithoutAPovertyLine_IsRefused_UntilTheAdministratorSetsIt(DbProvider provider)
    {
        var f = await ArrangeAsync(provider);
        await using var county = f.County;

        var refused = await Assert.ThrowsAsync<InvalidRequestException>(() => AssessAsync(county, ExitLevel.Household, 2017));
        Assert.Equal("exit.poverty_line_not_set", Assert.Single(refused.Problems).Code);
        Assert.Contains("2017 年的国家扶贫标准尚未设置", refused.Text.Zh, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<SetPovertyLine>(county.TownshipOfficer("三胡乡")).HandleAsync(new SetPovertyLine.Request(2017, 3335m, "测试")));
        var bad = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<SetPovertyLine>(county.Admin).HandleAsync(new SetPovertyLine.Request(2017, -1m, " ")));
        Assert.Equal(["amount", "source"], bad.Problems.Select(p => p.Field).ToList());

        await county.As<SetPovertyLine>(county.Admin).HandleAsync(new SetPovertyLine.Request(2017, 3335m, "省扶贫办通知"));
        var result = await AssessAsync(county, ExitLevel.Household, 2017);

        Assert.Equal(3335m, result.PovertyLine);
        Assert.Contains(result.Units.Single(u => u.Id == f.B).Failing, c => c.Explanation.Zh == "未录入 2017 年收入");
        var audit = await county.QueryAsync(db => db.AuditEntries.Where(e => e.EntityType == "PovertyLine").ToListAsync());
        Assert.Equal(SetPovertyLine.YearKey(2017), Assert.Single(audit).EntityId);
        Assert.Contains("3335", audit[0].Changes, StringComparison.Ordinal);
    }

    [Theory, BothDatabases]
    public async Task Standards_AreEditedByTheCountyAdministrator_Audited_AndApplied(DbProvider provider)
    {
        var f = await ArrangeAsync(provider);
        await using var county = f.County;

        var defaults = await county.As<GetExitStandards>(county.Admin).HandleAsync();
        Assert.False(defaults.Saved);
        Assert.Equal(2m, defaults.Standards.VillageIncidenceLimit);
        Assert.Contains(defaults.PovertyLines, l => l.Year == 2015 && l.Amount == 2855m);

        var changed = defaults.Standards;
        changed.VillageIncidenceLimit = 6m;
        changed.VillageCollectiveIncomeMinimum = Money.FromYuan(50_000m);
        changed.RequiredVillageConditions = "road";
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<UpdateExitStandards>(county.TownshipOfficer("三胡乡")).HandleAsync(changed));
        await county.As<UpdateExitStandards>(county.Admin).HandleAsync(changed, "县扶贫开发领导小组决定");

        var saved = await county.As<GetExitStandards>(county.Admin).HandleAsync();
        Assert.True(saved.Saved);
        Assert.Equal(6m, saved.Standards.VillageIncidenceLimit);
        var audit = await county.QueryAsync(db => db.AuditEntries.Where(e => e.EntityType == nameof(ExitStandards)).ToListAsync());
        Assert.Equal("县扶贫开发领导小组决定", Assert.Single(audit).Reason);

        var village = (await AssessAsync(county, ExitLevel.Village)).Units.Single(u => u.Name == "黄柏园村");
        Assert.Equal(ConditionState.Met, village.Conditions.Single(c => c.Rule == "village_incidence").State);
        Assert.Equal(["collective_income", "condition:road"], village.Failing.Select(c => c.Rule).ToList());
        Assert.All(village.Failing, c => Assert.Equal(ConditionState.NotEvaluated, c.State));
    }

    [Theory, BothDatabases]
    public async Task ATownshipOfficer_AssessesOnlyItsTownship(DbProvider provider)
    {
        var f = await ArrangeAsync(provider);
        await using var county = f.County;
        var other = await county.AddHouseholdAsync("翔凤镇/老茶村", Build.Member());

        var sanhu = county.TownshipOfficer("三胡乡");
        var xiangfeng = county.TownshipOfficer("翔凤镇");
        var mine = await AssessAsync(county, ExitLevel.Household, actor: sanhu);
        var theirs = await AssessAsync(county, ExitLevel.Household, actor: xiangfeng);
        var townships = await AssessAsync(county, ExitLevel.Township, actor: xiangfeng);
        var villages = await AssessAsync(county, ExitLevel.Village, actor: xiangfeng);

        Assert.Equal(3, mine.Units.Count);
        Assert.DoesNotContain(mine.Units, u => u.Id == other);
        Assert.Equal(other, Assert.Single(theirs.Units).Id);
        Assert.Equal("翔凤镇", Assert.Single(townships.Units).Name);
        Assert.NotEmpty(villages.Units);
        Assert.All(villages.Units, v => Assert.Equal("翔凤镇", v.Township));
        await Assert.ThrowsAsync<ForbiddenException>(() => AssessAsync(county, ExitLevel.County, actor: sanhu));
        await Assert.ThrowsAsync<ForbiddenException>(() => AssessAsync(county, ExitLevel.Township, actor: county.VillageOfficer("三胡乡/黄柏园村")));
    }

    [Theory, BothDatabases]
    public async Task WhatIf_ListsTheHouseholdsTheMeasuresWouldMakeReady(DbProvider provider)
    {
        var f = await ArrangeAsync(provider);
        await using var county = f.County;
        var whatIf = county.As<PreviewExitMeasures>(county.Admin);

        var housing = await whatIf.HandleAsync(new PreviewExitMeasures.Request(2016, new Measures(HousingMadeSafe: true, MedicalInsuranceEnrolled: true)));
        var school = await whatIf.HandleAsync(new PreviewExitMeasures.Request(2016, new Measures(ChildrenBackToSchool: true, IncomeRaisedPerCapita: Money.FromYuan(300m))));
        var notEnough = await whatIf.HandleAsync(new PreviewExitMeasures.Request(2016, new Measures(ChildrenBackToSchool: true, IncomeRaisedPerCapita: Money.FromYuan(252m))));

        Assert.Equal(2, housing.NotReadyBefore);
        var c = Assert.Single(housing.BecomeReady);
        Assert.Equal(f.C, c.Id);
        Assert.Equal(["medical", "housing"], c.Resolved.Select(r => r.Rule).ToList());
        Assert.Equal(1, housing.StillNotReady);
        Assert.Equal(1, housing.StillFailing["income"]);
        Assert.Equal(f.A, Assert.Single(school.BecomeReady).Id);
        // 2,700 + 252 = 2,952: on the line is not above it.
        Assert.Empty(notEnough.BecomeReady);
        await Assert.ThrowsAsync<InvalidRequestException>(() => whatIf.HandleAsync(new PreviewExitMeasures.Request(2016, new Measures())));
    }

    [Theory, BothDatabases]
    public async Task ExitedHouseholds_AreFlagged_WhenRiskSignalsAppear(DbProvider provider)
    {
        var f = await ArrangeAsync(provider);
        await using var county = f.County;
        await StatusAsync(county, f.B, HouseholdStatus.Exited, 2016);
        await county.As<SetPovertyLine>(county.Admin).HandleAsync(new SetPovertyLine.Request(2018, 3300m, "测试用标准"));
        // D exited in 2015 and earns 3,500 a head in 2018: under 3,300 + 10% = 3,630.
        await IncomeAsync(county, f.D, Build.Income(2018, wage: 4660m, expense: 500m)); // 7,000 ÷ 2
        await IncomeAsync(county, f.B, Build.Income(2018, wage: 3000m, expense: 500m)); // 5,340: safe
        // B's head falls seriously ill after B's exit.
        var b = await county.As<GetHousehold>(county.Admin).HandleAsync(f.B);
        var head = b.Members.Single();
        await county.As<UpdateMember>(county.Admin).HandleAsync(new UpdateMember.Request(f.B, head.Id, b.Version, MemberFields.From(head) with { Health = Health.SeriousIllness }));

        var risks = await county.As<ListExitRisks>(county.Admin).HandleAsync(new ListExitRisks.Request(2018));

        Assert.Equal(new[] { f.B, f.D }.Order(), risks.Households.Select(h => h.Id).Order());
        Assert.Equal("人均纯收入 3,500 元，低于预警线 3,630 元（标准上浮 10%）", Assert.Single(risks.Households.Single(h => h.Id == f.D).Signals).Explanation.Zh);
        Assert.Equal(ListExitRisks.IllnessOrDisability, Assert.Single(risks.Households.Single(h => h.Id == f.B).Signals).Kind);
        var row = Assert.Single(risks.ByTownship);
        Assert.Equal(("三胡乡", 2, 3), (row.Township, row.Households, row.People));
        Assert.Empty((await county.As<ListExitRisks>(county.TownshipOfficer("翔凤镇")).HandleAsync(new ListExitRisks.Request(2018))).Households);
        // The list leads to the watch: the signal's risk, and a household enrolled is marked as watched.
        Assert.Equal(Domain.Assistance.MonitoringRisk.IllnessOrDisability, ListExitRisks.RiskOf(ListExitRisks.IllnessOrDisability));
        Assert.DoesNotContain(risks.Households, h => h.Watched);
        await county.As<Application.Assistance.EnrollForMonitoring>(county.Admin).HandleAsync(
            new Application.Assistance.EnrollForMonitoring.Request(f.B, ListExitRisks.RiskOf(risks.Households.Single(h => h.Id == f.B).Signals[0].Kind), "户主患大病"));
        var watched = await county.As<ListExitRisks>(county.Admin).HandleAsync(new ListExitRisks.Request(2018));
        Assert.Equal((true, false), (watched.Households.Single(h => h.Id == f.B).Watched, watched.Households.Single(h => h.Id == f.D).Watched));

        // A return to poverty is a status change with its reason; the household is poor again.
        await StatusAsync(county, f.D, HouseholdStatus.Returned, null);
        var households = await AssessAsync(county, ExitLevel.Household, 2016);
        Assert.Contains(households.Units, u => u.Id == f.D && u.Status == HouseholdStatus.Returned);
    }
}
