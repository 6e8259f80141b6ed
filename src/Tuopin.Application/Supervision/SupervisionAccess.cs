using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Accounts;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;
using Tuopin.Domain.Supervision;

namespace Tuopin.Application.Supervision;

/// <summary>
/// Who does what in supervision (督查, 整改, 问责): inspectors and the county office (county-level accounts) read
/// everything and record inspections, findings and accountability cases, and close or reopen a rectification; a township
/// officer reads and rectifies the findings of their township, a village officer those of their village, a line
/// department those its own unit (the <see cref="Domain.Organisation.OrgUnit"/> of its department) answers for. A case of
/// accountability is read by the area or unit it is about. Inspections, findings, their evidence and cases belong to one
/// county (<see cref="ICountyBound"/>): the query filter keeps them to its users and the save-time guard to its writers. Inside
/// the county their area may be empty (a county unit's), so the rule inside it is here (<see cref="Findings"/>), not in the
/// area query filters; anything outside is not found.
/// Accountability cases are written too by the accounts that work for the discipline group (执纪问责组 or a department that is
/// its member, such as 县纪委: <see cref="CanWriteCases"/>), which read them all.
/// </summary>
public static class SupervisionAccess
{
    private static bool CountyLevel(Actor actor) => actor.Scope.Level is AreaLevel.Everything or AreaLevel.County;

    /// <summary>
    /// Records inspections and findings, closes and reopens rectifications, writes accountability cases. Not an official above
    /// the county who reads a county as its inspector does (<see cref="Actor.WritesNothing"/>).
    /// </summary>
    public static bool CanInspect(Actor actor) => actor.Role is Role.Inspector or Role.CountyAdmin && CountyLevel(actor) && !actor.WritesNothing;

    public static void RequireInspector(Actor actor)
    {
        if (!CanInspect(actor))
            throw new ForbiddenException(new LocalText("只有督查人员和县扶贫办可以记录督查、问题和问责", "Only inspectors and the county office record inspections, findings and accountability"));
    }

    /// <summary>
    /// Opens and decides accountability cases (问责), and reads them all: inspectors and the county office, and a county-level
    /// account that works for the discipline group (执纪问责组 or one of its member departments, <see cref="Domain.Organisation.AccountUnitRules.InDisciplineGroup"/>).
    /// </summary>
    public static bool CanWriteCases(Actor actor) => CanInspect(actor) || actor.DisciplineGroup && actor.UnitId is not null && CountyLevel(actor) && !actor.WritesNothing;

    public static void RequireCaseWriter(Actor actor)
    {
        if (!CanWriteCases(actor))
            throw new ForbiddenException(new LocalText("只有督查人员、县扶贫办和执纪问责组可以记录问责", "Only inspectors, the county office and the discipline group record accountability"));
    }

    /// <summary>Whether the actor rectifies this finding (its area's officer, its unit's department, or the county office).</summary>
    public static bool CanRectify(Actor actor, Finding f, Department? unitDepartment) => actor.Role switch
    {
        Role.CountyAdmin => CountyLevel(actor),
        Role.TownshipOfficer => f.TownshipId is { } t && actor.Scope.TownshipId == t,
        Role.VillageOfficer => f.VillageId is { } v && actor.Scope.VillageId == v,
        Role.LineDepartment => actor.Department is { } d && unitDepartment == d,
        _ => false,
    };

    /// <summary>
    /// The last line (the audit's guard): the right kind of account, in its own area. The county is the guard's own check of
    /// every county-bound record (<see cref="ICountyBound"/>), made before this.
    /// </summary>
    internal static bool MayWrite(Actor actor, object record, bool added)
    {
        if (CanInspect(actor)) return true;
        return record switch
        {
            AccountabilityCase => CanWriteCases(actor),
            Finding f when !added => actor.Role is Role.LineDepartment || CanRectify(actor, f, null),
            FindingEvidence when added => actor.Role is Role.TownshipOfficer or Role.VillageOfficer or Role.LineDepartment,
            _ => false,
        };
    }

    public static NotFoundException FindingNotFound() => new(new LocalText("找不到该问题，或不在您的管辖范围内", "No such finding in your area"));

    public static NotFoundException InspectionNotFound() => new(new LocalText("找不到该督查，或不在您的管辖范围内", "No such inspection in your area"));

    public static NotFoundException CaseNotFound() => new(new LocalText("找不到该问责案件，或不在您的管辖范围内", "No such accountability case in your area"));

