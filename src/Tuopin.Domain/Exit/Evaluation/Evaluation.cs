using Tuopin.Domain.Common;

namespace Tuopin.Domain.Exit;

/// <summary>Which part of the outside evaluation's sample a household belongs to.</summary>
public enum SampleKind
{
    /// <summary>建档立卡已脱贫户: checked for wrong exit (错退).</summary>
    Exited = 1,

    /// <summary>建档立卡未脱贫户: asked whether they approve (认可度).</summary>
    NotExited = 2,

    /// <summary>非建档立卡农户: checked for being missed (漏评). Not in the registry: the team records who they visited.</summary>
    Outside = 3,
}

/// <summary>A county's outside evaluation (第三方评估) of a year: the seed and sizes of its sample.</summary>
public sealed class Evaluation : ICountyBound
{
    public Guid Id { get; set; }

    public Guid CountyId { get; set; }

    public int Year { get; set; }

    public long Seed { get; set; }

    public int Villages { get; set; }

    public int ExitedPerVillage { get; set; }

    public int NotExitedPerVillage { get; set; }

    public int OutsidePerVillage { get; set; }

    public required string CreatedBy { get; set; }

    public DateTime CreatedAt { get; set; }
}

/// <summary>One household of the sample and what the field team found.</summary>
public sealed class EvaluationSample : IAreaBound
{
    public Guid Id { get; set; }

    public Guid EvaluationId { get; set; }

    public Guid CountyId { get; set; }

    public Guid TownshipId { get; set; }

    public Guid VillageId { get; set; }

    /// <summary>The registry household; null for a household outside the registry.</summary>
    public Guid? HouseholdId { get; set; }

    public SampleKind Kind { get; set; }

    /// <summary>Position in the draw (village order, then household order), for the field list.</summary>
    public int Position { get; set; }

    /// <summary>For an outside household: who the team visited (户主姓名、门牌).</summary>
    public string? Visited { get; set; }

    public DateOnly? VisitedOn { get; set; }

    /// <summary>An exited household found not to meet the standard (错退).</summary>
    public bool? WronglyExited { get; set; }

    /// <summary>An outside household found poor and not registered (漏评).</summary>
    public bool? Missed { get; set; }

    /// <summary>For an outside household: its people, counted at the visit (漏评人数 adds those of the missed ones).</summary>
    public int? People { get; set; }

    /// <summary>Whether the household approves of the work and its result (认可).</summary>
    public bool? Approves { get; set; }

    public string? Note { get; set; }

    public string? RecordedBy { get; set; }
}

/// <summary>A proportion with its count and a 95% Wilson score interval.</summary>
public sealed record Proportion(int Count, int Of, double? Rate, double? Low, double? High)
{
    public static Proportion From(int count, int of)
    {
        if (of <= 0) return new Proportion(count, of, null, null, null);
        var (low, high) = Sampling.Wilson(count, of);
        return new Proportion(count, of, (double)count / of, low, high);
    }
}

/// <summary>The sample's arithmetic: a reproducible draw and the Wilson interval.</summary>
public static class Sampling
{
    /// <summary>z for a two-sided 95% interval.</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>
    /// Wilson score interval (Wilson 1927) for <paramref name="count"/> successes of <paramref name="n"/>:
    /// (p + z²/2n ± z·√(p(1−p)/n + z²/4n²)) / (1 + z²/n). Unlike the normal approximation it stays inside
    /// [0, 1] and is sound for small counts and rates near 0, which is where 错退率 and 漏评率 live.
    /// </summary>
    public static (double Low, double High) Wilson(int count, int n, double z = Z95)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n));
        var p = (double)count / n;
        var z2 = z * z;
        var denominator = 1 + z2 / n;
        var centre = p + z2 / (2 * n);
        var margin = z * Math.Sqrt(p * (1 - p) / n + z2 / (4.0 * n * n));
        return (Math.Max(0, (centre - margin) / denominator), Math.Min(1, (centre + margin) / denominator));
    }

    /// <summary>
    /// Draws <paramref name="k"/> of <paramref name="items"/> without replacement by a partial Fisher–Yates
    /// shuffle driven by <paramref name="random"/>. The same items in the same order and the same seed give the
    /// same draw, on any machine: callers sort the items by a stable key (village code, household number) first.
    /// </summary>
    public static List<T> Draw<T>(IReadOnlyList<T> items, int k, Random random)
    {
        var pool = items.ToArray();
        var take = Math.Min(k, pool.Length);
        for (var i = 0; i < take; i++)
        {
            var j = random.Next(i, pool.Length);
            (pool[i], pool[j]) = (pool[j], pool[i]);
        }
        return pool.Take(take).ToList();
    }

    public static LocalText Method => new("Wilson 得分区间（95%）", "Wilson score interval (95%)");
}
