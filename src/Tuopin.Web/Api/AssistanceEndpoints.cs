using Tuopin.Application.Assistance;
using Tuopin.Web.Hosting;

namespace Tuopin.Web.Api;

/// <summary>
/// /api/v1/assistance: the assistance work (帮扶) — coverage counts and their click-through, a household's cadre
/// and measures, the cadres' roster and the villages' work teams. Every answer is limited to the caller's area;
/// who may write what (village, township and county officers; a line department its own kinds of measure;
/// reviews by the township and county) is the use cases' rule, answered 403.
/// </summary>
public static class AssistanceEndpoints
{
    public sealed record CadreAssignment(Guid CadreId, DateOnly StartedOn, string? Reason);

    public sealed record CadreAssignmentEnd(DateOnly EndedOn, string Reason);

    public sealed record MeasureAdd(RecordMeasure.Fields Measure, string? Reason);

    public sealed record MeasureChange(Guid HouseholdId, int Version, RecordMeasure.Fields Measure, string? Reason, Guid? EdgeHouseholdId = null);

    public sealed record MeasureReview(int Version);

    public sealed record Reviewed(Guid Id, int Version);

    public sealed record CadreFields(string Name, string WorkUnit, string? Position, string? Phone);

    public sealed record CadreChange(int Version, string Name, string WorkUnit, string? Position, string? Phone);

    public sealed record TeamFields(Guid VillageId, string StationedUnit, string FirstSecretary, DateOnly StartedOn, string? Leader, string? Members, DateOnly? EndedOn);

    public sealed record TeamChange(int Version, Guid VillageId, string StationedUnit, string FirstSecretary, DateOnly StartedOn, string? Leader, string? Members, DateOnly? EndedOn);

    public sealed record MonitoringEnrolment(Guid HouseholdId, Domain.Assistance.MonitoringRisk Risk, string Reason, DateOnly? EnrolledOn, DateOnly? ReviewDue);

    public sealed record MonitoringReview(int Version, DateOnly ReviewedOn, string Note, DateOnly NextReview);

    public sealed record MonitoringClosing(int Version, DateOnly ClosedOn, Domain.Assistance.MonitoringOutcome Outcome, string Reason, string? HouseholdNumber = null);

    public sealed record EdgeEnrolment(
        Guid VillageId, Domain.Assistance.EdgeKind Kind, decimal IncomePerHead, IReadOnlyList<Domain.Assistance.EdgeHouseholds.MemberInput> Members,
        Domain.Assistance.MonitoringRisk Risk, string Reason, string? Address, string? Phone, DateOnly? EnrolledOn, DateOnly? ReviewDue);

    public sealed record CourseFields(Domain.Assistance.TrainingKind Kind, string Name, string Organiser, DateOnly StartedOn, DateOnly EndedOn, string? Place);

    public sealed record CourseChange(int Version, Domain.Assistance.TrainingKind Kind, string Name, string Organiser, DateOnly StartedOn, DateOnly EndedOn, string? Place);

    public sealed record Attendance(IReadOnlyList<RecordTrainingAttendance.Attendee> Attendees);

    public sealed record AttendanceRecorded(int Recorded);

    public sealed record Enrolled(Guid Id);

    public sealed record LoadLimit(int Limit, string? Reason = null);

    public static RouteGroupBuilder MapAssistanceEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/assistance").WithTags("Assistance 帮扶").RequireAuthorization(WebApp.Policies.RegistryRead);

        group.MapGet("/coverage", async (int? year, Guid? townshipId, GetAssistanceCoverage coverage, CancellationToken ct) =>
                TypedResults.Ok(await coverage.HandleAsync(new GetAssistanceCoverage.Request(year, townshipId), ct)))
            .WithSummary("The assistance coverage of your area in a year: poor households with a cadre, measures and a sufficient plan, every rule's count by area, overloaded cadres, poor villages without a work team");

        group.MapGet("/findings", async (string rule, int? year, Guid? townshipId, Guid? villageId, int? page, int? pageSize, ListAssistanceFindings list, CancellationToken ct) =>
                TypedResults.Ok(await list.HandleAsync(new ListAssistanceFindings.Request(rule, year, townshipId, villageId, page ?? 1, pageSize ?? 50), ct)))
            .WithSummary("The households one assistance rule finds in your area (the click-through of a coverage count), a page at a time");

