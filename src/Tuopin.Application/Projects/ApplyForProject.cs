using Tuopin.Application.Storage;
using Tuopin.Domain.Projects;

namespace Tuopin.Application.Projects;

/// <summary>申报: the responsible unit applies for the project (its department or township, or the county office).</summary>
public sealed class ApplyForProject(Database database)
{
    public sealed record Request(Guid ProjectId, int Version, DateOnly On, string? DocumentNumber = null, string? Note = null, string? Reason = null);

    public Task<ProjectSaved> HandleAsync(Request r, CancellationToken ct = default) =>
        ProjectStepper.TakeAsync(database, r.ProjectId, r.Version, ProjectStep.Applied, new ProjectStepInput(r.On, r.DocumentNumber), r.Note, r.Reason, ct);
}
