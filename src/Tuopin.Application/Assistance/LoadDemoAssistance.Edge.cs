using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Registry;
using Tuopin.Application.Storage;
using Tuopin.Domain.Assistance;
using Tuopin.Domain.Common;
using Tuopin.Domain.Exit;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Assistance;

public static partial class LoadDemoAssistance
{
    /// <summary>The demo's edge households (边缘户, not in the registry) and their watch in the working year.</summary>
    public sealed record EdgeCounts(int Households, int SuddenHardship, int Members, int NotYetReviewed, int Overdue, int RiskRemoved, int Measures);

    /// <summary>
    /// Twelve households recorded only to be watched (<see cref="EdgeStories"/>): nine edge households (边缘易致贫户) whose
    /// income per head of the year before is above that year's line but below 1.5 times it, and three in sudden hardship
    /// (突发严重困难户: a house fire, a serious illness, a road accident), in poor villages of eight townships, 40 members.
    /// Each is enrolled in the working year: 2 not yet reviewed, 2 overdue on the working day, 1 closed as risk removed;
    /// 11 of them have 17 measures of the year. None of the registry's counts sees them.
    /// </summary>
    public static readonly EdgeCounts Edged = new(Households: 12, SuddenHardship: 3, Members: 40, NotYetReviewed: 2, Overdue: 2, RiskRemoved: 1, Measures: 17);

    private enum EdgeState { Reviewed, Overdue, Recent, Closed }

    /// <summary>A member of a story: the relation to the head, the sex, the age on the working day (a range), the health.</summary>
    private sealed record EdgePerson(Relation Relation, Sex Sex, int From, int To, Health Health = Health.Healthy);

    /// <summary>
    /// A measure of a story: its amount and expected income in yuan (a range; per person for the social floor). An
    /// <see cref="Early"/> one (a grant, a benefit) is done by the first reviews; the others are in progress while the case is open.
    /// </summary>
    private sealed record EdgeHelp(MeasureType Type, string Content, (int From, int To) Amount, (int From, int To) Income = default, bool PerPerson = false, bool Early = false);

    /// <summary>What a story's reason is told with: the year before's income per head and line, the day of the event, a loss (万元).</summary>
    private sealed record Told(int Year, decimal Income, decimal Line, DateOnly Event, int Loss)
    {
        public string IncomeText => $"{Year - 1}年人均纯收入 {HouseholdStandard.Yuan(Income)} 元";

        public string LineText => $"{Year - 1}年扶贫标准 {HouseholdStandard.Yuan(Line)} 元";
    }

    /// <summary>
    /// One edge household's story: its kind, the risk watched and what its case comes to, its income per head as a share
    /// of the year before's line, when it was enrolled (month and day, the event a few days before), its people, its
    /// measures, and the texts of its case.
    /// </summary>
    private sealed record EdgeStory(
        EdgeKind Kind, MonitoringRisk Risk, EdgeState State, (decimal From, decimal To) Income, (int Month, int Day) EnrolFrom, (int Month, int Day) EnrolTo,
        bool Phone, (int From, int To) Loss, EdgePerson[] People, EdgeHelp[] Help, Func<Told, string> Reason, string Note, string? CloseReason = null);

    private const string Chronic = "慢性病签约服务及门诊慢特病报销";
    private const string StudentAid = "困难家庭学生资助（助学金）";

