using Microsoft.AspNetCore.Mvc;
using Tuopin.Application.Common;
using Tuopin.Application.Exit;
using Tuopin.Domain.Common;
using Tuopin.Domain.Exit;
using Tuopin.Web.Accounts;
using Tuopin.Web.Hosting;

namespace Tuopin.Web.Api;

/// <summary>The Exit concern's HTTP API, every answer limited to the caller's area.</summary>
public static class ExitEndpoints
{
    public static RouteGroupBuilder MapExitEndpoints(this RouteGroupBuilder api)
    {
        MapAssessment(api);
        MapReports(api);
        MapHouseholdProcedures(api);
        MapAreaProcedures(api);
        return api;
    }

    // /api/v1/exit: standards, assessment, what-if and after-exit risks. Every answer is limited to the caller's area.
    public sealed record WhatIf(int Year, bool HousingMadeSafe, bool ChildrenBackToSchool, bool MedicalInsuranceEnrolled, decimal? IncomeRaisedPerCapita, Guid? TownshipId, Guid? VillageId);

    public sealed record LineChange(decimal Amount, string Source);

    public sealed record StandardsChange(ExitStandards Standards, string? Reason);

    private static RouteGroupBuilder MapAssessment(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/exit").WithTags("Exit 脱贫退出").RequireAuthorization(WebApp.Policies.RegistryRead);

        group.MapGet("/assessment", async (int year, ExitLevel? level, Guid? townshipId, Guid? villageId, bool? notReady, AssessExit assess, CancellationToken ct) =>
                TypedResults.Ok(await assess.HandleAsync(new AssessExit.Request(year, level ?? ExitLevel.Household, townshipId, villageId, OnlyNotReady: notReady ?? false), ct)))
            .WithSummary("Who may exit in a year (household, village, township or county), with every failing condition and its figures");

        group.MapPost("/whatif", async (WhatIf body, PreviewExitMeasures preview, CancellationToken ct) =>
                TypedResults.Ok(await preview.HandleAsync(new PreviewExitMeasures.Request(body.Year,
                    new Measures(body.HousingMadeSafe, body.ChildrenBackToSchool, body.MedicalInsuranceEnrolled, body.IncomeRaisedPerCapita is { } r ? Money.FromYuan(r) : null),
                    body.TownshipId, body.VillageId), ct)))
            .ChangesNoRecord()
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

    //
    // /api/v1/exit/areas/{level}/{areaId}/report.docx|.xlsx: the self-assessment report (自查报告) of a poor village
    // or a township for a year, as a Word document or its tables as a workbook. Outside the caller's area: 404.
    //
    private static RouteGroupBuilder MapReports(RouteGroupBuilder api)
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
        "county" => ExitLevel.County,
        _ => throw new InvalidRequestException([new Problem("level", "exit.report.level", new LocalText($"层级“{level}”无效：应为 village、township 或 county", $"Level '{level}' is not valid: use village, township or county"))]),
    };

    // /api/v1/exit-procedures: households' exit procedures, their objections and papers, limited to the caller's area.
    public sealed record Proposal(Guid VillageId, int Year, DateOnly Date, IReadOnlyList<Guid> HouseholdIds, string? Note);

    public sealed record StepRequest(IReadOnlyList<Guid> ProcedureIds, ProcedureStep Step, DateOnly Date, string? Note);

    public sealed record ObjectionRequest(DateOnly RaisedOn, string RaisedBy, string Content);

    public sealed record ObjectionResolution(DateOnly ResolvedOn, bool Upheld, string Resolution);

    public sealed record FindingRequest(DateOnly VisitedOn, string? Visited, bool? WronglyExited, bool? Missed, bool? Approves, string? Note, int? People = null);

