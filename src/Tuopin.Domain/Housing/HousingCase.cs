using Tuopin.Domain.Assistance;
using Tuopin.Domain.Common;

namespace Tuopin.Domain.Housing;

/// <summary>
/// One household's housing case (住房保障项目): a dangerous-house renovation (危房改造) or a relocation (易地扶贫搬迁,
/// to a centralised site 集中安置点 or dispersed 分散安置), from the application (申请) through the approval (审批, with
/// the approval document's number), the start of construction (开工) and the acceptance (验收, by whom, pass or fail) to
/// the payment (拨付, with the voucher). The subsidy category is the rule's at the application (<see cref="HousingSubsidies.Assess"/>),
/// its reasons kept; the amount is the county's setting at the approval. Each case is also a measure in the household's
/// plan (<see cref="MeasureId"/>): one record, seen from both sides. The papers of each step are kept as their numbers
/// and names (document, acceptance record, voucher), not as files.
/// </summary>
public sealed class HousingCase : IHouseholdOwned, IAreaBound
{
    public Guid Id { get; set; }

    public Guid HouseholdId { get; set; }

    public Guid CountyId { get; set; }

    public Guid TownshipId { get; set; }

    public Guid VillageId { get; set; }

    /// <summary>The year of the plan the case counts in (the year of the application).</summary>
    public int Year { get; set; }

    public HousingCaseKind Kind { get; set; }

    /// <summary>How a relocated household is settled; null for a renovation.</summary>
    public Settlement? Settlement { get; set; }

    /// <summary>The centralised site's name (集中安置点); null otherwise.</summary>
    public string? SiteName { get; set; }

    public HousingSubsidyCategory Category { get; set; }

    /// <summary>The rule's reasons at the application, one a line (Chinese).</summary>
    public required string CategoryReasons { get; set; }

    /// <summary>The same reasons in English, one a line.</summary>
    public required string CategoryReasonsEn { get; set; }

    /// <summary>The subsidy approved: the county's amount for the category on the day of approval.</summary>
    public Money? Amount { get; set; }

    public HousingStep Step { get; set; } = HousingStep.Applied;

    public DateOnly AppliedOn { get; set; }

    public string? ApplicationNote { get; set; }

    public DateOnly? ApprovedOn { get; set; }

    public string? ApprovedBy { get; set; }

    /// <summary>审批文号.</summary>
    public string? ApprovalDocument { get; set; }

    public DateOnly? StartedOn { get; set; }

    /// <summary>The day of the last acceptance, passed or failed.</summary>
    public DateOnly? AcceptedOn { get; set; }

    /// <summary>Who inspected the house (验收人或验收组).</summary>
    public string? AcceptedBy { get; set; }

    public AcceptanceResult? AcceptanceResult { get; set; }

    /// <summary>验收记录: its number or what was found (what to redo on a fail).</summary>
    public string? AcceptanceNote { get; set; }

    /// <summary>How many acceptances failed before the last one.</summary>
    public int FailedAcceptances { get; set; }

    public DateOnly? PaidOn { get; set; }

    public Money? PaidAmount { get; set; }

    /// <summary>拨付凭证号.</summary>
    public string? PaymentVoucher { get; set; }

    public DateOnly? CancelledOn { get; set; }

    public string? CancelReason { get; set; }

    /// <summary>The household measure the case is (<see cref="MeasureType.HousingRenovation"/> or <see cref="MeasureType.Relocation"/>).</summary>
    public Guid MeasureId { get; set; }

    public required string RecordedBy { get; set; }

    public int Version { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>The day of the last step taken (for the order of days).</summary>
    public DateOnly LastDay => CancelledOn ?? PaidOn ?? AcceptedOn ?? StartedOn ?? ApprovedOn ?? AppliedOn;
}

public enum HousingCaseKind { Renovation = 1, Relocation = 2 }

public enum Settlement { Centralised = 1, Dispersed = 2 }

/// <summary>Where a case stands: the last step taken.</summary>
public enum HousingStep { Applied = 1, Approved = 2, UnderConstruction = 3, Accepted = 4, Paid = 5, Cancelled = 9 }

/// <summary>What can be done to a case after its application.</summary>
public enum HousingAction { Approve = 1, StartConstruction = 2, Accept = 3, Pay = 4, Cancel = 5 }

public enum AcceptanceResult { Pass = 1, Fail = 2 }

public static class HousingCases
{
    public static readonly CodeList<HousingCaseKind> Kinds = new("住房项目类型", "Housing case",
        new(HousingCaseKind.Renovation, "1", "危房改造", "Dangerous-house renovation"),
        new(HousingCaseKind.Relocation, "2", "易地扶贫搬迁", "Relocation"));

    public static readonly CodeList<Settlement> Settlements = new("安置方式", "Settlement",
        new(Housing.Settlement.Centralised, "1", "集中安置", "Centralised site"),
        new(Housing.Settlement.Dispersed, "2", "分散安置", "Dispersed"));

