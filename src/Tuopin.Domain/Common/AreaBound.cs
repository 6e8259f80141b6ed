namespace Tuopin.Domain.Common;

/// <summary>
/// A record that belongs to one county: a database may hold many (a province's), and a county's users see and change only
/// their own county's. The query filters and the save-time guard read <see cref="CountyId"/>; where in the county the record
/// is (an optional township or village, several villages, a unit) is the concern's own rule, in its access helper. Every
/// entity with a county key implements this, directly or through <see cref="IAreaBound"/>, unless it is named as
/// deliberately not county-bound (the places, the accounts, the roll-up's tallies).
/// </summary>
public interface ICountyBound
{
    Guid CountyId { get; }
}

/// <summary>
/// A record that belongs to a place: the area rules (query filters and the save-time guard) read
/// these keys. Every entity with a village, township or household key implements this or
/// <see cref="IHouseholdOwned"/>.
/// </summary>
public interface IAreaBound : ICountyBound
{
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
