using Tuopin.Application.Housing;
using Tuopin.Domain.Housing;
using Tuopin.Web.Hosting;

namespace Tuopin.Web.Api;

/// <summary>
/// /api/v1/housing: the plan's housing subsidies (危房改造, 扶贫搬迁) — which one a household fits, with the reasons and
/// the county's amount, and the amounts themselves (the county administrator's); and the housing cases (住房项目), from the
/// application through approval, construction and acceptance to payment. Answers are limited to the caller's area.
/// </summary>
public static class HousingEndpoints
{
    public sealed record SubsidyAmounts(decimal? Build, decimal? Fixed, decimal? Renovation, string? Reason = null);

    public sealed record CaseApplication(Guid HouseholdId, HousingCaseKind Kind, Settlement? Settlement = null, string? SiteName = null, DateOnly? AppliedOn = null, string? Note = null);

    public sealed record CaseApproval(int Version, DateOnly ApprovedOn, string Document);

    public sealed record CaseStart(int Version, DateOnly StartedOn);

    public sealed record CaseAcceptance(int Version, DateOnly AcceptedOn, string AcceptedBy, AcceptanceResult Result, string? Note = null);

    public sealed record CasePayment(int Version, DateOnly PaidOn, string Voucher, decimal? Amount = null);

    public sealed record CaseCancellation(int Version, string Reason, DateOnly? CancelledOn = null);

    public sealed record CaseSaved(Guid Id, int Version);

    public static RouteGroupBuilder MapHousingEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/housing").WithTags("Housing 住房").RequireAuthorization(WebApp.Policies.RegistryRead);

        group.MapGet("/households/{id:guid}/eligibility", async (Guid id, AssessHousingEligibility assess, CancellationToken ct) =>
                TypedResults.Ok(await assess.HandleAsync(id, ct: ct)))
            .WithSummary("Which housing subsidy the household fits (定补建房 / 定额补贴 / 改造直补, or none), every reason, and the county's amount");

        group.MapPut("/subsidies", async (SubsidyAmounts body, SetHousingSubsidies set, CancellationToken ct) =>
                TypedResults.Ok(await set.HandleAsync(new SetHousingSubsidies.Amounts(body.Build, body.Fixed, body.Renovation), body.Reason, ct)))
            .WithSummary("Set the county's amount of each housing subsidy, yuan per household (county administrator); a category left out keeps its amount");

        group.MapGet("/cases", async (HousingStep? step, HousingCaseKind? kind, Guid? townshipId, Guid? villageId, Guid? householdId, bool? stalledOnly, int? page, int? pageSize,
                ListHousingCases list, CancellationToken ct) =>
                TypedResults.Ok(await list.HandleAsync(new ListHousingCases.Request(step, kind, townshipId, villageId, householdId, stalledOnly ?? false, page ?? 1, pageSize ?? 50), ct)))
            .WithSummary("The housing cases of your area: counts per step (and stalled constructions), and the cases filtered by step, kind, township, village or household");

        group.MapGet("/cases/{id:guid}", async (Guid id, GetHousingCase get, CancellationToken ct) => TypedResults.Ok(await get.HandleAsync(id, ct)))
            .WithSummary("One housing case: its steps with days and papers, the category's reasons, its measure, and the actions you may take next");

        group.MapPost("/cases", async (CaseApplication body, ApplyForHousing apply, CancellationToken ct) =>
            {
                var saved = await apply.HandleAsync(new ApplyForHousing.Request(body.HouseholdId, body.Kind, body.Settlement, body.SiteName, body.AppliedOn, body.Note), ct);
                return TypedResults.Created($"/api/v1/housing/cases/{saved.Id}", saved);
            })
            .RequireAuthorization(WebApp.Policies.RegistryWrite)
            .WithSummary("Apply for a renovation or a relocation: the subsidy rule sets the category (a household that fits none is refused with the reasons); its measure is created with it");

        group.MapPost("/cases/{id:guid}/approve", async (Guid id, CaseApproval body, ApproveHousingCase approve, CancellationToken ct) =>
                TypedResults.Ok(new CaseSaved(id, await approve.HandleAsync(new ApproveHousingCase.Request(id, body.Version, body.ApprovedOn, body.Document), ct))))
            .RequireAuthorization(WebApp.Policies.RegistryWrite)
            .WithSummary("Approve an application with the approval document's number (township or county); the amount is the county's for the category");

        group.MapPost("/cases/{id:guid}/start", async (Guid id, CaseStart body, StartHousingConstruction start, CancellationToken ct) =>
                TypedResults.Ok(new CaseSaved(id, await start.HandleAsync(new StartHousingConstruction.Request(id, body.Version, body.StartedOn), ct))))
            .RequireAuthorization(WebApp.Policies.RegistryWrite)
            .WithSummary("Record the start of construction of an approved case");

        group.MapPost("/cases/{id:guid}/accept", async (Guid id, CaseAcceptance body, AcceptHousingCase accept, CancellationToken ct) =>
                TypedResults.Ok(new CaseSaved(id, await accept.HandleAsync(new AcceptHousingCase.Request(id, body.Version, body.AcceptedOn, body.AcceptedBy, body.Result, body.Note), ct))))
            .RequireAuthorization(WebApp.Policies.RegistryWrite)
            .WithSummary("Record the acceptance (township or county): who inspected, pass or fail (a fail says what to redo and leaves the case under construction)");

        group.MapPost("/cases/{id:guid}/pay", async (Guid id, CasePayment body, PayHousingCase pay, CancellationToken ct) =>
                TypedResults.Ok(new CaseSaved(id, await pay.HandleAsync(new PayHousingCase.Request(id, body.Version, body.PaidOn, body.Voucher, body.Amount), ct))))
            .RequireAuthorization(WebApp.Policies.RegistryWrite)
            .WithSummary("Record the payment with its voucher (township or county): refused before a passed acceptance; the measure is then done");

        group.MapPost("/cases/{id:guid}/cancel", async (Guid id, CaseCancellation body, CancelHousingCase cancel, CancellationToken ct) =>
                TypedResults.Ok(new CaseSaved(id, await cancel.HandleAsync(new CancelHousingCase.Request(id, body.Version, body.Reason, body.CancelledOn), ct))))
            .RequireAuthorization(WebApp.Policies.RegistryWrite)
            .WithSummary("Cancel a case not yet paid, with the reason (a village withdraws an application; later, the township or county); its measure is cancelled");
        return api;
    }
}
