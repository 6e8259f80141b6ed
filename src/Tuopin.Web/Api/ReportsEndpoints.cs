using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Audit;
using Tuopin.Application.Common;
using Tuopin.Application.Reports;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Web.Hosting;

namespace Tuopin.Web.Api;

/// <summary>
/// /api/v1/reports: the standard report forms (报表) with their 口径, and each form's figures for the caller's area
/// — as JSON rows, or as the .xlsx in its fixed layout. Both come from the same query as the /reports page.
/// /api/v1/reports/summaries/{year}.docx: the draft of the county's or a township's half-year or annual work summary
/// (半年 / 年度工作总结), from <see cref="DraftWorkSummary"/> (which also audits the export) written by
/// <see cref="SummaryDocument"/> — the same file as <c>tuopin summary</c>. The use case's area rule holds: a township
/// officer drafts only their own township's (another township 404, the county's 403), a village officer none (403).
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

        var summaries = api.MapGroup("/reports/summaries").WithTags("Reports 报表").RequireAuthorization(WebApp.Policies.RegistryRead);

        summaries.MapGet("/{year:int}.docx", async (int year, int? half, string? township, DraftWorkSummary draft, Database database, CancellationToken ct) =>
            {
                var townshipId = string.IsNullOrWhiteSpace(township) ? (Guid?)null : await TownshipAsync(database, township.Trim(), ct);
                var model = await draft.HandleAsync(new DraftWorkSummary.Request(year, half, townshipId), ct);
                return TypedResults.File(SummaryDocument.Write(model), SummaryDocument.ContentType, model.FileStem + ".docx");
            })
            .WithSummary("The draft of the county's (or a township's: name, code or id) half-year (half=1|2) or annual work summary (工作总结) as .docx: the figures from the records with their sources (口径), and placeholders the officer replaces; audited");
        return api;
    }

    /// <summary>A township by id, 9-digit code or name; an unknown one is 404 (as one outside the caller's area, which the use case refuses).</summary>
    private static async Task<Guid> TownshipAsync(Database database, string township, CancellationToken ct)
    {
        if (Guid.TryParse(township, out var id)) return id;
        await using var db = database.Open();
        return await db.Townships.AsNoTracking().Where(t => t.Code == township || t.Name == township).Select(t => (Guid?)t.Id).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException(new LocalText("没有这个乡镇，或不在您的管辖范围内", "No such township in your area"));
    }
}
