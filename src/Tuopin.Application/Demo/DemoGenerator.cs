using Tuopin.Domain.Common;
using Tuopin.Domain.Places;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Demo;

/// <summary>
/// Builds Laifeng's registry of 2014 as an illustrative data set: the plan's households and people,
/// their exits by year, realistic families (sizes, ages, Tujia majority, causes, attributes) and
/// incomes that agree with each household's status. The same seed gives the same data set.
/// Everyone in it is synthetic.
/// </summary>
public sealed class DemoGenerator
{
    public sealed record Place(Guid VillageId, Guid TownshipId, Guid CountyId, string Code, string Township, VillageKind Kind, bool IsPoor, int? PlannedExitYear);

    public sealed class Data
    {
        public List<VillageGroup> Groups { get; } = [];
        public List<Household> Households { get; } = [];
        public List<Member> Members { get; } = [];
        public List<HouseholdIncome> Incomes { get; } = [];
        public List<HouseholdStatusChange> StatusChanges { get; } = [];
        public Dictionary<Guid, int> Populations { get; } = [];
    }

    /// <summary>
    /// What differs between the Laifeng demo and a synthetic county (<see cref="SyntheticCounties"/>): the address code of
    /// the resident IDs, the exit groups (households and people by exit year) and the townships that exit in 2017, the
    /// only ones with households poor after 2016.
    /// </summary>
    public sealed record Shape(string AddressCode, IReadOnlyList<DemoPlan.ExitGroup> Groups, IReadOnlyCollection<string> Townships2017)
    {
        public static readonly Shape Laifeng = new("422827", DemoPlan.Groups, DemoPlan.Townships2017);
    }

    private const string Recorder = "演示数据";
    private static readonly DateOnly Registration = new(2014, 12, 31);

    private readonly Random _random;
    private readonly IPersonalDataProtector _protector;
    private readonly DateTime _now;
    private readonly HashSet<string> _ids = [];
    private readonly Guid _batch;
    private readonly Shape _shape;

    public DemoGenerator(int seed, IPersonalDataProtector protector, DateTime now, Guid batch, Shape? shape = null)
    {
        _shape = shape ?? Shape.Laifeng;
        _random = new Random(seed);
        _protector = protector;
        _now = now;
        _batch = batch;
    }

    public Data Generate(IReadOnlyList<Place> places)
    {
        var data = new Data();
        var villages = places.OrderBy(p => p.Code).ToList();
        var groupsOf = new Dictionary<Guid, List<VillageGroup>>();
        foreach (var v in villages)
        {
            var count = v.Kind == VillageKind.Community ? Int(3, 6) : Int(4, 12);
            var groups = Enumerable.Range(1, count).Select(n => new VillageGroup { Id = NewId(), VillageId = v.VillageId, Number = n, Name = $"{Numeral(n)}组" }).ToList();
            groupsOf[v.VillageId] = groups;
            data.Groups.AddRange(groups);
        }

        var plan = _shape.Groups.SelectMany(g => Sizes(g).Select(size => (g.Year, Size: size))).ToList();
        var assignment = Assign(plan, villages);

        foreach (var village in villages)
        {
            var seq = 0;
            var people = 0;
            foreach (var (year, size) in assignment[village.VillageId])
            {
                seq++;
                people += size;
                var group = Pick(groupsOf[village.VillageId]);
                BuildHousehold(data, village, group, $"{village.Code}{seq:D4}", year, size);
            }
            var rate = village.Kind == VillageKind.Community ? Real(0.02, 0.06) : village.IsPoor ? Real(0.30, 0.45) : Real(0.18, 0.32);
            data.Populations[village.VillageId] = Math.Max(people + 50, (int)Math.Round(people / rate));
        }
        return data;
    }

