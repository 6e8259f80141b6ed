using Tuopin.Domain.Assistance;

namespace Tuopin.Application.Assistance;

public static partial class LoadDemoAssistance
{
    /// <summary>
    /// The courses of a kind over the working year and the two before it: <see cref="People"/> are the people who finished
    /// a course of the kind that ended in each year (the year two before first). For 雨露计划 (a yearly target) they are
    /// that year's people; for the “三五” kinds they are new people, and <see cref="Repeats"/> people trained in an earlier
    /// year finish again in each later year (counted once). <see cref="NotFinished"/> attendances a year did not finish.
    /// </summary>
    public sealed record CourseKind(TrainingKind Kind, IReadOnlyList<int> People, int Repeats, int NotFinished);

    /// <summary>
    /// Against the plan's targets (雨露计划 1,000 a year; by 2017 500 village cadres, 500 cooperative members and 5,000 rural
    /// leaders): 雨露计划 short in the first year and met since; the cadres met; cooperatives and rural leaders short.
    /// Technical courses (no target) are the working year's, for households with industry support (see <see cref="IndustryTopics"/>).
    /// </summary>
    public static readonly IReadOnlyList<CourseKind> Courses =
    [
        new(TrainingKind.Yulu, [873, 1_094, 1_026], Repeats: 0, NotFinished: 12),
        new(TrainingKind.VillageCadres, [168, 190, 174], Repeats: 20, NotFinished: 3),
        new(TrainingKind.Cooperatives, [120, 156, 162], Repeats: 8, NotFinished: 4),
        new(TrainingKind.RuralLeaders, [1_380, 1_612, 1_644], Repeats: 60, NotFinished: 25),
    ];

    /// <summary>The technical course of an industry measure's content (the first key it contains), with its organiser.</summary>
    public static readonly IReadOnlyList<(string Key, string Course, string Organiser)> IndustryTopics =
    [
        ("油茶", "油茶丰产栽培技术培训", "县林业局"),
        ("茶", "茶叶种植与加工技术培训", "县农业局"),
        ("生猪", "生猪养殖技术培训", "县畜牧兽医局"),
        ("山羊", "山羊养殖技术培训", "县畜牧兽医局"),
        ("蔬菜", "蔬菜种植技术培训", "县农业局"),
        ("食用菌", "食用菌栽培技术培训", "县农业局"),
    ];

    private sealed record Place(Guid Id, Guid TownshipId, string Township);

    /// <summary>The courses and their attendance, seeded: 雨露计划 by member, the “三五” courses by name and village, technical courses by member.</summary>
    private sealed class TrainingGenerator(int seed, int year, Guid countyId, DateTime now)
    {
        private const string Operator = "演示数据";
        private readonly Random _random = new(Demo.DemoSeed.Of(seed, "training"));
        private readonly List<TrainingCourse> _courses = [];
        private readonly List<TrainingAttendance> _attendances = [];

        /// <summary>雨露计划's ages on 1 September of a year (the short courses' widest): the young a loader reads for it.</summary>
        public const int YoungFrom = 15, YoungTo = 30;

        /// <summary>
        /// The courses of <see cref="LoadDemoAssistance.Courses"/>: 雨露计划 for <paramref name="young"/> (the present members of
        /// registered households of its ages in one of the three years); the technical courses for <paramref name="members"/>
        /// (the present members of the households with industry support, by household).
        /// </summary>
        public (List<TrainingCourse> Courses, List<TrainingAttendance> Attendances) Generate(IReadOnlyList<Person> young, ILookup<Guid, Person> members,
            IReadOnlyList<Place> villages, IReadOnlyList<Measure> measures, IReadOnlyDictionary<Guid, string> townships)
        {
            foreach (var kind in LoadDemoAssistance.Courses)
                if (kind.Kind == TrainingKind.Yulu) Yulu(kind, young);
                else ByName(kind, villages);
            Technical(members, measures, townships);
            return (_courses, _attendances);
        }

        // ---- 雨露计划: vocational schooling (中职, 高职) and short courses for the young of registered households ----

