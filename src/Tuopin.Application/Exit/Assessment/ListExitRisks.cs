using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Exit;

/// <summary>
/// After exit (巩固提升): exited households showing the risk signals the county watches for, by township.
/// Signals: per-capita net income of the year within the configured margin above the line (or below it);
/// a member recorded as seriously ill or disabled after the household's exit; a member recorded as having
/// lost the ability to work after the exit; disaster (因灾) recorded as a cause after the exit. "After the
/// exit" is read from the audit trail: the change was recorded after the exit was. A confirmed return to
/// poverty is recorded with <see cref="Registry.ChangeHouseholdStatus"/> (status Returned, with its reason).
/// </summary>
public sealed class ListExitRisks(Database database)
{
    public sealed record Request(int Year, Guid? TownshipId = null);

    public sealed record Signal(string Kind, LocalText Explanation);

    /// <summary>A flagged household; <paramref name="Watched"/>: it has an open return-to-poverty monitoring case.</summary>
    public sealed record Household(Guid Id, string Number, string Head, Guid TownshipId, string Township, string Village, int ExitYear, int People, IReadOnlyList<Signal> Signals, bool Watched = false);

    public sealed record TownshipCount(Guid TownshipId, string Township, int Households, int People);

    /// <summary><c>Complete</c> is false when a signal could not be checked (see <c>Notes</c>): an empty list then does not mean "no risk".</summary>
    public sealed record Result(int Year, IReadOnlyList<TownshipCount> ByTownship, IReadOnlyList<Household> Households, IReadOnlyList<LocalText> Notes, bool Complete);

    public const string IncomeNearLine = "income", IllnessOrDisability = "illness", LabourLoss = "labour", Disaster = "disaster";

    /// <summary>The risk a household is watched for when it is enrolled because of a signal.</summary>
    public static Domain.Assistance.MonitoringRisk RiskOf(string signal) => signal switch
    {
        IncomeNearLine => Domain.Assistance.MonitoringRisk.IncomeNearLine,
        IllnessOrDisability => Domain.Assistance.MonitoringRisk.IllnessOrDisability,
        LabourLoss => Domain.Assistance.MonitoringRisk.LabourLoss,
        Disaster => Domain.Assistance.MonitoringRisk.Disaster,
        _ => Domain.Assistance.MonitoringRisk.Other,
    };

    private sealed record Row(Guid Id, string Number, Guid CountyId, Guid TownshipId, Guid VillageId, int ExitYear, int Size);

