using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Exit;
using Tuopin.Application.Storage;
using Tuopin.Domain.Assistance;
using Tuopin.Domain.Common;
using Tuopin.Domain.Exit;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Assistance;

public static partial class LoadDemoAssistance
{
    /// <summary>The demo's return-to-poverty watch in the working year, in cases.</summary>
    public sealed record WatchCounts(int Cases, int NotYetReviewed, int Overdue, int RiskRemoved, int Returned);

    /// <summary>
    /// The watch: households of the county's risk list of the year before the working year (exited, with a per-capita net
    /// income within the warning margin of that year's line: <see cref="ExitStandards.IsIncomeAtRisk"/>), enrolled in
    /// the working year. Those whose income of the working year clears the warning level of <see cref="PlannedLine"/>
    /// are the ones closed as risk removed; the rest stay open, reviewed every quarter, some not yet and some overdue on
    /// the working day. No return to poverty: every demo household's income of the working year is above that line.
    /// </summary>
    public static readonly WatchCounts Watched = new(Cases: 40, NotYetReviewed: 5, Overdue: 6, RiskRemoved: 8, Returned: 0);

    /// <summary>A household on the risk list of the year before, with its per-capita net incomes of that year and of the working year.</summary>
    private sealed record WatchHousehold(Guid Id, string Number, Guid TownshipId, Guid VillageId, decimal Before, decimal InYear)
    {
        public IReadOnlyList<Person> Members { get; init; } = [];
    }

    /// <summary>
    /// The county's risk list of the year before the working year, for income (the list's own rule), with the working
    /// year's incomes: the exited households' incomes of that year in one query, the flagged ones' of the working year in another.
    /// </summary>
    private static async Task<(List<WatchHousehold> Households, ExitStandards Standards, decimal? Line)> RiskListAsync(TuopinDb db, int year, CancellationToken ct)
    {
        var county = await db.Counties.AsNoTracking().Select(c => new { c.Id, c.IsWestern }).SingleAsync(ct);
        var standards = await ExitStandardsStore.ForCountyAsync(db, county.Id, county.IsWestern, ct);
        var line = await db.PovertyLines.AsNoTracking().Where(l => l.Year == year - 1).Select(l => (Money?)l.Amount).FirstOrDefaultAsync(ct);
        if (line is null || !standards.WatchIncome) return ([], standards, null);
        var exited = db.Households.AsNoTracking().Where(h => h.ClosedOn == null).Where(HouseholdStanding.ExitedBy(year - 1));
        var flagged = (await (from i in db.Incomes.AsNoTracking()
                              join h in exited on i.HouseholdId equals h.Id
                              where i.Year == year - 1
                              select new { h.Number, h.TownshipId, h.VillageId, Income = i }).ToListAsync(ct))
            .Where(x => standards.IsIncomeAtRisk(x.Income.PerCapitaNet, line.Value.Yuan))
            .OrderBy(x => x.Number, StringComparer.Ordinal)
            .ToList();
        var ids = flagged.Select(x => x.Income.HouseholdId).ToList();
        var inYear = await db.Incomes.AsNoTracking().Where(i => i.Year == year && ids.Contains(i.HouseholdId)).ToDictionaryAsync(i => i.HouseholdId, ct);
        var households = flagged.Where(x => inYear.ContainsKey(x.Income.HouseholdId))
            .Select(x => new WatchHousehold(x.Income.HouseholdId, x.Number, x.TownshipId, x.VillageId, x.Income.PerCapitaNet, inYear[x.Income.HouseholdId].PerCapitaNet))
            .ToList();
        return (households, standards, line.Value.Yuan);
    }

    /// <summary>
    /// A case's quarterly reviews from its enrolment until <paramref name="until"/> (its closing, or the working day), each
    /// up to six days before it is due. An overdue case misses the first review due on or after <paramref name="missedFrom"/>
    /// and has none after it. Returns the review due next, the last review and the number of reviews.
    /// </summary>
    private static (DateOnly Due, DateOnly? Last, int Reviews) ReviewsOf(Random random, DateOnly enrolled, DateOnly until, DateOnly? missedFrom)
    {
        var due = enrolled.AddDays(Monitoring.DefaultReviewDays);
        DateOnly? last = null;
        var reviews = 0;
        while (due <= until && !(missedFrom is { } missed && due >= missed))
        {
            var on = due.AddDays(-random.Next(0, 7));
            last = on;
            reviews++;
            due = on.AddDays(Monitoring.DefaultReviewDays);
        }
        return (due, last, reviews);
    }

