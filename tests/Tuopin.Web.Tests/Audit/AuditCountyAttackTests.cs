using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Accounts;
using Tuopin.Application.Audit;
using Tuopin.Application.Common;
using Tuopin.Application.Plan;
using Tuopin.Application.Registry;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Places;
using Tuopin.Testing;
using Tuopin.Web.Tests.Security;

namespace Tuopin.Web.Tests.Audit;

/// <summary>
/// County B's administrator and inspector, over HTTP, against county A's audit entries in one database of both counties (ADR 0010,
/// amendment): asking /api/v1/audit for A's household, township, village, administrator or record type, paging past A's numbers,
/// exporting, reading the types, and A's household's history give nothing of A's — not its changes, sign-ins, reads of personal
/// data or exports, not its users' names or addresses. A's own officials read theirs; a prefecture's official reading B on their
/// grant reads B's alone.
/// </summary>
public sealed class AuditCountyAttackTests
{
    private const string Sanhu = "三胡乡/黄柏园村";

    [Theory, BothDatabases]
    public async Task CountyBsOfficials_GetNoneOfCountyAsEntries_ThroughTheApi(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var (countyB, villageB, enshi) = await county.QueryAsync(async db =>
        {
            var laifeng = await db.Counties.SingleAsync();
            var c = new County { Id = Guid.CreateVersion7(), Code = "422826", Name = "咸丰县", PrefectureId = laifeng.PrefectureId };
            var t = new Township { Id = Guid.CreateVersion7(), CountyId = c.Id, Code = "422826100", Name = "高乐山镇" };
            var v = new Village { Id = Guid.CreateVersion7(), CountyId = c.Id, TownshipId = t.Id, Code = "422826100201", Name = "白地坪村", OfficialName = "白地坪村委会", Kind = VillageKind.Village };
            db.AddRange(c, t, v);
            await db.SaveChangesAsync();
            return (c.Id, v.Id, laifeng.PrefectureId!.Value);
        });
        var householdA = await county.AddHouseholdAsync(Sanhu, Build.Member(), Build.Member(Domain.Registry.Relation.Son));
        var adminB = new Actor(Guid.NewGuid(), "咸丰县管理员", Role.CountyAdmin, AreaScope.County(countyB));
        var householdB = await county.As<CreateHousehold>(adminB).HandleAsync(new CreateHousehold.Request(
            Build.Household(villageB), [Build.Member()], RegisteredOn: new DateOnly(2014, 10, 1)));
        await county.As<SetWorkingYear>(county.Admin).HandleAsync(new SetWorkingYear.Request(2017));

        await using var app = await RunningApp.StartAsync(county);
        // County A's administrator signs in, reads the household with its full numbers, exports the registry and the log.
        var a = await app.ClientAsAsync(Role.CountyAdmin);
        Assert.Equal(HttpStatusCode.OK, (await a.GetAsync($"/api/v1/households/{householdA}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await a.GetAsync("/api/v1/registry/export?format=xlsx")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await a.GetAsync("/api/v1/audit/entries.xlsx")).StatusCode);
        var b = await app.ClientAsAsync(Role.CountyAdmin, countyId: countyB);
        var bInspector = await app.ClientAsAsync(Role.Inspector, countyId: countyB);
        Assert.Equal(HttpStatusCode.OK, (await b.GetAsync($"/api/v1/households/{householdB}")).StatusCode);

        var ofA = (await county.QueryAsync(db => db.AuditEntries.Where(e => e.CountyId == county.CountyId).Select(e => e.Sequence!.Value).ToListAsync())).ToHashSet();
        var kindsOfA = await county.QueryAsync(db => db.AuditEntries.Where(e => e.CountyId == county.CountyId).Select(e => e.Action).Distinct().ToListAsync());
        Assert.Superset(new HashSet<AuditAction> { AuditAction.Insert, AuditAction.SignIn, AuditAction.Read, AuditAction.Export }, kindsOfA.ToHashSet());
        var namesOfA = await county.QueryAsync(db => db.AuditEntries.Where(e => e.CountyId == county.CountyId && e.UserId != null).Select(e => e.UserName).Distinct().ToListAsync());
        var adminA = await county.QueryAsync(db => db.AuditEntries.Where(e => e.CountyId == county.CountyId && e.Action == AuditAction.SignIn).Select(e => e.UserName).SingleAsync());
        var highest = ofA.Max();

        foreach (var client in new[] { b, bInspector })
        {
            var ofB = await county.QueryAsync(db => db.AuditEntries.Where(e => e.CountyId == countyB).Select(e => e.Sequence!.Value).ToListAsync());
            // Every page of the whole log: B's entries, all of them, none of A's.
            var (rows, matching) = await AllPagesAsync(client, "/api/v1/audit/entries?");
            Assert.Equal(ofB.Count, matching);
            Assert.Equal(ofB.Order(), rows.Select(r => r.GetProperty("sequence").GetInt64()).Order());
            Assert.DoesNotContain(rows, r => namesOfA.Contains(r.GetProperty("userName").GetString()!));
            Assert.All(rows, r => Assert.Equal("咸丰县", r.GetProperty("county").GetString()));
            // Asked for A's household, township, village, administrator, record type, sign-ins, or a page below A's newest entry.
            foreach (var query in new[]
            {
                $"household={householdA}", $"township={county.Townships["三胡乡"]}", $"village={county.Villages[Sanhu].Id}",
                $"user={Uri.EscapeDataString(adminA)}", $"type={SetWorkingYear.AuditType}",
            })
                Assert.Equal(0, (await GetAsync(client, "/api/v1/audit/entries?" + query)).GetProperty("matching").GetInt32());
            var below = await GetAsync(client, $"/api/v1/audit/entries?before={highest + 1}");
            Assert.DoesNotContain(below.GetProperty("rows").EnumerateArray(), r => ofA.Contains(r.GetProperty("sequence").GetInt64()));
            var (signIns, _) = await AllPagesAsync(client, "/api/v1/audit/entries?kind=SignIns&");
            Assert.NotEmpty(signIns);
            Assert.DoesNotContain(signIns, r => ofA.Contains(r.GetProperty("sequence").GetInt64()));
            var types = (await GetAsync(client, "/api/v1/audit/types")).EnumerateArray().Select(t => t.GetProperty("code").GetString()).ToList();
            Assert.DoesNotContain(SetWorkingYear.AuditType, types);

            // The export: B's entries alone (read inside the workbook).
            var response = await client.GetAsync($"/api/v1/audit/entries.xlsx?household={householdA}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("共 0 条", SheetOf(await response.Content.ReadAsByteArrayAsync())[0][0].Text, StringComparison.Ordinal);
            var ofBNow = await county.QueryAsync(db => db.AuditEntries.Where(e => e.CountyId == countyB).Select(e => e.Sequence!.Value).ToListAsync());
            var whole = SheetOf(await client.GetByteArrayAsync("/api/v1/audit/entries.xlsx")).Skip(2).ToList();
            Assert.Equal(ofBNow.Order(), whole.Select(r => long.Parse(r[0].Text, CultureInfo.InvariantCulture)).Order());

            // A's household's history: not found, as the household.
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/households/{householdA}/history")).StatusCode);
        }

        // County A's administrator reads A's entries, the household's among them, and none of B's.
        var ofBFinal = (await county.QueryAsync(db => db.AuditEntries.Where(e => e.CountyId == countyB).Select(e => e.Sequence!.Value).ToListAsync())).ToHashSet();
        var (own, _) = await AllPagesAsync(a, "/api/v1/audit/entries?");
        Assert.DoesNotContain(own, r => ofBFinal.Contains(r.GetProperty("sequence").GetInt64()));
        Assert.True((await GetAsync(a, $"/api/v1/audit/entries?household={householdA}")).GetProperty("matching").GetInt32() >= 3);
        Assert.Equal(0, (await GetAsync(a, $"/api/v1/audit/entries?household={householdB}")).GetProperty("matching").GetInt32());

        // A prefecture's official granted its counties' records, reading 咸丰县: 咸丰县's entries alone (their choice among them).
        var reader = await app.ClientAsAsync(Role.PrefectureOfficial, region: enshi, countyRecords: true);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync("/api/v1/audit/entries")).StatusCode);
        await EndpointMatrixTests.ReadCountyAsync(reader, "422826");
        var ofBRead = await county.QueryAsync(db => db.AuditEntries.Where(e => e.CountyId == countyB).Select(e => e.Sequence!.Value).ToListAsync());
        var (read, readMatching) = await AllPagesAsync(reader, "/api/v1/audit/entries?");
        Assert.Equal(ofBRead.Count, readMatching);
        Assert.Equal(ofBRead.Order(), read.Select(r => r.GetProperty("sequence").GetInt64()).Order());
        Assert.Contains(read, r => r.GetProperty("entityType").GetString() == "County" && r.GetProperty("action").GetString() == "read");
        Assert.Equal(0, (await GetAsync(reader, $"/api/v1/audit/entries?household={householdA}")).GetProperty("matching").GetInt32());
    }

    private static async Task<(List<JsonElement> Rows, int Matching)> AllPagesAsync(HttpClient client, string path)
    {
        var rows = new List<JsonElement>();
        var page = await GetAsync(client, path);
        var matching = page.GetProperty("matching").GetInt32();
        while (true)
        {
            rows.AddRange(page.GetProperty("rows").EnumerateArray());
            if (page.GetProperty("next").ValueKind == JsonValueKind.Null) return (rows, matching);
            page = await GetAsync(client, $"{path}before={page.GetProperty("next").GetInt64()}");
        }
    }

    private static List<SheetRow> SheetOf(byte[] content) => SheetFormats.Read(new MemoryStream(content), SheetFormat.Xlsx).ToList();

    private static async Task<JsonElement> GetAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>(RunningApp.Json);
    }
}
