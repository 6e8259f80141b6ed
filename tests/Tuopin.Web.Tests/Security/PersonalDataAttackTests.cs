using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Tuopin.Application.Common;
using Tuopin.Application.Registry;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Testing;

namespace Tuopin.Web.Tests.Security;

/// <summary>
/// A masked resident ID attacked through the other doors: the birth date beside it, the exact search
/// that would confirm a guess, the export, and the duplicate check of a writer in another village.
/// </summary>
public sealed class PersonalDataAttackTests
{
    private const string Village = "三胡乡/黄柏园村";

    [Theory]
    [InlineData(Role.Inspector)]
    [InlineData(Role.LineDepartment)]
    public async Task AMaskedId_CannotBeNarrowedByItsBirthDate_NorConfirmedByAnExactSearch(Role role)
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        var head = Build.Member(birth: new DateOnly(1961, 11, 7));
        var id = await county.AddHouseholdAsync(Village, head);
        await using var app = await RunningApp.StartAsync(county);
        var client = await app.ClientAsAsync(role);

        var household = await client.GetFromJsonAsync<JsonElement>($"/api/v1/households/{id}");
        var member = household.GetProperty("members")[0];
        var shown = member.GetProperty("residentId").GetProperty("text").GetString()!;
        Assert.Equal("422827************", shown);
        Assert.Equal(JsonValueKind.Null, member.GetProperty("birthDate").ValueKind);
        Assert.Equal("1961-11", member.GetProperty("birthMonth").GetString());
        Assert.DoesNotContain("1961-11-07", household.GetRawText(), StringComparison.Ordinal);

        var search = await client.PostAsJsonAsync("/api/v1/households/search", new { residentId = head.ResidentId });
        Assert.Equal(HttpStatusCode.Forbidden, search.StatusCode);
        Assert.Contains("按姓名查找", await search.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var export = await client.GetByteArrayAsync("/api/v1/registry/export?format=csv");
        var text = Encoding.UTF8.GetString(export);
        Assert.DoesNotContain(head.ResidentId!, text, StringComparison.Ordinal);
        Assert.DoesNotContain("1961-11-07", text, StringComparison.Ordinal);
        var rows = CsvReader.Read(new MemoryStream(export)).ToList();
        var birth = Array.FindIndex(rows[0].Cells, c => c.Text == "出生日期");
        Assert.Equal("1961-11", rows[1].Cells[birth].Text);
    }

    [Fact]
    public async Task AnOfficerWhoSeesIds_StillFindsByTheExactId()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        var head = Build.Member();
        var id = await county.AddHouseholdAsync(Village, head);
        await using var app = await RunningApp.StartAsync(county);
        var officer = await app.ClientAsAsync(Role.VillageOfficer, Village);

        var found = await (await officer.PostAsJsonAsync("/api/v1/households/search", new { residentId = head.ResidentId })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(id, found.GetProperty("items")[0].GetProperty("id").GetGuid());
        var member = (await officer.GetFromJsonAsync<JsonElement>($"/api/v1/households/{id}")).GetProperty("members")[0];
        Assert.Equal(head.ResidentId, member.GetProperty("residentId").GetProperty("text").GetString());
        Assert.Equal(head.BirthDate.ToString("yyyy-MM-dd"), member.GetProperty("birthDate").GetString());
    }

    [Fact]
    public async Task TheDuplicateCheck_SaysTakenNotWhere_IsLogged_AndStopsBeingALookupAfterItsDailyLimit()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        var people = new List<MemberFields>();
        for (var i = 0; i < Application.Security.IdProbes.DailyLimit + 2; i++)
        {
            var member = Build.Member(name: "翔凤户主");
            people.Add(member);
            await county.AddHouseholdAsync("翔凤镇/老茶村", member);
        }
        await using var app = await RunningApp.StartAsync(county);
        var probing = await app.ClientAsAsync(Role.VillageOfficer, Village);

        HttpResponseMessage? last = null;
        for (var i = 0; i < people.Count; i++)
        {
            var body = new { household = Build.Household(county.Villages[Village].Id), members = new[] { Build.Member() with { ResidentId = people[i].ResidentId, BirthDate = people[i].BirthDate } } };
            last = await probing.PostAsJsonAsync("/api/v1/households", body, RunningApp.Json);
            var text = await last.Content.ReadAsStringAsync();
            Assert.DoesNotContain("翔凤", text, StringComparison.Ordinal);
            Assert.DoesNotContain("老茶", text, StringComparison.Ordinal);
            Assert.DoesNotContain(people[i].ResidentId!, text, StringComparison.Ordinal);
            if (i < Application.Security.IdProbes.DailyLimit)
            {
                Assert.Equal(HttpStatusCode.BadRequest, last.StatusCode);
                Assert.Contains("member.duplicate_resident_id", text, StringComparison.Ordinal);
            }
        }
        Assert.Equal(HttpStatusCode.Forbidden, last!.StatusCode);
        Assert.Contains("县扶贫办", await last.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Refused before looking anything up: even a new, free ID is not registered today.
        var fresh = await probing.PostAsJsonAsync("/api/v1/households", new { household = Build.Household(county.Villages[Village].Id), members = new[] { Build.Member() } }, RunningApp.Json);
        Assert.Equal(HttpStatusCode.Forbidden, fresh.StatusCode);
        var warnings = app.Logs.Messages.Where(m => m.Contains("Duplicate check", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(warnings);
        Assert.All(people, p => Assert.DoesNotContain(app.Logs.Messages, m => m.Contains(p.ResidentId!, StringComparison.Ordinal)));
        // Another official is not affected.
        var other = await app.ClientAsAsync(Role.VillageOfficer, Village);
        Assert.Equal(HttpStatusCode.Created, (await other.PostAsJsonAsync("/api/v1/households", new { household = Build.Household(county.Villages[Village].Id), members = new[] { Build.Member() } }, RunningApp.Json)).StatusCode);
    }
}