    /// <summary>Household sizes for one exit group, summing exactly to its people.</summary>
    private List<int> Sizes(DemoPlan.ExitGroup group)
    {
        if (group.Year is null) return [.. DemoPlan.RemainingSizes];
        double[] weights = [0.08, 0.17, 0.22, 0.25, 0.16, 0.08, 0.03, 0.01];
        var sizes = Enumerable.Range(0, group.Households).Select(_ => 1 + Weighted(weights)).ToList();
        var sum = sizes.Sum();
        while (sum != group.People)
        {
            var i = _random.Next(sizes.Count);
            if (sum > group.People && sizes[i] > 1) { sizes[i]--; sum--; }
            else if (sum < group.People && sizes[i] < 8) { sizes[i]++; sum++; }
        }
        return sizes;
    }

    /// <summary>
    /// Places households in villages: poor villages hold more of them, communities few. Households that
    /// exit in 2017 or stay poor are only in the townships that exit in 2017, and never in a poor village
    /// that exits in 2016, so every unit can meet its exit year.
    /// </summary>
    private Dictionary<Guid, List<(int? Year, int Size)>> Assign(List<(int? Year, int Size)> plan, List<Place> villages)
    {
        var weights = villages.Select(v => (v.Kind == VillageKind.Community ? 0.35 : v.IsPoor ? 3.2 : 1.3) * Real(0.7, 1.3)).ToArray();
        var total = weights.Sum();
        var exact = weights.Select(w => w / total * plan.Count).ToArray();
        var quota = exact.Select(e => (int)Math.Floor(e)).ToArray();
        foreach (var i in exact.Select((e, i) => (Remainder: e - Math.Floor(e), i)).OrderByDescending(x => x.Remainder).Take(plan.Count - quota.Sum()).Select(x => x.i))
            quota[i]++;

        var result = villages.ToDictionary(v => v.VillageId, _ => new List<(int?, int)>());
        void Place(IEnumerable<(int? Year, int Size)> households, Func<Place, double> preference)
        {
            foreach (var household in households)
            {
                var candidates = villages.Select((v, i) => (i, w: quota[i] * preference(v))).Where(c => c.w > 0).ToList();
                var pick = candidates[WeightedIndex(candidates.Select(c => c.w).ToArray())].i;
                quota[pick]--;
                result[villages[pick].VillageId].Add(household);
            }
        }
        Place(plan.Where(p => p.Year is null or 2017), v => !_shape.Townships2017.Contains(v.Township) || v.PlannedExitYear == 2016 ? 0 : v.PlannedExitYear == 2017 ? 3 : 1);
        Place(plan.Where(p => p.Year == 2016), v => v.PlannedExitYear == 2016 ? 2 : 1);
        Place(Shuffle(plan.Where(p => p.Year is 2014 or 2015).ToList()), _ => 1);
        foreach (var list in result.Values) Shuffle(list);
        return result;
    }

    private void BuildHousehold(Data data, Place village, VillageGroup group, string number, int? exitYear, int size)
    {
        var household = new Household
        {
            Id = NewId(),
            Number = number,
            CountyId = village.CountyId,
            TownshipId = village.TownshipId,
            VillageId = village.VillageId,
            GroupId = group.Id,
            RegistrationYear = DemoPlan.RegistrationYear,
            Standard = IdentificationStandard.National,
            Status = exitYear is null ? HouseholdStatus.NotExited : HouseholdStatus.Exited,
            ExitYear = exitYear,
            BatchId = _batch,
            CreatedAt = _now,
            UpdatedAt = _now,
        };
        var members = Family(household.Id, size, exitYear is null);
        foreach (var member in members) household.Adopt(member);
        household.Size = members.Count;
        ChooseCauses(household, members, exitYear is null);
        Living(household, exitYear is null && size == 1);
        data.Households.Add(household);
        data.Members.AddRange(members);
        Incomes(data, household, members, exitYear);

        var registered = new DateOnly(2014, Int(4, 10), Int(1, 28));
        data.StatusChanges.Add(new HouseholdStatusChange
        {
            Id = NewId(), HouseholdId = household.Id, Kind = HouseholdEventKind.Registration, Sequence = 1, SizeAfter = household.Size,
            Date = registered, From = null, To = HouseholdStatus.NotExited,
            Reason = "2014年建档立卡识别（演示数据）", RecordedBy = Recorder, RecordedAt = _now,
        });
        if (exitYear is { } y)
            data.StatusChanges.Add(new HouseholdStatusChange
            {
                Id = NewId(), HouseholdId = household.Id, Kind = HouseholdEventKind.Exit, Sequence = 2, SizeAfter = household.Size,
                Date = new DateOnly(y, 12, Int(5, 25)), From = HouseholdStatus.NotExited,
                To = HouseholdStatus.Exited, Year = y, Reason = "达到脱贫标准，经民主评议、公示公告后脱贫（演示数据）", RecordedBy = Recorder, RecordedAt = _now,
            });
    }

