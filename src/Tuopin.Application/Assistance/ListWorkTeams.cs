using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Storage;
using Tuopin.Domain.Assistance;
using Tuopin.Application.Common;

namespace Tuopin.Application.Assistance;

/// <summary>
/// The villages of the user's area with their work team in place on a day (or none), poor villages first, and
/// each village's earlier teams: the roster the township and county keep of who is stationed where.
/// </summary>
public sealed class ListWorkTeams(Database database)
{
    public sealed record Team(Guid Id, int Version, string StationedUnit, string FirstSecretary, string? Leader, string? Members, DateOnly StartedOn, DateOnly? EndedOn);

    public sealed record Row(Guid VillageId, string Township, string Village, bool IsPoor, Team? Current, IReadOnlyList<Team> Earlier);

    public sealed record Result(DateOnly Day, IReadOnlyList<Row> Villages)
    {
        public int PoorWithoutTeam => Villages.Count(v => v.IsPoor && v.Current is null);
    }

    public async Task<Result> HandleAsync(bool poorOnly = false, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var day = database.Clock.Today();
        var villages = AssistanceAccess.VillagesOf(db, database.Actor);
        if (poorOnly) villages = villages.Where(v => v.IsPoor);
        var places = await villages.OrderByDescending(v => v.IsPoor).ThenBy(v => v.Township!.Name).ThenBy(v => v.Name)
            .Select(v => new { v.Id, Township = v.Township!.Name, v.Name, v.IsPoor }).ToListAsync(ct);
        var teams = (await db.WorkTeams.AsNoTracking().ToListAsync(ct)).ToLookup(t => t.VillageId);
        static Team View(WorkTeam t) => new(t.Id, t.Version, t.StationedUnit, t.FirstSecretary, t.Leader, t.Members, t.StartedOn, t.EndedOn);
        return new Result(day, places.Select(p =>
        {
            var all = teams[p.Id].OrderByDescending(t => t.StartedOn).ToList();
            var current = all.FirstOrDefault(t => t.IsOpenOn(day));
            return new Row(p.Id, p.Township, p.Name, p.IsPoor, current is null ? null : View(current), all.Where(t => t != current).Select(View).ToList());
        }).ToList());
    }
}
