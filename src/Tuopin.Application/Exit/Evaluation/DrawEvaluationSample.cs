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
        if (actor.Role is not (Role.CountyAdmin or Role.Inspector) || actor.Scope.Level is not (AreaLevel.County or AreaLevel.Everything) || actor.WritesNothing)
            throw new ForbiddenException(new LocalText("第三方评估抽样由县扶贫办或评估组进行", "The county office or the evaluators draw the sample"));
        await using var db = database.Open();
        var countyId = actor.Scope.Level == AreaLevel.County ? actor.Scope.CountyId : await db.Counties.Select(c => c.Id).FirstAsync(ct);
        var problems = new List<Problem>();
        if (request.Seed is null)
            problems.Add(new Problem("seed", "sample.seed_required", new LocalText("请填写抽样编号（随机种子）：用同一编号可重新抽出同一批户，供复核", "Give a sample number (random seed): the same number draws the same households again, for checking")));
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
