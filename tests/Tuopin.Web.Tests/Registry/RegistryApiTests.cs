using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tuopin.Application.Registry;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Registry;
using Tuopin.Testing;

namespace Tuopin.Web.Tests.Registry;

/// <summary>The registry over HTTP, through the real pipeline: authentication, area rules, validation, concurrency.</summary>
public sealed class RegistryApiTests
{
    private const string Sanhu = "三胡乡/黄柏园村";

    [Theory, BothDatabases]
    public async Task TownshipOfficer_IsRefused_ReadingOrChangingAnotherTownshipsHousehold(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var other = await county.AddHouseholdAsync("翔凤镇/老茶村", Build.Member(name: "翔凤户主"));
        var own = await county.AddHouseholdAsync(Sanhu, Build.Member(name: "三胡户主"));
        await using var app = await RunningApp.StartAsync(county);
        var client = await app.ClientAsAsync(Role.TownshipOfficer, "三胡乡");

        var read = await client.GetAsync($"/api/v1/households/{other}");
        var members = await client.GetAsync($"/api/v1/households/{other}/members");
        var history = await client.GetAsync($"/api/v1/households/{other}/history");
        var update = await client.PutAsJsonAsync($"/api/v1/households/{other}",
            new { version = 1, household = Build.Household(county.Villages["翔凤镇/老茶村"].Id) with { Attribute = HouseholdAttribute.Wubao } }, RunningApp.Json);
        var addMember = await client.PostAsJsonAsync($"/api/v1/households/{other}/members", new { version = 1, member = Build.Member(Relation.Son) }, RunningApp.Json);
        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/households");
        var ownRead = await client.GetAsync($"/api/v1/households/{own}");

        foreach (var response in new[] { read, members, history, update, addMember })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("翔凤户主", body, StringComparison.Ordinal);
            Assert.DoesNotContain("老茶", body, StringComparison.Ordinal);
        }
        Assert.Equal(1, list.GetProperty("total").GetInt32());
        Assert.Equal("三胡户主", list.GetProperty("items")[0].GetProperty("headName").GetString());
        Assert.Equal(HttpStatusCode.OK, ownRead.StatusCode);
        var stored = await county.As<GetHousehold>(county.Admin).HandleAsync(other);
        Assert.Equal(HouseholdAttribute.General, stored.Fields.Attribute);
        Assert.Single(stored.Members);
    }

    [Theory, BothDatabases]
    public async Task VillageOfficer_RegistersAHousehold_InTheirVillageOnly(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        await using var app = await RunningApp.StartAsync(county);
        var client = await app.ClientAsAsync(Role.VillageOfficer, Sanhu);
        var body = new { household = Build.Household(county.Villages[Sanhu].Id), members = new[] { Build.Member(), Build.Member(Relation.Spouse, Sex.Female) } };
        var elsewhere = new { household = Build.Household(county.Villages["三胡乡/石桥村"].Id), members = new[] { Build.Member() } };

        var created = await client.PostAsJsonAsync("/api/v1/households", body, RunningApp.Json);
        var refused = await client.PostAsJsonAsync("/api/v1/households", elsewhere, RunningApp.Json);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var saved = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal($"/api/v1/households/{saved.GetProperty("id").GetGuid()}", created.Headers.Location!.OriginalString);
        var detail = await client.GetFromJsonAsync<JsonElement>(created.Headers.Location);
        Assert.Equal(2, detail.GetProperty("members").GetArrayLength());
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("villageId", out _));
        Assert.Equal(1, (await county.As<ListHouseholds>(county.Admin).HandleAsync(new ListHouseholds.Query())).Total);
    }

    [Theory, BothDatabases]
    public async Task InvalidInput_GetsA400_NamingEachField_InChineseOrEnglish(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        await using var app = await RunningApp.StartAsync(county);
        var chinese = await app.ClientAsAsync(Role.CountyAdmin);
        var english = await app.ClientAsAsync(Role.CountyAdmin, culture: "en");
        var head = Build.Member();
        var body = new
        {
            household = Build.Household(county.Villages[Sanhu].Id),
            members = new[] { head with { ResidentId = "360426199101010072" }, head with { Relation = Relation.Son, Sex = Sex.Female } },
            incomes = new[] { Build.Income(2015, wage: -5m) },
        };

        var zh = await chinese.PostAsJsonAsync("/api/v1/households", body, RunningApp.Json);
        var en = await english.PostAsJsonAsync("/api/v1/households", body, RunningApp.Json);

        Assert.Equal(HttpStatusCode.BadRequest, zh.StatusCode);
        var zhErrors = (await zh.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("校验位", zhErrors.GetProperty("members[0].residentId")[0].GetString(), StringComparison.Ordinal);
        Assert.True(zhErrors.TryGetProperty("members[1].sex", out _));
        Assert.True(zhErrors.TryGetProperty("incomes[0].wage", out _));
        var enErrors = (await en.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("check character", enErrors.GetProperty("members[0].residentId")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, (await county.As<ListHouseholds>(county.Admin).HandleAsync(new ListHouseholds.Query())).Total);
    }

    [Theory, BothDatabases]
    public async Task AStaleVersion_Gets409_AndDoesNotOverwrite(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var id = await county.AddHouseholdAsync(Sanhu);
        await using var app = await RunningApp.StartAsync(county);
        var client = await app.ClientAsAsync(Role.TownshipOfficer, "三胡乡");
        var detail = await client.GetFromJsonAsync<HouseholdDetail>($"/api/v1/households/{id}", RunningApp.Json);

        var first = await client.PutAsJsonAsync($"/api/v1/households/{id}", new { version = detail!.Version, household = detail.Fields with { Attribute = HouseholdAttribute.Dibao } }, RunningApp.Json);
        var second = await client.PutAsJsonAsync($"/api/v1/households/{id}", new { version = detail.Version, household = detail.Fields with { Attribute = HouseholdAttribute.Wubao } }, RunningApp.Json);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("刷新", (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(HouseholdAttribute.Dibao, (await county.As<GetHousehold>(county.Admin).HandleAsync(id)).Fields.Attribute);
    }

    [Theory, BothDatabases]
    public async Task Inspector_SeesMaskedIds_AndCannotWrite(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var head = Build.Member();
        var id = await county.AddHouseholdAsync(Sanhu, head);
        await using var app = await RunningApp.StartAsync(county);
        var client = await app.ClientAsAsync(Role.Inspector);

        var text = await client.GetStringAsync($"/api/v1/households/{id}");
        var write = await client.PostAsJsonAsync("/api/v1/households", new { household = Build.Household(county.Villages[Sanhu].Id), members = new[] { Build.Member() } }, RunningApp.Json);

        Assert.DoesNotContain(head.ResidentId!, text, StringComparison.Ordinal);
        Assert.Contains(ResidentId.Mask(head.ResidentId!), text, StringComparison.Ordinal);
        Assert.DoesNotContain("13800001234", text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, write.StatusCode);
    }

    [Theory, BothDatabases]
    public async Task SearchByResidentId_FindsTheHousehold_AndTheNumberNeverReachesTheLogs(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var head = Build.Member();
        var id = await county.AddHouseholdAsync(Sanhu, head);
        await using var app = await RunningApp.StartAsync(county);
        var client = await app.ClientAsAsync(Role.CountyAdmin);
        var newcomer = Build.Member();

        var found = await client.PostAsJsonAsync("/api/v1/households/search", new { residentId = head.ResidentId }, RunningApp.Json);
        var created = await client.PostAsJsonAsync("/api/v1/households", new { household = Build.Household(county.Villages[Sanhu].Id), members = new[] { newcomer } }, RunningApp.Json);
        var invalid = await client.PostAsJsonAsync("/api/v1/households", new { household = Build.Household(county.Villages[Sanhu].Id), members = new[] { newcomer with { ResidentId = newcomer.ResidentId![..17] + "0" } } }, RunningApp.Json);
        await client.GetAsync($"/api/v1/households?name={Uri.EscapeDataString("田")}");

        var page = await found.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(id, page.GetProperty("items")[0].GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.NotEmpty(app.Logs.Messages);
        foreach (var message in app.Logs.Messages)
        {
            Assert.DoesNotContain(head.ResidentId!, message, StringComparison.Ordinal);
            Assert.DoesNotContain(newcomer.ResidentId!, message, StringComparison.Ordinal);
            Assert.DoesNotContain(newcomer.ResidentId![..17], message, StringComparison.Ordinal);
            Assert.DoesNotContain("13800001234", message, StringComparison.Ordinal);
        }
    }
}
