using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;
using Tuopin.Domain.Exit;
using Tuopin.Domain.Registry;
using static Tuopin.Application.Exit.AssessExit;

namespace Tuopin.Application.Exit;

/// <summary>
/// The registry as the assessment of one year needs it, loaded set-based: the places in the actor's
/// area, counts of registered households by village, and the households poor at some point of the year
/// (not exited, returned, or exiting this year or later) with their present members and that year's income.
/// </summary>
internal sealed class ExitSnapshot
{
    public sealed record PlaceRow(Guid Id, Guid CountyId, Guid TownshipId, string Code, string Name, bool IsPoor, int? PlannedExitYear, int? RegisteredPopulation);

    public sealed record HouseholdRow(Guid Id, string Number, Guid CountyId, Guid TownshipId, Guid VillageId, HouseholdStatus Status, int? ExitYear, HousingSafety Housing, int Size);

    public sealed record MemberRow(Guid HouseholdId, string Name, Relation Relation, DateOnly BirthDate, Schooling Schooling, bool MedicalInsurance);

    public int Year { get; private init; }

    public Dictionary<Guid, (string Code, string Name)> Counties { get; } = [];

    public Dictionary<Guid, PlaceRow> Townships { get; } = [];

    public Dictionary<Guid, PlaceRow> Villages { get; } = [];

    /// <summary>Registered (not removed) households and people by village.</summary>
    public Dictionary<Guid, (int Households, int People)> Registered { get; } = [];

    public List<HouseholdRow> Households { get; private init; } = [];

    public ILookup<Guid, MemberRow> Members { get; private init; } = Enumerable.Empty<MemberRow>().ToLookup(m => m.HouseholdId);

    public Dictionary<Guid, HouseholdIncome> Incomes { get; private init; } = [];

    /// <summary>Households that are poor at some point of <paramref name="year"/>.</summary>
    public static IQueryable<Household> Candidates(TuopinDb db, int year) => db.Households.AsNoTracking().Where(HouseholdStanding.AssessedIn(year));

    public static async Task<ExitSnapshot> LoadAsync(TuopinDb db, int year, Guid? townshipId, Guid? villageId, CancellationToken ct)
    {
        var scope = db.Actor.Scope;
        var villages = db.Villages.AsNoTracking();
        if (scope.Level != AreaLevel.Everything) villages = villages.Where(v => v.CountyId == scope.CountyId);
        if (scope.TownshipId is { } st) villages = villages.Where(v => v.TownshipId == st);
        if (scope.VillageId is { } sv) villages = villages.Where(v => v.Id == sv);
        if (townshipId is { } t) villages = villages.Where(v => v.TownshipId == t);
        if (villageId is { } vi) villages = villages.Where(v => v.Id == vi);
        var villageRows = await villages
            .Select(v => new PlaceRow(v.Id, v.CountyId, v.TownshipId, v.Code, v.Name, v.IsPoor, v.PlannedExitYear, v.RegisteredPopulation))
            .ToListAsync(ct);
        var townshipIds = villageRows.Select(v => v.TownshipId).Distinct().ToList();
        var townshipRows = await db.Townships.AsNoTracking().Where(t => townshipIds.Contains(t.Id))
            .Select(t => new PlaceRow(t.Id, t.CountyId, t.Id, t.Code, t.Name, t.PlannedExitYear != null, t.PlannedExitYear, null))
            .ToListAsync(ct);
        var countyIds = townshipRows.Select(t => t.CountyId).Distinct().ToList();
        var countyRows = await db.Counties.AsNoTracking().Where(c => countyIds.Contains(c.Id)).Select(c => new { c.Id, c.Code, c.Name }).ToListAsync(ct);

        var households = db.Households.AsNoTracking().Where(HouseholdStanding.Registered());
        var candidates = Candidates(db, year);
        if (townshipId is { } t2) { households = households.Where(h => h.TownshipId == t2); candidates = candidates.Where(h => h.TownshipId == t2); }
        if (villageId is { } v2) { households = households.Where(h => h.VillageId == v2); candidates = candidates.Where(h => h.VillageId == v2); }

        var registered = await households.GroupBy(h => h.VillageId)
            .Select(g => new { VillageId = g.Key, Households = g.Count(), People = g.Sum(h => h.Size) })
            .ToListAsync(ct);
        var rows = await candidates
            .Select(h => new HouseholdRow(h.Id, h.Number, h.CountyId, h.TownshipId, h.VillageId, h.Status, h.ExitYear, h.Housing, h.Size))
            .ToListAsync(ct);
        var members = await (
                from m in db.Members.AsNoTracking()
                join h in candidates on m.HouseholdId equals h.Id
                where m.Status == MemberStatus.Present
                select new MemberRow(m.HouseholdId, m.Name, m.Relation, m.BirthDate, m.Schooling, m.MedicalInsurance))
            .ToListAsync(ct);
        var incomes = await (
                from i in db.Incomes.AsNoTracking()
                join h in candidates on i.HouseholdId equals h.Id
                where i.Year == year
                select i)
            .ToListAsync(ct);

        var snapshot = new ExitSnapshot
        {
            Year = year,
            Households = rows,
            Members = members.ToLookup(m => m.HouseholdId),
            Incomes = incomes.GroupBy(i => i.HouseholdId).ToDictionary(g => g.Key, g => g.First()),
        };
        foreach (var c in countyRows) snapshot.Counties[c.Id] = (c.Code, c.Name);
        foreach (var tr in townshipRows) snapshot.Townships[tr.Id] = tr;
        foreach (var v in villageRows) snapshot.Villages[v.Id] = v;
        foreach (var r in registered) snapshot.Registered[r.VillageId] = (r.Households, r.People);
        return snapshot;
    }