    /// <summary>The watch's cases and the measures of the watched households, from the risk list, seeded.</summary>
    private sealed class WatchGenerator(int seed, int year, DateOnly day, Guid countyId, ExitStandards standards, decimal lineBefore, DateTime now)
    {
        private const string Operator = "演示数据";
        private readonly Random _random = new(Demo.DemoSeed.Of(seed, "watch"));

        public (List<MonitoringCase> Cases, List<Measure> Measures) Generate(IReadOnlyList<WatchHousehold> riskList)
        {
            var cases = new List<MonitoringCase>();
            var measures = new List<Measure>();
            var shuffled = riskList.OrderBy(_ => _random.Next()).ToList();
            // Still near the line in the year: open; clear of it: closed as risk removed.
            var near = shuffled.Where(h => standards.IsIncomeAtRisk(h.InYear, PlannedLine)).Take(Watched.Cases - Watched.RiskRemoved).ToList();
            var cleared = shuffled.Where(h => !standards.IsIncomeAtRisk(h.InYear, PlannedLine)).Take(Watched.RiskRemoved).ToList();
            for (var i = 0; i < near.Count; i++)
                Add(near[i], i < Watched.Overdue ? Kind.Overdue : i < Watched.Overdue + Watched.NotYetReviewed ? Kind.Recent : Kind.Reviewed, cases, measures);
            foreach (var h in cleared) Add(h, Kind.Closed, cases, measures);
            return (cases, measures);
        }

        private enum Kind { Reviewed, Overdue, Recent, Closed }