        private void Yulu(CourseKind kind, IReadOnlyList<Person> people)
        {
            for (var i = 0; i < kind.People.Count; i++)
            {
                var y = year - kind.People.Count + 1 + i;
                var taken = new HashSet<Guid>();
                List<Person> Draw(Func<Person, bool> eligible, int count)
                {
                    var drawn = people.Where(p => !taken.Contains(p.Id) && eligible(p)).OrderBy(_ => _random.Next()).Take(count).ToList();
                    taken.UnionWith(drawn.Select(p => p.Id));
                    return drawn;
                }
                var n = kind.People[i];
                var secondary = n * 40 / 100;
                var higher = n * 25 / 100;
                var shortCourses = n - secondary - higher;
                var subsidy = new DateOnly(y, 3, 1);
                Course(TrainingKind.Yulu, $"{y}年“雨露计划”中职学历教育补助", "县扶贫开发办公室", subsidy, new DateOnly(y, 12, 15), "来凤县中等职业技术学校等中职学校",
                    Draw(p => p.IsStudentIn(y, YoungFrom, 18), secondary), []);
                Course(TrainingKind.Yulu, $"{y}年“雨露计划”高职学历教育补助", "县扶贫开发办公室", subsidy, new DateOnly(y, 12, 15), "省内外高职院校",
                    Draw(p => p.IsStudentIn(y, 18, 21), higher), []);
                // Three short courses of three weeks for young people who left school; a few did not finish.
                var young = Draw(p => p.Schooling == Domain.Registry.Schooling.NotInSchool && p.CanWork && p.IsAged(y, 16, YoungTo), shortCourses);
                var dropped = Draw(p => p.Schooling == Domain.Registry.Schooling.NotInSchool && p.CanWork && p.IsAged(y, 16, YoungTo), kind.NotFinished);
                DateOnly[] starts = [new(y, 4, 10), new(y, 7, 10), new(y, 10, 16)];
                for (var s = 0; s < starts.Length; s++)
                    Course(TrainingKind.Yulu, $"{y}年“雨露计划”短期技能培训（第{s + 1}期）", "县扶贫开发办公室", starts[s], starts[s].AddDays(19), "来凤县职业教育中心",
                        young.Where((_, j) => j % starts.Length == s).ToList(), dropped.Where((_, j) => j % starts.Length == s).ToList());
            }
        }

        private void Course(TrainingKind kind, string name, string organiser, DateOnly started, DateOnly ended, string place, IReadOnlyList<Person> finished, IReadOnlyList<Person> notFinished)
        {
            var course = NewCourse(kind, name, organiser, started, ended, place);
            foreach (var (p, completed) in finished.Select(p => (p, true)).Concat(notFinished.Select(p => (p, false))))
                _attendances.Add(new TrainingAttendance
                {
                    Id = Guid.CreateVersion7(), CourseId = course.Id, CountyId = countyId, TownshipId = p.TownshipId, VillageId = p.VillageId,
                    HouseholdId = p.HouseholdId, MemberId = p.Id, PersonName = p.Name, Completed = completed, RecordedBy = Operator, RecordedAt = now,
                });
        }

        private TrainingCourse NewCourse(TrainingKind kind, string name, string organiser, DateOnly started, DateOnly ended, string place)
        {
            var course = new TrainingCourse
            {
                Id = Guid.CreateVersion7(), CountyId = countyId, Kind = kind, Name = name, Organiser = organiser,
                StartedOn = started, EndedOn = ended, Place = place, Version = 1, UpdatedAt = now,
            };
            _courses.Add(course);
            return course;
        }

        // ---- The “三五” courses: village cadres, cooperative members and rural leaders, by name and village ----

