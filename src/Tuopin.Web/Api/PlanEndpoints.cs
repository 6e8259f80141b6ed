using Tuopin.Application.Accounts;
using Tuopin.Application.Plan;
using Tuopin.Web.Accounts;
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
            .RequireAuthorization(WebApp.Policies.CountyPlanning)
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
        // The roll-up of counties: the prefecture's and province's officials, and the county office for its own county (not the registry's readers).
        var rollup = api.MapGroup("").WithTags("Plan 方案与进度").RequireAuthorization(WebApp.Policies.Rollup);
        rollup.MapGet("/rollup", async (string? area, int? year, GetRollup get, CancellationToken ct) => TypedResults.Ok(await get.HandleAsync(new GetRollup.Query(area, year), ct)))
            .WithSummary("The roll-up of a province, prefecture or county (default: the caller's own): households, people, exits by year, poor at each year's end and the incidence, in total and by county");
        rollup.MapGet("/rollup.xlsx", async (string? area, int? year, GetRollup get, Application.Audit.AccessLog log, Application.Storage.Database database, CancellationToken ct) =>
            {
                var result = await get.HandleAsync(new GetRollup.Query(area, year), ct);
                await log.ExportAsync(database.Actor, "Rollup", Guid.Empty, new { result.Code, result.Year }, "导出汇总表", ct);
                return TypedResults.File(RollupWorkbook.Write(result), XlsxType, $"rollup-{(result.Code.Length > 0 ? result.Code : "all")}-{result.Year}.xlsx");
            })
            .WithSummary("The roll-up as an Excel workbook");
        // A granted prefecture's or province's official reads one county of their area, masked and read-only (ADR 0016).
        rollup.MapPost("/rollup/reading", async Task<IResult> (CountyChoice body, HttpContext http, ChooseCountyToRead choose,
                Microsoft.AspNetCore.Identity.SignInManager<Application.Accounts.User> signIn, CancellationToken ct) =>
            {
                var county = await choose.HandleAsync(new ChooseCountyToRead.Request(body.County), ct);
                await CountyReadingCheck.SignInAsync(http, signIn, county.CountyId);
                // A bearer token's caller gets its new token as the answer (written by the sign-in); the browser a new cookie.
                return CountyReadingCheck.UsesBearer(http) ? TypedResults.Empty : TypedResults.Ok(county);
            })
            .ChangesNoRecord()
            .WithSummary("Read one county of your area (its GB/T code), masked and read-only: a granted prefecture's or province's official; with a bearer token the answer is a new token to use from then on");
        rollup.MapDelete("/rollup/reading", async Task<IResult> (HttpContext http, Microsoft.AspNetCore.Identity.SignInManager<Application.Accounts.User> signIn) =>
            {
                if (!Domain.Accounts.Permissions.IsRegional(Enum.TryParse<Domain.Accounts.Role>(http.User.FindFirst(TuopinClaims.Role)?.Value, out var role) ? role : default))
                    return TypedResults.Problem(title: new Domain.Common.LocalText("只有市州、省级账号查阅县级记录", "Only a prefecture's or province's account reads counties' records").Current, statusCode: StatusCodes.Status403Forbidden);
                await CountyReadingCheck.SignInAsync(http, signIn, null);
                return CountyReadingCheck.UsesBearer(http) ? TypedResults.Empty : TypedResults.NoContent();
            })
            .ChangesNoRecord()
            .WithSummary("Stop reading a county and go back to the roll-up alone; with a bearer token the answer is a new token");
        group.MapGet("/working-year", async (GetWorkingYear year, CancellationToken ct) => TypedResults.Ok(await year.HandleAsync(ct)))
            .WithSummary("The county's working year (工作年度): every page's default year; Set says whether the county chose it");
        group.MapPut("/working-year", async (WorkingYearChange body, SetWorkingYear set, CancellationToken ct) =>
            {
                await set.HandleAsync(new SetWorkingYear.Request(body.Year), ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Set the working year (county administrator; audited)");
        group.MapGet("/working-year/setup", async (CheckYearSetup check, CancellationToken ct) => TypedResults.Ok(await check.HandleAsync(ct)))
            .WithSummary("What the working year still lacks (poverty line, standards, plan target, incomes, conditions), with where to fix it");
        return api;
    }
}

/// <summary>The body of PUT /api/v1/working-year.</summary>
public sealed record WorkingYearChange(int Year);

/// <summary>The body of POST /api/v1/rollup/reading: the county to read, by its GB/T 2260 code (6 digits).</summary>
public sealed record CountyChoice(string County);
