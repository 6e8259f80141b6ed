using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tuopin.Application.Accounts;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Testing;
using Tuopin.Web.Accounts;
using static Tuopin.Web.Tests.CliRun;

namespace Tuopin.Web.Tests.Security;

/// <summary>
/// Attacks on the grant to read a county's records (ADR 0016): a county outside the official's prefecture, another
/// prefecture's official, a token carrying a county it was never allowed (made with the server's own key, as a stolen key or
/// a tampered cookie would), a grant taken back and a county moved out of the region while the official reads it, and the
/// browser's forms. Each ends with the official on their roll-up alone, or signed out.
/// </summary>
public sealed class CountyReadingAttackTests
{
    private const string Laifeng = "422827", Zigui = "420527";

    /// <summary>来凤县 under 恩施州, and 秭归县 under 宜昌市 of the same province; the ids of the two prefectures and the two counties.</summary>
    private static async Task<(Guid Enshi, Guid Yichang, Guid Zigui)> PlacesAsync(TestCounty county) => await county.QueryAsync(async db =>
    {
        var enshi = await db.Prefectures.SingleAsync(p => p.Code == "422800");
        var yichang = new Domain.Places.Prefecture { Id = Guid.CreateVersion7(), ProvinceId = enshi.ProvinceId, Code = "420500", Name = "宜昌市" };
        var zigui = new Domain.Places.County { Id = Guid.CreateVersion7(), Code = Zigui, Name = "秭归县", PrefectureId = yichang.Id };
        db.AddRange(yichang, zigui);
        await db.SaveChangesAsync();
        return (enshi.Id, yichang.Id, zigui.Id);
    });

    private static Task<HttpResponseMessage> ChooseAsync(HttpClient client, string code) => client.PostAsJsonAsync("/api/v1/rollup/reading", new { county = code });

    [Fact]
    public async Task ACountyOutsideTheirPrefecture_AnotherPrefecturesOfficial_AndAnUngrantedOne_AreRefused()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        var (enshi, yichang, _) = await PlacesAsync(county);
        await county.AddHouseholdAsync("三胡乡/黄柏园村");
        await using var app = await RunningApp.StartAsync(county);
        var reader = await app.ClientAsAsync(Role.PrefectureOfficial, region: enshi, countyRecords: true);
        var neighbour = await app.ClientAsAsync(Role.PrefectureOfficial, region: yichang, countyRecords: true);
        var ungranted = await app.ClientAsAsync(Role.PrefectureOfficial, region: enshi);

