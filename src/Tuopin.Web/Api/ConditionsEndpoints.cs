using Tuopin.Application.Conditions;
using Tuopin.Web.Hosting;

namespace Tuopin.Web.Api;

/// <summary>/api/v1/conditions: village infrastructure and public services, limited to the caller's area.</summary>
public static class ConditionsEndpoints
{
    public sealed record ConditionSave(ConditionFields Fields, int? Version, string? Reason);

    public static RouteGroupBuilder MapConditionsEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/conditions").WithTags("Conditions 村级基础设施").RequireAuthorization(WebApp.Policies.RegistryRead);

        group.MapGet("/", async (int? year, Guid? townshipId, Guid? zoneId, Guid? villageId, ListVillageConditions list, CancellationToken ct) =>
                TypedResults.Ok(await list.HandleAsync(new ListVillageConditions.Query(year, townshipId, zoneId, villageId), ct)))
            .WithSummary("Village-condition records of your area, by year, township, zone or village");

        group.MapGet("/coverage", async (int? year, ConditionCoverage coverage, CancellationToken ct) =>
                TypedResults.Ok(await coverage.HandleAsync(new ConditionCoverage.Query(year), ct)))
            .WithSummary("Coverage rates of your area, its townships and zones, and over the years, against the plan's targets");

        // Role rules (village, township, line department, county administrator) are the use case's: 403 otherwise.
        group.MapPut("/{villageId:guid}/{year:int}", async (Guid villageId, int year, ConditionSave body, SaveVillageCondition save, CancellationToken ct) =>
                TypedResults.Ok(await save.HandleAsync(new SaveVillageCondition.Request(villageId, year, body.Fields, body.Version, body.Reason), ct)))
            .WithSummary("Record or correct a village's conditions for a year (send the version you saw when correcting)");

        group.MapPost("/import", async (IFormFile file, string? reason, ImportVillageConditions import, CancellationToken ct) =>
            {
                await using var stream = file.OpenReadStream();
                return TypedResults.Ok(await import.HandleAsync(new ImportVillageConditions.Request(stream, file.FileName, reason), ct));
            })
            .DisableAntiforgery()
            .WithUploadLimit(ImportVillageConditions.MaxUploadBytes)
            .WithSummary("Import a .xlsx, .xls or .csv of village conditions (at most 20 MB, 413 beyond), all or nothing; faults are named by sheet, row and column; titles, blank rows, totals, footers and sheets that are not lists are skipped and listed");
        return api;
    }
}
