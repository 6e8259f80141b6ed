using Tuopin.Application.Storage;
using Tuopin.Domain.Projects;

namespace Tuopin.Application.Projects;

/// <summary>招标采购: the contractor or supplier and the contract amount, after the notice has ended, with no objection holding the project, within the budget.</summary>
public sealed class RecordProjectTender(Database database)
{
    public sealed record Request(Guid ProjectId, int Version, DateOnly On, string Contractor, decimal ContractAmount, string? DocumentNumber = null, string? Note = null, string? Reason = null);

    public Task<ProjectSaved> HandleAsync(Request r, CancellationToken ct = default) =>
        ProjectStepper.TakeAsync(database, r.ProjectId, r.Version, ProjectStep.Tendered, new ProjectStepInput(r.On, r.DocumentNumber, Contractor: r.Contractor, ContractAmount: ProjectInputs.Yuan(r.ContractAmount, "contractAmount")), r.Note, r.Reason, ct);
}
