using Tuopin.Application.Audit;
using Tuopin.Application.Reports;
using Tuopin.Application.Storage;
using Tuopin.Web.Hosting;

namespace Tuopin.Web.Api;

/// <summary>
/// /api/v1/reports: the standard report forms (报表) with their 口径, and each form's figures for the caller's area
/// — as JSON rows, or as the .xlsx in its fixed layout. Both come from the same query as the /reports page.
/// </summary>
public static class ReportsEndpoints
{
    public sealed record FormEntry(string Code, string Title, string TitleEn, string Unit, IReadOnlyList<ReportLevel> Levels, IReadOnlyList<ReportColumn> Columns, string Basis, string BasisEn);

    public static RouteGroupBuilder MapReportsEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/reports").WithTags("Reports 报表").RequireAuthorization(WebApp.Policies.RegistryRead);

        group.MapGet("", () => TypedResults.Ok(ReportCatalogue.All.Select(f => new FormEntry(f.Code, f.Zh, f.En, f.UnitZh, f.Levels, f.Columns, f.BasisZh, f.BasisEn)).ToList()))
            .WithSummary("The report forms: code, titles, unit, columns, the levels each is drawn at and its counting rules (口径)");

        group.MapGet("/{code}.xlsx", async (string code, int? year, string? township, string? village, DateOnly? asOf, GetReport get, AccessLog log, Database database, CancellationToken ct) =>
            {
                var result = await get.HandleAsync(new GetReport.Request(code, year, township, village, asOf), ct);
                await log.ExportAsync(database.Actor, "Report", Guid.Empty, new { result.Code, result.Year, result.AreaName }, "导出报表" + result.Title, ct);
                return TypedResults.File(ReportWorkbook.Write(result), PlanEndpoints.XlsxType, ReportWorkbook.FileName(result));
            })
            .WithSummary("One form as .xlsx in its fixed layout (title, area and year, unit, columns, totals, 口径, 制表单位 / 制表时间)");

        group.MapGet("/{code}", async (string code, int? year, string? township, string? village, DateOnly? asOf, GetReport get, CancellationToken ct) =>
                TypedResults.Ok(await get.HandleAsync(new GetReport.Request(code, year, township, village, asOf), ct)))
            .WithSummary("One form's rows and totals for a year (default the work year), as of a date in it (default 31 December), by county (rows: townships), a township (rows: villages; name, code or id) or a village; an area outside yours is 404");
        return api;
    }
}
