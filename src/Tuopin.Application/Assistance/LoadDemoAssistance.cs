using System.Globalization;
using System.Linq.Expressions;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Audit;
using Tuopin.Application.Common;
using Tuopin.Application.Demo;
using Tuopin.Application.Storage;
using Tuopin.Domain.Assistance;
using Tuopin.Domain.Common;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Assistance;

/// <summary>
/// The demo data set's assistance work for the working year (2017), clearly illustrative: a roster of invented
/// cadres of the county's units and townships (about one per four poor households), a pairing for almost every
/// household poor in the year, a work team in almost every poor village, and for each household measures that
/// match its causes, with expected incomes that lift most plans over a 2017 line of 3,335 yuan (the national line
/// of that year; the demo itself sets no 2017 line, the administrator does). Gaps are left on purpose, in fixed
/// numbers (<see cref="Gaps"/>), so that the coverage page has something to name.
/// <para>
/// The return-to-poverty watch (<see cref="Watched"/>): 40 households of the county's risk list of 2016 (exited, income
/// within the warning margin of the 2016 line) enrolled during 2017, 35 of them reviewed, 6 overdue on the working day,
/// 8 closed as risk removed (their 2017 income clears the warning level of 3,335 yuan), none returned to poverty (no
/// demo household's 2017 income is under that line); each with a measure or two. Edge households (<see cref="Edged"/>):
/// 12 households that are not in the registry, recorded with their 40 members only to be watched (9 边缘易致贫户 with an
/// income per head of the year before under 1.5 times that year's line, 3 突发严重困难户: a house fire, a serious illness,
/// a road accident), in poor villages of eight townships, each enrolled in the working year (2 overdue, 1 closed as risk
/// removed), 17 measures among 11 of them; each is checked by <see cref="EdgeHouseholds.Check"/> as it is made, and no
/// member's resident ID is a registry member's. Training (<see cref="Courses"/>):
/// courses of 2015–2017 of every kind, organised by the plan's responsible units, 雨露计划 attended by young members of
/// registered households, the “三五” courses by name and village, so that some of the plan's targets are met and some
/// fall short; and technical courses in 2017 for the households whose industry support has begun.
/// </para>
/// Seeded and deterministic: the same seed and households give the same story, in any process. A separate step after
/// <see cref="LoadDemo"/>, like the village conditions.
/// </summary>
public static partial class LoadDemoAssistance
{
    /// <summary>The line the demo's plans are made against (the national line of 2017, at that year's prices).</summary>
    public const decimal PlannedLine = 3_335m;

    /// <summary>The gaps left on purpose, in households (or villages, or cadres).</summary>
    public sealed record Gaps(int WithoutCadre, int EndedWithoutSuccessor, int PlansInsufficient, int DoneWithoutEffect, int VillagesWithoutTeam, int OverloadedCadres);

    public static readonly Gaps Left = new(WithoutCadre: 6, EndedWithoutSuccessor: 5, PlansInsufficient: 60, DoneWithoutEffect: 8, VillagesWithoutTeam: 2, OverloadedCadres: 2);

    public sealed record Result(int Year, int Households, int Cadres, int Pairings, int WorkTeams, int Measures, int MonitoringCases, int TrainingCourses, int TrainingAttendances,
        int EdgeHouseholds = 0);

    private static readonly string[] CountyUnits =
    [
        "县教育局", "县农业局", "县卫生和计划生育局", "县民政局", "县人力资源和社会保障局", "县住房和城乡建设局", "县财政局", "县林业局",
        "县发展和改革局", "县交通运输局", "县水利局", "县扶贫开发办公室", "县委组织部", "县人民医院", "县国土资源局", "县审计局",
        "县统计局", "国网来凤县供电公司", "来凤农村商业银行", "县畜牧兽医局", "县文体广电新闻出版局", "县公安局",
    ];

    private static readonly string[] CountyPositions = ["科员", "科员", "科员", "副科长", "科长", "副局长", "干部", "干部", "办公室主任", "副主任"];
    private static readonly string[] TownshipPositions = ["科员", "干部", "干部", "副乡（镇）长", "站长", "驻村干部", "副书记"];

