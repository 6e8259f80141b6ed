using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Projects;

namespace Tuopin.Application.Projects;

/// <summary>What a step's use case returns: the project's new version and step.</summary>
public sealed record ProjectSaved(Guid Id, int Version, ProjectStep Step);

/// <summary>
/// Takes one step of a project, the same way for every verb: the project as the actor sees it (one outside their area is
/// not found), the version they saw, the role (<see cref="ProjectAccess"/>), the order and the step's own rule
/// (<see cref="ProjectRules.CanTake"/>, its reason returned as the problem), then the project and its step record in one save
/// (audited with the reason). A refusal writes nothing.
/// </summary>
internal static class ProjectStepper
{
    public static async Task<ProjectSaved> TakeAsync(Database database, Guid projectId, int version, ProjectStep step, ProjectStepInput input, string? note, string? reason, CancellationToken ct)
    {
        var actor = database.Actor;
        await using var db = database.Open();
        var project = await ProjectAccess.Visible(db, actor).FirstOrDefaultAsync(p => p.Id == projectId, ct) ?? throw ProjectAccess.ProjectNotFound();
        ProjectAccess.RequireStep(actor, project, step);
        if (version != project.Version) throw Changed();
        var minimum = await ProjectAccess.MinimumNoticeDaysAsync(db, ct);
        var lastOn = await db.ProjectSteps.AsNoTracking().Where(s => s.ProjectId == projectId).OrderByDescending(s => s.On).Select(s => (DateOnly?)s.On).FirstOrDefaultAsync(ct);
        if (ProjectRules.CanTake(project, step, database.Clock.Today(), input, minimum, lastOn) is { } why)
            throw new InvalidRequestException([new Problem("step", "project.step_refused", why)]);
        if (note is { Length: > 500 })
            throw new InvalidRequestException([new Problem("note", "project.note", new LocalText("说明不超过500个字", "A note has at most 500 characters"))]);
        ProjectRules.Apply(project, step, input, minimum);
        var document = step switch
        {
            ProjectStep.Approved => project.ApprovalDocumentNumber,
            _ => string.IsNullOrWhiteSpace(input.DocumentNumber) ? null : input.DocumentNumber.Trim(),
        };
        if (document is { Length: > 100 })
            throw new InvalidRequestException([new Problem("documentNumber", "project.document", new LocalText("文号不超过100个字", "A document number has at most 100 characters"))]);
        Record(db, project, step, input.On, document, note ?? Describe(project, step), actor.ShownName, database.Clock.GetUtcNow().UtcDateTime);
        return await SaveAsync(db, project, version, reason, ct);
    }

    /// <summary>The step record, and the project's version and time moved on.</summary>
    public static void Record(TuopinDb db, Project project, ProjectStep step, DateOnly on, string? document, string? note, string by, DateTime now)
    {
        db.ProjectSteps.Add(new ProjectStepRecord
        {
            Id = Guid.CreateVersion7(), ProjectId = project.Id, Step = step, On = on, DocumentNumber = document,
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(), By = by, RecordedAt = now,
        });
        project.UpdatedAt = now;
    }

    public static async Task<ProjectSaved> SaveAsync(TuopinDb db, Project project, int version, string? reason, CancellationToken ct)
    {
        db.Entry(project).Property(p => p.Version).OriginalValue = version;
        project.Version = version + 1;
        db.ChangeReason = reason;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (ConflictException ex) when (ex.LostRace)
        {
            throw new ConflictException(new LocalText("该项目刚被他人修改，请重新打开后再办理", "Someone else changed this project just now; reopen it and try again"), ex);
        }
        return new ProjectSaved(project.Id, project.Version, project.Step);
    }

    public static ConflictException Changed() =>
        new(new LocalText("该项目已被他人修改，请重新打开后再办理", "Someone else changed this project; reopen it and try again"));

    /// <summary>What the history says of a step when the user gave no note.</summary>
    private static string? Describe(Project p, ProjectStep step) => step switch
    {
        ProjectStep.Notice => $"公示期 {p.NoticeStartsOn:yyyy-MM-dd} 至 {p.NoticeEndsOn:yyyy-MM-dd}",
        ProjectStep.Tendered => $"{p.Contractor}，合同金额 {p.ContractAmount} 元",
        ProjectStep.Accepted => $"{p.AcceptedBy}：{p.AcceptanceResult}",
        _ => null,
    };
}
