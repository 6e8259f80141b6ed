using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Tuopin.Application.Common;
using Tuopin.Application.Registry;
using Tuopin.Domain.Registry;
using Tuopin.Web.Accounts;
using Tuopin.Web.Hosting;

namespace Tuopin.Web.Api;

/// <summary>The Registry concern's HTTP API, every answer limited to the caller's area.</summary>
public static class RegistryEndpoints
{
    public static RouteGroupBuilder MapRegistryEndpoints(this RouteGroupBuilder api)
    {
        MapHouseholds(api);
        MapEvents(api);
        MapSpreadsheets(api);
        MapPapers(api);
        return api;
    }

    // /api/v1/registry/papers: the household papers offices print. Any role that reads the registry, inside its area;
    // ?format=pdf converts through LibreOffice where it is installed (400 with the reason where not).
    private static void MapPapers(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/registry/papers").WithTags("Household papers 户档案").RequireAuthorization(WebApp.Policies.RegistryRead);

        group.MapGet("/registration-form", async (Guid? household, Guid? village, string? format, PrintRegistrationForm print, CancellationToken ct) =>
                PaperResult(await print.HandleAsync(new PrintRegistrationForm.Request(household, village, PaperFormatOf(format)), ct)))
            .WithSummary("扶贫开发建档立卡贫困户登记表 of one household (?household=) or a village (?village=), .docx or ?format=pdf; IDs masked for roles that see them masked");

        group.MapGet("/household-card", async (Guid? household, Guid? village, string? format, PrintHouseholdCard print, CancellationToken ct) =>
                PaperResult(await print.HandleAsync(new PrintHouseholdCard.Request(household, village, PaperFormatOf(format)), ct)))
            .WithSummary("明白卡 of one household or a village: household, members, income and benefits recorded; no IDs");

        group.MapGet("/public-list", async (Guid village, int year, string? kind, string? format, PrintPublicList print, CancellationToken ct) =>
                PaperResult(await print.HandleAsync(new PrintPublicList.Request(village, year, PublicListKindOf(kind), PaperFormatOf(format)), ct)))
            .WithSummary("A village's 公示名单 of a year (kind=exit: proposed for exit; kind=registration: registered), IDs always masked");
    }

    private static FileContentHttpResult PaperResult(HouseholdPapers.PaperFile file) => TypedResults.File(file.Content, file.ContentType, file.FileName);

    private static PaperFormat PaperFormatOf(string? format) => format?.Trim().ToLowerInvariant() switch
    {
        null or "" or "docx" => PaperFormat.Docx,
        "pdf" => PaperFormat.Pdf,
        _ => throw new InvalidRequestException([new Domain.Common.Problem("format", "papers.format",
            new Domain.Common.LocalText($"格式只能是 docx 或 pdf，填写的是“{format}”", $"The format is docx or pdf, not '{format}'"))]),
    };

    private static PublicListKind PublicListKindOf(string? kind) => kind?.Trim().ToLowerInvariant() switch
    {
        null or "" or "exit" => PublicListKind.Exit,
        "registration" => PublicListKind.Registration,
        _ => throw new InvalidRequestException([new Domain.Common.Problem("kind", "papers.kind",
            new Domain.Common.LocalText($"公示名单只能是 exit（拟退出户）或 registration（新识别户），填写的是“{kind}”", $"The list is exit or registration, not '{kind}'"))]),
    };

    // /api/v1/households: the registry over HTTP. Every answer is limited to the caller's area.
    public sealed record HouseholdCreate(HouseholdFields Household, IReadOnlyList<MemberFields> Members, IReadOnlyList<IncomeFields>? Incomes, string? Reason);

    public sealed record HouseholdUpdate(int Version, HouseholdFields Household, string? Reason);

    public sealed record MemberChange(int Version, MemberFields Member, string? Reason);

    public sealed record IncomeChange(int Version, IncomeFields Income, string? Reason);

