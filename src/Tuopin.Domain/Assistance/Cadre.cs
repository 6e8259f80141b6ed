using Tuopin.Domain.Common;

namespace Tuopin.Domain.Assistance;

/// <summary>
/// A cadre who helps households (帮扶责任人): a county official of a work unit, paired with one or more poor
/// households. Cadres belong to the county, not to a village (a unit's cadres help households anywhere in it), so
/// every user of the county reads them; their phone is personal data, kept encrypted and shown masked to roles
/// that may not see it.
/// </summary>
public sealed class Cadre : ICountyBound
{
    public Guid Id { get; set; }

    public Guid CountyId { get; set; }

    public required string Name { get; set; }

    /// <summary>工作单位, e.g. 县教育局.</summary>
    public required string WorkUnit { get; set; }

    /// <summary>职务, e.g. 副局长, 科员.</summary>
    public string? Position { get; set; }

    public string? PhoneCipher { get; set; }

    public int Version { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}

/// <summary>
/// A cadre's pairing with a household (结对帮扶), from a day to a day. A household has one responsible cadre at a
/// time: assigning another ends the current pairing the day before the new one starts, so the history shows who
/// was responsible on any day.
/// </summary>
public sealed class CadreAssignment : IHouseholdOwned, IAreaBound
{
    public Guid Id { get; set; }

    public Guid HouseholdId { get; set; }

    public Guid CountyId { get; set; }

    public Guid TownshipId { get; set; }

    public Guid VillageId { get; set; }

    public Guid CadreId { get; set; }

    public Cadre? Cadre { get; set; }

    public DateOnly StartedOn { get; set; }

    /// <summary>The last day of the pairing; null while it lasts.</summary>
    public DateOnly? EndedOn { get; set; }

    public string? EndReason { get; set; }

    public required string RecordedBy { get; set; }

    public DateTime RecordedAt { get; set; }

    public bool IsOpenOn(DateOnly day) => StartedOn <= day && (EndedOn is null || EndedOn >= day);
}

/// <summary>
/// The resident work team of a village (驻村工作队): the unit that stations it, its first secretary (第一书记), its
/// leader and members, from a day to a day. Every poor village has one while it is poor.
/// </summary>
public sealed class WorkTeam : IAreaBound
{
    public Guid Id { get; set; }

    public Guid CountyId { get; set; }

    public Guid TownshipId { get; set; }

    public Guid VillageId { get; set; }

    /// <summary>派驻单位.</summary>
    public required string StationedUnit { get; set; }

    /// <summary>第一书记.</summary>
    public required string FirstSecretary { get; set; }

    /// <summary>工作队长 (often the first secretary too).</summary>
    public string? Leader { get; set; }

    /// <summary>队员, names separated by 、.</summary>
    public string? Members { get; set; }

    public DateOnly StartedOn { get; set; }

    public DateOnly? EndedOn { get; set; }

    public int Version { get; set; }

    public DateTime UpdatedAt { get; set; }

    public bool IsOpenOn(DateOnly day) => StartedOn <= day && (EndedOn is null || EndedOn >= day);
}
