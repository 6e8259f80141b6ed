using Tuopin.Application.Common;
using Tuopin.Application.Exit;
using Tuopin.Application.Exit.Reports;
using Tuopin.Domain.Common;
using Tuopin.Web.Hosting;

namespace Tuopin.Web.Api;

/// <summary>
/// /api/v1/exit/areas/{level}/{areaId}/report.docx|.xlsx: the self-assessment report (自查报告) of a poor village
/// or a township for a year, as a Word document or its tables as a workbook. Outside the caller's area: 404.
/// </summary>
public static class ExitReportEndpoints
{
    public static RouteGroupBuilder MapExitReportEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/exit/areas").WithTags("Exit 脱贫退出").RequireAuthorization(WebApp.Policies.RegistryRead);

        group.MapGet("/{level}/{areaId:guid}/report.docx", async (string level, Guid areaId, int year, SelfAssessmentReport report, CancellationToken ct) =>
            {
                var model = await report.HandleAsync(new SelfAssessmentReport.Request(LevelOf(level), areaId, year), ct);
                return TypedResults.File(SelfAssessmentDocument.Write(model), SelfAssessmentDocument.ContentType, model.FileStem + ".docx");
            })
            .WithSummary("The self-assessment report (自查报告) of a poor village or a township for a year, as .docx");

        group.MapGet("/{level}/{areaId:guid}/report.xlsx", async (string level, Guid areaId, int year, SelfAssessmentReport report, CancellationToken ct) =>
            {
                var model = await report.HandleAsync(new SelfAssessmentReport.Request(LevelOf(level), areaId, year), ct);
                return TypedResults.File(SelfAssessmentWorkbook.Write(model), PlanEndpoints.XlsxType, model.FileStem + ".xlsx");
            })
            .WithSummary("The self-assessment report's tables (standards, households, for a township its poor villages) as .xlsx");
        return api;
    }

    /// <summary><c>village</c> or <c>township</c>; anything else is a 400 naming the field.</summary>
    public static ExitLevel LevelOf(string level) => level.ToLowerInvariant() switch
    {
        "village" => ExitLevel.Village,
        "township" => ExitLevel.Township,
        _ => throw new InvalidRequestException([new Problem("level", "exit.report.level", new LocalText($"层级“{level}”无效：应为 village 或 township", $"Level '{level}' is not valid: use village or township"))]),
    };
}
