using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Registry;
using Tuopin.Application.Storage;
using Tuopin.Domain.Assistance;
using Tuopin.Domain.Common;

namespace Tuopin.Application.Assistance;

/// <summary>
/// Records a village's resident work team (驻村工作队) from a day, or corrects one (with the version the user saw).
/// A new team replaces the one in place: it ends the day before the new one starts.
/// </summary>
public sealed class RecordWorkTeam(Database database)
{
    public sealed record Request(Guid VillageId, string StationedUnit, string FirstSecretary, DateOnly StartedOn,
        string? Leader = null, string? Members = null, DateOnly? EndedOn = null, Guid? Id = null, int? Version = null);

    public sealed record Saved(Guid Id, int Version, bool Created);

    public async Task<Saved> HandleAsync(Request request, CancellationToken ct = default)
    {
        AssistanceAccess.RequireWriter(database.Actor);
        var problems = new List<Problem>();
        if (string.IsNullOrWhiteSpace(request.StationedUnit)) problems.Add(new Problem("stationedUnit", "team.unit", new LocalText("请填写派驻单位", "Enter the stationing unit")));
        else if (request.StationedUnit.Trim().Length > 100) problems.Add(new Problem("stationedUnit", "team.unit", new LocalText("派驻单位不能超过100个字", "A unit has at most 100 characters")));
        if (string.IsNullOrWhiteSpace(request.FirstSecretary)) problems.Add(new Problem("firstSecretary", "team.secretary", new LocalText("请填写第一书记", "Enter the first secretary")));
        else if (request.FirstSecretary.Trim().Length > 50) problems.Add(new Problem("firstSecretary", "team.secretary", new LocalText("第一书记姓名不能超过50个字", "A name has at most 50 characters")));
        if (request.Leader is { Length: > 50 }) problems.Add(new Problem("leader", "team.leader", new LocalText("队长姓名不能超过50个字", "A name has at most 50 characters")));
        if (request.Members is { Length: > 500 }) problems.Add(new Problem("members", "team.members", new LocalText("队员名单不能超过500个字", "The members list has at most 500 characters")));
        if (request.EndedOn is { } end && end < request.StartedOn)
            problems.Add(new Problem("endedOn", "team.end", new LocalText("结束日期不能早于进驻日期", "The end cannot be before the start")));
        if (problems.Count > 0) throw new InvalidRequestException(problems);

        await using var db = database.Open();
        var village = await RegistryMapping.VillageInScopeAsync(db, request.VillageId, "villageId", ct);
        WorkTeam team;
        var created = request.Id is null;
        if (request.Id is { } id)
        {
            team = await db.WorkTeams.FirstOrDefaultAsync(t => t.Id == id && t.VillageId == village.Id, ct)
                ?? throw new NotFoundException(new LocalText("找不到该驻村工作队", "No such work team"));
            if (request.Version != team.Version)
                throw new ConflictException(new LocalText("该工作队的信息已被他人修改，请重新打开后再保存", "Someone else changed this team; reopen and save again"));
            db.Entry(team).Property(t => t.Version).OriginalValue = team.Version;
            team.Version++;
        }
        else
        {
            var current = await db.WorkTeams.Where(t => t.VillageId == village.Id && t.EndedOn == null).ToListAsync(ct);
            foreach (var old in current)
            {
                if (request.StartedOn <= old.StartedOn)
                    throw new InvalidRequestException([new Problem("startedOn", "team.start", new LocalText(
                        $"进驻日期须晚于现任工作队的进驻日期 {old.StartedOn:yyyy-MM-dd}", $"The start must be after the current team's ({old.StartedOn:yyyy-MM-dd})"))]);
                old.EndedOn = request.StartedOn.AddDays(-1);
                old.Version++;
            }
            team = new WorkTeam
            {
                Id = Guid.CreateVersion7(), CountyId = village.CountyId, TownshipId = village.TownshipId, VillageId = village.Id,
                StationedUnit = string.Empty, FirstSecretary = string.Empty, Version = 1,
            };
            db.WorkTeams.Add(team);
        }
        team.StationedUnit = request.StationedUnit.Trim();
        team.FirstSecretary = request.FirstSecretary.Trim();
        team.Leader = string.IsNullOrWhiteSpace(request.Leader) ? null : request.Leader.Trim();
        team.Members = string.IsNullOrWhiteSpace(request.Members) ? null : request.Members.Trim();
        team.StartedOn = request.StartedOn;
        team.EndedOn = request.EndedOn;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (ConflictException e) when (e.LostRace)
        {
            throw new ConflictException(new LocalText("该工作队的信息刚被他人保存，请重新打开后再保存", "Someone else saved this team just now; reopen and save again"));
        }
        return new Saved(team.Id, team.Version, created);
    }
}
