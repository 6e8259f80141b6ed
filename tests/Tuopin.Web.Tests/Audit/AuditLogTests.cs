using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Audit;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Registry;
using Tuopin.Testing;

namespace Tuopin.Web.Tests.Audit;

/// <summary>
/// The county's audit log (/api/v1/audit, /audit): who changed what, filtered by person, area, record type, kind and
/// date, a page at a time and as .xlsx — for the county office and the inspectors only. Entries carry their record's
/// township and village, and the chain with them in it verifies.
/// </summary>
public sealed class AuditLogTests
{
    private const string Sanhu = "三胡乡/黄柏园村";
    private const string Xiangfeng = "翔凤镇/老茶村";

    [Theory, BothDatabases]
    public async Task TheLog_IsFilteredByArea_Person_TypeAndKind_PagedWithoutOverlap_AndExported(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var inSanhu = await county.AddHouseholdAsync(Sanhu, Build.Member(), Build.Member(Relation.Son));
        var inXiangfeng = await county.AddHouseholdAsync(Xiangfeng, Build.Member());
        for (var i = 0; i < 30; i++) await county.AddHouseholdAsync(Xiangfeng, Build.Member());
        await using var app = await RunningApp.StartAsync(county);
        var admin = await app.ClientAsAsync(Role.CountyAdmin);
        var inspector = await app.ClientAsAsync(Role.Inspector);

        // The township's entries: its places as they were loaded, and the Sanhu household's (the household, its two members …) — nothing of Xiangfeng.
        var sanhu = county.Townships["三胡乡"];
        var page = await GetAsync(admin, $"/api/v1/audit/entries?township={sanhu}");
        var rows = page.GetProperty("rows").EnumerateArray().ToList();
        Assert.All(rows, r => Assert.Equal("三胡乡", r.GetProperty("township").GetString()));
        var householdRows = rows.Where(r => r.GetProperty("householdId").ValueKind != JsonValueKind.Null).ToList();
        var ofTheHousehold = await county.QueryAsync(d => d.AuditEntries.CountAsync(e => e.HouseholdId == inSanhu));
        Assert.True(ofTheHousehold >= 3, $"{ofTheHousehold}"); // at least the household and its two members
        Assert.Equal(ofTheHousehold, householdRows.Count);
        Assert.All(householdRows, r => Assert.Equal(inSanhu, r.GetProperty("householdId").GetGuid()));
        Assert.All(householdRows, r => Assert.Equal("黄柏园村", r.GetProperty("village").GetString()));
        var places = await county.QueryAsync(d => d.Villages.CountAsync(v => v.TownshipId == sanhu));
        Assert.Equal(ofTheHousehold + places + 1, page.GetProperty("matching").GetInt32()); // + the villages and the township itself
        var village = county.Villages[Xiangfeng].Id;
        var households = await GetAsync(inspector, $"/api/v1/audit/entries?village={village}&type=Household&kind=Changes");
        Assert.Equal(31, households.GetProperty("matching").GetInt32());
        Assert.Contains(households.GetProperty("rows").EnumerateArray(), r => r.GetProperty("entityId").GetGuid() == inXiangfeng);

        // Pages follow each other without overlap or gap, newest first.
        var first = await GetAsync(admin, "/api/v1/audit/entries?kind=Changes");
        var total = first.GetProperty("matching").GetInt32();
        Assert.True(total > ListAuditLog.PageSize, $"{total} entries");
        var next = first.GetProperty("next").GetInt64();
        var second = await GetAsync(admin, $"/api/v1/audit/entries?kind=Changes&before={next}");
        var sequences = first.GetProperty("rows").EnumerateArray().Concat(second.GetProperty("rows").EnumerateArray()).Select(r => r.GetProperty("sequence").GetInt64()).ToList();
        Assert.Equal(sequences.OrderByDescending(s => s), sequences);
        Assert.Equal(sequences.Count, sequences.Distinct().Count());
        Assert.Equal(Math.Min(total, 2 * ListAuditLog.PageSize), sequences.Count);

        // By person: the administrator's own sign-in (the client signed in through the form) is there, the inspector's is not.
        var adminName = await county.QueryAsync(d => d.AuditEntries.Where(e => e.Action == AuditAction.SignIn).OrderBy(e => e.Sequence).Select(e => e.UserName).FirstAsync());
        var signIns = await GetAsync(admin, $"/api/v1/audit/entries?kind=SignIns&user={Uri.EscapeDataString(adminName)}");
        Assert.All(signIns.GetProperty("rows").EnumerateArray(), r => Assert.Equal(adminName, r.GetProperty("userName").GetString()));
        Assert.True(signIns.GetProperty("matching").GetInt32() >= 1);

        // A day before anything was written: nothing.
        var yesterday = county.Today.AddDays(-1).ToString("yyyy-MM-dd");
        Assert.Equal(0, (await GetAsync(admin, $"/api/v1/audit/entries?to={yesterday}")).GetProperty("matching").GetInt32());

        // The export holds the same entries as the page's filter, and is itself logged.
        var file = await admin.GetAsync($"/api/v1/audit/entries.xlsx?township={sanhu}&type=Member");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        await using var stream = await file.Content.ReadAsStreamAsync();
        var sheet = SheetFormats.Read(stream, SheetFormat.Xlsx).ToList();
        Assert.Contains("共 2 条", sheet[0][0].Text, StringComparison.Ordinal);
        Assert.Equal("序号", sheet[1][0].Text);
        Assert.Equal(2, sheet.Count - 2);
        Assert.All(sheet.Skip(2), r => Assert.Equal("三胡乡", r[6].Text));
        var exports = await GetAsync(admin, "/api/v1/audit/entries?kind=Exports&type=AuditLog");
        Assert.Equal(1, exports.GetProperty("matching").GetInt32());

        // The chain, with entries that carry an area, verifies.
        Assert.True((await county.As<VerifyAudit>(county.Admin).HandleAsync()).Intact);
    }