    private static readonly string[] Surnames = ["田", "田", "向", "向", "彭", "杨", "张", "李", "王", "刘", "黄", "陈", "覃", "冉", "龙", "吴", "姚", "滕", "邓", "胡", "周", "谭", "舒", "朱"];
    private static readonly string[] GivenChars = ["国", "建", "明", "文", "华", "军", "平", "志", "勇", "光", "海", "强", "林", "成", "永", "祥", "德", "昌", "涛", "超", "秀", "英", "兰", "芳", "玉", "梅", "红", "霞", "丽", "燕", "敏", "静", "慧", "艳", "春"];
    private static readonly string[] PhonePrefixes = ["130", "133", "135", "137", "138", "139", "150", "152", "158", "159", "180", "183", "187", "189"];

    public static async Task<Result> RunAsync(TuopinDbFactory factory, int seed = LoadDemo.DefaultSeed, CancellationToken ct = default)
    {
        await using var db = factory.CreateForOperator("演示数据");
        if (await db.Cadres.AnyAsync(ct) || await db.Measures.AnyAsync(ct) || await db.WorkTeams.AnyAsync(ct)
            || await db.MonitoringCases.AnyAsync(ct) || await db.TrainingCourses.AnyAsync(ct) || await db.EdgeHouseholds.AnyAsync(ct))
            throw new ConflictException(new LocalText("该数据库已有帮扶数据，不再载入演示数据", "This database already holds assistance records; the demo's are not loaded"));
        var year = await WorkYear.StoredAsync(db, ct) ?? DemoPlan.WorkYear;
        var day = new DateOnly(year, 12, 31);
        var countyId = await db.Counties.Select(c => c.Id).SingleAsync(ct);
        var townships = await db.Townships.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var villages = await db.Villages.AsNoTracking().Where(v => v.IsPoor).OrderBy(v => v.Code)
            .Select(v => new Village(v.Id, v.TownshipId, v.PlannedExitYear)).ToListAsync(ct);
        var poor = AssistanceFacts.PoorIn(db, year);
        var numbers = await poor.Select(h => new { h.Id, h.Number }).ToDictionaryAsync(h => h.Id, h => h.Number, ct);
        // The households in the order of their numbers: the generator's, so the same seed tells the same story.
        var households = (await AssistanceFacts.BuildAsync(db, poor, year, day, ct)).OrderBy(f => numbers[f.HouseholdId], StringComparer.Ordinal).ToList();
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var data = new Generator(seed, year, countyId, townships, factory.Protector, now).Generate(households, villages);

        // The watch and the courses. The risk list of the year before; the present members of its households and of the
        // households with industry support (the technical courses), and the young of every registered household (雨露计划).
        var (riskList, standards, lineBefore) = await RiskListAsync(db, year, ct);
        var owners = riskList.Select(h => h.Id).Concat(data.Measures.Where(m => m.Type == MeasureType.Industry).Select(m => m.HouseholdId!.Value)).Distinct().ToList();
        var members = (await PeopleAsync(db, m => owners.Contains(m.HouseholdId), ct)).ToLookup(p => p.HouseholdId);
        var (youngest, eldest) = (new DateOnly(year - TrainingGenerator.YoungFrom, 9, 1), new DateOnly(year - 2 - TrainingGenerator.YoungTo - 1, 9, 1));
        var young = await PeopleAsync(db, m => m.BirthDate <= youngest && m.BirthDate > eldest, ct);
        var (cases, watchedMeasures) = lineBefore is { } l
            ? new WatchGenerator(seed, year, day, countyId, standards, l, now).Generate(riskList.Select(h => h with { Members = members[h.Id].ToList() }).ToList())
            : ([], []);
        var places = await db.Villages.AsNoTracking().Select(v => new { v.Id, v.TownshipId, v.Code, v.IsPoor }).ToListAsync(ct);
        var (courses, attendances) = new TrainingGenerator(seed, year, countyId, now)
            .Generate(young, members, places.OrderBy(v => v.Code, StringComparer.Ordinal).Select(v => new Place(v.Id, v.TownshipId, townships[v.TownshipId])).ToList(), data.Measures, townships);
        // The edge households, in poor villages, with their cases and measures.
        var edge = await EdgeHouseholdsAsync(db, seed, year, day, countyId,
            places.Where(v => v.IsPoor).OrderBy(v => v.Code, StringComparer.Ordinal).Select(v => new EdgeVillage(v.Id, v.TownshipId, v.Code)).ToList(), factory.Protector, now, ct);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await BulkWriter.InsertAsync(db, data.Cadres, ct);
        await BulkWriter.InsertAsync(db, data.Pairings, ct);
        await BulkWriter.InsertAsync(db, data.Teams, ct);
        await BulkWriter.InsertAsync(db, edge.Households, ct);
        await BulkWriter.InsertAsync(db, edge.Members, ct);
        await BulkWriter.InsertAsync(db, data.Measures, ct);
        await BulkWriter.InsertAsync(db, watchedMeasures, ct);
        await BulkWriter.InsertAsync(db, edge.Measures, ct);
        await BulkWriter.InsertAsync(db, cases, ct);
        await BulkWriter.InsertAsync(db, edge.Cases, ct);
        await BulkWriter.InsertAsync(db, courses, ct);
        await BulkWriter.InsertAsync(db, attendances, ct);
        var batch = Guid.CreateVersion7();
        db.AuditEntries.Add(new AuditEntry
        {
            Id = batch,
            At = now,
            UserName = "演示数据",
            Action = AuditAction.Bulk,
            EntityType = nameof(Measure),
            EntityId = batch,
            Changes = JsonSerializer.Serialize(new
            {
                source = "Laifeng demo assistance (illustrative)", seed, year, cadres = data.Cadres.Count, pairings = data.Pairings.Count,
                workTeams = data.Teams.Count, measures = data.Measures.Count + watchedMeasures.Count + edge.Measures.Count, gapsLeftOnPurpose = Left,
                monitoringCases = cases.Count + edge.Cases.Count, watched = Watched, edgeHouseholds = edge.Households.Count, edge = Edged,
                trainingCourses = courses.Count, trainingAttendances = attendances.Count,
            }),
            Reason = "载入来凤县演示帮扶数据（示意，帮扶责任人均为虚构）",
            CorrelationId = batch,
            CountyId = countyId,
        });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new Result(year, households.Count, data.Cadres.Count, data.Pairings.Count, data.Teams.Count, data.Measures.Count + watchedMeasures.Count + edge.Measures.Count,
            cases.Count + edge.Cases.Count, courses.Count, attendances.Count, edge.Households.Count);
    }

