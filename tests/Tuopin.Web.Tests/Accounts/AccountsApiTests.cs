using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Accounts;
using Tuopin.Application.Audit;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Testing;

namespace Tuopin.Web.Tests.Accounts;

/// <summary>
/// The administrator's account changes through the API, as a county office meets them: an officer
/// leaves (disable), comes back (enable), forgets a password (reset), moves to another post (change).
/// Each one ends the account's sessions at once and is kept in the audit chain.
/// </summary>
public sealed class AccountsApiTests
{
    private const string Village = "三胡乡/黄柏园村";
    private const string OtherVillage = "翔凤镇/老茶村";

    private static HttpContent Why(string reason) => JsonContent.Create(new { reason });

    [Theory, BothDatabases]
    public async Task DisableEnableResetChange_EndTheAccountsSessions_AndAreAudited(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var inOther = await county.AddHouseholdAsync(OtherVillage);
        await using var app = await RunningApp.StartAsync(county);
        var admin = await app.ClientAsAsync(Role.CountyAdmin);
        var password = await app.AddUserAsync("li.officer", Role.VillageOfficer, Village);
        var (_, token) = await app.TokenAsync("li.officer", password);
        var li = app.BearerClient(token!);
        Assert.Equal(HttpStatusCode.OK, (await li.GetAsync("/api/v1/overview")).StatusCode);

        // The list shows the account with its area, never signed in through the page, but with a token sign-in.
        var list = await admin.GetFromJsonAsync<JsonElement>("/api/v1/accounts");
        var row = list.EnumerateArray().Single(u => u.GetProperty("userName").GetString() == "li.officer");
        Assert.Equal("三胡乡黄柏园村", row.GetProperty("area").GetString());
        Assert.False(row.GetProperty("disabled").GetBoolean());
        Assert.NotEqual(JsonValueKind.Null, row.GetProperty("lastSignInAt").ValueKind);

        // Disabled: the open token ends at once, and the right password gets the "disabled" answer, not a token.
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync("/api/v1/accounts/li.officer/disable", Why("调离"))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await li.GetAsync("/api/v1/overview")).StatusCode);
        var (refused, none) = await app.TokenAsync("li.officer", password);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Null(none);
        Assert.Contains("已停用", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString(), StringComparison.Ordinal);
        var again = await admin.PostAsync("/api/v1/accounts/li.officer/disable", Why("x"));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("user.already_disabled", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Enabled: the old password works again.
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsync("/api/v1/accounts/li.officer/enable", Why("返岗"))).StatusCode);
        var (back, token2) = await app.TokenAsync("li.officer", password);
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);

        // Reset: the old password and token end; the new one only lets its owner choose their own.
        var reset = await admin.PostAsync("/api/v1/accounts/li.officer/password-reset", Why("忘记密码"));
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        var generated = (await reset.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("password").GetString()!;
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.BearerClient(token2!).GetAsync("/api/v1/overview")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.TokenAsync("li.officer", password)).Response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.TokenAsync("li.officer", generated)).Response.StatusCode);
        const string Chosen = "Li-Chose-This-1";
        var changed = await app.AnonymousClient().PostAsJsonAsync("/api/v1/auth/password", new { userName = "li.officer", currentPassword = generated, newPassword = Chosen });
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        var (_, token3) = await app.TokenAsync("li.officer", Chosen);
        var li3 = app.BearerClient(token3!);
        Assert.Equal(HttpStatusCode.NotFound, (await li3.GetAsync($"/api/v1/households/{inOther}")).StatusCode);

        // Moved to another village: the token of the old post ends; the new one sees the new village, not the old.
        var move = await admin.PutAsJsonAsync("/api/v1/accounts/li.officer", new { area = OtherVillage, reason = "调任老茶村" }, RunningApp.Json);
        Assert.Equal(HttpStatusCode.NoContent, move.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await li3.GetAsync("/api/v1/overview")).StatusCode);
        var (_, token4) = await app.TokenAsync("li.officer", Chosen);
        Assert.Equal(HttpStatusCode.OK, (await app.BearerClient(token4!).GetAsync($"/api/v1/households/{inOther}")).StatusCode);

        // Made an inspector: no more writing.
        var promote = await admin.PutAsJsonAsync("/api/v1/accounts/li.officer", new { role = Role.Inspector, reason = "转任督查" }, RunningApp.Json);
        Assert.Equal(HttpStatusCode.NoContent, promote.StatusCode);
        var (_, token5) = await app.TokenAsync("li.officer", Chosen);
        var inspector = app.BearerClient(token5!);
        Assert.Equal(HttpStatusCode.Forbidden, (await inspector.PostAsJsonAsync("/api/v1/households/search", new { residentId = "422827199001011234" })).StatusCode);
        var nothing = await admin.PutAsJsonAsync("/api/v1/accounts/li.officer", new { role = Role.Inspector }, RunningApp.Json);
        Assert.Equal(HttpStatusCode.BadRequest, nothing.StatusCode);
        Assert.Contains("user.unchanged", await nothing.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The audit keeps each change with its reason and who made it, the sign-ins and the refused one; the chain verifies.
        var id = await county.QueryAsync(d => d.Users.Where(u => u.UserName == "li.officer").Select(u => u.Id).SingleAsync());
        var entries = await county.QueryAsync(d => d.AuditEntries.Where(e => e.EntityType == nameof(User) && e.EntityId == id).OrderBy(e => e.Sequence).ToListAsync());
        var changes = entries.Where(e => e.Action == AuditAction.Update).ToList();
        Assert.Equal(["调离", "返岗", "忘记密码", "本人修改密码", "调任老茶村", "转任督查"], changes.Select(e => e.Reason));
        Assert.Equal(["CountyAdmin-", "CountyAdmin-", "CountyAdmin-", "li.officer", "CountyAdmin-", "CountyAdmin-"], changes.Select(e => e.UserName.Length > 12 ? e.UserName[..12] : e.UserName));
        Assert.Contains("\"disabled\"", changes[0].Changes, StringComparison.Ordinal);
        Assert.DoesNotContain(generated, string.Join("\n", entries.Select(e => e.Changes)), StringComparison.Ordinal);
        Assert.Contains("\"role\"", changes[5].Changes, StringComparison.Ordinal);
        Assert.True(entries.Count(e => e.Action == AuditAction.SignIn) >= 5);
        Assert.Contains(entries, e => e.Action == AuditAction.SignInRefused);
        Assert.True((await county.As<VerifyAudit>(county.Admin).HandleAsync()).Intact);
    }

    [Fact]
    public async Task TheAdministrator_CannotLockTheCountyOut_AndOthersCannotManageAccounts()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        await using var app = await RunningApp.StartAsync(county);
        var password = await app.AddUserAsync("chief", Role.CountyAdmin);
        var chief = app.BearerClient((await app.TokenAsync("chief", password)).Token!);

        // Not oneself, not the last administrator.
        var self = await chief.PostAsync("/api/v1/accounts/chief/disable", Why("x"));
        Assert.Equal(HttpStatusCode.BadRequest, self.StatusCode);
        Assert.Contains("user.disable_self", await self.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var demoteSelf = await chief.PutAsJsonAsync("/api/v1/accounts/chief", new { role = Role.Inspector }, RunningApp.Json);
        Assert.Contains("user.change_self", await demoteSelf.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await app.AddUserAsync("deputy", Role.CountyAdmin);
        Assert.Equal(HttpStatusCode.NoContent, (await chief.PostAsync("/api/v1/accounts/deputy/disable", Why("x"))).StatusCode);
        // Another administrator demotes the chief: the chief's own session ends with it.
        var other = await app.ClientAsAsync(Role.CountyAdmin);
        Assert.Equal(HttpStatusCode.NoContent, (await other.PutAsJsonAsync("/api/v1/accounts/chief", new { role = Role.Inspector }, RunningApp.Json)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await chief.PostAsync("/api/v1/accounts/deputy/enable", Why("x"))).StatusCode);

        // A line department needs its department; an unknown account is 404; an unknown area is named.
        var noDepartment = await other.PutAsJsonAsync("/api/v1/accounts/chief", new { role = Role.LineDepartment }, RunningApp.Json);
        Assert.Contains("user.department", await noDepartment.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync("/api/v1/accounts/nobody/enable", Why("x"))).StatusCode);
        var badArea = await other.PutAsJsonAsync("/api/v1/accounts/chief", new { role = Role.VillageOfficer, area = "没有这个村" }, RunningApp.Json);
        Assert.Equal(HttpStatusCode.BadRequest, badArea.StatusCode);

        // Every other role, and an anonymous visitor, is refused every account endpoint; nothing changes.
        foreach (var (role, area) in new (Role, string?)[] { (Role.Inspector, null), (Role.LineDepartment, null), (Role.TownshipOfficer, "三胡乡"), (Role.VillageOfficer, Village) })
        {
            var caller = await app.ClientAsAsync(role, area);
            Assert.Equal(HttpStatusCode.Forbidden, (await caller.GetAsync("/api/v1/accounts")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await caller.PostAsync("/api/v1/accounts/deputy/enable", Why("x"))).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await caller.PostAsync("/api/v1/accounts/chief/password-reset", Why("x"))).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await caller.PutAsJsonAsync("/api/v1/accounts/chief", new { role = Role.CountyAdmin }, RunningApp.Json)).StatusCode);
        }
        var anonymous = app.AnonymousClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/v1/accounts/deputy/enable", Why("x"))).StatusCode);
        var deputy = await county.QueryAsync(d => d.Users.SingleAsync(u => u.UserName == "deputy"));
        Assert.NotNull(deputy.DisabledAt);
    }
}