    [Theory, BothDatabases]
    public async Task OnlyTheCountyOfficeAndInspectors_ReadTheLog(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        await county.AddHouseholdAsync(Sanhu, Build.Member());
        await using var app = await RunningApp.StartAsync(county);
        var township = await app.ClientAsAsync(Role.TownshipOfficer, "三胡乡");
        var village = await app.ClientAsAsync(Role.VillageOfficer, Sanhu);
        var department = await app.ClientAsAsync(Role.LineDepartment, department: Department.Transport);
        foreach (var client in new[] { township, village, department })
        {
            foreach (var path in new[] { "/api/v1/audit/entries", "/api/v1/audit/entries.xlsx", "/api/v1/audit/types", $"/api/v1/audit/entries?township={county.Townships["三胡乡"]}" })
                Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(path)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.AnonymousClient().GetAsync("/api/v1/audit/entries")).StatusCode);
        // The refused export left no file entry behind.
        Assert.Equal(0, await county.QueryAsync(d => d.AuditEntries.CountAsync(e => e.Action == AuditAction.Export)));
        Assert.Equal(HttpStatusCode.OK, (await (await app.ClientAsAsync(Role.Inspector)).GetAsync("/api/v1/audit/types")).StatusCode);
    }

    [Fact]
    public void AnEntrysArea_IsInItsHash_AndAnEntryWithoutOneHashesAsBefore()
    {
        var entry = new AuditEntry
        {
            Sequence = 7, At = new DateTime(2026, 12, 6, 8, 0, 0, DateTimeKind.Utc), UserName = "x", Action = AuditAction.Update, EntityType = "Household",
            EntityId = Guid.Parse("0193a000-0000-7000-8000-000000000001"), Changes = "{}", CorrelationId = Guid.Parse("0193a000-0000-7000-8000-000000000002"),
        };
        var withoutArea = AuditChain.HashOf(AuditChain.Genesis, entry);
        // The hash of an entry without an area is what it was before areas were recorded: the twelve fields, as chains written before hold them.
        object?[] fields = [7L, "2026-12-06T08:00:00.000000Z", null, "x", 2, "Household", entry.EntityId.ToString(), null, "{}", null, entry.CorrelationId.ToString(), null];
        var text = AuditChain.Genesis + "\n" + JsonSerializer.Serialize(fields, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text))), withoutArea);
        entry.TownshipId = Guid.Parse("0193a000-0000-7000-8000-000000000003");
        var inOneTownship = AuditChain.HashOf(AuditChain.Genesis, entry);
        entry.TownshipId = Guid.Parse("0193a000-0000-7000-8000-000000000004");
        Assert.NotEqual(withoutArea, inOneTownship);
        Assert.NotEqual(inOneTownship, AuditChain.HashOf(AuditChain.Genesis, entry));
    }

    private static async Task<JsonElement> GetAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>(RunningApp.Json);
    }
}
