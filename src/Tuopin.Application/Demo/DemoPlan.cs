namespace Tuopin.Application.Demo;

/// <summary>
/// The figures of Laifeng's plan that the demo data set reproduces (来凤县“减贫摘帽”工作实施方案, 2(1)–(3)).
/// The plan's yearly households add up to 21,895 of its 21,897; the two left over stay poor after
/// 2017, so the gap shows in the data. The plan's 2017 people (4,864) then include the two households'
/// members, which are counted as remaining instead.
/// </summary>
public static class DemoPlan
{
    public const int RegistrationYear = 2014;
    public const int Households = 21_897;
    public const int People = 78_913;

    public sealed record ExitGroup(int? Year, int Households, int People);

    /// <summary>Sizes of the two households that stay poor: an old man alone, and an old couple.</summary>
    public static readonly int[] RemainingSizes = [1, 2];

    public static readonly IReadOnlyList<ExitGroup> Groups =
    [
        new(2014, 4_160, 15_000),
        new(2015, 11_163, 40_184),
        new(2016, 5_217, 18_865),
        new(2017, 1_355, 4_864 - RemainingSizes.Sum()),
        new(null, RemainingSizes.Length, RemainingSizes.Sum()),
    ];

    /// <summary>The townships the plan has exit in 2017: the only ones with poor households after 2016.</summary>
    public static readonly string[] Townships2017 = ["翔凤镇", "百福司镇", "大河镇", "旧司镇"];

    /// <summary>
    /// Per-capita income the generator keeps households above in their exit year and after. 2014–2016
    /// are the national lines; no line is set for 2017 (the administrator sets it), so the generator
    /// keeps 2017 incomes above 3,400, over any line that year could plausibly have.
    /// </summary>
    public static readonly IReadOnlyDictionary<int, decimal> IncomeThresholds = new Dictionary<int, decimal>
    {
        [2014] = 2_800m,
        [2015] = 2_855m,
        [2016] = 2_952m,
        [2017] = 3_400m,
    };

    public const int WorkYear = 2017;
}
