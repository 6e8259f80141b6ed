using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Tuopin.Application.Exit;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Exit;
using Tuopin.Testing;

namespace Tuopin.Web.Tests.Exit;

/// <summary>A household's papers attacked: filed under another role's step, read by roles that see IDs masked, posted by a forged form.</summary>
public sealed class PaperAttackTests
{
    private const string Village = "三胡乡/黄柏园村";
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n% ID copy and signed agreement\n%%EOF\n");

    private static async Task<(Guid StepId, AttachmentInfo Paper)> AStepWithAPaperAsync(TestCounty county)
    {
        var household = await county.AddHouseholdAsync(Village);
        var officer = county.VillageOfficer(Village);
        var today = county.Today;
        var proposed = await county.As<ProposeExits>(officer).HandleAsync(new ProposeExits.Request(county.Villages[Village].Id, today.Year, today.AddDays(-3), [household], null));
        await county.As<RecordProcedureStep>(officer).HandleAsync(new RecordProcedureStep.Request(proposed.ProcedureIds, ProcedureStep.DemocraticReview, today.AddDays(-2), null));
        var step = (await county.As<GetHouseholdProcedure>(officer).HandleAsync(household)).Single().Steps.Single(s => s.Step == ProcedureStep.DemocraticReview);
        var paper = await county.As<AttachFile>(officer).HandleAsync(new AttachFile.Request(step.Id, "评议记录.pdf", new MemoryStream(Pdf)));
        return (step.Id, paper);
    }

    private static MultipartFormDataContent File(string name = "more.pdf") => new() { { new ByteArrayContent(Pdf), "file", name } };

    [Fact]
    public async Task APaper_IsFiledOnlyByTheRoleThatRecordsItsStep()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        var (stepId, _) = await AStepWithAPaperAsync(county);
        await using var app = await RunningApp.StartAsync(county);

        foreach (var (role, area) in new (Role, string?)[] { (Role.TownshipOfficer, "三胡乡"), (Role.CountyAdmin, null) })
        {
            var client = await app.ClientAsAsync(role, area);
            var refused = await client.PostAsync($"/api/v1/exit-procedures/steps/{stepId}/attachments", File());
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Contains("村级", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        var village = await app.ClientAsAsync(Role.VillageOfficer, Village);
        Assert.Equal(HttpStatusCode.OK, (await village.PostAsync($"/api/v1/exit-procedures/steps/{stepId}/attachments", File())).StatusCode);
        Assert.Equal(2, await county.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Attachments)));
    }

    [Fact]
    public async Task RolesThatSeeIdsMasked_SeeThatAPaperExists_ButCannotDownloadIt()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        var (_, paper) = await AStepWithAPaperAsync(county);
        await using var app = await RunningApp.StartAsync(county);

        foreach (var role in new[] { Role.Inspector, Role.LineDepartment })
        {
            var client = await app.ClientAsAsync(role);
            var download = await client.GetAsync($"/api/v1/attachments/{paper.Id}");
            Assert.Equal(HttpStatusCode.Forbidden, download.StatusCode);
            Assert.DoesNotContain("%PDF", await download.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        var officer = await app.ClientAsAsync(Role.TownshipOfficer, "三胡乡");
        Assert.Equal(Pdf, await officer.GetByteArrayAsync($"/api/v1/attachments/{paper.Id}"));
    }

    [Fact]
    public async Task AChangeRidingOnTheBrowsersCookie_NeedsTheAntiforgeryToken_ABearerTokenDoesNot()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        var (stepId, _) = await AStepWithAPaperAsync(county);
        await using var app = await RunningApp.StartAsync(county);
        var password = await app.AddUserAsync("village", Role.VillageOfficer, Village);
        var browser = app.AnonymousClient();
        await RunningApp.SignInWithFormAsync(browser, "village", password);

        // What a forged cross-site form would send: the cookie, no token.
        var forged = await browser.PostAsync($"/api/v1/exit-procedures/steps/{stepId}/attachments", File("forged.pdf"));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("RequestVerificationToken", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var forgedJson = await browser.PostAsJsonAsync("/api/v1/exit-procedures/steps", new { procedureIds = Array.Empty<Guid>(), step = ProcedureStep.Verification, date = county.Today }, RunningApp.Json);
        Assert.Equal(HttpStatusCode.BadRequest, forgedJson.StatusCode);
        Assert.Contains("RequestVerificationToken", await forgedJson.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var token = await browser.GetFromJsonAsync<JsonElement>("/api/v1/auth/antiforgery");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/exit-procedures/steps/{stepId}/attachments") { Content = File("with-token.pdf") };
        request.Headers.Add(token.GetProperty("headerName").GetString()!, token.GetProperty("token").GetString());
        Assert.Equal(HttpStatusCode.OK, (await browser.SendAsync(request)).StatusCode);

        var bearer = await app.ClientAsAsync(Role.VillageOfficer, Village);
        Assert.Equal(HttpStatusCode.OK, (await bearer.PostAsync($"/api/v1/exit-procedures/steps/{stepId}/attachments", File("bearer.pdf"))).StatusCode);
        var names = await county.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.Attachments.Select(a => a.FileName)));
        Assert.DoesNotContain("forged.pdf", names);
    }
}