    // ---- Families ----

    private sealed record Person(Relation Relation, Sex Sex, int Age, string Surname, string Ethnicity);

    private List<Member> Family(Guid householdId, int size, bool remaining)
    {
        var people = new List<Person>();
        var ethnicity = Ethnicity();
        var surname = Pick(Surnames);
        int headAge;
        if (remaining)
        {
            headAge = Int(72, 84);
            people.Add(new Person(Relation.Head, Sex.Male, headAge, surname, ethnicity));
            if (size > 1) people.Add(new Person(Relation.Spouse, Sex.Female, headAge - Int(0, 4), Pick(Surnames), ethnicity));
        }
        else if (size == 1)
        {
            headAge = Chance(0.7) ? Int(60, 88) : Int(35, 59);
            people.Add(new Person(Relation.Head, Chance(0.7) ? Sex.Male : Sex.Female, headAge, surname, ethnicity));
        }
        else
        {
            headAge = size == 2 && Chance(0.6) ? Int(55, 84) : Int(28, 66);
            var headSex = Chance(0.86) ? Sex.Male : Sex.Female;
            people.Add(new Person(Relation.Head, headSex, headAge, surname, ethnicity));
            if (Chance(0.85))
                people.Add(new Person(Relation.Spouse, Other(headSex), Math.Max(20, headAge + Int(-5, 3)), Pick(Surnames), Chance(0.8) ? ethnicity : Ethnicity()));
            // Parents live with a younger head.
            if (headAge < 48 && people.Count < size && Chance(0.45))
            {
                var parentAge = Math.Min(92, headAge + Int(22, 32));
                people.Add(new Person(headSex == Sex.Male ? Relation.Mother : Relation.HusbandsMother, Sex.Female, parentAge, Pick(Surnames), ethnicity));
                if (people.Count < size && Chance(0.4))
                    people.Add(new Person(headSex == Sex.Male ? Relation.Father : Relation.HusbandsFather, Sex.Male, Math.Min(94, parentAge + Int(0, 4)), surname, ethnicity));
            }
            var childSurname = headSex == Sex.Male ? surname : Pick(Surnames);
            var eldestAge = Math.Max(0, headAge - Int(21, 30));
            var childAge = eldestAge;
            Person? marriedSon = null;
            while (people.Count < size)
            {
                if (marriedSon is not null && people.Count < size)
                {
                    // The married son's family: his wife, then their children.
                    if (!people.Any(p => p.Relation == Relation.DaughterInLaw))
                    {
                        people.Add(new Person(Relation.DaughterInLaw, Sex.Female, Math.Max(20, marriedSon.Age + Int(-4, 1)), Pick(Surnames), Chance(0.7) ? ethnicity : Ethnicity()));
                        continue;
                    }
                    var grandSex = Chance(0.52) ? Sex.Male : Sex.Female;
                    var grandAge = Math.Max(0, marriedSon.Age - Int(21, 29) - people.Count(p => p.Relation is Relation.Grandson or Relation.Granddaughter) * Int(1, 4));
                    people.Add(new Person(grandSex == Sex.Male ? Relation.Grandson : Relation.Granddaughter, grandSex, grandAge, childSurname, ethnicity));
                    continue;
                }
                if (childAge < 0)
                {
                    // Too many children for the parents' ages: the rest are other relatives.
                    people.Add(new Person(Relation.Other, Chance(0.5) ? Sex.Male : Sex.Female, Int(10, 60), Pick(Surnames), ethnicity));
                    continue;
                }
                var sex = Chance(0.53) ? Sex.Male : Sex.Female;
                var child = new Person(sex == Sex.Male ? Relation.Son : Relation.Daughter, sex, childAge, childSurname, ethnicity);
                people.Add(child);
                if (sex == Sex.Male && childAge >= 24 && marriedSon is null && size - people.Count >= 2 && Chance(0.7)) marriedSon = child;
                childAge -= Int(1, 5);
            }
        }
        return people.Select(p => ToMember(householdId, p, remaining)).ToList();
    }

