using Microsoft.AspNetCore.Mvc;
using Tuopin.Application.Procedures;
using Tuopin.Domain.Procedures;
using Tuopin.Web.Hosting;

namespace Tuopin.Web.Api;

/// <summary>/api/v1/exit-procedures: households' exit procedures, their objections and papers, limited to the caller's area.</summary>
public static class ProcedureEndpoints
{
    public sealed record Proposal(Guid VillageId, int Year, DateOnly Date, IReadOnlyList<Guid> HouseholdIds, string? Note);

    public sealed record StepRequest(IReadOnlyList<Guid> ProcedureIds, ProcedureStep Step, DateOnly Date, string? Note);

    public sealed record ObjectionRequest(DateOnly RaisedOn, string RaisedBy, string Content);

    public sealed record ObjectionResolution(DateOnly ResolvedOn, bool Upheld, string Resolution);

    public sealed record FindingRequest(DateOnly VisitedOn, string? Visited, bool? WronglyExited, bool? Missed, bool? Approves, string? Note, int? People = null);

    public static RouteGroupBuilder MapProcedureEndpoints(this RouteGroupBuilder api)
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

        var evaluation = api.MapGroup("/evaluations").WithTags("Outside evaluation 第三方评估").RequireAuthorization(WebApp.Policies.RegistryRead);
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
}
