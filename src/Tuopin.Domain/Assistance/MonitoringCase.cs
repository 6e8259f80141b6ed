using Tuopin.Domain.Common;

namespace Tuopin.Domain.Assistance;

/// <summary>
/// A household watched for return to poverty (防返贫监测): enrolled with the risk seen and a reason, reviewed on
/// dates, and closed either because the risk is removed (风险消除) or because the household returned to poverty,
/// which the registry records as its event (返贫). A household has at most one open case; it gets measures like any
/// household while watched. The household is a registered one (<see cref="HouseholdId"/>) or an edge household
/// recorded for the watch (<see cref="EdgeHouseholdId"/>), never both.
/// </summary>
public sealed class MonitoringCase : IHouseholdOwned, IAreaBound
{
    public Guid Id { get; set; }

    /// <summary>The registered household watched; null for an edge household.</summary>
    public Guid? HouseholdId { get; set; }

    // A registered household's case takes its area from the household; an edge household's has its own keys.
    Guid IHouseholdOwned.HouseholdId => HouseholdId ?? Guid.Empty;

    /// <summary>The edge household watched (边缘户, not in the registry); null for a registered household.</summary>
    public Guid? EdgeHouseholdId { get; set; }

    public Guid CountyId { get; set; }

    public Guid TownshipId { get; set; }

    public Guid VillageId { get; set; }

    public MonitoringRisk Risk { get; set; }

    /// <summary>纳入监测的理由: what was seen (收入下降, 大病住院…).</summary>
    public required string Reason { get; set; }

    public DateOnly EnrolledOn { get; set; }

    /// <summary>下次回访日期: the case is overdue after it.</summary>
    public DateOnly ReviewDue { get; set; }

    public DateOnly? LastReviewedOn { get; set; }

    public string? LastReviewNote { get; set; }

    public int Reviews { get; set; }

    public DateOnly? ClosedOn { get; set; }

    public MonitoringOutcome? Outcome { get; set; }

    public string? CloseReason { get; set; }

    public required string RecordedBy { get; set; }

    public int Version { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public bool IsOpen => ClosedOn is null;

    public bool IsOverdue(DateOnly today) => IsOpen && ReviewDue < today;
}

/// <summary>The risk a household is watched for (the signals of the county's risk list, and others seen on a visit).</summary>
public enum MonitoringRisk { IncomeNearLine = 1, IllnessOrDisability = 2, LabourLoss = 3, Disaster = 4, Other = 9 }

/// <summary>How a case ends: the risk removed, a registered household's return to poverty (返贫), or an edge household's
/// registration as poor (识别为贫困户, recorded in the registry as a new household).</summary>
public enum MonitoringOutcome { RiskRemoved = 1, ReturnedToPoverty = 2, RegisteredAsPoor = 3 }

public static class Monitoring
{
    public static readonly CodeList<MonitoringRisk> Risks = new("监测风险", "Risk watched",
        new(MonitoringRisk.IncomeNearLine, "1", "收入接近或低于扶贫标准", "Income near or below the line"),
        new(MonitoringRisk.IllnessOrDisability, "2", "新增大病或残疾", "New serious illness or disability"),
        new(MonitoringRisk.LabourLoss, "3", "丧失劳动力", "Loss of labour"),
        new(MonitoringRisk.Disaster, "4", "遭受灾害", "Disaster"),
        new(MonitoringRisk.Other, "9", "其他", "Other"));

    public static readonly CodeList<MonitoringOutcome> Outcomes = new("结案方式", "Outcome",
        new(MonitoringOutcome.RiskRemoved, "1", "风险消除", "Risk removed"),
        new(MonitoringOutcome.ReturnedToPoverty, "2", "返贫", "Returned to poverty"),
        new(MonitoringOutcome.RegisteredAsPoor, "3", "识别为贫困户", "Registered as poor"));

    /// <summary>The outcomes a case may end with: a return for a registered household, a registration for an edge one.</summary>
    public static bool Fits(MonitoringOutcome outcome, bool edge) => outcome switch
    {
        MonitoringOutcome.RiskRemoved => true,
        MonitoringOutcome.ReturnedToPoverty => !edge,
        MonitoringOutcome.RegisteredAsPoor => edge,
        _ => false,
    };

    /// <summary>How long until a case is reviewed unless the officer sets another day: a quarter.</summary>
    public const int DefaultReviewDays = 90;

    /// <summary>The days of an enrolment: today unless given, and the first review a quarter later unless given.</summary>
    public static (DateOnly EnrolledOn, DateOnly ReviewDue) DaysOf(DateOnly? enrolledOn, DateOnly? reviewDue, DateOnly today)
    {
        var enrolled = enrolledOn ?? today;
        return (enrolled, reviewDue ?? enrolled.AddDays(DefaultReviewDays));
    }

    /// <summary>The rules of enrolling: a known risk, a reason, a review after the enrolment, no day in the future.</summary>
    public static List<Problem> CheckEnrolment(MonitoringRisk risk, string? reason, DateOnly enrolledOn, DateOnly reviewDue, DateOnly today)
    {
        var problems = new List<Problem>();
        if (!Enum.IsDefined(risk)) problems.Add(new Problem("risk", "monitoring.risk", new LocalText("请选择监测风险", "Choose the risk watched")));
        if (string.IsNullOrWhiteSpace(reason))
            problems.Add(new Problem("reason", "monitoring.reason", new LocalText("请填写纳入监测的理由", "Say why the household is watched")));
        else if (reason.Trim().Length > 500)
            problems.Add(new Problem("reason", "monitoring.reason", new LocalText("理由不能超过500个字", "A reason has at most 500 characters")));
        if (enrolledOn > today)
            problems.Add(new Problem("enrolledOn", "monitoring.date_future", new LocalText("纳入日期不能晚于今天", "The day of enrolment cannot be in the future")));
        if (reviewDue <= enrolledOn)
            problems.Add(new Problem("reviewDue", "monitoring.review_due", new LocalText("回访日期须晚于纳入日期", "The review must come after the enrolment")));
        return problems;
    }

    /// <summary>The rules of a review or a closing: on or after the enrolment and the last review, not in the future.</summary>
    public static Problem? CheckDay(MonitoringCase c, DateOnly day, DateOnly today, string field) =>
        day > today ? new Problem(field, "monitoring.date_future", new LocalText("日期不能晚于今天", "The day cannot be in the future"))
        : day < c.EnrolledOn ? new Problem(field, "monitoring.date_before", new LocalText($"日期不能早于纳入监测的日期 {c.EnrolledOn:yyyy-MM-dd}", $"The day cannot be before the enrolment ({c.EnrolledOn:yyyy-MM-dd})"))
        : c.LastReviewedOn is { } last && day < last ? new Problem(field, "monitoring.date_before", new LocalText($"日期不能早于上次回访 {last:yyyy-MM-dd}", $"The day cannot be before the last review ({last:yyyy-MM-dd})"))
        : null;
}
