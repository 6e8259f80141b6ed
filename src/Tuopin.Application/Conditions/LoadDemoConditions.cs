using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Audit;
using Tuopin.Application.Common;
using Tuopin.Application.Demo;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Conditions;
using Tuopin.Domain.Places;

namespace Tuopin.Application.Conditions;

/// <summary>
/// The demo data set's village conditions, 2014–2020: clearly illustrative (not Laifeng's real figures),
/// seeded and deterministic, improving year by year. Poor villages reach the plan's levels by their exit
/// year, others by 2016–2019; a few villages lag on one indicator so that the dashboard has someone to
/// name. A separate step after <see cref="LoadDemo"/> (the bench's raw baseline of LoadDemo stays as it
/// is); the CLI, the web app's --demo and the tests run both. The targets are the plan's (see ConditionTargets).
/// </summary>
public static class LoadDemoConditions
{
    public const int FirstYear = 2014, LastYear = 2020;

    public sealed record Result(int Records, int Villages);

    public static async Task<Result> RunAsync(TuopinDbFactory factory, int seed = LoadDemo.DefaultSeed, CancellationToken ct = default)
    {
        await using var db = factory.CreateForOperator("演示数据");
        if (await db.VillageConditions.AnyAsync(ct))
            throw new ConflictException(new LocalText("该数据库已有村级基础设施数据，不再载入演示数据", "This database already holds village conditions; the demo's are not loaded"));
        var villages = await db.Villages.AsNoTracking().OrderBy(v => v.Code).ToListAsync(ct);
        var households = await db.Households.AsNoTracking().GroupBy(h => h.VillageId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var rows = Generate(villages, households, seed, now);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await BulkWriter.InsertAsync(db, rows, ct);
        var batch = Guid.CreateVersion7();
        db.AuditEntries.Add(new AuditEntry
        {
            Id = batch,
            At = now,
            UserName = "演示数据",
            Action = AuditAction.Bulk,
            EntityType = nameof(VillageCondition),
            EntityId = batch,
            Changes = JsonSerializer.Serialize(new { source = "Laifeng demo village conditions (illustrative)", seed, records = rows.Count, years = $"{FirstYear}-{LastYear}" }),
            Reason = "载入来凤县演示村级基础设施数据（示意）",
            CorrelationId = batch,
            CountyId = AuditCounties.Shared(rows.Select(r => r.CountyId)),
        });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new Result(rows.Count, villages.Count);
    }

    internal static List<VillageCondition> Generate(IReadOnlyList<Village> villages, IReadOnlyDictionary<Guid, int> registered, int seed, DateTime now)
    {
        var rows = new List<VillageCondition>(villages.Count * (LastYear - FirstYear + 1));
        foreach (var v in villages)
        {
            // One generator per village, from the seed and the village's code: the same village gets the same story, in any
            // process (a stable hash: HashCode.Combine is randomised per process).
            var random = new Random(DemoSeed.Of(seed, v.Code));
            var done = v.IsPoor && v.PlannedExitYear is { } exit ? exit : 2016 + random.Next(0, 4);
            // About one village in twelve lags on one indicator past its year (the dashboard names it).
            var lagging = random.Next(12) == 0 ? random.Next(1, 11) : -1;
            var natural = random.Next(3, 13);
            var population = v.RegisteredPopulation ?? random.Next(900, 3200);
            var households = Math.Max(registered.GetValueOrDefault(v.Id) + 1, (int)Math.Round(population / (3.2 + random.NextDouble())));
            double Start(double low, double high) => low + (random.NextDouble() * (high - low));
            var start = new
            {
                Road = random.NextDouble() < 0.6,
                Bus = random.NextDouble() < 0.4,
                NaturalRoad = Start(0.2, 0.6),
                NaturalPower = Start(0.6, 0.9),
                Piped = Start(0.3, 0.7),
                Safe = Start(0.6, 0.9),
                Power = Start(0.96, 1.0),
                RadioTv = Start(0.7, 0.95),
                Broadband = random.NextDouble() < 0.3,
                Mobile = random.NextDouble() < 0.7,
                School = random.NextDouble() < 0.5,
                SchoolBuilt = random.NextDouble() < 0.3,
                Clinic = random.NextDouble() < 0.6,
                Service = random.NextDouble() < 0.3,
                Culture = random.NextDouble() < 0.3,
            };
            // Final levels: full where the plan wants 100%; natural-village roads and piped water a little above their lower targets.
            var finalNaturalRoad = Start(0.82, 1.0);
            var finalPiped = Start(0.955, 1.0);
            for (var year = FirstYear; year <= LastYear; year++)
            {
                double Progress(int indicator)
                {
                    var end = indicator == lagging ? Math.Max(done, 2018) + 1 : done;
                    return end <= FirstYear ? 1 : Math.Clamp((double)(year - FirstYear) / (end - FirstYear), 0, 1);
                }
                int Part(double from, double to, int whole, int indicator) =>
                    Math.Min(whole, (int)Math.Floor((from + ((to - from) * Progress(indicator))) * whole + 1e-9));
                bool Flag(bool from, int indicator) => from || Progress(indicator) >= 1;
                rows.Add(new VillageCondition
                {
                    Id = Guid.CreateVersion7(),
                    CountyId = v.CountyId,
                    TownshipId = v.TownshipId,
                    VillageId = v.Id,
                    Year = year,
                    HardenedRoad = Flag(start.Road, 1),
                    BusService = Flag(start.Bus, 2),
                    NaturalVillages = natural,
                    NaturalVillagesWithRoad = Part(start.NaturalRoad, finalNaturalRoad, natural, 3),
                    Households = households,
                    PipedWaterHouseholds = Part(start.Piped, finalPiped, households, 4),
                    SafeWaterHouseholds = Part(start.Safe, 1, households, 5),
                    ElectricityHouseholds = Part(start.Power, 1, households, 6),
                    NaturalVillagesWithPower = Part(start.NaturalPower, 1, natural, 7),
                    Broadband = Flag(start.Broadband, 8),
                    MobileSignal = Flag(start.Mobile, 9),
                    RadioTvHouseholds = Part(start.RadioTv, 1, households, 10),
                    SchoolOrKindergarten = start.School || (start.SchoolBuilt && year >= done),
                    Clinic = Flag(start.Clinic, 12),
                    ServiceCentre = Flag(start.Service, 13),
                    CulturalCentre = Flag(start.Culture, 14),
                    Note = year == FirstYear ? "示意数据" : null,
                    Version = 1,
                    UpdatedAt = now,
                });
            }
        }
        return rows;
    }
}
