using System.Globalization;
using Tuopin.Application.Common;
using Tuopin.Application.Places;
using Tuopin.Domain.Common;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Demo;

/// <summary>
/// Synthetic counties shaped like Laifeng, for a province-sized database (<c>tuopin demo --counties N</c>): each has eight
/// townships (four exit in 2016, four in 2017), about 196 village-level units (46 poor), village groups, the plan's
/// households and people by exit year (21,897 and 78,913 at full size) and registered populations for the incidence.
/// Names (样例县001, 样例一镇, 样例三村) and codes (province 99, which no GB/T 2260 code uses) cannot be mistaken for
/// real ones. Counties are grouped in synthetic prefectures of ten: county <c>99PPCC</c> (CC = 21…30) belongs to
/// prefecture <c>99PP00</c>. Everything is deterministic from the seed: the same seed and sizes give the same counties.
/// </summary>
public static class SyntheticCounties
{
    public const string ProvinceCode = ResidentId.SyntheticProvinceCode;
    public const string ProvinceName = "样例省";
    public const int CountiesPerPrefecture = 10;

    /// <summary>At most 99 prefectures of ten counties.</summary>
    public const int MaxCounties = 99 * CountiesPerPrefecture;

    public const int MinHouseholdsPerCounty = 100;
    public const int MaxHouseholdsPerCounty = 100_000;

    /// <summary>
    /// One synthetic county: its places as a data set (loaded like any county's), the shape of its registry, the seed of
    /// its generator, and its synthetic prefecture (样例市PP, code 99PP00, under 样例省 990000), which the places loader
    /// creates and links from the county's code (<c>County.PrefectureId</c>).
    /// </summary>
    public sealed record County(int Number, string Code, string Name, string PrefectureCode, string PrefectureName, int Seed,
        CountyDataSet Places, DemoGenerator.Shape Shape)
    {
        public int Households => Shape.Groups.Sum(g => g.Households);
        public int People => Shape.Groups.Sum(g => g.People);
    }

    /// <summary>Refusals of the counts, with the option they concern.</summary>
    public static List<Problem> Check(int count, int householdsPerCounty)
    {
        var problems = new List<Problem>();
        if (count is < 1 or > MaxCounties)
            problems.Add(new Problem("counties", "synthetic.count", new LocalText($"县数应在1到{MaxCounties}之间，实际为{count}", $"The number of counties must be 1 to {MaxCounties}, not {count}")));
        if (householdsPerCounty is < MinHouseholdsPerCounty or > MaxHouseholdsPerCounty)
            problems.Add(new Problem("householdsPerCounty", "synthetic.households", new LocalText(
                $"每县户数应在{MinHouseholdsPerCounty}到{MaxHouseholdsPerCounty}之间，实际为{householdsPerCounty}",
                $"Households per county must be {MinHouseholdsPerCounty} to {MaxHouseholdsPerCounty}, not {householdsPerCounty}")));
        return problems;
    }

    /// <summary>Counties 1…<paramref name="count"/>, each with <paramref name="householdsPerCounty"/> households.</summary>
    public static IReadOnlyList<County> Describe(int count, int seed = LoadDemo.DefaultSeed, int householdsPerCounty = DemoPlan.Households)
    {
        var problems = Check(count, householdsPerCounty);
        if (problems.Count > 0) throw new InvalidRequestException(problems);
        var groups = ScaledGroups(householdsPerCounty);
        return Enumerable.Range(1, count).Select(n => Build(n, seed, householdsPerCounty, groups)).ToList();
    }

    public static string CountyCode(int number) => string.Create(CultureInfo.InvariantCulture, $"{ProvinceCode}{PrefectureOf(number):D2}{20 + ((number - 1) % CountiesPerPrefecture) + 1:D2}");

    public static string PrefectureCode(int number) => string.Create(CultureInfo.InvariantCulture, $"{ProvinceCode}{PrefectureOf(number):D2}00");

    private static int PrefectureOf(int number) => ((number - 1) / CountiesPerPrefecture) + 1;

    /// <summary>
    /// The plan's exit groups scaled to <paramref name="households"/>: the two households that stay poor are kept, the
    /// others are shared among 2014–2017 in the plan's proportions (largest remainders), each group's people in the
    /// plan's household size for that year. At 21,897 households these are exactly the plan's figures.
    /// </summary>
    public static IReadOnlyList<DemoPlan.ExitGroup> ScaledGroups(int households)
    {
        var yearly = DemoPlan.Groups.Where(g => g.Year is not null).ToList();
        var remaining = DemoPlan.Groups.Single(g => g.Year is null);
        var planYearly = yearly.Sum(g => g.Households);
        var target = households - remaining.Households;
        var exact = yearly.Select(g => (double)g.Households * target / planYearly).ToArray();
        var counts = exact.Select(e => (int)Math.Floor(e)).ToArray();
        foreach (var i in exact.Select((e, i) => (Remainder: e - Math.Floor(e), i)).OrderByDescending(x => x.Remainder).ThenBy(x => x.i).Take(target - counts.Sum()).Select(x => x.i))
            counts[i]++;
        var result = yearly.Select((g, i) => new DemoPlan.ExitGroup(g.Year, counts[i],
            counts[i] == g.Households ? g.People : (int)Math.Round((double)g.People * counts[i] / g.Households, MidpointRounding.AwayFromZero))).ToList();
        result.Add(remaining);
        return result;
    }

