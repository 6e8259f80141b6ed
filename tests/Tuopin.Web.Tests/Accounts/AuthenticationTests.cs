using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Testing;

namespace Tuopin.Web.Tests.Accounts;

public sealed partial class AuthenticationTests
{
    [Fact]
    public async Task EveryPageAndEndpoint_NeedsASignIn()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        await using var app = await RunningApp.StartAsync(county);
        var anonymous = app.AnonymousClient();

        foreach (var path in new[] { "/api/v1/households", "/api/v1/overview", "/api/v1/places/townships", "/api/v1/codes", "/openapi/v1.json" })
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(path)).StatusCode);
        foreach (var path in new[] { "/", "/households", "/api/reference" })
        {
            var response = await anonymous.GetAsync(path);
            Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.Unauthorized, $"{path}: {response.StatusCode}");
        }
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/login")).StatusCode);
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
    public async Task TheOpenApiDocument_AndTheReferencePage_AreThereForSignedInUsers()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        await using var app = await RunningApp.StartAsync(county);
        var client = await app.ClientAsAsync(Role.Inspector);

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
