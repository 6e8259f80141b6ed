using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;
using Tuopin.Domain.Exit;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Exit;

/// <summary>
/// Draws the county's outside-evaluation sample (第三方评估抽样) for a year: villages at random, then in each
/// sampled village registry households exited by the year and not exited at its end (exiting later counts as not exited) at random, and places for rural households
/// outside the registry (the team records whom it visits). The same seed always gives the same sample.
/// </summary>
public sealed class DrawEvaluationSample(Database database)
{
    public sealed record Request(int Year, int? Seed, int Villages, int ExitedPerVillage, int NotExitedPerVillage, int OutsidePerVillage);

    public async Task<Guid> HandleAsync(Request request, CancellationToken ct = default)
    {
        var actor = database.Actor;
        if (actor.Role is not (Role.CountyAdmin or Role.Inspector) || actor.Scope.Level is not (AreaLevel.County or AreaLevel.Everything))
            throw new ForbiddenException(new LocalText("第三方评估抽样由县扶贫办或评估组进行", "The county office or the evaluators draw the sample"));
        await using var db = database.Open();
        var countyId = actor.Scope.Level == AreaLevel.County ? actor.Scope.CountyId : await db.Counties.Select(c => c.Id).FirstAsync(ct);
        var problems = new List<Problem>();
        if (request.Seed is null)
            problems.Add(new Problem("seed", "sample.seed_required", new LocalText("请给出随机种子：同一种子可重现同一样本，供复核", "Give a random seed: the same seed reproduces the same sample for checking")));
        foreach (var (field, value) in new[] { ("villages", request.Villages), ("exitedPerVillage", request.ExitedPerVillage), ("notExitedPerVillage", request.NotExitedPerVillage), ("outsidePerVillage", request.OutsidePerVillage) })
            if (value < 0) problems.Add(new Problem(field, "sample.negative", new LocalText("样本量不能为负数", "A sample size cannot be negative")));
        if (request.Villages <= 0)
            problems.Add(new Problem("villages", "sample.no_villages", new LocalText("请给出抽取的村数", "Say how many villages to sample")));
        if (await db.Set<Evaluation>().AnyAsync(e => e.CountyId == countyId && e.Year == request.Year, ct))
            problems.Add(new Problem("year", "sample.exists", new LocalText($"{request.Year} 年已抽样；样本一经抽取不再重抽", $"The {request.Year} sample is already drawn; a sample is never redrawn")));

        // The population, in a stable order: villages by code, households by number.
        var households = db.Households.AsNoTracking().Where(h => h.CountyId == countyId).Where(HouseholdStanding.Registered());
        var villageIds = await households.Select(h => h.VillageId).Distinct().ToListAsync(ct);
        var exited = await households.Where(HouseholdStanding.ExitedBy(request.Year)).CountAsync(ct);
        var poor = await households.Where(HouseholdStanding.PoorAtEndOf(request.Year)).CountAsync(ct);
        var villages = await db.Villages.AsNoTracking().Where(v => villageIds.Contains(v.Id))
            .OrderBy(v => v.Code).Select(v => new { v.Id, v.Code, v.TownshipId }).ToListAsync(ct);
        if (request.Villages > villages.Count)
            problems.Add(new Problem("villages", "sample.too_many_villages", new LocalText(
                $"要抽 {request.Villages} 个村，但只有 {villages.Count} 个村有建档立卡户", $"{request.Villages} villages asked for, but only {villages.Count} villages have registered households")));
        if (request.Villages > 0 && request.Villages * request.ExitedPerVillage > exited)
            problems.Add(new Problem("exitedPerVillage", "sample.too_many_exited", new LocalText(
                $"要抽 {request.Villages * request.ExitedPerVillage} 户已脱贫户，但 {request.Year} 年及以前脱贫的只有 {exited} 户", $"{request.Villages * request.ExitedPerVillage} exited households asked for, but only {exited} exited by {request.Year}")));
        if (request.Villages > 0 && request.Villages * request.NotExitedPerVillage > poor)
            problems.Add(new Problem("notExitedPerVillage", "sample.too_many_poor", new LocalText(
                $"要抽 {request.Villages * request.NotExitedPerVillage} 户未脱贫户，但只有 {poor} 户", $"{request.Villages * request.NotExitedPerVillage} households not exited asked for, but there are only {poor}")));
        if (problems.Count > 0) throw new InvalidRequestException(problems);

        var random = new Random(request.Seed!.Value);
        var sampled = Sampling.Draw(villages, request.Villages, random).OrderBy(v => v.Code).ToList();
        var sampledIds = sampled.Select(v => v.Id).ToList();
        var members = await households.Where(h => sampledIds.Contains(h.VillageId))
            .OrderBy(h => h.Number).Select(h => new { h.Id, h.VillageId, h.Status, h.ExitYear }).ToListAsync(ct);
        var evaluation = new Evaluation
        {
            Id = Guid.CreateVersion7(), CountyId = countyId, Year = request.Year, Seed = request.Seed.Value, Villages = request.Villages,
            ExitedPerVillage = request.ExitedPerVillage, NotExitedPerVillage = request.NotExitedPerVillage, OutsidePerVillage = request.OutsidePerVillage,
            CreatedBy = actor.UserName, CreatedAt = database.Clock.GetUtcNow().UtcDateTime,
        };
        db.Add(evaluation);
        var position = 0;
        foreach (var v in sampled)
        {
            var inVillage = members.Where(h => h.VillageId == v.Id).ToList();
            var picks = Sampling.Draw(inVillage.Where(h => HouseholdStanding.HasExitedBy(request.Year, h.Status, h.ExitYear)).ToList(), request.ExitedPerVillage, random)
                .Select(h => (h.Id, SampleKind.Exited))
                .Concat(Sampling.Draw(inVillage.Where(h => HouseholdStanding.IsPoorAtEndOf(request.Year, h.Status, h.ExitYear)).ToList(), request.NotExitedPerVillage, random)
                    .Select(h => (h.Id, SampleKind.NotExited)))
                .Select(p => ((Guid?)p.Id, p.Item2))
                .Concat(Enumerable.Range(0, request.OutsidePerVillage).Select(_ => ((Guid?)null, SampleKind.Outside)));
            foreach (var (household, kind) in picks)
            {
                db.Add(new EvaluationSample
                {
                    Id = Guid.CreateVersion7(), EvaluationId = evaluation.Id, CountyId = countyId, TownshipId = v.TownshipId, VillageId = v.Id,
                    HouseholdId = household, Kind = kind, Position = ++position,
                });
            }
        }
        await db.SaveChangesAsync(ct);
        return evaluation.Id;
    }
}

