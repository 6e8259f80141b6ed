using Tuopin.Domain.Common;

namespace Tuopin.Domain.Supervision;

/// <summary>
/// An inspection (督查 / 暗访 / 专项检查) of the county's work (工作措施 8): its year, title, what it inspects — a unit
/// (<see cref="SubjectUnitId"/>) or an area (a township, or a village in it) — the planned day and the day of the visit,
/// who inspected (names or accounts, free text) and notes. Its findings (<see cref="Finding"/>) hang from it.
/// </summary>
public sealed class Inspection : ICountyBound
{
    public const int MaxTitleLength = 100;

    public Guid Id { get; set; }

    public Guid CountyId { get; set; }

    public int Year { get; set; }

    public InspectionKind Kind { get; set; }

    public required string Title { get; set; }

    /// <summary>The unit inspected (an <see cref="Organisation.OrgUnit"/>), if the subject is a unit.</summary>
    public Guid? SubjectUnitId { get; set; }

    /// <summary>The township inspected (or the village's township), if the subject is an area.</summary>
    public Guid? TownshipId { get; set; }

    public Guid? VillageId { get; set; }

    public DateOnly PlannedOn { get; set; }

    public DateOnly? VisitedOn { get; set; }

    /// <summary>Who inspected: names or accounts, separated by 、.</summary>
    public required string Inspectors { get; set; }

    public string? Notes { get; set; }

    public required string RecordedBy { get; set; }

    public int Version { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}

public enum InspectionKind { Supervision = 1, Unannounced = 2, Special = 3 }

/// <summary>Where an inspection stands in the plan: planned (no visit day yet) or visited. Not stored: it is whether <see cref="Inspection.VisitedOn"/> is set.</summary>
public enum InspectionStatus { Planned = 1, Visited = 2 }

/// <summary>
/// A finding (问题) of an inspection: its category, description, the unit responsible for putting it right (an
/// <see cref="Organisation.OrgUnit"/>), the deadline, and what it points at — a household, a village, a project or a
/// payment (fund record), at most one. Its area (<see cref="TownshipId"/>, <see cref="VillageId"/>) is what it points at's,
/// else the inspection's, else the responsible unit's: the township and village officers see and rectify the findings of
/// their area. The rectification (整改: measures, evidence, status) is kept on the finding; the status moves by
/// <see cref="SupervisionRules"/>.
/// </summary>
public sealed class Finding : ICountyBound
{
    public const int MaxDescriptionLength = 1000;

    public Guid Id { get; set; }

    public Guid CountyId { get; set; }

    public Guid InspectionId { get; set; }

    /// <summary>The inspection's year (kept here for the counts by year).</summary>
    public int Year { get; set; }

    public FindingCategory Category { get; set; }

    public required string Description { get; set; }

    public Guid ResponsibleUnitId { get; set; }

    public DateOnly Deadline { get; set; }

    public FindingTarget? TargetKind { get; set; }

    /// <summary>The household, village, project or payment (<see cref="Funds.Disbursement"/>) the finding is about.</summary>
    public Guid? TargetId { get; set; }

    public Guid? TownshipId { get; set; }

    public Guid? VillageId { get; set; }

    public FindingStatus Status { get; set; } = FindingStatus.Open;

    /// <summary>整改措施: what the responsible area did.</summary>
    public string? Measures { get; set; }

    public DateOnly? SubmittedOn { get; set; }

    public string? SubmittedBy { get; set; }

    public DateOnly? ClosedOn { get; set; }

    public string? ClosedBy { get; set; }

    /// <summary>Why the inspector sent the rectification back, the last time.</summary>
    public string? ReopenReason { get; set; }

    public int Reopened { get; set; }

    public required string RecordedBy { get; set; }

    public int Version { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}

public enum FindingCategory
{
    Identification = 1, Assistance = 2, Funds = 3, Projects = 4, DataQuality = 5, Conduct = 6, Other = 9,
}

public enum FindingTarget { Household = 1, Village = 2, Project = 3, Payment = 4 }

/// <summary>Where a finding's rectification stands: open → rectifying → submitted → closed; or reopened by the inspector.</summary>
public enum FindingStatus { Open = 1, Rectifying = 2, Submitted = 3, Closed = 4, Reopened = 5 }

/// <summary>What can be done to a finding.</summary>
public enum FindingAction { Rectify = 1, Submit = 2, Close = 3, Reopen = 4 }

/// <summary>A file kept with a finding: the inspector's evidence of the problem, or the area's evidence of its rectification.</summary>
public sealed class FindingEvidence : ICountyBound
{
    public Guid Id { get; set; }

    public Guid CountyId { get; set; }

    public Guid FindingId { get; set; }

    /// <summary>True: evidence of the rectification (整改材料); false: of the problem.</summary>
    public bool OfRectification { get; set; }

    public required string FileName { get; set; }

    public required string ContentType { get; set; }

    public long Size { get; set; }

    public required string Sha256 { get; set; }

    public required string UploadedBy { get; set; }

    public DateTime UploadedAt { get; set; }
}

/// <summary>
/// An accountability case (问责): the unit (and person in it, if one) held to account, the cause, the finding, project or
/// payment behind it (at most one of each), the measure (谈话提醒 … 党纪政务处分), the days opened and decided, and its status.
/// Its area is the subject unit's (a township office's township, a village team's village).
/// </summary>
public sealed class AccountabilityCase : ICountyBound
{
    public Guid Id { get; set; }

    public Guid CountyId { get; set; }

    public int Year { get; set; }

    public Guid SubjectUnitId { get; set; }

    public Guid? SubjectPersonId { get; set; }

    public required string Cause { get; set; }

    public Guid? FindingId { get; set; }

    public Guid? ProjectId { get; set; }

    public Guid? DisbursementId { get; set; }

    public AccountabilityMeasure Measure { get; set; }

    public DateOnly OpenedOn { get; set; }

    public DateOnly? DecidedOn { get; set; }

    public AccountabilityStatus Status { get; set; } = AccountabilityStatus.Open;

    public Guid? TownshipId { get; set; }

    public Guid? VillageId { get; set; }

    public required string RecordedBy { get; set; }

    public int Version { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}

public enum AccountabilityMeasure { Reminder = 1, Admonition = 2, Criticism = 3, Organisational = 4, Disciplinary = 5 }

public enum AccountabilityStatus { Open = 1, Decided = 2, Closed = 3 }
