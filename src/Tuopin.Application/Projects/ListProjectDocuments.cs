using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Storage;
using Tuopin.Domain.Projects;

namespace Tuopin.Application.Projects;

/// <summary>
/// A project's files, for whoever reads the project (one outside the user's area is not found), in the order filed, with
/// what this user may file: the steps whose papers they may attach (taken steps they may take) and whether the project's own.
/// </summary>
public sealed class ListProjectDocuments(Database database)
{
    public sealed record Result(Guid ProjectId, IReadOnlyList<ProjectDocumentInfo> Documents, bool CanAttachOwn, IReadOnlyList<ProjectStep> StepsToAttach);

    public async Task<Result> HandleAsync(Guid projectId, CancellationToken ct = default)
    {
        var actor = database.Actor;
        await using var db = database.Open();
        var p = await ProjectAccess.Visible(db, actor).AsNoTracking().FirstOrDefaultAsync(x => x.Id == projectId, ct) ?? throw ProjectAccess.ProjectNotFound();
        var documents = await db.ProjectDocuments.AsNoTracking().Where(d => d.ProjectId == projectId).OrderBy(d => d.UploadedAt).ThenBy(d => d.Id).ToListAsync(ct);
        var steps = Enum.GetValues<ProjectStep>().Where(s => s <= p.Step && ProjectDocumentRules.Refusal(actor, p, s) is null).ToList();
        return new Result(projectId, documents.Select(ProjectDocumentInfo.Of).ToList(), ProjectDocumentRules.Refusal(actor, p, null) is null, steps);
    }
}
