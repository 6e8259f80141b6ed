using System.Globalization;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;

namespace Tuopin.Domain.Exit;

/// <summary>
/// Which area exits: a poor village or a township (出列), or the county itself (贫困县摘帽). The numbers are
/// those of the assessment's levels.
/// </summary>
public enum AreaExitLevel { Village = 2, Township = 3, County = 4 }

/// <summary>The steps of a village's or township's exit (贫困村、乡镇出列程序) or the county's (贫困县摘帽程序), in order.</summary>
public enum AreaExitStep
{
    /// <summary>Nothing done yet in the current round (a failed acceptance starts a new round here).</summary>
    None = 0,

    /// <summary>对照标准自评 (自查): the assessment from the records, kept as a snapshot.</summary>
    SelfAssessment = 1,

    /// <summary>提出考核验收申请: before the plan's deadline, with the required evidence.</summary>
    Application = 2,

    /// <summary>验收结果: passed marks the area exited in the year. For the county, the province's 评估检查 result.</summary>
    Acceptance = 3,
}

/// <summary>
/// One village's or township's exit procedure, or the county's own (摘帽), for one exit year.
/// <see cref="VillageId"/> is empty for a township (so no village officer sees it); both
/// <see cref="TownshipId"/> and <see cref="VillageId"/> are empty for the county (only the county level
/// reads the record; townships and villages see its board line). A failed acceptance starts a new round at
/// self-assessment.
/// </summary>
public sealed class AreaExitProcedure : IAreaBound
{
    public Guid Id { get; set; }

    public AreaExitLevel Level { get; set; }

    /// <summary>The village's, the township's or the county's id.</summary>
    public Guid AreaId { get; set; }

    public Guid CountyId { get; set; }

    public Guid TownshipId { get; set; }

    public Guid VillageId { get; set; }

    /// <summary>The exit year (出列年度).</summary>
    public int Year { get; set; }

    /// <summary>The last step done in the current round.</summary>
    public AreaExitStep Stage { get; set; }

    /// <summary>1 at first; one more after each failed acceptance.</summary>
    public int Round { get; set; } = 1;

    /// <summary>Set by a passed acceptance: the area has exited in <see cref="Year"/>.</summary>
    public bool Exited { get; set; }

    public DateOnly? ExitedOn { get; set; }

    public int Version { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public List<AreaExitStepRecord> Steps { get; set; } = [];
}

/// <summary>A step of an area's exit: date (of the paper), who, a note; the self-assessment keeps its snapshot, the acceptance its result.</summary>
public sealed class AreaExitStepRecord : IAreaBound
{
    public Guid Id { get; set; }

    public Guid ProcedureId { get; set; }

    public AreaExitProcedure? Procedure { get; set; }

    public Guid CountyId { get; set; }

    public Guid TownshipId { get; set; }

    public Guid VillageId { get; set; }

    public int Round { get; set; }

    public AreaExitStep Step { get; set; }

    public DateOnly Date { get; set; }

    public string? Note { get; set; }

    /// <summary>The self-assessment as it was at the time (JSON: every condition with figure, threshold and whether met).</summary>
    public string? Snapshot { get; set; }

    /// <summary>The acceptance's result.</summary>
    public bool? Passed { get; set; }

    public Guid? UserId { get; set; }

    public required string ActorName { get; set; }

    public Role ActorRole { get; set; }

    public DateTime RecordedAt { get; set; }
}

/// <summary>A document filed for a checklist item of an area's exit (资料), stored by its SHA-256 like step attachments.</summary>
public sealed class AreaEvidence : IAreaBound
{
    public Guid Id { get; set; }

    public Guid ProcedureId { get; set; }

    public Guid CountyId { get; set; }

    public Guid TownshipId { get; set; }

    public Guid VillageId { get; set; }

    /// <summary>The checklist item's key (e.g. <c>self_assessment_report</c>).</summary>
    public required string Item { get; set; }

    public required string FileName { get; set; }

    public required string ContentType { get; set; }

    public long Size { get; set; }

    public required string Sha256 { get; set; }

    public required string UploadedBy { get; set; }

