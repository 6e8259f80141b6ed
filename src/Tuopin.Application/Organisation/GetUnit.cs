using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;
using Tuopin.Domain.Organisation;
using Tuopin.Domain.Projects;
using Tuopin.Application.Common;

namespace Tuopin.Application.Organisation;

/// <summary>
/// One unit: its people and first responsible persons, the unit above it and its member units, the plan targets it
/// answers for (matched by <see cref="MatchPlanResponsibility"/>, its own or its level's), and — for a department or a
/// township office — the projects it is responsible for (those the actor reads) and the accounts that work for it.
/// </summary>
public sealed class GetUnit(Database database)
{
    public sealed record UnitRef(Guid Id, string Name, LocalText KindName);

    public sealed record TargetRow(string Key, string Label, string? Section, string Responsible, bool AsLevel);

    public sealed record ProjectRow(Guid Id, string Code, string Name, int Year, ProjectStep Step, LocalText StepName, Money Budget);

    public sealed record Result(ListOrganisation.UnitRow Unit, UnitRef? Parent, IReadOnlyList<UnitRef> Members, IReadOnlyList<TargetRow> Targets,
        IReadOnlyList<ProjectRow> Projects, int Accounts);

    public async Task<Result> HandleAsync(Guid id, CancellationToken ct = default)
    {
        var actor = database.Actor;
        await using var db = database.Open();
        var u = await OrganisationAccess.Visible(db, actor).AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct) ?? throw OrganisationAccess.UnitNotFound();
        var township = u.TownshipId is { } t ? await db.Townships.AsNoTracking().Where(x => x.Id == t).Select(x => x.Name).FirstOrDefaultAsync(ct) : null;
        var village = u.VillageId is { } v ? await db.Villages.AsNoTracking().Where(x => x.Id == v).Select(x => new { x.Name, x.IsPoor }).FirstOrDefaultAsync(ct) : null;
        var people = await db.UnitPeople.AsNoTracking().Where(p => p.UnitId == u.Id).ToListAsync(ct);
        var today = database.Clock.Today();
        var team = u.VillageId is { } vid
            ? await db.WorkTeams.AsNoTracking().Where(w => w.VillageId == vid && w.StartedOn <= today && (w.EndedOn == null || w.EndedOn >= today)).OrderByDescending(w => w.StartedOn).FirstOrDefaultAsync(ct)
            : null;
        var row = ListOrganisation.Row(u, township, village?.Name, village?.IsPoor ?? false, people, team);

        var visible = OrganisationAccess.Visible(db, actor).AsNoTracking();
        var parent = u.ParentId is { } pid ? await visible.Where(x => x.Id == pid).Select(x => new { x.Id, x.Name, x.Kind }).FirstOrDefaultAsync(ct) : null;
        var members = await visible.Where(x => x.ParentId == u.Id).OrderBy(x => x.Kind).ThenBy(x => x.Order).ThenBy(x => x.Name)
            .Select(x => new { x.Id, x.Name, x.Kind }).ToListAsync(ct);

        var responsibilities = await db.TargetResponsibilities.AsNoTracking()
            .Where(r => r.CountyId == u.CountyId && (r.UnitId == u.Id || r.AllOfKind == u.Kind)).ToListAsync(ct);
        var targets = new List<TargetRow>();
        if (responsibilities.Count > 0)
        {
            var plan = await Plan.GetPlan.CurrentAsync(db, actor, ct);
            var byKey = plan is null ? [] : MatchPlanResponsibility.Targets(plan.Parse()).ToDictionary(x => x.Key);
            foreach (var r in responsibilities.GroupBy(r => r.TargetKey))
            {
                if (!byKey.TryGetValue(r.Key, out var target)) continue;
                targets.Add(new TargetRow(r.Key, target.Label, target.Section, target.Responsible ?? string.Empty, r.All(x => x.UnitId is null)));
            }
        }

        IQueryable<Project>? projects = u.Kind switch
        {
            UnitKind.Department when u.Department is { } d => Projects.ProjectAccess.Visible(db, actor).Where(p => p.ResponsibleDepartment == d),
            UnitKind.TownshipOffice when u.TownshipId is { } tid => Projects.ProjectAccess.Visible(db, actor).Where(p => p.ResponsibleTownshipId == tid),
            _ => null,
        };
        var projectRows = projects is null ? [] : (await projects.AsNoTracking().OrderByDescending(p => p.Year).ThenBy(p => p.Code).Take(200)
                .Select(p => new { p.Id, p.Code, p.Name, p.Year, p.Step, p.Budget }).ToListAsync(ct))
            .Select(p => new ProjectRow(p.Id, p.Code, p.Name, p.Year, p.Step, ProjectRules.Name(p.Step), p.Budget)).ToList();
        // The active accounts that work for the unit: those that name it, and the line-department accounts of its Department code.
        Department? dep = u.Kind == UnitKind.Department ? u.Department : null;
        var accounts = await db.Users.AsNoTracking().CountAsync(x => x.CountyId == u.CountyId && x.DisabledAt == null
            && (x.UnitId == u.Id || dep != null && x.Role == Role.LineDepartment && x.Department == dep), ct);
        return new Result(row, parent is null ? null : new UnitRef(parent.Id, parent.Name, OrganisationRules.Kinds.Name(parent.Kind)),
            members.Select(m => new UnitRef(m.Id, m.Name, OrganisationRules.Kinds.Name(m.Kind))).ToList(),
            targets.OrderBy(x => x.Key, StringComparer.Ordinal).ToList(), projectRows, accounts);
    }
}
