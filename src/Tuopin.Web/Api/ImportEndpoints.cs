using Tuopin.Application.Import;
using Tuopin.Web.Hosting;

namespace Tuopin.Web.Api;

/// <summary>/api/v1/registry: the registry in and out of spreadsheets (template, import, export).</summary>
public static class ImportEndpoints
{
    public sealed record ImportError(int Row, string Column, string Value, string Code, string Message);

    public sealed record ImportAnswer(int Rows, int Households, int Accepted, int Rejected, bool Stored, int Created, int Updated, IReadOnlyList<ImportError> Errors);

    public static RouteGroupBuilder MapImportEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/registry").WithTags("Import and export 导入导出").RequireAuthorization(WebApp.Policies.RegistryRead);

        group.MapGet("/template", async (HttpContext http, string? format, ExportRegistry export, CancellationToken ct) =>
            {
                var f = Format(format);
                http.Response.ContentType = SheetFormats.ContentType(f);
                http.Response.Headers.ContentDisposition = Disposition("建档立卡导入模板", f);
                await using var buffer = new MemoryStream();
                await export.TemplateAsync(f, buffer, ct);
                buffer.Position = 0;
                await buffer.CopyToAsync(http.Response.Body, ct);
            })
            .WithSummary("The import template (.xlsx or .csv): the header and one example household");

        group.MapGet("/export", async (HttpContext http, string? format, bool? mask, [AsParameters] RegistryEndpoints.HouseholdFilter filter, ExportRegistry export, CancellationToken ct) =>
            {
                var f = Format(format);
                // Written to a temporary file first: a failure then gives an error, not half a file.
                var path = Path.GetTempFileName();
                try
                {
                    await using (var file = File.Create(path))
                        await export.HandleAsync(filter.ToQuery(), f, file, mask == true, ct);
                    http.Response.ContentType = SheetFormats.ContentType(f);
                    http.Response.Headers.ContentDisposition = Disposition("建档立卡名册", f);
                    await using var read = File.OpenRead(path);
                    await read.CopyToAsync(http.Response.Body, ct);
                }
                finally
                {
                    File.Delete(path);
                }
            })
            .WithSummary("The registry of the caller's area, or the households the list's filters select, in the import template; IDs masked for roles that see them masked or with mask=true");

        group.MapPost("/import", async (HttpContext http, string fileName, bool? dryRun, bool? update, ImportRegistry import, CancellationToken ct) =>
            {
                var path = Path.GetTempFileName();
                try
                {
                    await using (var file = File.Create(path))
                        await http.Request.Body.CopyToAsync(file, ct);
                    await using var read = File.OpenRead(path);
                    var result = await import.HandleAsync(read, fileName, new ImportRegistry.Options(dryRun == true, update == true), null, ct);
                    var answer = new ImportAnswer(result.Rows, result.Households, result.Accepted, result.Rejected, result.Stored, result.Created, result.Updated,
                        [.. result.Errors.Select(e => new ImportError(e.Row, e.Column, e.Value, e.Code, e.Message.Current))]);
                    return result.Ok ? Results.Ok(answer) : Results.UnprocessableEntity(answer);
                }
                finally
                {
                    File.Delete(path);
                }
            })
            .Accepts<byte[]>("application/octet-stream", "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            .RequireAuthorization(WebApp.Policies.RegistryWrite)
            .WithUploadLimit(SheetLimits.MaxUploadBytes)
            .WithSummary("Import a spreadsheet sent as the request body (fileName says .xlsx or .csv; at most 200 MB, 413 beyond); all or nothing; 200 when imported or checked, 422 with every rejected row otherwise, 400 for a file that cannot be read or is beyond the spreadsheet limits");
        return api;
    }

    private static SheetFormat Format(string? format) => string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase) ? SheetFormat.Csv : SheetFormat.Xlsx;

    private static string Disposition(string name, SheetFormat format)
    {
        var file = $"{name}.{(format == SheetFormat.Csv ? "csv" : "xlsx")}";
        return $"attachment; filename=\"registry.{(format == SheetFormat.Csv ? "csv" : "xlsx")}\"; filename*=UTF-8''{Uri.EscapeDataString(file)}";
    }

}