    public DateTime UploadedAt { get; set; }
}

/// <summary>A document the acceptance asks for. Required items must be present before the application.</summary>
/// <param name="Key">A stable key (folder and API name).</param>
/// <param name="Name">The document's name as the acceptance asks for it.</param>
/// <param name="Required">Must be present before the application for acceptance.</param>
/// <param name="FromHouseholdProcedures">Not uploaded here: the papers attached to the exiting households' procedures.</param>
public sealed record EvidenceItem(string Key, string Name, bool Required, bool FromHouseholdProcedures = false);

/// <summary>The order, roles and dates of an area's exit, each refusal with its reason; and the default checklists.</summary>
public static class AreaExitRules
{
    /// <summary>The items filled from the households' own procedures.</summary>
    public const string HouseholdPapersKey = "household_exit_papers";

    /// <summary>Mid-December of the exit year (脱贫当年的12月中旬前), when the plan names no date.</summary>
    public const string DefaultDeadline = "12-15";

    public static readonly IReadOnlyList<EvidenceItem> DefaultVillageChecklist =
    [
        new("village_application", "贫困村出列申请", true),
        new("self_assessment_report", "“减贫”自查报告", true),
        new("village_notice", "村级公示材料及现场照片", true),
        new("household_roster", "贫困户退出花名册", true),
        new("facilities", "基础设施和公共服务达标佐证", true),
        new("collective_income", "村集体经济收入证明", true),
        new("township_opinion", "乡镇审核意见", true),
        new(HouseholdPapersKey, "贫困户退出程序材料（户退出程序附件）", false, true),
        new("acceptance_plan", "验收工作方案", false),
        new("acceptance_report", "验收报告及结论", false),
    ];

    public static readonly IReadOnlyList<EvidenceItem> DefaultTownshipChecklist =
    [
        new("township_application", "乡镇出列申请", true),
        new("self_assessment_report", "“减贫”自查报告", true),
        new("township_notice", "乡镇公示材料", true),
        new("village_exit_list", "出列村及脱贫户名册", true),
        new("facilities", "基础设施和公共服务达标佐证", true),
        new("county_opinion", "县扶贫办审核意见", true),
        new(HouseholdPapersKey, "贫困户退出程序材料（户退出程序附件）", false, true),
        new("acceptance_plan", "验收工作方案", false),
        new("acceptance_report", "验收报告及结论", false),
    ];

    /// <summary>
    /// The county's exit (贫困县摘帽): the county applies to the province through the city (县级申请、市级初审),
    /// with its self-assessment report and the third-party evaluation's findings; the province's assessment
    /// and inspection (省级专项评估检查) accepts it.
    /// </summary>
    public static readonly IReadOnlyList<EvidenceItem> DefaultCountyChecklist =
    [
        new("county_application", "贫困县退出申请（县委、县政府）", true),
        new("self_assessment_report", "贫困县退出自查评估报告", true),
        new("county_notice", "县级公示材料", true),
        new("township_exit_list", "出列乡镇、贫困村及脱贫户名册", true),
        new("evaluation_findings", "第三方评估抽样调查结果（错退率、漏评率、群众认可度）", true),
        new("city_opinion", "市级初审意见", true),
        new("province_check_plan", "省级专项评估检查方案", false),
        new("province_check_report", "省级专项评估检查报告及结论", false),
    ];

    public static IReadOnlyList<EvidenceItem> DefaultChecklist(AreaExitLevel level) => level switch
    {
        AreaExitLevel.Village => DefaultVillageChecklist,
        AreaExitLevel.Township => DefaultTownshipChecklist,
        _ => DefaultCountyChecklist,
    };

    /// <summary>
    /// Whether <paramref name="role"/> may open, file evidence for or record steps of an exit of
    /// <paramref name="level"/> (the area rule still applies): the county's own exit is written by the county
    /// administrator only; township and village officers read its board line, inspectors read it.
    /// </summary>
    public static bool MayWrite(AreaExitLevel level, Role role) => level != AreaExitLevel.County || role == Role.CountyAdmin;

    public static LocalText Name(AreaExitStep step) => step switch
    {
        AreaExitStep.SelfAssessment => new("对照标准自评（自查）", "Self-assessment"),
        AreaExitStep.Application => new("提出考核验收申请", "Application for acceptance"),
        AreaExitStep.Acceptance => new("验收结果", "Acceptance result"),
        _ => new("未开始", "Not started"),
    };

