using Tuopin.Domain.Common;

namespace Tuopin.Domain.Projects;

/// <summary>What a step brings with it: the day it is taken and, depending on the step, its document, notice period,
/// contractor and amount, or acceptance.</summary>
public sealed record ProjectStepInput(
    DateOnly On,
    string? DocumentNumber = null,
    int? NoticeDays = null,
    string? Contractor = null,
    Money? ContractAmount = null,
    string? AcceptedBy = null,
    string? AcceptanceResult = null);

/// <summary>
/// The lifecycle of a project (项目库管理): steps are taken one after the other in the order of <see cref="ProjectStep"/>,
/// each on a day not before the one before it and not after today; approval needs the decision's document number (批复文号);
/// the public notice (公示) lasts at least the county's minimum number of days; tender or procurement comes only after the
/// notice has ended and while no objection holds the project, for a contract within the budget; acceptance needs who
/// accepted and the result; a project accepted as unqualified (不合格) is not reimbursed. The reason of a refusal is the
/// rule's, in both languages.
/// </summary>
public static class ProjectRules
{
    /// <summary>The county's minimum notice period when it set none (公示期不少于7天).</summary>
    public const int DefaultMinimumNoticeDays = 7;

    /// <summary>The setting that holds the county's minimum notice period, in days.</summary>
    public const string MinimumNoticeDaysKey = "projects.notice.min_days";

    /// <summary>Days after approval without a start past which an approved project is "approved but not started".</summary>
    public const int NotStartedAlertDays = 90;

    public static LocalText Name(ProjectStep step) => ProjectSteps.Codes.Name(step);

    /// <summary>The step that follows the project's, or null when it is closed.</summary>
    public static ProjectStep? Next(ProjectStep step) => step == ProjectStep.Closed ? null : step + 1;

    /// <summary>The last day of a notice that starts on <paramref name="start"/> and lasts <paramref name="days"/> days.</summary>
    public static DateOnly NoticeEnd(DateOnly start, int days) => start.AddDays(days - 1);

    /// <summary>The day the project took its current step (the latest day recorded on it).</summary>
    public static DateOnly? LastDay(Project p) => p.Step switch
    {
        ProjectStep.Approved => p.ApprovedOn,
        ProjectStep.Notice => p.NoticeStartsOn,
        ProjectStep.Implementing => p.StartedOn,
        ProjectStep.Accepted => p.AcceptedOn,
        ProjectStep.Reimbursed => p.ReimbursedOn,
        ProjectStep.Closed => p.ClosedOn,
        _ => null,
    };

    /// <summary>
    /// Whether <paramref name="step"/> may be taken now on <paramref name="project"/>: null when it may, the reason otherwise.
    /// <paramref name="lastOn"/> is the day of the last step recorded (null: none).
    /// </summary>
    public static LocalText? CanTake(Project project, ProjectStep step, DateOnly today, ProjectStepInput input, int minimumNoticeDays = DefaultMinimumNoticeDays, DateOnly? lastOn = null)
    {
        var at = Name(project.Step);
        var wanted = Name(step);
        if (project.Step == ProjectStep.Closed)
            return new LocalText($"项目已销号，不能再办理「{wanted.Zh}」", $"The project is closed: no more steps (\"{wanted.En}\" refused)");
        if (step <= project.Step)
            return new LocalText($"项目已到「{at.Zh}」环节，「{wanted.Zh}」已经办理过", $"The project is already at \"{at.En}\": \"{wanted.En}\" was taken");
        if (step != Next(project.Step))
        {
            var next = Name(Next(project.Step)!.Value);
            return new LocalText($"项目当前在「{at.Zh}」环节，下一步应为「{next.Zh}」，不能跳到「{wanted.Zh}」",
                $"The project is at \"{at.En}\": the next step is \"{next.En}\", not \"{wanted.En}\"");
        }
        if (input.On > today)
            return new LocalText($"办理日期 {input.On:yyyy-MM-dd} 晚于今天", $"The day {input.On:yyyy-MM-dd} is after today");
        var last = lastOn ?? LastDay(project);
        if (last is { } l && input.On < l)
            return new LocalText($"办理日期 {input.On:yyyy-MM-dd} 早于上一环节的日期 {l:yyyy-MM-dd}", $"The day {input.On:yyyy-MM-dd} is before the previous step's day {l:yyyy-MM-dd}");
        if (project.HeldByObjection && step >= ProjectStep.Tendered)
            return new LocalText("公示收到异议，项目暂停，异议处理完毕后才能继续", "An objection to the notice holds the project until it is answered");
        switch (step)
        {
            case ProjectStep.Approved when string.IsNullOrWhiteSpace(input.DocumentNumber):
                return new LocalText("审批须填写立项批复文号", "Approval needs the decision's document number");
            case ProjectStep.Notice:
                var minimum = Math.Max(1, minimumNoticeDays);
                if (input.NoticeDays is not { } days || days < minimum)
                    return new LocalText($"公示期不得少于{minimum}天（填写的是{input.NoticeDays ?? 0}天）", $"The notice must last at least {minimum} days ({input.NoticeDays ?? 0} given)");
                if (days > 365)
                    return new LocalText("公示期不得超过365天", "A notice lasts at most 365 days");
                break;
            case ProjectStep.Tendered:
                if (project.NoticeEndsOn is not { } ends)
                    return new LocalText("项目尚未公示，不能招标采购", "The project has no notice: no tender yet");
                if (input.On <= ends)
                    return new LocalText($"公示期到 {ends:yyyy-MM-dd} 才结束，{ends.AddDays(1):yyyy-MM-dd} 起才能招标采购",
                        $"The notice runs until {ends:yyyy-MM-dd}: tender from {ends.AddDays(1):yyyy-MM-dd}");
                if (string.IsNullOrWhiteSpace(input.Contractor))
                    return new LocalText("请填写中标或供货单位", "Give the contractor or supplier");
                if (input.ContractAmount is not { } amount || amount.Fen <= 0)
                    return new LocalText("请填写合同金额", "Give the contract amount");
                if (amount > project.Budget)
                    return new LocalText($"合同金额 {amount} 元超过项目预算 {project.Budget} 元", $"The contract amount of {amount} yuan is over the budget of {project.Budget} yuan");
                break;
            case ProjectStep.Accepted:
                if (string.IsNullOrWhiteSpace(input.AcceptedBy))
                    return new LocalText("请填写验收单位或人员", "Give who accepted the project");
                if (string.IsNullOrWhiteSpace(input.AcceptanceResult))
                    return new LocalText("请填写验收结论", "Give the result of the acceptance");
                break;
            case ProjectStep.Reimbursed when IsUnqualified(project.AcceptanceResult):
                return new LocalText("验收结论为不合格，整改验收合格后才能报账", "The acceptance found the project unqualified: no reimbursement until it passes");
        }
        return null;
    }