    private Member ToMember(Guid householdId, Person p, bool remaining)
    {
        var birth = Registration.AddYears(-p.Age).AddDays(-Int(0, 364));
        var id = NewResidentId(birth, p.Sex);
        var (education, schooling) = SchoolingFor(p.Age);
        var health = p.Age >= 60 && Chance(0.3) ? Health.ChronicIllness : Health.Healthy;
        var member = new Member
        {
            Id = NewId(),
            HouseholdId = householdId,
            Name = p.Surname + GivenName(p.Sex),
            Sex = p.Sex,
            BirthDate = birth,
            ResidentIdCipher = _protector.Protect(id.Value),
            ResidentIdIndex = _protector.Index(id.Value),
            Relation = p.Relation,
            EthnicityCode = p.Ethnicity,
            Education = education,
            Schooling = schooling,
            Health = remaining && p.Relation == Relation.Head ? Health.SeriousIllness : health,
            MedicalInsurance = true,
            PensionInsurance = p.Age >= 16 && schooling == Domain.Registry.Schooling.NotInSchool && Chance(p.Age >= 60 ? 0.95 : 0.85),
            Status = MemberStatus.Present,
            CreatedAt = _now,
            UpdatedAt = _now,
        };
        SetLabour(member, p.Age);
        return member;
    }

    private void SetLabour(Member m, int age)
    {
        if (age < 16 || m.Schooling != Domain.Registry.Schooling.NotInSchool) m.Labour = LabourSkill.None;
        else if (age > 70 || m.Health == Health.SeriousIllness || m.Health == Health.Disabled && m.DisabilityGrade <= 2) m.Labour = Chance(0.6) ? LabourSkill.Lost : LabourSkill.None;
        else m.Labour = Chance(0.2) ? LabourSkill.Skilled : LabourSkill.Ordinary;
        m.MigrantWork = null;
        m.MigrantMonths = null;
        if (m.Labour is LabourSkill.Ordinary or LabourSkill.Skilled && age is >= 18 and <= 52 && Chance(0.45))
        {
            m.MigrantWork = WeightedIndex([0.1, 0.15, 0.25, 0.5]) switch
            {
                0 => MigrantWork.WithinTownship,
                1 => MigrantWork.WithinCounty,
                2 => MigrantWork.WithinProvince,
                _ => MigrantWork.OutsideProvince,
            };
            m.MigrantMonths = Int(5, 12);
        }
    }

