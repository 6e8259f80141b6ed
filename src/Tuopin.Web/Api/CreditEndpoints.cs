using Tuopin.Application.Credit;
using Tuopin.Domain.Credit;
using Tuopin.Web.Hosting;

namespace Tuopin.Web.Api;

/// <summary>
/// /api/v1/credit: micro-credit (扶贫小额信贷) — loans and their repayments, the overdue list, the status, the county's
/// guarantee fund and its payouts, the limits, and the banks' lists. Every answer is limited to the caller's area; who
/// may write (village, township and county officers; the fund and the limits the county administrator's) and who sees
/// the fund's figures (county-level users) is the use cases' rule, answered 403.
/// </summary>
public static class CreditEndpoints
{
    public sealed record LoanIssue(Guid HouseholdId, IssueLoan.Fields Loan, string? Reason = null);

    public sealed record RepaymentFields(int Version, DateOnly PaidOn, decimal Principal, decimal Interest = 0, string? Reason = null);

    public sealed record DepositFields(DateOnly DepositedOn, decimal Amount, string Source, string? Reason = null);

    public sealed record CompensationFields(int Version, DateOnly PaidOn, decimal Amount, string? Note = null, string? Reason = null);

    public sealed record LimitFields(decimal? MaxAmount, int? MaxTermMonths, string? Reason = null);

    public sealed record Created(Guid Id);

    public static RouteGroupBuilder MapCreditEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/credit").WithTags("Credit 小额信贷").RequireAuthorization(WebApp.Policies.RegistryRead);

        group.MapGet("/status", async (DateOnly? asOf, GetCreditStatus status, CancellationToken ct) => TypedResults.Ok(await status.HandleAsync(asOf, ct)))
            .WithSummary("Loans outstanding, overdue, repaid and compensated in your area as of a day; the county's guarantee fund (balance, leverage) for county-level users only");

        group.MapGet("/loans", async (LoanStatus? status, Guid? townshipId, Guid? villageId, DateOnly? asOf, string? household, int? page, int? pageSize, ListLoans list, CancellationToken ct) =>
                TypedResults.Ok(await list.HandleAsync(new ListLoans.Request(status, townshipId, villageId, asOf, household, page ?? 1, pageSize ?? 50), ct)))
            .WithSummary("The loans of your area, newest first, a page at a time; status outstanding, overdue (as of a day), repaid or compensated");

        group.MapGet("/loans/overdue", async (DateOnly? asOf, Guid? townshipId, Guid? villageId, ListOverdueLoans list, CancellationToken ct) =>
                TypedResults.Ok(await list.HandleAsync(new ListOverdueLoans.Request(asOf, townshipId, villageId), ct)))
            .WithSummary("The overdue loans of your area as of a day, longest overdue first, with the days overdue and the principal owed");

        group.MapGet("/loans/{id:guid}", async (Guid id, DateOnly? asOf, GetLoan get, CancellationToken ct) => TypedResults.Ok(await get.HandleAsync(id, asOf, ct)))
            .WithSummary("A loan with its repayments, the fund's payout if any and its interest subsidy by year");

        group.MapPost("/loans", async (LoanIssue body, IssueLoan issue, CancellationToken ct) =>
                TypedResults.Ok(await issue.HandleAsync(new IssueLoan.Request(body.HouseholdId, body.Loan, body.Reason), ct)))
            .RequireAuthorization(WebApp.Policies.RegistryWrite)
            .WithSummary("Record a loan a bank made to a household of your area (at most the county's limits, each named when broken); its measure (小额信贷) is created with it");

        group.MapPost("/loans/{id:guid}/repayments", async (Guid id, RepaymentFields body, RecordRepayment record, CancellationToken ct) =>
                TypedResults.Ok(await record.HandleAsync(new RecordRepayment.Request(id, body.Version, body.PaidOn, body.Principal, body.Interest, body.Reason), ct)))
            .RequireAuthorization(WebApp.Policies.RegistryWrite)
            .WithSummary("Record a repayment with the loan's version you saw (409 if stale); the principal cannot exceed what is owed; clearing it closes the loan and completes its measure");

        group.MapPost("/loans/{id:guid}/compensation", async (Guid id, CompensationFields body, PayRiskCompensation pay, CancellationToken ct) =>
                TypedResults.Ok(await pay.HandleAsync(new PayRiskCompensation.Request(id, body.Version, body.PaidOn, body.Amount, body.Note, body.Reason), ct)))
            .WithSummary("The fund's payout for an overdue loan (county administrator): at most the principal owed and the fund's balance");

        group.MapGet("/fund", async (GetGuaranteeFund fund, CancellationToken ct) => TypedResults.Ok(await fund.HandleAsync(ct)))
            .WithSummary("The county's guarantee fund: balance, leverage, deposits and payouts (county-level users)");

        group.MapPost("/fund/deposits", async (DepositFields body, DepositGuaranteeFund deposit, CancellationToken ct) =>
                TypedResults.Ok(new Created(await deposit.HandleAsync(new DepositGuaranteeFund.Request(body.DepositedOn, body.Amount, body.Source, body.Reason), ct))))
            .WithSummary("Record a deposit into the guarantee fund with its source document (county administrator)");

        group.MapGet("/limits", async (GetCreditLimits get, CancellationToken ct) => TypedResults.Ok(await get.HandleAsync(ct)))
            .WithSummary("The county's limits on one loan: the largest amount (yuan) and the longest term (months)");

        group.MapPut("/limits", async (LimitFields body, SetCreditLimits set, CancellationToken ct) =>
                TypedResults.Ok(await set.HandleAsync(body.MaxAmount, body.MaxTermMonths, body.Reason, ct)))
            .WithSummary("Set the county's limits on one loan (county administrator); a limit left out keeps its value");

        group.MapPost("/loans/import", async (IFormFile file, string? reason, ImportLoans import, CancellationToken ct) =>
            {
                await using var stream = file.OpenReadStream();
                return TypedResults.Ok(await import.HandleAsync(new ImportLoans.Request(stream, file.FileName, reason), ct));
            })
            .RequireAuthorization(WebApp.Policies.RegistryWrite)
            .DisableAntiforgery()
            .WithUploadLimit(ImportLoans.MaxUploadBytes)
            .WithSummary("Import a bank's list of loans (.xlsx, .xls or .csv: 户编号, 放贷银行, 合同编号, 贷款金额, 放贷日期, 期限（月）, 贷款用途 …), all or nothing; faults named by row and column; contracts already recorded count as unchanged");

        group.MapPost("/repayments/import", async (IFormFile file, string? reason, ImportRepayments import, CancellationToken ct) =>
            {
                await using var stream = file.OpenReadStream();
                return TypedResults.Ok(await import.HandleAsync(new ImportRepayments.Request(stream, file.FileName, reason), ct));
            })
            .RequireAuthorization(WebApp.Policies.RegistryWrite)
            .DisableAntiforgery()
            .WithUploadLimit(ImportRepayments.MaxUploadBytes)
            .WithSummary("Import a bank's list of repayments (.xlsx, .xls or .csv: 户编号, 放贷银行, 合同编号, 还款日期, 还本金额, 还息金额), all or nothing; faults named by row and column");
        return api;
    }
}
