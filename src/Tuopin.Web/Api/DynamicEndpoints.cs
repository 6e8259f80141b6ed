using Tuopin.Application.Dynamic;
using Tuopin.Application.Registry;
using Tuopin.Domain.Registry;
using Tuopin.Web.Hosting;

namespace Tuopin.Web.Api;

/// <summary>Dynamic management (动态管理) over HTTP: a household's events and the adjustment window.</summary>
public static class DynamicEndpoints
{
    public sealed record EventCreate(
        int Version, HouseholdEventKind Kind, DateOnly Date, string Reason, string? DocumentNumber = null, string? Evidence = null,
        int? Year = null, MemberFields? Member = null, Guid? MemberId = null, Guid? NewHeadId = null, Guid? VillageId = null,
        Guid? GroupId = null, IReadOnlyList<Guid>? MemberIds = null, Guid? OtherHouseholdId = null, IReadOnlyDictionary<Guid, Relation>? Relations = null);

    public sealed record WindowView(string Window);

    public static RouteGroupBuilder MapDynamicEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/households").WithTags("Dynamic management 动态管理").RequireAuthorization(WebApp.Policies.RegistryRead);

        group.MapGet("/{id:guid}/events", async (Guid id, GetHouseholdEvents get, CancellationToken ct) => TypedResults.Ok(await get.HandleAsync(id, ct)))
            .WithSummary("The household's dated events, oldest first");

        group.MapPost("/{id:guid}/events", async (Guid id, EventCreate body, RecordHouseholdEvent record, CancellationToken ct) =>
                TypedResults.Ok(await record.HandleAsync(new RecordHouseholdEvent.Request(
                    id, body.Version, body.Kind, body.Date, body.Reason, body.DocumentNumber, body.Evidence, body.Year, body.Member,
                    body.MemberId, body.NewHeadId, body.VillageId, body.GroupId, body.MemberIds, body.OtherHouseholdId, body.Relations), ct)))
            .RequireAuthorization(WebApp.Policies.RegistryWrite)
            .WithSummary("Record an event (birth, death, marriage, moving, split, merge, exit, return, removal) and apply it");

        var settings = api.MapGroup("/settings").WithTags("Dynamic management 动态管理").RequireAuthorization(WebApp.Policies.RegistryRead);
        settings.MapGet("/adjustment-window", async (SetAdjustmentWindow window, CancellationToken ct) => TypedResults.Ok(new WindowView((await window.GetAsync(ct)).ToString())))
            .WithSummary("The yearly adjustment window, MM-dd..MM-dd");
        settings.MapPut("/adjustment-window", async (WindowView body, SetAdjustmentWindow window, CancellationToken ct) =>
            {
                await window.HandleAsync(body.Window, ct);
                return TypedResults.Ok(new WindowView((await window.GetAsync(ct)).ToString()));
            })
            .RequireAuthorization(WebApp.Policies.RegistryWrite)
            .WithSummary("Set the yearly adjustment window (county administrators)");
        return api;
    }
}