    private sealed record Village(Guid Id, Guid TownshipId, int? PlannedExitYear);

    /// <summary>A present member of a registered household, in the order of household numbers (the generator's).</summary>
    private sealed record Person(Guid Id, Guid HouseholdId, string Number, Guid TownshipId, Guid VillageId, string Name, DateOnly BirthDate,
        Relation Relation, Schooling Schooling, LabourSkill Labour, Health Health)
    {
        public bool CanWork => AssistanceRules.CanWork(Labour);

        public bool IsIll => Health is Health.SeriousIllness or Health.ChronicIllness;

        /// <summary>In school at registration and of vocational or college age in the year: a student (雨露计划, 助学金).</summary>
        public bool IsStudentIn(int year, int from = 15, int to = 21) => Schooling != Schooling.NotInSchool && IsAged(year, from, to);

        /// <summary>Of an age from <paramref name="from"/> to <paramref name="to"/> on 1 September of the year (the school year's start).</summary>
        public bool IsAged(int year, int from, int to) => Ages.On(BirthDate, new DateOnly(year, 9, 1)) is var age && age >= from && age <= to;
    }

    /// <summary>The present members of registered households that <paramref name="which"/> admits, in the order of household numbers.</summary>
    private static async Task<List<Person>> PeopleAsync(TuopinDb db, Expression<Func<Member, bool>> which, CancellationToken ct) =>
        (await (from m in db.Members.AsNoTracking().Where(which)
                join h in db.Households.AsNoTracking().Where(h => h.ClosedOn == null).Where(HouseholdStanding.Registered()) on m.HouseholdId equals h.Id
                where m.Status == MemberStatus.Present
                select new Person(m.Id, m.HouseholdId, h.Number, h.TownshipId, h.VillageId, m.Name, m.BirthDate, m.Relation, m.Schooling, m.Labour, m.Health))
            .ToListAsync(ct))
        // Sorted here, not by the database: the providers' collations order names differently.
        .OrderBy(p => p.Number, StringComparer.Ordinal).ThenBy(p => p.Relation).ThenBy(p => p.BirthDate).ThenBy(p => p.Name, StringComparer.Ordinal).ToList();

    internal sealed record Data(List<Cadre> Cadres, List<CadreAssignment> Pairings, List<WorkTeam> Teams, List<Measure> Measures);

    private sealed class Generator(int seed, int year, Guid countyId, IReadOnlyDictionary<Guid, string> townships, IPersonalDataProtector protector, DateTime now)
    {
        private const string Operator = "演示数据";
        private readonly Random _random = new(seed ^ 0x5A17_2017);
        private readonly Data _data = new([], [], [], []);

