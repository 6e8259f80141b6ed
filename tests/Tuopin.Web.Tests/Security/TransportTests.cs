using System.Net;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Testing;

namespace Tuopin.Web.Tests.Security;

/// <summary>What every answer tells the browser, and the cookies behind an HTTPS proxy.</summary>
public sealed class TransportTests
{
    [Fact]
    public async Task PagesAndApi_CarryTheSecurityHeaders_AndNoHstsOverPlainHttp()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        await using var app = await RunningApp.StartAsync(county);
        var client = await app.ClientAsAsync(Role.Inspector);

        foreach (var response in new[] { await app.AnonymousClient().GetAsync("/login"), await client.GetAsync("/api/v1/overview"), await app.AnonymousClient().GetAsync("/api/v1/households") })
        {
            Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("same-origin", string.Join(",", response.Headers.GetValues("Referrer-Policy")));
            Assert.Equal("DENY", string.Join(",", response.Headers.GetValues("X-Frame-Options")));
            Assert.Contains("frame-ancestors 'none'", string.Join(",", response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
            Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        }
    }

    [Fact]
    public async Task BehindAnHttpsProxy_CookiesAreSecure_AndHstsIsSent()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        await using var app = await RunningApp.StartAsync(county, settings: new Dictionary<string, string?> { ["Tuopin:BehindProxy"] = "true" });
        var password = await app.AddUserAsync("li", Role.CountyAdmin);
        // The browser speaks HTTPS to the proxy; its cookies are carried by hand, since this client speaks plain HTTP to the app.
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = app.BaseAddress };
        browser.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");

        var login = await browser.GetAsync("/login");
        var form = await login.Content.ReadAsStringAsync();
        var fields = System.Text.RegularExpressions.Regex.Matches(form, "<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\"")
            .ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        fields["Input.UserName"] = "li";
        fields["Input.Password"] = password;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/login") { Content = new FormUrlEncodedContent(fields) };
        post.Headers.Add("Cookie", string.Join("; ", login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0])));
        var signIn = await browser.SendAsync(post);
        var culture = await browser.GetAsync("/culture/en?returnUrl=/");

        Assert.True(login.Headers.TryGetValues("Strict-Transport-Security", out var hsts), string.Join("\n", login.Headers.Select(h => h.Key)));
        Assert.Contains("max-age=", string.Join(",", hsts), StringComparison.Ordinal);
        var cookies = new[] { login, signIn, culture }.SelectMany(r => r.Headers.TryGetValues("Set-Cookie", out var c) ? c : []).ToList();
        Assert.Contains(cookies, c => c.StartsWith("tuopin.auth=", StringComparison.Ordinal));
        Assert.All(cookies, c => Assert.Contains("; secure", c, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
    }
}
