using Tuopin.Application.Supervision;
using Tuopin.Domain.Supervision;
using Tuopin.Web.Hosting;

namespace Tuopin.Web.Api;

/// <summary>
/// /api/v1/supervision: inspections (督查 / 暗访 / 专项检查), their findings (问题) and rectifications (整改), evidence files,
/// overdue findings, the year's finding counts for the assessment, and accountability cases (问责). Inspectors and the
/// county office record; a township or village officer (or a department) reads and rectifies the findings of their own area
/// (or unit): anything else is not found.
/// </summary>
public static class SupervisionEndpoints
{
    public sealed record InspectionBody(InspectionKind Kind, int Year, string Title, Guid? SubjectUnitId, Guid? TownshipId, Guid? VillageId,
        DateOnly PlannedOn, DateOnly? VisitedOn, string Inspectors, string? Notes = null);

    public sealed record InspectionChange(int Version, InspectionKind Kind, string Title, Guid? SubjectUnitId, Guid? TownshipId, Guid? VillageId,
        DateOnly PlannedOn, DateOnly? VisitedOn, string Inspectors, string? Notes = null, string? Reason = null);

    public sealed record FindingBody(FindingCategory Category, string Description, Guid ResponsibleUnitId, DateOnly Deadline, FindingTarget? TargetKind = null, Guid? TargetId = null);

    public sealed record Rectification(int Version, string Measures, bool Submit = false);

    public sealed record Closing(int Version, DateOnly? ClosedOn = null);

    public sealed record Reopening(int Version, string Reason);

    public sealed record CaseBody(int Year, Guid SubjectUnitId, Guid? SubjectPersonId, string Cause, AccountabilityMeasure Measure, DateOnly OpenedOn,
        DateOnly? DecidedOn = null, Guid? FindingId = null, Guid? ProjectId = null, Guid? DisbursementId = null);

    public sealed record Decision(int Version, AccountabilityStatus Status, AccountabilityMeasure Measure, DateOnly? DecidedOn);

    public sealed record Saved(Guid Id, int Version);

    public static RouteGroupBuilder MapSupervisionEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/supervision").WithTags("Supervision 督查").RequireAuthorization(WebApp.Policies.RegistryRead);

        group.MapGet("/inspections", async (int? year, Guid? townshipId, FindingStatus? status, InspectionStatus? stage, int? page, int? pageSize, ListInspections list, CancellationToken ct) =>
                TypedResults.Ok(await list.HandleAsync(new ListInspections.Request(year, townshipId, status, page ?? 1, pageSize ?? 50, stage), ct)))
            .WithSummary("The inspections you see — the plan and the visits — by year, township, finding status and stage (Planned: no visit day yet; Visited), each with its stage and its findings counted (all, closed, overdue); your overdue findings counted");
        group.MapPost("/inspections", async (InspectionBody b, RecordInspection record, CancellationToken ct) =>
            {
                var saved = await record.HandleAsync(new RecordInspection.Request(b.Kind, b.Year, b.Title, b.SubjectUnitId, b.TownshipId, b.VillageId, b.PlannedOn, b.VisitedOn, b.Inspectors, b.Notes), ct);
                return TypedResults.Created($"/api/v1/supervision/inspections/{saved.Id}", saved);
            })
            .WithSummary("Record an inspection (inspectors and the county office): kind, year, title, subject (a unit, a township or a village), planned and visited days, inspectors");
        group.MapGet("/inspections/{id:guid}", async (Guid id, GetInspection get, CancellationToken ct) => TypedResults.Ok(await get.HandleAsync(id, ct)))
            .WithSummary("One inspection and the findings of it you see");
        group.MapPut("/inspections/{id:guid}", async (Guid id, InspectionChange b, UpdateInspection update, CancellationToken ct) =>
                TypedResults.Ok(new Saved(id, await update.HandleAsync(new UpdateInspection.Request(id, b.Version, b.Kind, b.Title, b.SubjectUnitId, b.TownshipId, b.VillageId,
                    b.PlannedOn, b.VisitedOn, b.Inspectors, b.Notes, b.Reason), ct))))
            .WithSummary("Change an inspection at the version you saw (inspectors and the county office; 409 if changed meanwhile): kind, title, subject, planned day, the day of the visit (not after today), inspectors, notes; with findings recorded its subject is fixed and its visit day stays");
        group.MapPost("/inspections/{id:guid}/findings", async (Guid id, FindingBody b, RecordFinding record, CancellationToken ct) =>
            {
                var saved = await record.HandleAsync(new RecordFinding.Request(id, b.Category, b.Description, b.ResponsibleUnitId, b.Deadline, b.TargetKind, b.TargetId), ct);
                return TypedResults.Created($"/api/v1/supervision/findings/{saved.Id}", saved);
            })
            .WithSummary("Record a finding (inspectors and the county office) of a visited inspection: category, description, responsible unit, deadline, and at most one household, village, project or payment it points at, in the inspection's area");