    /// <summary>
    /// The stories of the edge households, in a fixed order (the seed places them, names their people and draws their
    /// numbers and dates). The overdue ones are enrolled from February to May (they miss the review due after the
    /// summer), the ones not yet reviewed in October and November, the closed one in the first quarter.
    /// </summary>
    private static readonly EdgeStory[] EdgeStories =
    [
        new(EdgeKind.Edge, MonitoringRisk.IncomeNearLine, EdgeState.Reviewed, (1.08m, 1.30m), (1, 15), (4, 30), Phone: false, Loss: default,
            [new(Relation.Head, Sex.Male, 66, 73, Health.ChronicIllness), new(Relation.Spouse, Sex.Female, 63, 70)],
            [new(MeasureType.Health, Chronic, (600, 1_200))],
            t => $"{t.IncomeText}，仅略高于{t.LineText}；夫妻均年过六旬，户主患高血压、糖尿病需长期服药，收入主要靠种植和养老金",
            "户主病情稳定，慢性病报销已落实；收入仍接近扶贫标准，继续监测"),
        new(EdgeKind.Edge, MonitoringRisk.IncomeNearLine, EdgeState.Reviewed, (1.10m, 1.35m), (2, 10), (6, 30), Phone: true, Loss: default,
            [new(Relation.Head, Sex.Female, 37, 43), new(Relation.Son, Sex.Male, 14, 16), new(Relation.Daughter, Sex.Female, 9, 12)],
            [new(MeasureType.Education, StudentAid, (1_000, 2_000), Early: true), new(MeasureType.Employment, "县内扶贫车间就业", (0, 0), (4_000, 6_000))],
            t => $"丈夫病故后户主独自抚养两个子女，家中仅一人务工，{t.IncomeText}（{t.LineText}），收入不稳定，子女教育支出较大",
            "户主在扶贫车间务工，收入按月发放；子女资助已到户，继续监测"),
        new(EdgeKind.Edge, MonitoringRisk.IllnessOrDisability, EdgeState.Overdue, (1.15m, 1.40m), (2, 1), (5, 15), Phone: true, Loss: default,
            [new(Relation.Head, Sex.Male, 50, 56), new(Relation.Spouse, Sex.Female, 47, 54), new(Relation.Son, Sex.Male, 20, 27, Health.Disabled), new(Relation.Mother, Sex.Female, 75, 82, Health.ChronicIllness)],
            [new(MeasureType.Health, "残疾人康复救助及医疗救助", (2_000, 4_000)), new(MeasureType.Employment, "生态护林员公益岗位", (0, 0), (5_000, 7_000))],
            t => $"儿子重度残疾需长期照料，母亲年老多病，医疗和照料支出大；{t.IncomeText}，接近{t.LineText}",
            "残疾人康复救助已申请，户主在公益岗位务工，家庭支出仍较大，继续监测"),
        new(EdgeKind.Edge, MonitoringRisk.IncomeNearLine, EdgeState.Closed, (1.05m, 1.20m), (1, 10), (3, 31), Phone: true, Loss: default,
            [new(Relation.Head, Sex.Male, 30, 37), new(Relation.Spouse, Sex.Female, 28, 35), new(Relation.Son, Sex.Male, 4, 8), new(Relation.Father, Sex.Male, 58, 65)],
            [new(MeasureType.Employment, "就业服务站推荐外出务工（劳务输出）", (0, 0), (8_000, 12_000))],
            t => $"户主原在外地建筑工地务工，{t.Year - 1}年下半年工地停工后失业返乡，家庭收入骤减；{t.IncomeText}，接近{t.LineText}",
            "户主经就业服务站推荐外出务工，收入逐步恢复，继续监测",
            "户主在省内稳定务工，家庭人均纯收入明显增加，远高于扶贫标准，风险消除"),
        new(EdgeKind.Edge, MonitoringRisk.IncomeNearLine, EdgeState.Reviewed, (1.20m, 1.40m), (1, 10), (7, 31), Phone: false, Loss: default,
            [new(Relation.Head, Sex.Male, 45, 51), new(Relation.Spouse, Sex.Female, 43, 49), new(Relation.Daughter, Sex.Female, 18, 20), new(Relation.Son, Sex.Male, 15, 17)],
            [new(MeasureType.Education, "生源地信用助学贷款及国家助学金", (3_000, 6_000), Early: true)],
            t => $"女儿上大学、儿子上高中，教育支出大；{t.IncomeText}，低于扶贫标准的1.5倍（{HouseholdStandard.Yuan(t.Line * EdgeHouseholds.EdgeIncomeFactor)} 元）",
            "助学贷款和助学金已发放，子女学业正常，继续监测"),
        new(EdgeKind.Edge, MonitoringRisk.IllnessOrDisability, EdgeState.Recent, (1.10m, 1.35m), (10, 5), (11, 25), Phone: true, Loss: default,
            [new(Relation.Head, Sex.Male, 32, 39), new(Relation.Spouse, Sex.Female, 30, 37, Health.ChronicIllness), new(Relation.Daughter, Sex.Female, 6, 10)],
            [new(MeasureType.Health, Chronic, (800, 1_500)), new(MeasureType.Industry, "发展茶叶种植2亩", (2_000, 3_000), (1_500, 2_500))],
            t => $"妻子患类风湿性关节炎常年服药，不能务农，{t.Year}年秋季入户走访发现家庭收入下降；{t.IncomeText}（{t.LineText}）",
            string.Empty),
        new(EdgeKind.Edge, MonitoringRisk.IncomeNearLine, EdgeState.Reviewed, (1.05m, 1.25m), (1, 10), (6, 30), Phone: false, Loss: default,
            [new(Relation.Head, Sex.Male, 63, 70)],
            [new(MeasureType.EcoCompensation, "村保洁员公益岗位", (0, 0), (2_400, 3_600))],
            t => $"独居老人，无配偶子女，仅靠少量种植和养老金生活；{t.IncomeText}，接近{t.LineText}",
            "公益岗位工资按月发放，身体状况尚可，继续监测"),
        new(EdgeKind.Edge, MonitoringRisk.Disaster, EdgeState.Reviewed, (1.15m, 1.40m), (7, 5), (8, 31), Phone: true, Loss: default,
            [new(Relation.Head, Sex.Male, 40, 47), new(Relation.Spouse, Sex.Female, 38, 45), new(Relation.Son, Sex.Male, 12, 15), new(Relation.Daughter, Sex.Female, 8, 11), new(Relation.Mother, Sex.Female, 66, 73)],
            [new(MeasureType.Industry, "茶园灾后补种及农业保险理赔", (2_000, 4_000), (2_000, 4_000))],
            t => $"{t.Event.Month}月{t.Event.Day}日遭受冰雹灾害，家中4亩茶园受损严重，当年茶叶收入预计减少一半以上；{t.IncomeText}（{t.LineText}）",
            "茶园补种已完成，保险理赔已到户，收入尚未恢复，继续监测"),
        new(EdgeKind.Edge, MonitoringRisk.IncomeNearLine, EdgeState.Overdue, (1.05m, 1.30m), (2, 1), (5, 31), Phone: false, Loss: default,
            [new(Relation.Head, Sex.Male, 60, 66), new(Relation.Spouse, Sex.Female, 58, 64), new(Relation.Grandson, Sex.Male, 8, 12)],
            [],
            t => $"儿子儿媳离异后外出，孙子由老两口抚养，家中无稳定收入；{t.IncomeText}，接近{t.LineText}",
            "帮扶措施尚待落实，继续监测"),
        new(EdgeKind.SuddenHardship, MonitoringRisk.Disaster, EdgeState.Reviewed, (1.60m, 2.10m), (3, 5), (4, 30), Phone: true, Loss: (6, 12),
            [new(Relation.Head, Sex.Male, 42, 49), new(Relation.Spouse, Sex.Female, 40, 47), new(Relation.Son, Sex.Male, 16, 18), new(Relation.Father, Sex.Male, 70, 77)],
            [new(MeasureType.HousingRenovation, "火灾后住房重建补助", (20_000, 30_000), Early: true), new(MeasureType.Education, StudentAid, (1_500, 2_500), Early: true)],
            t => $"{t.Event.Month}月{t.Event.Day}日夜间房屋失火，三间木结构住房及家具、粮食全部烧毁，直接经济损失约{t.Loss}万元，一家四口暂住亲戚家",
            "住房已重建入住，子女资助已发放，家庭生产生活逐步恢复，继续监测"),
        new(EdgeKind.SuddenHardship, MonitoringRisk.IllnessOrDisability, EdgeState.Reviewed, (1.30m, 1.80m), (4, 1), (6, 30), Phone: true, Loss: (8, 15),
            [new(Relation.Head, Sex.Male, 46, 52, Health.SeriousIllness), new(Relation.Spouse, Sex.Female, 44, 50, Health.Disabled), new(Relation.Mother, Sex.Female, 76, 83, Health.ChronicIllness)],
            [new(MeasureType.Health, "大病救治及医疗救助", (10_000, 30_000), Early: true), new(MeasureType.SocialFloor, "纳入农村低保", (2_400, 2_400), (2_400, 2_400), PerPerson: true, Early: true)],
            t => $"户主{t.Event.Month}月确诊尿毒症，需长期透析，已花费医疗费用约{t.Loss}万元；妻子残疾，母亲年迈，家中无劳动力",
            "大病救助和低保已落实，户主定期透析，继续监测"),
        new(EdgeKind.SuddenHardship, MonitoringRisk.LabourLoss, EdgeState.Recent, (1.50m, 1.90m), (10, 8), (11, 28), Phone: true, Loss: (4, 9),
            [new(Relation.Head, Sex.Male, 35, 41, Health.Disabled), new(Relation.Spouse, Sex.Female, 33, 39), new(Relation.Daughter, Sex.Female, 10, 14), new(Relation.Son, Sex.Male, 5, 9)],
            [new(MeasureType.Health, "意外伤害医疗救助", (5_000, 15_000)), new(MeasureType.Employment, "生态护林员公益岗位", (0, 0), (5_000, 7_000))],
            t => $"户主{t.Event.Month}月{t.Event.Day}日在务工途中遭遇交通事故，右腿致残，丧失主要劳动能力，医疗费用约{t.Loss}万元，家庭收入来源中断",
            string.Empty),
    ];