    /// <summary>Poor at the end of the year by the recorded status.</summary>
    public bool IsRemaining(HouseholdRow h) => HouseholdStanding.IsPoorAtEndOf(Year, h.Status, h.ExitYear);

    public HouseholdFacts FactsOf(HouseholdRow h) => new(h.Housing,
        Members[h.Id].Select(m => new MemberFacts(m.Name, m.Relation, m.BirthDate, m.Schooling, m.MedicalInsurance)).ToList(),
        Incomes.GetValueOrDefault(h.Id));

    public List<Unit> AssessHouseholds(Money line, Measures? measures)
    {
        var units = new List<Unit>(Households.Count);
        foreach (var h in Households.OrderBy(h => h.Number, StringComparer.Ordinal))
        {
            if (!Villages.TryGetValue(h.VillageId, out var village)) continue;
            var conditions = HouseholdStandard.Check(FactsOf(h), Year, line, measures);
            var head = Members[h.Id].FirstOrDefault(m => m.Relation == Relation.Head)?.Name ?? string.Empty;
            units.Add(new Unit(ExitLevel.Household, h.Id, h.Number, head, h.CountyId, h.TownshipId, Townships[h.TownshipId].Name, h.VillageId, village.Name,
                conditions.All(c => c.Met), null, conditions, null, h.Status, h.ExitYear, h.Size));
        }
        return units;
    }

    private Dictionary<Guid, HouseholdRow>? _rows;

    private Figures FiguresOf(IEnumerable<Guid> villageIds, List<Unit> households, Func<Unit, bool> inUnit)
    {
        var ids = villageIds.ToList();
        var registered = ids.Select(id => Registered.GetValueOrDefault(id)).ToList();
        var mine = households.Where(inUnit).ToList();
        var rows = _rows ??= Households.ToDictionary(h => h.Id);
        var remaining = mine.Where(u => IsRemaining(rows[u.Id])).ToList();
        var ready = remaining.Where(u => u.Ready).ToList();
        var populations = ids.Select(id => Villages[id].RegisteredPopulation).ToList();
        int? population = populations.Count > 0 && populations.All(p => p is > 0) ? populations.Sum() : null;
        var remainingPeople = remaining.Sum(u => u.People ?? 0);
        var readyPeople = ready.Sum(u => u.People ?? 0);
        decimal? incidence = population is { } pop ? Math.Round(100m * (remainingPeople - readyPeople) / pop, 2) : null;
        return new Figures(registered.Sum(r => r.Households), registered.Sum(r => r.People), remaining.Count, remainingPeople, ready.Count, readyPeople, population, incidence);
    }

