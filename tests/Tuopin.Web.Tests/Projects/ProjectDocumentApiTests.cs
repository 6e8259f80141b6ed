using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Testing;

namespace Tuopin.Web.Tests.Projects;

/// <summary>
/// A project's files over HTTP: the responsible township files a PDF with the notice step and reads it back byte for byte;
/// a renamed program is refused with the reason; an inspector reads but may not file; another village's officer is not
/// shown the list or the bytes; an anonymous caller gets neither.
/// </summary>
public sealed class ProjectDocumentApiTests
{
    private const string Village = "三胡乡/黄柏园村";
    private static readonly byte[] Pdf = "%PDF-1.4\n% 公示照片\n%%EOF\n"u8.ToArray();

    private static MultipartFormDataContent File(byte[] content, string name) => new() { { new ByteArrayContent(content), "file", name } };

    [Fact]
    public async Task TheTownshipFilesAndReadsAPaper_AndInspectorsOtherVillagesAndAnonymousCallersAreRefused()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        var project = await NoticeFixtures.ProjectOnNoticeAsync(county, Village);
        await using var app = await RunningApp.StartAsync(county);
        var township = await app.ClientAsAsync(Role.TownshipOfficer, "三胡乡");
        var inspector = await app.ClientAsAsync(Role.Inspector);
        var otherVillage = await app.ClientAsAsync(Role.VillageOfficer, "翔凤镇/老茶村");
        var anonymous = app.AnonymousClient();

        var filed = await township.PostAsync($"/api/v1/projects/{project}/documents?kind=NoticePhoto&step=Notice", File(Pdf, "公示照片.pdf"));
        Assert.Equal(HttpStatusCode.OK, filed.StatusCode);
        var id = (await filed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var renamed = await township.PostAsync($"/api/v1/projects/{project}/documents?kind=Other", File([0x4D, 0x5A, 0x90, 0x00], "合同.pdf"));
        Assert.Equal(HttpStatusCode.BadRequest, renamed.StatusCode);
        Assert.Contains("upload.content_mismatch", await renamed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var read = await township.GetAsync($"/api/v1/projects/documents/{id}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("application/pdf", read.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Pdf, await read.Content.ReadAsByteArrayAsync());
        var list = await inspector.GetFromJsonAsync<JsonElement>($"/api/v1/projects/{project}/documents");
        Assert.Equal(id, list.GetProperty("documents")[0].GetProperty("id").GetGuid());
        Assert.Equal(Pdf, await inspector.GetByteArrayAsync($"/api/v1/projects/documents/{id}"));

        Assert.Equal(HttpStatusCode.Forbidden, (await inspector.PostAsync($"/api/v1/projects/{project}/documents?kind=Other", File(Pdf, "x.pdf"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherVillage.GetAsync($"/api/v1/projects/{project}/documents")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherVillage.GetAsync($"/api/v1/projects/documents/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/projects/{project}/documents")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/projects/documents/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync($"/api/v1/projects/{project}/documents?kind=Other", File(Pdf, "x.pdf"))).StatusCode);
    }
}