    public async Task<Result> HandleAsync(Request request, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var notes = new List<LocalText>();
        var county = await ExitStandardsStore.CountyAsync(db, null, ct);
        var standards = await ExitStandardsStore.ForCountyAsync(db, county.Id, county.IsWestern, ct);

        var exited = db.Households.AsNoTracking().Where(HouseholdStanding.ExitedBy(request.Year));
        if (request.TownshipId is { } t) exited = exited.Where(h => h.TownshipId == t);
        var rows = (await exited.Select(h => new { h.Id, h.Number, h.CountyId, h.TownshipId, h.VillageId, h.ExitYear, h.Size }).ToListAsync(ct))
            .ToDictionary(h => h.Id, h => new Row(h.Id, h.Number, h.CountyId, h.TownshipId, h.VillageId, h.ExitYear!.Value, h.Size));
        var signals = new Dictionary<Guid, List<Signal>>();
        void Add(Guid id, Signal s)
        {
            if (!signals.TryGetValue(id, out var list)) signals[id] = list = [];
            if (!list.Any(x => x.Kind == s.Kind)) list.Add(s);
        }

        if (standards.WatchIncome)
        {
            var line = await db.PovertyLines.AsNoTracking().Where(l => l.Year == request.Year).Select(l => (Money?)l.Amount).FirstOrDefaultAsync(ct);
            if (line is null)
                notes.Add(new LocalText($"{request.Year} 年国家扶贫标准尚未设置，未评估收入预警", $"The {request.Year} poverty line is not set, so incomes were not checked"));
            else
            {
                var incomes = await (from i in db.Incomes.AsNoTracking()
                                     join h in exited on i.HouseholdId equals h.Id
                                     where i.Year == request.Year
                                     select i).ToListAsync(ct);
                foreach (var i in incomes.Where(i => standards.IsIncomeAtRisk(i.PerCapitaNet, line.Value.Yuan)))
                    Add(i.HouseholdId, new Signal(IncomeNearLine, standards.IncomeRiskExplanation(i.PerCapitaNet, line.Value.Yuan)));
            }
        }

        if (standards.WatchIllnessOrDisability || standards.WatchLabourLoss || standards.WatchDisaster)
        {
            // When each household's exit was recorded; changes recorded later are new since the exit.
            var exits = (await (from c in db.StatusChanges.AsNoTracking()
                                join h in exited on c.HouseholdId equals h.Id
                                where c.To == HouseholdStatus.Exited
                                group c by c.HouseholdId into g
                                select new { HouseholdId = g.Key, At = g.Max(c => c.RecordedAt) }).ToListAsync(ct))
                .ToDictionary(e => e.HouseholdId, e => e.At);
            if (exits.Count > 0)
            {
                var since = exits.Values.Min();
                var entries = await db.AuditEntries.AsNoTracking()
                    .Where(a => a.At > since && a.HouseholdId != null && (a.EntityType == nameof(Member) || a.EntityType == nameof(Domain.Registry.Household))
                        && (a.Changes.Contains("\"health\"") || a.Changes.Contains("\"labour\"") || a.Changes.Contains("Cause\"")))
                    .Select(a => new { a.HouseholdId, a.At, a.Changes })
                    .ToListAsync(ct);
                foreach (var e in entries)
                {
                    var id = e.HouseholdId!.Value;
                    if (!exits.TryGetValue(id, out var exitAt) || e.At <= exitAt || !rows.ContainsKey(id)) continue;
                    using var json = JsonDocument.Parse(e.Changes);
                    var changes = json.RootElement;
                    if (standards.WatchIllnessOrDisability && New(changes, "health") is nameof(Health.SeriousIllness) or nameof(Health.Disabled))
                        Add(id, new Signal(IllnessOrDisability, New(changes, "health") == nameof(Health.Disabled)
                            ? new LocalText($"脱贫后新增残疾成员（{e.At:yyyy-MM-dd} 登记）", $"A member became disabled after exit (recorded {e.At:yyyy-MM-dd})")
                            : new LocalText($"脱贫后新增大病成员（{e.At:yyyy-MM-dd} 登记）", $"A member fell seriously ill after exit (recorded {e.At:yyyy-MM-dd})")));
                    if (standards.WatchLabourLoss && New(changes, "labour") is nameof(LabourSkill.Lost) && Old(changes, "labour") is nameof(LabourSkill.Ordinary) or nameof(LabourSkill.Skilled))
                        Add(id, new Signal(LabourLoss, new LocalText($"脱贫后有成员丧失劳动力（{e.At:yyyy-MM-dd} 登记）", $"A member lost the ability to work after exit (recorded {e.At:yyyy-MM-dd})")));
                    if (standards.WatchDisaster && new[] { "mainCause", "otherCause1", "otherCause2" }.Any(f => New(changes, f) == nameof(PovertyCause.Disaster)))
                        Add(id, new Signal(Disaster, new LocalText($"脱贫后登记因灾（{e.At:yyyy-MM-dd}）", $"Disaster recorded after exit ({e.At:yyyy-MM-dd})")));
                }
            }
        }

        var flagged = signals.Keys.Where(rows.ContainsKey).ToList();
        var heads = await db.Members.AsNoTracking().Where(m => flagged.Contains(m.HouseholdId) && m.Relation == Relation.Head && m.Status == MemberStatus.Present)
            .Select(m => new { m.HouseholdId, m.Name }).ToListAsync(ct);
        var headOf = heads.GroupBy(h => h.HouseholdId).ToDictionary(g => g.Key, g => g.First().Name);
        var townshipIds = flagged.Select(id => rows[id].TownshipId).Distinct().ToList();
        var villageIds = flagged.Select(id => rows[id].VillageId).Distinct().ToList();
        var townships = await db.Townships.AsNoTracking().Where(x => townshipIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => new { x.Name, x.Code }, ct);
        var villages = await db.Villages.AsNoTracking().Where(x => villageIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, x => x.Name, ct);
        // Whether each is already watched (防返贫监测): the list leads to the enrolment of those that are not.
        var watched = (await db.MonitoringCases.AsNoTracking().Where(c => c.ClosedOn == null && c.HouseholdId != null).Select(c => c.HouseholdId!.Value).ToListAsync(ct)).ToHashSet();
        var households = flagged.Select(id => rows[id])
            .OrderBy(r => r.Number, StringComparer.Ordinal)
            .Select(r => new Household(r.Id, r.Number, headOf.GetValueOrDefault(r.Id) ?? string.Empty, r.TownshipId, townships[r.TownshipId].Name, villages[r.VillageId], r.ExitYear, r.Size, signals[r.Id], watched.Contains(r.Id)))
            .ToList();
        var byTownship = households.GroupBy(h => h.TownshipId)
            .OrderBy(g => townships[g.Key].Code, StringComparer.Ordinal)
            .Select(g => new TownshipCount(g.Key, townships[g.Key].Name, g.Count(), g.Sum(h => h.People)))
            .ToList();
        return new Result(request.Year, byTownship, households, notes, notes.Count == 0);
    }

    private static string? New(JsonElement changes, string field) =>
        changes.TryGetProperty(field, out var f) && f.TryGetProperty("new", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string? Old(JsonElement changes, string field) =>
        changes.TryGetProperty(field, out var f) && f.TryGetProperty("old", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
