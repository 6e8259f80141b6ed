using Microsoft.AspNetCore.Antiforgery;

namespace Tuopin.Web.Api;

/// <summary>
/// The API takes the browser's sign-in cookie as well as bearer tokens. A request that changes
/// something and rides on the cookie could be forged by another site (a form posted across sites), so
/// it must also carry the antiforgery token (header <c>RequestVerificationToken</c>, from
/// <c>GET /api/v1/auth/antiforgery</c>). Bearer-token requests cannot be forged that way and need none.
/// </summary>
public sealed class CookieAntiforgery(IAntiforgery antiforgery) : IEndpointFilter
{
    public const string HeaderName = "RequestVerificationToken";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (RidesOnCookie(http) && !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method) && !HttpMethods.IsOptions(http.Request.Method))
        {
            try
            {
                await antiforgery.ValidateRequestAsync(http);
            }
            catch (AntiforgeryValidationException)
            {
                return TypedResults.Problem(
                    title: new Domain.Common.LocalText(
                        $"用浏览器登录的会话修改数据时须带防伪令牌（请求头 {HeaderName}，由 GET /api/v1/auth/antiforgery 取得），或改用令牌（Bearer）",
                        $"A change made with the browser's sign-in needs the antiforgery token (header {HeaderName}, from GET /api/v1/auth/antiforgery), or use a bearer token").Current,
                    statusCode: StatusCodes.Status400BadRequest);
            }
        }
        return await next(context);
    }

    private static bool RidesOnCookie(HttpContext http) =>
        http.User.Identity?.IsAuthenticated == true
        && !http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
}
