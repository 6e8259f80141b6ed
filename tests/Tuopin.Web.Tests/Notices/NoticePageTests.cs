using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Registry;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Testing;

namespace Tuopin.Web.Tests.Notices;

/// <summary>
/// The public notices over HTTP without sign-in: the pages and the API show masked names and nothing that identifies a
/// household in the registry; the anonymous door opens on the notices only; objections are recorded, hold the project,
/// and are limited per client address.
/// </summary>
public sealed class NoticePageTests
{
    private const string Village = "三胡乡/黄柏园村";

    private static string Readable(string body) =>
        WebUtility.HtmlDecode(Regex.Replace(body, @"\\u([0-9a-fA-F]{4})", m => ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString()));

    [Fact]
    public async Task APublicNotice_ReadWithoutSignIn_ShowsMaskedNames_AndNoIdOrPhone()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        var head = Build.Member(name: "张小明");
        var household = await county.AddHouseholdAsync(Village, head);
        var detail = await county.As<GetHousehold>(county.Admin).HandleAsync(household);
        var project = await NoticeFixtures.ProjectOnNoticeAsync(county, Village, beneficiaries: [household]);
        await NoticeFixtures.PostExitNoticeAsync(county, Village, [household]);
        var villageId = county.Villages[Village].Id;
        await using var app = await RunningApp.StartAsync(county);
        var anonymous = app.AnonymousClient();

