using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;
using Tuopin.Domain.Exit;

namespace Tuopin.Application.Exit;

public sealed record AreaStepView(Guid Id, int Round, AreaExitStep Step, DateOnly Date, string ActorName, Role ActorRole, string? Note, bool? Passed, DateTime RecordedAt, AssessmentSnapshot? Snapshot);

public sealed record AreaExitView(
    Guid Id, AreaExitLevel Level, Guid AreaId, string Code, string Name, string Township, int Year, AreaExitStep Stage, int Round,
    bool Exited, DateOnly? ExitedOn, AreaExitStep? Next, Role? NextRole, DateOnly Deadline, LocalText DeadlineSource, int Version,
    IReadOnlyList<AreaStepView> Steps, IReadOnlyList<ChecklistRow> Checklist)
{
    public int HouseholdPapers => Checklist.Where(c => c.Item.FromHouseholdProcedures).Sum(c => c.Files.Count);

    public IEnumerable<ChecklistRow> Missing => Checklist.Where(c => c.Missing);
}

/// <summary>One area's exit procedure: every step (with the self-assessment's snapshot), the checklist with files, the deadline.</summary>
public sealed class GetAreaExit(Database database)
{
    public async Task<AreaExitView> HandleAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var p = await AreaExitFile.FindAsync(db, id, track: false, ct);
        return await ViewAsync(db, p, ct);
    }

    internal static async Task<AreaExitView> ViewAsync(TuopinDb db, AreaExitProcedure p, CancellationToken ct)
    {
        var place = await AreaExitFile.PlaceAsync(db, p.Level, p.AreaId, ct) ?? throw AreaExitFile.NotFound();
        var steps = await db.AreaExitSteps.AsNoTracking().Where(s => s.ProcedureId == p.Id).OrderBy(s => s.Round).ThenBy(s => s.Step).ToListAsync(ct);
        var checklist = await AreaExitFile.ChecklistAsync(db, p, ct);
        var (deadline, source) = await AreaExitSettings.DeadlineAsync(db, p.CountyId, p.Year, ct);
        var next = AreaExitRules.Next(p);
        return new AreaExitView(p.Id, p.Level, p.AreaId, place.Code, place.Name, place.Township, p.Year, p.Stage, p.Round, p.Exited, p.ExitedOn,
            next, next is { } n ? AreaExitRules.RoleFor(p.Level, n) : null, deadline, source, p.Version,
            steps.Select(s => new AreaStepView(s.Id, s.Round, s.Step, s.Date, s.ActorName, s.ActorRole, s.Note, s.Passed, s.RecordedAt, AssessmentSnapshot.Parse(s.Snapshot))).ToList(),
            checklist);
    }
}
