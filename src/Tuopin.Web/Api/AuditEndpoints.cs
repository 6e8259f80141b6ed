using Tuopin.Application.Audit;
using Tuopin.Web.Hosting;

namespace Tuopin.Web.Api;

/// <summary>
/// /api/v1/audit: the county's audit log (审计日志) — every change, sign-in, read of personal data and export, newest first,
/// filtered by person, area, record type, kind and date; also as .xlsx. For the county administrator and the inspectors
/// (403 for everyone else). The entries are read as they were written: personal data in them is masked.
/// </summary>
public static class AuditEndpoints
{
    public static RouteGroupBuilder MapAuditEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/audit").WithTags("Audit 审计日志").RequireAuthorization(WebApp.Policies.RegistryRead);

        group.MapGet("/entries", async (string? user, Guid? township, Guid? village, string? type, AuditLogKind? kind, DateOnly? from, DateOnly? to, long? before,
                    Guid? household, ListAuditLog list, CancellationToken ct) =>
                TypedResults.Ok(await list.HandleAsync(new ListAuditLog.Filter(user, township, village, type, kind, from, to, before, household), ct)))
            .WithSummary("The audit log, newest first, 50 entries a page: filter by login name (or part of it), township, village, record type, kind (Changes, SignIns, Reads, Exports), from/to (county calendar days, both included), household; `before` = the previous page's `next`");

        group.MapGet("/entries.xlsx", async (string? user, Guid? township, Guid? village, string? type, AuditLogKind? kind, DateOnly? from, DateOnly? to,
                    Guid? household, ExportAuditLog export, CancellationToken ct) =>
            {
                var file = await export.HandleAsync(new ListAuditLog.Filter(user, township, village, type, kind, from, to, null, household), ct);
                return TypedResults.File(file.Content, PlanEndpoints.XlsxType, file.Name);
            })
            .WithSummary("The audit log with the same filter as .xlsx (at most 100,000 entries, newest first; the first row says what the file holds); the export is itself logged");

        group.MapGet("/types", async (ListAuditLog list, CancellationToken ct) =>
                TypedResults.Ok((await list.TypesAsync(ct)).Select(t => new { code = t.Code, name = t.Name })))
            .WithSummary("The record types that occur in the log, with their names, for the filter");
        return group;
    }
}
