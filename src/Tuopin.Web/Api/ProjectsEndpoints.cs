using Tuopin.Application.Projects;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Projects;
using Tuopin.Web.Hosting;

namespace Tuopin.Web.Api;

/// <summary>
/// /api/v1/projects: the project library (项目库) — the list and a project with its history, planning, each step of the
/// lifecycle in order (申报 → 审批 → 公示 → 招标采购 → 实施 → 验收 → 报账 → 销号), progress, the audit flag, the
/// beneficiaries and the import. Every answer is limited to what the caller reads; who may take a step (the responsible
/// department or township, the county for approval and closing, inspectors only flags) is the use cases' rule, answered
/// 403; a step out of order or against its rule is answered 400 with the reason; a stale version 409.
/// </summary>
public static class ProjectsEndpoints
{
    public sealed record StepFields(int Version, DateOnly On, string? DocumentNumber = null, string? Note = null, string? Reason = null);

    public sealed record NoticeFields(int Version, DateOnly On, int Days, string? DocumentNumber = null, string? Note = null, string? Reason = null);

    public sealed record TenderFields(int Version, DateOnly On, string Contractor, decimal ContractAmount, string? DocumentNumber = null, string? Note = null, string? Reason = null);

    public sealed record AcceptFields(int Version, DateOnly On, string AcceptedBy, string Result, string? DocumentNumber = null, string? Note = null, string? Reason = null);

    public sealed record ProgressFields(int Version, DateOnly On, int Percent, string? Note = null, string? Reason = null);

    public sealed record FlagFields(int Version, bool Flagged, string? FlagReason, string? Reason = null);

    public sealed record BeneficiaryFields(int Version, IReadOnlyList<Guid> Households, string? Reason = null);

    public sealed record NoticeDaysFields(int Days, string? Reason = null);

    public static RouteGroupBuilder MapProjectsEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/projects").WithTags("Projects 项目库").RequireAuthorization(WebApp.Policies.RegistryRead);

        group.MapGet("/", async (int? year, ProjectStep? step, ProjectCategory? category, Guid? townshipId, Department? department, string? search, bool? flagged, int? page, int? pageSize,
                ListProjects list, CancellationToken ct) =>
                TypedResults.Ok(await list.HandleAsync(new ListProjects.Request(year, step, category, townshipId, department, search, flagged, page ?? 1, pageSize ?? 50), ct)))
            .WithSummary("The projects you read (county: all; township: its own and those in its villages; village: those in it), by year, step, category, township, department, a page at a time");

        group.MapGet("/{id:guid}", async (Guid id, GetProject get, CancellationToken ct) => TypedResults.Ok(await get.HandleAsync(id, ct)))
            .WithSummary("A project with its villages, its steps (who, when, the document), its beneficiaries and poor people counted from the registry, and the next step you may take");

        group.MapPost("/", async (PlanProject.Request body, PlanProject plan, CancellationToken ct) => TypedResults.Ok(await plan.HandleAsync(body, ct)))
            .WithSummary("Plan (谋划) a project: name, category, year, villages, the responsible township or department, budget, output, 五统一 (county office, a township its own, a department its own)");