        Assert.Equal(HttpStatusCode.Forbidden, (await ChooseAsync(reader, Zigui)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ChooseAsync(reader, "999999")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ChooseAsync(neighbour, Laifeng)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ChooseAsync(ungranted, Laifeng)).StatusCode);
        // The page-side form refuses alike.
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostAsync($"/rollup/counties/{Zigui}/read", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ungranted.PostAsync($"/rollup/counties/{Laifeng}/read", null)).StatusCode);
        // None of them reads a county's record; a county named in the query or a header is no choice.
        foreach (var client in new[] { reader, neighbour, ungranted })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/households")).StatusCode);
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/households?county={Laifeng}");
            request.Headers.Add("X-Tuopin-Reading", county.CountyId.ToString());
            Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(request)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/rollup")).StatusCode);
        }
        // The neighbour reads their own county.
        await EndpointMatrixTests.ReadCountyAsync(neighbour, Zigui);
        var own = await neighbour.GetAsync("/api/v1/households");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.DoesNotContain("黄柏园", await own.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AToken_CarryingACountyNeverAllowed_OrClaimingItsOwnCheck_ReadsNothing()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        var (enshi, _, zigui) = await PlacesAsync(county);
        await using var app = await RunningApp.StartAsync(county);
        var granted = await app.AddUserAsync("enshi_granted", Role.PrefectureOfficial, region: enshi, countyRecords: true);
        await app.AddUserAsync("enshi_plain", Role.PrefectureOfficial, region: enshi);
        Assert.NotNull(granted);

        // Tokens made with the server's own key (what a stolen key or a forged cookie would give): the claims are the account's, plus a county.
        async Task<HttpClient> ForgedAsync(string user, params Claim[] extra)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<User>>();
            var principal = await signIn.CreateUserPrincipalAsync((await signIn.UserManager.FindByNameAsync(user))!);
            ((ClaimsIdentity)principal.Identity!).AddClaims(extra);
            var options = app.Services.GetRequiredService<IOptionsMonitor<BearerTokenOptions>>().Get(IdentityConstants.BearerScheme);
            var ticket = new AuthenticationTicket(principal, new AuthenticationProperties { ExpiresUtc = DateTimeOffset.UtcNow.AddHours(1) }, IdentityConstants.BearerScheme);
            return app.BearerClient(options.BearerTokenProtector.Protect(ticket));
        }

        // The granted official's token naming 秭归县 (another prefecture's): checked on the request, dropped, the roll-up alone.
        var outside = await ForgedAsync("enshi_granted", new Claim(TuopinClaims.Reading, zigui.ToString()));
        Assert.Equal(HttpStatusCode.Forbidden, (await outside.GetAsync("/api/v1/households")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await outside.GetAsync("/api/v1/overview")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await outside.GetAsync("/api/v1/rollup")).StatusCode);
        // A token that says it was checked already: that claim is never taken from a token.
        var selfChecked = await ForgedAsync("enshi_granted", new Claim(TuopinClaims.ReadingChecked, zigui.ToString()));
        Assert.Equal(HttpStatusCode.Forbidden, (await selfChecked.GetAsync("/api/v1/households")).StatusCode);
        var selfCheckedOwn = await ForgedAsync("enshi_granted", new Claim(TuopinClaims.ReadingChecked, county.CountyId.ToString()));
        Assert.Equal(HttpStatusCode.Forbidden, (await selfCheckedOwn.GetAsync("/api/v1/households")).StatusCode);
        // The ungranted official's token naming their own prefecture's county, even with the grant's claim: the account has no grant.
        var plain = await ForgedAsync("enshi_plain", new Claim(TuopinClaims.Reading, county.CountyId.ToString()), new Claim(TuopinClaims.CountyRecords, "true"));
        Assert.Equal(HttpStatusCode.Forbidden, (await plain.GetAsync("/api/v1/households")).StatusCode);
        // A county's inspector whose token names another county: no regional role, no reading.
        await app.AddUserAsync("insp", Role.Inspector);
        var inspector = await ForgedAsync("insp", new Claim(TuopinClaims.Reading, zigui.ToString()), new Claim(TuopinClaims.CountyRecords, "true"));
        var answer = await inspector.GetAsync("/api/v1/households");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(0, (await answer.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(RunningApp.Json)).GetProperty("total").GetInt32());
        // The same forged way, the county the grant allows: read (the key, not the claim, is what such a token needs).
        var allowed = await ForgedAsync("enshi_granted", new Claim(TuopinClaims.Reading, county.CountyId.ToString()));
        Assert.Equal(HttpStatusCode.OK, (await allowed.GetAsync("/api/v1/households")).StatusCode);
    }

    [Theory, BothDatabases]
    public async Task TheGrantTakenBack_OrTheCountyMovedOutOfTheRegion_EndsTheReading_WithinSeconds(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var (enshi, yichang, _) = await PlacesAsync(county);
        await county.AddHouseholdAsync("三胡乡/黄柏园村");
        await using var app = await RunningApp.StartAsync(county);
        var password = await app.AddUserAsync("enshi_reader", Role.PrefectureOfficial, region: enshi, countyRecords: true);
        var reader = app.BearerClient((await app.TokenAsync("enshi_reader", password)).Token!);
        await EndpointMatrixTests.ReadCountyAsync(reader, Laifeng);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/v1/households")).StatusCode);

        // The county is placed under another prefecture (by hand, as a correction would): the next requests read nothing of it.
        await county.QueryAsync(db => db.Counties.Where(c => c.Id == county.CountyId).ExecuteUpdateAsync(s => s.SetProperty(c => c.PrefectureId, yichang)));
        await UntilAsync(reader, "/api/v1/households", HttpStatusCode.Forbidden, "the county moved out of the prefecture");
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/v1/rollup")).StatusCode);
        await county.QueryAsync(db => db.Counties.Where(c => c.Id == county.CountyId).ExecuteUpdateAsync(s => s.SetProperty(c => c.PrefectureId, enshi)));
        await UntilAsync(reader, "/api/v1/households", HttpStatusCode.OK, "the county placed back");

        // The operator takes the grant back from the shell (another process): the token ends within seconds.
        string[] db = ["--db", provider == DbProvider.Sqlite ? county.Target.SqliteFile! : county.Target.ConnectionString, "--data-dir", TestDirectories.New("reading-revoke")];
        var (revoked, _, revokeError) = await RunAsync(["users", "revoke", "--name", "enshi_reader", "--records", .. db]);
        Assert.True(revoked == 0, revokeError);
        await UntilAsync(reader, "/api/v1/households", HttpStatusCode.Unauthorized, "the grant taken back");
        // Signed in again: the roll-up alone; no county to choose.
        var again = app.BearerClient((await app.TokenAsync("enshi_reader", password)).Token!);
        Assert.Equal(HttpStatusCode.Forbidden, (await again.GetAsync("/api/v1/households")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ChooseAsync(again, Laifeng)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/v1/rollup")).StatusCode);
    }

    [Fact]
    public async Task ABrowser_ReadsACountyFromTheRollupsForm_WritesNothing_AndGoesBack()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        var (enshi, _, _) = await PlacesAsync(county);
        var head = Build.Member(name: "黄柏园甲户主");
        await county.AddHouseholdAsync("三胡乡/黄柏园村", head);
        await using var app = await RunningApp.StartAsync(county);
        var password = await app.AddUserAsync("enshi_browser", Role.PrefectureOfficial, region: enshi, countyRecords: true);
        var browser = app.AnonymousClient();
        var signedIn = await RunningApp.SignInWithFormAsync(browser, "enshi_browser", password);
        Assert.Equal("/rollup", signedIn.Headers.Location?.OriginalString);

        var read = await browser.PostAsync($"/rollup/counties/{Laifeng}/read", null);
        Assert.Equal((HttpStatusCode.Redirect, "/"), (read.StatusCode, read.Headers.Location?.OriginalString));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/households")).StatusCode);
        var list = System.Net.WebUtility.HtmlDecode(await browser.GetStringAsync("/api/v1/households"));
        Assert.Contains("黄柏园甲户主", list, StringComparison.Ordinal);
        Assert.Contains("422827************", list, StringComparison.Ordinal);
        Assert.DoesNotContain(head.ResidentId!, list, StringComparison.Ordinal);
        // A write page is refused; a write through the API with the cookie and its antiforgery token is refused at the policy.
        var form = await browser.GetAsync("/households/new");
        Assert.Equal("/forbidden", form.Headers.Location?.AbsolutePath);
        var antiforgery = await browser.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/auth/antiforgery");
        using var write = new HttpRequestMessage(HttpMethod.Put, "/api/v1/settings/adjustment-window") { Content = JsonContent.Create(new { window = "bad" }) };
        write.Headers.Add(antiforgery.GetProperty("headerName").GetString()!, antiforgery.GetProperty("token").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.SendAsync(write)).StatusCode);

        // Back to the roll-up: the county's pages are refused again.
        var left = await browser.PostAsync("/rollup/leave", null);
        Assert.Equal((HttpStatusCode.Redirect, "/rollup"), (left.StatusCode, left.Headers.Location?.OriginalString));
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/api/v1/households")).StatusCode);
        Assert.Equal("/forbidden", (await browser.GetAsync("/households")).Headers.Location?.AbsolutePath);
        // A county outside the prefecture from the form: the 403 page.
        Assert.Equal("/forbidden", (await browser.PostAsync($"/rollup/counties/{Zigui}/read", null)).Headers.Location?.AbsolutePath);
    }

    private static async Task UntilAsync(HttpClient client, string path, HttpStatusCode wanted, string after)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        HttpStatusCode got;
        while ((got = (await client.GetAsync(path)).StatusCode) != wanted)
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"{path} still answers {got} 15 s after {after}");
            await Task.Delay(250);
        }
    }
}