    /// <summary>A poor village the edge households may live in.</summary>
    private sealed record EdgeVillage(Guid Id, Guid TownshipId, string Code);

    internal sealed record EdgeData(List<EdgeHousehold> Households, List<EdgeMember> Members, List<MonitoringCase> Cases, List<Measure> Measures);

    /// <summary>
    /// The edge households, their cases and measures, checked by the edge households' own rule (the loader throws if its
    /// data breaks it) and drawn again, avoiding the numbers, while a member's resident ID is a registry member's.
    /// </summary>
    private static async Task<EdgeData> EdgeHouseholdsAsync(TuopinDb db, int seed, int year, DateOnly day, Guid countyId, IReadOnlyList<EdgeVillage> villages,
        IPersonalDataProtector protector, DateTime now, CancellationToken ct)
    {
        var line = await db.PovertyLines.AsNoTracking().Where(l => l.Year == year - 1).Select(l => (Money?)l.Amount).FirstOrDefaultAsync(ct);
        // The incomes are told against the year before's line: without it, no edge household.
        if (line is null || villages.Count == 0) return new([], [], [], []);
        var avoid = new HashSet<string>(StringComparer.Ordinal);
        for (var round = 0; ; round++)
        {
            var generator = new EdgeGenerator(seed, year, day, countyId, line.Value.Yuan, protector, now, avoid);
            var data = generator.Generate(villages);
            var indexes = data.Members.Select(m => m.ResidentIdIndex).ToList();
            var registered = (await RegistryChecks.RegisteredIdsAsync(db, indexes, null, "demo edge households", ct)).Select(r => r.Index).ToList();
            if (registered.Count == 0) return data;
            if (round == 10) throw new InvalidOperationException("The demo's edge members keep drawing registered resident IDs");
            avoid.UnionWith(registered.Select(generator.IdOf));
        }
    }

