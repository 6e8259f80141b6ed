using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Assistance;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Assistance;
using Tuopin.Testing;

namespace Tuopin.Web.Tests.Assistance;

/// <summary>
/// The assistance work over HTTP: who may pair a cadre and add a measure where, what the inspector and a line
/// department read, and how stale and invalid writes are answered.
/// </summary>
public sealed class AssistanceApiTests
{
    private const string Own = "三胡乡/黄柏园村";
    private const string Other = "翔凤镇/老茶村";
    private const string Phone = "13912345678";
    private const int Year = 2016;

    private static object MeasureBody(MeasureType type, string content, decimal amount = 0, decimal expectedIncome = 0, MeasureStatus status = MeasureStatus.Planned, DateOnly? doneOn = null) =>
        new { measure = new { year = Year, type, content, amount, expectedIncome, status, doneOn }, reason = "入户核实" };

    private static async Task<string[]> ProblemFieldsAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("field").GetString()!).ToArray();
    }

    [Theory, BothDatabases]
    public async Task AVillageOfficer_PairsAndPlansTheirOwnHousehold_NotAnothers_AndTheInspectorOnlyReads(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var own = await county.AddHouseholdAsync(Own);
        var other = await county.AddHouseholdAsync(Other);
        var cadre = await county.As<RegisterCadre>(county.Admin).HandleAsync(new RegisterCadre.Request("李结对", "县农业局", "科员", Phone));
        await using var app = await RunningApp.StartAsync(county);
        var village = await app.ClientAsAsync(Role.VillageOfficer, Own);
        var inspector = await app.ClientAsAsync(Role.Inspector);
        var anonymous = app.AnonymousClient();

        // The officer's own household: paired (200) and planned (201).
        var paired = await village.PostAsJsonAsync($"/api/v1/assistance/households/{own}/cadre", new { cadreId = cadre.Id, startedOn = new DateOnly(Year, 3, 1) }, RunningApp.Json);
        Assert.Equal(HttpStatusCode.OK, paired.StatusCode);
        var added = await village.PostAsJsonAsync($"/api/v1/assistance/households/{own}/measures", MeasureBody(MeasureType.Industry, "发展茶叶3亩", 3000, 2000), RunningApp.Json);
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var saved = await added.Content.ReadFromJsonAsync<JsonElement>();
        var measureId = saved.GetProperty("id").GetGuid();
        var version = saved.GetProperty("version").GetInt32();

        // Another village's household: 404, and nothing is stored.
        Assert.Equal(HttpStatusCode.NotFound, (await village.PostAsJsonAsync($"/api/v1/assistance/households/{other}/cadre", new { cadreId = cadre.Id, startedOn = new DateOnly(Year, 3, 1) }, RunningApp.Json)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await village.PostAsJsonAsync($"/api/v1/assistance/households/{other}/measures", MeasureBody(MeasureType.Industry, "发展茶叶"), RunningApp.Json)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await village.GetAsync($"/api/v1/assistance/households/{other}?year={Year}")).StatusCode);
        Assert.Equal(0, await county.QueryAsync(db => db.CadreAssignments.IgnoreQueryFilters().CountAsync(a => a.HouseholdId == other)));
        Assert.Equal(0, await county.QueryAsync(db => db.Measures.IgnoreQueryFilters().CountAsync(m => m.HouseholdId == other)));

        // A stale version: 409; the version seen: 200. Invalid fields: 400 naming each.
        var change = new { householdId = own, version = version + 5, measure = new { year = Year, type = MeasureType.Industry, content = "发展茶叶5亩", amount = 3000, expectedIncome = 2500, status = MeasureStatus.InProgress } };
        Assert.Equal(HttpStatusCode.Conflict, (await village.PutAsJsonAsync($"/api/v1/assistance/measures/{measureId}", change, RunningApp.Json)).StatusCode);
        var changed = await village.PutAsJsonAsync($"/api/v1/assistance/measures/{measureId}", change with { version = version }, RunningApp.Json);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var negative = await village.PostAsJsonAsync($"/api/v1/assistance/households/{own}/measures", MeasureBody(MeasureType.Industry, "发展茶叶", amount: -5), RunningApp.Json);
        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
        Assert.Equal(["amount"], await ProblemFieldsAsync(negative));
        var undated = await village.PostAsJsonAsync($"/api/v1/assistance/households/{own}/measures", MeasureBody(MeasureType.Industry, "发展茶叶", status: MeasureStatus.Done), RunningApp.Json);
        Assert.Equal(HttpStatusCode.BadRequest, undated.StatusCode);
        Assert.Equal(["doneOn"], await ProblemFieldsAsync(undated));
        Assert.Equal(1, await county.QueryAsync(db => db.Measures.IgnoreQueryFilters().CountAsync(m => m.HouseholdId == own)));

        // The inspector reads the coverage and the household, with the cadre's phone masked everywhere.
        var coverage = await inspector.GetAsync($"/api/v1/assistance/coverage?year={Year}");
        Assert.Equal(HttpStatusCode.OK, coverage.StatusCode);
        var counts = await coverage.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, counts.GetProperty("poorHouseholds").GetInt32());
        Assert.Equal(1, counts.GetProperty("withCadre").GetInt32());
        Assert.Equal(1, counts.GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("code").GetString() == "no_cadre").GetProperty("count").GetInt32());
        var read = await inspector.GetAsync($"/api/v1/assistance/households/{own}?year={Year}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var text = await read.Content.ReadAsStringAsync();
        var assistance = JsonDocument.Parse(text).RootElement;
        Assert.Equal("李结对", assistance.GetProperty("current").GetProperty("cadre").GetString());
        Assert.True(assistance.GetProperty("current").GetProperty("phone").GetProperty("masked").GetBoolean());
        var measure = Assert.Single(assistance.GetProperty("measures").EnumerateArray().ToList());
        Assert.Equal("industry", measure.GetProperty("type").GetString());
        Assert.Equal("inProgress", measure.GetProperty("status").GetString());
        Assert.False(assistance.GetProperty("canWrite").GetBoolean());
        Assert.DoesNotContain(Phone, text, StringComparison.Ordinal);
        var cadres = await inspector.GetStringAsync("/api/v1/assistance/cadres");
        Assert.Contains("李结对", cadres, StringComparison.Ordinal);
        Assert.DoesNotContain(Phone, cadres, StringComparison.Ordinal);
        // The village officer sees personal data: the whole number.
        Assert.Contains(Phone, await village.GetStringAsync($"/api/v1/assistance/households/{own}?year={Year}"), StringComparison.Ordinal);

        // Every write of the inspector: 403, and nothing changes.
        var writes = new (HttpMethod Method, string Path, object Body)[]
        {
            (HttpMethod.Post, $"/api/v1/assistance/households/{own}/cadre", new { cadreId = cadre.Id, startedOn = new DateOnly(Year, 6, 1) }),
            (HttpMethod.Post, $"/api/v1/assistance/households/{own}/cadre/end", new { endedOn = new DateOnly(Year, 6, 1), reason = "调动" }),
            (HttpMethod.Post, $"/api/v1/assistance/households/{own}/measures", MeasureBody(MeasureType.Industry, "发展茶叶")),
            (HttpMethod.Put, $"/api/v1/assistance/measures/{measureId}", change with { version = version + 1 }),
            (HttpMethod.Post, $"/api/v1/assistance/measures/{measureId}/review", new { version = version + 1 }),
            (HttpMethod.Post, "/api/v1/assistance/cadres", new { name = "王", workUnit = "县委" }),
            (HttpMethod.Put, $"/api/v1/assistance/cadres/{cadre.Id}", new { version = cadre.Version, name = "王", workUnit = "县委" }),
            (HttpMethod.Post, "/api/v1/assistance/teams", new { villageId = county.Villages[Own].Id, stationedUnit = "县扶贫办", firstSecretary = "张三", startedOn = new DateOnly(Year, 3, 1) }),
        };
        foreach (var (method, path, body) in writes)
        {
            using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body, options: RunningApp.Json) };
            Assert.True((await inspector.SendAsync(request)).StatusCode == HttpStatusCode.Forbidden, $"{method} {path}");
        }
        Assert.Equal(1, await county.QueryAsync(db => db.Measures.IgnoreQueryFilters().CountAsync()));
        Assert.Equal(1, await county.QueryAsync(db => db.CadreAssignments.IgnoreQueryFilters().CountAsync()));
        Assert.Equal(1, await county.QueryAsync(db => db.Cadres.IgnoreQueryFilters().CountAsync()));
        Assert.Equal(0, await county.QueryAsync(db => db.WorkTeams.IgnoreQueryFilters().CountAsync()));

        // No sign-in: 401, reads and writes alike.
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/assistance/coverage?year={Year}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/assistance/households/{own}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync($"/api/v1/assistance/households/{own}/measures", MeasureBody(MeasureType.Industry, "x"), RunningApp.Json)).StatusCode);
    }

    [Theory, BothDatabases]
    public async Task TheEducationBureau_AddsEducationAid_NotHealthAid_AndReadsOnlyEducationMeasures(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var own = await county.AddHouseholdAsync(Own);
        await using var app = await RunningApp.StartAsync(county);
        var village = await app.ClientAsAsync(Role.VillageOfficer, Own);
        var education = await app.ClientAsAsync(Role.LineDepartment, department: Department.Education);
        Assert.Equal(HttpStatusCode.Created, (await village.PostAsJsonAsync($"/api/v1/assistance/households/{own}/measures", MeasureBody(MeasureType.Health, "大病救治", 8000), RunningApp.Json)).StatusCode);

        var aid = await education.PostAsJsonAsync($"/api/v1/assistance/households/{own}/measures", MeasureBody(MeasureType.Education, "雨露计划补助", 3000), RunningApp.Json);
        Assert.Equal(HttpStatusCode.Created, aid.StatusCode);
        var health = await education.PostAsJsonAsync($"/api/v1/assistance/households/{own}/measures", MeasureBody(MeasureType.Health, "医疗救助", 500), RunningApp.Json);
        Assert.Equal(HttpStatusCode.Forbidden, health.StatusCode);
        // Pairing is not a department's work.
        Assert.Equal(HttpStatusCode.Forbidden, (await education.PostAsJsonAsync($"/api/v1/assistance/households/{own}/cadre/end", new { endedOn = new DateOnly(Year, 6, 1), reason = "x" }, RunningApp.Json)).StatusCode);

        var seen = await education.GetFromJsonAsync<JsonElement>($"/api/v1/assistance/households/{own}?year={Year}");
        var measures = seen.GetProperty("measures").EnumerateArray().ToList();
        Assert.Equal(["雨露计划补助"], measures.Select(m => m.GetProperty("content").GetString()));
        Assert.All(measures, m => Assert.Equal("education", m.GetProperty("type").GetString()));
        Assert.All(measures, m => Assert.True(m.GetProperty("canEdit").GetBoolean()));
        // The health measure is the village's, and the department's refused one was never stored.
        Assert.Equal([MeasureType.Education, MeasureType.Health], await county.QueryAsync(db => db.Measures.IgnoreQueryFilters().OrderBy(m => m.Type).Select(m => m.Type).ToListAsync()));
    }

    [Theory, BothDatabases]
    public async Task ATownshipOfficer_KeepsTheRosterAndTheTeams_AndReviewsMeasures(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var own = await county.AddHouseholdAsync(Own);
        await using var app = await RunningApp.StartAsync(county);
        var township = await app.ClientAsAsync(Role.TownshipOfficer, "三胡乡");
        var village = await app.ClientAsAsync(Role.VillageOfficer, Own);

        var registered = await township.PostAsJsonAsync("/api/v1/assistance/cadres", new { name = "张帮扶", workUnit = "三胡乡政府", phone = Phone }, RunningApp.Json);
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var cadre = await registered.Content.ReadFromJsonAsync<JsonElement>();
        var cadreId = cadre.GetProperty("id").GetGuid();
        // The roster is the offices': a village officer registers no one.
        Assert.Equal(HttpStatusCode.Forbidden, (await village.PostAsJsonAsync("/api/v1/assistance/cadres", new { name = "王", workUnit = "村委" }, RunningApp.Json)).StatusCode);
        var stale = await township.PutAsJsonAsync($"/api/v1/assistance/cadres/{cadreId}", new { version = 7, name = "张帮扶", workUnit = "三胡乡政府" }, RunningApp.Json);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var corrected = await township.PutAsJsonAsync($"/api/v1/assistance/cadres/{cadreId}", new { version = cadre.GetProperty("version").GetInt32(), name = "张帮扶", workUnit = "三胡乡人民政府", position = "副乡长", phone = Phone }, RunningApp.Json);
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        var roster = await township.GetFromJsonAsync<JsonElement>("/api/v1/assistance/cadres?search=三胡乡人民");
        var row = Assert.Single(roster.GetProperty("cadres").EnumerateArray().ToList());
        Assert.Equal("副乡长", row.GetProperty("position").GetString());
        Assert.Equal(Phone, row.GetProperty("phone").GetProperty("text").GetString());

        var team = await township.PostAsJsonAsync("/api/v1/assistance/teams", new { villageId = county.Villages[Own].Id, stationedUnit = "县财政局", firstSecretary = "赵书记", startedOn = new DateOnly(Year, 3, 1) }, RunningApp.Json);
        Assert.Equal(HttpStatusCode.Created, team.StatusCode);
        var teams = await township.GetFromJsonAsync<JsonElement>("/api/v1/assistance/teams?poorOnly=true");
        var stationed = teams.GetProperty("villages").EnumerateArray().Single(v => v.GetProperty("villageId").GetGuid() == county.Villages[Own].Id);
        Assert.Equal("赵书记", stationed.GetProperty("current").GetProperty("firstSecretary").GetString());

        var added = await village.PostAsJsonAsync($"/api/v1/assistance/households/{own}/measures", MeasureBody(MeasureType.Industry, "发展茶叶3亩", 3000, 2000), RunningApp.Json);
        var measure = await added.Content.ReadFromJsonAsync<JsonElement>();
        var measureId = measure.GetProperty("id").GetGuid();
        // A village officer enters; the township reviews.
        Assert.Equal(HttpStatusCode.Forbidden, (await village.PostAsJsonAsync($"/api/v1/assistance/measures/{measureId}/review", new { version = 1 }, RunningApp.Json)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await township.PostAsJsonAsync($"/api/v1/assistance/measures/{measureId}/review", new { version = 9 }, RunningApp.Json)).StatusCode);
        var reviewed = await township.PostAsJsonAsync($"/api/v1/assistance/measures/{measureId}/review", new { version = measure.GetProperty("version").GetInt32() }, RunningApp.Json);
        Assert.Equal(HttpStatusCode.OK, reviewed.StatusCode);
        Assert.Equal(measure.GetProperty("version").GetInt32() + 1, (await reviewed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());
        var shown = await township.GetFromJsonAsync<JsonElement>($"/api/v1/assistance/households/{own}?year={Year}");
        Assert.False(string.IsNullOrEmpty(shown.GetProperty("measures")[0].GetProperty("reviewedBy").GetString()));

        // A rule that does not exist: 400 naming the rule; one that does lists as many households as its count.
        var unknown = await township.GetAsync($"/api/v1/assistance/findings?rule=nope&year={Year}");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(["rule"], await ProblemFieldsAsync(unknown));
        var findings = await township.GetFromJsonAsync<JsonElement>($"/api/v1/assistance/findings?rule=no_cadre&year={Year}");
        Assert.Equal(own, findings.GetProperty("households").GetProperty("items").EnumerateArray().Single().GetProperty("householdId").GetGuid());
    }

    [Fact]
    public async Task TheOpenApiDocument_DescribesTheAssistanceEndpoints()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        await using var app = await RunningApp.StartAsync(county);
        var admin = await app.ClientAsAsync(Role.CountyAdmin);
        var document = await admin.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths");
        foreach (var path in new[]
                 {
                     "/api/v1/assistance/coverage", "/api/v1/assistance/findings", "/api/v1/assistance/households/{id}", "/api/v1/assistance/households/{id}/cadre",
                     "/api/v1/assistance/households/{id}/cadre/end", "/api/v1/assistance/households/{id}/measures", "/api/v1/assistance/measures/{id}",
                     "/api/v1/assistance/measures/{id}/review", "/api/v1/assistance/cadres", "/api/v1/assistance/cadres/{id}", "/api/v1/assistance/teams", "/api/v1/assistance/teams/{id}",
                     "/api/v1/assistance/training/courses/{id}/attendance", "/api/v1/assistance/training/courses/{id}/attendance/import",
                 })
            Assert.True(paths.TryGetProperty(path, out _), path);

        // Each answer has its own schema: the use cases' nested Result records are not one schema under one name.
        JsonElement Answer(string path, string method, string status)
        {
            var reference = paths.GetProperty(path).GetProperty(method).GetProperty("responses").GetProperty(status)
                .GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString()!;
            return document.GetProperty("components").GetProperty("schemas").GetProperty(reference[(reference.LastIndexOf('/') + 1)..]);
        }
        Assert.True(Answer("/api/v1/assistance/coverage", "get", "200").GetProperty("properties").TryGetProperty("poorHouseholds", out _));
        Assert.True(Answer("/api/v1/assistance/cadres", "get", "200").GetProperty("properties").TryGetProperty("loadLimit", out _));
        Assert.True(Answer("/api/v1/assistance/households/{id}/measures", "post", "201").GetProperty("properties").TryGetProperty("created", out _));
        Assert.True(Answer("/api/v1/assistance/training/courses/{id}/attendance/import", "post", "200").GetProperty("properties").TryGetProperty("members", out _));
        Assert.True(Answer("/api/v1/overview", "get", "200").GetProperty("properties").TryGetProperty("registered", out _));
    }
}
