using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Demo;
using Tuopin.Application.Storage;
using Tuopin.Domain.Assistance;
using Tuopin.Domain.Common;
using Tuopin.Domain.Industry;

namespace Tuopin.Application.Industry;

/// <summary>
/// The demo's industry work, clearly illustrative, a separate step after <see cref="Assistance.LoadDemoAssistance"/>:
/// market entities of Laifeng's townships (invented names) — a specialised cooperative and a mutual-fund cooperative
/// (资金互助社) in each poor village, an enterprise per township serving its poor villages, a family farm in every third
/// poor village — and a participation record for each industry measure the demo's plans already hold for a registered
/// household whose content names a plan industry (茶叶 → green tea, 藤茶 → vine tea, 油茶 → oil tea, 生猪 → pigs,
/// 蔬菜 and 食用菌 → vegetables; 山羊 is no plan industry), linked to that measure, its benefit link and entity drawn from
/// what serves the village; in the poor villages with no such measure, 4 to 8 registered households take up their
/// township's main industry in 2016, each with the Industry measure it is (these are the only measures the step adds;
/// the assistance step's own records, and so its fingerprints, are untouched). Gaps left on purpose
/// (<see cref="Gaps"/>): some poor villages without a mutual-fund cooperative, one without a specialised cooperative, one
/// outside its township enterprise's reach; villages none of whose households has an industry measure lack a leading
/// industry. Seeded (<see cref="DemoSeed"/>, its own stream "industry") and deterministic.
/// </summary>
public static class LoadDemoIndustry
{
    /// <summary>
    /// The 121 gaps left on purpose, by the poor villages' order (of code): every <c>MutualFundEvery</c>-th (from the first) has
    /// no mutual-fund cooperative, the <c>WithoutCooperative</c>-th no specialised cooperative, the <c>OutsideEnterprise</c>-th
    /// is outside its township enterprise's reach; of the villages with no industry measure in the plans, every
    /// <c>LeadingEvery</c>-th (from the first) is left without participation (no leading industry).
    /// </summary>
    public sealed record Gaps(int MutualFundEvery, int WithoutCooperative, int OutsideEnterprise, int LeadingEvery);

    public static readonly Gaps Left = new(MutualFundEvery: 9, WithoutCooperative: 5, OutsideEnterprise: 7, LeadingEvery: 6);

    public sealed record Result(int Entities, int Participations, int MeasuresAdded);

    private static readonly (string Text, string Industry, string Name)[] Contents =
    [
        ("藤茶", "vine_tea", "藤茶"), ("油茶", "oil_tea", "油茶"), ("茶叶", "green_tea", "茶叶"), ("生猪", "pigs", "生猪"), ("蔬菜", "vegetables", "蔬菜"), ("食用菌", "vegetables", "食用菌"),
    ];

    private static readonly string[] FarmSurnames = ["田", "向", "彭", "杨", "张", "李", "覃", "冉", "龙", "姚", "滕", "邓"];
    private static readonly string[] FarmGiven = ["国富", "建华", "明军", "志强", "永祥", "德昌", "光海", "春林", "玉兰", "秀英"];

