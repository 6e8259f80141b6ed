using Tuopin.Application.Conditions;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Conditions;

namespace Tuopin.Application.Plan;

/// <summary>
/// Everything the progress dashboard draws, for the user's area and a year: progress against the plan
/// (<see cref="GetProgress"/>), village-condition coverage (<see cref="ConditionCoverage"/>), and the
/// condition targets that are behind, by township, each with the plan's responsible unit. A fixed set of
/// grouped queries, whatever the county's size.
/// </summary>
public sealed class GetDashboard(Database database)
{
    public sealed record Query(int? Year = null);

    /// <summary>A condition target not met: missed when its year has passed, due when it is this year.</summary>
    public sealed record ConditionAlert(string Level, ConditionIndicator Indicator, string Code, Guid? TownshipId, string Unit, decimal? Percent, decimal Target, int? DueYear, string? Responsible, LocalText Message);

    public sealed record Result(GetProgress.Result Progress, ConditionCoverage.Result Coverage, IReadOnlyList<ConditionAlert> ConditionAlerts);

    public const string Missed = "missed", Due = "due";

    public async Task<Result> HandleAsync(Query query, CancellationToken ct = default)
    {
        var p = await new GetProgress(database).HandleAsync(new GetProgress.Query(query.Year), ct);
        var c = await new ConditionCoverage(database).HandleAsync(new ConditionCoverage.Query(p.Year), ct);
        var alerts = new List<ConditionAlert>();
        foreach (var unit in new[] { (c.Area, (Guid?)null, p.AreaName) }.Concat(c.Townships.Select(t => (t, t.Id, t.Name))))
        {
            foreach (var rate in unit.Item1.Rates.Where(r => r.Met == false && r.Target is not null && r.DueYear is not null && r.DueYear <= p.Year))
            {
                var level = rate.DueYear < p.Year ? Missed : Due;
                var name = ConditionIndicators.Of(rate.Indicator).Name;
                alerts.Add(new ConditionAlert(level, rate.Indicator, rate.Code, unit.Item2, unit.Item3, rate.Percent, rate.Target!.Value, rate.DueYear, rate.Responsible,
                    new LocalText($"{name.Zh} {rate.Percent?.ToString("0.0") ?? "—"}%，目标 {rate.Target}%（{rate.DueYear}年{(level == Missed ? "已逾期" : "年内到期")}）",
                        $"{name.En} {rate.Percent?.ToString("0.0") ?? "—"}%, target {rate.Target}% ({(level == Missed ? "overdue since" : "due in")} {rate.DueYear})")));
            }
        }
        return new Result(p, c, alerts);
    }
}
