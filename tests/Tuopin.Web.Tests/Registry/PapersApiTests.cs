using System.Net;
using DocumentFormat.OpenXml.Packaging;
using Tuopin.Application.Security;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Testing;

namespace Tuopin.Web.Tests.Registry;

/// <summary>
/// The household papers over HTTP: file type and name; an officer of another village and an anonymous caller
/// get nothing; the 公示名单 is masked for every role; the 登记表 shows full IDs only to roles that see them.
/// </summary>
public sealed class PapersApiTests
{
    private const string Huangbo = "三胡乡/黄柏园村";
    private const string Other = "绿水镇/田家寨村";

    [Theory, BothDatabases]
    public async Task Papers_AreDocx_OnlyInsideTheCallersArea_AndThePublicListIsMaskedForEveryRole(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var head = Build.Member(name: "田大山");
        var household = await county.AddHouseholdAsync(Huangbo, head);
        var village = county.Villages[Huangbo].Id;
        await using var app = await RunningApp.StartAsync(county);
        var own = await app.ClientAsAsync(Role.VillageOfficer, Huangbo);
        var stranger = await app.ClientAsAsync(Role.VillageOfficer, Other);
        var anonymous = app.AnonymousClient();

        var form = await own.GetAsync($"/api/v1/registry/papers/registration-form?household={household}");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", form.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith("-贫困户登记表.docx", form.Content.Headers.ContentDisposition?.FileNameStar, StringComparison.Ordinal);
        Assert.Contains(head.ResidentId!, Text(await form.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);

        var urls = new[]
        {
            $"/api/v1/registry/papers/registration-form?household={household}",
            $"/api/v1/registry/papers/registration-form?village={village}",
            $"/api/v1/registry/papers/household-card?household={household}",
            $"/api/v1/registry/papers/household-card?village={village}",
            $"/api/v1/registry/papers/public-list?village={village}&year=2014&kind=registration",
        };
        foreach (var url in urls)
        {
            Assert.Equal(HttpStatusCode.OK, (await own.GetAsync(url)).StatusCode);
            var refused = await stranger.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
            Assert.DoesNotContain("田大山", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(url)).StatusCode);
        }

        // The public list is masked for every role, the administrator included; the inspector's form is masked too.
        foreach (var (role, area) in new (Role, string?)[] { (Role.CountyAdmin, null), (Role.TownshipOfficer, "三胡乡"), (Role.VillageOfficer, Huangbo), (Role.Inspector, null), (Role.LineDepartment, null) })
        {
            var client = role == Role.LineDepartment ? await app.ClientAsAsync(role, area, department: Department.Water) : await app.ClientAsAsync(role, area);
            var list = Text(await client.GetByteArrayAsync($"/api/v1/registry/papers/public-list?village={village}&year=2014&kind=registration"));
            Assert.Contains("田大山", list, StringComparison.Ordinal);
            Assert.Contains(Masking.ResidentId(head.ResidentId!), list, StringComparison.Ordinal);
            Assert.DoesNotContain(head.ResidentId!, list, StringComparison.Ordinal);
        }
        var inspector = await app.ClientAsAsync(Role.Inspector);
        Assert.DoesNotContain(head.ResidentId!, Text(await inspector.GetByteArrayAsync($"/api/v1/registry/papers/registration-form?household={household}")), StringComparison.Ordinal);

        // Bad input: 400 naming the field.
        var format = await own.GetAsync($"/api/v1/registry/papers/household-card?household={household}&format=odt");
        Assert.Equal(HttpStatusCode.BadRequest, format.StatusCode);
        Assert.Contains("papers.format", await format.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var neither = await own.GetAsync("/api/v1/registry/papers/registration-form");
        Assert.Equal(HttpStatusCode.BadRequest, neither.StatusCode);
        Assert.Contains("papers.target", await neither.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static string Text(byte[] docx)
    {
        using var word = WordprocessingDocument.Open(new MemoryStream(docx), false);
        return word.MainDocumentPart!.Document!.Body!.InnerText;
    }
}