        public Data Generate(IReadOnlyList<HouseholdFacts> households, IReadOnlyList<Village> villages)
        {
            Teams(villages);
            var n = households.Count;
            // The households that carry the gaps: distinct, spread through the county, chosen by the seed.
            var order = Enumerable.Range(0, n).OrderBy(_ => _random.Next()).ToList();
            var take = 0;
            HashSet<int> Next(int count) { var set = order.Skip(take).Take(Math.Min(count, n - take)).ToHashSet(); take += set.Count; return set; }
            var withoutCadre = Next(Left.WithoutCadre);
            var ended = Next(Left.EndedWithoutSuccessor);
            var insufficient = Next(Left.PlansInsufficient);
            var withoutEffect = Next(Left.DoneWithoutEffect);
            var changed = Next(Math.Max(1, n / 60)); // a cadre replaced during the year, with a successor

            var cadres = Pairings(households, withoutCadre, ended, changed);
            for (var i = 0; i < n; i++)
                Measures(households[i], cadres.TryGetValue(households[i].HouseholdId, out var cadre) ? cadre : null, insufficient.Contains(i), withoutEffect.Contains(i));
            return _data;
        }

        // ---- Work teams: one per poor village since the autumn of 2015, a few replaced; two villages without one now ----

        private void Teams(IReadOnlyList<Village> villages)
        {
            // The villages left without a team are still poor in the year (a gap that matters).
            var late = villages.Where(v => v.PlannedExitYear is null || v.PlannedExitYear >= year).ToList();
            var without = late.OrderBy(_ => _random.Next()).Take(Left.VillagesWithoutTeam).Select(v => v.Id).ToHashSet();
            foreach (var v in villages)
            {
                var started = new DateOnly(2015, 10, 1).AddDays(_random.Next(0, 60));
                if (without.Contains(v.Id))
                {
                    // Its team was recalled before the year and not yet replaced.
                    AddTeam(v, started, new DateOnly(year - 1, 12, 31).AddDays(-_random.Next(0, 90)));
                    continue;
                }
                if (_random.NextDouble() < 0.2)
                {
                    var changed = new DateOnly(year - 1, 3, 1).AddDays(_random.Next(0, 200));
                    AddTeam(v, started, changed.AddDays(-1));
                    started = changed;
                }
                AddTeam(v, started, null);
            }
        }

        private void AddTeam(Village v, DateOnly started, DateOnly? ended)
        {
            var secretary = Name();
            var unit = Pick(CountyUnits);
            _data.Teams.Add(new WorkTeam
            {
                Id = Guid.CreateVersion7(), CountyId = countyId, TownshipId = v.TownshipId, VillageId = v.Id,
                StationedUnit = unit, FirstSecretary = secretary, Leader = secretary, Members = $"{Name()}、{Name()}",
                StartedOn = started, EndedOn = ended, Version = 1, UpdatedAt = now,
            });
        }

        // ---- Cadres and pairings: a township's households in runs of 3–5 per cadre, two cadres with six ----

        private Dictionary<Guid, Guid> Pairings(IReadOnlyList<HouseholdFacts> households, HashSet<int> withoutCadre, HashSet<int> ended, HashSet<int> changed)
        {
            var current = new Dictionary<Guid, Guid>();
            var overloaded = Left.OverloadedCadres;
            foreach (var township in households.Select((h, i) => (h, i)).GroupBy(x => x.h.TownshipId).OrderBy(g => townships[g.Key], StringComparer.Ordinal))
            {
                Cadre? cadre = null;
                var load = 0;
                var target = 0;
                foreach (var (h, i) in township)
                {
                    if (withoutCadre.Contains(i)) continue;
                    if (cadre is null || load >= target)
                    {
                        cadre = NewCadre(townships[township.Key]);
                        load = 0;
                        target = overloaded-- > 0 ? 6 : Pick([3, 4, 4, 4, 5]);
                    }
                    var started = new DateOnly(year - 2, 10, 1).AddDays(_random.Next(0, 240));
                    if (ended.Contains(i))
                    {
                        // Ended during the year: not in the cadre's load on the day.
                        Pair(h, cadre.Id, started, new DateOnly(year, 2, 1).AddDays(_random.Next(0, 240)), Pick(["调离原单位", "退休", "调整帮扶单位"]));
                        continue;
                    }
                    load++;
                    if (changed.Contains(i))
                    {
                        // An earlier cadre, replaced during the year: the history shows both.
                        var change = new DateOnly(year, 3, 1).AddDays(_random.Next(0, 150));
                        var earlier = NewCadre(townships[township.Key]);
                        Pair(h, earlier.Id, started, change.AddDays(-1), "更换帮扶责任人");
                        started = change;
                    }
                    Pair(h, cadre.Id, started, null, null);
                    current[h.HouseholdId] = cadre.Id;
                }
            }
            return current;
        }