    /// <summary>The edge households of <see cref="EdgeStories"/>, seeded: their places, people, numbers, dates and amounts.</summary>
    private sealed class EdgeGenerator(int seed, int year, DateOnly day, Guid countyId, decimal lineBefore, IPersonalDataProtector protector, DateTime now, HashSet<string> avoid)
    {
        private const string Operator = "演示数据";
        private const int Townships = 8;
        private static readonly IReadOnlyList<string> MaleChars = new ArraySegment<string>(GivenChars, 0, 20);
        private static readonly IReadOnlyList<string> FemaleChars = new ArraySegment<string>(GivenChars, 20, GivenChars.Length - 20);
        private readonly Random _random = new(Demo.DemoSeed.Of(seed, "edge"));
        private readonly Dictionary<string, string> _ids = new(StringComparer.Ordinal);
        private readonly HashSet<string> _drawn = new(StringComparer.Ordinal);
        private readonly EdgeData _data = new([], [], [], []);

        /// <summary>The resident ID a member's blind index stands for.</summary>
        public string IdOf(string index) => _ids[index];

        public EdgeData Generate(IReadOnlyList<EdgeVillage> villages)
        {
            // A poor village in each of up to eight townships; the stories shuffled over them, four villages with two.
            var places = villages.GroupBy(v => v.TownshipId).OrderBy(_ => _random.Next()).Take(Townships)
                .Select(g => { var list = g.ToList(); return list[_random.Next(list.Count)]; }).ToList();
            var order = Enumerable.Range(0, EdgeStories.Length).OrderBy(_ => _random.Next()).ToList();
            var sequence = new Dictionary<Guid, int>();
            for (var i = 0; i < order.Count; i++)
            {
                var village = places[i % places.Count];
                sequence[village.Id] = sequence.GetValueOrDefault(village.Id) + 1;
                Add(EdgeStories[order[i]], village, sequence[village.Id]);
            }
            return _data;
        }