    public static readonly CodeList<HousingStep> Steps = new("住房项目进度", "Housing case step",
        new(HousingStep.Applied, "1", "已申请", "Applied"),
        new(HousingStep.Approved, "2", "已审批", "Approved"),
        new(HousingStep.UnderConstruction, "3", "施工中", "Under construction"),
        new(HousingStep.Accepted, "4", "已验收", "Accepted"),
        new(HousingStep.Paid, "5", "已拨付", "Paid"),
        new(HousingStep.Cancelled, "9", "已取消", "Cancelled"));

    public static readonly CodeList<HousingAction> Actions = new("住房项目操作", "Housing case action",
        new(HousingAction.Approve, "1", "审批", "Approve"),
        new(HousingAction.StartConstruction, "2", "开工", "Start construction"),
        new(HousingAction.Accept, "3", "验收", "Accept"),
        new(HousingAction.Pay, "4", "拨付", "Pay"),
        new(HousingAction.Cancel, "5", "取消", "Cancel"));

    public static readonly CodeList<AcceptanceResult> Results = new("验收结果", "Acceptance result",
        new(Housing.AcceptanceResult.Pass, "1", "合格", "Passed"),
        new(Housing.AcceptanceResult.Fail, "2", "不合格", "Failed"));

    /// <summary>The household measure a case is.</summary>
    public static MeasureType MeasureTypeOf(HousingCaseKind kind) => kind == HousingCaseKind.Relocation ? MeasureType.Relocation : MeasureType.HousingRenovation;

    /// <summary>What the measure says the case is (措施内容).</summary>
    public static string ContentOf(HousingCaseKind kind, HousingSubsidyCategory category, Settlement? settlement, string? site) =>
        kind == HousingCaseKind.Relocation
            ? $"易地扶贫搬迁（{Categories(category)}）：{(settlement == Housing.Settlement.Centralised ? $"集中安置于{site}" : "分散安置")}"
            : $"危房改造（{Categories(category)}）";

    private static string Categories(HousingSubsidyCategory category) => HousingSubsidies.Categories.Name(category).Zh;

    /// <summary>The measure's effect when the case is paid (成效).</summary>
    public const string PaidEffect = "住房已安全";

    /// <summary>
    /// The rules of an application: a known kind; a relocation says how it is settled, and a centralised one names its
    /// site; a house that only needs renovating (改造直补) is renovated, not relocated.
    /// </summary>
    public static List<Problem> CheckApplication(HousingCaseKind kind, HousingSubsidyCategory category, Settlement? settlement, string? site, DateOnly appliedOn, DateOnly today)
    {
        var problems = new List<Problem>();
        if (!Enum.IsDefined(kind)) problems.Add(new Problem("kind", "housing.kind", new LocalText("请选择危房改造或易地扶贫搬迁", "Choose renovation or relocation")));
        if (kind == HousingCaseKind.Relocation)
        {
            if (settlement is not { } s || !Enum.IsDefined(s))
                problems.Add(new Problem("settlement", "housing.settlement", new LocalText("易地扶贫搬迁须选择集中安置或分散安置", "A relocation is to a centralised site or dispersed: choose one")));
            else if (s == Housing.Settlement.Centralised && string.IsNullOrWhiteSpace(site))
                problems.Add(new Problem("siteName", "housing.site", new LocalText("集中安置须填写安置点名称", "Name the centralised site")));
            if (category == HousingSubsidyCategory.RenovationSubsidy)
                problems.Add(new Problem("kind", "housing.kind", new LocalText("该户属改造直补（C级危房或土坯房可修缮），应做危房改造，不做搬迁",
                    "The household fits the direct renovation subsidy (a repairable grade C or adobe house): it is renovated, not relocated")));
        }
        else if (settlement is not null || !string.IsNullOrWhiteSpace(site))
            problems.Add(new Problem("settlement", "housing.settlement", new LocalText("危房改造不填写安置方式", "A renovation has no settlement")));
        if (site is { } name && name.Trim().Length > 100)
            problems.Add(new Problem("siteName", "housing.site", new LocalText("安置点名称不能超过100个字", "A site's name has at most 100 characters")));
        if (appliedOn > today) problems.Add(new Problem("appliedOn", "housing.date_future", new LocalText("申请日期不能晚于今天", "The day of application cannot be in the future")));
        return problems;
    }

