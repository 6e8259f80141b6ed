using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Testing;

namespace Tuopin.Web.Tests.Notices;

/// <summary>
/// 户受益公示 over HTTP without sign-in: nothing until the county publishes it (through the API, the county office only);
/// then the page and the API show masked names, projects, subsidies and amounts and no ID, phone, birth date or household
/// number; before its period, 404.
/// </summary>
public sealed class BenefitNoticePageTests
{
    private const string Village = "三胡乡/黄柏园村";

    private static string Readable(string body) =>
        WebUtility.HtmlDecode(Regex.Replace(body, @"\\u([0-9a-fA-F]{4})", m => ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString()));

    [Fact]
    public async Task APublishedList_IsReadWithoutSignIn_WithMaskedNamesAndNoIdOrPhone_And404OutsideItsPeriod()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        var (first, second, year) = await NoticeFixtures.BenefitPaymentsAsync(county, Village);
        var villageId = county.Villages[Village].Id;
        var secrets = await county.QueryAsync(async db =>
        {
            var members = await db.Members.AsNoTracking().Where(m => m.HouseholdId == first || m.HouseholdId == second).ToListAsync();
            var numbers = await db.Households.AsNoTracking().Where(h => h.Id == first || h.Id == second).Select(h => h.Number).ToListAsync();
            return members.Select(m => county.Protector.Unprotect(m.ResidentIdCipher))
                .Concat(members.Select(m => m.BirthDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)))
                .Concat(members.Select(m => m.Name)).Concat(numbers).ToList();
        });
        await using var app = await RunningApp.StartAsync(county);
        var anonymous = app.AnonymousClient();
        var page = $"/notices/benefits/{villageId}/{year}";
        var api = $"/api/v1/notices/benefits/{villageId}/{year}";

        // Not published: nothing.
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(page)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(api)).StatusCode);

        // The township may not publish it; the county does, from tomorrow: still 404 until it starts.
        var township = await app.ClientAsAsync(Role.TownshipOfficer, "三胡乡");
        var admin = await app.ClientAsAsync(Role.CountyAdmin);
        Assert.Equal(HttpStatusCode.Forbidden, (await township.PostAsJsonAsync("/api/v1/notices/benefits", new { villageId, year, startsOn = county.Today, days = 7 }, RunningApp.Json)).StatusCode);
        var published = await admin.PostAsJsonAsync("/api/v1/notices/benefits", new { villageId, year, startsOn = county.Today.AddDays(1), days = 7 }, RunningApp.Json);
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(page)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(api)).StatusCode);

        var version = (await published.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("version").GetInt32();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync("/api/v1/notices/benefits", new { villageId, year, startsOn = county.Today, days = 7, version }, RunningApp.Json)).StatusCode);
        foreach (var path in new[] { page, api, "/notices", "/api/v1/notices" })
        {
            var response = await anonymous.GetAsync(path);
            var body = Readable(await response.Content.ReadAsStringAsync());
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode}");
            foreach (var secret in secrets) Assert.DoesNotContain(secret, body, StringComparison.Ordinal);
            if (path.Contains("/benefits/", StringComparison.Ordinal))
            {
                Assert.Contains("张*丰", body, StringComparison.Ordinal);
                Assert.Contains("危房改造补助", body, StringComparison.Ordinal);
            }
        }
        var html = Readable(await anonymous.GetStringAsync(page));
        Assert.Contains("1,200.00", html, StringComparison.Ordinal);
        Assert.Contains("黄柏园村产业奖补", html, StringComparison.Ordinal);
        Assert.Contains("objection-form", html, StringComparison.Ordinal);
        Assert.Contains($"/notices/benefits/{villageId}/{year}", Readable(await anonymous.GetStringAsync("/notices")), StringComparison.Ordinal);
        var objection = await anonymous.PostAsJsonAsync($"{api}/objections", new { text = "补助金额有误" }, RunningApp.Json);
        Assert.Equal(HttpStatusCode.Created, objection.StatusCode);
    }
}
