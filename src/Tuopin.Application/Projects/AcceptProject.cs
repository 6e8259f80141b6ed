using Tuopin.Application.Storage;
using Tuopin.Domain.Projects;

namespace Tuopin.Application.Projects;

/// <summary>验收: who accepted the project and the result (合格 / 不合格 …).</summary>
public sealed class AcceptProject(Database database)
{
    public sealed record Request(Guid ProjectId, int Version, DateOnly On, string AcceptedBy, string Result, string? DocumentNumber = null, string? Note = null, string? Reason = null);

    public Task<ProjectSaved> HandleAsync(Request r, CancellationToken ct = default) =>
        ProjectStepper.TakeAsync(database, r.ProjectId, r.Version, ProjectStep.Accepted, new ProjectStepInput(r.On, r.DocumentNumber, AcceptedBy: r.AcceptedBy, AcceptanceResult: r.Result), r.Note, r.Reason, ct);
}