        var secrets = new[] { head.ResidentId!, "13800001234", detail.Number, "张小明", head.BirthDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) };
        foreach (var path in new[] { "/notices", $"/notices/projects/{project}", $"/notices/exit/{villageId}/{county.Today.Year}",
                     "/api/v1/notices", $"/api/v1/notices/projects/{project}", $"/api/v1/notices/exit/{villageId}/{county.Today.Year}" })
        {
            var response = await anonymous.GetAsync(path);
            var body = Readable(await response.Content.ReadAsStringAsync());
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode}");
            foreach (var secret in secrets) Assert.DoesNotContain(secret, body, StringComparison.Ordinal);
            if (path.Contains("/projects/", StringComparison.Ordinal) || path.Contains("/exit/", StringComparison.Ordinal))
                Assert.Contains("张*明", body, StringComparison.Ordinal);
        }
        var page = Readable(await anonymous.GetStringAsync($"/notices/projects/{project}"));
        Assert.Contains("黄柏园村通组公路硬化", page, StringComparison.Ordinal);
        Assert.Contains("320,000.00", page, StringComparison.Ordinal);
        Assert.Contains("12317", page, StringComparison.Ordinal);
        Assert.Contains("三胡乡人民政府", page, StringComparison.Ordinal);
        Assert.DoesNotContain("app-sider", page, StringComparison.Ordinal);
        // In English when the reader switches (the language link on the page, anonymous too).
        Assert.Contains("/culture/en?returnUrl=", page, StringComparison.Ordinal);
        var switched = app.AnonymousClient();
        Assert.Equal(HttpStatusCode.Redirect, (await switched.GetAsync("/culture/en?returnUrl=%2Fnotices")).StatusCode);
        var english = Readable(await switched.GetStringAsync("/notices"));
        Assert.Contains("Laifeng County poverty-alleviation notices", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAnonymousDoor_OpensOnTheNoticesOnly_AndANoticeNotStarted_IsNotFound()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        var future = await NoticeFixtures.ProjectOnNoticeAsync(county, Village, startsIn: 3);
        await using var app = await RunningApp.StartAsync(county);
        var anonymous = app.AnonymousClient();

        foreach (var path in new[] { "/", "/households", "/notices/objections", "/housing/cases" })
        {
            var response = await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/login", response.Headers.Location?.AbsolutePath);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/notices/objections")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync($"/api/v1/notices/objections/{Guid.NewGuid()}/answer", new { version = 0, answer = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/notices/projects/{future}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/v1/notices/projects/{future}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/notices/projects/{Guid.NewGuid()}")).StatusCode);
        Assert.DoesNotContain("黄柏园村通组公路硬化", await anonymous.GetStringAsync("/notices"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnObjection_ThroughThePagesForm_IsRecorded_AndHoldsTheProject()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        var project = await NoticeFixtures.ProjectOnNoticeAsync(county, Village);
        await using var app = await RunningApp.StartAsync(county);
        var browser = app.AnonymousClient();
        var path = $"/notices/projects/{project}";
        var form = await browser.GetStringAsync(path);
        var fields = Regex.Matches(form, "<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\"")
            .ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        fields["Input.Text"] = "路线占用耕地未经协商";
        fields["Input.Phone"] = "13912345678";
        var posted = await browser.PostAsync(path, new FormUrlEncodedContent(fields));
        var body = Readable(await posted.Content.ReadAsStringAsync());
        Assert.True(posted.StatusCode == HttpStatusCode.OK, body.Length > 500 ? body[..500] : body);
        Assert.Contains("您的异议已收到", body, StringComparison.Ordinal);
        var objection = await county.QueryAsync(db => db.NoticeObjections.AsNoTracking().SingleAsync());
        Assert.Equal(("路线占用耕地未经协商", project, "139****5678"), (objection.Text, objection.TargetId, objection.PhoneMasked!));
        Assert.True((await NoticeFixtures.ProjectAsync(county, project)).HeldByObjection);

        // The township sees it and answers it over the API; another township's officer and an inspector cannot.
        var other = await app.ClientAsAsync(Role.TownshipOfficer, "翔凤镇");
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"/api/v1/notices/objections/{objection.Id}/answer", new { version = 0, answer = "x" })).StatusCode);
        var inspector = await app.ClientAsAsync(Role.Inspector);
        Assert.Equal(HttpStatusCode.Forbidden, (await inspector.PostAsJsonAsync($"/api/v1/notices/objections/{objection.Id}/answer", new { version = 0, answer = "x" })).StatusCode);
        var township = await app.ClientAsAsync(Role.TownshipOfficer, "三胡乡");
        var list = Readable(await township.GetStringAsync("/api/v1/notices/objections"));
        Assert.Contains("139****5678", list, StringComparison.Ordinal);
        Assert.DoesNotContain("13912345678", list, StringComparison.Ordinal);
        var answered = await township.PostAsJsonAsync($"/api/v1/notices/objections/{objection.Id}/answer", new { version = 0, answer = "已与农户协商一致" });
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.False((await NoticeFixtures.ProjectAsync(county, project)).HeldByObjection);
    }

    [Fact]
    public async Task Objections_AreLimitedPerClient_TheNextOneRefusedWith429()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        var project = await NoticeFixtures.ProjectOnNoticeAsync(county, Village);
        await using var app = await RunningApp.StartAsync(county, settings: new Dictionary<string, string?> { ["Tuopin:ObjectionsPerHour"] = "3" });
        var anonymous = app.AnonymousClient();
        for (var i = 0; i < 3; i++)
        {
            var ok = await anonymous.PostAsJsonAsync($"/api/v1/notices/projects/{project}/objections", new { text = $"异议{i}" });
            Assert.Equal(HttpStatusCode.Created, ok.StatusCode);
        }
        var refused = await anonymous.PostAsJsonAsync($"/api/v1/notices/projects/{project}/objections", new { text = "第四条" });
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        // The page's form counts with the API: refused too.
        var form = await anonymous.GetStringAsync($"/notices/projects/{project}");
        var fields = Regex.Matches(form, "<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\"")
            .ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        fields["Input.Text"] = "第五条";
        Assert.Equal(HttpStatusCode.TooManyRequests, (await anonymous.PostAsync($"/notices/projects/{project}", new FormUrlEncodedContent(fields))).StatusCode);
        Assert.Equal(3, await county.QueryAsync(db => db.NoticeObjections.CountAsync()));
    }
}
