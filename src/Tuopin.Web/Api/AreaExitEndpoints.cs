using Tuopin.Application.AreaExit;
using Tuopin.Domain.Procedures;
using Tuopin.Web.Hosting;

namespace Tuopin.Web.Api;

/// <summary>/api/v1/exit/areas: villages' and townships' exit procedures (出列), their evidence and the .zip of the file, limited to the caller's area.</summary>
public static class AreaExitEndpoints
{
    public sealed record OpenRequest(AreaExitLevel Level, Guid AreaId, int Year);

    public sealed record StepRequest(AreaExitStep Step, DateOnly Date, string? Note, bool? Passed);

    public static RouteGroupBuilder MapAreaExitEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/exit/areas").WithTags("Area exit 出列").RequireAuthorization(WebApp.Policies.RegistryRead);

        group.MapGet("/", async (int year, AreaExitLevel? level, GetAreaExitBoard board, CancellationToken ct) =>
                TypedResults.Ok(await board.HandleAsync(new GetAreaExitBoard.Query(year, level ?? AreaExitLevel.Village), ct)))
            .WithSummary("The board of a year and level (Village or Township): stage, readiness, evidence present/missing");

        group.MapPost("/", async (OpenRequest body, OpenAreaExit open, GetAreaExit get, CancellationToken ct) =>
                TypedResults.Ok(await get.HandleAsync(await open.HandleAsync(new OpenAreaExit.Request(body.Level, body.AreaId, body.Year), ct), ct)))
            .RequireAuthorization(WebApp.Policies.RegistryWrite)
            .WithSummary("Open a poor village's (or a township's) procedure for a year; returns the existing one if open");

        group.MapGet("/{id:guid}", async (Guid id, GetAreaExit get, CancellationToken ct) => TypedResults.Ok(await get.HandleAsync(id, ct)))
            .WithSummary("One procedure: steps with the self-assessment snapshot, checklist with files, deadline");

        group.MapPost("/{id:guid}/steps", async (Guid id, StepRequest body, RecordAreaExitStep record, GetAreaExit get, CancellationToken ct) =>
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