/// <summary>Records what the field team found at one sampled household.</summary>
public sealed class RecordEvaluationFinding(Database database)
{
    public sealed record Request(Guid SampleId, DateOnly VisitedOn, string? Visited, bool? WronglyExited, bool? Missed, bool? Approves, string? Note, int? People = null);

    public async Task HandleAsync(Request request, CancellationToken ct = default)
    {
        var actor = database.Actor;
        if (actor.Role is not (Role.CountyAdmin or Role.Inspector))
            throw new ForbiddenException(new LocalText("评估结果由县扶贫办或评估组录入", "The county office or the evaluators record findings"));
        await using var db = database.Open();
        var s = await db.Set<EvaluationSample>().FirstOrDefaultAsync(x => x.Id == request.SampleId, ct)
            ?? throw new NotFoundException(new LocalText("没有这个样本户", "No such sampled household"));
        var problems = new List<Problem>();
        if (s.Kind == SampleKind.Exited && request.WronglyExited is null)
            problems.Add(new Problem("wronglyExited", "finding.wrong_exit_required", new LocalText("已脱贫样本户须填写是否错退", "Say whether the exited household was wrongly exited")));
        if (s.Kind != SampleKind.Exited && request.WronglyExited is not null)
            problems.Add(new Problem("wronglyExited", "finding.not_exited", new LocalText("只有已脱贫样本户才判断错退", "Only exited households are judged for wrong exit")));
        if (s.Kind == SampleKind.Outside && request.Missed is null)
            problems.Add(new Problem("missed", "finding.missed_required", new LocalText("非建档立卡户须填写是否漏评", "Say whether the household outside the registry was missed")));
        if (s.Kind != SampleKind.Outside && request.Missed is not null)
            problems.Add(new Problem("missed", "finding.registered", new LocalText("建档立卡户不判断漏评", "Registered households are not judged for being missed")));
        if (s.Kind == SampleKind.Outside && string.IsNullOrWhiteSpace(request.Visited))
            problems.Add(new Problem("visited", "finding.visited_required", new LocalText("请填写走访的农户（户主姓名、门牌）", "Name the household visited (head, house number)")));
        if (s.Kind == SampleKind.Outside && request.Missed == true && request.People is null)
            problems.Add(new Problem("people", "finding.people_required", new LocalText("漏评户须填写家庭人口（漏评率按人计）", "Give the missed household's people (the missed rate counts people)")));
        if (s.Kind != SampleKind.Outside && request.People is not null)
            problems.Add(new Problem("people", "finding.people_registered", new LocalText("建档立卡户的人口取自名册，不另填", "A registered household's people come from the registry")));
        if (request.People is <= 0 or > 30)
            problems.Add(new Problem("people", "finding.people_range", new LocalText($"家庭人口应在 1–30 之间，填写的是 {request.People}", $"A household has 1 to 30 people; got {request.People}")));
        if (request.VisitedOn > DateOnly.FromDateTime(database.Clock.GetLocalNow().DateTime))
            problems.Add(new Problem("visitedOn", "finding.date_future", new LocalText("日期不能晚于今天", "The date cannot be in the future")));
        if (problems.Count > 0) throw new InvalidRequestException(problems);
        s.VisitedOn = request.VisitedOn;
        s.Visited = string.IsNullOrWhiteSpace(request.Visited) ? null : request.Visited.Trim();
        s.WronglyExited = request.WronglyExited;
        s.Missed = request.Missed;
        s.Approves = request.Approves;
        s.People = request.People;
        s.Note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        s.RecordedBy = actor.UserName;
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>A sampled household; People: the registry's size for a registered one, the count at the visit for one outside.</summary>
public sealed record SampleRow(Guid Id, int Position, SampleKind Kind, string Township, string Village, Guid? HouseholdId, string? Number, string? Visited,
    DateOnly? VisitedOn, bool? WronglyExited, bool? Missed, bool? Approves, string? Note, int? People = null);

public sealed record EvaluationReport(
    Guid Id, int Year, long Seed, int Villages, int ExitedPerVillage, int NotExitedPerVillage, int OutsidePerVillage, string CreatedBy,
    Proportion WrongExit, Proportion Missed, Proportion Approval, string Method, int Visited, IReadOnlyList<SampleRow> Rows);

/// <summary>
/// The evaluation of a year: the sample with its findings, and, as the 2017 evaluation rules define them,
/// 错退率 = wrongly exited people ÷ people of the exited households checked, 漏评率 = people of the missed
/// households ÷ the non-registered rural population of the sampled villages (户籍人口 less the registry's
/// people), 认可度 = approving households ÷ households asked; each with its counts and a 95% Wilson interval
/// (which treats people as independent draws: a household's people are not, so the interval is too narrow).
/// </summary>
public sealed class GetEvaluation(Database database)
{
    public async Task<EvaluationReport?> HandleAsync(int year, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var e = await db.Set<Evaluation>().AsNoTracking().Where(x => x.Year == year && (database.Actor.Scope.Level == AreaLevel.Everything || x.CountyId == database.Actor.Scope.CountyId))
            .FirstOrDefaultAsync(ct);
        if (e is null) return null;
        var samples = await db.Set<EvaluationSample>().AsNoTracking().Where(s => s.EvaluationId == e.Id).OrderBy(s => s.Position).ToListAsync(ct);
        var ids = samples.Where(s => s.HouseholdId != null).Select(s => s.HouseholdId!.Value).ToList();
        var households = await db.Households.AsNoTracking().Where(h => ids.Contains(h.Id)).Select(h => new { h.Id, h.Number, h.Size }).ToDictionaryAsync(h => h.Id, ct);
        var names = await Registry.PlaceNames.LoadAsync(db, samples.Select(s => s.VillageId), ct);
        var rows = samples.Select(s => new SampleRow(s.Id, s.Position, s.Kind, names.Township(s.TownshipId), names.Village(s.VillageId), s.HouseholdId,
            s.HouseholdId is { } h ? households.GetValueOrDefault(h)?.Number : null, s.Visited, s.VisitedOn, s.WronglyExited, s.Missed, s.Approves, s.Note,
            s.HouseholdId is { } hh ? households.GetValueOrDefault(hh)?.Size : s.People)).ToList();
        var rates = EvaluationRates.Of(samples, households.ToDictionary(h => h.Key, h => h.Value.Size), await EvaluationRates.OutsidePopulationAsync(db, samples, ct));
        return new EvaluationReport(e.Id, e.Year, e.Seed, e.Villages, e.ExitedPerVillage, e.NotExitedPerVillage, e.OutsidePerVillage, e.CreatedBy,
            rates.WrongExit, rates.Missed, rates.Approval, Sampling.Method.Zh, samples.Count(s => s.VisitedOn != null), rows);
    }
}

internal static class EvaluationRates
{
    /// <summary>The three rates: people for 错退率 and 漏评率, households for 认可度 (see <see cref="GetEvaluation"/>).</summary>
    /// <param name="samples">The sampled households with their findings.</param>
    /// <param name="sizes">The people of each sampled registry household.</param>
    /// <param name="outsidePopulation">The sampled villages' non-registered rural population; null when a village has no 户籍人口.</param>
    public static (Proportion WrongExit, Proportion Missed, Proportion Approval) Of(
        IReadOnlyCollection<EvaluationSample> samples, IReadOnlyDictionary<Guid, int> sizes, int? outsidePopulation)
    {
        int People(EvaluationSample s) => s.HouseholdId is { } h ? sizes.GetValueOrDefault(h) : 0;
        var exited = samples.Where(s => s.Kind == SampleKind.Exited && s.WronglyExited != null).ToList();
        var missed = samples.Where(s => s.Kind == SampleKind.Outside && s.Missed == true).Sum(s => s.People ?? 0);
        var outsideChecked = samples.Any(s => s.Kind == SampleKind.Outside && s.Missed != null);
        return (
            Proportion.From(exited.Where(s => s.WronglyExited == true).Sum(People), exited.Sum(People)),
            outsideChecked && outsidePopulation is > 0 ? Proportion.From(missed, outsidePopulation.Value) : new Proportion(missed, 0, null, null, null),
            Proportion.From(samples.Count(s => s.Approves == true), samples.Count(s => s.Approves != null)));
    }

    /// <summary>
    /// The non-registered rural population of the sampled villages: each one's 户籍人口 less the people of its
    /// registry households (not removed). Null when any sampled village has no 户籍人口 in the places data.
    /// </summary>
    public static async Task<int?> OutsidePopulationAsync(TuopinDb db, IReadOnlyCollection<EvaluationSample> samples, CancellationToken ct)
    {
        var villageIds = samples.Select(s => s.VillageId).Distinct().ToList();
        var populations = await db.Villages.AsNoTracking().Where(v => villageIds.Contains(v.Id)).Select(v => v.RegisteredPopulation).ToListAsync(ct);
        if (populations.Count == 0 || populations.Any(p => p is not > 0)) return null;
        var registered = await db.Households.AsNoTracking()
            .Where(h => villageIds.Contains(h.VillageId) && h.ClosedOn == null).Where(HouseholdStanding.Registered()).SumAsync(h => h.Size, ct);
        return Math.Max(0, populations.Sum(p => p!.Value) - registered);
    }

    public static async Task<Dictionary<Guid, int>> SizesAsync(TuopinDb db, IReadOnlyCollection<EvaluationSample> samples, CancellationToken ct)
    {
        var ids = samples.Where(s => s.HouseholdId != null).Select(s => s.HouseholdId!.Value).ToList();
        return await db.Households.AsNoTracking().Where(h => ids.Contains(h.Id)).ToDictionaryAsync(h => h.Id, h => h.Size, ct);
    }
}

/// <summary>
/// Gives the county assessment (the <c>exit</c> feature's <see cref="AssessExit"/>) the three rates of the
/// outside evaluation recorded here; null until the year's sample has any finding.
/// </summary>
public sealed class RecordedCountyEvaluation : ICountyEvaluationSource
{
    public async Task<CountyEvaluationRates?> GetAsync(TuopinDb db, Guid countyId, int year, CancellationToken ct)
    {
        var id = await db.Set<Evaluation>().AsNoTracking().Where(e => e.CountyId == countyId && e.Year == year).Select(e => (Guid?)e.Id).FirstOrDefaultAsync(ct);
        if (id is null) return null;
        var all = await db.Set<EvaluationSample>().AsNoTracking().Where(s => s.EvaluationId == id).ToListAsync(ct);
        var samples = all.Where(s => s.VisitedOn != null).ToList();
        if (samples.Count == 0) return null;
        var (wrong, missed, approval) = EvaluationRates.Of(samples, await EvaluationRates.SizesAsync(db, samples, ct), await EvaluationRates.OutsidePopulationAsync(db, all, ct));
        return new CountyEvaluationRates(
            new EvaluationRate(wrong.Count, wrong.Of), new EvaluationRate(missed.Count, missed.Of), new EvaluationRate(approval.Count, approval.Of),
            $"第三方评估抽样（种子 {await db.Set<Evaluation>().Where(e => e.Id == id).Select(e => e.Seed).FirstAsync(ct)}），错退率、漏评率按人计，认可度按户计");
    }
}
