using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Projects;

namespace Tuopin.Application.Projects;

/// <summary>形象进度: the responsible unit reports the progress of a project being implemented (a percent, never going back), kept in its history.</summary>
public sealed class ReportProjectProgress(Database database)
{
    public sealed record Request(Guid ProjectId, int Version, DateOnly On, int Percent, string? Note = null, string? Reason = null);

    public async Task<ProjectSaved> HandleAsync(Request request, CancellationToken ct = default)
    {
        var actor = database.Actor;
        await using var db = database.Open();
        var project = await ProjectAccess.Visible(db, actor).FirstOrDefaultAsync(p => p.Id == request.ProjectId, ct) ?? throw ProjectAccess.ProjectNotFound();
        ProjectAccess.RequireStep(actor, project, ProjectStep.Implementing);
        if (request.Version != project.Version) throw ProjectStepper.Changed();
        if (ProjectRules.CanReportProgress(project, request.Percent) is { } why)
            throw new InvalidRequestException([new Problem("percent", "project.progress", why)]);
        if (request.On > database.Clock.Today() || project.StartedOn is { } s && request.On < s)
            throw new InvalidRequestException([new Problem("on", "project.progress_day", new LocalText("进度日期须在开工日期和今天之间", "The day is between the start and today"))]);
        project.ProgressPercent = request.Percent;
        var note = $"形象进度 {request.Percent}%" + (string.IsNullOrWhiteSpace(request.Note) ? "" : "：" + request.Note.Trim());
        ProjectStepper.Record(db, project, ProjectStep.Implementing, request.On, null, note.Length > 500 ? note[..500] : note, actor.ShownName, database.Clock.GetUtcNow().UtcDateTime);
        return await ProjectStepper.SaveAsync(db, project, request.Version, request.Reason, ct);
    }
}