    /// <summary>An acceptance result that says the work failed (不合格).</summary>
    public static bool IsUnqualified(string? result) => result is not null && result.Contains("不合格", StringComparison.Ordinal);

    /// <summary>Whether progress may be reported (only while implementing), as a percent 0–100 not going back.</summary>
    public static LocalText? CanReportProgress(Project project, int percent)
    {
        if (project.Step != ProjectStep.Implementing)
            return new LocalText($"项目在「{Name(project.Step).Zh}」环节，只有实施中的项目才报告进度", $"The project is at \"{Name(project.Step).En}\": progress is reported while implementing");
        if (percent is < 0 or > 100)
            return new LocalText("形象进度须在0至100之间", "Progress is a percent from 0 to 100");
        if (percent < project.ProgressPercent)
            return new LocalText($"形象进度不能倒退（已报 {project.ProgressPercent}%）", $"Progress cannot go back (already {project.ProgressPercent}%)");
        return null;
    }

    /// <summary>Approved (or past) more than <see cref="NotStartedAlertDays"/> days ago and not yet started.</summary>
    public static bool ApprovedButNotStarted(Project p, DateOnly today) =>
        p.ApprovedOn is { } approved && p.StartedOn is null && p.Step is >= ProjectStep.Approved and < ProjectStep.Implementing
        && today.DayNumber - approved.DayNumber > NotStartedAlertDays;

    /// <summary>Writes what the step brings onto the project (after <see cref="CanTake"/> allowed it).</summary>
    public static void Apply(Project p, ProjectStep step, ProjectStepInput input, int noticeDays = DefaultMinimumNoticeDays)
    {
        p.Step = step;
        switch (step)
        {
            case ProjectStep.Approved:
                p.ApprovalDocumentNumber = input.DocumentNumber!.Trim();
                p.ApprovedOn = input.On;
                break;
            case ProjectStep.Notice:
                p.NoticeStartsOn = input.On;
                p.NoticeEndsOn = NoticeEnd(input.On, input.NoticeDays ?? noticeDays);
                break;
            case ProjectStep.Tendered:
                p.Contractor = input.Contractor!.Trim();
                p.ContractAmount = input.ContractAmount;
                break;
            case ProjectStep.Implementing:
                p.StartedOn = input.On;
                break;
            case ProjectStep.Accepted:
                p.AcceptedOn = input.On;
                p.AcceptedBy = input.AcceptedBy!.Trim();
                p.AcceptanceResult = input.AcceptanceResult!.Trim();
                p.ProgressPercent = 100;
                break;
            case ProjectStep.Reimbursed:
                p.ReimbursedOn = input.On;
                break;
            case ProjectStep.Closed:
                p.ClosedOn = input.On;
                break;
        }
    }
}
