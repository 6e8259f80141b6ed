using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;

namespace Tuopin.Domain.Notices;

/// <summary>What a public notice is about.</summary>
public enum NoticeKind
{
    /// <summary>A project's notice (项目公示), with its beneficiary households; the target is the project.</summary>
    Project = 1,

    /// <summary>A village's list of households proposed to exit (贫困户退出公示); the target is the village, with <see cref="NoticeObjection.Year"/>.</summary>
    ExitList = 2,

    /// <summary>A village's household-benefit list of a year (户受益公示); the target is the village, with <see cref="NoticeObjection.Year"/>.</summary>
    BenefitList = 3,
}

public enum ObjectionStatus { Open = 1, Answered = 2 }

/// <summary>
/// An objection a member of the public raised on a notice (公示异议), for the responsible unit to answer: the project's
/// township or department, the village's township for an exit list; the county sees all. An open objection on a project
/// holds the project (<see cref="Projects.Project.HeldByObjection"/>) until every one is answered.
/// The area keys are the responsible place's: the township (empty for a department's project) and the village of an exit list.
/// </summary>
public sealed class NoticeObjection : IAreaBound
{
    public Guid Id { get; set; }

    public NoticeKind Kind { get; set; }

    /// <summary>The project, or the village of an exit list.</summary>
    public Guid TargetId { get; set; }

    /// <summary>The exit year of an exit list; the project's year for a project.</summary>
    public int Year { get; set; }

    public Guid CountyId { get; set; }

    public Guid TownshipId { get; set; }

    public Guid VillageId { get; set; }

    /// <summary>The line department responsible, for a department's project.</summary>
    public Department? Department { get; set; }

    public required string Text { get; set; }

    /// <summary>The name the objector gave, if any (they may stay anonymous).</summary>
    public string? ContactName { get; set; }

    /// <summary>The objector's phone, protected at rest like the registry's phones.</summary>
    public string? PhoneCipher { get; set; }

    /// <summary>The phone as shown to officials (138****5678), so that a list need not decrypt.</summary>
    public string? PhoneMasked { get; set; }

    public DateTime ReceivedAt { get; set; }

    public ObjectionStatus Status { get; set; } = ObjectionStatus.Open;

    public string? Answer { get; set; }

    public string? AnsweredBy { get; set; }

    public DateTime? AnsweredAt { get; set; }

    public int Version { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public const int MaxContactLength = 50;
}