    public sealed record StatusChange(int Version, HouseholdStatus To, int? Year, DateOnly Date, string Reason);

    public sealed record Search(string ResidentId);

    public sealed record Saved(Guid Id, int Version);

    private static RouteGroupBuilder MapHouseholds(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/households").WithTags("Registry 建档立卡").RequireAuthorization(WebApp.Policies.RegistryRead);

        group.MapGet("/", async ([AsParameters] HouseholdFilter filter, ListHouseholds list, CancellationToken ct) =>
                TypedResults.Ok(await list.HandleAsync(filter.ToQuery(), ct)))
            .WithSummary("List households, a page at a time, with filters and a name search");

        // A resident ID is looked up from the body, never the URL, so that it cannot reach a log line.
        group.MapPost("/search", async (Search search, [AsParameters] HouseholdFilter filter, ListHouseholds list, CancellationToken ct) =>
                TypedResults.Ok(await list.HandleAsync(filter.ToQuery() with { ResidentId = search.ResidentId }, ct)))
            .ChangesNoRecord()
            .WithSummary("Find households by a member's exact resident ID");

        group.MapGet("/{id:guid}", async Task<Ok<HouseholdDetail>> (Guid id, GetHousehold get, CancellationToken ct) =>
                TypedResults.Ok(await get.HandleAsync(id, ct)))
            .WithSummary("One household with members, incomes and status history");

        group.MapGet("/{id:guid}/history", async (Guid id, GetHouseholdHistory history, CancellationToken ct) =>
                TypedResults.Ok(await history.HandleAsync(id, ct)))
            .WithSummary("Every recorded change of the household: who, when, what");

        group.MapPost("/", async Task<Created<Saved>> (HouseholdCreate body, CreateHousehold create, GetHousehold get, CancellationToken ct) =>
            {
                var id = await create.HandleAsync(new CreateHousehold.Request(body.Household, body.Members, body.Incomes, body.Reason), ct);
                var saved = await get.HandleAsync(id, ct);
                return TypedResults.Created($"/api/v1/households/{id}", new Saved(id, saved.Version));
            })
            .RequireAuthorization(WebApp.Policies.RegistryWrite)
            .WithSummary("Register a household with its members");

        group.MapPut("/{id:guid}", async (Guid id, HouseholdUpdate body, UpdateHousehold update, CancellationToken ct) =>
                TypedResults.Ok(new Saved(id, await update.HandleAsync(new UpdateHousehold.Request(id, body.Version, body.Household, body.Reason), ct))))
            .RequireAuthorization(WebApp.Policies.RegistryWrite)
            .WithSummary("Change a household's fields; refused with 409 if the version is stale");

        group.MapGet("/{id:guid}/members", async (Guid id, GetHousehold get, CancellationToken ct) =>
                TypedResults.Ok((await get.HandleAsync(id, ct)).Members))
            .WithSummary("The household's members");

        group.MapPost("/{id:guid}/members", async (Guid id, MemberChange body, AddMember add, CancellationToken ct) =>
            {
                var result = await add.HandleAsync(new AddMember.Request(id, body.Version, body.Member, body.Reason), ct);
                return TypedResults.Created($"/api/v1/households/{id}/members/{result.MemberId}", new Saved(result.MemberId, result.Version));
            })
            .RequireAuthorization(WebApp.Policies.RegistryWrite)
            .WithSummary("Add a member");

        group.MapGet("/{id:guid}/members/{memberId:guid}", async Task<Results<Ok<MemberView>, NotFound>> (Guid id, Guid memberId, GetHousehold get, CancellationToken ct) =>
                (await get.HandleAsync(id, ct)).Members.FirstOrDefault(m => m.Id == memberId) is { } member ? TypedResults.Ok(member) : TypedResults.NotFound())
            .WithSummary("One member");

        group.MapPut("/{id:guid}/members/{memberId:guid}", async (Guid id, Guid memberId, MemberChange body, UpdateMember update, CancellationToken ct) =>
                TypedResults.Ok(new Saved(memberId, await update.HandleAsync(new UpdateMember.Request(id, memberId, body.Version, body.Member, body.Reason), ct))))
            .RequireAuthorization(WebApp.Policies.RegistryWrite)
            .WithSummary("Change a member's fields");

        group.MapPut("/{id:guid}/incomes/{year:int}", async (Guid id, int year, IncomeChange body, RecordIncome record, CancellationToken ct) =>
                TypedResults.Ok(new Saved(id, await record.HandleAsync(new RecordIncome.Request(id, body.Version, body.Income with { Year = year }, body.Reason), ct))))
            .RequireAuthorization(WebApp.Policies.RegistryWrite)
            .WithSummary("Record a year's income");

        group.MapPost("/{id:guid}/status", async (Guid id, StatusChange body, ChangeHouseholdStatus change, CancellationToken ct) =>
                TypedResults.Ok(new Saved(id, await change.HandleAsync(new ChangeHouseholdStatus.Request(id, body.Version, body.To, body.Year, body.Date, body.Reason), ct))))
            .RequireAuthorization(WebApp.Policies.RegistryWrite)
            .WithSummary("Change the poverty status (county administrators), with its date and reason");

        api.MapGet("/overview", async (DateOnly? asOf, CountyOverview overview, CancellationToken ct) => TypedResults.Ok(await overview.HandleAsync(asOf, ct)))
            .WithTags("Registry 建档立卡").RequireAuthorization(WebApp.Policies.RegistryRead)
            .WithSummary("Households and people registered, exited by year and remaining, by township, as of a date (asOf=yyyy-MM-dd, default today)");
        return api;
    }

