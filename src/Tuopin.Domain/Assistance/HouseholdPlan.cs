using System.Globalization;
using Tuopin.Domain.Common;

namespace Tuopin.Domain.Assistance;

/// <summary>What a measure brings to the household's plan: its kind, its state, what it should add, and whether its effect is recorded.</summary>
public sealed record MeasureFact(MeasureType Type, MeasureStatus Status, Money ExpectedIncome, bool HasEffect)
{
    public static MeasureFact Of(Measure m) => new(m.Type, m.Status, m.ExpectedIncome, m.HasEffect);
}

/// <summary>
/// Whether a household's plan for a year is enough to lift it over the year's poverty line (一户一策, 计划是否足以
/// 脱贫), with the arithmetic: its last recorded net income before the year, plus what the year's measures
/// (all but cancelled ones) are expected to add, divided by its present members, against the line.
/// </summary>
public sealed record PlanSufficiency(int Year, Money BaseNet, int? BaseYear, Money Added, int Size, decimal PerPerson, Money? Line)
{
    /// <summary>Null when the year has no poverty line: the plan cannot be judged, and says so.</summary>
    public bool? Sufficient => Line is { } line ? Size > 0 && PerPerson >= line.Yuan : null;

    public LocalText Arithmetic
    {
        get
        {
            var inv = CultureInfo.InvariantCulture;
            var baseZh = BaseYear is { } y ? $"{y}年纯收入 {BaseNet} 元" : "无收入记录 0 元";
            var baseEn = BaseYear is { } y2 ? $"net income of {y2}: {BaseNet} yuan" : "no income recorded: 0 yuan";
            var pp = PerPerson.ToString("#,##0.00", inv);
            var head = (Zh: $"（{baseZh} + 措施预期增收 {Added} 元）÷ {Size} 人 = {pp} 元/人", En: $"({baseEn} + expected from measures {Added} yuan) ÷ {Size} people = {pp} yuan per person");
            return Sufficient switch
            {
                true => new($"{head.Zh} ≥ {Year}年扶贫标准 {Line!.Value.Yuan.ToString("#,##0", inv)} 元，计划足以脱贫",
                    $"{head.En} ≥ the {Year} poverty line of {Line!.Value.Yuan.ToString("#,##0", inv)} yuan: the plan is sufficient"),
                false => new($"{head.Zh} ＜ {Year}年扶贫标准 {Line!.Value.Yuan.ToString("#,##0", inv)} 元，计划尚不足以脱贫",
                    $"{head.En} < the {Year} poverty line of {Line!.Value.Yuan.ToString("#,##0", inv)} yuan: the plan is not yet sufficient"),
                null => new($"{head.Zh}；{Year}年扶贫标准未设定，无法判断", $"{head.En}; the {Year} poverty line is not set, so the plan cannot be judged"),
            };
        }
    }

    public static PlanSufficiency Evaluate(int year, Money baseNet, int? baseYear, int size, IEnumerable<MeasureFact> measures, Money? line)
    {
        var added = measures.Where(m => m.Status != MeasureStatus.Cancelled).Aggregate(Money.Zero, (sum, m) => sum + m.ExpectedIncome);
        var perPerson = size > 0 ? decimal.Round((baseNet + added).Yuan / size, 2) : 0m;
        return new PlanSufficiency(year, baseNet, baseYear, added, size, perPerson, line);
    }
}
