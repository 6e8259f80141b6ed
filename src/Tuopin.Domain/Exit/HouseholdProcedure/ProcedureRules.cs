using System.Globalization;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;

namespace Tuopin.Domain.Exit;

/// <summary>
/// The order of the exit procedure, who does each step, and when a step may be recorded. Each rule
/// says why it refuses, so that an official knows what to do first.
/// </summary>
public static class ProcedureRules
{
    public const int DefaultNoticeDays = 7;

    public static readonly IReadOnlyList<ProcedureStep> Order = Enum.GetValues<ProcedureStep>();

    public static LocalText Name(ProcedureStep step) => step switch
    {
        ProcedureStep.Proposal => new("提名拟退出", "Proposal"),
        ProcedureStep.DemocraticReview => new("村两委民主评议", "Village democratic review"),
        ProcedureStep.Verification => new("村委会和驻村工作队核实", "Verification by village committee and work team"),
        ProcedureStep.HouseholdAgreement => new("贫困户认可", "Household's agreement"),
        ProcedureStep.PublicNotice => new("村内公示", "Public notice in the village"),
        ProcedureStep.TownshipReview => new("乡镇审核", "Township review"),
        ProcedureStep.CountyApproval => new("县级审定", "County approval"),
        ProcedureStep.Announcement => new("公告退出", "Announcement"),
        _ => new(step.ToString(), step.ToString()),
    };

    /// <summary>The paper a step produces, which the acceptance asks to see; null if none.</summary>
    public static LocalText? Paper(ProcedureStep step) => step switch
    {
        ProcedureStep.DemocraticReview => new("民主评议会议记录", "Minutes of the democratic review"),
        ProcedureStep.Verification => new("入户核实表", "Verification form"),
        ProcedureStep.HouseholdAgreement => new("贫困户退出确认书（户主签字）", "Household's signed agreement"),
        ProcedureStep.PublicNotice => new("公示材料及现场照片", "The notice and photos of it posted"),
        ProcedureStep.TownshipReview => new("乡镇审核意见", "Township review opinion"),
        ProcedureStep.CountyApproval => new("县级审定文件", "County approval document"),
        ProcedureStep.Announcement => new("退出公告", "The announcement"),
        _ => null,
    };

    /// <summary>The role that records a step: village steps by the village, then township, then county.</summary>
    public static Role RoleFor(ProcedureStep step) => step switch
    {
        ProcedureStep.TownshipReview => Role.TownshipOfficer,
        ProcedureStep.CountyApproval or ProcedureStep.Announcement => Role.CountyAdmin,
        _ => Role.VillageOfficer,
    };

    public static LocalText RoleName(Role role) => role switch
    {
        Role.VillageOfficer => new("村级（村两委、驻村工作队）", "the village (committee and work team)"),
        Role.TownshipOfficer => new("乡镇扶贫办", "the township office"),
        Role.CountyAdmin => new("县扶贫办", "the county office"),
        _ => new(role.ToString(), role.ToString()),
    };

    public static ProcedureStep? Next(ExitProcedure p) =>
        p.Withdrawn || p.Finished ? null : (ProcedureStep)((int)p.Stage + 1);

    /// <summary>Why the actor may not record <paramref name="step"/> now; empty when the step may be recorded.</summary>
    public static List<Problem> Check(ExitProcedure p, ProcedureStep step, DateOnly date, DateOnly today, DateOnly? lastDate)
    {
        var problems = new List<Problem>();
        var name = Name(step);
        if (p.Withdrawn)
        {
            problems.Add(new Problem("step", "procedure.withdrawn", new LocalText(
                $"该户已退出本年度退出程序（{p.WithdrawnReason}），不能继续办理", $"The household was taken off this year's list ({p.WithdrawnReason})")));
            return problems;
        }
        if (p.Finished)
        {
            problems.Add(new Problem("step", "procedure.finished", new LocalText("该户退出程序已完成", "The procedure is complete")));
            return problems;
        }
        var next = Next(p)!.Value;
        if (step != next)
        {
            var done = step <= p.Stage;
            problems.Add(new Problem("step", done ? "procedure.step_done" : "procedure.out_of_order", done
                ? new LocalText($"“{name.Zh}”已办理，当前应办理“{Name(next).Zh}”", $"'{name.En}' is already done; next is '{Name(next).En}'")
                : new LocalText($"须先完成“{Name(next).Zh}”，才能办理“{name.Zh}”", $"'{Name(next).En}' must be done before '{name.En}'")));
            return problems;
        }
        if (date > today)
            problems.Add(new Problem("date", "procedure.date_future", new LocalText("日期不能晚于今天", "The date cannot be in the future")));
        if (lastDate is { } last && date < last)
            problems.Add(new Problem("date", "procedure.date_before_previous", new LocalText(
                $"日期早于上一步骤的日期（{Day(last)}）", $"The date is before the previous step's ({Day(last)})")));
        if (step == ProcedureStep.Proposal && date.Year > p.Year)
            problems.Add(new Problem("date", "procedure.proposal_after_year", new LocalText(
                $"提名日期晚于退出年度 {p.Year}", $"The proposal is dated after the exit year {p.Year}")));
        if (step == ProcedureStep.TownshipReview)
        {
            if (p.NoticeEndsOn is { } ends && (date <= ends || today <= ends))
                problems.Add(new Problem("date", "procedure.notice_running", new LocalText(
                    $"公示期至 {Day(ends)} 结束，公示期满后方可审核", $"The notice runs until {Day(ends)}; the township reviews after it ends")));
            var open = p.Objections.Count(o => !o.Resolved);
            if (open > 0)
                problems.Add(new Problem("objections", "procedure.objections_open", new LocalText(
                    $"还有 {open} 条公示异议未处理", $"{open} objection(s) to the notice are not resolved")));
        }
        return problems;
    }

    /// <summary>The last day of a notice posted on <paramref name="posted"/> for <paramref name="days"/> days (the posting day counts).</summary>
    public static DateOnly NoticeEnds(DateOnly posted, int days) => posted.AddDays(days - 1);

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