        private Cadre NewCadre(string township)
        {
            var local = _random.NextDouble() < 0.3;
            var cadre = new Cadre
            {
                Id = Guid.CreateVersion7(), CountyId = countyId, Name = Name(),
                WorkUnit = local ? $"{township}人民政府" : Pick(CountyUnits),
                Position = local ? Pick(TownshipPositions) : Pick(CountyPositions),
                PhoneCipher = protector.Protect(Pick(PhonePrefixes) + _random.Next(0, 100_000_000).ToString("D8", CultureInfo.InvariantCulture)),
                Version = 1, CreatedAt = now, UpdatedAt = now,
            };
            _data.Cadres.Add(cadre);
            return cadre;
        }

        private void Pair(HouseholdFacts h, Guid cadre, DateOnly started, DateOnly? ended, string? reason) => _data.Pairings.Add(new CadreAssignment
        {
            Id = Guid.CreateVersion7(), HouseholdId = h.HouseholdId, CountyId = countyId, TownshipId = h.TownshipId, VillageId = h.VillageId,
            CadreId = cadre, StartedOn = started, EndedOn = ended, EndReason = reason, RecordedBy = Operator, RecordedAt = now,
        });

        // ---- Measures: what the causes call for, then what lifts the income ----

        private sealed record Planned(MeasureType Type, string Content, decimal Amount, decimal Income);

