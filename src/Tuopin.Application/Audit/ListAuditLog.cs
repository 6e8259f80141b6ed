using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Accounts;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;

namespace Tuopin.Application.Audit;

/// <summary>What the county's audit log lists: changes, sign-ins, reads of personal data, exports.</summary>
public enum AuditLogKind { Changes = 1, SignIns = 2, Reads = 3, Exports = 4 }

/// <summary>
/// The county's audit log (审计日志): who changed what, when — newest first, filtered by person, area, record type,
/// kind and date, a page at a time (keyed by the entry's place in the chain, so that a page stays the same while
/// new entries arrive). For the county office and the inspectors (<see cref="Permissions.CanReadAuditLog"/>), and an
/// official above the county reading a county on their grant as its inspector; each reads their county's entries alone
/// (<see cref="AuditCounties"/>), the operator at a shell every county's.
/// </summary>
public sealed class ListAuditLog(Database database)
{
    public const int PageSize = 50;

    /// <summary>
    /// <paramref name="User"/> is a login name or a part of one; dates are the county's calendar days (from and to both
    /// included); <paramref name="Before"/> is the sequence the next page starts below.
    /// </summary>
    public sealed record Filter(string? User = null, Guid? TownshipId = null, Guid? VillageId = null, string? EntityType = null,
        AuditLogKind? Kind = null, DateOnly? From = null, DateOnly? To = null, long? Before = null, Guid? HouseholdId = null);

    /// <summary>One entry as the log shows it; <c>County</c> is its county's name (the operator's log holds every county's), null for an entry of none.</summary>
    public sealed record Row(long Sequence, DateTime At, DateTime AtLocal, string UserName, string? DisplayName, AuditAction Action, LocalText ActionName,
        string EntityType, LocalText TypeName, Guid EntityId, Guid? HouseholdId, string? Township, string? Village, string Changes, string? Reason, string? Client,
        string? County = null);

    /// <summary>One page; <see cref="Next"/> is the <see cref="Filter.Before"/> of the following page, null on the last.</summary>
    public sealed record Page(IReadOnlyList<Row> Rows, long? Next, int Matching);

    public static void RequireReader(Actor actor)
    {
        if (!actor.CanReadAuditLog)
            throw new ForbiddenException(new LocalText("审计日志只对县扶贫办和督查人员开放", "The audit log is for the county office and the inspectors"));
    }

    public async Task<Page> HandleAsync(Filter filter, CancellationToken ct = default)
    {
        RequireReader(database.Actor);
        await using var db = database.Open();
        var query = await QueryAsync(db, filter, database.Clock, ct);
        var matching = await query.CountAsync(ct);
        if (filter.Before is { } before) query = query.Where(a => a.Sequence < before);
        var entries = await query.OrderByDescending(a => a.Sequence).Take(PageSize + 1).ToListAsync(ct);
        var rows = await RowsAsync(db, entries.Take(PageSize).ToList(), database.Clock, ct);
        return new Page(rows, entries.Count > PageSize ? rows[^1].Sequence : null, matching);
    }

    /// <summary>The record types that occur in the log, for the filter's list.</summary>
    public async Task<IReadOnlyList<(string Code, LocalText Name)>> TypesAsync(CancellationToken ct = default)
    {
        RequireReader(database.Actor);
        await using var db = database.Open();
        var types = await (await AuditCounties.VisibleAsync(db, db.AuditEntries.AsNoTracking(), ct)).Select(a => a.EntityType).Distinct().ToListAsync(ct);
        return [.. types.Select(t => (t, AuditNames.Type(t))).OrderBy(t => t.Item2.Zh, StringComparer.Ordinal)];
    }

    /// <summary>The filter's entries of the context's actor's county (<see cref="AuditCounties.VisibleAsync"/>), for the list and the export alike.</summary>
    internal static async Task<IQueryable<AuditEntry>> QueryAsync(TuopinDb db, Filter filter, TimeProvider clock, CancellationToken ct)
    {
        var query = await AuditCounties.VisibleAsync(db, db.AuditEntries.AsNoTracking().Where(a => a.Sequence != null), ct);
        if (!string.IsNullOrWhiteSpace(filter.User))
        {
            var user = filter.User.Trim();
            query = query.Where(a => a.UserName.Contains(user));
        }
        if (filter.VillageId is { } village) query = query.Where(a => a.VillageId == village);
        else if (filter.TownshipId is { } township) query = query.Where(a => a.TownshipId == township);
        if (filter.HouseholdId is { } household) query = query.Where(a => a.HouseholdId == household);
        if (!string.IsNullOrWhiteSpace(filter.EntityType))
        {
            var type = filter.EntityType.Trim();
            query = query.Where(a => a.EntityType == type);
        }
        query = filter.Kind switch
        {
            AuditLogKind.Changes => query.Where(a => a.Action <= AuditAction.Bulk),
            AuditLogKind.SignIns => query.Where(a => a.Action == AuditAction.SignIn || a.Action == AuditAction.SignInRefused),
            AuditLogKind.Reads => query.Where(a => a.Action == AuditAction.Read),
            AuditLogKind.Exports => query.Where(a => a.Action == AuditAction.Export),
            _ => query,
        };
        if (filter.From is { } from)
        {
            var start = Utc(from, clock);
            query = query.Where(a => a.At >= start);
        }
        if (filter.To is { } to)
        {
            var end = Utc(to.AddDays(1), clock);
            query = query.Where(a => a.At < end);
        }
        return query;
    }

    /// <summary>The start of a county calendar day, in UTC (the log keeps UTC).</summary>
    private static DateTime Utc(DateOnly day, TimeProvider clock) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), clock.LocalTimeZone);

    internal static async Task<IReadOnlyList<Row>> RowsAsync(TuopinDb db, IReadOnlyList<AuditEntry> entries, TimeProvider clock, CancellationToken ct)
    {
        // Names of people and places, read once for the page (the entries keep login names and ids).
        var userIds = entries.Where(e => e.UserId != null).Select(e => e.UserId!.Value).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var townshipIds = entries.Where(e => e.TownshipId != null).Select(e => e.TownshipId!.Value).Distinct().ToList();
        var townships = await db.Townships.IgnoreQueryFilters().AsNoTracking().Where(t => townshipIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        var villageIds = entries.Where(e => e.VillageId != null).Select(e => e.VillageId!.Value).Distinct().ToList();
        var villages = await db.Villages.IgnoreQueryFilters().AsNoTracking().Where(v => villageIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, v => v.Name, ct);
        var countyIds = entries.Where(e => e.CountyId != null).Select(e => e.CountyId!.Value).Distinct().ToList();
        var counties = await db.Counties.AsNoTracking().Where(c => countyIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, ct);
        return [.. entries.Select(e => new Row(e.Sequence!.Value, e.At, TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(e.At, DateTimeKind.Utc), clock.LocalTimeZone),
            e.UserName, e.UserId is { } id && names.TryGetValue(id, out var name) ? name : null, e.Action, AuditNames.Action(e.Action),
            e.EntityType, AuditNames.Type(e.EntityType), e.EntityId, e.HouseholdId,
            e.TownshipId is { } t && townships.TryGetValue(t, out var tn) ? tn : null, e.VillageId is { } v && villages.TryGetValue(v, out var vn) ? vn : null,
            e.Changes, e.Reason, e.Client, e.CountyId is { } c && counties.TryGetValue(c, out var cn) ? cn : null))];
    }
}
