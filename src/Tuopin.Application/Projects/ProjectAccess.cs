using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Accounts;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;
using Tuopin.Domain.Projects;

namespace Tuopin.Application.Projects;

/// <summary>
/// Who does what in the project library (项目库): a line department writes the projects it is responsible for, a township
/// office its own; the county office writes every project and alone approves (审批) and closes (销号); inspectors read
/// everything and raise audit flags (as does the county); a village officer reads the projects of their village and writes
/// none. Reading follows the area: county-level accounts read the county's projects, a township the projects it is
/// responsible for or that touch its villages, a village the projects in it. The county is the query filter's (a project
/// and its documents are <see cref="ICountyBound"/>), and the save-time guard refuses a write of another county's.
/// </summary>
public static class ProjectAccess
{
    /// <summary>Whether the actor may write (plan, apply, notice, tender, start, report, accept, reimburse) this project at all.</summary>
    public static bool IsOwner(Actor actor, Project p) => actor.Role switch
    {
        Role.CountyAdmin => true,
        Role.LineDepartment => actor.Department is { } d && p.ResponsibleDepartment == d,
        Role.TownshipOfficer => actor.Scope.TownshipId is { } t && p.ResponsibleTownshipId == t,
        _ => false,
    };

    /// <summary>The steps only the county takes: approval and closing.</summary>
    public static bool IsCountyStep(ProjectStep step) => step is ProjectStep.Approved or ProjectStep.Closed;

    public static bool CanTake(Actor actor, Project p, ProjectStep step) =>
        IsCountyStep(step) ? actor.Role == Role.CountyAdmin : IsOwner(actor, p);

    public static bool CanPlan(Actor actor) => actor.Role is Role.CountyAdmin or Role.TownshipOfficer or Role.LineDepartment;

    /// <summary>The county office and the inspectors flag a project; not an official above the county reading it as an inspector (<see cref="Actor.WritesNothing"/>).</summary>
    public static bool CanFlag(Actor actor) => actor.Role is Role.CountyAdmin or Role.Inspector && !actor.WritesNothing;

    /// <summary>The reason the actor may not take the step on this project, or null.</summary>
    public static LocalText? Refusal(Actor actor, Project p, ProjectStep step)
    {
        if (CanTake(actor, p, step)) return null;
        var name = ProjectRules.Name(step);
        if (IsCountyStep(step))
            return new LocalText($"「{name.Zh}」由县扶贫开发领导小组办公室办理", $"\"{name.En}\" is the county office's step");
        return actor.Role switch
        {
            Role.LineDepartment => new LocalText("该项目不由本部门实施，不能办理", "This project is not your department's"),
            Role.TownshipOfficer => new LocalText("该项目不由本乡镇实施，不能办理", "This project is not your township's"),
            Role.Inspector => new LocalText("督查人员只能查看项目和标记问题", "Inspectors read projects and raise flags only"),
            _ => new LocalText("当前角色不能办理项目环节", "This role may not take project steps"),
        };
    }

    public static void RequireStep(Actor actor, Project p, ProjectStep step)
    {
        if (Refusal(actor, p, step) is { } why) throw new ForbiddenException(why);
    }

    public static void RequireOwner(Actor actor, Project p)
    {
        if (!IsOwner(actor, p)) throw new ForbiddenException(Refusal(actor, p, ProjectStep.Applied)!.Value);
    }

    public static void RequirePlanner(Actor actor)
    {
        if (!CanPlan(actor))
            throw new ForbiddenException(new LocalText("只有县扶贫办、乡镇和县直部门可以登记项目", "Only the county office, townships and line departments register projects"));
    }

    public static void RequireFlagger(Actor actor)
    {
        if (!CanFlag(actor))
            throw new ForbiddenException(new LocalText("只有督查人员和县扶贫办可以标记项目问题", "Only inspectors and the county office raise flags on projects"));
    }

    public static NotFoundException ProjectNotFound() => new(new LocalText("找不到该项目", "No such project"));

    /// <summary>
    /// The projects the actor reads: the county's for county-level accounts, a township's or a village's otherwise. The county
    /// is the query filter's (a project is <see cref="ICountyBound"/>); this adds the rule inside the county.
    /// </summary>
    public static IQueryable<Project> Visible(TuopinDb db, Actor actor)
    {
        db.RequireScopeOf(actor);
        var projects = db.Projects.AsQueryable();
        var scope = actor.Scope;
        switch (scope.Level)
        {
            case AreaLevel.Everything or AreaLevel.County:
                return projects;
            case AreaLevel.Township:
                var township = scope.TownshipId ?? Guid.Empty;
                return projects.Where(p => p.ResponsibleTownshipId == township
                    || db.ProjectVillages.Any(pv => pv.ProjectId == p.Id && db.Villages.Any(v => v.Id == pv.VillageId && v.TownshipId == township)));
            default:
                var village = scope.VillageId ?? Guid.Empty;
                return projects.Where(p => db.ProjectVillages.Any(pv => pv.ProjectId == p.Id && pv.VillageId == village));
        }
    }

    /// <summary>The county a county-level actor works for (the operator's: the one county of the deployment).</summary>
    public static async Task<Guid> CountyIdAsync(TuopinDb db, Actor actor, CancellationToken ct) =>
        actor.Scope.Level == AreaLevel.Everything
            ? await db.Counties.AsNoTracking().OrderBy(c => c.Code).Select(c => c.Id).FirstOrDefaultAsync(ct)
            : actor.Scope.CountyId;

    /// <summary>The county's minimum notice period (公示期), its setting or 7 days.</summary>
    public static async Task<int> MinimumNoticeDaysAsync(TuopinDb db, CancellationToken ct)
    {
        var value = await StoredSettings.GetAsync(db, ProjectRules.MinimumNoticeDaysKey, ct);
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days > 0 ? days : ProjectRules.DefaultMinimumNoticeDays;
    }

}
