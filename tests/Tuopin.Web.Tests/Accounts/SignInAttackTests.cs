using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Testing;

namespace Tuopin.Web.Tests.Accounts;

/// <summary>
/// Sign-in attacked as an anonymous visitor would: guessing passwords, probing which names exist,
/// locking the administrator out, riding a first password into the API, keeping a token after a
/// password change, and bouncing a signed-in official to another site.
/// </summary>
public sealed class SignInAttackTests
{
    private static readonly Dictionary<string, string?> BehindProxy = new() { ["Tuopin:BehindProxy"] = "true" };

    private static HttpClient From(RunningApp app, string address)
    {
        var client = app.AnonymousClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return client;
    }

    [Fact]
    public async Task WrongPasswords_ForAKnownAndAnUnknownName_GetTheSameAnswers_EvenAfterTheFifth()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        await using var app = await RunningApp.StartAsync(county);
        await app.AddUserAsync("wang", Role.CountyAdmin);
        var client = app.AnonymousClient();

        for (var attempt = 1; attempt <= 7; attempt++)
        {
            var known = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "wang", password = $"Wrong-Password-{attempt}" });
            var unknown = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = "nobody-here", password = $"Wrong-Password-{attempt}" });
            Assert.Equal(HttpStatusCode.Unauthorized, known.StatusCode);
            Assert.Equal(known.StatusCode, unknown.StatusCode);
            var knownTitle = (await known.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString();
            var unknownTitle = (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString();
            Assert.Equal(knownTitle, unknownTitle);
            Assert.DoesNotContain("锁定", knownTitle, StringComparison.Ordinal);
        }

        // The sign-in page says the same for both.
        var pageKnown = await RunningApp.SignInWithFormAsync(app.AnonymousClient(), "wang", "Wrong-Password-9");
        var pageUnknown = await RunningApp.SignInWithFormAsync(app.AnonymousClient(), "nobody-here", "Wrong-Password-9");
        Assert.Equal(ErrorOf(await pageKnown.Content.ReadAsStringAsync()), ErrorOf(await pageUnknown.Content.ReadAsStringAsync()));
        Assert.Contains("登录名或密码不正确", ErrorOf(await pageKnown.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GuessingFromOneAddress_SlowsThatAddress_ButTheAdministratorSignsInFromTheirOwn()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        await using var app = await RunningApp.StartAsync(county, settings: BehindProxy);
        var password = await app.AddUserAsync("admin", Role.CountyAdmin);
        var attacker = From(app, "10.9.8.7");

        for (var attempt = 1; attempt <= 6; attempt++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await attacker.PostAsJsonAsync("/api/v1/auth/token", new { userName = "admin", password = $"Guess-{attempt}-Aa1" })).StatusCode);

        // The guesser is refused even with the right password now; the administrator, elsewhere, is not.
        var (blocked, _) = await app.TokenAsync("admin", password, attacker);
        var (own, token) = await app.TokenAsync("admin", password, From(app, "10.1.1.1"));
        Assert.Equal(HttpStatusCode.Unauthorized, blocked.StatusCode);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.BearerClient(token!).GetAsync("/api/v1/overview")).StatusCode);
        // Nothing on the account itself was locked.
        var user = await county.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Users, u => u.UserName == "admin"));
        Assert.Null(user.LockoutEnd);
        Assert.Equal(0, user.AccessFailedCount);
    }

    [Fact]
    public async Task AGeneratedPassword_OpensNoApi_UntilTheUserChoosesTheirOwn()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        await using var app = await RunningApp.StartAsync(county);
        var first = await app.AddUserAsync("zhao", Role.TownshipOfficer, "三胡乡", mustChangePassword: true);

        var (refused, none) = await app.TokenAsync("zhao", first);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Null(none);
        Assert.DoesNotContain("accessToken", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True((await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("mustChangePassword").GetBoolean());

        // Nor does the sign-in cookie of a first password open the API.
        var browser = app.AnonymousClient();
        await RunningApp.SignInWithFormAsync(browser, "zhao", first);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/api/v1/overview")).StatusCode);

        var weak = await app.AnonymousClient().PostAsJsonAsync("/api/v1/auth/password", new { userName = "zhao", currentPassword = first, newPassword = "short" });
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        var changed = await app.AnonymousClient().PostAsJsonAsync("/api/v1/auth/password", new { userName = "zhao", currentPassword = first, newPassword = "Zhao-Own-Password-7" });
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);

        var (ok, token) = await app.TokenAsync("zhao", "Zhao-Own-Password-7");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.BearerClient(token!).GetAsync("/api/v1/overview")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.TokenAsync("zhao", first)).Response.StatusCode);
    }

    [Fact]
    public async Task ATokenAndACookie_StopWorking_WhenThePasswordChanges()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        await using var app = await RunningApp.StartAsync(county);
        var password = await app.AddUserAsync("qian", Role.VillageOfficer, "三胡乡/黄柏园村");
        var (_, token) = await app.TokenAsync("qian", password);
        var stolen = app.BearerClient(token!);
        var otherBrowser = app.AnonymousClient();
        await RunningApp.SignInWithFormAsync(otherBrowser, "qian", password);
        Assert.Equal(HttpStatusCode.OK, (await stolen.GetAsync("/api/v1/households")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await otherBrowser.GetAsync("/api/v1/households")).StatusCode);

        var changed = await app.AnonymousClient().PostAsJsonAsync("/api/v1/auth/password", new { userName = "qian", currentPassword = password, newPassword = "Qian-New-Password-8" });
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);

        var afterToken = await stolen.GetAsync("/api/v1/households");
        Assert.Equal(HttpStatusCode.Unauthorized, afterToken.StatusCode);
        Assert.Contains("重新登录", await afterToken.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await otherBrowser.GetAsync("/api/v1/households")).StatusCode);
        var page = await otherBrowser.GetAsync("/households");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/login", page.Headers.Location!.AbsolutePath);
    }

    [Theory]
    [InlineData("/\\evil.example")]
    [InlineData("//evil.example")]
    [InlineData("/\\/evil.example")]
    [InlineData("https://evil.example/")]
    [InlineData("/\t/evil.example")]
    public async Task AfterSigningIn_OrSwitchingLanguage_TheBrowserStaysOnThisSite(string returnUrl)
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        await using var app = await RunningApp.StartAsync(county);
        var password = await app.AddUserAsync("sun", Role.CountyAdmin);

        var signIn = await RunningApp.SignInWithFormAsync(app.AnonymousClient(), "sun", password, returnUrl);
        var culture = await app.AnonymousClient().GetAsync("/culture/en?returnUrl=" + Uri.EscapeDataString(returnUrl));
        var rawCulture = await app.AnonymousClient().GetAsync("/culture/en?returnUrl=" + returnUrl.Replace("\\", "%5C", StringComparison.Ordinal));

        foreach (var response in new[] { signIn, culture, rawCulture })
        {
            Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found, $"{returnUrl}: {response.StatusCode}");
            var location = response.Headers.Location!.OriginalString;
            Assert.Equal("/", location);
        }
    }

    private static string ErrorOf(string html)
    {
        var match = System.Text.RegularExpressions.Regex.Match(html, "login-error\" role=\"alert\"><span class=\"ant-alert-message\">(?<m>[^<]*)</span>");
        Assert.True(match.Success, "no error shown");
        return System.Net.WebUtility.HtmlDecode(match.Groups["m"].Value);
    }
}
