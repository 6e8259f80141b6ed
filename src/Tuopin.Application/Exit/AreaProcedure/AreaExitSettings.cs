using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Plan;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Exit;

namespace Tuopin.Application.Exit;

/// <summary>
/// The county's configuration of area exits, in the settings table: the evidence checklist of each level
/// (JSON list of <see cref="EvidenceItem"/>) and the application deadline as month-day, used when the
/// plan names no date for the year (the plan's <c>exiting</c> deadline wins).
/// </summary>
public static class AreaExitSettings
{
    public const string DeadlineKey = "exit.area_application_deadline";
    public const string VillageChecklistKey = "exit.area_evidence.village";
    public const string TownshipChecklistKey = "exit.area_evidence.township";
    public const string CountyChecklistKey = "exit.area_evidence.county";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string ChecklistKey(AreaExitLevel level) => level switch
    {
        AreaExitLevel.Village => VillageChecklistKey,
        AreaExitLevel.Township => TownshipChecklistKey,
        _ => CountyChecklistKey,
    };

    /// <summary>The checklist of a level: the configured one, or the defaults when none is set (or it does not parse).</summary>
    public static async Task<IReadOnlyList<EvidenceItem>> ChecklistAsync(TuopinDb db, AreaExitLevel level, CancellationToken ct = default)
    {
        var text = await GetAsync(db, ChecklistKey(level), ct);
        if (string.IsNullOrWhiteSpace(text)) return AreaExitRules.DefaultChecklist(level);
        try
        {
            var items = JsonSerializer.Deserialize<List<EvidenceItem>>(text, Json);
            return items is { Count: > 0 } && items.All(i => !string.IsNullOrWhiteSpace(i.Key) && !string.IsNullOrWhiteSpace(i.Name))
                ? items : AreaExitRules.DefaultChecklist(level);
        }
        catch (JsonException)
        {
            return AreaExitRules.DefaultChecklist(level);
        }
    }

    public static string ToJson(IEnumerable<EvidenceItem> items) => JsonSerializer.Serialize(items, Json);

    /// <summary>Sets a level's checklist (the county administrator's command, or a test).</summary>
    public static Task SetChecklistAsync(TuopinDb db, AreaExitLevel level, IEnumerable<EvidenceItem> items, CancellationToken ct = default) =>
        ProcedureSettings.SetAsync(db, ChecklistKey(level), ToJson(items), ct);

    /// <summary>The last day an application for acceptance may carry, and where that date comes from.</summary>
    public static async Task<(DateOnly Date, LocalText Source)> DeadlineAsync(TuopinDb db, Guid countyId, int year, CancellationToken ct = default)
    {
        var plan = await db.PlanVersions.AsNoTracking().Where(p => p.CountyId == countyId).OrderByDescending(p => p.Version).FirstOrDefaultAsync(ct);
        if (plan is not null)
        {
            PlanDocument? document = null;
            try { document = plan.Parse(); }
            catch (JsonException) { }
            var stated = document?.Deadlines.Where(d => d.Serves == year && d.AppliesTo == "exiting").OrderBy(d => d.Date).FirstOrDefault();
            if (stated is not null)
                return (stated.Date, new LocalText($"方案：{stated.Name}", $"The plan: {stated.Name}"));
        }
        var configured = await GetAsync(db, DeadlineKey, ct);
        if (AreaExitRules.Deadline(configured, year) is { } date)
            return (date, new LocalText($"设置 {DeadlineKey} = {configured}", $"Setting {DeadlineKey} = {configured}"));
        return (AreaExitRules.Deadline(AreaExitRules.DefaultDeadline, year)!.Value,
            new LocalText("默认：脱贫当年的12月中旬前（12-15）", "Default: mid-December of the exit year (12-15)"));
    }

    private static Task<string?> GetAsync(TuopinDb db, string key, CancellationToken ct) =>
        db.Settings.AsNoTracking().Where(s => s.Key == key).Select(s => s.Value).FirstOrDefaultAsync(ct);
}
