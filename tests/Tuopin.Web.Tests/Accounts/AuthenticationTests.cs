using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Testing;

namespace Tuopin.Web.Tests.Accounts;

public sealed partial class AuthenticationTests
{
    /// <summary>
    /// The endpoints an anonymous visitor may reach, named here: signing in (the token, the password change
    /// that proves the current password, the sign-in page), the language switch, and the API reference's
    /// own script and icon (the Scalar package's files; the reference page itself needs a sign-in). The
    /// static assets of MapStaticAssets (the app's and the frameworks' files, with nothing of the county's
    /// in them) are told apart by their metadata.
    /// </summary>
    private static readonly HashSet<string> OpenToAnyone =
    [
        "POST /api/v1/auth/token",
        "POST /api/v1/auth/password",
        "GET /culture/{culture}",
        "GET /login",
        "POST /login",
        "GET /api/reference/scalar.js",
        "GET /api/reference/scalar.aspnetcore.js",
        "GET /api/reference/favicon.svg",
    ];

    /// <summary>
    /// The public notices (公告公示): read, and objected to, without sign-in — the one door to the county's data the rules
    /// leave open, under /notices and /api/v1/notices only, with masked names (NoticePageTests reads them anonymously).
    /// </summary>
    private static readonly HashSet<string> PublicNotices =
    [
        "GET /api/v1/notices/",
        "GET /api/v1/notices/projects/{id:guid}",
        "GET /api/v1/notices/exit/{villageId:guid}/{year:int}",
        "GET /api/v1/notices/benefits/{villageId:guid}/{year:int}",
        "POST /api/v1/notices/projects/{id:guid}/objections",
        "POST /api/v1/notices/exit/{villageId:guid}/{year:int}/objections",
        "POST /api/v1/notices/benefits/{villageId:guid}/{year:int}/objections",
        "GET /notices",
        "POST /notices",
        "GET /notices/projects/{Id:guid}",
        "POST /notices/projects/{Id:guid}",
        "GET /notices/exit/{VillageId:guid}/{Year:int}",
        "POST /notices/exit/{VillageId:guid}/{Year:int}",
        "GET /notices/benefits/{VillageId:guid}/{Year:int}",
        "POST /notices/benefits/{VillageId:guid}/{Year:int}",
    ];

    [Fact]
    public async Task EveryPageAndEndpoint_NeedsASignIn()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        await using var app = await RunningApp.StartAsync(county);
        var anonymous = app.AnonymousClient();

