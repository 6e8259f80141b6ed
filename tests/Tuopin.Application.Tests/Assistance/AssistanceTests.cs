using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Accounts;
using Tuopin.Application.Assistance;
using Tuopin.Application.Audit;
using Tuopin.Application.Common;
using Tuopin.Application.Registry;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Assistance;
using Tuopin.Domain.Registry;
using Tuopin.Testing;

namespace Tuopin.Application.Tests.Assistance;

/// <summary>
/// The assistance use cases on both databases: coverage against a hand-counted fixture, the click-through that
/// agrees with it, pairings over time, the measure ledger's rules, who may read and write what, and the cadre's
/// phone at rest and on screen.
/// </summary>
public sealed class AssistanceTests
{
    private const string Huangbaiyuan = "三胡乡/黄柏园村";
    private const string Laocha = "翔凤镇/老茶村";
    private const string WithoutTeam = "翔凤镇/马鬃岭村";
    private const int Year = 2016;
    private static readonly DateOnly Start = new(2016, 1, 1);

    private static int _names;

    private static MemberFields Head(LabourSkill labour = LabourSkill.Ordinary) =>
        Build.Member(name: "帮扶" + (char)('甲' + Interlocked.Increment(ref _names))) with { Labour = labour };

    private static async Task<Guid> HouseholdAsync(TestCounty county, string village, Action<HouseholdFields>? change = null, params MemberFields[] members)
    {
        var fields = Build.Household(county.Villages[village].Id);
        change?.Invoke(fields);
        return await county.As<CreateHousehold>(county.Admin).HandleAsync(
            new CreateHousehold.Request(fields, members.Length == 0 ? [Head()] : members, RegisteredOn: new DateOnly(2014, 10, 1)));
    }

    private static Task<int> VersionAsync(TestCounty county, Guid household) =>
        county.QueryAsync(db => db.Households.Where(h => h.Id == household).Select(h => h.Version).SingleAsync());

    /// <summary>A 2015 income with a net of 840 yuan (0 wage + 2,000 production + 840 pension − 2,000 expenses).</summary>
    private static async Task IncomeAsync(TestCounty county, Guid household) =>
        await county.As<RecordIncome>(county.Admin).HandleAsync(new RecordIncome.Request(household, await VersionAsync(county, household), Build.Income(2015, wage: 0m, expense: 2000m)));

    private static async Task<Guid> CadreAsync(TestCounty county, string name, string unit = "县教育局", string? phone = null) =>
        (await county.As<RegisterCadre>(county.Admin).HandleAsync(new RegisterCadre.Request(name, unit, "科员", phone))).Id;

    private static Task AssignAsync(TestCounty county, Guid household, Guid cadre, DateOnly? on = null) =>
        county.As<AssignCadre>(county.Admin).HandleAsync(new AssignCadre.Request(household, cadre, on ?? Start));

    private static Task<RecordMeasure.Saved> MeasureAsync(TestCounty county, Guid household, MeasureType type, decimal expected = 0m,
        MeasureStatus status = MeasureStatus.Planned, DateOnly? doneOn = null, string? effectNote = null, Actor? actor = null) =>
        county.As<RecordMeasure>(actor ?? county.Admin).HandleAsync(new RecordMeasure.Request(household,
            new RecordMeasure.Fields(Year, type, $"{type}措施", Amount: 1000m, ExpectedIncome: expected, Status: status, DoneOn: doneOn, EffectNote: effectNote)));

    private static Actor LineDepartment(TestCounty county, Department department) =>
        new(Guid.NewGuid(), Departments.Name(department).Zh, Role.LineDepartment, AreaScope.County(county.CountyId), department);

    private sealed record Fixture(Guid H1, Guid H2, Guid H3, Guid H4, Guid H5, Guid H6, Guid H7, Guid Busy, Guid Other);

