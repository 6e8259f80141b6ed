using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Audit;
using Tuopin.Application.Common;
using Tuopin.Application.Places;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;

namespace Tuopin.Application.Demo;

/// <summary>
/// Loads the Laifeng demo data set into an empty database in one transaction: places, village groups,
/// households, members, incomes and status history, and one audit entry for the whole batch.
/// <see cref="HandleAsync"/> builds the whole demo (these, the county's plan, the village conditions and the assistance work)
/// as the database's operator "演示数据"; <see cref="RunAsync"/> is its first step, which the bench measures.
/// </summary>
public sealed class LoadDemo(TuopinDbFactory factory)
{
    public const int DefaultSeed = 20141231;

    /// <summary>Set when the database holds the demo data set, so that every screen can say it is illustrative.</summary>
    public const string DataSetKey = "data_set";

    public sealed record Result(int Households, int People, int Villages, int PoorVillages, int Incomes, TimeSpan Elapsed);

    /// <summary>The demo data set, the county's built-in plan, then the demo's village conditions and assistance work, into an empty database.</summary>
    public Task<Result> HandleAsync(int seed = DefaultSeed, CancellationToken ct = default) => EverythingAsync(factory, seed, ct);

    /// <summary>
    /// Everything the demo holds, in order, into an empty database: the registry, the built-in plan, then each concern's
    /// illustrative work. The one list of the demo's parts (the use case and the server's <c>serve --demo</c> both call it).
    /// </summary>
    public static async Task<Result> EverythingAsync(TuopinDbFactory factory, int seed = DefaultSeed, CancellationToken ct = default)
    {
        var result = await RunAsync(factory, seed, ct);
        await using (var db = factory.CreateForOperator("演示数据")) await Plan.LoadPlan.EnsureBuiltInAsync(db, ct);
        await Conditions.LoadDemoConditions.RunAsync(factory, seed, ct);
        await Assistance.LoadDemoAssistance.RunAsync(factory, seed, ct);
        await Organisation.LoadDemoOrganisation.RunAsync(factory, seed, ct);
        await Industry.LoadDemoIndustry.RunAsync(factory, seed, ct);
        await Credit.LoadDemoCredit.RunAsync(factory, seed, ct);
        await Housing.LoadDemoHousing.RunAsync(factory, seed, ct);
        await Projects.LoadDemoProjects.RunAsync(factory, seed, ct);
        await Funds.LoadDemoFunds.RunAsync(factory, seed, ct);
        await Supervision.LoadDemoSupervision.RunAsync(factory, seed, ct);
        // Last: the notices use the projects' demo where it has projects at the notice step.
        await Notices.LoadDemoNotices.RunAsync(factory, ct);
        return result;
    }

    public static async Task<Result> RunAsync(TuopinDbFactory factory, int seed = DefaultSeed, CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        await using var db = factory.CreateForOperator("演示数据");
        if (await db.Households.AnyAsync(ct) || await db.Counties.AnyAsync(ct))
            throw new ConflictException(new LocalText("演示数据只能载入空数据库：该数据库已有区划或建档立卡数据", "The demo data set loads only into an empty database; this one already holds places or households"));

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var set = CountyDataSet.Laifeng();
        var places = await LoadCountyPlaces.RunAsync(db, set, ct);

        var villages = await db.Villages.AsNoTracking()
            .Select(v => new DemoGenerator.Place(v.Id, v.TownshipId, v.CountyId, v.Code, v.Township!.Name, v.Kind, v.IsPoor, v.PlannedExitYear))
            .ToListAsync(ct);
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var batch = Guid.CreateVersion7();
        var data = new DemoGenerator(seed, factory.Protector, now, batch).Generate(villages);

        await BulkWriter.InsertAsync(db, data.Groups, ct);
        await BulkWriter.InsertAsync(db, data.Households, ct);
        await BulkWriter.InsertAsync(db, data.Members, ct);
        await BulkWriter.InsertAsync(db, data.Incomes, ct);
        await BulkWriter.InsertAsync(db, data.StatusChanges, ct);
        foreach (var (villageId, population) in data.Populations)
            await db.Villages.Where(v => v.Id == villageId).ExecuteUpdateAsync(s => s.SetProperty(v => v.RegisteredPopulation, population), ct);
        // The villages' populations are the incidence's denominator in the roll-up: their counties' tallies are out of date.
        var ids = data.Populations.Keys.ToList();
        if (ids.Count > 0) await Plan.CountyTallies.StampAsync(db, await db.Villages.Where(v => ids.Contains(v.Id)).Select(v => v.CountyId).Distinct().ToListAsync(ct), ct);

        db.Settings.Add(new Setting { Key = WorkYear.Key, Value = DemoPlan.WorkYear.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        db.Settings.Add(new Setting { Key = DataSetKey, Value = $"laifeng-demo seed={seed}" });
        db.AuditEntries.Add(new AuditEntry
        {
            Id = batch,
            At = now,
            UserName = "演示数据",
            Action = AuditAction.Bulk,
            EntityType = "Household",
            EntityId = batch,
            Changes = JsonSerializer.Serialize(new
            {
                source = "demo",
                seed,
                households = data.Households.Count,
                members = data.Members.Count,
                incomes = data.Incomes.Count,
                statusChanges = data.StatusChanges.Count,
                villageGroups = data.Groups.Count,
                villagePopulations = "illustrative",
            }),
            Reason = "载入来凤县演示数据（示意，人员均为虚构）",
            CorrelationId = batch,
            CountyId = places.County.Id,
        });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        // Fresh statistics after a bulk load, so that both planners know, e.g., that every member shares one county.
        await db.Database.ExecuteSqlRawAsync("ANALYZE", ct);
        return new Result(data.Households.Count, data.Members.Count, places.Villages, places.PoorVillages, data.Incomes.Count, watch.Elapsed);
    }
}
