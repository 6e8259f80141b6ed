using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;
using Tuopin.Domain.Exit;

namespace Tuopin.Application.Exit;

/// <summary>
/// One village or township on the board of a year: its procedure's stage, readiness by today's records
/// (Ready null when it could not be assessed, see the board's note; Failing names the conditions not met),
/// and its evidence (required items present, the names of those missing, household papers counted).
/// </summary>
public sealed record AreaBoardRow(
    AreaExitLevel Level, Guid AreaId, string Code, string Name, string Township, int? PlannedExitYear,
    Guid? ProcedureId, AreaExitStep Stage, int Round, bool Exited, DateOnly? ExitedOn, AreaExitStep? Next,
    bool? Ready, IReadOnlyList<string> Failing, int RequiredItems, int RequiredPresent, IReadOnlyList<string> Missing, int HouseholdPapers);

public sealed record AreaBoard(int Year, AreaExitLevel Level, DateOnly Deadline, LocalText DeadlineSource, LocalText? ReadinessNote, IReadOnlyList<AreaBoardRow> Rows);

/// <summary>
/// The board of a year and level for the user's area: each poor village (or township) planned to exit in
/// the year, or with a procedure for it, with stage, readiness and evidence. Readiness comes from one
/// assessment of the level; evidence from grouped counts. At level county, the user's county when it plans
/// to exit in the year or has a procedure for it: every official of the county reads this line (stage and
/// evidence counts; a township or village officer cannot assess the county, so readiness is left out with a
/// note), while the procedure itself is read and written at the county level only.
/// </summary>
public sealed class GetAreaExitBoard(Database database, AssessExit assess)
{
    public sealed record Query(int Year, AreaExitLevel Level);

