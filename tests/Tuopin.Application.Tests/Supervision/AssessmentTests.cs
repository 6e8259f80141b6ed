using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Accounts;
using Tuopin.Application.Common;
using Tuopin.Application.Organisation;
using Tuopin.Application.Storage;
using Tuopin.Application.Supervision;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Organisation;
using Tuopin.Domain.Supervision;
using Tuopin.Testing;

namespace Tuopin.Application.Tests.Supervision;

/// <summary>
/// The annual assessment on both databases, on a hand-computed example: 三胡乡 has four findings of the year, three closed
/// on time and one overdue, and one poor household with neither cadre nor measures; 县交通运输局 has two findings, one closed
/// on time and one closed late. No plan, no evaluation and no funds are loaded: those indicators have nothing to assess and
/// give full points (the arithmetic says so). Then the scheme is changed, a bad scheme refused, and the readers checked.
/// </summary>
public sealed class AssessmentTests
{
    private const string Huangbo = "三胡乡/黄柏园村";

    private sealed record Fixture(TestCounty County, Guid Sanhu, Guid Transport);

    private static async Task<Fixture> FixtureAsync(DbProvider provider)
    {
        var county = await TestCounty.CreateAsync(provider);
        var save = county.As<SaveUnit>(county.Admin);
        var sanhu = await save.HandleAsync(new SaveUnit.Request(new SaveUnit.Fields(UnitKind.TownshipOffice, "三胡乡扶贫开发办", TownshipId: county.Townships["三胡乡"])));
        var (village, township) = county.Villages[Huangbo];
        var team = await save.HandleAsync(new SaveUnit.Request(new SaveUnit.Fields(UnitKind.VillageTeam, "黄柏园村脱贫责任组", TownshipId: township, VillageId: village)));
        var transport = await save.HandleAsync(new SaveUnit.Request(new SaveUnit.Fields(UnitKind.Department, "县交通运输局", Department: Department.Transport)));
        await county.AddHouseholdAsync(Huangbo);
        var today = county.Today;
        var inspector = county.Inspector;
        var inTownship = await county.As<RecordInspection>(inspector).HandleAsync(new RecordInspection.Request(
            InspectionKind.Supervision, today.Year, "精准扶贫工作督查", null, county.Townships["三胡乡"], null, today, today, "张督查"));
        var ofTransport = await county.As<RecordInspection>(inspector).HandleAsync(new RecordInspection.Request(
            InspectionKind.Special, today.Year, "通村公路专项检查", transport.Id, null, null, today, today, "李督查"));

        async Task<Guid> Finding(Guid inspection, Guid unit, bool close, int? deadlineDaysAgo = null)
        {
            var f = await county.As<RecordFinding>(inspector).HandleAsync(new RecordFinding.Request(inspection, FindingCategory.Other, "问题", unit, today.AddDays(10)));
            if (close)
            {
                var v = await county.As<RectifyFinding>(county.Admin).HandleAsync(new RectifyFinding.Request(f.Id, 1, "已整改", true));
                await county.As<CloseFinding>(inspector).HandleAsync(new CloseFinding.Request(f.Id, v));
            }
            if (deadlineDaysAgo is { } days)
                await county.QueryAsync(db => db.Findings.Where(x => x.Id == f.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Deadline, today.AddDays(-days))));
            return f.Id;
        }
        await Finding(inTownship.Id, team.Id, close: true);                         // on time
        await Finding(inTownship.Id, sanhu.Id, close: true);                        // on time
        await Finding(inTownship.Id, transport.Id, close: true);                    // on time (三胡乡's and 交通局's)
        await Finding(inTownship.Id, sanhu.Id, close: false, deadlineDaysAgo: 3);   // overdue
        await Finding(ofTransport.Id, transport.Id, close: true, deadlineDaysAgo: 2); // closed after its deadline (no township)
        return new Fixture(county, county.Townships["三胡乡"], transport.Id);
    }

    [Theory, BothDatabases]
    public async Task TheScores_AreTheHandComputedOnes(DbProvider provider)
    {
        var f = await FixtureAsync(provider);
        await using var county = f.County;
        var r = await county.As<AssessTheYear>(county.Inspector).HandleAsync(county.Today.Year);
        Assert.True(r.DefaultScheme);

        // 三胡乡 (default scheme):
        //   T1 减贫进度: no plan loaded → nothing to assess → 20
        //   T2 错退率, T3 认可度, T4 漏评: no evaluation → 10 + 10 + 5
        //   T5 帮扶落实: 1 poor household, no cadre (1) and no measures (1): pairing 1 − 1/1 = 0%, measures 0%, the lower 0% (≤ 80%) → 0
        //   T6 问题按期整改: 3/4 = 75% → (75 − 60)/(95 − 60) × 15 = 6.428… → 6.43
        //   T7 逾期未整改: 1 → 10 − 1 × 2 = 8
        //   T8 资金支出进度: nothing allocated → 10;  T9 资金预警: 0 → 5
        //   total = 20 + 25 + 0 + 6.43 + 8 + 10 + 5 = 74.43
        var sanhu = r.Townships.Single(t => t.Id == f.Sanhu);
        var points = sanhu.Indicators.ToDictionary(i => i.Code, i => i.Points);
        Assert.Equal(new Dictionary<string, decimal> { ["T1"] = 20, ["T2"] = 10, ["T3"] = 10, ["T4"] = 5, ["T5"] = 0, ["T6"] = 6.43m, ["T7"] = 8, ["T8"] = 10, ["T9"] = 5 }, points);
        Assert.Equal(74.43m, sanhu.Score);
        var t6 = sanhu.Indicators.Single(i => i.Code == "T6");
        Assert.Equal((75.0m, "3/4"), (t6.Figure!.Value, t6.Counted));
        Assert.Equal("问题按期整改 3/4 = 75%，≥ 95% 得满分，60%–95% 线性：(75−60)/(95−60)×15 = 6.43 分", t6.Arithmetic);
        Assert.Equal("结对 1 − 1/1、措施 1 − 1/1 户，取低者", sanhu.Indicators.Single(i => i.Code == "T5").Counted);
        // Every other township has nothing against it: 100, sharing rank 1; 三胡乡 is last.
        Assert.All(r.Townships.Where(t => t.Id != f.Sanhu), t => Assert.Equal((100m, 1), (t.Score, t.Rank)));
        Assert.Equal(r.Townships.Count, sanhu.Rank);
        Assert.Equal(sanhu, r.Townships[^1]);

        // 县交通运输局: D1 no plan → 40; D2 1/2 = 50% (≤ 60%) → 0; D3 0 overdue → 10; D4 → 20; D5 → 10; total 80.
        var transport = Assert.Single(r.Departments);
        Assert.Equal((f.Transport, 80m, 1), (transport.Id, transport.Score, transport.Rank));
        Assert.Equal("问题按期整改 1/2 = 50%，≤ 60% 得0分：0 分", transport.Indicators.Single(i => i.Code == "D2").Arithmetic);
    }

    [Theory, BothDatabases]
    public async Task TheScheme_IsSetByTheCountyAdministrator_ValidatedAndAudited(DbProvider provider)
    {
        var f = await FixtureAsync(provider);
        await using var county = f.County;
        var set = county.As<SetAssessmentScheme>(county.Admin);
        var indicators = AssessmentScheme.Default.Indicators.ToList();

        // A bad scheme is refused with the field named, and nothing is stored.
        var broken = indicators.Select(i => i.Code == "T6" ? i with { Weight = 20 } : i).ToList();
        var refused = await Assert.ThrowsAsync<InvalidRequestException>(() => set.HandleAsync(new SetAssessmentScheme.Request(broken, "调整")));
        Assert.Contains(refused.Problems, p => p.Field == "indicators.township");
        Assert.False(await county.QueryAsync(db => db.Settings.AnyAsync(s => s.Key == AssessmentScheme.Key)));
        foreach (var other in new[] { county.Inspector, county.TownshipOfficer("三胡乡") })
            await Assert.ThrowsAsync<ForbiddenException>(() => county.As<SetAssessmentScheme>(other).HandleAsync(new SetAssessmentScheme.Request(indicators)));

        // T6 linear from 50% to 100%: 3/4 = 75% → (75 − 50)/(100 − 50) × 15 = 7.5; 三胡乡 = 74.43 − 6.43 + 7.5 = 75.5.
        var changed = indicators.Select(i => i.Code == "T6" ? i with { Floor = 50, Full = 100 } : i).ToList();
        var saved = await set.HandleAsync(new SetAssessmentScheme.Request(changed, "县考核办公室会议"));
        Assert.False(saved.IsDefault);
        Assert.Equal((50m, 100m), (saved.Indicators.Single(i => i.Code == "T6").Floor!.Value, saved.Indicators.Single(i => i.Code == "T6").Full!.Value));
        Assert.Equal(1, await county.QueryAsync(db => db.AuditEntries.CountAsync(e => e.EntityType == "Setting" && e.Reason == "县考核办公室会议")));
        var read = await county.As<GetAssessmentScheme>(county.TownshipOfficer("三胡乡")).HandleAsync();
        Assert.Equal(changed, read.Indicators);
        Assert.False(read.CanSet);
        var r = await county.As<AssessTheYear>(county.Admin).HandleAsync(county.Today.Year);
        Assert.Equal(75.5m, r.Townships.Single(t => t.Id == f.Sanhu).Score);
    }

    [Theory, BothDatabases]
    public async Task ATownship_SeesTheRankingAndItsOwnDetail_AVillageNothing(DbProvider provider)
    {
        var f = await FixtureAsync(provider);
        await using var county = f.County;
        var xiangfeng = await county.As<AssessTheYear>(county.TownshipOfficer("翔凤镇")).HandleAsync(county.Today.Year);
        var sanhuSeenByOther = xiangfeng.Townships.Single(t => t.Id == f.Sanhu);
        // The same ranking as the county's, but not another township's indicators.
        Assert.Equal((74.43m, false), (sanhuSeenByOther.Score, sanhuSeenByOther.Detail));
        Assert.Empty(sanhuSeenByOther.Indicators);
        Assert.True(xiangfeng.Townships.Single(t => t.Id == county.Townships["翔凤镇"]).Detail);
        Assert.All(xiangfeng.Departments, d => Assert.False(d.Detail));

        var own = await county.As<AssessTheYear>(county.TownshipOfficer("三胡乡")).HandleAsync(county.Today.Year);
        Assert.Equal(9, own.Townships.Single(t => t.Id == f.Sanhu).Indicators.Count);

        // A department sees its own detail only.
        var transport = new Actor(Guid.NewGuid(), "交通局", Role.LineDepartment, AreaScope.County(county.CountyId), Department.Transport);
        var byTransport = await county.As<AssessTheYear>(transport).HandleAsync(county.Today.Year);
        Assert.True(byTransport.Departments.Single().Detail);
        Assert.All(byTransport.Townships, t => Assert.False(t.Detail));

        foreach (var refused in new[] { county.VillageOfficer(Huangbo), TuopinDb.Nobody })
        {
            await Assert.ThrowsAsync<ForbiddenException>(() => county.As<AssessTheYear>(refused).HandleAsync(county.Today.Year));
            await Assert.ThrowsAsync<ForbiddenException>(() => county.As<GetAssessmentScheme>(refused).HandleAsync());
        }
    }
}