    public static LocalText LevelName(AreaExitLevel level) => level switch
    {
        AreaExitLevel.Village => new("贫困村出列", "Poor village exit"),
        AreaExitLevel.Township => new("乡镇出列", "Township exit"),
        _ => new("贫困县摘帽", "County exit"),
    };

    /// <summary>The county's planned exit year: when its last township is planned to exit (null when none is planned).</summary>
    public static int? CountyExitYear(IEnumerable<int?> townshipExitYears) => townshipExitYears.Max();

    /// <summary>
    /// Who records a step: the village (village) or the township (township) assesses itself; the level
    /// above applies (township for a village, the county office for a township); the county office records
    /// the acceptance for both (the city/prefecture that accepts a township is not a user of Tuopin). The
    /// county's own exit: the county office records every step (the province's acceptance included).
    /// </summary>
    public static Role RoleFor(AreaExitLevel level, AreaExitStep step) => (level, step) switch
    {
        (AreaExitLevel.Village, AreaExitStep.SelfAssessment) => Role.VillageOfficer,
        (AreaExitLevel.Township, AreaExitStep.SelfAssessment) => Role.TownshipOfficer,
        (AreaExitLevel.Village, AreaExitStep.Application) => Role.TownshipOfficer,
        _ => Role.CountyAdmin,
    };

    public static AreaExitStep? Next(AreaExitProcedure p) =>
        p.Exited || p.Stage == AreaExitStep.Acceptance ? null : p.Stage + 1;

    /// <summary>Why <paramref name="step"/> may not be recorded now (order, dates); empty when it may.</summary>
    public static List<Problem> Check(AreaExitProcedure p, AreaExitStep step, DateOnly date, DateOnly today, DateOnly? lastDate, DateOnly deadline)
    {
        var problems = new List<Problem>();
        var name = Name(step);
        if (p.Exited)
        {
            problems.Add(new Problem("step", "area_exit.exited", new LocalText($"已于 {Day(p.ExitedOn)} 通过验收出列，程序已完成", $"Accepted on {Day(p.ExitedOn)}: the procedure is complete")));
            return problems;
        }
        var next = Next(p);
        if (step != next)
        {
            var done = step <= p.Stage;
            problems.Add(new Problem("step", done ? "area_exit.step_done" : "area_exit.out_of_order", done
                ? new LocalText($"“{name.Zh}”已办理，当前应办理“{Name(next!.Value).Zh}”", $"'{name.En}' is already done; next is '{Name(next!.Value).En}'")
                : new LocalText($"须先完成“{Name(next!.Value).Zh}”，才能办理“{name.Zh}”", $"'{Name(next!.Value).En}' must be done before '{name.En}'")));
            return problems;
        }
        if (date > today)
            problems.Add(new Problem("date", "area_exit.date_future", new LocalText("日期不能晚于今天", "The date cannot be in the future")));
        if (lastDate is { } last && date < last)
            problems.Add(new Problem("date", "area_exit.date_before_previous", new LocalText(
                $"日期早于上一步骤的日期（{Day(last)}）", $"The date is before the previous step's ({Day(last)})")));
        if (step == AreaExitStep.SelfAssessment && date.Year != p.Year)
            problems.Add(new Problem("date", "area_exit.assessment_year", new LocalText(
                $"自评须在出列当年（{p.Year} 年）进行", $"The self-assessment is made in the exit year {p.Year}")));
        if (step == AreaExitStep.Application && date > deadline)
            problems.Add(new Problem("date", "area_exit.deadline_passed", new LocalText(
                $"申请日期 {Day(date)} 晚于方案规定的截止日期 {Day(deadline)}（脱贫当年的12月中旬前提出考核验收申请）",
                $"The application date {Day(date)} is after the plan's deadline {Day(deadline)} (apply before mid-December of the exit year)")));
        return problems;
    }

    /// <summary>Parses a configured deadline "MM-dd" for a year; null when it is not a valid day.</summary>
    public static DateOnly? Deadline(string? monthDay, int year)
    {
        if (string.IsNullOrWhiteSpace(monthDay)) return null;
        return DateOnly.TryParseExact($"{year}-{monthDay.Trim()}", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
    }

    public static string Day(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—";
}
