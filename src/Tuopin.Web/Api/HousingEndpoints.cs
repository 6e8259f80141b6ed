using Tuopin.Application.Housing;
using Tuopin.Web.Hosting;

namespace Tuopin.Web.Api;

/// <summary>
/// /api/v1/housing: the plan's housing subsidies (危房改造, 扶贫搬迁) — which one a household fits, with the reasons and
/// the county's amount, and the amounts themselves (the county administrator's). Answers are limited to the caller's area.
/// </summary>
public static class HousingEndpoints
{
    public sealed record SubsidyAmounts(decimal? Build, decimal? Fixed, decimal? Renovation, string? Reason = null);

    public static RouteGroupBuilder MapHousingEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/housing").WithTags("Housing 住房").RequireAuthorization(WebApp.Policies.RegistryRead);

        group.MapGet("/households/{id:guid}/eligibility", async (Guid id, AssessHousingEligibility assess, CancellationToken ct) =>
                TypedResults.Ok(await assess.HandleAsync(id, ct: ct)))
            .WithSummary("Which housing subsidy the household fits (定补建房 / 定额补贴 / 改造直补, or none), every reason, and the county's amount");

        group.MapPut("/subsidies", async (SubsidyAmounts body, SetHousingSubsidies set, CancellationToken ct) =>
                TypedResults.Ok(await set.HandleAsync(new SetHousingSubsidies.Amounts(body.Build, body.Fixed, body.Renovation), body.Reason, ct)))
            .WithSummary("Set the county's amount of each housing subsidy, yuan per household (county administrator); a category left out keeps its amount");
        return api;
    }
}
