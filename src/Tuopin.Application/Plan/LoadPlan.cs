using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;

namespace Tuopin.Application.Plan;

/// <summary>
/// Loads a plan file into the database as the county's next plan version. The county's places must be
/// loaded first. The plan's findings (<see cref="CheckPlan"/>) do not stop it: a plan is stored as the
/// county adopted it, and its findings are shown beside it. The static methods load through a context
/// of the caller's (first start, demo, bench and tests).
/// </summary>
public sealed class LoadPlan(Database database)
{
    /// <summary>A plan and the name of its file, as the plan's history shows it.</summary>
    public sealed record Request(PlanDocument Plan, string Source);

    public sealed record Result(string County, int Version, int Findings, bool Unchanged);

    public async Task<Result> HandleAsync(Request request, CancellationToken ct = default)
    {
        await using var db = database.Open();
        return await RunAsync(db, request.Plan, request.Source, ct);
    }

    public static async Task<Result> RunAsync(TuopinDb db, PlanDocument plan, string source, CancellationToken ct = default)
    {
        var county = await db.Counties.AsNoTracking().FirstOrDefaultAsync(c => c.Code == plan.County.Code, ct)
            ?? throw new NotFoundException(new LocalText($"数据库中没有{plan.County.Name}（{plan.County.Code}）的区划，请先载入区划（tuopin places load）", $"The database holds no places of {plan.County.Name} ({plan.County.Code}); load them first (tuopin places load)"));
        var findings = CheckPlan.Run(plan, null).Count;
        var document = plan.ToJson();
        var current = await db.PlanVersions.AsNoTracking().Where(p => p.CountyId == county.Id).OrderByDescending(p => p.Version).FirstOrDefaultAsync(ct);
        if (current is not null && current.Document == document)
            return new Result(county.Name, current.Version, findings, true);
        var version = new PlanVersion
        {
            Id = Guid.CreateVersion7(),
            CountyId = county.Id,
            Version = (current?.Version ?? 0) + 1,
            Title = plan.Title,
            Document = document,
            CreatedAt = db.Clock.GetUtcNow().UtcDateTime,
            CreatedBy = db.Actor.UserName,
            Change = current is null ? $"载入方案文件 {source}（文件版本 {plan.Version}）" : $"重新载入方案文件 {source}（文件版本 {plan.Version}）",
        };
        db.PlanVersions.Add(version);
        await db.SaveChangesAsync(ct);
        return new Result(county.Name, version.Version, findings, false);
    }

    /// <summary>Loads the built-in plan of a county whose places are loaded and which has no plan yet (demo, first start).</summary>
    public static async Task<Result?> EnsureBuiltInAsync(TuopinDb db, CancellationToken ct = default)
    {
        var plan = PlanDocument.BuiltIn();
        if (!await db.Counties.AnyAsync(c => c.Code == plan.County.Code, ct)) return null;
        if (await db.PlanVersions.AnyAsync(ct)) return null;
        return await RunAsync(db, plan, $"{PlanDocument.BuiltInLaifeng}-plan.json", ct);
    }
}