        // Every route the running app maps (API, pages, the framework's own), each with each of its methods.
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => !IsStaticAsset(e))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Key: $"{m} /{e.RoutePattern.RawText!.TrimStart('/')}", Method: m, Endpoint: e)))
            .DistinctBy(x => x.Key)
            .ToList();
        Assert.True(endpoints.Count > 80, $"only {endpoints.Count} endpoints found");
        Assert.Contains(endpoints, x => x.Key == "GET /api/v1/households/{id:guid}");
        Assert.Contains(endpoints, x => x.Endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is not null && x.Key == "GET /households/{Id:guid}");

        var open = endpoints.Where(x => x.Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null).Select(x => x.Key).ToHashSet();
        var named = OpenToAnyone.Union(PublicNotices).ToHashSet();
        Assert.True(open.SetEquals(named), "Endpoints open to anyone, other than the named ones:\n" + string.Join("\n", open.Except(named))
            + "\nNamed but not open (or gone):\n" + string.Join("\n", named.Except(open)));
        Assert.True(OpenToAnyone.Count <= 8, "the list of endpoints open to anyone must stay short");
        Assert.All(PublicNotices, e => Assert.Matches(@"^(GET|POST) /(api/v1/)?notices(/|$)", e));

        var failures = new List<string>();
        foreach (var (key, method, endpoint) in endpoints.Where(x => !named.Contains(x.Key)))
        {
            var path = SamplePath(endpoint.RoutePattern);
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (method is "POST" or "PUT" or "PATCH") request.Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
            using var response = await anonymous.SendAsync(request);
            var got = (int)response.StatusCode;
            // The API answers 401; a page (or the framework's endpoints beside them, or the API reference, a page people open) sends the browser to sign in.
            var refused = (path.StartsWith("/api/", StringComparison.Ordinal) && !path.StartsWith("/api/reference", StringComparison.Ordinal)) || path.StartsWith("/openapi/", StringComparison.Ordinal)
                ? response.StatusCode == HttpStatusCode.Unauthorized
                : IsToLogin(response);
            if (!refused) failures.Add($"{key} ({path}): {got} {response.Headers.Location}");
        }
        Assert.True(failures.Count == 0, "Answered an anonymous request:\n" + string.Join("\n", failures));
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/login")).StatusCode);
    }

    private static bool IsToLogin(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found && response.Headers.Location?.AbsolutePath == "/login";

    /// <summary>The app's and the frameworks' static files, mapped by MapStaticAssets.</summary>
    private static bool IsStaticAsset(RouteEndpoint e) => e.Metadata.Any(m => m.GetType().Name.Contains("StaticAsset", StringComparison.Ordinal));

    /// <summary>The route with a sample value for each parameter: a Guid, a year, an area level, a name.</summary>
    private static string SamplePath(RoutePattern pattern)
    {
        var path = "/" + pattern.RawText!.TrimStart('/');
        foreach (var parameter in pattern.Parameters)
        {
            var constraints = parameter.ParameterPolicies.Select(p => p.Content).ToList();
            var value = constraints.Contains("guid") ? Guid.NewGuid().ToString()
                : constraints.Contains("int") ? "2016"
                : parameter.Name.Equals("level", StringComparison.OrdinalIgnoreCase) ? "village"
                : parameter.Name.Equals("documentName", StringComparison.Ordinal) ? "v1"
                : "sample";
            path = Regex.Replace(path, @"\{\**" + Regex.Escape(parameter.Name) + @"(:[^}]*)?\??\}", value);
        }
        return path;
    }

    [Fact]
    public async Task AWrongPassword_GetsNoToken()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        await using var app = await RunningApp.StartAsync(county);
        await app.AddUserAsync("wang", Role.CountyAdmin);

        var response = await app.AnonymousClient().PostAsJsonAsync("/api/v1/auth/token", new { userName = "wang", password = "Wrong-Password-1" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("accessToken", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheBrowsersSignInCookie_AlsoOpensTheApi()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        await using var app = await RunningApp.StartAsync(county);
        var password = await app.AddUserAsync("li", Role.TownshipOfficer, "三胡乡");
        var browser = app.AnonymousClient();

        var form = await browser.GetStringAsync("/login");
        var fields = HiddenInput().Matches(form).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        fields["Input.UserName"] = "li";
        fields["Input.Password"] = password;
        var signIn = await browser.PostAsync("/login", new FormUrlEncodedContent(fields));
        var overview = await browser.GetAsync("/api/v1/overview");

        Assert.True(signIn.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther, $"sign-in answered {signIn.StatusCode}");
        Assert.Equal(HttpStatusCode.OK, overview.StatusCode);
        Assert.Equal("三胡乡", (await overview.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("areaName").GetString());
    }

    [Fact]
    public async Task TheOpenApiDocument_AndTheReferencePage_AreThereForTheRolesThatUseTheApi()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        await using var app = await RunningApp.StartAsync(county);
        var client = await app.ClientAsAsync(Role.CountyAdmin);
        // The inspector reads the county through the pages: the API's description is refused (Permissions.CanReadApiReference).
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ClientAsAsync(Role.Inspector)).GetAsync("/openapi/v1.json")).StatusCode);

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var redirect = await client.GetAsync("/api/reference");
        var reference = await client.GetAsync("/api/reference/");
        var script = await client.GetAsync("/api/reference/scalar.js");

        var paths = document.GetProperty("paths");
        foreach (var path in new[] { "/api/v1/households", "/api/v1/households/{id}", "/api/v1/households/{id}/members", "/api/v1/places/villages", "/api/v1/auth/token" })
            Assert.True(paths.TryGetProperty(path, out _), path);
        Assert.Equal("reference/", redirect.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        Assert.Contains("openapi/v1.json", await reference.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // The interactive page is served from the application itself: no CDN is reachable from a county's network.
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.DoesNotContain("cdn.jsdelivr", await reference.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenInput();
}
