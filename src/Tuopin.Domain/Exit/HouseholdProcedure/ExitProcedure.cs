using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;

namespace Tuopin.Domain.Exit;

/// <summary>
/// The steps of a household's exit (贫困户退出程序), in the order the plan fixes. The registry marks
/// the household exited only when the last step, the announcement, is recorded.
/// </summary>
public enum ProcedureStep
{
    /// <summary>拟退出户提名: the village proposes the household for exit this year.</summary>
    Proposal = 1,

    /// <summary>村"两委"民主评议.</summary>
    DemocraticReview = 2,

    /// <summary>村委会和驻村工作队核实.</summary>
    Verification = 3,

    /// <summary>拟退出户认可 (签字确认).</summary>
    HouseholdAgreement = 4,

    /// <summary>在村内公示 (the notice period starts on this step's date).</summary>
    PublicNotice = 5,

    /// <summary>乡镇审核.</summary>
    TownshipReview = 6,

    /// <summary>县级审定.</summary>
    CountyApproval = 7,

    /// <summary>公告退出: the registry marks the household exited in the procedure's year.</summary>
    Announcement = 8,
}

/// <summary>One household's exit procedure for one year. Its steps are kept; the stage is the last step done.</summary>
public sealed class ExitProcedure : IHouseholdOwned, IAreaBound
{
    public Guid Id { get; set; }

    public Guid HouseholdId { get; set; }

    public Guid CountyId { get; set; }

    public Guid TownshipId { get; set; }

    public Guid VillageId { get; set; }

    /// <summary>The year the household is to exit in (脱贫年度).</summary>
    public int Year { get; set; }

    /// <summary>The village's proposal list the household came in on.</summary>
    public Guid BatchId { get; set; }

    /// <summary>The last step done.</summary>
    public ProcedureStep Stage { get; set; }

    /// <summary>The last day of the public notice, once the notice is posted.</summary>
    public DateOnly? NoticeEndsOn { get; set; }

    /// <summary>Set when an upheld objection (or the village) takes the household off this year's list.</summary>
    public bool Withdrawn { get; set; }

    public string? WithdrawnReason { get; set; }

    public int Version { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public List<ProcedureStepRecord> Steps { get; set; } = [];

    public List<ExitObjection> Objections { get; set; } = [];

    public bool Finished => Stage == ProcedureStep.Announcement;
}

/// <summary>A step done: its date (the date of the paper), who did it, and what they noted.</summary>
public sealed class ProcedureStepRecord : IHouseholdOwned, IAreaBound
{
    public Guid Id { get; set; }

    public Guid ProcedureId { get; set; }

    public ExitProcedure? Procedure { get; set; }

    public Guid HouseholdId { get; set; }

    public Guid CountyId { get; set; }

    public Guid TownshipId { get; set; }

    public Guid VillageId { get; set; }

    public ProcedureStep Step { get; set; }

    public DateOnly Date { get; set; }

    public string? Note { get; set; }

    public Guid? UserId { get; set; }

    public required string ActorName { get; set; }

    public Role ActorRole { get; set; }

    public DateTime RecordedAt { get; set; }
}

/// <summary>An objection raised during the public notice (公示异议), and how it was resolved.</summary>
public sealed class ExitObjection : IHouseholdOwned, IAreaBound
{
    public Guid Id { get; set; }

    public Guid ProcedureId { get; set; }

    public ExitProcedure? Procedure { get; set; }

    public Guid HouseholdId { get; set; }

    public Guid CountyId { get; set; }

    public Guid TownshipId { get; set; }

    public Guid VillageId { get; set; }

    public DateOnly RaisedOn { get; set; }

    /// <summary>Who objected, as the village recorded it (a villager's name, or 匿名).</summary>
    public required string RaisedBy { get; set; }

    public required string Content { get; set; }

    public required string RecordedBy { get; set; }

    public DateOnly? ResolvedOn { get; set; }

    public string? Resolution { get; set; }

    /// <summary>True when the objection was found right: the household leaves this year's list.</summary>
    public bool? Upheld { get; set; }

    public string? ResolvedBy { get; set; }

    public bool Resolved => ResolvedOn is not null;
}

/// <summary>A file attached to a step: stored by its SHA-256 content hash, verified on every read.</summary>
public sealed class Attachment : IHouseholdOwned, IAreaBound
{
    public Guid Id { get; set; }

    public Guid CountyId { get; set; }

    public Guid TownshipId { get; set; }

    public Guid VillageId { get; set; }

    /// <summary>The step the paper belongs to.</summary>
    public Guid StepId { get; set; }

    public Guid? ProcedureId { get; set; }

    public Guid? HouseholdId { get; set; }

    // Every paper is filed on a household's step; the column is nullable only for its history.
    Guid IHouseholdOwned.HouseholdId => HouseholdId ?? Guid.Empty;

    /// <summary>The name the user gave the file (never used as a path).</summary>
    public required string FileName { get; set; }

    public required string ContentType { get; set; }

    public long Size { get; set; }

    /// <summary>Lower-case hex SHA-256 of the content; also the stored file's name.</summary>
    public required string Sha256 { get; set; }

    public required string UploadedBy { get; set; }

    public DateTime UploadedAt { get; set; }
}
