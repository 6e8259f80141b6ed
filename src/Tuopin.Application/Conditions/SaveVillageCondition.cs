using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Registry;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Conditions;

namespace Tuopin.Application.Conditions;

/// <summary>
/// Records a village's conditions for a year, or corrects the record (with the version the user saw).
/// Village officers write their village, township officers their township, line departments and the
/// county administrator the county; the area rule is checked here and again at save time.
/// </summary>
public sealed class SaveVillageCondition(Database database)
{
    public sealed record Request(Guid VillageId, int Year, ConditionFields Fields, int? Version = null, string? Reason = null);

    public sealed record Saved(Guid Id, int Version, bool Created);

    public async Task<Saved> HandleAsync(Request request, CancellationToken ct = default)
    {
        ConditionAccess.RequireWriter(database.Actor);
        await using var db = database.Open();
        var village = await RegistryMapping.VillageInScopeAsync(db, request.VillageId, "villageId", ct);
        var record = await db.VillageConditions.FirstOrDefaultAsync(c => c.VillageId == village.Id && c.Year == request.Year, ct);
        var created = record is null;
        if (record is null)
        {
            record = new VillageCondition { Id = Guid.CreateVersion7(), CountyId = village.CountyId, TownshipId = village.TownshipId, VillageId = village.Id, Year = request.Year, Version = 1 };
            db.VillageConditions.Add(record);
        }
        else
        {
            if (request.Version != record.Version)
                throw new ConflictException(new LocalText(
                    $"该村 {request.Year} 年的记录已被他人修改（{record.UpdatedAt:yyyy-MM-dd HH:mm}），请重新打开后再保存",
                    $"The village's {request.Year} record was changed by someone else ({record.UpdatedAt:yyyy-MM-dd HH:mm} UTC); reopen it and save again"));
            db.Entry(record).Property(c => c.Version).OriginalValue = record.Version;
            record.Version++;
        }
        request.Fields.ApplyTo(record);
        var problems = ConditionRules.Check(record);
        if (problems.Count > 0) throw new InvalidRequestException(problems);
        db.ChangeReason = request.Reason;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (ConflictException e) when (e.LostRace)
        {
            throw new ConflictException(new LocalText("该村该年度的记录刚被他人保存，请重新打开后再保存", "Someone else saved this village's record for the year just now; reopen it and save again"));
        }
        return new Saved(record.Id, record.Version, created);
    }
}