    private static ConditionResult Incidence(string rule, Figures f, decimal limit, int missingPopulations)
    {
        var name = new LocalText("贫困发生率", "Poverty incidence");
        if (f.Incidence is not { } rate)
            return new ConditionResult(rule, name, ConditionState.NotEvaluated, missingPopulations > 0
                ? new LocalText($"{missingPopulations} 个村的户籍人口未录入，无法计算贫困发生率", $"The registered population of {missingPopulations} village(s) is not recorded, so the incidence cannot be computed")
                : new LocalText("户籍人口未录入，无法计算贫困发生率", "The registered population is not recorded, so the incidence cannot be computed"), null, limit);
        var met = rate < limit;
        var op = met ? "<" : "≥";
        return new ConditionResult(rule, name, met ? ConditionState.Met : ConditionState.NotMet,
            new LocalText($"贫困发生率 {HouseholdStandard.Percent(rate)} {op} {HouseholdStandard.Percent(limit)}（剩余贫困人口 {f.ProjectedRemainingPeople:N0} ÷ 户籍人口 {f.RegisteredPopulation:N0}{(f.ReadyHouseholds > 0 ? $"；已扣除本年达标待退出的 {f.ReadyHouseholds:N0} 户 {f.ReadyPeople:N0} 人" : string.Empty)}）",
                $"Incidence {HouseholdStandard.Percent(rate)} {op} {HouseholdStandard.Percent(limit)} (remaining poor {f.ProjectedRemainingPeople:N0} ÷ registered population {f.RegisteredPopulation:N0}{(f.ReadyHouseholds > 0 ? $"; less the {f.ReadyHouseholds:N0} households, {f.ReadyPeople:N0} people, ready to exit this year" : string.Empty)})"),
            rate, limit);
    }

    public List<Unit> AssessVillages(List<Unit> households, Dictionary<Guid, ExitStandards> standards, IReadOnlyDictionary<Guid, VillageExitFacts> facts)
    {
        var units = new List<Unit>();
        foreach (var v in Villages.Values.OrderBy(v => v.Code, StringComparer.Ordinal))
        {
            var s = standards[v.CountyId];
            var figures = FiguresOf([v.Id], households, u => u.VillageId == v.Id);
            var conditions = new List<ConditionResult> { Incidence("village_incidence", figures, s.VillageIncidenceLimit, v.RegisteredPopulation is > 0 ? 0 : 1) };
            var known = facts.GetValueOrDefault(v.Id);
            if (s.VillageCollectiveIncomeMinimum is { } minimum)
            {
                var name = new LocalText("村集体经济收入", "Village collective income");
                conditions.Add(known?.CollectiveIncome is not { } income
                    ? new ConditionResult("collective_income", name, ConditionState.NotEvaluated, new LocalText($"{Year} 年村集体经济收入未录入", $"No collective income recorded for {Year}"), null, minimum.Yuan)
                    : new ConditionResult("collective_income", name, income >= minimum ? ConditionState.Met : ConditionState.NotMet,
                        new LocalText($"村集体经济收入 {HouseholdStandard.Yuan(income.Yuan)} 元 {(income >= minimum ? "≥" : "<")} {HouseholdStandard.Yuan(minimum.Yuan)} 元",
                            $"Collective income {HouseholdStandard.Yuan(income.Yuan)} yuan {(income >= minimum ? "≥" : "<")} {HouseholdStandard.Yuan(minimum.Yuan)} yuan"), income.Yuan, minimum.Yuan));
            }
            foreach (var key in s.RequiredConditions())
            {
                var name = VillageConditionKeys.All.TryGetValue(key, out var n) ? n : new LocalText(key, key);
                conditions.Add(known?.Conditions.TryGetValue(key, out var met) != true
                    ? new ConditionResult("condition:" + key, name, ConditionState.NotEvaluated, new LocalText($"“{name.Zh}”{Year} 年情况未录入", $"'{name.En}' not recorded for {Year}"))
                    : new ConditionResult("condition:" + key, name, met ? ConditionState.Met : ConditionState.NotMet,
                        met ? new LocalText($"已{name.Zh}", $"{name.En}: yes") : new LocalText($"未达到“{name.Zh}”", $"{name.En}: no")));
            }
            units.Add(new Unit(ExitLevel.Village, v.Id, v.Code, v.Name, v.CountyId, v.TownshipId, Townships[v.TownshipId].Name, v.Id, v.Name,
                conditions.All(c => c.Met), v.PlannedExitYear, conditions, figures));
        }
        return units;
    }

