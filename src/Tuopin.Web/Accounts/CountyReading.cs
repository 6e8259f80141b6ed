using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Tuopin.Application.Accounts;
using Tuopin.Domain.Accounts;

namespace Tuopin.Web.Accounts;

/// <summary>
/// The county a granted prefecture's or province's official reads (ADR 0016), carried in their cookie or bearer token as
/// <see cref="TuopinClaims.Reading"/> and checked on every request before anything reads the principal: against the account
/// as it is now (active, same role and region, still granted) and the county's place now (inside the region). A checked
/// county becomes <see cref="TuopinClaims.ReadingChecked"/> on this request's principal alone; anything else — a grant taken
/// back, a county moved out of the region, a claim naming a county outside it, a "checked" claim arriving from outside —
/// is dropped, and the official is back on their roll-up alone.
/// </summary>
public static class CountyReadingCheck
{
    /// <summary>The request's principal with its county checked, or without one.</summary>
    public static async ValueTask<ClaimsPrincipal> ApplyAsync(ClaimsPrincipal principal, AccountSessions sessions, CancellationToken ct)
    {
        var carried = principal.FindFirst(TuopinClaims.Reading);
        var forged = principal.HasClaim(c => c.Type == TuopinClaims.ReadingChecked);
        if (carried is null && !forged) return principal;
        var county = carried is not null && await IsReadableAsync(principal, carried.Value, sessions, ct) ? Guid.Parse(carried.Value) : (Guid?)null;
        return Rewrite(principal, county);
    }

    /// <summary>Whether a principal marked as reading a county may still read it (a Blazor circuit's sign-in, re-checked every few seconds).</summary>
    public static async ValueTask<bool> IsStillReadableAsync(ClaimsPrincipal principal, AccountSessions sessions, CancellationToken ct) =>
        principal.FindFirst(TuopinClaims.ReadingChecked) is not { } checkedCounty || await IsReadableAsync(principal, checkedCounty.Value, sessions, ct);

    private static async ValueTask<bool> IsReadableAsync(ClaimsPrincipal principal, string county, AccountSessions sessions, CancellationToken ct) =>
        Guid.TryParse(county, out var countyId)
        && Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var userId)
        && Enum.TryParse<Role>(principal.FindFirstValue(TuopinClaims.Role), out var role)
        && Permissions.CanBeGrantedCountyRecords(role)
        && principal.FindFirstValue(TuopinClaims.CountyRecords) == "true"
        && Guid.TryParse(principal.FindFirstValue(TuopinClaims.Region), out var region)
        && await sessions.MayReadCountyAsync(userId, role, region, countyId, ct);

    /// <summary>A copy without any county claim, plus the checked county if there is one (a new principal: the ticket's own is untouched).</summary>
    private static ClaimsPrincipal Rewrite(ClaimsPrincipal principal, Guid? county)
    {
        var identities = principal.Identities.Select(i =>
        {
            var copy = new ClaimsIdentity(i.Claims.Where(c => c.Type is not (TuopinClaims.Reading or TuopinClaims.ReadingChecked)), i.AuthenticationType, i.NameClaimType, i.RoleClaimType);
            return copy;
        }).ToList();
        if (county is { } c && identities.Count > 0)
        {
            identities[0].AddClaim(new Claim(TuopinClaims.Reading, c.ToString()));
            identities[0].AddClaim(new Claim(TuopinClaims.ReadingChecked, c.ToString()));
        }
        return new ClaimsPrincipal(identities);
    }

    /// <summary>
    /// Signs the official in again, reading the county or (null) none: a new cookie, or for a bearer token's caller a new
    /// token written as the answer (as POST /api/v1/auth/token writes it). The account's own claims are made afresh.
    /// </summary>
    public static async Task SignInAsync(HttpContext http, SignInManager<User> signIn, Guid? county)
    {
        var user = await signIn.UserManager.GetUserAsync(http.User) ?? throw new InvalidOperationException("The signed-in account is gone.");
        signIn.AuthenticationScheme = UsesBearer(http) ? IdentityConstants.BearerScheme : IdentityConstants.ApplicationScheme;
        Claim[] claims = county is { } c ? [new Claim(TuopinClaims.Reading, c.ToString())] : [];
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, claims);
    }

    public static bool UsesBearer(HttpContext http) =>
        http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    /// <summary>Identity renews a cookie's claims every so often from the account: the county being read goes along (and is checked again on the next request).</summary>
    public static Task KeepReadingAsync(SecurityStampRefreshingPrincipalContext context)
    {
        if (context.CurrentPrincipal?.FindFirst(TuopinClaims.Reading) is { } reading && context.NewPrincipal?.Identity is ClaimsIdentity identity)
            identity.AddClaim(new Claim(TuopinClaims.Reading, reading.Value));
        return Task.CompletedTask;
    }
}

/// <summary>
/// Marks an endpoint called with POST, PUT or DELETE that changes no record of the county (a search whose terms go in the
/// body, a what-if, the choice of the county a regional official reads): the policies let an official above the county, who
/// writes nothing, call it (<see cref="Hosting.WebApp.Policies.MayCall"/>). Every other such endpoint refuses them.
/// </summary>
public sealed class ChangesNoRecord
{
    public static readonly ChangesNoRecord Instance = new();
}

public static class ChangesNoRecordExtensions
{
    public static TBuilder ChangesNoRecord<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(Accounts.ChangesNoRecord.Instance);
}