        group.MapGet("/findings", async (int? year, Guid? townshipId, Guid? unitId, FindingStatus? status, bool? overdue, DateOnly? asOf, int? page, int? pageSize, ListFindings list, CancellationToken ct) =>
                TypedResults.Ok(await list.HandleAsync(new ListFindings.Request(year, townshipId, unitId, null, status, overdue ?? false, asOf, page ?? 1, pageSize ?? 100), ct)))
            .WithSummary("The findings you see, by year, township, unit, status, or overdue only (as of a day, today by default); overdue counted by township and unit");
        group.MapGet("/findings/{id:guid}", async (Guid id, GetFinding get, CancellationToken ct) => TypedResults.Ok(await get.HandleAsync(id, ct)))
            .WithSummary("One finding: what it points at, the rectification, its evidence, whether overdue, and the actions you may take");
        group.MapPost("/findings/{id:guid}/rectify", async (Guid id, Rectification b, RectifyFinding rectify, CancellationToken ct) =>
                TypedResults.Ok(new Saved(id, await rectify.HandleAsync(new RectifyFinding.Request(id, b.Version, b.Measures, b.Submit), ct))))
            .WithSummary("Record the measures taken (整改中), or submit them (submit=true) — the finding's township or village officer, its department, or the county office");
        group.MapPost("/findings/{id:guid}/close", async (Guid id, Closing b, CloseFinding close, CancellationToken ct) =>
                TypedResults.Ok(new Saved(id, await close.HandleAsync(new CloseFinding.Request(id, b.Version, b.ClosedOn), ct))))
            .WithSummary("Close (销号) a submitted rectification (inspectors and the county office)");
        group.MapPost("/findings/{id:guid}/reopen", async (Guid id, Reopening b, ReopenFinding reopen, CancellationToken ct) =>
                TypedResults.Ok(new Saved(id, await reopen.HandleAsync(new ReopenFinding.Request(id, b.Version, b.Reason), ct))))
            .WithSummary("Send a submitted or closed rectification back with the reason (inspectors and the county office)");
        group.MapPost("/findings/{id:guid}/evidence", async (Guid id, bool? rectification, IFormFile file, AttachFindingEvidence attach, CancellationToken ct) =>
            {
                await using var content = file.OpenReadStream();
                return TypedResults.Ok(await attach.HandleAsync(new AttachFindingEvidence.Request(id, rectification ?? true, file.FileName, content), ct));
            })
            .DisableAntiforgery()
            .WithSummary("File evidence (multipart field 'file'; ?rectification=true (default) for 整改材料 by the rectifying area, false for the inspector's evidence of the problem): PDF, images, Word, Excel; name, type, content and size checked");
        group.MapGet("/evidence/{evidenceId:guid}", async (Guid evidenceId, ReadFindingEvidence read, CancellationToken ct) =>
            {
                var file = await read.HandleAsync(evidenceId, ct);
                return TypedResults.File(file.Content, file.Info.ContentType, file.Info.FileName);
            })
            .WithSummary("Download an evidence file (whoever reads the finding; audited)");
        group.MapGet("/stats", async (int year, DateOnly? asOf, GetFindingStats stats, CancellationToken ct) => TypedResults.Ok(await stats.HandleAsync(year, asOf, ct)))
            .WithSummary("The year's findings per township and per responsible unit: findings, closed, closed on time, overdue (as of a day)");

        group.MapGet("/assessment", async (int? year, AssessTheYear assess, CancellationToken ct) => TypedResults.Ok(await assess.HandleAsync(year, ct)))
            .WithSummary("The annual assessment (年度考核) of every township and department for a year (default: the work year): scores, ranks, and for the units you see in detail each indicator's source figure, rule, points and arithmetic");
        group.MapGet("/assessment.xlsx", async (int? year, AssessTheYear assess, Application.Audit.AccessLog log, Application.Storage.Database database, CancellationToken ct) =>
            {
                var result = await assess.HandleAsync(year, ct);
                await log.ExportAsync(database.Actor, "Assessment", Guid.Empty, new { result.Year }, "导出年度考核", ct);
                return TypedResults.File(AssessmentWorkbook.Write(result), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"assessment-{result.Year}.xlsx");
            })
            .WithSummary("The annual assessment as an Excel workbook: the rankings and the indicators you see in detail");
        group.MapGet("/assessment/scheme", async (GetAssessmentScheme get, CancellationToken ct) => TypedResults.Ok(await get.HandleAsync(ct)))
            .WithSummary("The county's assessment scheme (考核方案): indicators with code, name, source figure, weight and rule; the sources an indicator may read");
        group.MapPut("/assessment/scheme", async (SetAssessmentScheme.Request body, SetAssessmentScheme set, CancellationToken ct) => TypedResults.Ok(await set.HandleAsync(body, ct)))
            .WithSummary("Set the assessment scheme (the county administrator): the whole list of indicators, validated (weights of each set sum to 100 …), audited with the reason; reset=true returns to the default");

        group.MapGet("/accountability", async (int? year, ListAccountabilityCases list, CancellationToken ct) => TypedResults.Ok(await list.HandleAsync(year, ct)))
            .WithSummary("The accountability cases you see (all for inspectors and the county; otherwise those about your area or unit)");
        group.MapPost("/accountability", async (CaseBody b, RecordAccountabilityCase record, CancellationToken ct) =>
            {
                var saved = await record.HandleAsync(new RecordAccountabilityCase.Request(b.Year, b.SubjectUnitId, b.SubjectPersonId, b.Cause, b.Measure, b.OpenedOn, b.DecidedOn, b.FindingId, b.ProjectId, b.DisbursementId), ct);
                return TypedResults.Created($"/api/v1/supervision/accountability/{saved.Id}", saved);
            })
            .WithSummary("Open an accountability case (inspectors — the discipline group — and the county office)");
        group.MapPost("/accountability/{id:guid}/decide", async (Guid id, Decision b, DecideAccountabilityCase decide, CancellationToken ct) =>
                TypedResults.Ok(new Saved(id, await decide.HandleAsync(new DecideAccountabilityCase.Request(id, b.Version, b.Status, b.Measure, b.DecidedOn), ct))))
            .WithSummary("Record a case's decision or close it (inspectors and the county office)");
        return api;
    }
}
