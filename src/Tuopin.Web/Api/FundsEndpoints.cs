using Tuopin.Application.Funds;
using Tuopin.Domain.Funds;
using Tuopin.Web.Hosting;

namespace Tuopin.Web.Api;

/// <summary>
/// /api/v1/funds: the fund ledger (统筹整合资金) — sources, allocations and reallocations (the county administrator's),
/// payments and refunds (the project's responsible township or line department), the ledger by source, category,
/// township, zone, department or project (also as .xlsx), the check of every invariant and alert, and the traces of a
/// source and of a household. Who may do what is FundsAccess's rule, answered 403; a household outside the caller's area is 404.
/// </summary>
public static class FundsEndpoints
{
    public sealed record AllocationFields(Guid SourceId, Guid ProjectId, DateOnly AllocatedOn, decimal Amount, string? DocumentNumber = null, string? Reason = null);

    public sealed record ReallocationFields(Guid FromAllocationId, Guid ToProjectId, DateOnly On, decimal Amount, string? DocumentNumber = null, string? Reason = null);

    public sealed record RefundFields(DateOnly RefundedOn, decimal Amount, string? VoucherNumber = null, string? Reason = null);

    public static RouteGroupBuilder MapFundsEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/funds").WithTags("Funds 资金台账").RequireAuthorization(WebApp.Policies.RegistryRead);

        group.MapGet("/sources", async (int? year, IntegrationCategory? category, FundLevel? level, ListFundSources list, CancellationToken ct) =>
                TypedResults.Ok(await list.HandleAsync(new ListFundSources.Request(year, category, level), ct)))
            .WithSummary("The county's fund sources (level, issuing department, document number, year, amount, category) with what each allocated and has left");

        group.MapPost("/sources", async (RegisterFundSource.Request body, RegisterFundSource register, CancellationToken ct) => TypedResults.Ok(await register.HandleAsync(body, ct)))
            .WithSummary("Register a fund source (county administrator); the document number is unique in the county; amounts in yuan, whole fen");

        group.MapPost("/allocations", async (AllocationFields body, AllocateFunds allocate, CancellationToken ct) =>
                TypedResults.Ok(await allocate.HandleAsync(new AllocateFunds.Request(body.SourceId, body.ProjectId, body.AllocatedOn, body.Amount, body.DocumentNumber, body.Reason), ct)))
            .WithSummary("Allocate money of a source to a project (county administrator): never more than the source's unallocated balance");

        group.MapPost("/reallocations", async (ReallocationFields body, ReallocateFunds reallocate, CancellationToken ct) =>
                TypedResults.Ok(await reallocate.HandleAsync(new ReallocateFunds.Request(body.FromAllocationId, body.ToProjectId, body.On, body.Amount, body.DocumentNumber, body.Reason), ct)))
            .WithSummary("Move money of an allocation to another project, from the same source, in one save (county administrator); never below what was paid");

        group.MapPost("/disbursements", async (RecordDisbursement.Request body, RecordDisbursement record, CancellationToken ct) => TypedResults.Ok(await record.HandleAsync(body, ct)))
            .WithSummary("Record payments from an allocation: to a contractor, or to households (one or many, by household number, with subsidy type and the measure paid); refused before approval and the notice's end, while an objection holds, over the balance, or final before acceptance; 409 when another payment took the money first");

        group.MapPost("/disbursements/{id:guid}/refund", async (Guid id, RefundFields body, RefundDisbursement refund, CancellationToken ct) =>
                TypedResults.Ok(await refund.HandleAsync(new RefundDisbursement.Request(id, body.RefundedOn, body.Amount, body.VoucherNumber, body.Reason), ct)))
            .WithSummary("Record a refund of a payment (never more than what is left of it); the allocation's balance rises again");

        group.MapGet("/ledger", async (string? by, int? year, GetFundLedger ledger, CancellationToken ct) =>
                TypedResults.Ok(await ledger.HandleAsync(new GetFundLedger.Request(by ?? "source", year), ct)))
            .WithSummary("The ledger by source, category, township, zone, department or project: received, allocated, paid, balance, unallocated");

        group.MapGet("/ledger.xlsx", async (string? by, int? year, GetFundLedger ledger, CancellationToken ct) =>
            {
                var result = await ledger.HandleAsync(new GetFundLedger.Request(by ?? "source", year), ct);
                return TypedResults.File(FundLedgerWorkbook.Write(result), PlanEndpoints.XlsxType, $"资金台账-{result.By}.xlsx");
            })
            .WithSummary("The ledger as .xlsx, the same figures as the screen");

        group.MapGet("/check", async (DateOnly? asOf, CheckFunds check, CancellationToken ct) => TypedResults.Ok(await check.HandleAsync(asOf, ct)))
            .WithSummary("Every invariant recomputed from the rows and every alert (schedule, idle balance, not started, over budget, household benefits), each with its reason and the ids to open");

        group.MapGet("/trace/source/{source}", async (string source, TraceFundSource trace, CancellationToken ct) => TypedResults.Ok(await trace.HandleAsync(source, ct)))
            .WithSummary("Where every yuan of a source (by id or document number) went: projects, villages, households");

        group.MapGet("/trace/household/{number}", async (string number, TraceHousehold trace, CancellationToken ct) => TypedResults.Ok(await trace.HandleAsync(number, ct)))
            .WithSummary("Every yuan that reached a household of your area, from which source and project");

        group.MapGet("/settings", async (GetFundSettings get, CancellationToken ct) => TypedResults.Ok(await get.HandleAsync(ct)))
            .WithSummary("The county's settings of projects and funds as they stand: notice minimum days, spending schedule, idle and not-started thresholds, days an ended notice stays readable");

        group.MapPut("/settings", async (SetFundSettings.Request body, SetFundSettings set, CancellationToken ct) => TypedResults.Ok(await set.HandleAsync(body, ct)))
            .WithSummary("Set the county's settings of projects and funds (the county administrator; a value left out keeps its setting; all or nothing, audited with the reason)");

        group.MapPost("/allocations/import", async (IFormFile file, string? reason, ImportAllocations import, CancellationToken ct) =>
            {
                await using var stream = file.OpenReadStream();
                return TypedResults.Ok(await import.HandleAsync(new ImportAllocations.Request(stream, file.FileName, reason), ct));
            })
            .DisableAntiforgery()
            .WithUploadLimit(20L << 20)
            .WithSummary("Import allocations (.xlsx, .xls or .csv: 资金文号, 项目编号, 分配日期, 分配金额, 分配文号), all or nothing; faults named by row and column");

        group.MapPost("/disbursements/import", async (IFormFile file, string? reason, ImportDisbursements import, CancellationToken ct) =>
            {
                await using var stream = file.OpenReadStream();
                return TypedResults.Ok(await import.HandleAsync(new ImportDisbursements.Request(stream, file.FileName, reason), ct));
            })
            .DisableAntiforgery()
            .WithUploadLimit(40L << 20)
            .WithSummary("Import payments (.xlsx, .xls or .csv: 项目编号, 资金文号, 支付日期, 支付金额, 收款单位 or 户编号 with 补贴类型, 凭证号, 尾款), all or nothing; faults named by row and column");
        return api;
    }
}
