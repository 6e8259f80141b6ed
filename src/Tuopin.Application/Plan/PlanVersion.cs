using Tuopin.Domain.Common;

namespace Tuopin.Application.Plan;

/// <summary>
/// One version of a county's plan in the database: the whole plan document as it stood, who made it and
/// what changed. Versions are never changed or deleted; the highest is the plan in force.
/// </summary>
public sealed class PlanVersion : ICountyBound
{
    public Guid Id { get; set; }

    public Guid CountyId { get; set; }

    /// <summary>1, 2, 3 … per county.</summary>
    public int Version { get; set; }

    public required string Title { get; set; }

    /// <summary>The plan as JSON (<see cref="PlanDocument"/>).</summary>
    public required string Document { get; set; }

    public DateTime CreatedAt { get; set; }

    public required string CreatedBy { get; set; }

    /// <summary>What this version changed (e.g. "years.2016.households: 5217 → 5300"), or where it was loaded from.</summary>
    public required string Change { get; set; }

    public string? Reason { get; set; }

    public PlanDocument Parse() => PlanDocument.Parse(Document);
}