    public async Task<AreaBoard> HandleAsync(Query query, CancellationToken ct = default)
    {
        var scope = database.Actor.Scope;
        await using var db = database.Open();
        var county = query.Level == AreaExitLevel.County;
        // The county's line is shown to every official of the county: its record is read past the area filter, for the user's county only.
        var visible = county && scope.Level is AreaLevel.Township or AreaLevel.Village
            ? db.AreaExitProcedures.IgnoreQueryFilters().Where(p => p.CountyId == scope.CountyId && p.Level == AreaExitLevel.County)
            : db.AreaExitProcedures;
        var procedures = await visible.AsNoTracking().Where(p => p.Year == query.Year && p.Level == query.Level).ToListAsync(ct);
        var withProcedure = procedures.Select(p => p.AreaId).ToList();
        List<AreaExitFile.Place> places;
        if (query.Level == AreaExitLevel.Village)
        {
            var villages = db.Villages.AsNoTracking().Where(v => v.IsPoor && (v.PlannedExitYear == query.Year || withProcedure.Contains(v.Id)));
            if (scope.Level != AreaLevel.Everything) villages = villages.Where(v => v.CountyId == scope.CountyId);
            if (scope.TownshipId is { } t) villages = villages.Where(v => v.TownshipId == t);
            if (scope.VillageId is { } v0) villages = villages.Where(v => v.Id == v0);
            places = await villages.Select(v => new AreaExitFile.Place(query.Level, v.Id, v.Code, v.Name, v.CountyId, v.TownshipId, v.Township!.Name, v.IsPoor, v.PlannedExitYear)).ToListAsync(ct);
        }
        else if (county)
        {
            places = [];
            var counties = db.Counties.AsNoTracking();
            if (scope.Level != AreaLevel.Everything) counties = counties.Where(c => c.Id == scope.CountyId);
            foreach (var id in await counties.OrderBy(c => c.Code).Select(c => c.Id).ToListAsync(ct))
                if (await AreaExitFile.PlaceAsync(db, AreaExitLevel.County, id, ct) is { } place && (place.PlannedExitYear == query.Year || withProcedure.Contains(id)))
                    places.Add(place);
        }
        else if (scope.Level == AreaLevel.Village)
            places = [];
        else
        {
            var townships = db.Townships.AsNoTracking().Where(t => t.PlannedExitYear == query.Year || withProcedure.Contains(t.Id));
            if (scope.Level != AreaLevel.Everything) townships = townships.Where(t => t.CountyId == scope.CountyId);
            if (scope.TownshipId is { } t) townships = townships.Where(x => x.Id == t);
            places = await townships.Select(t => new AreaExitFile.Place(query.Level, t.Id, t.Code, t.Name, t.CountyId, t.Id, t.Name, t.PlannedExitYear != null, t.PlannedExitYear)).ToListAsync(ct);
        }

        // Readiness today, from one assessment of the level in the user's area.
        var readiness = new Dictionary<Guid, AssessExit.Unit>();
        LocalText? note = null;
        if (county && places.Count > 0 && scope.Level is AreaLevel.Township or AreaLevel.Village)
            note = new LocalText("全县是否达标由县级评估，乡镇、村级用户只看进度", "The county level assesses the county; township and village users see its progress only");
        else if (places.Count > 0)
        {
            try
            {
                var result = await assess.HandleAsync(new AssessExit.Request(query.Year, (ExitLevel)(int)query.Level,
                    TownshipId: scope.TownshipId, VillageId: scope.VillageId), ct);
                foreach (var u in result.Units) readiness[u.Id] = u;
            }
            catch (InvalidRequestException e)
            {
                note = e.Text;
            }
        }

        var checklist = await AreaExitSettings.ChecklistAsync(db, query.Level, ct);
        var required = checklist.Where(i => i.Required && !i.FromHouseholdProcedures).ToList();
        var ids = procedures.Select(p => p.Id).ToList();
        var evidence = county ? db.AreaEvidence.IgnoreQueryFilters().Where(e => scope.Level == AreaLevel.Everything || e.CountyId == scope.CountyId) : db.AreaEvidence;
        var present = (await evidence.AsNoTracking().Where(e => ids.Contains(e.ProcedureId)).Select(e => new { e.ProcedureId, e.Item }).Distinct().ToListAsync(ct))
            .ToLookup(e => e.ProcedureId, e => e.Item);
        var papers = db.ExitProcedures.AsNoTracking().Where(x => x.Year == query.Year && !x.Withdrawn)
            .Join(db.Attachments, x => (Guid?)x.Id, a => a.ProcedureId, (x, a) => new { x.VillageId, x.TownshipId });
        var papersByArea = query.Level switch
        {
            AreaExitLevel.Village => await papers.GroupBy(x => x.VillageId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct),
            AreaExitLevel.Township => await papers.GroupBy(x => x.TownshipId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct),
            _ => new Dictionary<Guid, int>(),
        };
        var householdRequired = checklist.Any(i => i.Required && i.FromHouseholdProcedures);
        var byArea = procedures.ToDictionary(p => p.AreaId);
        var (deadline, source) = await AreaExitSettings.DeadlineAsync(db, scope.Level == AreaLevel.Everything ? places.FirstOrDefault()?.CountyId ?? Guid.Empty : scope.CountyId, query.Year, ct);

        var rows = places.OrderBy(p => p.Code, StringComparer.Ordinal).Select(place =>
        {
            var p = byArea.GetValueOrDefault(place.Id);
            var have = p is null ? [] : present[p.Id].ToHashSet();
            var householdPapers = papersByArea.GetValueOrDefault(place.Id);
            var missing = required.Where(i => !have.Contains(i.Key)).Select(i => i.Name).ToList();
            if (householdRequired && householdPapers == 0) missing.AddRange(checklist.Where(i => i.Required && i.FromHouseholdProcedures).Select(i => i.Name));
            var unit = readiness.GetValueOrDefault(place.Id);
            var requiredCount = required.Count + (householdRequired ? 1 : 0);
            return new AreaBoardRow(place.Level, place.Id, place.Code, place.Name, place.Township, place.PlannedExitYear,
                p?.Id, p?.Stage ?? AreaExitStep.None, p?.Round ?? 1, p?.Exited ?? false, p?.ExitedOn,
                p is null ? AreaExitStep.SelfAssessment : AreaExitRules.Next(p),
                unit?.Ready, unit?.Failing.Select(c => c.Name.Zh).ToList() ?? [], requiredCount, requiredCount - missing.Count, missing, householdPapers);
        }).ToList();
        return new AreaBoard(query.Year, query.Level, deadline, source, note, rows);
    }
}