    public List<Unit> AssessTownships(List<Unit> households, List<Unit> villages, Dictionary<Guid, ExitStandards> standards)
    {
        var units = new List<Unit>();
        foreach (var t in Townships.Values.OrderBy(t => t.Code, StringComparer.Ordinal))
        {
            var s = standards[t.CountyId];
            var mine = Villages.Values.Where(v => v.TownshipId == t.Id).ToList();
            var figures = FiguresOf(mine.Select(v => v.Id), households, u => u.TownshipId == t.Id);
            var conditions = new List<ConditionResult> { Incidence("township_incidence", figures, s.TownshipIncidenceLimit, mine.Count(v => v.RegisteredPopulation is not > 0)) };
            if (s.TownshipRequiresPoorVillagesReady)
            {
                var poor = villages.Where(v => v.TownshipId == t.Id && Villages[v.Id].IsPoor).ToList();
                var notReady = poor.Where(v => !v.Ready).ToList();
                conditions.Add(new ConditionResult("poor_villages", new LocalText("贫困村出列", "Poor villages exit"), notReady.Count == 0 ? ConditionState.Met : ConditionState.NotMet,
                    notReady.Count == 0
                        ? new LocalText($"{poor.Count} 个贫困村均达到出列标准", $"All {poor.Count} poor villages meet the exit standard")
                        : new LocalText($"{poor.Count} 个贫困村中 {notReady.Count} 个未达标：{string.Join("、", notReady.Select(v => v.Name))}", $"{notReady.Count} of {poor.Count} poor villages do not meet the standard: {string.Join(", ", notReady.Select(v => v.Name))}"),
                    notReady.Count, 0));
            }
            units.Add(new Unit(ExitLevel.Township, t.Id, t.Code, t.Name, t.CountyId, t.Id, t.Name, null, null, conditions.All(c => c.Met), t.PlannedExitYear, conditions, figures));
        }
        return units;
    }

    public List<Unit> AssessCounties(List<Unit> households, Dictionary<Guid, ExitStandards> standards, Dictionary<Guid, CountyEvaluationRates?> rates)
    {
        var units = new List<Unit>();
        foreach (var (id, county) in Counties.OrderBy(c => c.Value.Code, StringComparer.Ordinal))
        {
            var s = standards[id];
            var mine = Villages.Values.Where(v => v.CountyId == id).ToList();
            var figures = FiguresOf(mine.Select(v => v.Id), households, u => u.CountyId == id);
            var conditions = new List<ConditionResult> { Incidence("county_incidence", figures, s.CountyIncidenceLimit, mine.Count(v => v.RegisteredPopulation is not > 0)) };
            var r = rates.GetValueOrDefault(id);
            conditions.Add(Rate("wrong_exit", new LocalText("错退率", "Wrongful-exit rate"), r?.WrongExit, s.WrongExitLimit, below: true, "错退人数", "wrongly exited", "抽查脱贫人数", "sampled exited"));
            conditions.Add(Rate("missed", new LocalText("漏评率", "Missed-registration rate"), r?.Missed, s.MissedLimit, below: true, "漏评人数", "missed", "抽查村非建档立卡人口", "non-registered rural population of sampled villages"));
            conditions.Add(Rate("approval", new LocalText("群众认可度", "Public approval"), r?.Approval, s.ApprovalMinimum, below: false, "认可户数", "approving", "调查户数", "surveyed"));
            units.Add(new Unit(ExitLevel.County, id, county.Code, county.Name, id, null, null, null, null, conditions.All(c => c.Met), null, conditions, figures));
        }
        return units;
    }

    private static ConditionResult Rate(string rule, LocalText name, EvaluationRate? rate, decimal limit, bool below, string numZh, string numEn, string denZh, string denEn)
    {
        if (rate?.Percent is not { } percent)
            return new ConditionResult(rule, name, ConditionState.NotEvaluated, new LocalText("尚未开展第三方评估", "Not yet evaluated"), null, limit);
        var met = below ? percent < limit : percent > limit;
        var op = below ? (met ? "<" : "≥") : (met ? ">" : "≤");
        return new ConditionResult(rule, name, met ? ConditionState.Met : ConditionState.NotMet,
            new LocalText($"{name.Zh} {HouseholdStandard.Percent(percent)} {op} {HouseholdStandard.Percent(limit)}（{numZh} {rate.Numerator:N0} ÷ {denZh} {rate.Denominator:N0}）",
                $"{name.En} {HouseholdStandard.Percent(percent)} {op} {HouseholdStandard.Percent(limit)} ({numEn} {rate.Numerator:N0} ÷ {denEn} {rate.Denominator:N0})"),
            percent, limit);
    }
}
