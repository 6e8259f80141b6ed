using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Accounts;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;
using Tuopin.Domain.Organisation;

namespace Tuopin.Application.Organisation;

/// <summary>
/// Who reads and writes the organisation (指挥部, 工作组, 责任): the county administrator keeps it; county-level accounts
/// (inspectors, line departments) read the whole county's; a township officer reads the county's groups and
/// departments and the office and village teams of their own township; a village officer reads their village's team.
/// Units are filtered by the query filters on their county only (<see cref="ICountyBound"/>: most belong to no area inside it), so
/// every read goes through <see cref="Visible"/> for the rule inside the county.
/// </summary>
public static class OrganisationAccess
{
    public static bool CanWrite(Actor actor) =>
        actor.Role == Role.CountyAdmin && actor.Scope.Level is AreaLevel.Everything or AreaLevel.County;

    public static void RequireWriter(Actor actor)
    {
        if (!CanWrite(actor))
            throw new ForbiddenException(new LocalText("只有县扶贫办可以修改组织机构", "Only the county office changes the organisation"));
    }

    public static NotFoundException UnitNotFound() => new(new LocalText("找不到该单位", "No such unit"));

    /// <summary>The units the actor reads. The county is the query filter's (a unit is <see cref="ICountyBound"/>); this adds the rule inside it.</summary>
    public static IQueryable<OrgUnit> Visible(TuopinDb db, Actor actor)
    {
        db.RequireScopeOf(actor);
        var units = db.OrgUnits.AsQueryable();
        var scope = actor.Scope;
        switch (scope.Level)
        {
            case AreaLevel.Everything or AreaLevel.County:
                return units;
            case AreaLevel.Township:
                var township = scope.TownshipId ?? Guid.Empty;
                return units.Where(u => u.TownshipId == null || u.TownshipId == township);
            default:
                var village = scope.VillageId ?? Guid.Empty;
                return units.Where(u => u.VillageId == village);
        }
    }

    /// <summary>The county a county-level actor works for (the operator's: the one county of the deployment).</summary>
    public static async Task<Guid> CountyIdAsync(TuopinDb db, Actor actor, CancellationToken ct) =>
        actor.Scope.Level == AreaLevel.Everything
            ? await db.Counties.AsNoTracking().OrderBy(c => c.Code).Select(c => c.Id).FirstOrDefaultAsync(ct)
            : actor.Scope.CountyId;

    /// <summary>How a level's units are named where the plan names them all (各乡镇人民政府 → 各乡镇扶贫开发办).</summary>
    public static LocalText AllOf(UnitKind kind) => kind switch
    {
        UnitKind.TownshipOffice => new LocalText("各乡镇扶贫开发办", "Every township poverty office"),
        UnitKind.VillageTeam => new LocalText("各村", "Every village"),
        UnitKind.Department => new LocalText("县直各责任部门", "Every responsible county department"),
        _ => new LocalText("各" + OrganisationRules.Kinds.Name(kind).Zh, "Every " + OrganisationRules.Kinds.Name(kind).En.ToLowerInvariant()),
    };

    /// <summary>
    /// The units each plan target answers to (by the target's key), as recorded by <see cref="MatchPlanResponsibility"/>:
    /// a unit's name, or the name of a whole level. Empty when nothing has been matched yet (the plan's own words stand).
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<LocalText>>> TargetUnitsAsync(TuopinDb db, Guid countyId, CancellationToken ct)
    {
        var rows = await db.TargetResponsibilities.AsNoTracking().Where(r => r.CountyId == countyId)
            .Select(r => new
            {
                r.TargetKey, r.AllOfKind,
                Unit = db.OrgUnits.Where(u => u.Id == r.UnitId).Select(u => u.Name).FirstOrDefault(),
                Kind = db.OrgUnits.Where(u => u.Id == r.UnitId).Select(u => (UnitKind?)u.Kind).FirstOrDefault(),
            })
            .ToListAsync(ct);
        // The higher unit first (基础建设组, then 县交通运输局), as the plan writes them.
        return rows.OrderBy(r => r.Kind ?? r.AllOfKind).ThenBy(r => r.Unit, StringComparer.Ordinal).GroupBy(r => r.TargetKey)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<LocalText>)g.Select(r => r.AllOfKind is { } k ? AllOf(k) : new LocalText(r.Unit ?? string.Empty, r.Unit ?? string.Empty)).Distinct().ToList());
    }

    /// <summary>
    /// The plan's targets answer to their matched units: where <see cref="MatchPlanResponsibility"/> recorded units for a
    /// target, its responsible unit reads as those units' names (the higher unit first, "、" between them), followed by any
    /// name in the plan's words that no unit answers to (never dropped), on every screen, alert and report built from this
    /// plan; a target with no match keeps the plan's own words. The one place this is decided.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, IReadOnlyList<LocalText>>> AnswerToUnitsAsync(TuopinDb db, Guid countyId, Plan.PlanDocument plan, CancellationToken ct)
    {
        var units = await TargetUnitsAsync(db, countyId, ct);
        if (units.Count == 0) return units;
        var names = (await db.OrgUnits.AsNoTracking().Where(u => u.CountyId == countyId).ToListAsync(ct))
            .Select(u => new UnitName(u.Id, u.Kind, u.Names().ToList())).ToList();
        foreach (var target in plan.Targets())
            if (units.TryGetValue(target.Key, out var matched) && matched.Count > 0)
                target.Responsible = ResponsibleText(matched, OrganisationRules.Match(target.Responsible, names).Unknown);
        return units;
    }

    /// <summary>How a target's matched units (and the plan's names no unit answers to) read as its responsible unit.</summary>
    public static string ResponsibleText(IReadOnlyList<LocalText> units, IReadOnlyList<string>? unknown = null) =>
        string.Join("、", units.Select(u => u.Zh).Concat(unknown ?? []).Distinct());
}
