using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Storage;

namespace Tuopin.Application.Accounts;

/// <summary>
/// Whether a signed-in session (a cookie, a bearer token or a Blazor circuit) is still the account's:
/// its security stamp is the account's current one (a changed password, role, area or department,
/// or a password reset, gives the account a new stamp) and the account is not disabled. Asked on
/// every request; an answer is reused for a few seconds so that a busy server does not read the
/// account on every call, and changes made in this process are seen at once.
/// Also whether a regional official's session may still read the county it chose (<see cref="MayReadCountyAsync"/>).
/// </summary>
public sealed class AccountSessions(TuopinDbFactory factory)
{
    /// <summary>How long an answer is reused: a change made by another process (a shell command) takes effect within it.</summary>
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(5);

    /// <summary>The claim type Identity writes the security stamp under (ClaimsIdentityOptions' default).</summary>
    public const string StampClaim = "AspNet.Identity.SecurityStamp";

    private sealed record State(string? Stamp, bool Active, long ReadAt, Domain.Accounts.Role Role = default, Guid? RegionId = null, bool CountyRecords = false);

    /// <summary>Where a county is placed: its prefecture and that prefecture's province (none in a database of one county).</summary>
    private sealed record Place(Guid? PrefectureId, Guid? ProvinceId, long ReadAt);

    private readonly ConcurrentDictionary<Guid, State> _states = new();

    private readonly ConcurrentDictionary<Guid, Place> _places = new();

    /// <summary>Whether the principal's session is still valid; false for a changed, disabled or deleted account.</summary>
    public async ValueTask<bool> IsCurrentAsync(ClaimsPrincipal principal, CancellationToken ct = default)
    {
        if (principal.Identity?.IsAuthenticated != true) return true;
        if (!Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id)) return false;
        var stamp = principal.FindFirstValue(StampClaim);
        var state = await StateAsync(id, ct);
        return state.Active && stamp is not null && string.Equals(stamp, state.Stamp, StringComparison.Ordinal);
    }

    /// <summary>
    /// Whether the account may read this county's records now (ADR 0016): it is active, still a prefecture's or province's
    /// official with the grant, and the county is placed inside its region — asked of the account and the county as they are
    /// (within <see cref="Freshness"/>), never of what the session's claims say; the session's role and region must be the
    /// account's too. False for anything else, so that a session whose grant was taken back, whose county moved out of the
    /// region, or whose claim names another county than it may read goes back to the roll-up alone.
    /// </summary>
    public async ValueTask<bool> MayReadCountyAsync(Guid userId, Domain.Accounts.Role role, Guid? regionId, Guid countyId, CancellationToken ct = default)
    {
        if (countyId == Guid.Empty) return false;
        var state = await StateAsync(userId, ct);
        if (!state.Active || state.Role != role || state.RegionId != regionId) return false;
        var place = await PlaceAsync(countyId, ct);
        return Domain.Accounts.Permissions.CanReadCountyRecords(state.Role, state.RegionId, state.CountyRecords, place?.PrefectureId, place?.ProvinceId);
    }

    /// <summary>Forgets what is known of an account, after it changed in this process.</summary>
    public void Forget(Guid userId) => _states.TryRemove(userId, out _);

    private async ValueTask<State> StateAsync(Guid id, CancellationToken ct)
    {
        var now = Environment.TickCount64;
        if (_states.TryGetValue(id, out var known) && now - known.ReadAt < Freshness.TotalMilliseconds) return known;
        await using var db = factory.CreateForOperator("sessions");
        var row = await db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new { u.SecurityStamp, u.DisabledAt, u.Role, u.RegionId, u.ReadsCountyRecords })
            .FirstOrDefaultAsync(ct);
        var state = new State(row?.SecurityStamp, row is { DisabledAt: null }, now, row?.Role ?? default, row?.RegionId, row?.ReadsCountyRecords ?? false);
        if (_states.Count > 10_000) _states.Clear();
        _states[id] = state;
        return state;
    }

    private async ValueTask<Place?> PlaceAsync(Guid countyId, CancellationToken ct)
    {
        var now = Environment.TickCount64;
        if (_places.TryGetValue(countyId, out var known) && now - known.ReadAt < Freshness.TotalMilliseconds) return known;
        await using var db = factory.CreateForOperator("sessions");
        var row = await (from c in db.Counties.AsNoTracking()
                         where c.Id == countyId
                         join p in db.Prefectures.AsNoTracking() on c.PrefectureId equals p.Id into ps
                         from p in ps.DefaultIfEmpty()
                         select new { c.PrefectureId, ProvinceId = p == null ? (Guid?)null : p.ProvinceId })
            .FirstOrDefaultAsync(ct);
        if (row is null) return null;
        var place = new Place(row.PrefectureId, row.ProvinceId, now);
        if (_places.Count > 10_000) _places.Clear();
        _places[countyId] = place;
        return place;
    }
}
