using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tuopin.Application.Organisation;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Organisation;
using Tuopin.Domain.Supervision;
using Tuopin.Testing;

namespace Tuopin.Web.Tests.Accounts;

/// <summary>
/// Accounts that work for a unit, through the API: the administrator names the unit (refused with the field named when it
/// does not fit), the list shows it, and the discipline group's account (县纪委) opens accountability cases while a plain
/// line department is refused; once its unit is removed, the account's next sign-in has no such right.
/// </summary>
public sealed class AccountUnitApiTests
{
    private static object Case(Guid unit, DateOnly day) => new { year = day.Year, subjectUnitId = unit, cause = "扶贫资金拨付迟缓", measure = AccountabilityMeasure.Admonition, openedOn = day };

    [Theory, BothDatabases]
    public async Task TheDisciplineGroupsAccount_OpensCases_ThroughTheApi_AndTheRightFollowsItsUnit(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var save = county.As<SaveUnit>(county.Admin);
        var leading = await save.HandleAsync(new SaveUnit.Request(new SaveUnit.Fields(UnitKind.LeadingGroup, "县实施精准扶贫收入倍增工作领导小组")));
        var discipline = await save.HandleAsync(new SaveUnit.Request(new SaveUnit.Fields(UnitKind.WorkingGroup, "执纪问责组", ParentId: leading.Id)));
        var jiwei = await save.HandleAsync(new SaveUnit.Request(new SaveUnit.Fields(UnitKind.Department, "县纪委", ParentId: discipline.Id)));
        var office = await save.HandleAsync(new SaveUnit.Request(new SaveUnit.Fields(UnitKind.TownshipOffice, "三胡乡扶贫开发办", TownshipId: county.Townships["三胡乡"])));
        await using var app = await RunningApp.StartAsync(county);
        var admin = await app.ClientAsAsync(Role.CountyAdmin);
        const string Password = "Jiwei-Test-2016";

        // A township officer may not work for a county department: refused, the field named, no account made.
        var wrong = await admin.PostAsJsonAsync("/api/v1/accounts", new { userName = "sanhu", role = Role.TownshipOfficer, area = "三胡乡", password = Password, unitId = jiwei.Id }, RunningApp.Json);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var problem = await wrong.Content.ReadAsStringAsync();
        Assert.Contains("unitId", problem, StringComparison.Ordinal);
        Assert.Contains("account.unit", problem, StringComparison.Ordinal);

        var created = await admin.PostAsJsonAsync("/api/v1/accounts", new { userName = "jiwei", role = Role.LineDepartment, password = Password, unitId = jiwei.Id }, RunningApp.Json);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("县纪委", (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("unitName").GetString());
        var list = await admin.GetFromJsonAsync<JsonElement>("/api/v1/accounts");
        Assert.DoesNotContain(list.EnumerateArray(), u => u.GetProperty("userName").GetString() == "sanhu");
        var row = list.EnumerateArray().Single(u => u.GetProperty("userName").GetString() == "jiwei");
        Assert.Equal((jiwei.Id, "县纪委"), (row.GetProperty("unitId").GetGuid(), row.GetProperty("unitName").GetString()));

        // The group's account opens a case; a line department outside the group is refused.
        var (_, token) = await app.TokenAsync("jiwei", Password);
        var member = app.BearerClient(token!);
        Assert.Equal(HttpStatusCode.Created, (await member.PostAsJsonAsync("/api/v1/supervision/accountability", Case(office.Id, county.Today), RunningApp.Json)).StatusCode);
        var transport = await app.ClientAsAsync(Role.LineDepartment, department: Department.Transport);
        Assert.Equal(HttpStatusCode.Forbidden, (await transport.PostAsJsonAsync("/api/v1/supervision/accountability", Case(office.Id, county.Today), RunningApp.Json)).StatusCode);
        var cases = await member.GetFromJsonAsync<JsonElement>("/api/v1/supervision/accountability");
        Assert.True(Assert.Single(cases.EnumerateArray()).GetProperty("canWrite").GetBoolean());

        // The unit removed (a department given instead): the session ends, and the next one has no right to open a case.
        var removed = await admin.PutAsJsonAsync("/api/v1/accounts/jiwei", new { removeUnit = true, department = Department.Water, reason = "调离县纪委" }, RunningApp.Json);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await member.GetAsync("/api/v1/supervision/accountability")).StatusCode);
        var (_, again) = await app.TokenAsync("jiwei", Password);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.BearerClient(again!).PostAsJsonAsync("/api/v1/supervision/accountability", Case(office.Id, county.Today), RunningApp.Json)).StatusCode);
        var after = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/accounts")).EnumerateArray().Single(u => u.GetProperty("userName").GetString() == "jiwei");
        Assert.Equal(JsonValueKind.Null, after.GetProperty("unitId").ValueKind);
    }
}
