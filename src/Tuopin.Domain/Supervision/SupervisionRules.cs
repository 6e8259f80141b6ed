using Tuopin.Domain.Common;

namespace Tuopin.Domain.Supervision;

/// <summary>
/// The supervision rules (工作措施 8, 督查 and 问责), written once: the fixed lists (kinds of inspection, categories of
/// finding, accountability measures), the status machine of a finding's rectification (整改) — open → rectifying →
/// submitted → closed, and a submitted or closed finding reopened by the inspector with a reason — and when a finding is
/// overdue (its deadline passed and it is not closed, as of a day) or closed on time (closed on or before its deadline).
/// </summary>
public static class SupervisionRules
{
    public static readonly CodeList<InspectionKind> Kinds = new("督查方式", "Kind of inspection",
        new(InspectionKind.Supervision, "1", "督查", "Inspection"),
        new(InspectionKind.Unannounced, "2", "暗访", "Unannounced visit"),
        new(InspectionKind.Special, "3", "专项检查", "Special check"));

    public static readonly CodeList<FindingCategory> Categories = new("问题类别", "Category",
        new(FindingCategory.Identification, "1", "识别不精准", "Inaccurate identification"),
        new(FindingCategory.Assistance, "2", "帮扶不到位", "Assistance not delivered"),
        new(FindingCategory.Funds, "3", "资金使用", "Use of funds"),
        new(FindingCategory.Projects, "4", "项目管理", "Project management"),
        new(FindingCategory.DataQuality, "5", "数据质量", "Data quality"),
        new(FindingCategory.Conduct, "6", "作风问题", "Work style"),
        new(FindingCategory.Other, "9", "其他", "Other"));

    public static readonly CodeList<FindingStatus> Statuses = new("整改状态", "Status",
        new(FindingStatus.Open, "1", "待整改", "Open"),
        new(FindingStatus.Rectifying, "2", "整改中", "Rectifying"),
        new(FindingStatus.Submitted, "3", "已提交", "Submitted"),
        new(FindingStatus.Closed, "4", "已销号", "Closed"),
        new(FindingStatus.Reopened, "5", "退回重改", "Reopened"));

    public static readonly CodeList<FindingAction> Actions = new("整改操作", "Action",
        new(FindingAction.Rectify, "1", "记录整改措施", "Record measures"),
        new(FindingAction.Submit, "2", "提交整改", "Submit"),
        new(FindingAction.Close, "3", "销号", "Close"),
        new(FindingAction.Reopen, "4", "退回", "Reopen"));

    public static readonly CodeList<FindingTarget> Targets = new("问题指向", "Points at",
        new(FindingTarget.Household, "1", "农户", "Household"),
        new(FindingTarget.Village, "2", "村", "Village"),
        new(FindingTarget.Project, "3", "项目", "Project"),
        new(FindingTarget.Payment, "4", "资金拨付", "Payment"));

    public static readonly CodeList<AccountabilityMeasure> Measures = new("问责方式", "Measure",
        new(AccountabilityMeasure.Reminder, "1", "谈话提醒", "Reminder talk"),
        new(AccountabilityMeasure.Admonition, "2", "诫勉谈话", "Admonition"),
        new(AccountabilityMeasure.Criticism, "3", "通报批评", "Public criticism"),
        new(AccountabilityMeasure.Organisational, "4", "组织处理", "Organisational measure"),
        new(AccountabilityMeasure.Disciplinary, "5", "党纪政务处分", "Party or administrative discipline"));

    public static readonly CodeList<AccountabilityStatus> CaseStatuses = new("问责状态", "Status",
        new(AccountabilityStatus.Open, "1", "立案", "Open"),
        new(AccountabilityStatus.Decided, "2", "已处理", "Decided"),
        new(AccountabilityStatus.Closed, "3", "已结案", "Closed"));

