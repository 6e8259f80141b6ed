using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Tuopin.Application.Accounts;

namespace Tuopin.Web.Api;

public static class TuopinApi
{
    public sealed record TokenRequest(string UserName, string Password);

    /// <summary>Everything under /api/v1, with use-case refusals turned into HTTP answers.</summary>
    public static IEndpointRouteBuilder MapTuopinApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").AddEndpointFilter<ApiErrors>();
        api.MapRegistryEndpoints();
        api.MapPlacesEndpoints();
        api.MapDynamicEndpoints();
        api.MapImportEndpoints();
        api.MapPlanEndpoints();
        api.MapConditionsEndpoints();
        api.MapExitEndpoints();
        api.MapExitReportEndpoints();
        api.MapProcedureEndpoints();
        api.MapAreaExitEndpoints();
        api.MapQualityEndpoints();

        // The bearer handler writes { tokenType, accessToken, expiresIn, refreshToken } itself.
        api.MapPost("/auth/token", async Task<IResult> (TokenRequest request, SignInManager<User> signIn) =>
            {
                signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
                var result = await signIn.PasswordSignInAsync(request.UserName, request.Password, isPersistent: false, lockoutOnFailure: true);
                if (result.Succeeded) return TypedResults.Empty;
                return TypedResults.Problem(
                    title: result.IsLockedOut ? new Domain.Common.LocalText("账号已暂时锁定，请15分钟后再试", "The account is locked for 15 minutes").Current
                        : new Domain.Common.LocalText("用户名或密码不正确", "Wrong user name or password").Current,
                    statusCode: StatusCodes.Status401Unauthorized);
            })
            .AllowAnonymous()
            .WithTags("Accounts 账号")
            .WithSummary("Exchange a user name and password for a bearer token");
        return app;
    }

    /// <summary>Sign-out and the language switch, used by the web UI.</summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/logout", async (HttpContext context) =>
        {
            await context.SignOutAsync(IdentityConstants.ApplicationScheme);
            return TypedResults.LocalRedirect("/login");
        }).RequireAuthorization().ExcludeFromDescription();

        app.MapGet("/culture/{culture}", (string culture, string? returnUrl, HttpContext context) =>
        {
            var chosen = culture == "en" ? "en" : "zh-CN";
            context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), SameSite = SameSiteMode.Lax, HttpOnly = true });
            return TypedResults.LocalRedirect(string.IsNullOrEmpty(returnUrl) || !returnUrl.StartsWith('/') || returnUrl.StartsWith("//", StringComparison.Ordinal) ? "/" : returnUrl);
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
