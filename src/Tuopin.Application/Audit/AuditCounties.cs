using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Accounts;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;

namespace Tuopin.Application.Audit;

/// <summary>
/// Whose an audit entry is, in a database of several counties (ADR 0010, amendment): each entry carries its county
/// (<see cref="AuditEntry.CountyId"/>), set when it is written, and every reader of the log — the audit-log page, the API,
/// its export, the household's history, the verbs — sees the entries of the actor's county alone. The operator at a shell
/// sees all. Entries without a county (written before entries carried one, or of no county) are the one county's in a
/// database that holds exactly one, and nobody's but the operator's in a database of several: they are never given a county
/// afterwards, because the chain's hashes and the database's triggers keep them as they were written.
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

    /// <summary>
    /// A record's own entries (a household's history, which the record's visibility to the user opens) as its county reads them:
    /// its county's, and those without a county, which were written of it before entries carried one.
    /// </summary>
    public static IQueryable<AuditEntry> OfRecordIn(this IQueryable<AuditEntry> entries, Guid county) =>
        entries.Where(a => a.CountyId == county || a.CountyId == null);

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

    /// <summary>
    /// What of the log a reader sees: everything (the operator), or one county's entries and — when <see cref="Unplaced"/> —
    /// the entries without a county. Nobody else sees any (<see cref="County"/> null).
    /// </summary>
    public sealed record Reader(bool All, Guid? County, bool Unplaced)
    {
        /// <summary>Whether an entry of this county (null: none) is this reader's: the same rule as <see cref="VisibleAsync"/>, in memory.</summary>
        public bool Sees(Guid? county) => All || (county is null ? Unplaced : County is not null && county == County);
    }

    /// <summary>The context's actor as a reader of the log; asks the database whether it holds one county, the actor's.</summary>
    public static async Task<Reader> ReaderAsync(TuopinDb db, CancellationToken ct = default)
    {
        if (db.Actor.Scope.Level == AreaLevel.Everything) return new Reader(true, null, true);
        if (Of(db.Actor) is not { } county) return new Reader(false, null, false);
        var counties = await db.Counties.AsNoTracking().Select(c => c.Id).Take(2).ToListAsync(ct);
        return new Reader(false, county, counties.Count == 1 && counties[0] == county);
    }

    /// <summary>
    /// The entries the context's actor reads (<see cref="ReaderAsync"/>): in a database of several counties one condition,
    /// <c>county_id = @county</c>, on the index (county_id, sequence) that pages the log newest first.
    /// </summary>
    public static async Task<IQueryable<AuditEntry>> VisibleAsync(TuopinDb db, IQueryable<AuditEntry> entries, CancellationToken ct = default)
    {
        var reader = await ReaderAsync(db, ct);
        if (reader.All) return entries;
        if (reader.County is not { } county) return entries.Where(a => false);
        return reader.Unplaced ? entries.Where(a => a.CountyId == county || a.CountyId == null) : entries.Where(a => a.CountyId == county);
    }
}