    /// <summary>The actions the status machine allows from a status (whoever takes them).</summary>
    public static IReadOnlyList<FindingAction> Allowed(FindingStatus status) => status switch
    {
        FindingStatus.Open or FindingStatus.Rectifying or FindingStatus.Reopened => [FindingAction.Rectify, FindingAction.Submit],
        FindingStatus.Submitted => [FindingAction.Close, FindingAction.Reopen],
        FindingStatus.Closed => [FindingAction.Reopen],
        _ => [],
    };

    /// <summary>The status an action leads to.</summary>
    public static FindingStatus Next(FindingAction action) => action switch
    {
        FindingAction.Rectify => FindingStatus.Rectifying,
        FindingAction.Submit => FindingStatus.Submitted,
        FindingAction.Close => FindingStatus.Closed,
        _ => FindingStatus.Reopened,
    };

    /// <summary>Why the action cannot be taken from the status, or null.</summary>
    public static LocalText? Refusal(FindingStatus status, FindingAction action)
    {
        if (Allowed(status).Contains(action)) return null;
        var s = Statuses.Name(status);
        var a = Actions.Name(action);
        return action switch
        {
            FindingAction.Close => new LocalText($"问题状态为“{s.Zh}”，整改提交后才能销号", $"The finding is {s.En.ToLowerInvariant()}: it is closed only after the rectification is submitted"),
            FindingAction.Reopen => new LocalText($"问题状态为“{s.Zh}”，只有已提交或已销号的问题可以退回", $"The finding is {s.En.ToLowerInvariant()}: only a submitted or closed finding can be reopened"),
            _ => new LocalText($"问题状态为“{s.Zh}”，不能{a.Zh}", $"The finding is {s.En.ToLowerInvariant()}: you cannot {a.En.ToLowerInvariant()}"),
        };
    }

    /// <summary>What the action needs: measures to submit, a reason to reopen.</summary>
    public static List<Problem> Check(FindingAction action, string? measures, string? reason)
    {
        var problems = new List<Problem>();
        if (action is FindingAction.Rectify or FindingAction.Submit && (string.IsNullOrWhiteSpace(measures) || measures.Trim().Length > 2000))
            problems.Add(new Problem("measures", "finding.measures", new LocalText("请填写整改措施（不超过2000个字）", "Give the measures taken, at most 2000 characters")));
        if (action == FindingAction.Reopen && (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 500))
            problems.Add(new Problem("reason", "finding.reason", new LocalText("退回须写明理由（不超过500个字）", "Give the reason for reopening, at most 500 characters")));
        return problems;
    }

    /// <summary>Overdue: the deadline passed (before <paramref name="asOf"/>) and the finding is not closed.</summary>
    public static bool IsOverdue(DateOnly deadline, FindingStatus status, DateOnly asOf) => status != FindingStatus.Closed && deadline < asOf;

    /// <summary>Closed on time: closed, on or before the deadline.</summary>
    public static bool ClosedOnTime(DateOnly deadline, FindingStatus status, DateOnly? closedOn) =>
        status == FindingStatus.Closed && closedOn is { } day && day <= deadline;

    public static readonly CodeList<InspectionStatus> InspectionStatuses = new("督查状态", "Status",
        new(InspectionStatus.Planned, "1", "计划中", "Planned"),
        new(InspectionStatus.Visited, "2", "已督查", "Visited"));

    /// <summary>An inspection is planned until the day of its visit is recorded.</summary>
    public static InspectionStatus StatusOf(DateOnly? visitedOn) => visitedOn is null ? InspectionStatus.Planned : InspectionStatus.Visited;

