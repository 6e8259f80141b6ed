using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Testing;

using static Tuopin.Web.Tests.CliRun;

namespace Tuopin.Web.Tests.Organisation;

/// <summary>
/// The organisation API and <c>tuopin organisation list / match-plan</c>: the county administrator builds units and
/// names people; another township, an inspector and an anonymous caller are refused what is not theirs.
/// </summary>
public sealed class OrganisationApiTests
{
    private sealed record Saved(Guid Id, int Version, bool Created);

    [Fact]
    public async Task TheAdministratorBuildsTheOrganisation_OthersReadTheirsOnly_AndTheCliReportsUnmatchedNames()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        await county.QueryAsync(db => Application.Plan.LoadPlan.EnsureBuiltInAsync(db));
        await using (var app = await RunningApp.StartAsync(county))
        {
            var admin = await app.ClientAsAsync(Role.CountyAdmin);
            var township = await app.ClientAsAsync(Role.TownshipOfficer, "翔凤镇");
            var inspector = await app.ClientAsAsync(Role.Inspector);
            var anonymous = app.AnonymousClient();

            var leading = await (await admin.PostAsJsonAsync("/api/v1/organisation/units", new { kind = 1, name = "县实施精准扶贫收入倍增工作领导小组" }, RunningApp.Json))
                .Content.ReadFromJsonAsync<Saved>(RunningApp.Json);
            var group = await admin.PostAsJsonAsync("/api/v1/organisation/units", new { kind = 2, name = "基础建设组", parentId = leading!.Id }, RunningApp.Json);
            Assert.Equal(HttpStatusCode.Created, group.StatusCode);
            var infra = await group.Content.ReadFromJsonAsync<Saved>(RunningApp.Json);
            var office = await (await admin.PostAsJsonAsync("/api/v1/organisation/units", new { kind = 5, name = "三胡乡扶贫开发办", townshipId = county.Townships["三胡乡"] }, RunningApp.Json))
                .Content.ReadFromJsonAsync<Saved>(RunningApp.Json);
            var person = await admin.PostAsJsonAsync($"/api/v1/organisation/units/{office!.Id}/people", new { name = "田书记", position = "第一主任", isFirstResponsible = true }, RunningApp.Json);
            Assert.Equal(HttpStatusCode.Created, person.StatusCode);
            // A working group under a working group is refused with the field named.
            var wrong = await admin.PostAsJsonAsync("/api/v1/organisation/units", new { kind = 2, name = "某组", parentId = infra!.Id }, RunningApp.Json);
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
            Assert.Contains("parentId", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            // A stale version is a conflict.
            var stale = await admin.PutAsJsonAsync($"/api/v1/organisation/units/{infra.Id}", new { kind = 2, name = "基础建设组", parentId = leading.Id, version = 7 }, RunningApp.Json);
            Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

            // Another township reads the county's units but not 三胡乡's office, and writes nothing.
            var seen = await township.GetStringAsync("/api/v1/organisation/units");
            Assert.Contains("基础建设组", seen, StringComparison.Ordinal);
            Assert.DoesNotContain("三胡乡扶贫开发办", seen, StringComparison.Ordinal);
            Assert.DoesNotContain("田书记", seen, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.NotFound, (await township.GetAsync($"/api/v1/organisation/units/{office.Id}")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await township.PostAsJsonAsync("/api/v1/organisation/units", new { kind = 5, name = "翔凤镇扶贫开发办", townshipId = county.Townships["翔凤镇"] }, RunningApp.Json)).StatusCode);
            // The inspector reads everything, writes nothing; an anonymous caller gets nothing.
            Assert.Contains("田书记", await inspector.GetStringAsync($"/api/v1/organisation/units/{office.Id}"), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Forbidden, (await inspector.PostAsJsonAsync($"/api/v1/organisation/units/{office.Id}/people", new { name = "某", position = "主任" }, RunningApp.Json)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await inspector.PostAsync("/api/v1/organisation/plan-match", null)).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/organisation/units")).StatusCode);

            // The match: 基础建设组 is found, its departments are not registered yet.
            var match = JsonDocument.Parse(await (await admin.PostAsync("/api/v1/organisation/plan-match", null)).Content.ReadAsStringAsync()).RootElement;
            Assert.True(match.GetProperty("recorded").GetBoolean());
        }

        string[] db = ["--db", county.Target.SqliteFile!, "--data-dir", county.Settings.DataDirectory];
        var (code, text, _) = await RunAsync(["organisation", "match-plan", .. db]);
        Assert.Equal(1, code);
        Assert.Contains("未找到 县交通运输局", text, StringComparison.Ordinal);
        var (listed, json, _) = await RunAsync(["organisation", "list", .. db, "--format", "json"]);
        Assert.Equal(0, listed);
        var units = JsonDocument.Parse(json).RootElement.GetProperty("units");
        Assert.Equal(3, units.GetArrayLength());
        var (plain, plainText, _) = await RunAsync(["organisation", "list", .. db, "--kind", "township-office"]);
        Assert.Equal(0, plain);
        Assert.Contains("三胡乡扶贫开发办", plainText, StringComparison.Ordinal);
        Assert.Contains("田书记（第一主任）", plainText, StringComparison.Ordinal);
        Assert.Equal(2, (await RunAsync(["organisation", "list", .. db, "--kind", "nonsense"])).Exit);
    }
}
