using Tuopin.Application.Organisation;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Organisation;
using Tuopin.Web.Hosting;

namespace Tuopin.Web.Api;

/// <summary>
/// /api/v1/organisation: the county's organisation (指挥部, 工作组, 工作专班, 县直部门, 乡镇扶贫开发办, 村级责任单位), the people
/// in its units with their first responsible persons, and the plan targets' responsible units matched from the plan's
/// words. The county administrator writes; others read what their area shows (a village officer their village's team).
/// </summary>
public static class OrganisationEndpoints
{
    public sealed record UnitFields(UnitKind Kind, string Name, string? Aliases = null, Guid? ParentId = null, Guid? TownshipId = null, Guid? VillageId = null,
        Department? Department = null, string? Duty = null, int? Order = null, int? Version = null, string? Reason = null);

    public sealed record PersonFields(string Name, string Position, bool? IsLeader = null, bool? IsFirstResponsible = null, int? Order = null, int? Version = null, string? Reason = null);

    public sealed record Removal(int Version, string? Reason = null);

    public static RouteGroupBuilder MapOrganisationEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/organisation").WithTags("Organisation 组织机构").RequireAuthorization(WebApp.Policies.RegistryRead);

        group.MapGet("/units", async (UnitKind? kind, Guid? townshipId, ListOrganisation list, CancellationToken ct) =>
                TypedResults.Ok(await list.HandleAsync(new ListOrganisation.Query(kind, townshipId), ct)))
            .WithSummary("The organisation's units you read, with their people, first responsible persons, a village's work team and what each lacks; optionally of a kind or a township");

        group.MapGet("/units/{id:guid}", async (Guid id, GetUnit get, CancellationToken ct) => TypedResults.Ok(await get.HandleAsync(id, ct)))
            .WithSummary("One unit: its people, the unit above and its member units, the plan targets it answers for, a department's or township office's projects, a department's accounts");

        group.MapPost("/units", async (UnitFields body, SaveUnit save, CancellationToken ct) =>
            {
                var saved = await save.HandleAsync(new SaveUnit.Request(Fields(body), Reason: body.Reason), ct);
                return TypedResults.Created($"/api/v1/organisation/units/{saved.Id}", saved);
            })
            .WithSummary("Add a unit (the county administrator)");

        group.MapPut("/units/{id:guid}", async (Guid id, UnitFields body, SaveUnit save, CancellationToken ct) =>
                TypedResults.Ok(await save.HandleAsync(new SaveUnit.Request(Fields(body), id, body.Version, body.Reason), ct)))
            .WithSummary("Change a unit (the county administrator, with the version read)");

        group.MapPost("/units/{id:guid}/people", async (Guid id, PersonFields body, SaveUnitPerson save, CancellationToken ct) =>
            {
                var saved = await save.HandleAsync(new SaveUnitPerson.Request(id, Person(body), Reason: body.Reason), ct);
                return TypedResults.Created($"/api/v1/organisation/units/{id}", saved);
            })
            .WithSummary("Add a person to a unit with their position; mark the leader and the first responsible person (第一责任人)");

        group.MapPut("/units/{id:guid}/people/{personId:guid}", async (Guid id, Guid personId, PersonFields body, SaveUnitPerson save, CancellationToken ct) =>
                TypedResults.Ok(await save.HandleAsync(new SaveUnitPerson.Request(id, Person(body), personId, body.Version, body.Reason), ct)))
            .WithSummary("Change a person of a unit (with the version read)");

        group.MapPost("/units/{id:guid}/people/{personId:guid}/remove", async (Guid id, Guid personId, Removal body, RemoveUnitPerson remove, CancellationToken ct) =>
            {
                await remove.HandleAsync(new RemoveUnitPerson.Request(id, personId, body.Version, body.Reason), ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Take a person off a unit (with the version read)");

        group.MapGet("/plan-match", async (MatchPlanResponsibility match, CancellationToken ct) =>
                TypedResults.Ok(await match.HandleAsync(new MatchPlanResponsibility.Request(Record: false), ct)))
            .RequireAuthorization(WebApp.Policies.CountyPlanning)
            .WithSummary("The plan's targets with the units their responsible text names, and the names no unit answers to (not recorded)");

        group.MapPost("/plan-match", async (MatchPlanResponsibility match, CancellationToken ct) =>
                TypedResults.Ok(await match.HandleAsync(new MatchPlanResponsibility.Request(Record: true), ct)))
            .RequireAuthorization(WebApp.Policies.CountyPlanning)
            .WithSummary("Match the plan's responsible units and record the matches (the county administrator); names no unit answers to are listed, not guessed");
        return api;
    }

    private static SaveUnit.Fields Fields(UnitFields b) =>
        new(b.Kind, b.Name ?? string.Empty, b.Aliases, b.ParentId, b.TownshipId, b.VillageId, b.Department, b.Duty, b.Order ?? 0);

    private static SaveUnitPerson.Fields Person(PersonFields b) =>
        new(b.Name ?? string.Empty, b.Position ?? string.Empty, b.IsLeader ?? false, b.IsFirstResponsible ?? false, b.Order ?? 0);
}