    /// <summary>
    /// Six households poor in 2016 in two villages of two townships, one exited in 2015 (not counted), two cadres
    /// (limit 2: 田志强 has three households), and a work team in every poor village but 马鬃岭村. 2016's line is 2,952.
    /// </summary>
    private static async Task<Fixture> BuildAsync(TestCounty county)
    {
        var busy = await CadreAsync(county, "田志强");
        var other = await CadreAsync(county, "向红梅", "县农业局");
        await county.QueryAsync(async db =>
        {
            db.Settings.Add(new Setting { Key = AssistanceAccess.CadreLoadLimitKey, Value = "2" });
            var poor = await db.Villages.Where(v => v.IsPoor && v.Id != county.Villages[WithoutTeam].Id).ToListAsync();
            db.WorkTeams.AddRange(poor.Select(v => new WorkTeam
            {
                Id = Guid.NewGuid(), CountyId = v.CountyId, TownshipId = v.TownshipId, VillageId = v.Id,
                StationedUnit = "县扶贫办", FirstSecretary = "彭建国", StartedOn = new DateOnly(2015, 10, 1), Version = 1,
            }));
            // An old team of 马鬃岭村 that left before the year: it does not count.
            var (withoutTeam, township) = county.Villages[WithoutTeam];
            db.WorkTeams.Add(new WorkTeam
            {
                Id = Guid.NewGuid(), CountyId = county.CountyId, TownshipId = township, VillageId = withoutTeam,
                StationedUnit = "县交通局", FirstSecretary = "杨光明", StartedOn = new DateOnly(2015, 3, 1), EndedOn = new DateOnly(2015, 12, 31), Version = 1,
            });
            return await db.SaveChangesAsync();
        });

        // H1: short of capital, an industry measure, (840 + 3,000) ÷ 1 ≥ 2,952: nothing to find.
        var h1 = await HouseholdAsync(county, Huangbaiyuan);
        await IncomeAsync(county, h1);
        await AssignAsync(county, h1, busy);
        await MeasureAsync(county, h1, MeasureType.Industry, 3000m);

        // H2: poor through illness, no health measure; (840 + 500) ÷ 1 < 2,952.
        var h2 = await HouseholdAsync(county, Huangbaiyuan, f => f.MainCause = PovertyCause.Illness);
        await IncomeAsync(county, h2);
        await AssignAsync(county, h2, busy);
        await MeasureAsync(county, h2, MeasureType.Industry, 500m);

        // H3: short of capital in a D-grade house, never paired, no measure, no income: 0 ÷ 1 < 2,952.
        var h3 = await HouseholdAsync(county, Huangbaiyuan, f => f.Housing = HousingSafety.DangerD);

        // H4: 五保, disabled and without labour, with the social floor done and its effect; its pairing ended.
        var h4 = await HouseholdAsync(county, Laocha, f => { f.Attribute = HouseholdAttribute.Wubao; f.MainCause = PovertyCause.Disability; }, Head(LabourSkill.None));
        await IncomeAsync(county, h4);
        await AssignAsync(county, h4, other);
        await county.As<EndCadreAssignment>(county.Admin).HandleAsync(new EndCadreAssignment.Request(h4, new DateOnly(2016, 6, 30), "调动"));
        await MeasureAsync(county, h4, MeasureType.SocialFloor, 3000m, MeasureStatus.Done, new DateOnly(2016, 3, 1), "已纳入五保");

        // H5: schooling and capital, a 10-year-old out of school, a loan done without its effect; (840 + 6,000) ÷ 2 ≥ 2,952.
        var h5 = await HouseholdAsync(county, Laocha, f => { f.MainCause = PovertyCause.Schooling; f.OtherCause1 = PovertyCause.LackOfCapital; },
            Head(), Build.Member(Relation.Son, birth: new DateOnly(2006, 6, 1), name: "帮扶小明") with { Education = Education.Primary, Labour = LabourSkill.None });
        await IncomeAsync(county, h5);
        await AssignAsync(county, h5, busy);
        await MeasureAsync(county, h5, MeasureType.MicroCredit, 6000m, MeasureStatus.Done, new DateOnly(2016, 5, 1));

        // H6: exited in 2015, never paired, no measures: not poor in 2016, so counted nowhere.
        var h6 = await HouseholdAsync(county, Huangbaiyuan, f => f.Housing = HousingSafety.DangerC);
        await county.As<ChangeHouseholdStatus>(county.Admin).HandleAsync(new ChangeHouseholdStatus.Request(h6, await VersionAsync(county, h6), HouseholdStatus.Exited, 2015, new DateOnly(2015, 12, 15), "测试"));

        // H7: 低保, short of labour with none, employment only; (840 + 4,000) ÷ 1 ≥ 2,952.
        var h7 = await HouseholdAsync(county, Laocha, f => { f.Attribute = HouseholdAttribute.Dibao; f.MainCause = PovertyCause.LackOfLabour; }, Head(LabourSkill.None));
        await IncomeAsync(county, h7);
        await AssignAsync(county, h7, other);
        await MeasureAsync(county, h7, MeasureType.Employment, 4000m, MeasureStatus.InProgress);

        return new Fixture(h1, h2, h3, h4, h5, h6, h7, busy, other);
    }

