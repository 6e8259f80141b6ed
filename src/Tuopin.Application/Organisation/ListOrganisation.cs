using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;
using Tuopin.Domain.Organisation;
using Tuopin.Application.Common;

namespace Tuopin.Application.Organisation;

/// <summary>
/// The county's organisation as the plan draws it (工作措施 1): the leading group, its working groups and their member
/// departments, the special teams, the departments, the township offices and the village teams — each with its people,
/// its first responsible persons and what it lacks; a village team with the village's resident work team in place.
/// Limited to what the actor reads (<see cref="OrganisationAccess.Visible"/>). Four queries whatever the count.
/// </summary>
public sealed class ListOrganisation(Database database)
{
    public sealed record Query(UnitKind? Kind = null, Guid? TownshipId = null);

    public sealed record PersonRow(Guid Id, string Name, string Position, bool IsLeader, bool IsFirstResponsible, int Order, int Version);

    /// <summary>The village's resident work team in place (驻村工作队), from the assistance work.</summary>
    public sealed record WorkTeamRow(Guid Id, string StationedUnit, string FirstSecretary, string? Leader, string? Members, DateOnly StartedOn);

    public sealed record UnitRow(
        Guid Id, UnitKind Kind, LocalText KindName, string Name, string? Aliases, Guid? ParentId, Guid? TownshipId, string? Township,
        Guid? VillageId, string? Village, bool PoorVillage, Department? Department, string? Duty, int Order, int Version,
        IReadOnlyList<PersonRow> People, IReadOnlyList<string> FirstResponsible, WorkTeamRow? WorkTeam, IReadOnlyList<LocalText> Gaps);

    public sealed record Result(IReadOnlyList<UnitRow> Units, int UnitsWithGaps);

    public async Task<Result> HandleAsync(Query query, CancellationToken ct = default)
    {
        var actor = database.Actor;
        await using var db = database.Open();
        var units = OrganisationAccess.Visible(db, actor).AsNoTracking();
        if (query.Kind is { } kind) units = units.Where(u => u.Kind == kind);
        if (query.TownshipId is { } township) units = units.Where(u => u.TownshipId == township);
        var list = await units.OrderBy(u => u.Kind).ThenBy(u => u.Order).ThenBy(u => u.Name)
            .Select(u => new
            {
                Unit = u,
                Township = db.Townships.Where(t => t.Id == u.TownshipId).Select(t => t.Name).FirstOrDefault(),
                Village = db.Villages.Where(v => v.Id == u.VillageId).Select(v => new { v.Name, v.Code, v.IsPoor }).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var ids = list.Select(u => u.Unit.Id).ToList();
        var people = (await db.UnitPeople.AsNoTracking().Where(p => ids.Contains(p.UnitId)).ToListAsync(ct)).ToLookup(p => p.UnitId);
        var villageIds = list.Where(u => u.Unit.VillageId is not null).Select(u => u.Unit.VillageId!.Value).ToList();
        var today = database.Clock.Today();
        // The area filter applies: a village officer reads their own village's team only.
        var teams = (await db.WorkTeams.AsNoTracking().Where(t => villageIds.Contains(t.VillageId) && t.StartedOn <= today && (t.EndedOn == null || t.EndedOn >= today))
                .ToListAsync(ct))
            .GroupBy(t => t.VillageId).ToDictionary(g => g.Key, g => g.OrderByDescending(t => t.StartedOn).First());
        var rows = list
            .OrderBy(u => u.Unit.Kind).ThenBy(u => u.Unit.Order).ThenBy(u => u.Village?.Code ?? string.Empty).ThenBy(u => u.Unit.Name, StringComparer.Ordinal)
            .Select(x => Row(x.Unit, x.Township, x.Village?.Name, x.Village?.IsPoor ?? false, people[x.Unit.Id].ToList(),
                x.Unit.VillageId is { } v ? teams.GetValueOrDefault(v) : null))
            .ToList();
        return new Result(rows, rows.Count(r => r.Gaps.Count > 0));
    }

    internal static UnitRow Row(OrgUnit u, string? township, string? village, bool poor, List<UnitPerson> people, Domain.Assistance.WorkTeam? team)
    {
        var teamLeader = team is null ? null : team.Leader ?? team.FirstSecretary;
        var first = people.Where(p => p.IsFirstResponsible).OrderBy(p => p.Order).Select(p => $"{p.Name}（{p.Position}）").ToList();
        if (u.Kind == UnitKind.VillageTeam && teamLeader is not null) first.Add($"{teamLeader}（驻村工作队长）");
        return new UnitRow(u.Id, u.Kind, OrganisationRules.Kinds.Name(u.Kind), u.Name, u.Aliases, u.ParentId, u.TownshipId, township,
            u.VillageId, village, poor, u.Department, u.Duty, u.Order, u.Version,
            people.OrderBy(p => p.Order).ThenBy(p => p.Name, StringComparer.Ordinal)
                .Select(p => new PersonRow(p.Id, p.Name, p.Position, p.IsLeader, p.IsFirstResponsible, p.Order, p.Version)).ToList(),
            first,
            team is null ? null : new WorkTeamRow(team.Id, team.StationedUnit, team.FirstSecretary, team.Leader, team.Members, team.StartedOn),
            OrganisationRules.Gaps(u.Kind, people, teamLeader));
    }
}