    private (Education, Schooling) SchoolingFor(int age) => age switch
    {
        < 3 => (Education.Preschool, Domain.Registry.Schooling.NotInSchool),
        < 6 => (Education.Preschool, Domain.Registry.Schooling.Preschool),
        < 12 => (Education.Primary, Domain.Registry.Schooling.Primary),
        < 15 => (Education.JuniorHigh, Domain.Registry.Schooling.JuniorHigh),
        < 16 => Chance(0.9) ? (Education.JuniorHigh, Domain.Registry.Schooling.JuniorHigh) : (Education.SeniorHigh, Domain.Registry.Schooling.SeniorHigh),
        < 19 => WeightedIndex([0.45, 0.25, 0.3]) switch
        {
            0 => (Education.SeniorHigh, Domain.Registry.Schooling.SeniorHigh),
            1 => (Education.SeniorHigh, Domain.Registry.Schooling.SecondaryVocational),
            _ => (Education.JuniorHigh, Domain.Registry.Schooling.NotInSchool),
        },
        < 22 => WeightedIndex([0.12, 0.08, 0.5, 0.3]) switch
        {
            0 => (Education.College, Domain.Registry.Schooling.College),
            1 => (Education.College, Domain.Registry.Schooling.HigherVocational),
            2 => (Education.JuniorHigh, Domain.Registry.Schooling.NotInSchool),
            _ => (Education.SeniorHigh, Domain.Registry.Schooling.NotInSchool),
        },
        < 46 => (Pick([Education.JuniorHigh, Education.JuniorHigh, Education.JuniorHigh, Education.Primary, Education.Primary, Education.SeniorHigh, Education.College]), Domain.Registry.Schooling.NotInSchool),
        < 66 => (Pick([Education.Primary, Education.Primary, Education.Primary, Education.JuniorHigh, Education.JuniorHigh, Education.Illiterate, Education.SeniorHigh]), Domain.Registry.Schooling.NotInSchool),
        _ => (Pick([Education.Illiterate, Education.Illiterate, Education.Primary, Education.Primary, Education.JuniorHigh]), Domain.Registry.Schooling.NotInSchool),
    };

    // ---- Causes, attribute, living conditions ----

    private static readonly (PovertyCause Cause, double Weight)[] CauseWeights =
    [
        (PovertyCause.Illness, 28), (PovertyCause.LackOfCapital, 20), (PovertyCause.LackOfSkills, 16),
        (PovertyCause.LackOfLabour, 10), (PovertyCause.Disability, 8), (PovertyCause.Schooling, 7),
        (PovertyCause.PoorTransport, 4), (PovertyCause.Disaster, 2), (PovertyCause.LackOfLand, 2),
        (PovertyCause.LackOfDrive, 2), (PovertyCause.LackOfWater, 1),
    ];

    private void ChooseCauses(Household h, List<Member> members, bool remaining)
    {
        var cause = remaining ? PovertyCause.Illness : CauseWeights[WeightedIndex(CauseWeights.Select(c => c.Weight).ToArray())].Cause;
        if (cause == PovertyCause.Schooling && !members.Any(m => m.Schooling is Domain.Registry.Schooling.SeniorHigh or Domain.Registry.Schooling.SecondaryVocational or Domain.Registry.Schooling.HigherVocational or Domain.Registry.Schooling.College))
            cause = PovertyCause.LackOfCapital;
        var adults = members.Where(m => Ages.On(m.BirthDate, Registration) >= 18).ToList();
        var subject = adults.Count > 0 ? Pick(adults) : members[0];
        if (cause == PovertyCause.Illness && subject.Health == Health.Healthy)
            subject.Health = Chance(0.6) ? Health.ChronicIllness : Health.SeriousIllness;
        if (cause == PovertyCause.Disability)
        {
            subject.Health = Health.Disabled;
            subject.DisabilityGrade = Int(1, 4);
        }
        if (cause is PovertyCause.Illness or PovertyCause.Disability)
            SetLabour(subject, Ages.On(subject.BirthDate, Registration));
        h.MainCause = cause;
        var others = CauseWeights.Select(c => c.Cause).Where(c => c != cause && c is not (PovertyCause.Illness or PovertyCause.Disability or PovertyCause.Schooling)).ToList();
        var count = WeightedIndex([0.35, 0.45, 0.2]);
        if (count >= 1) { h.OtherCause1 = Pick(others); others.Remove(h.OtherCause1.Value); }
        if (count >= 2) h.OtherCause2 = Pick(others);

        var alone = members.Count == 1 && Ages.On(members[0].BirthDate, Registration) >= 60;
        h.Attribute = alone && Chance(0.45) ? HouseholdAttribute.Wubao
            : Chance(cause is PovertyCause.Illness or PovertyCause.Disability or PovertyCause.LackOfLabour ? 0.35 : 0.12) ? HouseholdAttribute.Dibao
            : HouseholdAttribute.General;
        if (remaining) h.Attribute = HouseholdAttribute.Dibao;
    }