        private void Add(EdgeStory story, EdgeVillage village, int number)
        {
            // The people: the head's surname for the head's own kin, another for a spouse or a mother; a widow's children bear their father's.
            var surname = Pick(Surnames);
            string Other() { string s; do s = Pick(Surnames); while (s == surname); return s; }
            var childrens = story.People[0].Sex == Sex.Male ? surname : Other();
            var inputs = new List<EdgeHouseholds.MemberInput>();
            foreach (var p in story.People)
            {
                var family = p.Relation switch
                {
                    Relation.Head or Relation.Father => surname,
                    Relation.Son or Relation.Daughter or Relation.Grandson or Relation.Granddaughter => childrens,
                    _ => Other(),
                };
                var name = family + Given(p.Sex);
                var age = _random.Next(p.From, p.To + 1);
                var birth = new DateOnly(year - age, 1, 1).AddDays(_random.Next(0, 365));
                inputs.Add(new(name, p.Relation, NewResidentId(birth, p.Sex), p.Health));
            }
            var income = Math.Round(lineBefore * (story.Income.From + ((story.Income.To - story.Income.From) * (decimal)_random.NextDouble())), 2);
            var problems = EdgeHouseholds.Check(story.Kind, Money.FromYuan(income), lineBefore, inputs, day, out var ids);
            if (problems.Count > 0)
                throw new InvalidOperationException($"The demo's edge household {EdgeHouseholds.NumberOf(village.Code, number)} breaks the rule: {string.Join("; ", problems.Select(p => p.Message.En))}");

            var household = new EdgeHousehold
            {
                Id = Guid.CreateVersion7(), CountyId = countyId, TownshipId = village.TownshipId, VillageId = village.Id,
                Number = EdgeHouseholds.NumberOf(village.Code, number), Kind = story.Kind,
                Address = $"{_random.Next(1, 9)}组",
                PhoneCipher = story.Phone ? protector.Protect(Pick(PhonePrefixes) + _random.Next(0, 100_000_000).ToString("D8", CultureInfo.InvariantCulture)) : null,
                IncomePerHead = Money.FromYuan(income), RecordedBy = Operator, Version = 1, CreatedAt = now, UpdatedAt = now,
            };
            for (var i = 0; i < inputs.Count; i++)
            {
                var id = ids[i]!.Value;
                var index = protector.Index(id.Value);
                _ids[index] = id.Value;
                _data.Members.Add(new EdgeMember
                {
                    Id = Guid.CreateVersion7(), EdgeHouseholdId = household.Id, CountyId = countyId, TownshipId = village.TownshipId, VillageId = village.Id,
                    Name = inputs[i].Name!, Relation = inputs[i].Relation, Sex = id.Sex, BirthDate = id.BirthDate, Health = inputs[i].Health,
                    ResidentIdCipher = protector.Protect(id.Value), ResidentIdIndex = index,
                });
            }
            _data.Households.Add(household);

            // The case: enrolled in the window of its story (the event a few days before), reviewed every quarter.
            var enrolled = Between(new DateOnly(year, story.EnrolFrom.Month, story.EnrolFrom.Day), new DateOnly(year, story.EnrolTo.Month, story.EnrolTo.Day));
            var told = new Told(year, income, lineBefore, enrolled.AddDays(-_random.Next(2, 13)), story.Loss.To == 0 ? 0 : _random.Next(story.Loss.From, story.Loss.To + 1));
            DateOnly? closed = story.State == EdgeState.Closed ? Between(new DateOnly(year, 10, 10), new DateOnly(year, 12, 15)) : null;
            var (due, last, reviews) = ReviewsOf(_random, enrolled, closed ?? day, story.State == EdgeState.Overdue ? new DateOnly(year, 9, 1) : null);
            var c = new MonitoringCase
            {
                Id = Guid.CreateVersion7(), EdgeHouseholdId = household.Id, CountyId = countyId, TownshipId = village.TownshipId, VillageId = village.Id,
                Risk = story.Risk, Reason = story.Reason(told), EnrolledOn = enrolled, ReviewDue = due,
                LastReviewedOn = last, LastReviewNote = last is null ? null : story.Note, Reviews = reviews,
                ClosedOn = closed, Outcome = closed is null ? null : MonitoringOutcome.RiskRemoved, CloseReason = closed is null ? null : story.CloseReason,
                RecordedBy = Operator, Version = 1 + reviews + (closed is null ? 0 : 1), CreatedAt = now, UpdatedAt = now,
            };
            problems = Monitoring.CheckEnrolment(c.Risk, c.Reason, c.EnrolledOn, c.ReviewDue, day);
            if (problems.Count > 0 || (c.Outcome is { } outcome && !Monitoring.Fits(outcome, edge: true)))
                throw new InvalidOperationException($"The demo's case of {household.Number} breaks the watch's rules: {string.Join("; ", problems.Select(p => p.Message.En))}");
            _data.Cases.Add(c);

            // Its measures, for the household as a whole: done when closed, planned when just enrolled, else in progress (a grant done early).
            var size = inputs.Count;
            foreach (var help in story.Help)
            {
                var planned = enrolled.AddDays(_random.Next(3, 22));
                var status = story.State switch
                {
                    EdgeState.Closed => MeasureStatus.Done,
                    EdgeState.Recent => MeasureStatus.Planned,
                    _ => help.Early ? MeasureStatus.Done : MeasureStatus.InProgress,
                };
                DateOnly? done = status != MeasureStatus.Done ? null
                    : closed is { } end ? Between(planned.AddDays(30), end)
                    : Between(planned.AddDays(20), Min(planned.AddDays(150), day));
                var amount = Yuan(help.Amount) * (help.PerPerson ? size : 1);
                var expected = Yuan(help.Income) * (help.PerPerson ? size : 1);
                _data.Measures.Add(new Measure
                {
                    Id = Guid.CreateVersion7(), HouseholdId = null, EdgeHouseholdId = household.Id, CountyId = countyId, TownshipId = village.TownshipId, VillageId = village.Id,
                    Year = year, Type = help.Type, Content = help.Content, Amount = Money.FromYuan(amount), ExpectedIncome = Money.FromYuan(expected),
                    PlannedOn = planned, DoneOn = done, Status = status,
                    EffectIncome = done is null || expected == 0 ? null : Money.FromYuan(Round(expected * (decimal)(0.95 + (_random.NextDouble() * 0.2)))),
                    EffectNote = done is null ? null : Effect(help.Type),
                    RecordedBy = Operator, Version = 1, CreatedAt = now, UpdatedAt = now,
                });
            }
        }