    private static County Build(int number, int seed, int householdsPerCounty, IReadOnlyList<DemoPlan.ExitGroup> groups)
    {
        var code = CountyCode(number);
        var name = string.Create(CultureInfo.InvariantCulture, $"样例县{number:D3}");
        var prefecture = string.Create(CultureInfo.InvariantCulture, $"样例市{PrefectureOf(number):D2}");
        var random = new Random(DemoSeed.Of(seed, "synthetic-places/" + code));
        // Full size at Laifeng's households; fewer villages for a smaller county, so each keeps some households.
        var scale = Math.Min(1.0, (double)householdsPerCounty / DemoPlan.Households);

        var townships = new List<CountyDataSet.TownshipInfo>();
        var villages = new List<CountyDataSet.VillageRow>();
        var poor = new Dictionary<int, List<string>> { [2016] = [], [2017] = [] };
        // Townships 1–4 (the first is the county seat) exit in 2017 and hold the households poor after 2016; 5–8 exit in 2016.
        int[] poor2016 = [1, 2, 1, 1, 4, 4, 4, 3];
        int[] poor2017 = [6, 7, 6, 7, 0, 0, 0, 0];
        for (var t = 1; t <= 8; t++)
        {
            var isTown = t <= 6;
            var townshipCode = code + (isTown ? 100 + t - 1 : 200 + t - 7).ToString("D3", CultureInfo.InvariantCulture);
            var townshipName = $"样例{DemoGenerator.Numeral(t)}{(isTown ? "镇" : "乡")}";
            townships.Add(new CountyDataSet.TownshipInfo(townshipCode, townshipName, t <= 4 ? 2017 : 2016));

            var units = Math.Max(3, (int)Math.Round(random.Next(20, 30) * scale));
            var communities = t == 1 ? Math.Max(1, (int)Math.Round(4 * scale)) : 1;
            var names = new List<string>();
            for (var u = 1; u <= units; u++)
            {
                var community = u <= communities;
                var n = community ? u : u - communities;
                var unitCode = townshipCode + (community ? n : 200 + n).ToString("D3", CultureInfo.InvariantCulture);
                var official = community ? $"样例{DemoGenerator.Numeral(n)}社区居委会" : $"样例{DemoGenerator.Numeral(n)}村委会";
                var row = new CountyDataSet.VillageRow(villages.Count + 2, unitCode, official, townshipCode, townshipName);
                villages.Add(row);
                if (!community) names.Add($"{townshipName}/{row.Name}");
            }
            // Poor villages among the village committees, chosen by the seed; at least one non-poor stays where there is room.
            Shuffle(random, names);
            var room = Math.Max(1, names.Count - 1);
            var n2016 = Math.Min(room, Math.Max(poor2016[t - 1] > 0 ? 1 : 0, (int)Math.Round(poor2016[t - 1] * scale)));
            var n2017 = Math.Min(room - n2016, Math.Max(poor2017[t - 1] > 0 ? 1 : 0, (int)Math.Round(poor2017[t - 1] * scale)));
            poor[2016].AddRange(names.Take(n2016));
            poor[2017].AddRange(names.Skip(n2016).Take(Math.Max(0, n2017)));
        }

        var laifeng = CountyDataSet.Laifeng();
        var places = new CountyDataSet
        {
            County = new CountyDataSet.CountyInfo(code, name, ProvinceName, prefecture, laifeng.County.IsWestern),
            VillagesFile = "(generated)",
            Source = "Synthetic county (tuopin demo --counties): no real place; province code 99 is not used by GB/T 2260.",
            Illustrative = "Everything: names, codes, villages, poor villages and people are generated.",
            Townships = townships,
            PoorVillages = poor,
            PovertyLines = laifeng.PovertyLines,
            Villages = villages,
        };
        var shape = new DemoGenerator.Shape(code, groups, townships.Where(t => t.PlannedExitYear == 2017).Select(t => t.Name).ToList());
        return new County(number, code, name, PrefectureCode(number), prefecture, DemoSeed.Of(seed, "synthetic-county/" + code), places, shape);
    }

    private static void Shuffle<T>(Random random, List<T> list)
    {
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }
}
