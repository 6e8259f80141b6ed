using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Registry;
using Tuopin.Application.Storage;
using Tuopin.Domain.Exit;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Exit;

/// <summary>One household on the procedure board: where it stands and what is missing.</summary>
public sealed record BoardRow(
    Guid ProcedureId, Guid HouseholdId, string Number, string? Head, Guid VillageId, string Village, string Township,
    int Year, ProcedureStep Stage, DateOnly LastDate, ProcedureStep? Next, DateOnly? NoticeEndsOn,
    int OpenObjections, bool Withdrawn, int Papers, int PapersExpected, HouseholdStatus Status);

public sealed record ProcedureBoard(int Year, IReadOnlyList<BoardRow> Rows, IReadOnlyDictionary<ProcedureStep, int> AtStage, int Withdrawn);

/// <summary>
/// The procedure board of a year for the user's area (or one township or village in it): each
/// household's step, notice end, open objections and papers attached. Five set-based queries.
/// </summary>
public sealed class GetProcedureBoard(Database database)
{
    public sealed record Query(int Year, Guid? TownshipId = null, Guid? VillageId = null);

    public async Task<ProcedureBoard> HandleAsync(Query query, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var procedures = db.ExitProcedures.AsNoTracking().Where(p => p.Year == query.Year);
        if (query.TownshipId is { } t) procedures = procedures.Where(p => p.TownshipId == t);
        if (query.VillageId is { } v) procedures = procedures.Where(p => p.VillageId == v);
        var rows = await procedures
            .Join(db.Households, p => p.HouseholdId, h => h.Id, (p, h) => new { p.Id, p.HouseholdId, h.Number, p.VillageId, p.TownshipId, p.Year, p.Stage, p.NoticeEndsOn, p.Withdrawn, h.Status })
            .OrderBy(r => r.Number).ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var householdIds = rows.Select(r => r.HouseholdId).ToList();
        var heads = await db.Members.AsNoTracking()
            .Where(m => householdIds.Contains(m.HouseholdId) && m.Relation == Relation.Head && m.Status == MemberStatus.Present)
            .Select(m => new { m.HouseholdId, m.Name }).ToListAsync(ct);
        var headOf = heads.GroupBy(h => h.HouseholdId).ToDictionary(g => g.Key, g => g.First().Name);
        var last = await db.ProcedureSteps.AsNoTracking().Where(s => ids.Contains(s.ProcedureId))
            .GroupBy(s => s.ProcedureId).Select(g => new { g.Key, Last = g.Max(s => s.Date) }).ToDictionaryAsync(x => x.Key, x => x.Last, ct);
        var objections = await db.ExitObjections.AsNoTracking().Where(o => ids.Contains(o.ProcedureId) && o.ResolvedOn == null)
            .GroupBy(o => o.ProcedureId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var papers = await db.Attachments.AsNoTracking().Where(a => a.ProcedureId != null && ids.Contains(a.ProcedureId!.Value))
            .Join(db.ProcedureSteps, a => a.StepId, s => s.Id, (a, s) => new { s.ProcedureId, s.Step }).Distinct()
            .GroupBy(x => x.ProcedureId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var names = await PlaceNames.LoadAsync(db, rows.Select(r => r.VillageId), ct);
        var result = rows.Select(r =>
        {
            var p = new ExitProcedure { Stage = r.Stage, Withdrawn = r.Withdrawn };
            var expected = ProcedureRules.Order.Count(s => s <= r.Stage && ProcedureRules.Paper(s) is not null);
            return new BoardRow(r.Id, r.HouseholdId, r.Number, headOf.GetValueOrDefault(r.HouseholdId), r.VillageId, names.Village(r.VillageId),
                names.Township(r.TownshipId), r.Year, r.Stage, last.GetValueOrDefault(r.Id), ProcedureRules.Next(p), r.NoticeEndsOn,
                objections.GetValueOrDefault(r.Id), r.Withdrawn, papers.GetValueOrDefault(r.Id), expected, r.Status);
        }).ToList();
        var atStage = result.Where(r => !r.Withdrawn).GroupBy(r => r.Stage).ToDictionary(g => g.Key, g => g.Count());
        return new ProcedureBoard(query.Year, result, atStage, result.Count(r => r.Withdrawn));
    }
}