        /// <summary>A resident ID of the county's area code for the birth date and sex, not drawn before and not one to avoid (a registry member's).</summary>
        private string NewResidentId(DateOnly birth, Sex sex)
        {
            while (true)
            {
                var id = ResidentId.Create("422827", birth, (_random.Next(0, 500) * 2) + (sex == Sex.Male ? 1 : 0)).Value;
                if (!avoid.Contains(id) && _drawn.Add(id)) return id;
            }
        }

        private static string Effect(MeasureType type) => type switch
        {
            MeasureType.Health => "医疗费用报销比例达90%",
            MeasureType.Education => "已足额发放资助",
            MeasureType.Employment => "已稳定就业",
            MeasureType.HousingRenovation => "住房已重建入住",
            MeasureType.SocialFloor => "已纳入兜底保障",
            MeasureType.Industry => "补种已完成，产业恢复",
            _ => "已见效",
        };

        private string Given(Sex sex) => _random.NextDouble() < 0.3 ? Pick(sex == Sex.Male ? MaleChars : FemaleChars)
            : Pick(sex == Sex.Male ? MaleChars : FemaleChars) + Pick(sex == Sex.Male ? MaleChars : FemaleChars);

        private decimal Yuan((int From, int To) range) => range.From == range.To ? range.From : Round(_random.Next(range.From, range.To + 1));

        private DateOnly Between(DateOnly from, DateOnly to) => from.AddDays(_random.Next(0, to.DayNumber - from.DayNumber + 1));

        private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

        private static decimal Round(decimal yuan) => Math.Round(yuan / 10m) * 10m;

        private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
    }
}
