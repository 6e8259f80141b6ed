using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Reports;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Web.Hosting;

namespace Tuopin.Web.Api;

/// <summary>
/// /api/v1/reports/summaries/{year}.docx: the draft of the county's or a township's half-year or annual work summary
/// (半年 / 年度工作总结), from <see cref="DraftWorkSummary"/> (which also audits the export) written by
/// <see cref="SummaryDocument"/> — the same file as <c>tuopin summary</c>. The use case's area rule holds: a township
/// officer drafts only their own township's (another township 404, the county's 403), a village officer none (403).
/// </summary>
public static class ReportsSummaryEndpoints
{
    public static RouteGroupBuilder MapReportsSummaryEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/reports/summaries").WithTags("Reports 报表").RequireAuthorization(WebApp.Policies.RegistryRead);

        group.MapGet("/{year:int}.docx", async (int year, int? half, string? township, DraftWorkSummary draft, Database database, CancellationToken ct) =>
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
