using Tuopin.Application.Notices;
using Tuopin.Domain.Notices;
using Tuopin.Web.Accounts;
using Tuopin.Web.Hosting;

namespace Tuopin.Web.Api;

/// <summary>
/// /api/v1/notices: the county's public notices (公告公示) — the only part of the API open without sign-in: the notices
/// themselves (masked names, no ID or phone) and raising an objection (rate-limited per client address). Answering the
/// objections is the responsible unit's, signed in.
/// </summary>
public static class NoticesEndpoints
{
    public sealed record ObjectionBody(string? Text, string? ContactName = null, string? Phone = null);

    public sealed record ObjectionRaised(Guid Id);

    public sealed record ObjectionAnswer(int Version, string? Answer);

    public static RouteGroupBuilder MapNoticesEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/notices").WithTags("Notices 公告公示");

        group.MapGet("/", async (ListPublicNotices list, CancellationToken ct) => TypedResults.Ok(await list.HandleAsync(ct)))
            .AllowAnonymous()
            .WithSummary("Public, no sign-in: the county's current and recent notices (project notices, villages' exit lists) with their periods and days left");

        group.MapGet("/projects/{id:guid}", async (Guid id, GetProjectNotice get, CancellationToken ct) => TypedResults.Ok(await get.HandleAsync(id, ct)))
            .AllowAnonymous()
            .WithSummary("Public, no sign-in: a project's notice — place, budget, contractor, period, responsible unit, objection channel, beneficiaries by masked name (404 before its period or after it is no longer shown)");

        group.MapGet("/exit/{villageId:guid}/{year:int}", async (Guid villageId, int year, GetExitNotice get, CancellationToken ct) => TypedResults.Ok(await get.HandleAsync(villageId, year, ct)))
            .AllowAnonymous()
            .WithSummary("Public, no sign-in: a village's list of households proposed to exit in a year, by masked name and village group");

        group.MapGet("/benefits/{villageId:guid}/{year:int}", async (Guid villageId, int year, GetBenefitNotice get, CancellationToken ct) => TypedResults.Ok(await get.HandleAsync(villageId, year, ct)))
            .AllowAnonymous()
            .WithSummary("Public, no sign-in: a village's household-benefit list of a year (户受益公示) as the county published it — masked head's name, village group, project, subsidy type, amount (404 unless published and shown)");

        group.MapPost("/projects/{id:guid}/objections", (Guid id, ObjectionBody body, HttpContext http, ObjectionThrottle throttle, RaiseObjection raise, CancellationToken ct) =>
                RaiseAsync(http, throttle, raise, new RaiseObjection.Request(NoticeKind.Project, id, null, body.Text, body.ContactName, body.Phone, PasswordSignIn.Client(http)), ct))
            .AllowAnonymous()
            .WithSummary("Public, no sign-in, rate-limited per client (429): object to a running project notice; the project is held until the objection is answered");

        group.MapPost("/exit/{villageId:guid}/{year:int}/objections", (Guid villageId, int year, ObjectionBody body, HttpContext http, ObjectionThrottle throttle, RaiseObjection raise, CancellationToken ct) =>
                RaiseAsync(http, throttle, raise, new RaiseObjection.Request(NoticeKind.ExitList, villageId, year, body.Text, body.ContactName, body.Phone, PasswordSignIn.Client(http)), ct))
            .AllowAnonymous()
            .WithSummary("Public, no sign-in, rate-limited per client (429): object to a village's running exit list");

        group.MapPost("/benefits/{villageId:guid}/{year:int}/objections", (Guid villageId, int year, ObjectionBody body, HttpContext http, ObjectionThrottle throttle, RaiseObjection raise, CancellationToken ct) =>
                RaiseAsync(http, throttle, raise, new RaiseObjection.Request(NoticeKind.BenefitList, villageId, year, body.Text, body.ContactName, body.Phone, PasswordSignIn.Client(http)), ct))
            .AllowAnonymous()
            .WithSummary("Public, no sign-in, rate-limited per client (429): object to a village's running household-benefit list");

        group.MapPost("/benefits", async (PublishBenefitNotice.Request body, PublishBenefitNotice publish, CancellationToken ct) => TypedResults.Ok(await publish.HandleAsync(body, ct)))
            .RequireAuthorization(WebApp.Policies.RegistryRead)
            .WithSummary("Publish a village's household-benefit list of a year from a day for a number of days (county administrator; at least the projects' minimum notice period); again, with the version, to move the period");

        group.MapGet("/benefit-lists", async (int? year, ListBenefitNotices list, CancellationToken ct) => TypedResults.Ok(await list.HandleAsync(year, ct)))
            .RequireAuthorization(WebApp.Policies.RegistryRead)
            .WithSummary("The villages whose households were paid from the ledger in a year (default: the latest such year), with households, amount and the published list's period (county administrator and inspectors)");

        group.MapGet("/objections", async (ObjectionStatus? status, NoticeKind? kind, ListObjections list, CancellationToken ct) =>
                TypedResults.Ok(await list.HandleAsync(new ListObjections.Request(status, kind), ct)))
            .RequireAuthorization(WebApp.Policies.RegistryRead)
            .WithSummary("The objections your unit answers or reads (a township its own, a department its projects', the county all), open ones first");

        group.MapPost("/objections/{id:guid}/answer", async (Guid id, ObjectionAnswer body, AnswerObjection answer, CancellationToken ct) =>
                TypedResults.Ok(await answer.HandleAsync(new AnswerObjection.Request(id, body.Version, body.Answer), ct)))
            .RequireAuthorization(WebApp.Policies.RegistryRead)
            .WithSummary("Answer an objection (the responsible township or department, or the county); the project's hold is lifted when no other objection to it is open");
        return group;
    }

    private static async Task<IResult> RaiseAsync(HttpContext http, ObjectionThrottle throttle, RaiseObjection raise, RaiseObjection.Request request, CancellationToken ct)
    {
        if (!throttle.TryTake(PasswordSignIn.Client(http)))
            return TypedResults.Problem(title: ObjectionThrottle.RefusedText.Current, statusCode: StatusCodes.Status429TooManyRequests);
        var id = await raise.HandleAsync(request, ct);
        return TypedResults.Created($"/api/v1/notices/objections/{id}", new ObjectionRaised(id));
    }
}