        private void Measures(HouseholdFacts h, Guid? cadre, bool insufficient, bool withoutEffect)
        {
            var size = Math.Max(1, h.Plan.Size);
            var list = new List<Planned>();
            var floor = h.Attribute is HouseholdAttribute.Dibao or HouseholdAttribute.Wubao
                || ((h.HasCause(PovertyCause.Disability) || h.HasCause(PovertyCause.LackOfLabour)) && !h.HasLabour);
            if (h.HasCause(PovertyCause.Schooling) || h.SchoolAgeOutOfSchool)
                list.Add(new(MeasureType.Education, Pick(["雨露计划职业教育补助", "建档立卡学生资助（助学金）", "高中免学费及国家助学金"]), Pick([1500m, 2000m, 3000m]), 0m));
            if (h.HasCause(PovertyCause.Illness))
                list.Add(new(MeasureType.Health, Pick(["大病救治及医疗救助", "慢性病签约服务", "住院费用“一站式”结算救助"]), Round(_random.Next(800, 8000)), 0m));
            if (h.Housing != HousingSafety.Safe)
                list.Add(h.Housing == HousingSafety.NoHouse || _random.NextDouble() < 0.25
                    ? new(MeasureType.Relocation, "易地扶贫搬迁集中安置", 60_000m, 0m)
                    : new(MeasureType.HousingRenovation, h.Housing == HousingSafety.DangerD ? "D级危房拆除重建" : "C级危房加固改造", Round(_random.Next(15_000, 35_000)), 0m));
            if (floor)
            {
                var benefit = Round((h.Attribute == HouseholdAttribute.Wubao ? 4_200m : 2_400m) * size);
                list.Add(new(MeasureType.SocialFloor, h.Attribute == HouseholdAttribute.Wubao ? "五保供养" : "纳入农村低保", benefit, benefit));
            }
            if (h.HasCause(PovertyCause.LackOfSkills) && h.HasLabour)
                list.Add(new(MeasureType.SkillsTraining, Pick(["茶叶种植技术培训", "电工焊工技能培训", "家政服务培训"]), 800m, 0m));
            // The measure that adds the rest of the income: work for a household that can work, else a share of assets or a public post.
            if (h.HasCause(PovertyCause.LackOfCapital))
                list.Add(h.HasLabour && _random.NextDouble() < 0.5
                    ? new(MeasureType.MicroCredit, "扶贫小额信贷5万元发展产业", 50_000m, 0m)
                    : new(MeasureType.Industry, Industry(), Round(_random.Next(2_000, 6_000)), 0m));
            if (h.HasLabour)
                list.Add(_random.NextDouble() < 0.5 && !list.Any(m => m.Type == MeasureType.Industry)
                    ? new(MeasureType.Industry, Industry(), Round(_random.Next(2_000, 6_000)), 0m)
                    : new(MeasureType.Employment, Pick(["外出务工（劳务输出）", "县内扶贫车间就业", "生态护林员公益岗位"]), 0m, 0m));
            else
                list.Add(_random.NextDouble() < 0.6
                    ? new(MeasureType.AssetIncome, Pick(["村级光伏电站收益分红", "产业扶贫资金入股分红"]), Round(_random.Next(1_000, 3_000)), 0m)
                    : new(MeasureType.EcoCompensation, "生态公益林补偿", 0m, 0m));

            // Expected incomes: the plan's target per person, over the line for most, short of it for the households chosen to be.
            var target = insufficient ? Round(_random.Next(2_950, 3_250)) : Round(_random.Next(3_400, 4_400));
            var missing = target * size - h.Plan.BaseNet.Yuan;
            var fromFloor = list.Where(m => m.Type == MeasureType.SocialFloor).Sum(m => m.Income);
            var rest = Math.Max(0m, missing - fromFloor);
            var earner = list.FindLastIndex(m => m.Type is MeasureType.Industry or MeasureType.MicroCredit or MeasureType.Employment or MeasureType.AssetIncome or MeasureType.EcoCompensation);
            list[earner] = list[earner] with { Income = insufficient ? Math.Floor(rest / 10m) * 10m : Math.Ceiling(rest / 10m) * 10m };
            if (insufficient && missing < fromFloor)
            {
                // A plan short of the line: the floor alone would lift it, so the benefit is the smaller one first granted.
                var f = list.FindIndex(m => m.Type == MeasureType.SocialFloor);
                list[f] = list[f] with { Income = Math.Max(0m, Math.Floor(missing / 10m) * 10m) };
            }

            var effectLeftOut = withoutEffect;
            foreach (var m in list)
            {
                var roll = _random.NextDouble();
                var status = effectLeftOut ? MeasureStatus.Done : roll < 0.35 ? MeasureStatus.Done : roll < 0.8 ? MeasureStatus.InProgress : MeasureStatus.Planned;
                var planned = new DateOnly(year, 1, 5).AddDays(_random.Next(0, 80));
                var done = status == MeasureStatus.Done ? planned.AddDays(_random.Next(30, 200)) : (DateOnly?)null;
                var measure = new Measure
                {
                    Id = Guid.CreateVersion7(), HouseholdId = h.HouseholdId, CountyId = countyId, TownshipId = h.TownshipId, VillageId = h.VillageId,
                    Year = year, Type = m.Type, Content = m.Content, Amount = Money.FromYuan(m.Amount), ExpectedIncome = Money.FromYuan(m.Income),
                    CadreId = cadre, PlannedOn = planned, DoneOn = done, Status = status, RecordedBy = Operator, Version = 1, CreatedAt = now, UpdatedAt = now,
                };
                if (status == MeasureStatus.Done && !effectLeftOut)
                {
                    measure.EffectIncome = m.Income > 0 ? Money.FromYuan(Math.Round(m.Income * (decimal)(0.9 + (_random.NextDouble() * 0.3)), 0)) : null;
                    measure.EffectNote = Effect(m.Type);
                }
                // One done measure per chosen household is left without its effect (the others stay in hand).
                effectLeftOut = false;
                _data.Measures.Add(measure);
            }
        }

        private string Industry() => Pick(["发展茶叶种植3亩", "发展藤茶种植2亩", "养殖生猪5头", "发展油茶种植4亩", "养殖山羊10只", "发展蔬菜种植2亩", "发展食用菌种植"]);

        private static string Effect(MeasureType type) => type switch
        {
            MeasureType.Education => "已足额发放资助",
            MeasureType.Health => "医疗费用报销比例达90%",
            MeasureType.Relocation => "已搬迁入住",
            MeasureType.HousingRenovation => "住房已安全",
            MeasureType.SocialFloor => "已纳入兜底保障",
            MeasureType.SkillsTraining => "已取得培训合格证",
            MeasureType.MicroCredit => "贷款已发放并投入产业",
            _ => "已见效",
        };

        private static decimal Round(decimal yuan) => Math.Round(yuan / 10m) * 10m;

        private string Name() => Pick(Surnames) + (_random.NextDouble() < 0.3 ? Pick(GivenChars) : Pick(GivenChars) + Pick(GivenChars));

        private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
    }
}