    private static RouteGroupBuilder MapHouseholdProcedures(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/exit-procedures").WithTags("Exit procedure 退出程序").RequireAuthorization(WebApp.Policies.RegistryRead);

        group.MapGet("/", async ([FromQuery] int year, [FromQuery] Guid? townshipId, [FromQuery] Guid? villageId, GetProcedureBoard board, CancellationToken ct) =>
                TypedResults.Ok(await board.HandleAsync(new GetProcedureBoard.Query(year, townshipId, villageId), ct)))
            .WithSummary("The procedure board of a year: each household's step, notice end, open objections, papers");

        group.MapGet("/households/{householdId:guid}", async (Guid householdId, GetHouseholdProcedure get, CancellationToken ct) =>
                TypedResults.Ok(await get.HandleAsync(householdId, ct)))
            .WithSummary("A household's procedures: every step with its date, actor and attachments, and the objections");

        group.MapPost("/proposals", async (Proposal body, ProposeExits propose, CancellationToken ct) =>
                TypedResults.Ok(await propose.HandleAsync(new ProposeExits.Request(body.VillageId, body.Year, body.Date, body.HouseholdIds, body.Note), ct)))
            .RequireAuthorization(WebApp.Policies.RegistryWrite)
            .WithSummary("A village proposes its list of households to exit (village officers)");

        group.MapPost("/steps", async (StepRequest body, RecordProcedureStep record, CancellationToken ct) =>
            {
                await record.HandleAsync(new RecordProcedureStep.Request(body.ProcedureIds, body.Step, body.Date, body.Note), ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(WebApp.Policies.RegistryWrite)
            .WithSummary("Record the next step for one or more procedures; refused (400/403) when out of order, by the wrong role, or during the notice");

        group.MapPost("/{procedureId:guid}/objections", async (Guid procedureId, ObjectionRequest body, RecordObjection record, CancellationToken ct) =>
                TypedResults.Ok(await record.HandleAsync(new RecordObjection.Request(procedureId, body.RaisedOn, body.RaisedBy, body.Content), ct)))
            .RequireAuthorization(WebApp.Policies.RegistryWrite)
            .WithSummary("Record an objection raised during the public notice");

        group.MapPost("/objections/{objectionId:guid}/resolution", async (Guid objectionId, ObjectionResolution body, ResolveObjection resolve, CancellationToken ct) =>
            {
                await resolve.HandleAsync(new ResolveObjection.Request(objectionId, body.ResolvedOn, body.Upheld, body.Resolution), ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(WebApp.Policies.RegistryWrite)
            .WithSummary("Resolve an objection; upheld takes the household off this year's list");

        group.MapPost("/steps/{stepId:guid}/attachments", async (Guid stepId, IFormFile file, AttachFile attach, CancellationToken ct) =>
            {
                await using var content = file.OpenReadStream();
                return TypedResults.Ok(await attach.HandleAsync(new AttachFile.Request(stepId, file.FileName, content), ct));
            })
            .RequireAuthorization(WebApp.Policies.RegistryWrite)
            .DisableAntiforgery()
            .WithSummary("Attach a file (multipart field 'file') to a step; type, size and name are checked");

        var evaluation = api.MapGroup("/evaluations").WithTags("Outside evaluation 第三方评估").RequireAuthorization(WebApp.Policies.CountyPlanning);
        evaluation.MapPost("/", async (DrawEvaluationSample.Request body, DrawEvaluationSample draw, CancellationToken ct) =>
                TypedResults.Ok(await draw.HandleAsync(body, ct)))
            .WithSummary("Draw the year's sample from a seed (county office or evaluators); refused without a seed or larger than the population");
        evaluation.MapGet("/{year:int}", async Task<Microsoft.AspNetCore.Http.HttpResults.Results<Microsoft.AspNetCore.Http.HttpResults.Ok<EvaluationReport>, Microsoft.AspNetCore.Http.HttpResults.NotFound>> (int year, GetEvaluation get, CancellationToken ct) =>
                await get.HandleAsync(year, ct) is { } report ? TypedResults.Ok(report) : TypedResults.NotFound())
            .WithSummary("The sample with its findings, and 错退率, 漏评率, 认可度 with counts and Wilson 95% intervals");
        evaluation.MapPut("/samples/{sampleId:guid}", async (Guid sampleId, FindingRequest body, RecordEvaluationFinding record, CancellationToken ct) =>
            {
                await record.HandleAsync(new RecordEvaluationFinding.Request(sampleId, body.VisitedOn, body.Visited, body.WronglyExited, body.Missed, body.Approves, body.Note, body.People), ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Record the field finding at one sampled household");

        api.MapGet("/attachments/{id:guid}", async (Guid id, ReadAttachment read, CancellationToken ct) =>
            {
                var file = await read.HandleAsync(id, ct);
                return TypedResults.File(file.Content, file.Info.ContentType, file.Info.FileName);
            })
            .WithTags("Exit procedure 退出程序").RequireAuthorization(WebApp.Policies.RegistryRead)
            .WithSummary("Download an attachment; refused (409) if its content no longer matches its SHA-256");
        return api;
    }

    // /api/v1/exit/areas: villages' and townships' exit procedures (出列), their evidence and the .zip of the file, limited to the caller's area.
    public sealed record OpenRequest(AreaExitLevel Level, Guid AreaId, int Year);

    public sealed record AreaStepRequest(AreaExitStep Step, DateOnly Date, string? Note, bool? Passed);

    private static RouteGroupBuilder MapAreaProcedures(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/exit/areas").WithTags("Area exit 出列").RequireAuthorization(WebApp.Policies.RegistryRead);

        group.MapGet("/", async (int year, AreaExitLevel? level, GetAreaExitBoard board, CancellationToken ct) =>
                TypedResults.Ok(await board.HandleAsync(new GetAreaExitBoard.Query(year, level ?? AreaExitLevel.Village), ct)))
            .WithSummary("The board of a year and level (Village, Township or County — the county's own exit, 摘帽): stage, readiness, evidence present/missing");

        group.MapPost("/", async (OpenRequest body, OpenAreaExit open, GetAreaExit get, CancellationToken ct) =>
                TypedResults.Ok(await get.HandleAsync(await open.HandleAsync(new OpenAreaExit.Request(body.Level, body.AreaId, body.Year), ct), ct)))
            .RequireAuthorization(WebApp.Policies.RegistryWrite)
            .WithSummary("Open a poor village's (or a township's) procedure for a year; returns the existing one if open");

        group.MapGet("/{id:guid}", async (Guid id, GetAreaExit get, CancellationToken ct) => TypedResults.Ok(await get.HandleAsync(id, ct)))
            .WithSummary("One procedure: steps with the self-assessment snapshot, checklist with files, deadline");

        group.MapPost("/{id:guid}/steps", async (Guid id, AreaStepRequest body, RecordAreaExitStep record, GetAreaExit get, CancellationToken ct) =>
            {
                await record.HandleAsync(new RecordAreaExitStep.Request(id, body.Step, body.Date, body.Note, body.Passed), ct);
                return TypedResults.Ok(await get.HandleAsync(id, ct));
            })
            .RequireAuthorization(WebApp.Policies.RegistryWrite)
            .WithSummary("Record the next step (SelfAssessment, Application, Acceptance); refused (400/403) out of order, by the wrong role, after the deadline, not ready, or with evidence missing");

        group.MapPost("/{id:guid}/evidence/{item}", async (Guid id, string item, IFormFile file, AttachAreaEvidence attach, CancellationToken ct) =>
            {
                await using var content = file.OpenReadStream();
                return TypedResults.Ok(await attach.HandleAsync(new AttachAreaEvidence.Request(id, item, file.FileName, content), ct));
            })
            .RequireAuthorization(WebApp.Policies.RegistryWrite)
            .DisableAntiforgery()
            .WithSummary("File a document (multipart field 'file') for a checklist item; type, size and name are checked");

        group.MapGet("/evidence/{evidenceId:guid}", async (Guid evidenceId, ReadAreaEvidence read, CancellationToken ct) =>
            {
                var file = await read.HandleAsync(evidenceId, ct);
                return TypedResults.File(file.Content, file.Info.ContentType, file.Info.FileName);
            })
            .WithSummary("Download a document; refused (409) if its content no longer matches its SHA-256");

        group.MapGet("/{id:guid}/file.zip", async (Guid id, ExportAreaExitFile export, HttpContext context, CancellationToken ct) =>
            {
                // Every hash is checked before the response starts, so a changed file is a 409 with the reason.
                var prepared = await export.PrepareAsync(id, ct);
                return Results.Stream(stream => prepared.WriteAsync(stream, context.RequestAborted), "application/zip", prepared.FileName);
            })
            .WithSummary("The area's whole file as a .zip, streamed: documents in folders per checklist item, household papers per household, 索引.xlsx");
        return api;
    }
}
