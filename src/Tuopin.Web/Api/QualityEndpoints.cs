using Tuopin.Application.Quality;
using Tuopin.Web.Hosting;

namespace Tuopin.Web.Api;

/// <summary>/api/v1/quality: the data-quality rules (逻辑校验) over the caller's area.</summary>
public static class QualityEndpoints
{
    public sealed record ReviewBody(Guid HouseholdId, Guid SubjectId, ReviewResolution Resolution, string Reason);

    public static RouteGroupBuilder MapQualityEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/quality").WithTags("Data quality 逻辑校验").RequireAuthorization(WebApp.Policies.RegistryRead);
        group.MapGet("/", async (CheckQuality check, CancellationToken ct) => TypedResults.Ok(await check.HandleAsync(ct)))
            .WithSummary("Every rule with its findings, explained and open counts, by township");
        group.MapGet("/{rule}", async (string rule, Guid? townshipId, int? page, int? pageSize, ListFindings list, CancellationToken ct) =>
                TypedResults.Ok(await list.HandleAsync(new ListFindings.Query(rule, townshipId, page ?? 1, pageSize ?? 50), ct)))
            .WithSummary("The households (and members) one rule flags, with any review");
        group.MapPost("/{rule}/reviews", async (string rule, ReviewBody body, ReviewFinding review, CancellationToken ct) =>
            {
                await review.HandleAsync(new ReviewFinding.Request(rule, body.HouseholdId, body.SubjectId, body.Resolution, body.Reason), ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(WebApp.Policies.RegistryWrite)
            .WithSummary("Mark a finding explained or fixed, with a reason");
        return api;
    }
}
