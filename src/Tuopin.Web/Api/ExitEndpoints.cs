using Tuopin.Application.Exit;
using Tuopin.Domain.Common;
using Tuopin.Domain.Exit;
using Tuopin.Web.Hosting;

namespace Tuopin.Web.Api;

/// <summary>/api/v1/exit: standards, assessment, what-if and after-exit risks. Every answer is limited to the caller's area.</summary>
public static class ExitEndpoints
{
    public sealed record WhatIf(int Year, bool HousingMadeSafe, bool ChildrenBackToSchool, bool MedicalInsuranceEnrolled, decimal? IncomeRaisedPerCapita, Guid? TownshipId, Guid? VillageId);

    public sealed record LineChange(decimal Amount, string Source);

    public sealed record StandardsChange(ExitStandards Standards, string? Reason);

    public static RouteGroupBuilder MapExitEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/exit").WithTags("Exit 脱贫退出").RequireAuthorization(WebApp.Policies.RegistryRead);

        group.MapGet("/assessment", async (int year, ExitLevel? level, Guid? townshipId, Guid? villageId, bool? notReady, AssessExit assess, CancellationToken ct) =>
                TypedResults.Ok(await assess.HandleAsync(new AssessExit.Request(year, level ?? ExitLevel.Household, townshipId, villageId, OnlyNotReady: notReady ?? false), ct)))
            .WithSummary("Who may exit in a year (household, village, township or county), with every failing condition and its figures");

        group.MapPost("/whatif", async (WhatIf body, PreviewExitMeasures preview, CancellationToken ct) =>
                TypedResults.Ok(await preview.HandleAsync(new PreviewExitMeasures.Request(body.Year,
                    new Measures(body.HousingMadeSafe, body.ChildrenBackToSchool, body.MedicalInsuranceEnrolled, body.IncomeRaisedPerCapita is { } r ? Money.FromYuan(r) : null),
                    body.TownshipId, body.VillageId), ct)))
            .WithSummary("Which households would become ready if the given measures were completed");

        group.MapGet("/risks", async (int year, Guid? townshipId, ListExitRisks risks, CancellationToken ct) =>
                TypedResults.Ok(await risks.HandleAsync(new ListExitRisks.Request(year, townshipId), ct)))
            .WithSummary("Exited households showing risk signals, by township");

        group.MapGet("/standards", async (GetExitStandards get, CancellationToken ct) => TypedResults.Ok(await get.HandleAsync(null, ct)))
            .WithSummary("The county's exit standards and the poverty lines");

        group.MapPut("/standards", async (StandardsChange body, UpdateExitStandards update, CancellationToken ct) =>
            {
                await update.HandleAsync(body.Standards, body.Reason, ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Change the county's exit standards (county administrator; audited)");

        group.MapPut("/poverty-lines/{year:int}", async (int year, LineChange body, SetPovertyLine set, CancellationToken ct) =>
            {
                await set.HandleAsync(new SetPovertyLine.Request(year, body.Amount, body.Source), ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Set the national poverty line of a year (county administrator; audited)");
        return group;
    }
}
