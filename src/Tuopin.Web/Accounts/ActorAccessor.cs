using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Tuopin.Application.Accounts;
using Tuopin.Domain.Accounts;

namespace Tuopin.Web.Accounts;

/// <summary>
/// The actor of the current HTTP request or Blazor circuit, read from the signed-in principal.
/// Requests set it in middleware; circuits set it from their authentication state.
/// </summary>
public sealed class ActorAccessor : ICurrentActor
{
    private ClaimsPrincipal? _principal;
    private Actor? _actor;

    public ClaimsPrincipal? Principal
    {
        get => _principal;
        set
        {
            _principal = value;
            _actor = value is null ? null : TuopinClaims.ToActor(value) is { } actor ? actor with { Client = Client } : null;
        }
    }

    /// <summary>The client's address, recorded with what the actor does; set before the principal.</summary>
    public string? Client { get; set; }

    public Actor? Actor => _actor;
}

/// <summary>The claims that carry an official's role and area, and how they become an actor.</summary>
public static class TuopinClaims
{
    public const string Role = "tuopin:role";
    public const string County = "tuopin:county";
    public const string Township = "tuopin:township";
    public const string Village = "tuopin:village";
    public const string Region = "tuopin:region";
    public const string DisplayName = "tuopin:display_name";
    public const string MustChangePassword = "tuopin:must_change_password";
    public const string Department = "tuopin:department";
    public const string Unit = "tuopin:unit";
    public const string DisciplineGroup = "tuopin:discipline_group";

    /// <summary>A regional official's grant to read the counties of their area (ADR 0016), as the account had it at sign-in.</summary>
    public const string CountyRecords = "tuopin:county_records";

    /// <summary>The county a granted regional official chose to read (its id), carried in their cookie or token; never trusted as it is.</summary>
    public const string Reading = "tuopin:reading";

    /// <summary>
    /// The county of <see cref="Reading"/> once this request has checked it against the account and the county as they are now
    /// (<see cref="CountyReadingCheck"/>): added to the request's principal only, never written into a cookie or token, and
    /// the only claim <see cref="ToActor"/> reads a county to read from.
    /// </summary>
    public const string ReadingChecked = "tuopin:reading_checked";

    public static Actor? ToActor(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true) return null;
        if (!Enum.TryParse<Role>(principal.FindFirstValue(Role), out var role)) return null;
        if (!Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id)) return null;
        Guid.TryParse(principal.FindFirstValue(County), out var county);
        Guid? township = Guid.TryParse(principal.FindFirstValue(Township), out var t) ? t : null;
        Guid? village = Guid.TryParse(principal.FindFirstValue(Village), out var v) ? v : null;
        var scope = Permissions.LevelOf(role) switch
        {
            AreaLevel.Township => AreaScope.Township(county, township ?? Guid.Empty),
            AreaLevel.Village => AreaScope.Village(county, township ?? Guid.Empty, village ?? Guid.Empty),
            AreaLevel.Prefecture or AreaLevel.Province => AreaScope.Region(Permissions.LevelOf(role), Guid.TryParse(principal.FindFirstValue(Region), out var r) ? r : Guid.Empty),
            _ => AreaScope.County(county),
        };
        Domain.Accounts.Department? department = role == Domain.Accounts.Role.LineDepartment && Enum.TryParse<Domain.Accounts.Department>(principal.FindFirstValue(Department), out var d) ? d : null;
        var granted = Permissions.CanBeGrantedCountyRecords(role) && principal.FindFirstValue(CountyRecords) == "true";
        // A granted regional official reading a county their request has checked: that county's scope, the inspector's reading, no write.
        if (granted && scope.IsRegion && Guid.TryParse(principal.FindFirstValue(ReadingChecked), out var reading) && reading != Guid.Empty)
            return Actor.ReadingCounty(id, principal.Identity.Name ?? id.ToString(), role, scope, reading) with { DisplayName = principal.FindFirst(TuopinClaims.DisplayName)?.Value };
        return new Actor(id, principal.Identity.Name ?? id.ToString(), role, scope, department)
        {
            DisplayName = principal.FindFirst(TuopinClaims.DisplayName)?.Value,
            UnitId = Guid.TryParse(principal.FindFirstValue(Unit), out var unit) ? unit : null,
            DisciplineGroup = principal.FindFirstValue(DisciplineGroup) == "true",
            CountyRecordsGranted = granted,
        };
    }
}

/// <summary>Gives each Blazor circuit its actor, and follows sign-in changes within the circuit.</summary>
public sealed class ActorCircuitHandler(ActorAccessor accessor, AuthenticationStateProvider authentication, IHttpContextAccessor http) : CircuitHandler, IDisposable
{
    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        accessor.Client = http.HttpContext?.Connection.RemoteIpAddress?.ToString();
        accessor.Principal = (await authentication.GetAuthenticationStateAsync()).User;
        authentication.AuthenticationStateChanged += OnChanged;
    }

    private async void OnChanged(Task<AuthenticationState> state) => accessor.Principal = (await state).User;

    public void Dispose() => authentication.AuthenticationStateChanged -= OnChanged;
}
