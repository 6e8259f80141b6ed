using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;

namespace Tuopin.Application.Plan;

/// <summary>The plan in force for the user's county, its findings and its version history. Everyone signed in may read it.</summary>
public sealed class GetPlan(Database database)
{
    public sealed record VersionInfo(int Version, DateTime CreatedAt, string CreatedBy, string Change, string? Reason);

    /// <summary>
    /// <see cref="Plan"/> is the plan as stored (each target's responsible unit in the plan's own words, which the plan's
    /// editor changes); <see cref="Units"/> are the organisation's units each target answers to, by the target's key, where
    /// they have been matched (<see cref="Organisation.MatchPlanResponsibility"/>) — progress, alerts and reports name these.
    /// </summary>
    public sealed record Result(Guid CountyId, int Version, PlanDocument Plan, IReadOnlyList<CheckPlan.Finding> Findings, IReadOnlyList<VersionInfo> History,
        IReadOnlyDictionary<string, IReadOnlyList<LocalText>> Units);

    public async Task<Result> HandleAsync(CancellationToken ct = default)
    {
        await using var db = database.Open();
        var current = await CurrentAsync(db, database.Actor, ct)
            ?? throw new NotFoundException(new LocalText("尚未载入本县的减贫方案（tuopin plan load）", "No plan has been loaded for the county (tuopin plan load)"));
        var history = await db.PlanVersions.AsNoTracking().Where(p => p.CountyId == current.CountyId).OrderByDescending(p => p.Version)
            .Select(p => new VersionInfo(p.Version, p.CreatedAt, p.CreatedBy, p.Change, p.Reason)).ToListAsync(ct);
        var plan = current.Parse();
        var units = await Organisation.OrganisationAccess.TargetUnitsAsync(db, current.CountyId, ct);
        return new Result(current.CountyId, current.Version, plan, CheckPlan.Run(plan, null), history, units);
    }

    /// <summary>The latest version of the actor's county's plan (the first county's for an actor over every area).</summary>
    internal static async Task<PlanVersion?> CurrentAsync(TuopinDb db, Accounts.Actor actor, CancellationToken ct)
    {
        var versions = db.PlanVersions.AsNoTracking();
        if (actor.Scope.Level != AreaLevel.Everything) versions = versions.Where(p => p.CountyId == actor.Scope.CountyId);
        return await versions.OrderByDescending(p => p.Version).FirstOrDefaultAsync(ct);
    }
}
