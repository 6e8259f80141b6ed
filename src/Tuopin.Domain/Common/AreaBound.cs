namespace Tuopin.Domain.Common;

/// <summary>
/// A record that belongs to a place: the area rules (query filters and the save-time guard) read
/// these keys. Every entity with a village, township or household key implements this or
/// <see cref="IHouseholdOwned"/>.
/// </summary>
public interface IAreaBound
{
    Guid CountyId { get; }

    Guid TownshipId { get; }

    Guid VillageId { get; }
}

/// <summary>
/// A record that belongs to a household: it takes its area from the household, so that it cannot
/// drift from it when the household moves. If it also carries the area keys (<see cref="IAreaBound"/>),
/// they are copies set from the household when saving, never by hand.
/// </summary>
public interface IHouseholdOwned
{
    Guid HouseholdId { get; }
}
