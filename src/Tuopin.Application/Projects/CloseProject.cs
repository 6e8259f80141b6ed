using Tuopin.Application.Storage;
using Tuopin.Domain.Projects;

namespace Tuopin.Application.Projects;

/// <summary>销号: the county closes the project.</summary>
public sealed class CloseProject(Database database)
{
    public sealed record Request(Guid ProjectId, int Version, DateOnly On, string? DocumentNumber = null, string? Note = null, string? Reason = null);

    public Task<ProjectSaved> HandleAsync(Request r, CancellationToken ct = default) =>
        ProjectStepper.TakeAsync(database, r.ProjectId, r.Version, ProjectStep.Closed, new ProjectStepInput(r.On, r.DocumentNumber), r.Note, r.Reason, ct);
}
