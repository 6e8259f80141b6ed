using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Exit;

namespace Tuopin.Application.Exit;

/// <summary>
/// A document in an area's file: uploaded for a checklist item, or a paper of an exiting household's
/// procedure (then Household is the household's number, Village its village and Step the step it belongs to).
/// </summary>
public sealed record EvidenceFile(
    Guid Id, string Item, string FileName, string ContentType, long Size, string Sha256, string UploadedBy, DateTime UploadedAt,
    string? Household = null, string? Village = null, ProcedureStep? Step = null);

/// <summary>One checklist item with its files; present when it has at least one.</summary>
public sealed record ChecklistRow(EvidenceItem Item, IReadOnlyList<EvidenceFile> Files)
{
    public bool Present => Files.Count > 0;

    public bool Missing => Item.Required && !Present;
}

/// <summary>
/// An area's exit procedure with what the views and the export need: its place names, checklist with
/// files, and the exiting households' procedure papers. Set-based: one query per kind of record.
/// </summary>
internal static class AreaExitFile
{
    public sealed record Place(AreaExitLevel Level, Guid Id, string Code, string Name, Guid CountyId, Guid TownshipId, string Township, bool IsPoor, int? PlannedExitYear);

    /// <summary>
    /// The area of a procedure. A county's township id is empty and its planned exit year is its last
    /// township's (<see cref="AreaExitRules.CountyExitYear"/>); it "is poor" when it has one.
    /// </summary>
    public static async Task<Place?> PlaceAsync(TuopinDb db, AreaExitLevel level, Guid areaId, CancellationToken ct)
    {
        if (level == AreaExitLevel.Village)
            return await db.Villages.AsNoTracking().Where(v => v.Id == areaId)
                .Select(v => new Place(level, v.Id, v.Code, v.Name, v.CountyId, v.TownshipId, v.Township!.Name, v.IsPoor, v.PlannedExitYear)).FirstOrDefaultAsync(ct);
        if (level == AreaExitLevel.Township)
            return await db.Townships.AsNoTracking().Where(t => t.Id == areaId)
                .Select(t => new Place(level, t.Id, t.Code, t.Name, t.CountyId, t.Id, t.Name, t.PlannedExitYear != null, t.PlannedExitYear)).FirstOrDefaultAsync(ct);
        var county = await db.Counties.AsNoTracking().Where(c => c.Id == areaId).Select(c => new { c.Id, c.Code, c.Name }).FirstOrDefaultAsync(ct);
        if (county is null) return null;
        var year = AreaExitRules.CountyExitYear(await db.Townships.AsNoTracking().IgnoreQueryFilters().Where(t => t.CountyId == county.Id).Select(t => t.PlannedExitYear).ToListAsync(ct));
        return new Place(level, county.Id, county.Code, county.Name, county.Id, Guid.Empty, string.Empty, year != null, year);
    }

    public static NotFoundException NotFound() =>
        new(new LocalText("没有这个出列程序，或不在您的管辖范围内", "No such area exit procedure in your area"));

    /// <summary>The procedure if the actor's area covers it (the query filter and the scope both apply).</summary>
    public static async Task<AreaExitProcedure> FindAsync(TuopinDb db, Guid id, bool track, CancellationToken ct)
    {
        var query = track ? db.AreaExitProcedures : db.AreaExitProcedures.AsNoTracking();
        var p = await query.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (p is null || !db.Actor.Scope.Covers(p.CountyId, p.TownshipId, p.VillageId)) throw NotFound();
        return p;
    }

    /// <summary>The checklist of the procedure's level with its uploaded files and the households' papers.</summary>
    public static async Task<List<ChecklistRow>> ChecklistAsync(TuopinDb db, AreaExitProcedure p, CancellationToken ct)
    {
        var items = await AreaExitSettings.ChecklistAsync(db, p.Level, ct);
        var uploaded = await db.AreaEvidence.AsNoTracking().Where(e => e.ProcedureId == p.Id).OrderBy(e => e.UploadedAt).ToListAsync(ct);
        var household = items.Any(i => i.FromHouseholdProcedures) ? await HouseholdPapersAsync(db, p, ct) : [];
        var rows = items.Select(i => new ChecklistRow(i, i.FromHouseholdProcedures
            ? household
            : uploaded.Where(e => e.Item == i.Key).Select(File).ToList())).ToList();
        // Files of an item the county has since taken off the list stay in the file, as optional items.
        foreach (var orphan in uploaded.Where(e => items.All(i => i.Key != e.Item)).GroupBy(e => e.Item))
            rows.Add(new ChecklistRow(new EvidenceItem(orphan.Key, orphan.Key, false), orphan.Select(File).ToList()));
        return rows;
    }

    /// <summary>Papers attached to the procedures of the households exiting in the area in the year (not withdrawn).</summary>
    public static async Task<List<EvidenceFile>> HouseholdPapersAsync(TuopinDb db, AreaExitProcedure p, CancellationToken ct)
    {
        var procedures = db.ExitProcedures.AsNoTracking().Where(x => x.Year == p.Year && !x.Withdrawn);
        procedures = p.Level switch
        {
            AreaExitLevel.Village => procedures.Where(x => x.VillageId == p.AreaId),
            AreaExitLevel.Township => procedures.Where(x => x.TownshipId == p.AreaId),
            _ => procedures.Where(x => x.CountyId == p.AreaId),
        };
        var rows = await procedures
            .Join(db.Attachments, x => x.Id, a => a.ProcedureId, (x, a) => new { a, x.HouseholdId, x.VillageId })
            .Join(db.ProcedureSteps, r => r.a.StepId, s => s.Id, (r, s) => new { r.a, r.HouseholdId, r.VillageId, s.Step })
            .Join(db.Households, r => r.HouseholdId, h => h.Id, (r, h) => new { r.a, r.VillageId, r.Step, h.Number })
            .Join(db.Villages, r => r.VillageId, v => v.Id, (r, v) => new { r.a, r.Step, r.Number, Village = v.Name })
            .ToListAsync(ct);
        return rows.OrderBy(r => r.Number, StringComparer.Ordinal).ThenBy(r => r.Step).ThenBy(r => r.a.UploadedAt)
            .Select(r => new EvidenceFile(r.a.Id, AreaExitRules.HouseholdPapersKey, r.a.FileName, r.a.ContentType, r.a.Size, r.a.Sha256, r.a.UploadedBy, r.a.UploadedAt,
                r.Number, r.Village, r.Step)).ToList();
    }

    public static EvidenceFile File(AreaEvidence e) => new(e.Id, e.Item, e.FileName, e.ContentType, e.Size, e.Sha256, e.UploadedBy, e.UploadedAt);

    /// <summary>Saves; a lost race (someone recorded the same step or opened the same procedure meanwhile) is a 409 with the reason.</summary>
    public static async Task SaveAsync(TuopinDb db, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (ConflictException e) when (e.LostRace)
        {
            db.ChangeTracker.Clear();
            throw new ConflictException(new LocalText("该出列程序刚被他人修改，请刷新后重试", "Someone changed this exit procedure meanwhile; reload and try again"));
        }
    }

    public static List<Problem> MissingProblems(IEnumerable<ChecklistRow> rows)
    {
        var missing = rows.Where(r => r.Missing).ToList();
        return missing.Select(r => new Problem($"evidence.{r.Item.Key}", "area_exit.evidence_missing", new LocalText(
            $"缺少必备材料：{r.Item.Name}", $"Required document missing: {r.Item.Name}"))).ToList();
    }
}