        group.MapPost("/{id:guid}/apply", async (Guid id, StepFields b, ApplyForProject use, CancellationToken ct) =>
                TypedResults.Ok(await use.HandleAsync(new ApplyForProject.Request(id, b.Version, b.On, b.DocumentNumber, b.Note, b.Reason), ct)))
            .WithSummary("申报: apply for the project (its responsible unit or the county)");
        group.MapPost("/{id:guid}/approve", async (Guid id, StepFields b, ApproveProject use, CancellationToken ct) =>
                TypedResults.Ok(await use.HandleAsync(new ApproveProject.Request(id, b.Version, b.On, b.DocumentNumber ?? string.Empty, b.Note, b.Reason), ct)))
            .WithSummary("审批: approve the project with the decision's document number (county administrator)");
        group.MapPost("/{id:guid}/notice", async (Guid id, NoticeFields b, PublishProjectNotice use, CancellationToken ct) =>
                TypedResults.Ok(await use.HandleAsync(new PublishProjectNotice.Request(id, b.Version, b.On, b.Days, b.DocumentNumber, b.Note, b.Reason), ct)))
            .WithSummary("公示: publish the project's notice from a day for a number of days (at least the county's minimum)");
        group.MapPost("/{id:guid}/tender", async (Guid id, TenderFields b, RecordProjectTender use, CancellationToken ct) =>
                TypedResults.Ok(await use.HandleAsync(new RecordProjectTender.Request(id, b.Version, b.On, b.Contractor, b.ContractAmount, b.DocumentNumber, b.Note, b.Reason), ct)))
            .WithSummary("招标采购: contractor and contract amount, after the notice ended, with no objection holding it, within the budget");
        group.MapPost("/{id:guid}/start", async (Guid id, StepFields b, StartProject use, CancellationToken ct) =>
                TypedResults.Ok(await use.HandleAsync(new StartProject.Request(id, b.Version, b.On, b.DocumentNumber, b.Note, b.Reason), ct)))
            .WithSummary("实施: the work starts");
        group.MapPost("/{id:guid}/progress", async (Guid id, ProgressFields b, ReportProjectProgress use, CancellationToken ct) =>
                TypedResults.Ok(await use.HandleAsync(new ReportProjectProgress.Request(id, b.Version, b.On, b.Percent, b.Note, b.Reason), ct)))
            .WithSummary("形象进度: report the progress (percent, never going back) of a project being implemented");
        group.MapPost("/{id:guid}/accept", async (Guid id, AcceptFields b, AcceptProject use, CancellationToken ct) =>
                TypedResults.Ok(await use.HandleAsync(new AcceptProject.Request(id, b.Version, b.On, b.AcceptedBy, b.Result, b.DocumentNumber, b.Note, b.Reason), ct)))
            .WithSummary("验收: who accepted the project and the result");
        group.MapPost("/{id:guid}/reimburse", async (Guid id, StepFields b, ReimburseProject use, CancellationToken ct) =>
                TypedResults.Ok(await use.HandleAsync(new ReimburseProject.Request(id, b.Version, b.On, b.DocumentNumber, b.Note, b.Reason), ct)))
            .WithSummary("报账: the project's costs are reimbursed (not after an unqualified acceptance)");
        group.MapPost("/{id:guid}/close", async (Guid id, StepFields b, CloseProject use, CancellationToken ct) =>
                TypedResults.Ok(await use.HandleAsync(new CloseProject.Request(id, b.Version, b.On, b.DocumentNumber, b.Note, b.Reason), ct)))
            .WithSummary("销号: close the project (county administrator)");
        group.MapPost("/{id:guid}/flag", async (Guid id, FlagFields b, FlagProject use, CancellationToken ct) =>
                TypedResults.Ok(await use.HandleAsync(new FlagProject.Request(id, b.Version, b.Flagged, b.FlagReason, b.Reason), ct)))
            .WithSummary("Raise or clear an audit or accountability flag at any step (inspectors, the county administrator)");
        group.MapPut("/{id:guid}/beneficiaries", async (Guid id, BeneficiaryFields b, SetProjectBeneficiaries use, CancellationToken ct) =>
                TypedResults.Ok(await use.HandleAsync(new SetProjectBeneficiaries.Request(id, b.Version, b.Households, b.Reason), ct)))
            .WithSummary("Set the registry households the project benefits (households of its villages only); the poor people are counted from the registry");
        group.MapPut("/notice-days", async (NoticeDaysFields b, SetProjectNoticeDays use, CancellationToken ct) =>
                TypedResults.Ok(await use.HandleAsync(b.Days, b.Reason, ct)))
            .WithSummary("Set the county's minimum notice period in days (county administrator; 7 unless set)");

        group.MapPost("/import", async (IFormFile file, string? reason, ImportProjects import, CancellationToken ct) =>
            {
                await using var stream = file.OpenReadStream();
                return TypedResults.Ok(await import.HandleAsync(new ImportProjects.Request(stream, file.FileName, reason), ct));
            })
            .DisableAntiforgery()
            .WithUploadLimit(20L << 20)
            .WithSummary("Import projects (.xlsx, .xls or .csv: 项目编号, 项目名称, 项目类别, 年度, 所在村, 实施单位, 预算（元）, 建设规模, 单位, 五统一), all or nothing; faults named by row and column");

        group.MapGet("/{id:guid}/documents", async (Guid id, ListProjectDocuments list, CancellationToken ct) => TypedResults.Ok(await list.HandleAsync(id, ct)))
            .WithSummary("A project's files (项目材料): step, kind, name, size, SHA-256, who and when; and the steps whose papers you may attach");
        group.MapPost("/{id:guid}/documents", async (Guid id, ProjectDocumentKind kind, ProjectStep? step, IFormFile file, AttachProjectDocument attach, CancellationToken ct) =>
            {
                await using var content = file.OpenReadStream();
                return TypedResults.Ok(await attach.HandleAsync(new AttachProjectDocument.Request(id, step, kind, file.FileName, content), ct));
            })
            .DisableAntiforgery()
            .WithSummary("Attach a file (multipart field 'file'; ?kind=Decision|NoticePhoto|Contract|Progress|Acceptance|Voucher|Other, ?step= a step taken, or none for the project's own file): PDF, images, Word, Excel; name, type, content (sniffed) and size checked; a step's papers by whoever takes the step, the rest by the project's owner; none once closed");
        group.MapGet("/documents/{documentId:guid}", async (Guid documentId, ReadProjectDocument read, CancellationToken ct) =>
            {
                var file = await read.HandleAsync(documentId, ct);
                return TypedResults.File(file.Content, file.Info.ContentType, file.Info.FileName);
            })
            .WithSummary("Download a project's file (whoever reads the project; audited); refused (409) if its content no longer matches its SHA-256");
        return api;
    }
}
