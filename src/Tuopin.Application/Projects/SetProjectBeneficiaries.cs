using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Projects;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Projects;

/// <summary>
/// 受益户: sets the registry households a project benefits (the whole list, replacing the one before), with the version the
/// user saw. Only households of the project's villages, in the registry (not removed), and visible to the user; the poor
/// people benefiting are then counted from the registry (<see cref="GetProject"/>), never typed in.
/// </summary>
public sealed class SetProjectBeneficiaries(Database database)
{
    public sealed record Request(Guid ProjectId, int Version, IReadOnlyList<Guid> Households, string? Reason = null);

    public sealed record Saved(Guid Id, int Version, int Households);

    public async Task<Saved> HandleAsync(Request request, CancellationToken ct = default)
    {
        var actor = database.Actor;
        await using var db = database.Open();
        var project = await ProjectAccess.Visible(db, actor).Include(p => p.Villages).FirstOrDefaultAsync(p => p.Id == request.ProjectId, ct) ?? throw ProjectAccess.ProjectNotFound();
        ProjectAccess.RequireOwner(actor, project);
        if (request.Version != project.Version) throw ProjectStepper.Changed();
        if (project.Step == ProjectStep.Closed)
            throw new InvalidRequestException([new Problem("households", "project.closed", new LocalText("项目已销号，不能再改受益户", "The project is closed: its beneficiaries no longer change"))]);
        var wanted = request.Households.Distinct().ToList();
        var villages = project.Villages.Select(v => v.VillageId).ToList();
        var found = await db.Households.AsNoTracking().Where(h => wanted.Contains(h.Id))
            .Select(h => new { h.Id, h.Number, h.VillageId, h.Status }).ToListAsync(ct);
        var problems = new List<Problem>();
        foreach (var missing in wanted.Where(w => found.All(h => h.Id != w)))
            problems.Add(new Problem("households", "project.household", new LocalText($"找不到户 {missing}（或不在您的管辖范围内）", $"No household {missing} (or not in your area)")));
        foreach (var h in found.Where(h => !villages.Contains(h.VillageId)))
            problems.Add(new Problem("households", "project.household_village", new LocalText($"户 {h.Number} 不在项目所在村", $"Household {h.Number} is not in the project's villages")));
        foreach (var h in found.Where(h => h.Status == HouseholdStatus.Removed))
            problems.Add(new Problem("households", "project.household_removed", new LocalText($"户 {h.Number} 已清退，不是建档立卡户", $"Household {h.Number} was removed from the registry")));
        if (problems.Count > 0) throw new InvalidRequestException(problems);
        var existing = await db.ProjectBeneficiaries.Where(b => b.ProjectId == project.Id).ToListAsync(ct);
        db.ProjectBeneficiaries.RemoveRange(existing.Where(b => !wanted.Contains(b.HouseholdId)));
        foreach (var h in wanted.Where(w => existing.All(b => b.HouseholdId != w)))
            db.ProjectBeneficiaries.Add(new ProjectBeneficiary { Id = Guid.CreateVersion7(), ProjectId = project.Id, HouseholdId = h });
        project.UpdatedAt = database.Clock.GetUtcNow().UtcDateTime;
        var saved = await ProjectStepper.SaveAsync(db, project, request.Version, request.Reason, ct);
        return new Saved(saved.Id, saved.Version, wanted.Count);
    }
}
