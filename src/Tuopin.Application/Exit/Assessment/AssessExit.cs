using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;
using Tuopin.Domain.Exit;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Exit;

public enum ExitLevel { Household = 1, Village = 2, Township = 3, County = 4 }

/// <summary>
/// Who may exit in a year, with reasons: households (脱贫), poor villages and townships (出列) and the
/// county (摘帽), each against its standard. Every unit not ready lists each failing condition with its
/// figures. Loads the registry in three set-based queries (households, members, the year's incomes) and
/// counts the rest with grouped queries; the area rules of the actor apply. See docs/exit.md.
/// </summary>
public sealed class AssessExit(Database database, IEnumerable<IVillageExitFacts> villageFacts, IEnumerable<ICountyEvaluationSource> evaluations)
{
    /// <param name="Year">The exit year assessed.</param>
    /// <param name="Level">Which units to list.</param>
    /// <param name="TownshipId">Only this township's units (optional).</param>
    /// <param name="VillageId">Only this village's units (optional).</param>
    /// <param name="Measures">Assume these measures completed for every household not yet exited (what-if).</param>
    /// <param name="OnlyNotReady">List only the units that are not ready.</param>
    public sealed record Request(int Year, ExitLevel Level, Guid? TownshipId = null, Guid? VillageId = null, Measures? Measures = null, bool OnlyNotReady = false);

    /// <summary>
    /// Counts behind a village's, township's or county's incidence. Registered: households in the registry
    /// (not removed). Remaining: poor at the end of the year by the recorded status (not exited, returned, or
    /// exiting in a later year). Ready: remaining households not yet exited that meet the household standard.
    /// Incidence = (remaining − ready) people ÷ registered population, in percent: the rate after this year's
    /// ready households exit.
    /// </summary>
    public sealed record Figures(
        int RegisteredHouseholds, int RegisteredPeople,
        int RemainingHouseholds, int RemainingPeople,
        int ReadyHouseholds, int ReadyPeople,
        int? RegisteredPopulation, decimal? Incidence)
    {
        public int ProjectedRemainingPeople => RemainingPeople - ReadyPeople;
    }

    /// <summary>
    /// One unit's assessment. For a household, <see cref="Code"/> is its number and <see cref="Name"/> its
    /// head's name; <see cref="Status"/>/<see cref="ExitYear"/>/<see cref="People"/> are set. For places,
    /// <see cref="Figures"/> is set.
    /// </summary>
    public sealed record Unit(
        ExitLevel Level, Guid Id, string Code, string Name,
        Guid CountyId, Guid? TownshipId, string? Township, Guid? VillageId, string? Village,
        bool Ready, int? PlannedExitYear, IReadOnlyList<ConditionResult> Conditions,
        Figures? Figures = null, HouseholdStatus? Status = null, int? ExitYear = null, int? People = null)
    {
        public IEnumerable<ConditionResult> Failing => Conditions.Where(c => !c.Met);
    }

    public sealed record Result(int Year, ExitLevel Level, decimal PovertyLine, IReadOnlyList<Unit> Units)
    {
        public int Ready => Units.Count(u => u.Ready);

        public int NotReady => Units.Count(u => !u.Ready);
    }

    public async Task<Result> HandleAsync(Request request, CancellationToken ct = default)
    {
        var scope = database.Actor.Scope.Level;
        if (request.Level == ExitLevel.County && scope is AreaLevel.Township or AreaLevel.Village
            || request.Level == ExitLevel.Township && scope == AreaLevel.Village)
            throw new ForbiddenException(new LocalText("您的管辖范围不能评估这一级", "Your area does not cover this level"));
        await using var db = database.Open();
        var line = await ExitStandardsStore.PovertyLineAsync(db, request.Year, ct);
        var snapshot = await ExitSnapshot.LoadAsync(db, request.Year, request.TownshipId, request.VillageId, ct);
        var households = snapshot.AssessHouseholds(line, request.Measures);
        if (request.Level == ExitLevel.Household)
            return new Result(request.Year, request.Level, line.Yuan, Filter(households, request));

        var counties = (await ExitStandardsStore.CountiesAsync(db, ct)).Where(c => snapshot.Counties.ContainsKey(c.Id)).ToList();
        var standards = new Dictionary<Guid, ExitStandards>();
        foreach (var county in counties) standards[county.Id] = await ExitStandardsStore.ForCountyAsync(db, county.Id, county.IsWestern, ct);
        var facts = villageFacts.FirstOrDefault() is { } source && standards.Values.Any(s => s.VillageCollectiveIncomeMinimum is not null || s.RequiredConditions().Count > 0)
            ? await source.GetAsync(db, request.Year, snapshot.Villages.Keys.ToList(), ct)
            : new Dictionary<Guid, VillageExitFacts>();

        var villages = snapshot.AssessVillages(households, standards, facts);
        if (request.Level == ExitLevel.Village)
            return new Result(request.Year, request.Level, line.Yuan, Filter(villages.Where(v => snapshot.Villages[v.Id].IsPoor), request));
        var townships = snapshot.AssessTownships(households, villages, standards);
        if (request.Level == ExitLevel.Township)
            return new Result(request.Year, request.Level, line.Yuan, Filter(townships, request));

        var rates = new Dictionary<Guid, CountyEvaluationRates?>();
        foreach (var county in counties)
            rates[county.Id] = evaluations.LastOrDefault() is { } evaluation ? await evaluation.GetAsync(db, county.Id, request.Year, ct) : null;
        return new Result(request.Year, request.Level, line.Yuan, Filter(snapshot.AssessCounties(households, standards, rates), request));
    }

    private static List<Unit> Filter(IEnumerable<Unit> units, Request request) =>
        (request.OnlyNotReady ? units.Where(u => !u.Ready) : units).ToList();
}
