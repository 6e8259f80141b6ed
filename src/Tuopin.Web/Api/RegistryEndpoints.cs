using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Tuopin.Application.Registry;
using Tuopin.Domain.Registry;
using Tuopin.Web.Hosting;

namespace Tuopin.Web.Api;

/// <summary>/api/v1/households: the registry over HTTP. Every answer is limited to the caller's area.</summary>
public static class RegistryEndpoints
{
    public sealed record HouseholdCreate(HouseholdFields Household, IReadOnlyList<MemberFields> Members, IReadOnlyList<IncomeFields>? Incomes, string? Reason);

    public sealed record HouseholdUpdate(int Version, HouseholdFields Household, string? Reason);

    public sealed record MemberChange(int Version, MemberFields Member, string? Reason);

    public sealed record IncomeChange(int Version, IncomeFields Income, string? Reason);

    public sealed record StatusChange(int Version, HouseholdStatus To, int? Year, DateOnly Date, string Reason);

    public sealed record Search(string ResidentId);

    public sealed record Saved(Guid Id, int Version);

    public static RouteGroupBuilder MapRegistryEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/households").WithTags("Registry 建档立卡").RequireAuthorization(WebApp.Policies.RegistryRead);

        group.MapGet("/", async ([AsParameters] HouseholdFilter filter, ListHouseholds list, CancellationToken ct) =>
                TypedResults.Ok(await list.HandleAsync(filter.ToQuery(), ct)))
            .WithSummary("List households, a page at a time, with filters and a name search");

        // A resident ID is looked up from the body, never the URL, so that it cannot reach a log line.
        group.MapPost("/search", async (Search search, [AsParameters] HouseholdFilter filter, ListHouseholds list, CancellationToken ct) =>
                TypedResults.Ok(await list.HandleAsync(filter.ToQuery() with { ResidentId = search.ResidentId }, ct)))
            .WithSummary("Find households by a member's exact resident ID");

        group.MapGet("/{id:guid}", async Task<Ok<HouseholdDetail>> (Guid id, GetHousehold get, CancellationToken ct) =>
                TypedResults.Ok(await get.HandleAsync(id, ct)))
            .WithSummary("One household with members, incomes and status history");

        group.MapGet("/{id:guid}/history", async (Guid id, GetHouseholdHistory history, CancellationToken ct) =>
                TypedResults.Ok(await history.HandleAsync(id, ct)))
            .WithSummary("Every recorded change of the household: who, when, what");

        group.MapPost("/", async Task<Created<Saved>> (HouseholdCreate body, CreateHousehold create, GetHousehold get, CancellationToken ct) =>
            {
                var id = await create.HandleAsync(new CreateHousehold.Request(body.Household, body.Members, body.Incomes, body.Reason), ct);
                var saved = await get.HandleAsync(id, ct);
                return TypedResults.Created($"/api/v1/households/{id}", new Saved(id, saved.Version));
            })
            .RequireAuthorization(WebApp.Policies.RegistryWrite)
            .WithSummary("Register a household with its members");

        group.MapPut("/{id:guid}", async (Guid id, HouseholdUpdate body, UpdateHousehold update, CancellationToken ct) =>
                TypedResults.Ok(new Saved(id, await update.HandleAsync(new UpdateHousehold.Request(id, body.Version, body.Household, body.Reason), ct))))
            .RequireAuthorization(WebApp.Policies.RegistryWrite)
            .WithSummary("Change a household's fields; refused with 409 if the version is stale");

        group.MapGet("/{id:guid}/members", async (Guid id, GetHousehold get, CancellationToken ct) =>
                TypedResults.Ok((await get.HandleAsync(id, ct)).Members))
            .WithSummary("The household's members");

        group.MapPost("/{id:guid}/members", async (Guid id, MemberChange body, AddMember add, CancellationToken ct) =>
            {
                var result = await add.HandleAsync(new AddMember.Request(id, body.Version, body.Member, body.Reason), ct);
                return TypedResults.Created($"/api/v1/households/{id}/members/{result.MemberId}", new Saved(result.MemberId, result.Version));
            })
            .RequireAuthorization(WebApp.Policies.RegistryWrite)
            .WithSummary("Add a member");

        group.MapGet("/{id:guid}/members/{memberId:guid}", async Task<Results<Ok<MemberView>, NotFound>> (Guid id, Guid memberId, GetHousehold get, CancellationToken ct) =>
                (await get.HandleAsync(id, ct)).Members.FirstOrDefault(m => m.Id == memberId) is { } member ? TypedResults.Ok(member) : TypedResults.NotFound())
            .WithSummary("One member");

        group.MapPut("/{id:guid}/members/{memberId:guid}", async (Guid id, Guid memberId, MemberChange body, UpdateMember update, CancellationToken ct) =>
                TypedResults.Ok(new Saved(memberId, await update.HandleAsync(new UpdateMember.Request(id, memberId, body.Version, body.Member, body.Reason), ct))))
            .RequireAuthorization(WebApp.Policies.RegistryWrite)
            .WithSummary("Change a member's fields");

        group.MapPut("/{id:guid}/incomes/{year:int}", async (Guid id, int year, IncomeChange body, RecordIncome record, CancellationToken ct) =>
                TypedResults.Ok(new Saved(id, await record.HandleAsync(new RecordIncome.Request(id, body.Version, body.Income with { Year = year }, body.Reason), ct))))
            .RequireAuthorization(WebApp.Policies.RegistryWrite)
            .WithSummary("Record a year's income");

        group.MapPost("/{id:guid}/status", async (Guid id, StatusChange body, ChangeHouseholdStatus change, CancellationToken ct) =>
                TypedResults.Ok(new Saved(id, await change.HandleAsync(new ChangeHouseholdStatus.Request(id, body.Version, body.To, body.Year, body.Date, body.Reason), ct))))
            .RequireAuthorization(WebApp.Policies.RegistryWrite)
            .WithSummary("Change the poverty status (county administrators), with its date and reason");

        api.MapGet("/overview", async (DateOnly? asOf, CountyOverview overview, CancellationToken ct) => TypedResults.Ok(await overview.HandleAsync(asOf, ct)))
            .WithTags("Registry 建档立卡").RequireAuthorization(WebApp.Policies.RegistryRead)
            .WithSummary("Households and people registered, exited by year and remaining, by township, as of a date (asOf=yyyy-MM-dd, default today)");
        return api;
    }

    public sealed record HouseholdFilter(
        [FromQuery] Guid? TownshipId,
        [FromQuery] Guid? VillageId,
        [FromQuery] Guid? ZoneId,
        [FromQuery] HouseholdStatus? Status,
        [FromQuery] HouseholdAttribute? Attribute,
        [FromQuery] PovertyCause? Cause,
        [FromQuery] int? ExitYear,
        [FromQuery] bool? PoorVillage,
        [FromQuery] string? Name,
        [FromQuery] int? Page,
        [FromQuery] int? PageSize)
    {
        public ListHouseholds.Query ToQuery() => new()
        {
            TownshipId = TownshipId,
            VillageId = VillageId,
            ZoneId = ZoneId,
            Status = Status,
            Attribute = Attribute,
            Cause = Cause,
            ExitYear = ExitYear,
            PoorVillage = PoorVillage,
            Name = Name,
            Page = Page ?? 1,
            PageSize = PageSize ?? 20,
        };
    }
}
