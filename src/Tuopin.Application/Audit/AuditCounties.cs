using Tuopin.Application.Accounts;
using Tuopin.Domain.Accounts;

namespace Tuopin.Application.Audit;

/// <summary>
/// Whose an audit entry is, in a database of several counties (ADR 0010, amendment): each entry carries its county
/// (<see cref="AuditEntry.CountyId"/>), set when it is written. Entries written before entries carried one keep none: the
/// chain's hashes and the database's triggers keep them as they were written.
/// </summary>
public static class AuditCounties
{
    /// <summary>
    /// The county an actor's own entries are filed under when their record has none of its own (a sign-in, an export, a
    /// county-wide setting): the county of a county's, township's or village's official, and of an official above the county
    /// while reading a county on their grant; none for the operator and for an official on their roll-up.
    /// </summary>
    public static Guid? Of(Actor actor) =>
        (actor.Scope.Level is AreaLevel.County or AreaLevel.Township or AreaLevel.Village) && actor.Scope.CountyId != Guid.Empty ? actor.Scope.CountyId : null;

    /// <summary>A county key as an entry keeps it: an empty one (an account above the county, a record of none) is none.</summary>
    public static Guid? Known(Guid county) => county == Guid.Empty ? null : county;

    /// <summary>The county a batch of records shares (a bulk load's or an import's one entry); none when they are of several counties, or of none.</summary>
    public static Guid? Shared(IEnumerable<Guid> counties)
    {
        Guid? one = null;
        foreach (var county in counties)
        {
            if (county == Guid.Empty || one is not null && one != county) return null;
            one = county;
        }
        return one;
    }
}
