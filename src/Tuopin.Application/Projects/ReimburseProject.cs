using Tuopin.Application.Storage;
using Tuopin.Domain.Projects;

namespace Tuopin.Application.Projects;

/// <summary>报账: the project's costs are reimbursed (refused for a project accepted as unqualified).</summary>
public sealed class ReimburseProject(Database database)
{
    public sealed record Request(Guid ProjectId, int Version, DateOnly On, string? DocumentNumber = null, string? Note = null, string? Reason = null);

    public Task<ProjectSaved> HandleAsync(Request r, CancellationToken ct = default) =>
        ProjectStepper.TakeAsync(database, r.ProjectId, r.Version, ProjectStep.Reimbursed, new ProjectStepInput(r.On, r.DocumentNumber), r.Note, r.Reason, ct);
}
