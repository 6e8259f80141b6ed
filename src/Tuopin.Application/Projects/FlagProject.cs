using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;

namespace Tuopin.Application.Projects;

/// <summary>
/// 审计/问责标记: an inspector or the county office raises an audit or accountability flag on a project at any step, with
/// the reason, or clears it; either is kept in the project's history at the step it was at.
/// </summary>
public sealed class FlagProject(Database database)
{
    public sealed record Request(Guid ProjectId, int Version, bool Flagged, string? FlagReason, string? Reason = null);

    public async Task<ProjectSaved> HandleAsync(Request request, CancellationToken ct = default)
    {
        var actor = database.Actor;
        ProjectAccess.RequireFlagger(actor);
        await using var db = database.Open();
        var project = await ProjectAccess.Visible(db, actor).FirstOrDefaultAsync(p => p.Id == request.ProjectId, ct) ?? throw ProjectAccess.ProjectNotFound();
        if (request.Version != project.Version) throw ProjectStepper.Changed();
        var text = request.FlagReason?.Trim();
        if (request.Flagged && (string.IsNullOrEmpty(text) || text.Length > 480))
            throw new InvalidRequestException([new Problem("flagReason", "project.flag_reason", new LocalText("请填写标记原因（不超过480个字）", "Give the reason for the flag (at most 480 characters)"))]);
        if (!request.Flagged && !project.Flagged)
            throw new InvalidRequestException([new Problem("flagged", "project.not_flagged", new LocalText("该项目没有标记", "The project has no flag"))]);
        project.Flagged = request.Flagged;
        project.FlagReason = request.Flagged ? text : null;
        var note = request.Flagged ? $"审计/问责标记：{text}" : "解除审计/问责标记" + (string.IsNullOrEmpty(text) ? "" : "：" + text);
        ProjectStepper.Record(db, project, project.Step, database.Clock.Today(), null, note, actor.ShownName, database.Clock.GetUtcNow().UtcDateTime);
        return await ProjectStepper.SaveAsync(db, project, request.Version, request.Reason, ct);
    }
}