    public sealed record HouseholdFilter(
        [FromQuery] Guid? TownshipId,
        [FromQuery] Guid? VillageId,
        [FromQuery] Guid? ZoneId,
        [FromQuery] HouseholdStatus? Status,
        [FromQuery] HouseholdAttribute? Attribute,
        [FromQuery] PovertyCause? Cause,
        [FromQuery] int? ExitYear,
        [FromQuery] bool? PoorVillage,
        [FromQuery] string? Name,
        [FromQuery] int? Page,
        [FromQuery] int? PageSize)
    {
        public ListHouseholds.Query ToQuery() => new()
        {
            TownshipId = TownshipId,
            VillageId = VillageId,
            ZoneId = ZoneId,
            Status = Status,
            Attribute = Attribute,
            Cause = Cause,
            ExitYear = ExitYear,
            PoorVillage = PoorVillage,
            Name = Name,
            Page = Page ?? 1,
            PageSize = PageSize ?? 20,
        };
    }

    // Dynamic management (动态管理) over HTTP: a household's events and the adjustment window.
    public sealed record EventCreate(
        int Version, HouseholdEventKind Kind, DateOnly Date, string Reason, string? DocumentNumber = null, string? Evidence = null,
        int? Year = null, MemberFields? Member = null, Guid? MemberId = null, Guid? NewHeadId = null, Guid? VillageId = null,
        Guid? GroupId = null, IReadOnlyList<Guid>? MemberIds = null, Guid? OtherHouseholdId = null, IReadOnlyDictionary<Guid, Relation>? Relations = null);

    public sealed record WindowView(string Window);