        private void ByName(CourseKind kind, IReadOnlyList<Place> villages)
        {
            var known = new HashSet<(Guid, string)>();
            var trained = new List<(Place Village, string Name)>();
            (Place, string) NewPerson(IReadOnlyList<Place> among)
            {
                while (true)
                {
                    var v = among[_random.Next(among.Count)];
                    var name = Name();
                    if (known.Add((v.Id, name))) return (v, name);
                }
            }
            for (var i = 0; i < kind.People.Count; i++)
            {
                var y = year - kind.People.Count + 1 + i;
                var fresh = Enumerable.Range(0, kind.People[i]).Select(_ => NewPerson(villages)).ToList();
                var again = i == 0 ? new List<(Place, string)>() : trained.OrderBy(_ => _random.Next()).Take(kind.Repeats).ToList();
                var dropped = Enumerable.Range(0, kind.NotFinished).Select(_ => NewPerson(villages)).ToList();
                trained.AddRange(fresh);
                var attendees = fresh.Concat(again).Select(x => (x.Item1, x.Item2, true)).Concat(dropped.Select(x => (x.Item1, x.Item2, false))).OrderBy(_ => _random.Next()).ToList();
                switch (kind.Kind)
                {
                    case TrainingKind.VillageCadres:
                        Sessions(kind.Kind, attendees, 3, s => ($"{y}年村（社区）党组织书记、村委会主任培训班（第{s + 1}期）", "县委组织部", "中共来凤县委党校", new DateOnly(y, 3 + (s * 3), 13), 5));
                        break;
                    case TrainingKind.Cooperatives:
                        Sessions(kind.Kind, attendees, 2, s => ($"{y}年农民专业合作社带头人培训班（第{s + 1}期）", "县农业局", "县农业技术推广中心", new DateOnly(y, 4 + (s * 5), 17), 4));
                        break;
                    default:
                        // Rural leaders: a course in each township, for its villages' people.
                        foreach (var township in attendees.GroupBy(a => a.Item1.Township).OrderBy(g => g.Key, StringComparer.Ordinal))
                        {
                            var started = new DateOnly(y, 4, 1).AddDays(_random.Next(0, 200));
                            NamedCourse(kind.Kind, $"{y}年农村致富带头人培训（{township.Key}）", "县人力资源和社会保障局", started, started.AddDays(2), $"{township.Key}人民政府", township.ToList());
                        }
                        break;
                }
            }
        }

        private void Sessions(TrainingKind kind, List<(Place, string, bool)> attendees, int sessions, Func<int, (string Name, string Organiser, string Place, DateOnly Started, int Days)> course)
        {
            for (var s = 0; s < sessions; s++)
            {
                var (name, organiser, place, started, days) = course(s);
                NamedCourse(kind, name, organiser, started, started.AddDays(days - 1), place, attendees.Where((_, j) => j % sessions == s).ToList());
            }
        }

        private void NamedCourse(TrainingKind kind, string name, string organiser, DateOnly started, DateOnly ended, string place, IReadOnlyList<(Place Village, string Name, bool Completed)> attendees)
        {
            var course = NewCourse(kind, name, organiser, started, ended, place);
            foreach (var a in attendees)
                _attendances.Add(new TrainingAttendance
                {
                    Id = Guid.CreateVersion7(), CourseId = course.Id, CountyId = countyId, TownshipId = a.Village.TownshipId, VillageId = a.Village.Id,
                    PersonName = a.Name, Completed = a.Completed, RecordedBy = Operator, RecordedAt = now,
                });
        }

        // ---- Technical courses of the working year: one who works in each household whose industry support has begun ----

        private void Technical(ILookup<Guid, Person> members, IReadOnlyList<Measure> measures, IReadOnlyDictionary<Guid, string> townships)
        {
            var workers = measures
                .Where(m => m.Type == MeasureType.Industry && m.Status is MeasureStatus.InProgress or MeasureStatus.Done)
                .Select(m => (Topic: IndustryTopics.FirstOrDefault(t => m.Content.Contains(t.Key, StringComparison.Ordinal)),
                    Worker: members[m.HouseholdId!.Value].Where(p => p.CanWork).OrderBy(p => p.Relation == Domain.Registry.Relation.Head ? 0 : 1).FirstOrDefault()))
                .Where(x => x.Topic.Course is not null && x.Worker is not null)
                .ToList();
            foreach (var g in workers.GroupBy(x => (x.Worker!.TownshipId, x.Topic.Course, x.Topic.Organiser))
                         .OrderBy(g => townships[g.Key.TownshipId], StringComparer.Ordinal).ThenBy(g => g.Key.Course, StringComparer.Ordinal))
            {
                var township = townships[g.Key.TownshipId];
                var attendees = g.Select(x => x.Worker!).DistinctBy(p => p.Id).ToList();
                var finished = attendees.Where(_ => _random.NextDouble() < 0.95).ToList();
                var started = new DateOnly(year, 3, 1).AddDays(_random.Next(0, 180));
                Course(TrainingKind.TechnicalSkills, $"{year}年{g.Key.Course}（{township}）", g.Key.Organiser, started, started.AddDays(_random.Next(2, 5)),
                    $"{township}农业服务中心", finished, attendees.Except(finished).ToList());
            }
        }

        private string Name() => Surnames[_random.Next(Surnames.Length)]
            + (_random.NextDouble() < 0.3 ? GivenChars[_random.Next(GivenChars.Length)] : GivenChars[_random.Next(GivenChars.Length)] + GivenChars[_random.Next(GivenChars.Length)]);
    }
}
