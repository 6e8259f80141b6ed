using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Tuopin.Application.Accounts;

namespace Tuopin.Web.Accounts;

/// <summary>
/// Checks a live Blazor circuit's sign-in every few seconds: when the account's password, role or
/// area changed, or it was disabled, the circuit becomes signed out, its actor sees nothing, and the
/// page sends the browser to the sign-in page.
/// </summary>
public sealed class SessionRevalidation(ILoggerFactory loggers, AccountSessions sessions, IConfiguration configuration)
    : RevalidatingServerAuthenticationStateProvider(loggers)
{
    protected override TimeSpan RevalidationInterval { get; } =
        TimeSpan.FromSeconds(configuration.GetValue<double?>("Tuopin:SessionRevalidationSeconds") ?? 10);

    // A circuit reading a county on a regional official's grant ends too when the grant or the county's place no longer allows it.
    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct) =>
        await sessions.IsCurrentAsync(state.User, ct) && await CountyReadingCheck.IsStillReadableAsync(state.User, sessions, ct);
}

/// <summary>Headers that keep browsers from sniffing types, leaking addresses, framing pages, or speaking plain HTTP once HTTPS was seen.</summary>
public static class SecurityHeaders
{
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            headers.XFrameOptions = "DENY";
            headers.ContentSecurityPolicy = "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";
            if (context.Request.IsHttps) headers.StrictTransportSecurity = "max-age=31536000";
            return Task.CompletedTask;
        });
        await next(context);
    });
}
