using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Exit;

namespace Tuopin.Application.Exit;

/// <summary>
/// Opens a village's or township's exit procedure, or the county's own (摘帽), for a year (nothing done yet),
/// so that evidence can be filed and the steps recorded. Only poor villages (places data), townships with a
/// planned exit year and a county with one; by an official whose area covers it (the county's own exit: the
/// county administrator only). Returns the existing one if it is already open.
/// </summary>
public sealed class OpenAreaExit(Database database)
{
    public sealed record Request(AreaExitLevel Level, Guid AreaId, int Year);

    public async Task<Guid> HandleAsync(Request request, CancellationToken ct = default)
    {
        var actor = database.Actor;
        if (!actor.CanWriteRegistry)
            throw new ForbiddenException(new LocalText("当前角色不能办理出列程序", "This role may not run an exit procedure"));
        if (!Enum.IsDefined(request.Level))
            throw new InvalidRequestException([new Problem("level", "area_exit.level", new LocalText("级别只能是 village、township 或 county", "The level is village, township or county"))]);
        if (!AreaExitRules.MayWrite(request.Level, actor.Role))
            throw new ForbiddenException(new LocalText("贫困县摘帽程序由县扶贫办办理", "The county's exit is run by the county office"));
        if (request.Year is < 2000 or > 2100)
            throw new InvalidRequestException([new Problem("year", "area_exit.year", new LocalText("年度不正确", "The year is not valid"))]);
        await using var db = database.Open();
        var place = await AreaExitFile.PlaceAsync(db, request.Level, request.AreaId, ct);
        var villageId = request.Level == AreaExitLevel.Village ? request.AreaId : Guid.Empty;
        if (place is null || !actor.Scope.Covers(place.CountyId, place.TownshipId, villageId))
            throw new NotFoundException(new LocalText("没有这个村（乡镇），或不在您的管辖范围内", "No such village (township) in your area"));
        if (!place.IsPoor && request.Level == AreaExitLevel.County)
            throw new InvalidRequestException([new Problem("areaId", "area_exit.no_planned_exit", new LocalText(
                $"{place.Name}的乡镇都没有出列年度，县没有摘帽年度", $"No township of {place.Name} has a planned exit year, so the county has none"))]);
        if (!place.IsPoor)
            throw new InvalidRequestException([new Problem("areaId", request.Level == AreaExitLevel.Village ? "area_exit.not_poor_village" : "area_exit.no_planned_exit",
                request.Level == AreaExitLevel.Village
                    ? new LocalText($"{place.Name}不是贫困村，没有出列程序", $"{place.Name} is not a poor village and has no exit procedure")
                    : new LocalText($"{place.Name}在方案中没有出列年度，没有出列程序", $"{place.Name} has no planned exit year and no exit procedure"))]);
        var existing = await db.AreaExitProcedures.AsNoTracking()
            .Where(p => p.Level == request.Level && p.AreaId == request.AreaId && p.Year == request.Year).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(ct);
        if (existing is { } id) return id;
        var other = await db.AreaExitProcedures.AsNoTracking()
            .Where(p => p.Level == request.Level && p.AreaId == request.AreaId && p.Exited).Select(p => (int?)p.Year).FirstOrDefaultAsync(ct);
        if (other is { } exitedIn)
            throw new ConflictException(new LocalText($"{place.Name}已于 {exitedIn} 年通过验收出列", $"{place.Name} was accepted as exited in {exitedIn}"));
        var procedure = new AreaExitProcedure
        {
            Id = Guid.CreateVersion7(), Level = request.Level, AreaId = request.AreaId,
            CountyId = place.CountyId, TownshipId = place.TownshipId, VillageId = villageId, Year = request.Year,
        };
        db.AreaExitProcedures.Add(procedure);
        await AreaExitFile.SaveAsync(db, ct);
        return procedure.Id;
    }
}
