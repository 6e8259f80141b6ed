using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Assistance;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Assistance;
using Tuopin.Domain.Common;
using Tuopin.Domain.Registry;
using Tuopin.Testing;

namespace Tuopin.Application.Tests.Assistance;

/// <summary>
/// Edge households (边缘户) in the return-to-poverty watch: recorded with their members outside the registry, enrolled,
/// given measures, closed as risk removed or as registered poor; never seen by the registry's counts, and only by
/// their own area.
/// </summary>
public sealed class EdgeHouseholdTests
{
    private const string Village = "三胡乡/黄柏园村", Other = "翔凤镇/老茶村";

    private static EdgeHouseholds.MemberInput Person(Relation relation, string name, Sex sex = Sex.Male, Health health = Health.Healthy) =>
        new(name, relation, Build.NewResidentId(sex).Value, health);

    private static EnrollEdgeHousehold.Request Request(Guid village, params EdgeHouseholds.MemberInput[] members) =>
        new(village, EdgeKind.Edge, 4_200m, members.Length > 0 ? members : [Person(Relation.Head, "彭大山"), Person(Relation.Spouse, "向小梅", Sex.Female)],
            MonitoringRisk.IllnessOrDisability, "户主突发脑梗，医疗支出大", Address: "黄柏园村3组", Phone: "13907181234");

    private static async Task LineAsync(TestCounty county, decimal yuan)
    {
        await county.QueryAsync(async db =>
        {
            var year = county.Today.Year - 1;
            if (await db.PovertyLines.FindAsync(year) is { } line) line.Amount = Money.FromYuan(yuan);
            else db.PovertyLines.Add(new PovertyLine { Year = year, Amount = Money.FromYuan(yuan), Source = "测试" });
            return await db.SaveChangesAsync();
        });
    }