        private void Add(WatchHousehold h, Kind kind, List<MonitoringCase> cases, List<Measure> measures)
        {
            var ill = h.Members.Where(m => m.IsIll).ToList();
            var disabled = h.Members.Count(m => m.Health == Health.Disabled);
            var labour = h.Members.Count(m => m.CanWork);
            var students = h.Members.Where(m => m.IsStudentIn(year)).ToList();

            // Enrolled after the year's income review (or, for the recent ones, after a visit in the autumn), reviewed every quarter.
            var enrolled = kind switch
            {
                Kind.Closed => Between(new DateOnly(year, 1, 10), new DateOnly(year, 3, 31)),
                Kind.Overdue => Between(new DateOnly(year, 2, 1), new DateOnly(year, 5, 31)),
                Kind.Recent => Between(new DateOnly(year, 10, 5), new DateOnly(year, 11, 30)),
                _ => Between(new DateOnly(year, 1, 10), new DateOnly(year, 7, 31)),
            };
            DateOnly? closed = kind == Kind.Closed ? Between(new DateOnly(year, 10, 10), new DateOnly(year, 12, 15)) : null;
            // The overdue ones missed their first review due after the summer; the closed ones were reviewed until they closed.
            var (due, last, reviews) = ReviewsOf(_random, enrolled, closed ?? day, kind == Kind.Overdue ? new DateOnly(year, 9, 1) : null);

            var facts = new List<string>();
            if (ill.Count > 0) facts.Add($"{ill.Count}人患慢性病或大病，医疗支出较大");
            if (disabled > 0) facts.Add($"{disabled}人残疾");
            if (labour == 0) facts.Add("家中无劳动力，收入主要靠转移性收入");
            else if (labour == 1 && h.Members.Count >= 4) facts.Add("劳动力少、负担重");
            if (students.Count > 0) facts.Add($"{students.Count}人在校就读，教育支出较大");
            var reason = $"{year - 1}年度收入核算：{standards.IncomeRiskExplanation(h.Before, lineBefore).Zh}" + (facts.Count > 0 ? "；" + string.Join("；", facts) : string.Empty);

            var income = labour > 0 ? Pick(["务工收入稳定，家庭收支正常", "产业长势良好，收入有保障", "公益岗位工资按月发放"]) : "兜底保障和分红收益按时到户";
            var note = income + (ill.Count > 0 ? "；患病成员病情稳定，医疗费用已按政策报销" : string.Empty) + (kind == Kind.Closed ? "；收入明显增加" : "；收入仍接近预警线，继续监测");
            var warn = standards.IncomeWarningLevel(PlannedLine);
            cases.Add(new MonitoringCase
            {
                Id = Guid.CreateVersion7(), HouseholdId = h.Id, CountyId = countyId, TownshipId = h.TownshipId, VillageId = h.VillageId,
                Risk = MonitoringRisk.IncomeNearLine, Reason = reason, EnrolledOn = enrolled, ReviewDue = due,
                LastReviewedOn = last, LastReviewNote = last is null ? null : note, Reviews = reviews,
                ClosedOn = closed, Outcome = closed is null ? null : MonitoringOutcome.RiskRemoved,
                CloseReason = closed is null ? null
                    : $"{year}年人均纯收入 {HouseholdStandard.Yuan(Math.Round(h.InYear, 2))} 元，高于预警线 {HouseholdStandard.Yuan(warn)} 元（以{year}年国家扶贫标准 {HouseholdStandard.Yuan(PlannedLine)} 元计），收入稳定，风险消除",
                RecordedBy = Operator, Version = 1 + reviews + (closed is null ? 0 : 1), CreatedAt = now, UpdatedAt = now,
            });

            // A measure or two, like any household's: one that adds income, and help with the illness or the schooling.
            var planned = enrolled.AddDays(_random.Next(3, 21));
            var status = kind switch { Kind.Closed => MeasureStatus.Done, Kind.Recent => MeasureStatus.Planned, _ => MeasureStatus.InProgress };
            var earner = labour > 0
                ? (MeasureType.Employment, Pick(["县内扶贫车间就业", "外出务工（劳务输出）", "生态护林员公益岗位"]), 0m, Round(_random.Next(1_500, 4_000)), (Guid?)null)
                : (MeasureType.AssetIncome, "村级光伏电站收益分红", Round(_random.Next(1_000, 2_000)), Round(_random.Next(1_000, 2_000)), (Guid?)null);
            var list = new List<(MeasureType Type, string Content, decimal Amount, decimal Income, Guid? Member)> { earner };
            if (ill.Count > 0) list.Add((MeasureType.Health, Pick(["慢性病签约服务", "大病救治及医疗救助"]), Round(_random.Next(800, 5_000)), 0m, ill[0].Id));
            else if (students.Count > 0) list.Add((MeasureType.Education, "建档立卡学生资助（助学金）", Pick([1_500m, 2_000m, 3_000m]), 0m, students[0].Id));
            foreach (var m in list)
            {
                var done = status == MeasureStatus.Done ? Between(planned.AddDays(30), closed!.Value) : (DateOnly?)null;
                measures.Add(new Measure
                {
                    Id = Guid.CreateVersion7(), HouseholdId = h.Id, CountyId = countyId, TownshipId = h.TownshipId, VillageId = h.VillageId, MemberId = m.Member,
                    Year = year, Type = m.Type, Content = m.Content, Amount = Money.FromYuan(m.Amount), ExpectedIncome = Money.FromYuan(m.Income),
                    PlannedOn = planned, DoneOn = done, Status = status,
                    EffectIncome = done is null || m.Income == 0 ? null : Money.FromYuan(Round(m.Income * (decimal)(0.95 + (_random.NextDouble() * 0.2)))),
                    EffectNote = done is null ? null : Effect(m.Type),
                    RecordedBy = Operator, Version = 1, CreatedAt = now, UpdatedAt = now,
                });
            }
        }

        private static string Effect(MeasureType type) => type switch
        {
            MeasureType.Health => "医疗费用报销比例达90%",
            MeasureType.Education => "已足额发放资助",
            MeasureType.Employment => "已稳定就业",
            _ => "分红已到户",
        };

        private DateOnly Between(DateOnly from, DateOnly to) => from.AddDays(_random.Next(0, to.DayNumber - from.DayNumber + 1));

        private static decimal Round(decimal yuan) => Math.Round(yuan / 10m) * 10m;

        private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
    }
}
