using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Projects;

namespace Tuopin.Application.Projects;

/// <summary>
/// Files a paper with a project or one of its steps (批复、公示照片、合同、验收报告、报账凭证 …): the upload rules and the
/// SHA-256 store of the exit procedure's attachments apply (name, type, content sniffed from its first bytes, size limit);
/// the record names the project, the step, the kind, the file and who filed it, and its saving is audited. A project outside
/// the user's area is not found; who may file is <see cref="ProjectDocumentRules"/>.
/// </summary>
public sealed class AttachProjectDocument(Database database, AttachmentStore store)
{
    public sealed record Request(Guid ProjectId, ProjectStep? Step, ProjectDocumentKind Kind, string FileName, Stream Content);

    public async Task<ProjectDocumentInfo> HandleAsync(Request request, CancellationToken ct = default)
    {
        var actor = database.Actor;
        await using var db = database.Open();
        var p = await ProjectAccess.Visible(db, actor).AsNoTracking().FirstOrDefaultAsync(x => x.Id == request.ProjectId, ct) ?? throw ProjectAccess.ProjectNotFound();
        if (ProjectDocumentRules.Refusal(actor, p, request.Step) is { } why)
        {
            if (request.Step is { } s && (!Enum.IsDefined(s) || s > p.Step))
                throw new InvalidRequestException([new Problem("step", "project_document.step", why)]);
            throw new ForbiddenException(why);
        }
        if (!Enum.IsDefined(request.Kind))
            throw new InvalidRequestException([new Problem("kind", "project_document.kind", new LocalText(
                $"材料类型应为：{string.Join("、", ProjectDocumentKinds.Codes.Items.Select(i => i.Zh))}", $"The kind is one of: {string.Join(", ", ProjectDocumentKinds.Codes.Items.Select(i => i.En))}"))]);
        var stored = await store.SaveAsync(db, request.FileName, request.Content, ct);
        var document = new ProjectDocument
        {
            Id = Guid.CreateVersion7(), CountyId = p.CountyId, ProjectId = p.Id, Step = request.Step, Kind = request.Kind,
            FileName = stored.FileName, ContentType = stored.ContentType, Size = stored.Size, Sha256 = stored.Sha256,
            UploadedBy = actor.UserName, UploadedAt = database.Clock.GetUtcNow().UtcDateTime,
        };
        db.ProjectDocuments.Add(document);
        await db.SaveChangesAsync(ct);
        return ProjectDocumentInfo.Of(document);
    }
}
