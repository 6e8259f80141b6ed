using Tuopin.Application.Plan;
using Tuopin.Web.Hosting;

namespace Tuopin.Web.Api;

/// <summary>/api/v1/plan and /api/v1/progress: the county plan in force and progress against it for the caller's area.</summary>
public static class PlanEndpoints
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static RouteGroupBuilder MapPlanEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("").WithTags("Plan 方案与进度").RequireAuthorization(WebApp.Policies.RegistryRead);
        group.MapGet("/plan", async (GetPlan plan, CancellationToken ct) => TypedResults.Ok(await plan.HandleAsync(ct)))
            .WithSummary("The county plan in force, its findings and its versions");
        group.MapGet("/progress", async (int? year, GetProgress progress, CancellationToken ct) => TypedResults.Ok(await progress.HandleAsync(new GetProgress.Query(year), ct)))
            .WithSummary("Targets against actuals as of the end of a year (default: the work year), by year, township, zone and village");
        group.MapGet("/progress.xlsx", async (int? year, GetProgress progress, Application.Audit.AccessLog log, Application.Storage.Database database, CancellationToken ct) =>
            {
                var result = await progress.HandleAsync(new GetProgress.Query(year), ct);
                await log.ExportAsync(database.Actor, "Progress", Guid.Empty, new { result.Year }, "导出脱贫进度表", ct);
                return TypedResults.File(ProgressWorkbook.Write(result), XlsxType, $"progress-{result.Year}.xlsx");
            })
            .WithSummary("The progress tables as an Excel workbook");
        return api;
    }
}