    private static readonly Dictionary<string, string[]> Expected = new()
    {
        ["no_cadre"] = ["H3"],
        ["cadre_ended"] = ["H4"],
        ["no_measures"] = ["H3"],
        ["plan_insufficient"] = ["H2", "H3"],
        ["schooling_without_education"] = ["H5"],
        ["illness_without_health"] = ["H2"],
        ["capital_without_credit"] = ["H3"],
        ["no_labour_without_floor"] = ["H7"],
        ["unsafe_house_without_housing"] = ["H3"],
        ["school_age_without_education"] = ["H5"],
        ["floor_household_without_floor"] = ["H7"],
        ["done_without_effect"] = ["H5"],
    };

    private static Guid Of(Fixture f, string name) => name switch
    {
        "H1" => f.H1, "H2" => f.H2, "H3" => f.H3, "H4" => f.H4, "H5" => f.H5, "H6" => f.H6, "H7" => f.H7,
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory, BothDatabases]
    public async Task Coverage_CountsTheHandCountedFixture_AndTheClickThroughAgrees(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var f = await BuildAsync(county);

        var coverage = await county.As<GetAssistanceCoverage>(county.Admin).HandleAsync(new GetAssistanceCoverage.Request(Year));

        Assert.Equal((Year, new DateOnly(2016, 12, 31)), (coverage.Year, coverage.Day));
        Assert.Equal(6, coverage.PoorHouseholds);
        Assert.Equal(4, coverage.WithCadre);     // H1, H2, H5, H7
        Assert.Equal(5, coverage.WithMeasures);  // all but H3
        Assert.Equal(4, coverage.PlansSufficient); // H1, H4, H5, H7
        Assert.Equal(0, coverage.PlansUnjudged);
        Assert.Equal(AreaLevel.Township, coverage.BreakdownLevel);
        Assert.Equal(AssistanceRules.All.Select(r => r.Code), coverage.Rules.Select(r => r.Code));
        foreach (var rule in coverage.Rules)
            Assert.True(Expected[rule.Code].Length == rule.Count, $"{rule.Code}: {rule.Count}, expected {Expected[rule.Code].Length}");
        var insufficient = coverage.Rules.Single(r => r.Code == "plan_insufficient");
        Assert.Equal([("三胡乡", 2)], insufficient.ByArea.Select(a => (a.Area, a.Count)));
        var ended = coverage.Rules.Single(r => r.Code == "cadre_ended");
        Assert.Equal([("翔凤镇", 1)], ended.ByArea.Select(a => (a.Area, a.Count)));

        Assert.Equal(2, coverage.CadreLoadLimit);
        var overloaded = Assert.Single(coverage.OverloadedCadres);
        Assert.Equal((f.Busy, "田志强", "县教育局", 3), (overloaded.Id, overloaded.Name, overloaded.WorkUnit, overloaded.Households));
        var village = Assert.Single(coverage.VillagesWithoutTeam);
        Assert.Equal(("翔凤镇", "马鬃岭村"), (village.Township, village.Village));
        Assert.Equal(Expected.Values.Sum(v => v.Length) + 2, coverage.Open);

        // The click-through lists exactly the households each count counts, the exited one never.
        foreach (var rule in coverage.Rules)
        {
            var list = await county.As<ListAssistanceFindings>(county.Admin).HandleAsync(new ListAssistanceFindings.Request(rule.Code, Year));
            Assert.Equal(rule.Count, list.Households.Total);
            Assert.Equal(rule.Count, list.Households.Items.Count);
            Assert.Equal(Expected[rule.Code].Select(n => Of(f, n)).Order(), list.Households.Items.Select(r => r.HouseholdId).Order());
            Assert.DoesNotContain(f.H6, list.Households.Items.Select(r => r.HouseholdId));
        }
        var arithmetic = await county.As<ListAssistanceFindings>(county.Admin).HandleAsync(new ListAssistanceFindings.Request("plan_insufficient", Year));
        Assert.All(arithmetic.Households.Items, r => Assert.Contains("2016年扶贫标准 2,952 元", r.Plan, StringComparison.Ordinal));
        var paged = await county.As<ListAssistanceFindings>(county.Admin).HandleAsync(new ListAssistanceFindings.Request("plan_insufficient", Year, PageSize: 1, Page: 2));
        Assert.Equal((2, 1), (paged.Households.Total, paged.Households.Items.Count));
        await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<ListAssistanceFindings>(county.Admin).HandleAsync(new ListAssistanceFindings.Request("no_such_rule", Year)));