    [Theory, BothDatabases]
    public async Task AnEdgeHousehold_IsRecordedAndWatched_OutsideTheRegistry_AndGetsMeasures(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        await LineAsync(county, 4_000m);
        var officer = county.VillageOfficer(Village);
        var registered = await county.AddHouseholdAsync(Village);
        var households = await county.QueryAsync(db => db.Households.CountAsync());

        var enrolled = await county.As<EnrollEdgeHousehold>(officer).HandleAsync(Request(county.Villages[Village].Id));
        var code = await county.QueryAsync(db => db.Villages.Where(v => v.Id == county.Villages[Village].Id).Select(v => v.Code).SingleAsync());
        Assert.Equal($"BY{code}001", enrolled.Number);
        var second = await county.As<EnrollEdgeHousehold>(officer).HandleAsync(Request(county.Villages[Village].Id, Person(Relation.Head, "田二")));
        Assert.Equal($"BY{code}002", second.Number);
        // Not in the registry: its counts do not move.
        Assert.Equal(households, await county.QueryAsync(db => db.Households.CountAsync()));

        // The watch lists it beside registered households, and counts it.
        await county.As<EnrollForMonitoring>(officer).HandleAsync(new EnrollForMonitoring.Request(registered, MonitoringRisk.IncomeNearLine, "务工收入减少"));
        var list = await county.As<ListMonitoringCases>(county.Admin).HandleAsync(new ListMonitoringCases.Request());
        Assert.Equal((3, 2), (list.Open, list.OpenEdge));
        var row = Assert.Single(list.Cases.Items, r => r.EdgeHouseholdId == enrolled.EdgeHouseholdId);
        Assert.Equal((null, enrolled.Number, "彭大山"), (row.HouseholdId, row.Number, row.Head));
        Assert.Equal(2, Assert.Single(list.ByArea).OpenEdge);

        // A measure like any household's; the plan's arithmetic on the income recorded: 4,200 × 2 + 1,000 over 2 people.
        var year = county.Today.Year - 1;
        await county.As<RecordMeasure>(officer).HandleAsync(new RecordMeasure.Request(Guid.Empty,
            new RecordMeasure.Fields(year, MeasureType.Health, "大病救助，二次报销", Amount: 3_000m, ExpectedIncome: 1_000m), EdgeHouseholdId: enrolled.EdgeHouseholdId));
        var page = await county.As<GetEdgeHousehold>(officer).HandleAsync(enrolled.EdgeHouseholdId, year);
        Assert.Equal((2, "彭大山", false), (page.Members.Count, page.Members[0].Name, page.Members[0].ResidentId.Masked));
        Assert.Equal("13907181234", page.Phone!.Text);
        var measure = Assert.Single(page.Measures);
        Assert.Equal((MeasureType.Health, 3_000m), (measure.Type, measure.Amount));
        Assert.Equal((2, 4_700m, true), (page.Plan.Size, page.Plan.PerPerson, page.Plan.Sufficient));
        Assert.Equal(MonitoringRisk.IllnessOrDisability, Assert.Single(page.Cases).Risk);
        // An edge household's measure is not in the registry's coverage: its one poor household (registered) has none.
        var coverage = await county.As<GetAssistanceCoverage>(officer).HandleAsync(new GetAssistanceCoverage.Request(year));
        Assert.Equal((1, 0), (coverage.PoorHouseholds, coverage.WithMeasures));

        // The inspector reads it masked; another village's officer does not find it at all.
        var inspected = await county.As<GetEdgeHousehold>(county.Inspector).HandleAsync(enrolled.EdgeHouseholdId, year);
        Assert.True(inspected.Members.All(m => m.ResidentId.Masked) && inspected.Phone!.Masked);
        Assert.NotEqual(page.Members[0].ResidentId.Text, inspected.Members[0].ResidentId.Text);
        Assert.Contains("*", inspected.Members[0].ResidentId.Text);
        var stranger = county.VillageOfficer(Other);
        await Assert.ThrowsAsync<NotFoundException>(() => county.As<GetEdgeHousehold>(stranger).HandleAsync(enrolled.EdgeHouseholdId, year));
        await Assert.ThrowsAsync<NotFoundException>(() => county.As<RecordMeasure>(stranger).HandleAsync(new RecordMeasure.Request(Guid.Empty,
            new RecordMeasure.Fields(year, MeasureType.Health, "越权"), EdgeHouseholdId: enrolled.EdgeHouseholdId)));
        Assert.Equal(0, (await county.As<ListMonitoringCases>(stranger).HandleAsync(new ListMonitoringCases.Request())).Open);
        Assert.Equal(0, await county.QueryAsync(db => db.Measures.CountAsync(m => m.Content == "越权")));
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<EnrollEdgeHousehold>(county.Inspector).HandleAsync(Request(county.Villages[Village].Id)));
    }

    [Theory, BothDatabases]
    public async Task Enrolment_IsRefused_FieldByField_WithoutSayingWhereARegisteredPersonLives(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        await LineAsync(county, 4_000m);
        var officer = county.VillageOfficer(Village);
        var elsewhere = Build.Member();
        var otherHousehold = await county.AddHouseholdAsync(Other, elsewhere);
        var village = county.Villages[Village].Id;

        // A person of the registry (here in another village) is watched through their registered household.
        var taken = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<EnrollEdgeHousehold>(officer).HandleAsync(
            Request(village, new EdgeHouseholds.MemberInput("某人", Relation.Head, elsewhere.ResidentId))));
        var problem = Assert.Single(taken.Problems);
        Assert.Equal(("members[0].residentId", "edge.registered"), (problem.Field, problem.Code));
        var number = await county.QueryAsync(db => db.Households.Where(h => h.Id == otherHousehold).Select(h => h.Number).SingleAsync());
        Assert.DoesNotContain(number, problem.Message.Zh);
        Assert.DoesNotContain("老茶", problem.Message.Zh);

        // No head, a bad ID, an income at 1.5 times the line: each named by its field.
        var bad = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<EnrollEdgeHousehold>(officer).HandleAsync(
            Request(village, new EdgeHouseholds.MemberInput("甲", Relation.Spouse, "42282719800101001X"), Person(Relation.Son, "乙")) with { IncomePerHead = 6_000m }));
        Assert.Contains(bad.Problems, p => p is { Field: "members[0].residentId", Code: "resident_id.invalid" });
        Assert.Contains(bad.Problems, p => p is { Field: "members", Code: "household.head_count" });
        Assert.Contains(bad.Problems, p => p is { Field: "incomePerHead", Code: "edge.income_high" } && p.Message.Zh.Contains("6000"));
        // A household in sudden hardship has no income ceiling.
        await county.As<EnrollEdgeHousehold>(officer).HandleAsync(Request(village, Person(Relation.Head, "丙")) with { Kind = EdgeKind.SuddenHardship, IncomePerHead = 9_000m });
        // The same person cannot be watched in two edge households; another village is not the officer's.
        var twice = Person(Relation.Head, "丁");
        await county.As<EnrollEdgeHousehold>(officer).HandleAsync(Request(village, twice));
        var again = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<EnrollEdgeHousehold>(officer).HandleAsync(Request(village, twice)));
        Assert.Equal("edge.watched", Assert.Single(again.Problems).Code);
        var outside = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<EnrollEdgeHousehold>(officer).HandleAsync(Request(county.Villages[Other].Id)));
        Assert.Equal("villageId", Assert.Single(outside.Problems).Field);
        Assert.Equal(2, await county.QueryAsync(db => db.EdgeHouseholds.CountAsync()));
    }

    [Theory, BothDatabases]
    public async Task AnEdgeCase_EndsWithTheRiskRemoved_OrWithTheHouseholdRegisteredAsPoor_NeverAsAReturn(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var officer = county.VillageOfficer(Village);
        var head = Person(Relation.Head, "彭大山");
        var enrolled = await county.As<EnrollEdgeHousehold>(officer).HandleAsync(Request(county.Villages[Village].Id, head));
        var today = county.Today;

        var returned = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<CloseMonitoringCase>(county.Admin)
            .HandleAsync(new CloseMonitoringCase.Request(enrolled.CaseId, 1, today, MonitoringOutcome.ReturnedToPoverty, "返贫")));
        Assert.Equal(("outcome", "monitoring.outcome"), (returned.Problems[0].Field, returned.Problems[0].Code));
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<CloseMonitoringCase>(officer)
            .HandleAsync(new CloseMonitoringCase.Request(enrolled.CaseId, 1, today, MonitoringOutcome.RegisteredAsPoor, "识别", "123")));
        // A registered household that does not hold the edge household's member is not it.
        var unrelated = await county.AddHouseholdAsync(Village);
        var unrelatedNumber = await county.QueryAsync(db => db.Households.Where(h => h.Id == unrelated).Select(h => h.Number).SingleAsync());
        var wrong = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<CloseMonitoringCase>(county.Admin)
            .HandleAsync(new CloseMonitoringCase.Request(enrolled.CaseId, 1, today, MonitoringOutcome.RegisteredAsPoor, "识别", unrelatedNumber)));
        Assert.Equal("householdNumber", wrong.Problems[0].Field);

        // Registered in the registry (新识别) with the head's ID, the case closes naming that household.
        var member = Build.Member() with { ResidentId = head.ResidentId!, Name = "彭大山" };
        member = member with { Sex = ResidentId.Parse(head.ResidentId!).Sex, BirthDate = ResidentId.Parse(head.ResidentId!).BirthDate };
        var poor = await county.AddHouseholdAsync(Village, member);
        var poorNumber = await county.QueryAsync(db => db.Households.Where(h => h.Id == poor).Select(h => h.Number).SingleAsync());
        await county.As<CloseMonitoringCase>(county.Admin).HandleAsync(new CloseMonitoringCase.Request(enrolled.CaseId, 1, today, MonitoringOutcome.RegisteredAsPoor, "人均纯收入低于标准，已新识别", poorNumber));
        var all = await county.As<ListMonitoringCases>(county.Admin).HandleAsync(new ListMonitoringCases.Request(OpenOnly: false));
        Assert.Equal((0, 1, 0), (all.Open, all.Registered, all.Returned));

        // Risk removed is open to the officer.
        var other = await county.As<EnrollEdgeHousehold>(officer).HandleAsync(Request(county.Villages[Village].Id, Person(Relation.Head, "田二")));
        await county.As<CloseMonitoringCase>(officer).HandleAsync(new CloseMonitoringCase.Request(other.CaseId, 1, today, MonitoringOutcome.RiskRemoved, "已出院，收入稳定"));
        Assert.Equal(2, await county.QueryAsync(db => db.MonitoringCases.CountAsync(c => c.ClosedOn != null && c.EdgeHouseholdId != null)));
        Assert.True(await county.QueryAsync(db => db.AuditEntries.CountAsync(e => e.EntityType == nameof(EdgeHousehold) || e.EntityType == nameof(EdgeMember))) >= 3);
    }
}
