using Tuopin.Application.Industry;
using Tuopin.Domain.Industry;
using Tuopin.Web.Hosting;

namespace Tuopin.Web.Api;

/// <summary>
/// /api/v1/industry: the plan's industries (产业扶贫) — market entities and the villages they serve, households'
/// participation (each also an Industry measure in the household's plan), the industries' targets and actuals, and
/// the “121” check of the poor villages. Answers are limited to the caller's area.
/// </summary>
public static class IndustryEndpoints
{
    public sealed record EntityFields(MarketEntityKind Kind, string Name, string? CreditCode, IReadOnlyList<string>? Industries, IReadOnlyList<Guid>? Villages, DateOnly RegisteredOn, int? Version = null, string? Reason = null);

    public sealed record ParticipationFields(Guid HouseholdId, string IndustryId, int Year, decimal Scale, bool ScaleFarmer, BenefitLink Link, Guid? MarketEntityId = null, string? Reason = null);

    public sealed record Cancel(int Version, string Reason);

    public static RouteGroupBuilder MapIndustryEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/industry").WithTags("Industry 产业扶贫").RequireAuthorization(WebApp.Policies.RegistryRead);

        group.MapGet("/entities", async (Guid? villageId, MarketEntityKind? kind, ListMarketEntities list, CancellationToken ct) =>
                TypedResults.Ok(await list.HandleAsync(new ListMarketEntities.Query(villageId, kind), ct)))
            .WithSummary("The county's market entities (企业, 专业合作社, 资金互助社, 家庭农场) with the villages they serve; optionally those serving a village, or of a kind");

        group.MapPost("/entities", async (EntityFields body, RegisterMarketEntity register, CancellationToken ct) =>
            {
                var saved = await register.HandleAsync(new RegisterMarketEntity.Request(Fields(body), Reason: body.Reason), ct);
                return TypedResults.Created($"/api/v1/industry/entities", saved);
            })
            .WithSummary("Register a market entity with its industries and the villages it serves (county and township offices, the agriculture department)");

        group.MapPut("/entities/{id:guid}", async (Guid id, EntityFields body, RegisterMarketEntity register, CancellationToken ct) =>
                TypedResults.Ok(await register.HandleAsync(new RegisterMarketEntity.Request(Fields(body), id, body.Version, body.Reason), ct)))
            .WithSummary("Change a market entity (with the version read)");

        group.MapGet("/participations", async (Guid? householdId, Guid? villageId, Guid? townshipId, string? industryId, int? year, bool? upToYear, bool? includeCancelled, int? limit,
                ListParticipations list, CancellationToken ct) =>
                TypedResults.Ok(await list.HandleAsync(new ListParticipations.Query(householdId, villageId, townshipId, industryId, year, upToYear ?? true, includeCancelled ?? false, limit ?? 200), ct)))
            .WithSummary("Participation records of your area: of a household, a village, a township or an industry (with its parts), up to a year (the records behind an actual) or of that year");

        group.MapPost("/participations", async (ParticipationFields body, RecordParticipation record, CancellationToken ct) =>
            {
                var saved = await record.HandleAsync(new RecordParticipation.Request(body.HouseholdId,
                    new RecordParticipation.Fields(body.IndustryId, body.Year, body.Scale, body.ScaleFarmer, body.Link, body.MarketEntityId), body.Reason), ct);
                return TypedResults.Created($"/api/v1/industry/participations?householdId={body.HouseholdId}", saved);
            })
            .RequireAuthorization(WebApp.Policies.RegistryWrite)
            .WithSummary("Record a household's participation in a plan industry for a year; the Industry measure in its plan is created with it");

        group.MapPost("/participations/{id:guid}/cancel", async (Guid id, Cancel body, CancelParticipation cancel, CancellationToken ct) =>
                TypedResults.Ok(await cancel.HandleAsync(new CancelParticipation.Request(id, body.Version, body.Reason), ct)))
            .RequireAuthorization(WebApp.Policies.RegistryWrite)
            .WithSummary("Cancel a participation (with the version read and a reason); its measure is cancelled with it");

        group.MapPost("/participations/import", async (IFormFile file, string? reason, ImportParticipation import, CancellationToken ct) =>
            {
                await using var stream = file.OpenReadStream();
                return TypedResults.Ok(await import.HandleAsync(new ImportParticipation.Request(stream, file.FileName, reason), ct));
            })
            .DisableAntiforgery()
            .WithUploadLimit(ImportParticipation.MaxUploadBytes)
            .RequireAuthorization(WebApp.Policies.RegistryWrite)
            .WithSummary("Import a .xlsx, .xls or .csv list of participation (户编号, 产业, 年度, 规模, 规模户, 利益联结, 市场主体; at most 20 MB), all or nothing; faults are named by row and column");

        group.MapGet("/progress", async (int? year, GetIndustryProgress progress, CancellationToken ct) =>
                TypedResults.Ok(await progress.HandleAsync(new GetIndustryProgress.Query(year), ct)))
            .WithSummary("The plan's industries: targets (mu, scale farmers, poor households) and the actuals of your area up to the end of the year");

        group.MapGet("/villages-121", async (int? year, bool? missingOnly, CheckVillages121 check, CancellationToken ct) =>
                TypedResults.Ok(await check.HandleAsync(new CheckVillages121.Query(year, missingOnly ?? false), ct)))
            .WithSummary("The 121 check of every poor village of your area (专业合作社, 资金互助社, 龙头企业, 主导产业), the missing parts named");
        return api;
    }

    private static RegisterMarketEntity.Fields Fields(EntityFields body) =>
        new(body.Kind, body.Name ?? string.Empty, body.CreditCode, body.Industries ?? [], body.Villages ?? [], body.RegisteredOn);
}
