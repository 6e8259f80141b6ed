using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tuopin.Application.Audit;
using Tuopin.Application.Common;
using Tuopin.Application.Projects;
using Tuopin.Application.Storage;
using Tuopin.Domain.Projects;
using Tuopin.Testing;

namespace Tuopin.Application.Tests.Projects;

/// <summary>
/// A project's files on both databases: filed under their SHA-256 with the project, the step and the kind, read back after
/// the hash is checked, each attach and read audited; the upload rules (type, content, name); who may file (a step's
/// paper by whoever takes the step, none once closed, not an inspector or a village officer); and who may read (the
/// project's readers only: another village's officer is not shown the list or the bytes).
/// </summary>
public sealed class ProjectDocumentTests
{
    private const string Village = "三胡乡/黄柏园村", Other = "翔凤镇/老茶村";
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n% 立项批复\n%%EOF\n");

    private static Task<Guid> AProject(TestCounty county) => NoticeFixtures.ProjectOnNoticeAsync(county, Village);

    [Theory, BothDatabases]
    public async Task AFile_IsFiledWithTheStep_ReadBackAfterItsHash_AndBothAreAudited(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var project = await AProject(county);
        var township = county.TownshipOfficer("三胡乡");

        var approval = await county.As<AttachProjectDocument>(county.Admin).HandleAsync(new AttachProjectDocument.Request(project, ProjectStep.Approved, ProjectDocumentKind.Decision, "立项批复.pdf", new MemoryStream(Pdf)));
        var photo = await county.As<AttachProjectDocument>(township).HandleAsync(new AttachProjectDocument.Request(project, ProjectStep.Notice, ProjectDocumentKind.NoticePhoto, "公示照片.pdf", new MemoryStream(Pdf)));
        var own = await county.As<AttachProjectDocument>(township).HandleAsync(new AttachProjectDocument.Request(project, null, ProjectDocumentKind.Other, "项目实施方案.pdf", new MemoryStream(Pdf)));

        var sha = Convert.ToHexStringLower(SHA256.HashData(Pdf));
        Assert.Equal((sha, (long)Pdf.Length, ProjectStep.Approved, ProjectDocumentKind.Decision), (approval.Sha256, approval.Size, approval.Step!.Value, approval.Kind));
        var store = county.Services.GetRequiredService<AttachmentStore>();
        Assert.True(File.Exists(store.PathOf(sha)));

        var list = await county.As<ListProjectDocuments>(county.VillageOfficer(Village)).HandleAsync(project);
        Assert.Equal([approval.Id, photo.Id, own.Id], list.Documents.Select(d => d.Id));
        Assert.False(list.CanAttachOwn);
        Assert.Empty(list.StepsToAttach);
        var owner = await county.As<ListProjectDocuments>(township).HandleAsync(project);
        Assert.True(owner.CanAttachOwn);
        Assert.Equal([ProjectStep.Planned, ProjectStep.Applied, ProjectStep.Notice], owner.StepsToAttach);

        var read = await county.As<ReadProjectDocument>(county.Inspector).HandleAsync(approval.Id);
        Assert.Equal(Pdf, read.Content);
        Assert.Equal("立项批复.pdf", read.Info.FileName);

        var audit = await county.QueryAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.EntityType == nameof(ProjectDocument)).ToListAsync());
        Assert.Equal(3, audit.Count(e => e.Action == AuditAction.Insert));
        Assert.Contains(audit, e => e.Action == AuditAction.Read && e.EntityId == approval.Id && e.UserName == county.Inspector.UserName);

        // Changed on disk: the read is refused, naming the file.
        await File.WriteAllBytesAsync(store.PathOf(sha), Encoding.ASCII.GetBytes("%PDF-1.4 forged"));
        var tampered = await Assert.ThrowsAsync<ConflictException>(() => county.As<ReadProjectDocument>(township).HandleAsync(approval.Id));
        Assert.Contains("SHA-256", tampered.Text.Zh, StringComparison.Ordinal);
    }

    [Theory, BothDatabases]
    public async Task Filing_IsRefused_ToTheWrongRole_AnotherArea_AStepNotReached_AClosedProject_AndBadFiles_WritingNothing(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var project = await AProject(county);
        var township = county.TownshipOfficer("三胡乡");
        AttachProjectDocument.Request Paper(ProjectStep? step, string name = "a.pdf", byte[]? content = null) =>
            new(project, step, ProjectDocumentKind.Other, name, new MemoryStream(content ?? Pdf));

        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<AttachProjectDocument>(county.Inspector).HandleAsync(Paper(null)));
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<AttachProjectDocument>(county.VillageOfficer(Village)).HandleAsync(Paper(ProjectStep.Notice)));
        await Assert.ThrowsAsync<NotFoundException>(() => county.As<AttachProjectDocument>(county.TownshipOfficer("翔凤镇")).HandleAsync(Paper(null)));
        await Assert.ThrowsAsync<NotFoundException>(() => county.As<AttachProjectDocument>(county.VillageOfficer(Other)).HandleAsync(Paper(null)));
        // The approval's paper is the county's; the tender has not happened yet.
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<AttachProjectDocument>(township).HandleAsync(Paper(ProjectStep.Approved)));
        var early = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<AttachProjectDocument>(township).HandleAsync(Paper(ProjectStep.Tendered)));
        Assert.Equal("project_document.step", early.Problems.Single().Code);
        // The type, the content and the name are checked as for every upload.
        Assert.Equal("upload.type", (await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<AttachProjectDocument>(township).HandleAsync(Paper(null, "setup.exe", [0x4D, 0x5A, 0x90, 0x00])))).Problems.Single().Code);
        Assert.Equal("upload.content_mismatch", (await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<AttachProjectDocument>(township).HandleAsync(Paper(null, "scan.pdf", [0x4D, 0x5A, 0x90, 0x00])))).Problems.Single().Code);
        Assert.Equal("upload.name_path", (await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<AttachProjectDocument>(township).HandleAsync(Paper(null, "../../x.pdf")))).Problems.Single().Code);
        // Closed: the file is sealed, even for the county.
        await county.QueryAsync(async db => { (await db.Projects.SingleAsync(p => p.Id == project)).Step = ProjectStep.Closed; return await db.SaveChangesAsync(); });
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<AttachProjectDocument>(county.Admin).HandleAsync(Paper(null)));

        Assert.Equal(0, await county.QueryAsync(db => db.ProjectDocuments.CountAsync()));
    }

    [Theory, BothDatabases]
    public async Task AnotherVillagesOfficer_AndAnotherTownship_AreNotShownTheListOrTheBytes(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var project = await AProject(county);
        var paper = await county.As<AttachProjectDocument>(county.TownshipOfficer("三胡乡")).HandleAsync(new AttachProjectDocument.Request(project, null, ProjectDocumentKind.Contract, "合同.pdf", new MemoryStream(Pdf)));

        foreach (var outsider in new[] { county.VillageOfficer(Other), county.TownshipOfficer("翔凤镇") })
        {
            await Assert.ThrowsAsync<NotFoundException>(() => county.As<ListProjectDocuments>(outsider).HandleAsync(project));
            await Assert.ThrowsAsync<NotFoundException>(() => county.As<ReadProjectDocument>(outsider).HandleAsync(paper.Id));
        }
        Assert.Equal(Pdf, (await county.As<ReadProjectDocument>(county.VillageOfficer(Village)).HandleAsync(paper.Id)).Content);
    }
}
