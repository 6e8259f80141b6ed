using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Tuopin.Application.Accounts;
using Tuopin.Web.Accounts;

namespace Tuopin.Web.Api;

public static class TuopinApi
{
    public sealed record TokenRequest(string UserName, string Password);

    public sealed record PasswordChange(string UserName, string CurrentPassword, string NewPassword);

    /// <summary>Everything under /api/v1, with use-case refusals turned into HTTP answers.</summary>
    public static IEndpointRouteBuilder MapTuopinApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").AddEndpointFilter<CookieAntiforgery>().AddEndpointFilter<ApiErrors>();
        api.MapRegistryEndpoints();
        api.MapPlacesEndpoints();
        api.MapPlanEndpoints();
        api.MapConditionsEndpoints();
        api.MapExitEndpoints();
        api.MapAssistanceEndpoints();
        api.MapHousingEndpoints();
        api.MapIndustryEndpoints();
        api.MapCreditEndpoints();
        api.MapNoticesEndpoints();
        api.MapFundsEndpoints();
        api.MapProjectsEndpoints();
        api.MapOrganisationEndpoints();
        api.MapSupervisionEndpoints();
        api.MapQualityEndpoints();
        api.MapAccountsEndpoints();
        api.MapAuditEndpoints();
        api.MapReportsEndpoints();

        // The bearer handler writes { tokenType, accessToken, expiresIn, refreshToken } itself.
        api.MapPost("/auth/token", async Task<IResult> (TokenRequest request, HttpContext http, PasswordSignIn check, SignInManager<User> signIn) =>
            {
                var result = await check.CheckAsync(request.UserName, request.Password, PasswordSignIn.Client(http));
                if (result.Outcome == PasswordSignIn.Outcome.Disabled)
                    return TypedResults.Problem(title: PasswordSignIn.DisabledText.Current, statusCode: StatusCodes.Status403Forbidden);
                if (!result.Succeeded)
                    return TypedResults.Problem(title: PasswordSignIn.RefusedText.Current, statusCode: StatusCodes.Status401Unauthorized);
                // A generated password opens nothing until the user has chosen their own.
                if (result.User!.MustChangePassword)
                    return TypedResults.Problem(title: PasswordSignIn.MustChangeText.Current, statusCode: StatusCodes.Status403Forbidden,
                        extensions: new Dictionary<string, object?> { ["mustChangePassword"] = true });
                signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
                await signIn.SignInAsync(result.User, isPersistent: false);
                return TypedResults.Empty;
            })
            .AllowAnonymous()
            .WithTags("Accounts 账号")
            .WithSummary("Exchange a user name and password for a bearer token (refused, 403, while the password is a generated one)");

        api.MapGet("/auth/antiforgery", (HttpContext http, Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery) =>
            {
                var tokens = antiforgery.GetAndStoreTokens(http);
                return TypedResults.Ok(new { headerName = CookieAntiforgery.HeaderName, token = tokens.RequestToken });
            })
            .RequireAuthorization()
            .WithTags("Accounts 账号")
            .WithSummary("The antiforgery token a browser session (signed in with the cookie) sends in the RequestVerificationToken header when it changes data");

        api.MapPost("/auth/password", async Task<IResult> (PasswordChange request, HttpContext http, PasswordSignIn check, ChangePassword change) =>
            {
                var result = await check.CheckAsync(request.UserName, request.CurrentPassword, PasswordSignIn.Client(http));
                if (result.Outcome == PasswordSignIn.Outcome.Disabled)
                    return TypedResults.Problem(title: PasswordSignIn.DisabledText.Current, statusCode: StatusCodes.Status403Forbidden);
                if (!result.Succeeded)
                    return TypedResults.Problem(title: PasswordSignIn.RefusedText.Current, statusCode: StatusCodes.Status401Unauthorized);
                await change.HandleAsync(result.User!, request.CurrentPassword, request.NewPassword);
                return TypedResults.NoContent();
            })
            .AllowAnonymous()
            .WithTags("Accounts 账号")
            .WithSummary("Change one's own password with the current one (also the generated one); every earlier token of the account stops working");
        return app;
    }

    /// <summary>Sign-out and the language switch, used by the web UI.</summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/logout", async (HttpContext context) =>
        {
            await context.SignOutAsync(IdentityConstants.ApplicationScheme);
            return TypedResults.LocalRedirect("/login");
        }).RequireAuthorization().ChangesNoRecord().ExcludeFromDescription();

        // The roll-up's buttons (plain forms, as sign-out's): a granted regional official starts reading a county of their area,
        // masked and read-only, or goes back to the roll-up alone (ADR 0016). A refused choice ends on the 403 page.
        app.MapPost("/rollup/counties/{code}/read", async Task<IResult> (string code, HttpContext http, ChooseCountyToRead choose, SignInManager<User> signIn, CancellationToken ct) =>
        {
            try
            {
                var county = await choose.HandleAsync(new ChooseCountyToRead.Request(code), ct);
                await CountyReadingCheck.SignInAsync(http, signIn, county.CountyId);
                // A bearer token's caller has its new token as the answer already; a browser goes to the county's overview.
                return CountyReadingCheck.UsesBearer(http) ? TypedResults.Empty : TypedResults.LocalRedirect("/");
            }
            catch (Application.Common.UseCaseException)
            {
                return TypedResults.Forbid();
            }
        }).RequireAuthorization(Hosting.WebApp.Policies.Rollup).ChangesNoRecord().ExcludeFromDescription();
        app.MapPost("/rollup/leave", async Task<IResult> (HttpContext http, SignInManager<User> signIn) =>
        {
            if (!Domain.Accounts.Permissions.IsRegional(Enum.TryParse<Domain.Accounts.Role>(http.User.FindFirst(TuopinClaims.Role)?.Value, out var role) ? role : default))
                return TypedResults.Forbid();
            await CountyReadingCheck.SignInAsync(http, signIn, null);
            return CountyReadingCheck.UsesBearer(http) ? TypedResults.Empty : TypedResults.LocalRedirect("/rollup");
        }).RequireAuthorization(Hosting.WebApp.Policies.Rollup).ChangesNoRecord().ExcludeFromDescription();

        app.MapGet("/culture/{culture}", (string culture, string? returnUrl, HttpContext context, TimeProvider clock) =>
        {
            var chosen = culture == "en" ? "en" : "zh-CN";
            context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { Expires = clock.GetUtcNow().AddYears(1), SameSite = SameSiteMode.Lax, HttpOnly = true, Secure = context.Request.IsHttps });
            return TypedResults.LocalRedirect(LocalUrl.OrDefault(returnUrl));
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
