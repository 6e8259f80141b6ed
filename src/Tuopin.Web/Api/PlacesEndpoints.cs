using Tuopin.Application.Places;
using Tuopin.Domain.Common;
using Tuopin.Domain.Registry;
using Tuopin.Web.Hosting;

namespace Tuopin.Web.Api;

/// <summary>/api/v1/places and /api/v1/codes: the places of the caller's area and the form's code lists.</summary>
public static class PlacesEndpoints
{
    public sealed record CodeValue(string Value, string Code, string Zh, string En);

    public static RouteGroupBuilder MapPlacesEndpoints(this RouteGroupBuilder api)
    {
        var places = api.MapGroup("/places").WithTags("Places 区划").RequireAuthorization(WebApp.Policies.RegistryRead);
        places.MapGet("/townships", async (ListPlaces list, CancellationToken ct) => TypedResults.Ok(await list.TownshipsAsync(ct)))
            .WithSummary("Townships of your area");
        places.MapGet("/villages", async (Guid? townshipId, bool? poor, Guid? zoneId, ListPlaces list, CancellationToken ct) =>
                TypedResults.Ok(await list.VillagesAsync(townshipId, poor, zoneId, ct)))
            .WithSummary("Villages of your area, with the poor-village flag and planned exit year");
        places.MapGet("/villages/{id:guid}/groups", async (Guid id, ListPlaces list, CancellationToken ct) => TypedResults.Ok(await list.GroupsAsync(id, ct)))
            .WithSummary("Village groups (村民小组) of a village");
        places.MapGet("/zones", async (ListPlaces list, CancellationToken ct) => TypedResults.Ok(await list.ZonesAsync(ct)))
            .WithSummary("Zones (片区)");

        api.MapGet("/codes", () => TypedResults.Ok(new Dictionary<string, IReadOnlyList<CodeValue>>
            {
                ["standard"] = List(Codes.Standards),
                ["attribute"] = List(Codes.Attributes),
                ["cause"] = List(Codes.Causes),
                ["status"] = List(Codes.Statuses),
                ["relation"] = List(Codes.Relations),
                ["ethnicity"] = Codes.Ethnicities.Items.Select(i => new CodeValue(i.Value, i.Code, i.Zh, i.En)).ToList(),
                ["education"] = List(Codes.Educations),
                ["schooling"] = List(Codes.Schoolings),
                ["health"] = List(Codes.Healths),
                ["labour"] = List(Codes.LabourSkills),
                ["migrantWork"] = List(Codes.MigrantWorks),
                ["housing"] = List(Codes.Housings),
                ["entryRoad"] = List(Codes.EntryRoads),
                ["mainFuel"] = List(Codes.Fuels),
                ["memberStatus"] = List(Codes.MemberStatuses),
                ["sex"] = List(Codes.Sexes),
            }))
            .WithTags("Places 区划").RequireAuthorization(WebApp.Policies.RegistryRead)
            .WithSummary("The national form's code lists: the API's enum values with their codes and names");
        return api;
    }

    private static List<CodeValue> List<T>(CodeList<T> list) where T : struct, Enum =>
        list.Items.Select(i => new CodeValue(System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(i.Value.ToString()), i.Code, i.Zh, i.En)).ToList();
}
