using System.Net;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Audit;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Registry;
using Tuopin.Testing;

namespace Tuopin.Web.Tests.Audit;

/// <summary>
/// Who saw unmasked personal data, and who took it away: reads of a household's page by a role that sees
/// full IDs, and exports, are entries of the audit chain with the client's address — and only those.
/// </summary>
public sealed class AccessAuditTests
{
    private const string Village = "三胡乡/黄柏园村";

    [Theory, BothDatabases]
    public async Task UnmaskedReadsAndExports_AreInTheAuditChain_MaskedReadsAreNot(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var household = await county.AddHouseholdAsync(Village, Build.Member(), Build.Member(Relation.Son));
        await using var app = await RunningApp.StartAsync(county, settings: new Dictionary<string, string?> { ["Tuopin:BehindProxy"] = "true" });
        var officer = await app.ClientAsAsync(Role.VillageOfficer, Village);
        officer.DefaultRequestHeaders.Add("X-Forwarded-For", "10.20.30.40");
        var inspector = await app.ClientAsAsync(Role.Inspector);

        // Two reads within ten minutes are one entry; the inspector sees masked IDs and leaves none.
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync($"/api/v1/households/{household}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync($"/api/v1/households/{household}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await inspector.GetAsync($"/api/v1/households/{household}")).StatusCode);
        var export = await officer.GetAsync("/api/v1/registry/export?format=csv");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await inspector.GetAsync("/api/v1/registry/export?format=xlsx")).StatusCode);

        var entries = await county.QueryAsync(d => d.AuditEntries.Where(e => e.Action == AuditAction.Read || e.Action == AuditAction.Export).OrderBy(e => e.Sequence).ToListAsync());
        var read = Assert.Single(entries, e => e.Action == AuditAction.Read);
        Assert.Equal((nameof(Household), household, household), (read.EntityType, read.EntityId, read.HouseholdId));
        Assert.StartsWith("VillageOfficer-", read.UserName, StringComparison.Ordinal);
        Assert.Equal("10.20.30.40", read.Client);
        Assert.Contains("residentIds", read.Changes, StringComparison.Ordinal);
        var exports = entries.Where(e => e.Action == AuditAction.Export).ToList();
        Assert.Equal(2, exports.Count);
        Assert.All(exports, e => Assert.Equal("Registry", e.EntityType));
        Assert.Equal(["VillageOfficer-", "Inspector-"], exports.Select(e => e.UserName[..e.UserName.IndexOf('-', StringComparison.Ordinal)] + "-"));

        // None of them holds a resident ID, and the chain, with them in it, verifies.
        Assert.All(entries, e => Assert.DoesNotMatch(@"\d{17}[\dX]", e.Changes));
        Assert.True((await county.As<VerifyAudit>(county.Admin).HandleAsync()).Intact);
    }
}