    /// <summary>
    /// The problems of an inspection's fields, as recorded or changed: the day of the visit is not after today (an
    /// inspection not yet visited is planned, with no visit day) and not implausibly before the planned day.
    /// </summary>
    public static List<Problem> CheckInspection(InspectionKind kind, int year, string? title, string? inspectors, bool hasSubject, DateOnly plannedOn, DateOnly? visitedOn, DateOnly today)
    {
        var problems = new List<Problem>();
        if (!Enum.IsDefined(kind)) problems.Add(new Problem("kind", "inspection.kind", new LocalText("请选择督查方式", "Choose the kind of inspection")));
        if (year is < 2014 or > 2030) problems.Add(new Problem("year", "inspection.year", new LocalText("年度应在2014至2030之间", "The year is between 2014 and 2030")));
        if (string.IsNullOrWhiteSpace(title) || title.Trim().Length > Inspection.MaxTitleLength)
            problems.Add(new Problem("title", "inspection.title", new LocalText($"请填写督查名称（不超过{Inspection.MaxTitleLength}个字）", $"Give a title of at most {Inspection.MaxTitleLength} characters")));
        if (string.IsNullOrWhiteSpace(inspectors) || inspectors.Trim().Length > 200)
            problems.Add(new Problem("inspectors", "inspection.inspectors", new LocalText("请填写督查人员（不超过200个字）", "Name the inspectors, at most 200 characters")));
        if (!hasSubject) problems.Add(new Problem("subject", "inspection.subject", new LocalText("请选择督查对象：单位、乡镇或村", "Choose what is inspected: a unit, a township or a village")));
        if (visitedOn is { } v && v < plannedOn.AddYears(-1))
            problems.Add(new Problem("visitedOn", "inspection.visited", new LocalText("督查日期不合理", "The day of the visit is implausible")));
        else if (visitedOn is { } after && after > today)
            problems.Add(new Problem("visitedOn", "inspection.visited", new LocalText("督查日期不能晚于今天：尚未督查的，请不填督查日期（计划中）", "The day of the visit cannot be after today: leave it empty while the inspection is only planned")));
        return problems;
    }

    /// <summary>
    /// What a change of an inspection may not do once findings are recorded against it: move it to another subject (the
    /// findings' areas were taken from it) or remove the day of the visit (a finding comes from a visit).
    /// </summary>
    public static List<Problem> CheckInspectionChange(bool hasFindings, bool subjectChanged, DateOnly? visitedOn)
    {
        var problems = new List<Problem>();
        if (!hasFindings) return problems;
        if (subjectChanged)
            problems.Add(new Problem("subject", "inspection.subject_locked", new LocalText("该督查已记录问题，不能再改变督查对象", "Findings are recorded against this inspection: its subject cannot change")));
        if (visitedOn is null)
            problems.Add(new Problem("visitedOn", "inspection.visited_locked", new LocalText("该督查已记录问题，不能删除督查日期", "Findings are recorded against this inspection: the day of the visit cannot be removed")));
        return problems;
    }

    /// <summary>
    /// The problems of a finding's own fields (what it points at is checked against the records by the use case): a finding
    /// comes from a visit, so an inspection still planned (<paramref name="visitedOn"/> empty) has none, and the deadline is
    /// not before the visit.
    /// </summary>
    public static List<Problem> CheckFinding(FindingCategory category, string? description, DateOnly deadline, DateOnly? visitedOn)
    {
        var problems = new List<Problem>();
        if (visitedOn is null)
            problems.Add(new Problem("inspectionId", "finding.not_visited", new LocalText("该督查尚在计划中（未填督查日期），督查后才能记录问题", "The inspection is only planned (no day of the visit): findings are recorded after the visit")));
        if (!Enum.IsDefined(category))
            problems.Add(new Problem("category", "finding.category", new LocalText($"问题类别应为：{string.Join("、", Categories.Items.Select(i => i.Zh))}", $"The category is one of: {string.Join(", ", Categories.Items.Select(i => i.En))}")));
        if (string.IsNullOrWhiteSpace(description) || description.Trim().Length > Finding.MaxDescriptionLength)
            problems.Add(new Problem("description", "finding.description", new LocalText($"请描述问题（不超过{Finding.MaxDescriptionLength}个字）", $"Describe the finding in at most {Finding.MaxDescriptionLength} characters")));
        if (visitedOn is { } inspectedOn && deadline < inspectedOn)
            problems.Add(new Problem("deadline", "finding.deadline", new LocalText("整改期限不能早于督查日期", "The deadline cannot be before the inspection")));
        return problems;
    }
}
