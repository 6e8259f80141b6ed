using Tuopin.Domain.Common;

namespace Tuopin.Domain.Notices;

/// <summary>
/// The county's publication of a village's household-benefit list for a year (户受益公示): the household payments of the
/// fund ledger in the village that year, shown to the public from <see cref="StartsOn"/> to <see cref="EndsOn"/> (and kept
/// readable for the county's keep-days after). The list itself is read from the ledger when it is shown; this record is
/// only the county's decision to publish it and its period. One per village and year; publishing again moves the period.
/// </summary>
public sealed class BenefitNotice : IAreaBound
{
    public Guid Id { get; set; }

    public Guid CountyId { get; set; }

    public Guid TownshipId { get; set; }

    public Guid VillageId { get; set; }

    /// <summary>The year of the payments listed (by the day paid).</summary>
    public int Year { get; set; }

    public DateOnly StartsOn { get; set; }

    public DateOnly EndsOn { get; set; }

    public required string PublishedBy { get; set; }

    public DateTime PublishedAt { get; set; }

    public int Version { get; set; }
}