    /// <summary>
    /// The transition rule: whether an action may be taken on a case at its step, and if not, why. The steps go in
    /// order: approve an application, start an approved case, accept one under construction (a failed acceptance
    /// leaves it under construction, to be redone), pay an accepted one. A payment before a passed acceptance is
    /// refused, saying so. Any case not yet paid may be cancelled; nothing is done to a paid or cancelled case.
    /// </summary>
    public static LocalText? Refusal(HousingStep step, HousingAction action, AcceptanceResult? lastAcceptance = null)
    {
        if (step == HousingStep.Cancelled) return new LocalText("该项目已取消", "The case is cancelled");
        if (step == HousingStep.Paid) return new LocalText("该项目已拨付，已经办结", "The case is paid and closed");
        var stepName = Steps.Name(step);
        return action switch
        {
            HousingAction.Cancel => null,
            HousingAction.Approve when step == HousingStep.Applied => null,
            HousingAction.Approve => new LocalText($"该项目{stepName.Zh}，已经审批过", $"The case is already approved ({stepName.En.ToLowerInvariant()})"),
            HousingAction.StartConstruction when step == HousingStep.Approved => null,
            HousingAction.StartConstruction when step == HousingStep.Applied => new LocalText("该项目尚未审批，不能开工", "The case is not approved: construction cannot start"),
            HousingAction.StartConstruction => new LocalText($"该项目{stepName.Zh}，已经开工", $"Construction has already started ({stepName.En.ToLowerInvariant()})"),
            HousingAction.Accept when step == HousingStep.UnderConstruction => null,
            HousingAction.Accept when step == HousingStep.Accepted => new LocalText("该项目已验收合格", "The case has already passed its acceptance"),
            HousingAction.Accept => new LocalText("该项目尚未开工，不能验收", "Construction has not started: nothing to accept"),
            HousingAction.Pay when step == HousingStep.Accepted => null,
            HousingAction.Pay when step == HousingStep.UnderConstruction && lastAcceptance == Housing.AcceptanceResult.Fail =>
                new LocalText("验收不合格，须整改后重新验收合格才能拨付", "The acceptance failed: the work must be redone and pass a new acceptance before payment"),
            HousingAction.Pay => new LocalText($"该项目{stepName.Zh}，尚未验收合格，不能拨付：先验收后拨付", $"The case is {stepName.En.ToLowerInvariant()} and has not passed acceptance: no payment before acceptance"),
            _ => new LocalText("未知的操作", "Unknown action"),
        };
    }

    /// <summary>The step an allowed action leads to.</summary>
    public static HousingStep After(HousingStep step, HousingAction action, AcceptanceResult? result = null) => action switch
    {
        HousingAction.Approve => HousingStep.Approved,
        HousingAction.StartConstruction => HousingStep.UnderConstruction,
        HousingAction.Accept => result == Housing.AcceptanceResult.Pass ? HousingStep.Accepted : HousingStep.UnderConstruction,
        HousingAction.Pay => HousingStep.Paid,
        HousingAction.Cancel => HousingStep.Cancelled,
        _ => step,
    };

    /// <summary>The actions a case allows at its step (whoever may take them), the step's own first.</summary>
    public static IReadOnlyList<HousingAction> Allowed(HousingStep step, AcceptanceResult? lastAcceptance = null) =>
        Enum.GetValues<HousingAction>().Where(a => Refusal(step, a, lastAcceptance) is null).OrderBy(a => a == HousingAction.Cancel).ToList();

    /// <summary>How long construction may run before an unaccepted case is flagged as stalled (施工超期).</summary>
    public const int ConstructionDays = 180;

    /// <summary>Under construction, started more than <see cref="ConstructionDays"/> days before the day, and not yet accepted.</summary>
    public static bool IsStalled(HousingCase c, DateOnly today) =>
        c.Step == HousingStep.UnderConstruction && c.StartedOn is { } started && started < today.AddDays(-ConstructionDays);

    /// <summary>The state of the household measure at a step: planned when applied, in progress from approval, done when paid.</summary>
    public static MeasureStatus MeasureStatusOf(HousingStep step) => step switch
    {
        HousingStep.Applied => MeasureStatus.Planned,
        HousingStep.Paid => MeasureStatus.Done,
        HousingStep.Cancelled => MeasureStatus.Cancelled,
        _ => MeasureStatus.InProgress,
    };

    /// <summary>The day of a step: not in the future, not before the case's last step.</summary>
    public static Problem? CheckDay(HousingCase c, DateOnly day, DateOnly today, string field) =>
        day > today ? new Problem(field, "housing.date_future", new LocalText("日期不能晚于今天", "The day cannot be in the future"))
        : day < c.LastDay ? new Problem(field, "housing.date_before", new LocalText($"日期不能早于上一步的日期 {c.LastDay:yyyy-MM-dd}", $"The day cannot be before the previous step's ({c.LastDay:yyyy-MM-dd})"))
        : null;

    /// <summary>A text of a step (document number, inspector, note): required or not, at most its length.</summary>
    public static Problem? CheckText(string? value, string field, LocalText name, bool required, int max = 200) =>
        string.IsNullOrWhiteSpace(value)
            ? required ? new Problem(field, "housing.required", new LocalText($"请填写{name.Zh}", $"Give the {name.En}")) : null
            : value.Trim().Length > max ? new Problem(field, "housing.too_long", new LocalText($"{name.Zh}不能超过{max}个字", $"The {name.En} has at most {max} characters")) : null;
}