        group.MapGet("/households/{id:guid}", async (Guid id, int? year, GetHouseholdAssistance get, CancellationToken ct) =>
                TypedResults.Ok(await get.HandleAsync(id, year, ct)))
            .WithSummary("A household's assistance in a year: its cadre and pairing history, the measures you may read, its plan against the poverty line, the rules it breaks");

        group.MapPost("/households/{id:guid}/cadre", async (Guid id, CadreAssignment body, AssignCadre assign, CancellationToken ct) =>
                TypedResults.Ok(await assign.HandleAsync(new AssignCadre.Request(id, body.CadreId, body.StartedOn, body.Reason), ct)))
            .RequireAuthorization(WebApp.Policies.RegistryWrite)
            .WithSummary("Pair a cadre with the household from a day (结对); the pairing in place ends the day before");

        group.MapPost("/households/{id:guid}/cadre/end", async (Guid id, CadreAssignmentEnd body, EndCadreAssignment end, CancellationToken ct) =>
            {
                await end.HandleAsync(new EndCadreAssignment.Request(id, body.EndedOn, body.Reason), ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(WebApp.Policies.RegistryWrite)
            .WithSummary("End the household's pairing on a day, with the reason, without a successor yet");

        // A line department adds the measures of its own kinds: the role rule is the use case's (403), not the policy's.
        group.MapPost("/households/{id:guid}/measures", async (Guid id, MeasureAdd body, RecordMeasure record, CancellationToken ct) =>
            {
                var saved = await record.HandleAsync(new RecordMeasure.Request(id, body.Measure, Reason: body.Reason), ct);
                return TypedResults.Created($"/api/v1/assistance/households/{id}?year={body.Measure.Year}", saved);
            })
            .WithSummary("Add a measure to the household's plan for a year; every fault is named by its field (400)");

        group.MapPut("/measures/{id:guid}", async (Guid id, MeasureChange body, RecordMeasure record, CancellationToken ct) =>
                TypedResults.Ok(await record.HandleAsync(new RecordMeasure.Request(body.HouseholdId, body.Measure, id, body.Version, body.Reason, body.EdgeHouseholdId), ct)))
            .WithSummary("Change a measure (its progress, and once done its effect); send the household (or the edge household) and the version you saw (409 if stale)");

        group.MapPost("/measures/{id:guid}/review", async (Guid id, MeasureReview body, ReviewMeasure review, CancellationToken ct) =>
                TypedResults.Ok(new Reviewed(id, await review.HandleAsync(new ReviewMeasure.Request(id, body.Version), ct))))
            .RequireAuthorization(WebApp.Policies.RegistryWrite)
            .WithSummary("Mark a measure reviewed (township and county offices); send the version you saw (409 if stale)");

        group.MapGet("/cadres", async (string? search, ListCadres list, CancellationToken ct) => TypedResults.Ok(await list.HandleAsync(search, ct)))
            .WithSummary("The county's cadres with how many households each is responsible for; phones masked for roles that do not see personal data");

        group.MapPost("/cadres", async (CadreFields body, RegisterCadre register, CancellationToken ct) =>
            {
                var saved = await register.HandleAsync(new RegisterCadre.Request(body.Name, body.WorkUnit, body.Position, body.Phone), ct);
                return TypedResults.Created($"/api/v1/assistance/cadres?search={Uri.EscapeDataString(body.Name ?? string.Empty)}", saved);
            })
            .RequireAuthorization(WebApp.Policies.RegistryWrite)
            .WithSummary("Register a cadre in the county's roster (township and county offices)");

        group.MapPut("/cadres/{id:guid}", async (Guid id, CadreChange body, RegisterCadre register, CancellationToken ct) =>
                TypedResults.Ok(await register.HandleAsync(new RegisterCadre.Request(body.Name, body.WorkUnit, body.Position, body.Phone, id, body.Version), ct)))
            .RequireAuthorization(WebApp.Policies.RegistryWrite)
            .WithSummary("Correct a cadre; send the version you saw (409 if stale)");

        group.MapGet("/teams", async (bool? poorOnly, ListWorkTeams list, CancellationToken ct) => TypedResults.Ok(await list.HandleAsync(poorOnly ?? false, ct)))
            .WithSummary("The villages of your area with the work team in place and the earlier ones, poor villages first");

        group.MapPost("/teams", async (TeamFields body, RecordWorkTeam record, CancellationToken ct) =>
            {
                var saved = await record.HandleAsync(new RecordWorkTeam.Request(body.VillageId, body.StationedUnit, body.FirstSecretary, body.StartedOn, body.Leader, body.Members, body.EndedOn), ct);
                return TypedResults.Created("/api/v1/assistance/teams", saved);
            })
            .RequireAuthorization(WebApp.Policies.RegistryWrite)
            .WithSummary("Record a village's resident work team (驻村工作队) from a day; the team in place ends the day before");

        group.MapPut("/teams/{id:guid}", async (Guid id, TeamChange body, RecordWorkTeam record, CancellationToken ct) =>
                TypedResults.Ok(await record.HandleAsync(new RecordWorkTeam.Request(body.VillageId, body.StationedUnit, body.FirstSecretary, body.StartedOn, body.Leader, body.Members, body.EndedOn, id, body.Version), ct)))
            .RequireAuthorization(WebApp.Policies.RegistryWrite)
            .WithSummary("Correct a work team; send its village and the version you saw (409 if stale)");

        // A line department imports the measures of its own kinds: the role rule is the use case's, by row.
        group.MapPost("/measures/import", async (IFormFile file, string? reason, ImportMeasures import, CancellationToken ct) =>
            {
                await using var stream = file.OpenReadStream();
                return TypedResults.Ok(await import.HandleAsync(new ImportMeasures.Request(stream, file.FileName, reason), ct));
            })
            .DisableAntiforgery()
            .WithUploadLimit(ImportMeasures.MaxUploadBytes)
            .WithSummary("Import a .xlsx, .xls or .csv list of measures (户编号, 年度, 措施类型, 措施内容 …; at most 20 MB), all or nothing; faults are named by sheet, row and column; rows already in the ledger count as unchanged");

        group.MapPut("/cadres/load-limit", async (LoadLimit body, SetCadreLoadLimit set, CancellationToken ct) =>
                TypedResults.Ok(new LoadLimit(await set.HandleAsync(body.Limit, body.Reason, ct))))
            .WithSummary("Set how many households one cadre may be responsible for (county administrator); the coverage counts the cadres above it");

        group.MapGet("/monitoring", async (bool? openOnly, Guid? townshipId, Guid? villageId, int? page, int? pageSize, ListMonitoringCases list, CancellationToken ct) =>
                TypedResults.Ok(await list.HandleAsync(new ListMonitoringCases.Request(openOnly ?? true, townshipId, villageId, page ?? 1, pageSize ?? 50), ct)))
            .WithSummary("The return-to-poverty watch of your area (防返贫监测): open, overdue, risk-removed and returned cases by area, and the cases, overdue first");

        group.MapPost("/monitoring", async (MonitoringEnrolment body, EnrollForMonitoring enroll, CancellationToken ct) =>
            {
                var id = await enroll.HandleAsync(new EnrollForMonitoring.Request(body.HouseholdId, body.Risk, body.Reason, body.EnrolledOn, body.ReviewDue), ct);
                return TypedResults.Created("/api/v1/assistance/monitoring", new Enrolled(id));
            })
            .RequireAuthorization(WebApp.Policies.RegistryWrite)
            .WithSummary("Enrol a household for monitoring with the risk seen and a reason (one open case a household)");

        group.MapPost("/monitoring/{id:guid}/review", async (Guid id, MonitoringReview body, ReviewMonitoringCase review, CancellationToken ct) =>
                TypedResults.Ok(new Reviewed(id, await review.HandleAsync(new ReviewMonitoringCase.Request(id, body.Version, body.ReviewedOn, body.Note, body.NextReview), ct))))
            .RequireAuthorization(WebApp.Policies.RegistryWrite)
            .WithSummary("Record a review visit and the next review's day; send the version you saw (409 if stale)");

        group.MapPost("/monitoring/{id:guid}/close", async (Guid id, MonitoringClosing body, CloseMonitoringCase close, CancellationToken ct) =>
            {
                await close.HandleAsync(new CloseMonitoringCase.Request(id, body.Version, body.ClosedOn, body.Outcome, body.Reason, body.HouseholdNumber), ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(WebApp.Policies.RegistryWrite)
            .WithSummary("Close a case: risk removed, a registered household's return to poverty (the county's decision, recorded as the household's event), or an edge household's registration as poor (the county's, naming its registry number)");

        group.MapPost("/monitoring/edge", async (EdgeEnrolment body, EnrollEdgeHousehold enroll, CancellationToken ct) =>
            {
                var enrolled = await enroll.HandleAsync(new EnrollEdgeHousehold.Request(body.VillageId, body.Kind, body.IncomePerHead, body.Members ?? [], body.Risk, body.Reason,
                    body.Address, body.Phone, body.EnrolledOn, body.ReviewDue), ct);
                return TypedResults.Created($"/api/v1/assistance/monitoring/edge/{enrolled.EdgeHouseholdId}", enrolled);
            })
            .RequireAuthorization(WebApp.Policies.RegistryWrite)
            .WithSummary("Record a household not in the registry (边缘易致贫户 / 突发严重困难户) with its members and enrol it for monitoring; a registered person is refused without saying where");

        group.MapGet("/monitoring/edge/{id:guid}", async (Guid id, int? year, GetEdgeHousehold get, CancellationToken ct) => TypedResults.Ok(await get.HandleAsync(id, year, ct)))
            .WithSummary("An edge household under watch: members (IDs masked unless your role needs them), its cases, a year's measures and the plan's arithmetic");

        group.MapPost("/monitoring/edge/{id:guid}/measures", async (Guid id, MeasureAdd body, RecordMeasure record, CancellationToken ct) =>
            {
                var saved = await record.HandleAsync(new RecordMeasure.Request(Guid.Empty, body.Measure, Reason: body.Reason, EdgeHouseholdId: id), ct);
                return TypedResults.Created($"/api/v1/assistance/monitoring/edge/{id}?year={body.Measure.Year}", saved);
            })
            .WithSummary("Add a measure to an edge household's plan (change it with PUT /measures/{id}, giving edgeHouseholdId)");

        group.MapGet("/training", async (int? year, GetTrainingProgress progress, CancellationToken ct) => TypedResults.Ok(await progress.HandleAsync(year, ct)))
            .WithSummary("People trained in your area against the plan's training targets, by kind and area, and the county's courses of the year");

        group.MapPost("/training/courses", async (CourseFields body, RecordTrainingCourse record, CancellationToken ct) =>
            {
                var saved = await record.HandleAsync(new RecordTrainingCourse.Request(body.Kind, body.Name, body.Organiser, body.StartedOn, body.EndedOn, body.Place), ct);
                return TypedResults.Created($"/api/v1/assistance/training?year={body.EndedOn.Year}", saved);
            })
            .WithSummary("Register a training course (county and township offices, line departments)");

        group.MapPut("/training/courses/{id:guid}", async (Guid id, CourseChange body, RecordTrainingCourse record, CancellationToken ct) =>
                TypedResults.Ok(await record.HandleAsync(new RecordTrainingCourse.Request(body.Kind, body.Name, body.Organiser, body.StartedOn, body.EndedOn, body.Place, id, body.Version), ct)))
            .WithSummary("Correct a course; send the version you saw (409 if stale)");

        group.MapPost("/training/courses/{id:guid}/attendance", async (Guid id, Attendance body, RecordTrainingAttendance record, CancellationToken ct) =>
                TypedResults.Ok(new AttendanceRecorded(await record.HandleAsync(new RecordTrainingAttendance.Request(id, body.Attendees), ct))))
            .RequireAuthorization(WebApp.Policies.RegistryWrite)
            .WithSummary("Record who attended a course, all or nothing: members by id, others by name and village; each refusal names its row");

        group.MapPost("/training/courses/{id:guid}/attendance/import", async (Guid id, IFormFile file, ImportTrainingAttendance import, CancellationToken ct) =>
            {
                await using var stream = file.OpenReadStream();
                return TypedResults.Ok(await import.HandleAsync(new ImportTrainingAttendance.Request(id, stream, file.FileName), ct));
            })
            .DisableAntiforgery()
            .WithUploadLimit(ImportTrainingAttendance.MaxUploadBytes)
            .RequireAuthorization(WebApp.Policies.RegistryWrite)
            .WithSummary("Import a course's list of attendees from .xlsx, .xls or .csv (姓名, 村 or 身份证号, 是否结业; at most 10 MB), all or nothing; a resident ID finds a registered member of your area, others are recorded by name and village; faults are named by row and column");
        return api;
    }
}