    public static async Task<Result> RunAsync(TuopinDbFactory factory, int seed = LoadDemo.DefaultSeed, CancellationToken ct = default)
    {
        await using var db = factory.CreateForOperator("演示数据");
        if (await db.MarketEntities.AnyAsync(ct) || await db.IndustryParticipations.AnyAsync(ct))
            throw new ConflictException(new LocalText("该数据库已有产业数据，不再载入演示数据", "This database already holds industry records; the demo's are not loaded"));
        var random = new Random(DemoSeed.Of(seed, "industry"));
        var countyId = await db.Counties.Select(c => c.Id).SingleAsync(ct);
        var townships = await db.Townships.AsNoTracking().OrderBy(t => t.Code).Select(t => new { t.Id, t.Name }).ToListAsync(ct);
        var villages = await db.Villages.AsNoTracking().Where(v => v.IsPoor).OrderBy(v => v.Code).Select(v => new { v.Id, v.Name, v.TownshipId }).ToListAsync(ct);
        var measures = await db.Measures.AsNoTracking().Where(m => m.Type == MeasureType.Industry && m.HouseholdId != null && m.Status != MeasureStatus.Cancelled)
            .OrderBy(m => m.HouseholdId).ThenBy(m => m.Year).ThenBy(m => m.Content)
            .Select(m => new { m.Id, HouseholdId = m.HouseholdId!.Value, m.CountyId, m.TownshipId, m.VillageId, m.Year, m.Content, m.CreatedAt }).ToListAsync(ct);
        var now = factory.Clock.GetUtcNow().UtcDateTime;

        // The village's main industry (most of its measures), for the names of its entities.
        var found = measures.Select(m => (m, c: Contents.FirstOrDefault(c => m.Content.Contains(c.Text, StringComparison.Ordinal)))).Where(x => x.c.Industry is not null).ToList();
        var main = found.GroupBy(x => x.m.VillageId).ToDictionary(g => g.Key, g => g.GroupBy(x => x.c.Name).OrderByDescending(n => n.Count()).ThenBy(n => n.Key, StringComparer.Ordinal).First().Key);

        var entities = new List<MarketEntity>();
        var links = new List<MarketEntityVillage>();
        MarketEntity Add(MarketEntityKind kind, string name, string industries, IEnumerable<Guid> served, int year)
        {
            var e = new MarketEntity
            {
                Id = Guid.CreateVersion7(), CountyId = countyId, Kind = kind, Name = name, Industries = industries,
                RegisteredOn = new DateOnly(year, random.Next(1, 13), random.Next(1, 29)), RecordedBy = "演示数据", Version = 1, UpdatedAt = now,
            };
            entities.Add(e);
            links.AddRange(served.Select(v => new MarketEntityVillage { Id = Guid.CreateVersion7(), MarketEntityId = e.Id, VillageId = v }));
            return e;
        }
        var serving = villages.ToDictionary(v => v.Id, _ => new List<MarketEntity>());
        foreach (var t in townships)
        {
            var mine = villages.Where(v => v.TownshipId == t.Id).ToList();
            if (mine.Count == 0) continue;
            var reached = mine.Where(v => villages.IndexOf(v) != Left.OutsideEnterprise).Select(v => v.Id).ToList();
            var enterprise = Add(MarketEntityKind.Enterprise, $"来凤县{t.Name}农业开发有限公司", "tea,green_tea,vine_tea,pigs,vegetables", reached, 2013 + random.Next(0, 3));
            foreach (var v in reached) serving[v].Add(enterprise);
        }
        for (var i = 0; i < villages.Count; i++)
        {
            var v = villages[i];
            var township = townships.First(t => t.Id == v.TownshipId).Name;
            var industry = main.GetValueOrDefault(v.Id, "茶叶");
            var ids = Contents.Where(c => c.Name == industry).Select(c => c.Industry).First();
            if (i != Left.WithoutCooperative)
                serving[v.Id].Add(Add(MarketEntityKind.SpecialisedCooperative, $"来凤县{township}{v.Name}{industry}专业合作社", ids, [v.Id], 2014 + random.Next(0, 3)));
            if (i % Left.MutualFundEvery != 0)
                serving[v.Id].Add(Add(MarketEntityKind.MutualFundCooperative, $"来凤县{township}{v.Name}扶贫资金互助社", string.Empty, [v.Id], 2015 + random.Next(0, 2)));
            if (i % 3 == 1)
                serving[v.Id].Add(Add(MarketEntityKind.FamilyFarm, $"来凤县{FarmSurnames[random.Next(FarmSurnames.Length)]}{FarmGiven[random.Next(FarmGiven.Length)]}家庭农场（{v.Name}）", ids, [v.Id], 2015 + random.Next(0, 3)));
        }

        var participations = new List<IndustryParticipation>();
        foreach (var (m, c) in found)
        {
            var scale = ScaleOf(m.Content) ?? 1m;
            var drivers = serving.GetValueOrDefault(m.VillageId) ?? [];
            var entity = drivers.Count > 0 && random.NextDouble() < 0.7 ? drivers[random.Next(drivers.Count)] : null;
            var link = entity is null ? BenefitLink.Own : entity.Kind switch
            {
                MarketEntityKind.MutualFundCooperative => BenefitLink.ShareDividend,
                MarketEntityKind.Enterprise => random.NextDouble() < 0.5 ? BenefitLink.Order : BenefitLink.WageWork,
                MarketEntityKind.FamilyFarm => random.NextDouble() < 0.5 ? BenefitLink.LandRent : BenefitLink.Trusteeship,
                _ => random.NextDouble() < 0.6 ? BenefitLink.Order : BenefitLink.Trusteeship,
            };
            participations.Add(new IndustryParticipation
            {
                Id = Guid.CreateVersion7(), HouseholdId = m.HouseholdId, CountyId = m.CountyId, TownshipId = m.TownshipId, VillageId = m.VillageId,
                IndustryId = c.Industry, Year = m.Year, Scale = scale, ScaleFarmer = random.NextDouble() < 0.12, Link = link, MarketEntityId = entity?.Id,
                MeasureId = m.Id, RecordedBy = "演示数据", Version = 1, CreatedAt = m.CreatedAt, UpdatedAt = m.CreatedAt,
            });
        }

        // Villages none of whose households has an industry measure: a few households each take up the township's
        // main industry in 2016, with the measure it is (all but every LeadingEvery-th such village, left without one).
        var added = new List<Measure>();
        var byTownship = found.GroupBy(x => x.m.TownshipId).ToDictionary(g => g.Key, g => g.GroupBy(x => x.c.Industry).OrderByDescending(n => n.Count()).ThenBy(n => n.Key, StringComparer.Ordinal).First().First().c);
        var bare = villages.Where(v => !main.ContainsKey(v.Id)).ToList();
        var bareIds = bare.Select(v => v.Id).ToList();
        var households = (await db.Households.AsNoTracking().Where(h => bareIds.Contains(h.VillageId)).Where(Domain.Registry.HouseholdStanding.Registered())
                .OrderBy(h => h.Number).Select(h => new { h.Id, h.CountyId, h.TownshipId, h.VillageId }).ToListAsync(ct))
            .ToLookup(h => h.VillageId);
        for (var i = 0; i < bare.Count; i++)
        {
            if (i % Left.LeadingEvery == 0) continue;
            var v = bare[i];
            var c = byTownship.GetValueOrDefault(v.TownshipId, Contents[2]);
            var drivers = serving[v.Id];
            foreach (var h in households[v.Id].Take(4 + random.Next(0, 5)))
            {
                var entity = drivers.Count > 0 ? drivers[random.Next(drivers.Count)] : null;
                var fields = new RecordParticipation.Fields(c.Industry, 2016, c.Industry == "pigs" ? 5 + random.Next(0, 16) : 1 + random.Next(0, 4), random.NextDouble() < 0.12,
                    entity is null ? BenefitLink.Own : entity.Kind == MarketEntityKind.MutualFundCooperative ? BenefitLink.ShareDividend : BenefitLink.Order, entity?.Id);
                var (p, m) = RecordParticipation.Build(h.Id, h.CountyId, h.TownshipId, h.VillageId, fields, c.Name, entity?.Name, "演示数据", now);
                added.Add(m);
                participations.Add(p);
            }
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await BulkWriter.InsertAsync(db, added, ct);
        await BulkWriter.InsertAsync(db, entities, ct);
        await BulkWriter.InsertAsync(db, links, ct);
        await BulkWriter.InsertAsync(db, participations, ct);
        await transaction.CommitAsync(ct);
        return new Result(entities.Count, participations.Count, added.Count);
    }

    /// <summary>The number in a measure's content (发展藤茶种植2亩 → 2), if any.</summary>
    private static decimal? ScaleOf(string content)
    {
        var digits = new string(content.SkipWhile(ch => !char.IsAsciiDigit(ch)).TakeWhile(char.IsAsciiDigit).ToArray());
        return digits.Length > 0 ? decimal.Parse(digits, System.Globalization.CultureInfo.InvariantCulture) : null;
    }
}
