using Tuopin.Application.Storage;
using Tuopin.Domain.Projects;

namespace Tuopin.Application.Projects;

/// <summary>审批: the county approves the project, with the decision's document number (立项批复文号); refused without one.</summary>
public sealed class ApproveProject(Database database)
{
    public sealed record Request(Guid ProjectId, int Version, DateOnly On, string DocumentNumber, string? Note = null, string? Reason = null);

    public Task<ProjectSaved> HandleAsync(Request r, CancellationToken ct = default) =>
        ProjectStepper.TakeAsync(database, r.ProjectId, r.Version, ProjectStep.Approved, new ProjectStepInput(r.On, r.DocumentNumber), r.Note, r.Reason, ct);
}