        // A township sees its own, by village; the household's tab finds what the counts found.
        var xiangfeng = await county.As<GetAssistanceCoverage>(county.TownshipOfficer("翔凤镇")).HandleAsync(new GetAssistanceCoverage.Request(Year));
        Assert.Equal((3, AreaLevel.Village), (xiangfeng.PoorHouseholds, xiangfeng.BreakdownLevel));
        Assert.Equal("马鬃岭村", Assert.Single(xiangfeng.VillagesWithoutTeam).Village);
        var h2 = await county.As<GetHouseholdAssistance>(county.Admin).HandleAsync(f.H2, Year);
        Assert.True(h2.PoorInYear);
        Assert.Equal(["plan_insufficient", "illness_without_health"], h2.Findings.Select(x => x.Code));
        Assert.Equal("田志强", h2.Current?.Cadre);
        Assert.Equal(1340m, h2.Plan!.PerPerson);
        var h6 = await county.As<GetHouseholdAssistance>(county.Admin).HandleAsync(f.H6, Year);
        Assert.False(h6.PoorInYear);
        Assert.Empty(h6.Findings);
    }

    [Theory, BothDatabases]
    public async Task AssignCadre_EndsThePreviousPairingTheDayBefore_AndRefusesAStartNotAfterIt(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var household = await HouseholdAsync(county, Huangbaiyuan);
        var first = await CadreAsync(county, "田志强");
        var second = await CadreAsync(county, "向红梅");
        await AssignAsync(county, household, first, new DateOnly(2016, 3, 1));

        var same = await Assert.ThrowsAsync<InvalidRequestException>(() => AssignAsync(county, household, first, new DateOnly(2016, 9, 1)));
        Assert.Equal("cadreId", Assert.Single(same.Problems).Field);
        var early = await Assert.ThrowsAsync<InvalidRequestException>(() => AssignAsync(county, household, second, new DateOnly(2016, 3, 1)));
        Assert.Equal("startedOn", Assert.Single(early.Problems).Field);

        var saved = await county.As<AssignCadre>(county.Admin).HandleAsync(new AssignCadre.Request(household, second, new DateOnly(2016, 9, 1), "调动"));
        Assert.NotNull(saved.Ended);
        var pairings = await county.QueryAsync(db => db.CadreAssignments.Where(a => a.HouseholdId == household).OrderBy(a => a.StartedOn).ToListAsync());
        Assert.Equal(2, pairings.Count);
        Assert.Equal((first, new DateOnly(2016, 8, 31), "调动"), (pairings[0].CadreId, pairings[0].EndedOn!.Value, pairings[0].EndReason));
        Assert.Equal((second, (DateOnly?)null), (pairings[1].CadreId, pairings[1].EndedOn));

        var tab = await county.As<GetHouseholdAssistance>(county.Admin).HandleAsync(household, Year);
        Assert.Equal("向红梅", tab.Current?.Cadre);
        Assert.Equal(["向红梅", "田志强"], tab.History.Select(p => p.Cadre));
        // On a day of 2016 before the change, the first cadre was responsible: 2016 read on its last day is the second's.
        Assert.DoesNotContain(tab.Findings, x => x.Code is "no_cadre" or "cadre_ended");
    }

    [Theory, BothDatabases]
    public async Task EndCadreAssignment_LeavesTheHouseholdWithNoSuccessor(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var household = await HouseholdAsync(county, Huangbaiyuan);
        var cadre = await CadreAsync(county, "田志强");
        var none = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<EndCadreAssignment>(county.Admin)
            .HandleAsync(new EndCadreAssignment.Request(household, new DateOnly(2016, 6, 30), "退休")));
        Assert.Equal("householdId", Assert.Single(none.Problems).Field);
        Assert.Equal(["no_cadre"], (await county.As<GetHouseholdAssistance>(county.Admin).HandleAsync(household, Year)).Findings.Select(x => x.Code).Where(c => c.Contains("cadre")));

        await AssignAsync(county, household, cadre);
        var noReason = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<EndCadreAssignment>(county.Admin)
            .HandleAsync(new EndCadreAssignment.Request(household, new DateOnly(2016, 6, 30), " ")));
        Assert.Equal("reason", Assert.Single(noReason.Problems).Field);
        var before = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<EndCadreAssignment>(county.Admin)
            .HandleAsync(new EndCadreAssignment.Request(household, new DateOnly(2015, 12, 31), "退休")));
        Assert.Equal("endedOn", Assert.Single(before.Problems).Field);
        Assert.Equal(1, (await county.As<GetAssistanceCoverage>(county.Admin).HandleAsync(new GetAssistanceCoverage.Request(Year))).WithCadre);

        await county.As<EndCadreAssignment>(county.Admin).HandleAsync(new EndCadreAssignment.Request(household, new DateOnly(2016, 6, 30), "退休"));

        var coverage = await county.As<GetAssistanceCoverage>(county.Admin).HandleAsync(new GetAssistanceCoverage.Request(Year));
        Assert.Equal(0, coverage.WithCadre);
        Assert.Equal(1, coverage.Rules.Single(r => r.Code == "cadre_ended").Count);
        Assert.Equal(0, coverage.Rules.Single(r => r.Code == "no_cadre").Count);
        var tab = await county.As<GetHouseholdAssistance>(county.Admin).HandleAsync(household, Year);
        Assert.Null(tab.Current);
        Assert.Equal("退休", Assert.Single(tab.History).EndReason);
        Assert.Contains(tab.Findings, x => x.Code == "cadre_ended");
    }

    [Theory, BothDatabases]
    public async Task RecordMeasure_NamesEachProblemsField_AndRefusesAStaleVersion(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var household = await HouseholdAsync(county, Huangbaiyuan);
        var record = county.As<RecordMeasure>(county.Admin);

        var invalid = await Assert.ThrowsAsync<InvalidRequestException>(() => record.HandleAsync(new RecordMeasure.Request(household,
            new RecordMeasure.Fields(2010, (MeasureType)99, " ", Amount: -1m, ExpectedIncome: 0.001m, Status: MeasureStatus.Planned, DoneOn: new DateOnly(2016, 1, 1), EffectNote: "好"))));
        Assert.Equal(["year", "type", "content", "amount", "expectedIncome", "doneOn", "effectIncome"], invalid.Problems.Select(p => p.Field));
        var done = await Assert.ThrowsAsync<InvalidRequestException>(() => record.HandleAsync(new RecordMeasure.Request(household,
            new RecordMeasure.Fields(Year, MeasureType.Industry, "发展茶叶3亩", Status: MeasureStatus.Done, DoneOn: new DateOnly(2015, 12, 1)))));
        Assert.Equal(["doneOn"], done.Problems.Select(p => p.Field));
        var undated = RecordMeasure.Check(new RecordMeasure.Fields(Year, MeasureType.Industry, new string('茶', 501), ExpectedIncome: 200_000_000m, Status: MeasureStatus.Done));
        Assert.Equal(["content", "expectedIncome", "doneOn"], undated.Select(p => p.Field));
        var otherHousehold = await HouseholdAsync(county, Laocha);
        var member = await county.QueryAsync(db => db.Members.Where(m => m.HouseholdId == otherHousehold).Select(m => m.Id).SingleAsync());
        var stranger = await Assert.ThrowsAsync<InvalidRequestException>(() => record.HandleAsync(new RecordMeasure.Request(household,
            new RecordMeasure.Fields(Year, MeasureType.Health, "大病救治", MemberId: member))));
        Assert.Equal("memberId", Assert.Single(stranger.Problems).Field);
        Assert.Equal(0, await county.QueryAsync(db => db.Measures.CountAsync()));

        var saved = await record.HandleAsync(new RecordMeasure.Request(household, new RecordMeasure.Fields(Year, MeasureType.Industry, "发展茶叶3亩", 1500m, 2400m)));
        Assert.Equal((1, true), (saved.Version, saved.Created));
        var reviewed = await county.As<ReviewMeasure>(county.Admin).HandleAsync(new ReviewMeasure.Request(saved.Id, saved.Version));
        var updated = await county.As<RecordMeasure>(county.Admin).HandleAsync(new RecordMeasure.Request(household,
            new RecordMeasure.Fields(Year, MeasureType.Industry, "发展茶叶3亩", 1500m, 2400m, Status: MeasureStatus.Done, DoneOn: new DateOnly(2016, 10, 1), EffectIncome: 2600m), saved.Id, reviewed));
        Assert.Equal((reviewed + 1, false), (updated.Version, updated.Created));
        await Assert.ThrowsAsync<ConflictException>(() => county.As<RecordMeasure>(county.Admin).HandleAsync(new RecordMeasure.Request(household,
            new RecordMeasure.Fields(Year, MeasureType.Industry, "发展茶叶5亩", 1500m, 2400m), saved.Id, reviewed)));
        await Assert.ThrowsAsync<ConflictException>(() => county.As<ReviewMeasure>(county.Admin).HandleAsync(new ReviewMeasure.Request(saved.Id, reviewed)));

        var stored = await county.QueryAsync(db => db.Measures.SingleAsync());
        Assert.Equal(("发展茶叶3亩", MeasureStatus.Done, 2600m, (string?)null), (stored.Content, stored.Status, stored.EffectIncome!.Value.Yuan, stored.ReviewedBy));
    }

    [Theory, BothDatabases]
    public async Task VillageOfficer_NeitherReadsNorWritesAnotherVillagesMeasures(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var mine = await HouseholdAsync(county, Huangbaiyuan);
        var theirs = await HouseholdAsync(county, Laocha);
        var theirMeasure = await MeasureAsync(county, theirs, MeasureType.Industry, 3000m);
        var officer = county.VillageOfficer(Huangbaiyuan);

        var own = await MeasureAsync(county, mine, MeasureType.Industry, 3000m, actor: officer);
        Assert.True(own.Created);
        Assert.Single((await county.As<GetHouseholdAssistance>(officer).HandleAsync(mine, Year)).Measures);

        await Assert.ThrowsAsync<NotFoundException>(() => county.As<GetHouseholdAssistance>(officer).HandleAsync(theirs, Year));
        await Assert.ThrowsAsync<NotFoundException>(() => MeasureAsync(county, theirs, MeasureType.Industry, 3000m, actor: officer));
        await Assert.ThrowsAsync<NotFoundException>(() => county.As<RecordMeasure>(officer).HandleAsync(new RecordMeasure.Request(theirs,
            new RecordMeasure.Fields(Year, MeasureType.Industry, "改别人的", ExpectedIncome: 1m), theirMeasure.Id, theirMeasure.Version)));
        await Assert.ThrowsAsync<NotFoundException>(() => county.As<AssignCadre>(officer).HandleAsync(new AssignCadre.Request(theirs, Guid.NewGuid(), Start)));
        // Its own measure's id on its own household does not reach the other village's measure either.
        await Assert.ThrowsAsync<NotFoundException>(() => county.As<RecordMeasure>(officer).HandleAsync(new RecordMeasure.Request(mine,
            new RecordMeasure.Fields(Year, MeasureType.Industry, "改别人的", ExpectedIncome: 1m), theirMeasure.Id, theirMeasure.Version)));
        var coverage = await county.As<GetAssistanceCoverage>(officer).HandleAsync(new GetAssistanceCoverage.Request(Year));
        Assert.Equal((1, 1, (AreaLevel?)null), (coverage.PoorHouseholds, coverage.WithMeasures, coverage.BreakdownLevel));

        var stored = await county.QueryAsync(db => db.Measures.SingleAsync(m => m.Id == theirMeasure.Id));
        Assert.Equal(("Industry措施", 1), (stored.Content, stored.Version));
    }

    [Theory, BothDatabases]
    public async Task LineDepartment_RecordsItsOwnKinds_InspectorWritesNothing(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var household = await HouseholdAsync(county, Huangbaiyuan);
        await MeasureAsync(county, household, MeasureType.Health, 800m);
        var education = LineDepartment(county, Department.Education);

        var saved = await MeasureAsync(county, household, MeasureType.Education, 500m, actor: education);
        Assert.True(saved.Created);
        await Assert.ThrowsAsync<ForbiddenException>(() => MeasureAsync(county, household, MeasureType.Health, 500m, actor: education));
        // Changing its own measure into another department's kind is refused too.
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<RecordMeasure>(education).HandleAsync(new RecordMeasure.Request(household,
            new RecordMeasure.Fields(Year, MeasureType.Health, "改成健康", ExpectedIncome: 1m), saved.Id, saved.Version)));
        var tab = await county.As<GetHouseholdAssistance>(education).HandleAsync(household, Year);
        var shown = Assert.Single(tab.Measures);
        Assert.Equal((MeasureType.Education, true), (shown.Type, shown.CanEdit));
        // The plan still counts every measure: 500 + 800.
        Assert.Equal(1300m, tab.Plan!.Added.Yuan);
        Assert.False(tab.CanWrite);

        var inspector = county.Inspector;
        await Assert.ThrowsAsync<ForbiddenException>(() => MeasureAsync(county, household, MeasureType.Industry, 500m, actor: inspector));
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<AssignCadre>(inspector).HandleAsync(new AssignCadre.Request(household, Guid.NewGuid(), Start)));
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<EndCadreAssignment>(inspector).HandleAsync(new EndCadreAssignment.Request(household, Start, "退休")));
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<RegisterCadre>(inspector).HandleAsync(new RegisterCadre.Request("田志强", "县教育局")));
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<RecordWorkTeam>(inspector).HandleAsync(
            new RecordWorkTeam.Request(county.Villages[Huangbaiyuan].Id, "县扶贫办", "彭建国", Start)));
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<ReviewMeasure>(inspector).HandleAsync(new ReviewMeasure.Request(saved.Id, saved.Version)));
        Assert.Equal(2, (await county.As<GetHouseholdAssistance>(inspector).HandleAsync(household, Year)).Measures.Count);
        Assert.Equal(2, await county.QueryAsync(db => db.Measures.CountAsync()));
    }

    [Theory, BothDatabases]
    public async Task CadrePhone_IsEncryptedAtRest_AndMaskedForAnInspector(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var cadre = await CadreAsync(county, "田志强", phone: "13912345678");

        var stored = await county.QueryAsync(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT phone_cipher FROM cadres";
            return (string)(await command.ExecuteScalarAsync())!;
        });
        Assert.DoesNotContain("13912345678", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("12345678", stored, StringComparison.Ordinal);
        Assert.Equal("13912345678", county.Protector.Unprotect(stored));

        var seen = Assert.Single((await county.As<ListCadres>(county.Inspector).HandleAsync()).Cadres);
        Assert.Equal((cadre, new ShownId("139****5678", true)), (seen.Id, seen.Phone));
        var admin = Assert.Single((await county.As<ListCadres>(county.Admin).HandleAsync("教育")).Cadres);
        Assert.Equal(new ShownId("13912345678", false), admin.Phone);
        Assert.Empty((await county.As<ListCadres>(county.Admin).HandleAsync("农业")).Cadres);

        // The household's tab masks it the same way.
        var household = await HouseholdAsync(county, Huangbaiyuan);
        await AssignAsync(county, household, cadre);
        var tab = await county.As<GetHouseholdAssistance>(county.Inspector).HandleAsync(household, Year);
        Assert.Equal(new ShownId("139****5678", true), tab.Current?.Phone);
        var invalid = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<RegisterCadre>(county.Admin).HandleAsync(new RegisterCadre.Request("", "", Phone: "12ab")));
        Assert.Equal(["name", "workUnit", "phone"], invalid.Problems.Select(p => p.Field));
    }

    [Theory, BothDatabases]
    public async Task Measures_AreAudited_InTheUsersName(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var household = await HouseholdAsync(county, Huangbaiyuan);
        var officer = county.VillageOfficer(Huangbaiyuan);
        var saved = await MeasureAsync(county, household, MeasureType.HousingRenovation, 0m, actor: officer);
        await county.As<RecordMeasure>(officer).HandleAsync(new RecordMeasure.Request(household,
            new RecordMeasure.Fields(Year, MeasureType.HousingRenovation, "C级危房改造", 20000m), saved.Id, saved.Version, "补录金额"));

        var audit = await county.QueryAsync(db => db.AuditEntries.Where(a => a.EntityType == nameof(Measure)).OrderBy(a => a.Sequence).ToListAsync());
        Assert.Equal([AuditAction.Insert, AuditAction.Update], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal((officer.UserName, saved.Id, (Guid?)household), (a.UserName, a.EntityId, a.HouseholdId)));
        Assert.Contains("C级危房改造", audit[1].Changes, StringComparison.Ordinal);
        Assert.Equal("补录金额", audit[1].Reason);
    }

    [Theory, BothDatabases]
    public async Task RecordWorkTeam_ReplacesTheTeamInPlace_WithinTheTownshipsVillages(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var officer = county.TownshipOfficer("三胡乡");
        var village = county.Villages[Huangbaiyuan].Id;
        var record = county.As<RecordWorkTeam>(officer);

        var invalid = await Assert.ThrowsAsync<InvalidRequestException>(() => record.HandleAsync(new RecordWorkTeam.Request(village, " ", "", Start, EndedOn: Start.AddDays(-1))));
        Assert.Equal(["stationedUnit", "firstSecretary", "endedOn"], invalid.Problems.Select(p => p.Field));
        var outside = await Assert.ThrowsAsync<InvalidRequestException>(() => record.HandleAsync(new RecordWorkTeam.Request(county.Villages[Laocha].Id, "县扶贫办", "彭建国", Start)));
        Assert.Equal("villageId", Assert.Single(outside.Problems).Field);

        var first = await record.HandleAsync(new RecordWorkTeam.Request(village, "县扶贫办", "彭建国", new DateOnly(2015, 10, 1), Members: "田华、向英"));
        var early = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<RecordWorkTeam>(officer).HandleAsync(new RecordWorkTeam.Request(village, "县教育局", "杨光明", new DateOnly(2015, 10, 1))));
        Assert.Equal("startedOn", Assert.Single(early.Problems).Field);
        var second = await county.As<RecordWorkTeam>(officer).HandleAsync(new RecordWorkTeam.Request(village, "县教育局", "杨光明", new DateOnly(2016, 7, 1)));
        Assert.True(second.Created);
        await Assert.ThrowsAsync<ConflictException>(() => county.As<RecordWorkTeam>(officer).HandleAsync(
            new RecordWorkTeam.Request(village, "县扶贫办", "彭建国", new DateOnly(2015, 10, 1), Id: first.Id, Version: first.Version)));

        var teams = await county.As<ListWorkTeams>(officer).HandleAsync(poorOnly: true);
        Assert.All(teams.Villages, v => Assert.True(v.IsPoor));
        var row = teams.Villages.Single(v => v.VillageId == village);
        Assert.Equal("杨光明", row.Current?.FirstSecretary);
        var earlier = Assert.Single(row.Earlier);
        Assert.Equal(("彭建国", (DateOnly?)new DateOnly(2016, 6, 30)), (earlier.FirstSecretary, earlier.EndedOn));
        // 三胡乡 has three poor villages; one has its team now.
        Assert.Equal(2, teams.PoorWithoutTeam);
        var coverage = await county.As<GetAssistanceCoverage>(officer).HandleAsync(new GetAssistanceCoverage.Request(Year));
        Assert.Equal(2, coverage.VillagesWithoutTeam.Count);
        Assert.DoesNotContain(coverage.VillagesWithoutTeam, v => v.Id == village);
    }
}