    private void Living(Household h, bool unsafeHouse)
    {
        h.Housing = unsafeHouse ? HousingSafety.DangerD : HousingSafety.Safe;
        h.IsAdobeHouse = h.Housing != HousingSafety.Safe;
        h.HousingArea = Math.Round((decimal)Real(40, 160), 1);
        h.HasLivingPower = true;
        h.HasProductionPower = Chance(0.9);
        h.DrinkingWaterDifficult = false;
        h.DrinkingWaterSafe = true;
        h.HasSanitaryToilet = Chance(0.6);
        h.DistanceToMainRoadKm = Math.Round((decimal)Real(0.1, 5), 1);
        h.EntryRoad = WeightedIndex([0.1, 0.2, 0.7]) switch { 0 => EntryRoad.Mud, 1 => EntryRoad.Gravel, _ => EntryRoad.Cement };
        h.MainFuel = WeightedIndex([0.6, 0.1, 0.3]) switch { 0 => Fuel.Firewood, 1 => Fuel.Coal, _ => Fuel.Clean };
        h.InCooperative = Chance(0.25);
        if (Chance(0.8))
        {
            string[] prefixes = ["130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155", "157", "158", "159", "180", "182", "183", "187", "188", "189"];
            h.PhoneCipher = _protector.Protect(Pick(prefixes) + Int(0, 99_999_999).ToString("D8", System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    // ---- Incomes ----

    private void Incomes(Data data, Household h, List<Member> members, int? exitYear)
    {
        decimal previous = 0;
        foreach (var (year, threshold) in DemoPlan.IncomeThresholds.OrderBy(t => t.Key))
        {
            decimal perCapita;
            if (exitYear is null || year < exitYear)
                perCapita = threshold * (decimal)Real(0.55, 0.93);
            else if (year == exitYear)
                perCapita = threshold * (decimal)Real(1.08, 1.6);
            else
                perCapita = Math.Max(previous * (decimal)Real(1.03, 1.15), threshold * 1.05m);
            previous = perCapita;
            data.Incomes.Add(Split(h, members, year, (long)Math.Round(perCapita * members.Count)));
        }
    }

    /// <summary>Splits a net income (whole yuan) into the form's parts so that they add up to it exactly.</summary>
    private HouseholdIncome Split(Household h, List<Member> members, int year, long net)
    {
        var elderly = members.Count(m => Ages.On(m.BirthDate, new DateOnly(year, 12, 31)) >= 60);
        var migrants = members.Count(m => m.MigrantWork is not null);
        var cap = (long)(net * 0.9);
        long Take(long wanted) { var amount = Math.Min(wanted, cap); cap -= amount; return amount; }
        var wubao = h.Attribute == HouseholdAttribute.Wubao ? Take(Int(3000, 4000)) : 0;
        var dibao = h.Attribute == HouseholdAttribute.Dibao ? Take(members.Count * Int(900, 1500)) : 0;
        var pension = Take(elderly * 840);
        var familyPlanning = Chance(0.05) ? Take(960) : 0;
        var eco = Chance(0.3) ? Take(Int(50, 300)) : 0;
        var other = Chance(0.2) ? Take(Int(20, 200)) : 0;
        var rest = net - wubao - dibao - pension - familyPlanning - eco - other;
        var wage = (long)Math.Round(rest * (migrants > 0 ? Real(0.6, 0.85) : Real(0.15, 0.4)));
        var property = (long)Math.Round(rest * Real(0, 0.03));
        var productionNet = rest - wage - property;
        var expenseShare = Real(0.15, 0.3);
        var expense = (long)Math.Round(productionNet * expenseShare / (1 - expenseShare));
        return new HouseholdIncome
        {
            Id = NewId(),
            HouseholdId = h.Id,
            Year = year,
            HouseholdSize = members.Count,
            Wage = Yuan(wage),
            Production = Yuan(productionNet + expense),
            Property = Yuan(property),
            FamilyPlanning = Yuan(familyPlanning),
            Dibao = Yuan(dibao),
            Wubao = Yuan(wubao),
            Pension = Yuan(pension),
            EcoCompensation = Yuan(eco),
            OtherTransfer = Yuan(other),
            ProductionExpense = Yuan(expense),
        };
    }

    private static Money Yuan(long yuan) => new(yuan * 100);

    // ---- People's names and numbers ----

    private static readonly string[] Surnames =
    [
        "田", "田", "田", "向", "向", "向", "彭", "彭", "杨", "杨", "张", "张", "李", "李", "王", "刘", "黄", "陈", "覃", "覃",
        "冉", "冉", "龙", "吴", "姚", "滕", "邓", "胡", "周", "谭", "舒", "朱", "罗", "熊", "梁", "宋", "杜", "石", "唐", "蒋", "鲁", "符",
    ];

    private static readonly string[] MaleChars = ["国", "建", "明", "文", "华", "军", "平", "志", "勇", "光", "海", "强", "林", "成", "永", "祥", "贵", "福", "金", "德", "昌", "兵", "涛", "超", "宇", "浩", "杰", "俊", "家", "安", "云", "山", "清", "生", "春"];
    private static readonly string[] FemaleChars = ["秀", "英", "兰", "芳", "玉", "梅", "红", "霞", "珍", "凤", "琴", "丽", "燕", "菊", "莲", "桂", "娟", "敏", "静", "婷", "雪", "慧", "艳", "萍", "春", "翠", "妹", "花", "云", "月"];

    private string GivenName(Sex sex)
    {
        var chars = sex == Sex.Male ? MaleChars : FemaleChars;
        return Chance(0.25) ? Pick(chars) : Pick(chars) + Pick(chars);
    }

    private string Ethnicity() => WeightedIndex([0.62, 0.25, 0.1, 0.03]) switch
    {
        0 => "15", // 土家族
        1 => "01", // 汉族
        2 => "06", // 苗族
        _ => "12", // 侗族
    };

    private ResidentId NewResidentId(DateOnly birth, Sex sex)
    {
        while (true)
        {
            var sequence = Int(0, 499) * 2 + (sex == Sex.Male ? 1 : 0);
            var id = ResidentId.Create(_shape.AddressCode, birth, sequence);
            if (_ids.Add(id.Value)) return id;
        }
    }

    // ---- Randomness from the one seeded source ----

    private Guid NewId()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes);
    }

    private int Int(int min, int max) => _random.Next(min, max + 1);
    private double Real(double min, double max) => min + (_random.NextDouble() * (max - min));
    private bool Chance(double p) => _random.NextDouble() < p;
    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
    private static Sex Other(Sex sex) => sex == Sex.Male ? Sex.Female : Sex.Male;

    private int Weighted(double[] weights) => WeightedIndex(weights);

    private int WeightedIndex(double[] weights)
    {
        var roll = _random.NextDouble() * weights.Sum();
        for (var i = 0; i < weights.Length; i++)
        {
            roll -= weights[i];
            if (roll < 0) return i;
        }
        return weights.Length - 1;
    }

    private List<T> Shuffle<T>(List<T> list)
    {
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = _random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
        return list;
    }

    internal static string Numeral(int n)
    {
        string[] digits = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
        return n switch { < 10 => digits[n], 10 => "十", < 20 => "十" + digits[n - 10], _ => digits[n / 10] + "十" + digits[n % 10] };
    }
}
