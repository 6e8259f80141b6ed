using Tuopin.Application.Storage;
using Tuopin.Domain.Projects;

namespace Tuopin.Application.Projects;

/// <summary>公示: the responsible unit publishes the project's notice from a day for a number of days, no fewer than the county's minimum (7 unless set).</summary>
public sealed class PublishProjectNotice(Database database)
{
    public sealed record Request(Guid ProjectId, int Version, DateOnly On, int Days, string? DocumentNumber = null, string? Note = null, string? Reason = null);

    public Task<ProjectSaved> HandleAsync(Request r, CancellationToken ct = default) =>
        ProjectStepper.TakeAsync(database, r.ProjectId, r.Version, ProjectStep.Notice, new ProjectStepInput(r.On, r.DocumentNumber, NoticeDays: r.Days), r.Note, r.Reason, ct);
}
