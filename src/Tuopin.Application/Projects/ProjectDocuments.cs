using Tuopin.Application.Accounts;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;
using Tuopin.Domain.Projects;

namespace Tuopin.Application.Projects;

/// <summary>A project's file as lists and answers show it.</summary>
public sealed record ProjectDocumentInfo(
    Guid Id, Guid ProjectId, ProjectStep? Step, ProjectDocumentKind Kind, string FileName, string ContentType, long Size, string Sha256, string UploadedBy, DateTime UploadedAt)
{
    public static ProjectDocumentInfo Of(ProjectDocument d) =>
        new(d.Id, d.ProjectId, d.Step, d.Kind, d.FileName, d.ContentType, d.Size, d.Sha256, d.UploadedBy, d.UploadedAt);
}

/// <summary>
/// Who files a project's papers: a step's paper is filed by whoever may take that step (the county its approval and its
/// closing, the responsible department or township the rest), the project's own files by its owner; only for steps the
/// project has reached, and not once it is closed (销号: its file is sealed). Everyone who reads the project reads its files.
/// </summary>
public static class ProjectDocumentRules
{
    /// <summary>The reason the actor may not file a paper of this step (null: the project's own file) on this project, or null.</summary>
    public static LocalText? Refusal(Actor actor, Project p, ProjectStep? step)
    {
        if (actor.Role is Role.Inspector or Role.VillageOfficer)
            return new LocalText("当前角色只能查看项目材料，不能上传", "This role reads a project's documents and may not attach them");
        if (p.Step == ProjectStep.Closed)
            return new LocalText("项目已销号，档案已封存", "The project is closed: its file is sealed");
        if (step is { } s)
        {
            if (!Enum.IsDefined(s)) return new LocalText("没有这个项目环节", "No such project step");
            if (s > p.Step)
                return new LocalText($"项目尚未办理「{ProjectRules.Name(s).Zh}」，不能上传该环节的材料", $"The project has not reached \"{ProjectRules.Name(s).En}\"; its papers come after it");
            return ProjectAccess.CanTake(actor, p, s) ? null : ProjectAccess.Refusal(actor, p, s);
        }
        return ProjectAccess.IsOwner(actor, p) ? null : ProjectAccess.Refusal(actor, p, ProjectStep.Applied);
    }
}
