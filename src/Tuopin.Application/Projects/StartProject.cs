using Tuopin.Application.Storage;
using Tuopin.Domain.Projects;

namespace Tuopin.Application.Projects;

/// <summary>实施: the work starts on a day (开工).</summary>
public sealed class StartProject(Database database)
{
    public sealed record Request(Guid ProjectId, int Version, DateOnly On, string? DocumentNumber = null, string? Note = null, string? Reason = null);

    public Task<ProjectSaved> HandleAsync(Request r, CancellationToken ct = default) =>
        ProjectStepper.TakeAsync(database, r.ProjectId, r.Version, ProjectStep.Implementing, new ProjectStepInput(r.On, r.DocumentNumber), r.Note, r.Reason, ct);
}
