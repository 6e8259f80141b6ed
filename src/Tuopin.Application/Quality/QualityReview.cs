using Tuopin.Domain.Common;

namespace Tuopin.Application.Quality;

public enum ReviewResolution { Explained = 1, Fixed = 2 }

/// <summary>
/// An officer's word on one finding of one rule: explained (the data is right, the rule does not fit
/// this case; the finding stops counting as open) or fixed (the data was corrected; if the rule still
/// fails, the finding shows again as open). One per rule and subject, updated in place, audited.
/// </summary>
public sealed class QualityReview : IHouseholdOwned, IAreaBound
{
    public Guid Id { get; set; }

    public required string RuleCode { get; set; }

    /// <summary>The member for a member rule, else the household.</summary>
    public Guid SubjectId { get; set; }

    public Guid HouseholdId { get; set; }

    public Guid CountyId { get; set; }

    public Guid TownshipId { get; set; }

    public Guid VillageId { get; set; }

    public ReviewResolution Resolution { get; set; }

    public required string Reason { get; set; }

    public required string ReviewedBy { get; set; }

    public DateTime ReviewedAt { get; set; }
}