    private static RouteGroupBuilder MapEvents(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/households").WithTags("Dynamic management 动态管理").RequireAuthorization(WebApp.Policies.RegistryRead);

        group.MapGet("/{id:guid}/events", async (Guid id, GetHouseholdEvents get, CancellationToken ct) => TypedResults.Ok(await get.HandleAsync(id, ct)))
            .WithSummary("The household's dated events, oldest first");

        group.MapPost("/{id:guid}/events", async (Guid id, EventCreate body, RecordHouseholdEvent record, CancellationToken ct) =>
                TypedResults.Ok(await record.HandleAsync(new RecordHouseholdEvent.Request(
                    id, body.Version, body.Kind, body.Date, body.Reason, body.DocumentNumber, body.Evidence, body.Year, body.Member,
                    body.MemberId, body.NewHeadId, body.VillageId, body.GroupId, body.MemberIds, body.OtherHouseholdId, body.Relations), ct)))
            .RequireAuthorization(WebApp.Policies.RegistryWrite)
            .WithSummary("Record an event (birth, death, marriage, moving, split, merge, exit, return, removal) and apply it");

        var settings = api.MapGroup("/settings").WithTags("Dynamic management 动态管理").RequireAuthorization(WebApp.Policies.RegistryRead);
        settings.MapGet("/adjustment-window", async (SetAdjustmentWindow window, CancellationToken ct) => TypedResults.Ok(new WindowView((await window.GetAsync(ct)).ToString())))
            .WithSummary("The yearly adjustment window, MM-dd..MM-dd");
        settings.MapPut("/adjustment-window", async (WindowView body, SetAdjustmentWindow window, CancellationToken ct) =>
            {
                await window.HandleAsync(body.Window, ct);
                return TypedResults.Ok(new WindowView((await window.GetAsync(ct)).ToString()));
            })
            .RequireAuthorization(WebApp.Policies.RegistryWrite)
            .WithSummary("Set the yearly adjustment window (county administrators)");
        return api;
    }

    // /api/v1/registry: the registry in and out of spreadsheets (template, import, export).
    /// <summary>Sheet: the sheet of a workbook of several sheets, null otherwise.</summary>
    public sealed record ImportError(int Row, string Column, string Value, string Code, string Message, string? Sheet = null);

    /// <summary>A row (or rows, Row to LastRow) that is not data, or a sheet that is not a list (Row 0), skipped.</summary>
    public sealed record ImportSkipped(string? Sheet, int Row, int LastRow, string Code, string Reason);

    public sealed record ImportAnswer(int Rows, int Households, int Accepted, int Rejected, bool Stored, int Created, int Updated, IReadOnlyList<ImportError> Errors, IReadOnlyList<ImportSkipped> Skipped);

    private static RouteGroupBuilder MapSpreadsheets(RouteGroupBuilder api)
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
                        [.. result.Errors.Select(e => new ImportError(e.Row, e.Column, e.Value, e.Code, e.Message.Current, e.Sheet))],
                        [.. result.SkippedRows.Select(s => new ImportSkipped(s.Sheet, s.Row, s.LastRow, s.Code, s.Reason.Current))]);
                    return result.Ok ? Results.Ok(answer) : Results.UnprocessableEntity(answer);
                }
                finally
                {
                    File.Delete(path);
                }
            })
            .Accepts<byte[]>("application/octet-stream", "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/vnd.ms-excel")
            .RequireAuthorization(WebApp.Policies.RegistryWrite)
            .WithUploadLimit(SheetLimits.MaxUploadBytes)
            .WithSummary("Import a spreadsheet sent as the request body (fileName says .xlsx, .xls or .csv; at most 200 MB, 413 beyond, an .xls at most 64 MB); the header is found among the first 10 rows, titles, blank rows, totals and footers are skipped and listed, every sheet of a workbook is read; all or nothing; 200 when imported or checked, 422 with every rejected row otherwise, 400 for a file that cannot be read or is beyond the spreadsheet limits");
        return api;
    }

    private static SheetFormat Format(string? format) => string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase) ? SheetFormat.Csv : SheetFormat.Xlsx;

    private static string Disposition(string name, SheetFormat format)
    {
        var file = $"{name}.{(format == SheetFormat.Csv ? "csv" : "xlsx")}";
        return $"attachment; filename=\"registry.{(format == SheetFormat.Csv ? "csv" : "xlsx")}\"; filename*=UTF-8''{Uri.EscapeDataString(file)}";
    }
}
