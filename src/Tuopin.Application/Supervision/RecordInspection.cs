using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Organisation;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Supervision;

namespace Tuopin.Application.Supervision;

/// <summary>
/// An inspector (or the county office) records an inspection (督查 / 暗访 / 专项检查): year, title, its subject — a unit of
/// the organisation, or a township or village — the planned day, the day of the visit if it took place (not after today; none while only planned), the inspectors
/// and notes. A village subject brings its township. Audited.
/// </summary>
public sealed class RecordInspection(Database database)
{
    public sealed record Request(InspectionKind Kind, int Year, string Title, Guid? SubjectUnitId, Guid? TownshipId, Guid? VillageId,
        DateOnly PlannedOn, DateOnly? VisitedOn, string Inspectors, string? Notes = null);

    public sealed record Saved(Guid Id, int Version);

    public async Task<Saved> HandleAsync(Request request, CancellationToken ct = default)
    {
        var actor = database.Actor;
        SupervisionAccess.RequireInspector(actor);
        await using var db = database.Open();
        var county = await OrganisationAccess.CountyIdAsync(db, actor, ct);
        var problems = SupervisionRules.CheckInspection(request.Kind, request.Year, request.Title, request.Inspectors,
            request.SubjectUnitId is not null || request.TownshipId is not null || request.VillageId is not null, request.PlannedOn, request.VisitedOn, database.Clock.Today());
        var township = await SubjectAsync(db, county, request.SubjectUnitId, request.TownshipId, request.VillageId, problems, ct);
        if (problems.Count > 0) throw new InvalidRequestException(problems);
        var inspection = new Inspection
        {
            Id = Guid.CreateVersion7(), CountyId = county, Kind = request.Kind, Year = request.Year, Title = request.Title.Trim(),
            SubjectUnitId = request.SubjectUnitId, TownshipId = township, VillageId = request.VillageId,
            PlannedOn = request.PlannedOn, VisitedOn = request.VisitedOn, Inspectors = request.Inspectors.Trim(),
            Notes = string.IsNullOrWhiteSpace(request.Notes) ? null : request.Notes.Trim(), RecordedBy = actor.UserName, Version = 1,
        };
        db.Inspections.Add(inspection);
        db.ChangeReason = $"督查：{inspection.Title}";
        await db.SaveChangesAsync(ct);
        return new Saved(inspection.Id, inspection.Version);
    }

    /// <summary>The subject's unit, township and village checked in the county (problems added); the township, a village's own if not given.</summary>
    internal static async Task<Guid?> SubjectAsync(TuopinDb db, Guid county, Guid? unitId, Guid? townshipId, Guid? villageId, List<Problem> problems, CancellationToken ct)
    {
        if (unitId is { } unit && !await db.OrgUnits.AnyAsync(u => u.Id == unit && u.CountyId == county, ct))
            problems.Add(new Problem("subjectUnitId", "inspection.unit", new LocalText("找不到该单位", "No such unit")));
        var township = townshipId;
        if (villageId is { } v)
        {
            var village = await db.Villages.AsNoTracking().Where(x => x.Id == v && x.CountyId == county).Select(x => new { x.TownshipId }).FirstOrDefaultAsync(ct);
            if (village is null) problems.Add(new Problem("villageId", "inspection.village", new LocalText("找不到该村", "No such village")));
            else if (township is { } t && t != village.TownshipId) problems.Add(new Problem("villageId", "inspection.village", new LocalText("该村不属于所选乡镇", "The village is not in the township chosen")));
            else township = village.TownshipId;
        }
        else if (township is { } t && !await db.Townships.AnyAsync(x => x.Id == t && x.CountyId == county, ct))
            problems.Add(new Problem("townshipId", "inspection.township", new LocalText("找不到该乡镇", "No such township")));
        return township;
    }
}
