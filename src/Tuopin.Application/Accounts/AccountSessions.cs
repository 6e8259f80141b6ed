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
/// </summary>
public sealed class AccountSessions(TuopinDbFactory factory)
{
    /// <summary>How long an answer is reused: a change made by another process (a shell command) takes effect within it.</summary>
    public static readonly TimeSpan Freshness = TimeSpan.FromSeconds(5);

    /// <summary>The claim type Identity writes the security stamp under (ClaimsIdentityOptions' default).</summary>
    public const string StampClaim = "AspNet.Identity.SecurityStamp";

    private sealed record State(string? Stamp, bool Active, long ReadAt);

    private readonly ConcurrentDictionary<Guid, State> _states = new();

    /// <summary>Whether the principal's session is still valid; false for a changed, disabled or deleted account.</summary>
    public async ValueTask<bool> IsCurrentAsync(ClaimsPrincipal principal, CancellationToken ct = default)
    {
        if (principal.Identity?.IsAuthenticated != true) return true;
        if (!Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id)) return false;
        var stamp = principal.FindFirstValue(StampClaim);
        var state = await StateAsync(id, ct);
        return state.Active && stamp is not null && string.Equals(stamp, state.Stamp, StringComparison.Ordinal);
    }

    /// <summary>Forgets what is known of an account, after it changed in this process.</summary>
    public void Forget(Guid userId) => _states.TryRemove(userId, out _);

    private async ValueTask<State> StateAsync(Guid id, CancellationToken ct)
    {
        var now = Environment.TickCount64;
        if (_states.TryGetValue(id, out var known) && now - known.ReadAt < Freshness.TotalMilliseconds) return known;
        await using var db = factory.CreateForOperator("sessions");
        var row = await db.Users.AsNoTracking().Where(u => u.Id == id)
            .Select(u => new { u.SecurityStamp, u.DisabledAt })
            .FirstOrDefaultAsync(ct);
        var state = new State(row?.SecurityStamp, row is { DisabledAt: null }, now);
        if (_states.Count > 10_000) _states.Clear();
        _states[id] = state;
        return state;
    }
}