    /// <summary>The findings the actor reads. The county is the query filter's (<see cref="ICountyBound"/>); this adds the rule inside it.</summary>
    public static IQueryable<Finding> Findings(TuopinDb db, Actor actor)
    {
        db.RequireScopeOf(actor);
        var findings = db.Findings.AsQueryable();
        var scope = actor.Scope;
        if (scope.Level == AreaLevel.Everything) return findings;
        if (actor.Role is Role.Inspector or Role.CountyAdmin && scope.Level == AreaLevel.County) return findings;
        switch (actor.Role)
        {
            case Role.TownshipOfficer:
                var township = scope.TownshipId ?? Guid.Empty;
                return findings.Where(f => f.TownshipId == township);
            case Role.VillageOfficer:
                var village = scope.VillageId ?? Guid.Empty;
                return findings.Where(f => f.VillageId == village);
            case Role.LineDepartment when actor.Department is { } d:
                return findings.Where(f => db.OrgUnits.Any(u => u.Id == f.ResponsibleUnitId && u.Department == d));
            default:
                return findings.Where(f => false);
        }
    }

    /// <summary>
    /// The inspections the actor reads: all of the county for county-level readers; otherwise those of their area or unit, or
    /// holding a finding they read. The county is the query filter's (<see cref="ICountyBound"/>).
    /// </summary>
    public static IQueryable<Inspection> Inspections(TuopinDb db, Actor actor)
    {
        db.RequireScopeOf(actor);
        var inspections = db.Inspections.AsQueryable();
        var scope = actor.Scope;
        if (scope.Level == AreaLevel.Everything) return inspections;
        if (actor.Role is Role.Inspector or Role.CountyAdmin && scope.Level == AreaLevel.County) return inspections;
        var findings = Findings(db, actor);
        switch (actor.Role)
        {
            case Role.TownshipOfficer:
                var township = scope.TownshipId ?? Guid.Empty;
                return inspections.Where(i => i.TownshipId == township || findings.Any(f => f.InspectionId == i.Id));
            case Role.VillageOfficer:
                var village = scope.VillageId ?? Guid.Empty;
                return inspections.Where(i => i.VillageId == village || findings.Any(f => f.InspectionId == i.Id));
            case Role.LineDepartment when actor.Department is { } d:
                return inspections.Where(i => db.OrgUnits.Any(u => u.Id == i.SubjectUnitId && u.Department == d) || findings.Any(f => f.InspectionId == i.Id));
            default:
                return inspections.Where(i => false);
        }
    }

    /// <summary>
    /// The accountability cases the actor reads: all of the county for those who write them; otherwise those about their own
    /// area or unit. The county is the query filter's (<see cref="ICountyBound"/>).
    /// </summary>
    public static IQueryable<AccountabilityCase> Cases(TuopinDb db, Actor actor)
    {
        db.RequireScopeOf(actor);
        var cases = db.AccountabilityCases.AsQueryable();
        var scope = actor.Scope;
        if (scope.Level == AreaLevel.Everything) return cases;
        if (CanWriteCases(actor) && scope.Level == AreaLevel.County) return cases;
        switch (actor.Role)
        {
            case Role.TownshipOfficer:
                var township = scope.TownshipId ?? Guid.Empty;
                return cases.Where(c => c.TownshipId == township);
            case Role.VillageOfficer:
                var village = scope.VillageId ?? Guid.Empty;
                return cases.Where(c => c.VillageId == village);
            case Role.LineDepartment when actor.Department is { } d:
                return cases.Where(c => db.OrgUnits.Any(u => u.Id == c.SubjectUnitId && u.Department == d));
            default:
                return cases.Where(c => false);
        }
    }


    /// <summary>The actions the actor may take on a finding now: the rule's, limited by the role.</summary>
    public static IReadOnlyList<FindingAction> AllowedFor(Actor actor, Finding f, Department? unitDepartment) =>
        SupervisionRules.Allowed(f.Status).Where(a => a is FindingAction.Close or FindingAction.Reopen ? CanInspect(actor) : CanRectify(actor, f, unitDepartment)).ToList();

    internal static async Task<Department?> UnitDepartmentAsync(TuopinDb db, Guid unitId, CancellationToken ct) =>
        await db.OrgUnits.AsNoTracking().Where(u => u.Id == unitId).Select(u => u.Department).FirstOrDefaultAsync(ct);
}
