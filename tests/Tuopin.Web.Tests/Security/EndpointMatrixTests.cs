using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tuopin.Application.Assistance;
using Tuopin.Application.Exit;
using Tuopin.Application.Registry;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Assistance;
using Tuopin.Domain.Exit;
using Tuopin.Domain.Registry;
using Tuopin.Testing;

namespace Tuopin.Web.Tests.Security;

/// <summary>
/// Every endpoint and every page the app maps, called by an anonymous visitor and by each role, with the
/// ids of records in 三胡乡/黄柏园村: the county's roles are inside that area, the township officer of 翔凤镇
/// and the village officer of 翔凤镇/老茶村 are not. The endpoints are read from the app itself; one without
/// an expectation below fails the test, so a new endpoint cannot arrive without saying who may call it.
/// </summary>
public sealed class EndpointMatrixTests
{
    private const string Village = "三胡乡/黄柏园村";
    private const string HeadName = "黄柏园甲户主";
    private const int Year = 2016;

    /// <summary>What a caller gets: Ok = an answer about the request itself (2xx, 400, 409, 422), never 401/403/404/500.</summary>
    private enum Answer { Ok, Unauthorized, Forbidden, NotFound, Refused }

    private enum Caller { Anonymous, Admin, Inspector, Line, Township, Village }

    /// <summary>One endpoint's expectation: the path with the fixture's ids, a body, and what each caller gets.</summary>
    private sealed record Expect(Func<Fixture, string> Path, Func<Fixture, HttpContent?>? Body, Answer Admin, Answer Inspector, Answer Line, Answer Township, Answer Village);

    private sealed record Fixture(Guid Household, Guid Member, Guid Procedure, Guid Step, Guid Paper, Guid AreaExit, Guid Evidence, Guid VillageId, Guid TownshipId, string HeadId, string Number, Guid Cadre, Guid Measure, Guid Case, Guid Course, Guid Edge, Guid Housing, Guid Loan = default, Guid Project = default, Guid ProjectDocument = default, Guid Unit = default, Guid Inspection = default, Guid Finding = default, Guid FindingEvidence = default, Guid AccountabilityCase = default);

    private static HttpContent Json(object body) => JsonContent.Create(body, options: RunningApp.Json);

    private static HttpContent Pdf(string name = "x.pdf") => new MultipartFormDataContent { { new ByteArrayContent("%PDF-1.4\n%%EOF\n"u8.ToArray()), "file", name } };

    private static HttpContent Csv(string text) => new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(text)), "file", "c.csv" } };

    private static readonly Answer Ok = Answer.Ok, Forbidden = Answer.Forbidden, NotFound = Answer.NotFound, Refused = Answer.Refused;

    // Area roles see lists and totals of their own area only: the marker of the other area's household must not appear in any answer.
    private static readonly Dictionary<string, Expect> Api = new()
    {
        ["GET /api/v1/auth/antiforgery"] = new(_ => "/api/v1/auth/antiforgery", null, Ok, Ok, Ok, Ok, Ok),
        ["GET /api/v1/households/"] = new(_ => "/api/v1/households", null, Ok, Ok, Ok, Ok, Ok),
        ["POST /api/v1/households/search"] = new(_ => "/api/v1/households/search", f => Json(new { residentId = f.HeadId }), Ok, Forbidden, Forbidden, Ok, Ok),
        ["GET /api/v1/households/{id:guid}"] = new(f => $"/api/v1/households/{f.Household}", null, Ok, Ok, Ok, NotFound, NotFound),
        ["GET /api/v1/households/{id:guid}/history"] = new(f => $"/api/v1/households/{f.Household}/history", null, Ok, Ok, Ok, NotFound, NotFound),
        ["POST /api/v1/households/"] = new(_ => "/api/v1/households", f => Json(new { household = Build.Household(f.VillageId), members = new[] { Build.Member() } }), Ok, Forbidden, Forbidden, Refused, Refused),
        ["PUT /api/v1/households/{id:guid}"] = new(f => $"/api/v1/households/{f.Household}", f => Json(new { version = 999, household = Build.Household(f.VillageId) }), Ok, Forbidden, Forbidden, NotFound, NotFound),
        ["GET /api/v1/households/{id:guid}/members"] = new(f => $"/api/v1/households/{f.Household}/members", null, Ok, Ok, Ok, NotFound, NotFound),
        ["POST /api/v1/households/{id:guid}/members"] = new(f => $"/api/v1/households/{f.Household}/members", _ => Json(new { version = 999, member = Build.Member(Relation.Son) }), Ok, Forbidden, Forbidden, NotFound, NotFound),
        ["GET /api/v1/households/{id:guid}/members/{memberId:guid}"] = new(f => $"/api/v1/households/{f.Household}/members/{f.Member}", null, Ok, Ok, Ok, NotFound, NotFound),
        ["PUT /api/v1/households/{id:guid}/members/{memberId:guid}"] = new(f => $"/api/v1/households/{f.Household}/members/{f.Member}", _ => Json(new { version = 999, member = Build.Member() }), Ok, Forbidden, Forbidden, NotFound, NotFound),
        ["PUT /api/v1/households/{id:guid}/incomes/{year:int}"] = new(f => $"/api/v1/households/{f.Household}/incomes/{Year}", _ => Json(new { version = 999, income = Build.Income(Year) }), Ok, Forbidden, Forbidden, NotFound, NotFound),
        ["POST /api/v1/households/{id:guid}/status"] = new(f => $"/api/v1/households/{f.Household}/status", _ => Json(new { version = 999, to = HouseholdStatus.Removed, date = new DateOnly(Year, 10, 1), reason = "x" }), Ok, Forbidden, Forbidden, Forbidden, Forbidden),
        ["GET /api/v1/overview"] = new(_ => "/api/v1/overview", null, Ok, Ok, Ok, Ok, Ok),
        ["GET /api/v1/households/{id:guid}/events"] = new(f => $"/api/v1/households/{f.Household}/events", null, Ok, Ok, Ok, NotFound, NotFound),
        ["POST /api/v1/households/{id:guid}/events"] = new(f => $"/api/v1/households/{f.Household}/events", f => Json(new { version = 999, kind = HouseholdEventKind.Death, memberId = f.Member, date = new DateOnly(Year, 10, 1), reason = "x" }), Ok, Forbidden, Forbidden, NotFound, NotFound),
        ["GET /api/v1/settings/adjustment-window"] = new(_ => "/api/v1/settings/adjustment-window", null, Ok, Ok, Ok, Ok, Ok),
        ["PUT /api/v1/settings/adjustment-window"] = new(_ => "/api/v1/settings/adjustment-window", _ => Json(new { window = "bad" }), Ok, Forbidden, Forbidden, Forbidden, Forbidden),
        ["GET /api/v1/registry/template"] = new(_ => "/api/v1/registry/template", null, Ok, Ok, Ok, Ok, Ok),
        ["GET /api/v1/registry/export"] = new(_ => "/api/v1/registry/export?format=csv", null, Ok, Ok, Ok, Ok, Ok),
        ["POST /api/v1/registry/import"] = new(_ => "/api/v1/registry/import?fileName=r.csv&dryRun=true", _ => new ByteArrayContent("户编号\r\n"u8.ToArray()), Ok, Forbidden, Forbidden, Ok, Ok),
        ["GET /api/v1/places/townships"] = new(_ => "/api/v1/places/townships", null, Ok, Ok, Ok, Ok, Ok),
        ["GET /api/v1/places/villages"] = new(_ => "/api/v1/places/villages", null, Ok, Ok, Ok, Ok, Ok),
        ["GET /api/v1/places/villages/{id:guid}/groups"] = new(f => $"/api/v1/places/villages/{f.VillageId}/groups", null, Ok, Ok, Ok, Ok, Ok),
        ["GET /api/v1/places/zones"] = new(_ => "/api/v1/places/zones", null, Ok, Ok, Ok, Ok, Ok),
        ["GET /api/v1/codes"] = new(_ => "/api/v1/codes", null, Ok, Ok, Ok, Ok, Ok),
        // The county's plan and its outside evaluation: not a village's work (Permissions.CanReadCountyPlanning).
        ["GET /api/v1/plan"] = new(_ => "/api/v1/plan", null, Ok, Ok, Ok, Ok, Forbidden),
        ["GET /api/v1/progress"] = new(_ => $"/api/v1/progress?year={Year}", null, Ok, Ok, Ok, Ok, Ok),
        ["GET /api/v1/progress.xlsx"] = new(_ => $"/api/v1/progress.xlsx?year={Year}", null, Ok, Ok, Ok, Ok, Ok),
        // The roll-up of counties: the county office for its own county; the regional officials' (RegionalOfficialsTests below).
        ["GET /api/v1/rollup"] = new(_ => "/api/v1/rollup", null, Ok, Forbidden, Forbidden, Forbidden, Forbidden),
        ["GET /api/v1/rollup.xlsx"] = new(_ => "/api/v1/rollup.xlsx", null, Ok, Forbidden, Forbidden, Forbidden, Forbidden),
        // A granted regional official's choice of the one county they read, and their way back (GrantedReader test below,
        // CountyReadingAttackTests): no county role reads a county on a grant, the county office neither.
        ["POST /api/v1/rollup/reading"] = new(_ => "/api/v1/rollup/reading", _ => Json(new { county = "422827" }), Forbidden, Forbidden, Forbidden, Forbidden, Forbidden),
        ["DELETE /api/v1/rollup/reading"] = new(_ => "/api/v1/rollup/reading", null, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden),
        ["POST /rollup/counties/{code}/read"] = new(_ => "/rollup/counties/422827/read", null, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden),
        ["POST /rollup/leave"] = new(_ => "/rollup/leave", null, Forbidden, Forbidden, Forbidden, Forbidden, Forbidden),
        ["GET /api/v1/working-year"] = new(_ => "/api/v1/working-year", null, Ok, Ok, Ok, Ok, Ok),
        // An implausible year: the administrator is answered 400 (and nothing moves), the others are refused first.
        ["PUT /api/v1/working-year"] = new(_ => "/api/v1/working-year", _ => Json(new { year = 1999 }), Ok, Forbidden, Forbidden, Forbidden, Forbidden),
        ["GET /api/v1/working-year/setup"] = new(_ => "/api/v1/working-year/setup", null, Ok, Ok, Ok, Ok, Ok),
        ["GET /api/v1/conditions/"] = new(_ => "/api/v1/conditions", null, Ok, Ok, Ok, Ok, Ok),
        ["GET /api/v1/conditions/coverage"] = new(_ => $"/api/v1/conditions/coverage?year={Year}", null, Ok, Ok, Ok, Ok, Ok),
        ["PUT /api/v1/conditions/{villageId:guid}/{year:int}"] = new(f => $"/api/v1/conditions/{f.VillageId}/{Year}", _ => Json(new { fields = new { households = 10 } }), Ok, Forbidden, Ok, Refused, Refused),
        ["POST /api/v1/conditions/import"] = new(_ => "/api/v1/conditions/import", _ => Csv("村代码,年度\r\n"), Ok, Forbidden, Ok, Ok, Ok),
        ["GET /api/v1/exit/assessment"] = new(_ => $"/api/v1/exit/assessment?year={Year}", null, Ok, Ok, Ok, Ok, Ok),
        ["POST /api/v1/exit/whatif"] = new(_ => "/api/v1/exit/whatif", _ => Json(new { year = Year, housingMadeSafe = true, childrenBackToSchool = true, medicalInsuranceEnrolled = true }), Ok, Ok, Ok, Ok, Ok),
        ["GET /api/v1/exit/risks"] = new(_ => $"/api/v1/exit/risks?year={Year}", null, Ok, Ok, Ok, Ok, Ok),
        ["GET /api/v1/exit/standards"] = new(_ => "/api/v1/exit/standards", null, Ok, Ok, Ok, Ok, Ok),
        ["PUT /api/v1/exit/standards"] = new(_ => "/api/v1/exit/standards", _ => Json(new { standards = new { }, reason = "x" }), Ok, Forbidden, Forbidden, Forbidden, Forbidden),
        ["PUT /api/v1/exit/poverty-lines/{year:int}"] = new(_ => $"/api/v1/exit/poverty-lines/{Year}", _ => Json(new { amount = -1, source = "x" }), Ok, Forbidden, Forbidden, Forbidden, Forbidden),
        ["GET /api/v1/registry/papers/registration-form"] = new(f => $"/api/v1/registry/papers/registration-form?household={f.Household}", null, Ok, Ok, Ok, NotFound, NotFound),
        ["GET /api/v1/registry/papers/household-card"] = new(f => $"/api/v1/registry/papers/household-card?village={f.VillageId}", null, Ok, Ok, Ok, NotFound, NotFound),
        ["GET /api/v1/registry/papers/public-list"] = new(f => $"/api/v1/registry/papers/public-list?village={f.VillageId}&year={Year}", null, Ok, Ok, Ok, NotFound, NotFound),
        ["GET /api/v1/exit/areas/{level}/{areaId:guid}/report.docx"] = new(f => $"/api/v1/exit/areas/village/{f.VillageId}/report.docx?year={Year}", null, Ok, Ok, Ok, NotFound, NotFound),
        ["GET /api/v1/exit/areas/{level}/{areaId:guid}/report.xlsx"] = new(f => $"/api/v1/exit/areas/village/{f.VillageId}/report.xlsx?year={Year}", null, Ok, Ok, Ok, NotFound, NotFound),
        ["GET /api/v1/exit/areas/"] = new(_ => $"/api/v1/exit/areas?year={Year}", null, Ok, Ok, Ok, Ok, Ok),
        ["POST /api/v1/exit/areas/"] = new(_ => "/api/v1/exit/areas", f => Json(new { level = AreaExitLevel.Village, areaId = f.VillageId, year = Year }), Ok, Forbidden, Forbidden, NotFound, NotFound),
        ["GET /api/v1/exit/areas/{id:guid}"] = new(f => $"/api/v1/exit/areas/{f.AreaExit}", null, Ok, Ok, Ok, NotFound, NotFound),
        ["POST /api/v1/exit/areas/{id:guid}/steps"] = new(f => $"/api/v1/exit/areas/{f.AreaExit}/steps", _ => Json(new { step = AreaExitStep.SelfAssessment, date = new DateOnly(Year, 11, 1) }), Forbidden, Forbidden, Forbidden, NotFound, NotFound),
        ["POST /api/v1/exit/areas/{id:guid}/evidence/{item}"] = new(f => $"/api/v1/exit/areas/{f.AreaExit}/evidence/village_notice", _ => Pdf(), Ok, Forbidden, Forbidden, NotFound, NotFound),
        ["GET /api/v1/exit/areas/evidence/{evidenceId:guid}"] = new(f => $"/api/v1/exit/areas/evidence/{f.Evidence}", null, Ok, Ok, Ok, NotFound, NotFound),
        ["GET /api/v1/exit/areas/{id:guid}/file.zip"] = new(f => $"/api/v1/exit/areas/{f.AreaExit}/file.zip", null, Ok, Ok, Ok, NotFound, NotFound),
        ["GET /api/v1/exit-procedures/"] = new(_ => $"/api/v1/exit-procedures?year={Year}", null, Ok, Ok, Ok, Ok, Ok),
        ["GET /api/v1/exit-procedures/households/{householdId:guid}"] = new(f => $"/api/v1/exit-procedures/households/{f.Household}", null, Ok, Ok, Ok, NotFound, NotFound),
        ["POST /api/v1/exit-procedures/proposals"] = new(_ => "/api/v1/exit-procedures/proposals", f => Json(new { villageId = f.VillageId, year = Year, date = new DateOnly(Year, 9, 2), householdIds = new[] { f.Household } }), Forbidden, Forbidden, Forbidden, Forbidden, NotFound),
        ["POST /api/v1/exit-procedures/steps"] = new(_ => "/api/v1/exit-procedures/steps", f => Json(new { procedureIds = new[] { f.Procedure }, step = ProcedureStep.Verification, date = new DateOnly(Year, 9, 6) }), Forbidden, Forbidden, Forbidden, Refused, Refused),
        ["POST /api/v1/exit-procedures/{procedureId:guid}/objections"] = new(f => $"/api/v1/exit-procedures/{f.Procedure}/objections", _ => Json(new { raisedOn = new DateOnly(Year, 9, 6), raisedBy = "x", content = "x" }), Forbidden, Forbidden, Forbidden, NotFound, NotFound),
        ["POST /api/v1/exit-procedures/objections/{objectionId:guid}/resolution"] = new(_ => $"/api/v1/exit-procedures/objections/{Guid.NewGuid()}/resolution", _ => Json(new { resolvedOn = new DateOnly(Year, 9, 7), upheld = false, resolution = "x" }), Forbidden, Forbidden, Forbidden, NotFound, NotFound),
        ["POST /api/v1/exit-procedures/steps/{stepId:guid}/attachments"] = new(f => $"/api/v1/exit-procedures/steps/{f.Step}/attachments", _ => Pdf(), Forbidden, Forbidden, Forbidden, Refused, NotFound),
        ["POST /api/v1/evaluations/"] = new(_ => "/api/v1/evaluations", _ => Json(new { year = Year }), Ok, Ok, Forbidden, Forbidden, Forbidden),
        ["GET /api/v1/evaluations/{year:int}"] = new(_ => $"/api/v1/evaluations/{Year}", null, NotFound, NotFound, NotFound, NotFound, Forbidden),
        ["PUT /api/v1/evaluations/samples/{sampleId:guid}"] = new(_ => $"/api/v1/evaluations/samples/{Guid.NewGuid()}", _ => Json(new { visitedOn = new DateOnly(Year, 12, 1) }), NotFound, NotFound, Forbidden, Forbidden, Forbidden),
        ["GET /api/v1/attachments/{id:guid}"] = new(f => $"/api/v1/attachments/{f.Paper}", null, Ok, Forbidden, Forbidden, NotFound, NotFound),
        ["GET /api/v1/quality/"] = new(_ => "/api/v1/quality", null, Ok, Ok, Ok, Ok, Ok),
        ["GET /api/v1/quality/{rule}"] = new(_ => "/api/v1/quality/resident_id", null, Ok, Ok, Ok, Ok, Ok),
        ["POST /api/v1/quality/{rule}/reviews"] = new(_ => "/api/v1/quality/resident_id/reviews", f => Json(new { householdId = f.Household, subjectId = f.Member, resolution = "explained", reason = "x" }), Ok, Forbidden, Forbidden, NotFound, NotFound),
        // Assistance: the county's roles in the area, the township and village officers of another area refused (404, or 400 naming an outside village);
        // the inspector and a line department (of the water bureau, not of education) may not write; reviews are the township's and the county's.
        ["GET /api/v1/assistance/coverage"] = new(_ => $"/api/v1/assistance/coverage?year={Year}", null, Ok, Ok, Ok, Ok, Ok),
        ["GET /api/v1/assistance/findings"] = new(_ => $"/api/v1/assistance/findings?rule=no_cadre&year={Year}", null, Ok, Ok, Ok, Ok, Ok),
        ["GET /api/v1/assistance/households/{id:guid}"] = new(f => $"/api/v1/assistance/households/{f.Household}?year={Year}", null, Ok, Ok, Ok, NotFound, NotFound),
        ["POST /api/v1/assistance/households/{id:guid}/cadre"] = new(f => $"/api/v1/assistance/households/{f.Household}/cadre", f => Json(new { cadreId = f.Cadre, startedOn = new DateOnly(Year, 3, 1) }), Ok, Forbidden, Forbidden, NotFound, NotFound),
        ["POST /api/v1/assistance/households/{id:guid}/cadre/end"] = new(f => $"/api/v1/assistance/households/{f.Household}/cadre/end", _ => Json(new { endedOn = new DateOnly(Year, 12, 1), reason = "调动" }), Ok, Forbidden, Forbidden, NotFound, NotFound),
        ["POST /api/v1/assistance/households/{id:guid}/measures"] = new(f => $"/api/v1/assistance/households/{f.Household}/measures", _ => Json(new { measure = new { year = Year, type = "education", content = "助学" } }), Ok, Forbidden, Forbidden, NotFound, NotFound),
        ["PUT /api/v1/assistance/measures/{id:guid}"] = new(f => $"/api/v1/assistance/measures/{f.Measure}", f => Json(new { householdId = f.Household, version = 999, measure = new { year = Year, type = "education", content = "助学" } }), Ok, Forbidden, Forbidden, NotFound, NotFound),
        ["POST /api/v1/assistance/measures/{id:guid}/review"] = new(f => $"/api/v1/assistance/measures/{f.Measure}/review", _ => Json(new { version = 999 }), Ok, Forbidden, Forbidden, NotFound, Forbidden),
        ["GET /api/v1/assistance/cadres"] = new(_ => "/api/v1/assistance/cadres", null, Ok, Ok, Ok, Ok, Ok),
        ["POST /api/v1/assistance/cadres"] = new(_ => "/api/v1/assistance/cadres", _ => Json(new { name = "", workUnit = "" }), Ok, Forbidden, Forbidden, Ok, Forbidden),
        ["PUT /api/v1/assistance/cadres/{id:guid}"] = new(f => $"/api/v1/assistance/cadres/{f.Cadre}", _ => Json(new { version = 999, name = "x", workUnit = "y" }), Ok, Forbidden, Forbidden, Ok, Forbidden),
        ["GET /api/v1/assistance/teams"] = new(_ => "/api/v1/assistance/teams", null, Ok, Ok, Ok, Ok, Ok),
        ["POST /api/v1/assistance/teams"] = new(_ => "/api/v1/assistance/teams", f => Json(new { villageId = f.VillageId, stationedUnit = "县扶贫办", firstSecretary = "张三", startedOn = new DateOnly(Year, 3, 1) }), Ok, Forbidden, Forbidden, Refused, Refused),
        ["POST /api/v1/assistance/measures/import"] = new(_ => "/api/v1/assistance/measures/import", _ => Csv("户编号,年度\r\n"), Ok, Forbidden, Ok, Ok, Ok),
        ["PUT /api/v1/assistance/cadres/load-limit"] = new(_ => "/api/v1/assistance/cadres/load-limit", _ => Json(new { limit = 0 }), Ok, Forbidden, Forbidden, Forbidden, Forbidden),
        ["GET /api/v1/assistance/monitoring"] = new(_ => "/api/v1/assistance/monitoring?openOnly=false", null, Ok, Ok, Ok, Ok, Ok),
        ["POST /api/v1/assistance/monitoring"] = new(_ => "/api/v1/assistance/monitoring", f => Json(new { householdId = f.Household, risk = MonitoringRisk.Other, reason = "再次" }), Ok, Forbidden, Forbidden, NotFound, NotFound),
        ["POST /api/v1/assistance/monitoring/{id:guid}/review"] = new(f => $"/api/v1/assistance/monitoring/{f.Case}/review", _ => Json(new { version = 999, reviewedOn = new DateOnly(2020, 1, 1), note = "回访", nextReview = new DateOnly(2020, 4, 1) }), Ok, Forbidden, Forbidden, NotFound, NotFound),
        // Housing: anyone who reads the registry reads a household's eligibility in their area; only the county administrator sets the amounts.
        ["GET /api/v1/housing/households/{id:guid}/eligibility"] = new(f => $"/api/v1/housing/households/{f.Household}/eligibility", null, Ok, Ok, Ok, NotFound, NotFound),
        ["PUT /api/v1/housing/subsidies"] = new(_ => "/api/v1/housing/subsidies", _ => Json(new { build = 40000 }), Ok, Forbidden, Forbidden, Forbidden, Forbidden),
        ["GET /api/v1/housing/cases"] = new(f => $"/api/v1/housing/cases?householdId={f.Household}", null, Ok, Ok, Ok, Ok, Ok),
        ["GET /api/v1/housing/cases/{id:guid}"] = new(f => $"/api/v1/housing/cases/{f.Housing}", null, Ok, Ok, Ok, NotFound, NotFound),
        ["POST /api/v1/housing/cases"] = new(_ => "/api/v1/housing/cases", f => Json(new { householdId = f.Household, kind = "renovation" }), Ok, Forbidden, Forbidden, NotFound, NotFound),
        ["POST /api/v1/housing/cases/{id:guid}/approve"] = new(f => $"/api/v1/housing/cases/{f.Housing}/approve", _ => Json(new { version = 999, approvedOn = new DateOnly(2020, 1, 1), document = "来住建发〔2020〕1号" }), Ok, Forbidden, Forbidden, NotFound, NotFound),
        ["POST /api/v1/housing/cases/{id:guid}/start"] = new(f => $"/api/v1/housing/cases/{f.Housing}/start", _ => Json(new { version = 999, startedOn = new DateOnly(2020, 1, 1) }), Ok, Forbidden, Forbidden, NotFound, NotFound),
        ["POST /api/v1/housing/cases/{id:guid}/accept"] = new(f => $"/api/v1/housing/cases/{f.Housing}/accept", _ => Json(new { version = 999, acceptedOn = new DateOnly(2020, 1, 1), acceptedBy = "验收组", result = "pass" }), Ok, Forbidden, Forbidden, NotFound, NotFound),
        ["POST /api/v1/housing/cases/{id:guid}/pay"] = new(f => $"/api/v1/housing/cases/{f.Housing}/pay", _ => Json(new { version = 999, paidOn = new DateOnly(2020, 1, 1), voucher = "凭证1" }), Ok, Forbidden, Forbidden, NotFound, NotFound),
        ["POST /api/v1/housing/cases/{id:guid}/cancel"] = new(f => $"/api/v1/housing/cases/{f.Housing}/cancel", _ => Json(new { version = 999, reason = "撤回" }), Ok, Forbidden, Forbidden, NotFound, NotFound),
        // Credit: loans are read in the area and written by its officers; the fund's figures are the county-level users', its deposits, payouts and the limits the administrator's.
        ["GET /api/v1/credit/status"] = new(_ => "/api/v1/credit/status", null, Ok, Ok, Ok, Ok, Ok),
        ["GET /api/v1/credit/loans"] = new(_ => "/api/v1/credit/loans", null, Ok, Ok, Ok, Ok, Ok),
        ["GET /api/v1/credit/loans/overdue"] = new(_ => "/api/v1/credit/loans/overdue?asOf=2030-01-01", null, Ok, Ok, Ok, Ok, Ok),
        ["GET /api/v1/credit/loans/{id:guid}"] = new(f => $"/api/v1/credit/loans/{f.Loan}", null, Ok, Ok, Ok, NotFound, NotFound),
        ["POST /api/v1/credit/loans"] = new(_ => "/api/v1/credit/loans", f => Json(new { householdId = f.Household, loan = new { bank = "来凤农商行", contractNumber = "M-2", amount = 50000.01m, issuedOn = new DateOnly(Year, 3, 1), termMonths = 36, purpose = "养猪" } }), Ok, Forbidden, Forbidden, NotFound, NotFound),
        ["POST /api/v1/credit/loans/{id:guid}/repayments"] = new(f => $"/api/v1/credit/loans/{f.Loan}/repayments", _ => Json(new { version = 999, paidOn = new DateOnly(Year, 6, 1), principal = 100 }), Ok, Forbidden, Forbidden, NotFound, NotFound),
        ["POST /api/v1/credit/loans/{id:guid}/compensation"] = new(f => $"/api/v1/credit/loans/{f.Loan}/compensation", _ => Json(new { version = 999, paidOn = new DateOnly(2020, 6, 1), amount = 100 }), Ok, Forbidden, Forbidden, Forbidden, Forbidden),
        ["GET /api/v1/credit/fund"] = new(_ => "/api/v1/credit/fund", null, Ok, Ok, Ok, Forbidden, Forbidden),
        ["POST /api/v1/credit/fund/deposits"] = new(_ => "/api/v1/credit/fund/deposits", _ => Json(new { depositedOn = new DateOnly(Year, 1, 1), amount = -1, source = "x" }), Ok, Forbidden, Forbidden, Forbidden, Forbidden),
        ["GET /api/v1/credit/limits"] = new(_ => "/api/v1/credit/limits", null, Ok, Ok, Ok, Ok, Ok),
        ["PUT /api/v1/credit/limits"] = new(_ => "/api/v1/credit/limits", _ => Json(new { maxAmount = 0 }), Ok, Forbidden, Forbidden, Forbidden, Forbidden),
        ["POST /api/v1/credit/loans/import"] = new(_ => "/api/v1/credit/loans/import", _ => Csv("户编号,放贷银行\r\n"), Ok, Forbidden, Forbidden, Ok, Ok),
        ["POST /api/v1/credit/repayments/import"] = new(_ => "/api/v1/credit/repayments/import", _ => Csv("户编号,放贷银行\r\n"), Ok, Forbidden, Forbidden, Ok, Ok),
        ["GET /api/v1/funds/sources"] = new(_ => "/api/v1/funds/sources", null, Ok, Ok, Ok, Ok, Forbidden),
        ["POST /api/v1/funds/sources"] = new(_ => "/api/v1/funds/sources", _ => Json(new { level = "central", issuingDepartment = "财政部", documentNumber = "M-1", year = Year, receivedOn = new DateOnly(Year, 1, 1), amount = -1, category = "livingAid" }), Ok, Forbidden, Forbidden, Forbidden, Forbidden),
        ["POST /api/v1/funds/allocations"] = new(_ => "/api/v1/funds/allocations", _ => Json(new { sourceId = Guid.NewGuid(), projectId = Guid.NewGuid(), allocatedOn = new DateOnly(Year, 1, 1), amount = -1 }), Ok, Forbidden, Forbidden, Forbidden, Forbidden),
        ["POST /api/v1/funds/reallocations"] = new(_ => "/api/v1/funds/reallocations", _ => Json(new { fromAllocationId = Guid.NewGuid(), toProjectId = Guid.NewGuid(), on = new DateOnly(Year, 1, 1), amount = -1 }), Ok, Forbidden, Forbidden, Forbidden, Forbidden),
        ["POST /api/v1/funds/disbursements"] = new(_ => "/api/v1/funds/disbursements", _ => Json(new { allocationId = Guid.NewGuid(), paidOn = new DateOnly(Year, 1, 1), payments = Array.Empty<object>() }), Ok, Forbidden, Ok, Ok, Forbidden),
        ["POST /api/v1/funds/disbursements/{id:guid}/refund"] = new(_ => $"/api/v1/funds/disbursements/{Guid.NewGuid()}/refund", _ => Json(new { refundedOn = new DateOnly(Year, 1, 1), amount = -1 }), Ok, Forbidden, Ok, Ok, Forbidden),
        // The county's audit log: the county office and the inspectors only.
        ["GET /api/v1/audit/entries"] = new(f => $"/api/v1/audit/entries?township={f.TownshipId}", null, Ok, Ok, Forbidden, Forbidden, Forbidden),
        ["GET /api/v1/audit/entries.xlsx"] = new(_ => "/api/v1/audit/entries.xlsx?kind=Changes", null, Ok, Ok, Forbidden, Forbidden, Forbidden),
        ["GET /api/v1/audit/types"] = new(_ => "/api/v1/audit/types", null, Ok, Ok, Forbidden, Forbidden, Forbidden),
        // Report forms: every role reads the catalogue and its own area's forms; another area's township is not found (ReportsApiTests).
        ["GET /api/v1/reports/"] = new(_ => "/api/v1/reports", null, Ok, Ok, Ok, Ok, Ok),
        ["GET /api/v1/reports/{code}"] = new(f => $"/api/v1/reports/population?year={Year}&township={f.TownshipId}", null, Ok, Ok, Ok, NotFound, NotFound),
        ["GET /api/v1/reports/{code}.xlsx"] = new(f => $"/api/v1/reports/population.xlsx?year={Year}&township={f.TownshipId}", null, Ok, Ok, Ok, NotFound, NotFound),
        ["GET /api/v1/reports/summaries/{year:int}.docx"] = new(f => $"/api/v1/reports/summaries/{Year}.docx?township={f.TownshipId}", null, Ok, Ok, Ok, NotFound, Forbidden),
        ["GET /api/v1/funds/ledger"] = new(_ => "/api/v1/funds/ledger?by=township", null, Ok, Ok, Ok, Ok, Forbidden),
        ["GET /api/v1/funds/ledger.xlsx"] = new(_ => "/api/v1/funds/ledger.xlsx", null, Ok, Ok, Ok, Ok, Forbidden),
        ["GET /api/v1/funds/check"] = new(_ => "/api/v1/funds/check", null, Ok, Ok, Ok, Ok, Forbidden),
        ["GET /api/v1/funds/trace/source/{source}"] = new(_ => "/api/v1/funds/trace/source/no-such-document", null, NotFound, NotFound, NotFound, NotFound, Forbidden),
        ["GET /api/v1/funds/trace/household/{number}"] = new(f => $"/api/v1/funds/trace/household/{f.Number}", null, Ok, Ok, Ok, NotFound, NotFound),
        ["GET /api/v1/funds/settings"] = new(_ => "/api/v1/funds/settings", null, Ok, Ok, Ok, Ok, Forbidden),
        ["PUT /api/v1/funds/settings"] = new(_ => "/api/v1/funds/settings", _ => Json(new { idleDays = 0 }), Ok, Forbidden, Forbidden, Forbidden, Forbidden),
        ["POST /api/v1/funds/allocations/import"] = new(_ => "/api/v1/funds/allocations/import", _ => Csv("资金文号,项目编号\r\n"), Ok, Forbidden, Forbidden, Forbidden, Forbidden),
        ["POST /api/v1/funds/disbursements/import"] = new(_ => "/api/v1/funds/disbursements/import", _ => Csv("项目编号,资金文号\r\n"), Ok, Forbidden, Ok, Ok, Forbidden),
        // Supervision: inspectors and the county record; a finding of 黄柏园村 is not found by 翔凤镇, 老茶村 or a department that is not its unit's.
        ["GET /api/v1/supervision/inspections"] = new(_ => "/api/v1/supervision/inspections", null, Ok, Ok, Ok, Ok, Ok),
        ["POST /api/v1/supervision/inspections"] = new(_ => "/api/v1/supervision/inspections", _ => Json(new { kind = 1, year = Year, title = "", plannedOn = new DateOnly(Year, 5, 1), inspectors = "" }), Ok, Ok, Forbidden, Forbidden, Forbidden),
        ["GET /api/v1/supervision/inspections/{id:guid}"] = new(f => $"/api/v1/supervision/inspections/{f.Inspection}", null, Ok, Ok, NotFound, NotFound, NotFound),
        ["PUT /api/v1/supervision/inspections/{id:guid}"] = new(f => $"/api/v1/supervision/inspections/{f.Inspection}", _ => Json(new { version = 99, kind = 1, title = "", plannedOn = new DateOnly(Year, 5, 1), inspectors = "" }), Ok, Ok, Forbidden, Forbidden, Forbidden),
        ["POST /api/v1/supervision/inspections/{id:guid}/findings"] = new(f => $"/api/v1/supervision/inspections/{f.Inspection}/findings", f => Json(new { category = 9, description = "", responsibleUnitId = f.Unit, deadline = new DateOnly(Year, 1, 1) }), Ok, Ok, Forbidden, Forbidden, Forbidden),
        ["GET /api/v1/supervision/findings"] = new(_ => "/api/v1/supervision/findings", null, Ok, Ok, Ok, Ok, Ok),
        ["GET /api/v1/supervision/findings/{id:guid}"] = new(f => $"/api/v1/supervision/findings/{f.Finding}", null, Ok, Ok, NotFound, NotFound, NotFound),
        ["POST /api/v1/supervision/findings/{id:guid}/rectify"] = new(f => $"/api/v1/supervision/findings/{f.Finding}/rectify", _ => Json(new { version = 99, measures = "已整改", submit = true }), Ok, Forbidden, NotFound, NotFound, NotFound),
        ["POST /api/v1/supervision/findings/{id:guid}/close"] = new(f => $"/api/v1/supervision/findings/{f.Finding}/close", _ => Json(new { version = 99 }), Ok, Ok, NotFound, NotFound, NotFound),
        ["POST /api/v1/supervision/findings/{id:guid}/reopen"] = new(f => $"/api/v1/supervision/findings/{f.Finding}/reopen", _ => Json(new { version = 99, reason = "缺材料" }), Ok, Ok, NotFound, NotFound, NotFound),
        ["POST /api/v1/supervision/findings/{id:guid}/evidence"] = new(f => $"/api/v1/supervision/findings/{f.Finding}/evidence", _ => Pdf(), Ok, Forbidden, NotFound, NotFound, NotFound),
        ["GET /api/v1/supervision/evidence/{evidenceId:guid}"] = new(f => $"/api/v1/supervision/evidence/{f.FindingEvidence}", null, Ok, Ok, NotFound, NotFound, NotFound),
        ["GET /api/v1/supervision/stats"] = new(_ => $"/api/v1/supervision/stats?year={Year}", null, Ok, Ok, Ok, Ok, Ok),
        ["GET /api/v1/supervision/assessment"] = new(_ => $"/api/v1/supervision/assessment?year={Year}", null, Ok, Ok, Ok, Ok, Forbidden),
        ["GET /api/v1/supervision/assessment.xlsx"] = new(_ => $"/api/v1/supervision/assessment.xlsx?year={Year}", null, Ok, Ok, Ok, Ok, Forbidden),
        ["GET /api/v1/supervision/assessment/scheme"] = new(_ => "/api/v1/supervision/assessment/scheme", null, Ok, Ok, Ok, Ok, Forbidden),
        ["PUT /api/v1/supervision/assessment/scheme"] = new(_ => "/api/v1/supervision/assessment/scheme", _ => Json(new { indicators = Array.Empty<object>() }), Ok, Forbidden, Forbidden, Forbidden, Forbidden),
        ["GET /api/v1/supervision/accountability"] = new(_ => "/api/v1/supervision/accountability", null, Ok, Ok, Ok, Ok, Ok),
        ["POST /api/v1/supervision/accountability"] = new(f => "/api/v1/supervision/accountability", f => Json(new { year = Year, subjectUnitId = f.Unit, cause = "", measure = 1, openedOn = new DateOnly(Year, 5, 1) }), Ok, Ok, Forbidden, Forbidden, Forbidden),
        ["POST /api/v1/supervision/accountability/{id:guid}/decide"] = new(f => $"/api/v1/supervision/accountability/{f.AccountabilityCase}/decide", _ => Json(new { version = 99, status = 2, measure = 1, decidedOn = new DateOnly(Year, 6, 1) }), Ok, Ok, Forbidden, Forbidden, Forbidden),
        ["GET /api/v1/organisation/units"] = new(_ => "/api/v1/organisation/units", null, Ok, Ok, Ok, Ok, Ok),
        ["GET /api/v1/organisation/units/{id:guid}"] = new(f => $"/api/v1/organisation/units/{f.Unit}", null, Ok, Ok, Ok, NotFound, NotFound),
        ["POST /api/v1/organisation/units"] = new(_ => "/api/v1/organisation/units", _ => Json(new { kind = 4, name = "" }), Ok, Forbidden, Forbidden, Forbidden, Forbidden),
        ["PUT /api/v1/organisation/units/{id:guid}"] = new(f => $"/api/v1/organisation/units/{f.Unit}", f => Json(new { kind = 6, name = "黄柏园村脱贫责任组", townshipId = f.TownshipId, villageId = f.VillageId, version = 99 }), Ok, Forbidden, Forbidden, Forbidden, Forbidden),
        ["POST /api/v1/organisation/units/{id:guid}/people"] = new(f => $"/api/v1/organisation/units/{f.Unit}/people", _ => Json(new { name = "", position = "" }), Ok, Forbidden, Forbidden, Forbidden, Forbidden),
        ["PUT /api/v1/organisation/units/{id:guid}/people/{personId:guid}"] = new(f => $"/api/v1/organisation/units/{f.Unit}/people/{Guid.NewGuid()}", _ => Json(new { name = "某", position = "村委会主任", version = 1 }), NotFound, Forbidden, Forbidden, Forbidden, Forbidden),
        ["POST /api/v1/organisation/units/{id:guid}/people/{personId:guid}/remove"] = new(f => $"/api/v1/organisation/units/{f.Unit}/people/{Guid.NewGuid()}/remove", _ => Json(new { version = 1 }), NotFound, Forbidden, Forbidden, Forbidden, Forbidden),
        ["GET /api/v1/organisation/plan-match"] = new(_ => "/api/v1/organisation/plan-match", null, Ok, Ok, Ok, Ok, Forbidden),
        ["POST /api/v1/organisation/plan-match"] = new(_ => "/api/v1/organisation/plan-match", null, Ok, Forbidden, Forbidden, Forbidden, Forbidden),
        ["GET /api/v1/projects/"] = new(_ => "/api/v1/projects", null, Ok, Ok, Ok, Ok, Ok),
        ["GET /api/v1/projects/{id:guid}"] = new(f => $"/api/v1/projects/{f.Project}", null, Ok, Ok, Ok, NotFound, NotFound),
        ["POST /api/v1/projects/"] = new(_ => "/api/v1/projects", f => Json(new { project = new { name = "x", category = "Road", year = Year, villages = new[] { f.VillageId }, responsibleTownshipId = f.TownshipId, budget = 0, outputQuantity = 1, outputUnit = "公里" } }), Ok, Forbidden, Ok, Ok, Forbidden),
        ["POST /api/v1/projects/{id:guid}/apply"] = new(f => $"/api/v1/projects/{f.Project}/apply", _ => Json(new { version = 999, on = new DateOnly(Year, 6, 1), days = 7, contractor = "x", contractAmount = 1, acceptedBy = "x", result = "合格", percent = 10, documentNumber = "x" }), Ok, Forbidden, Forbidden, NotFound, NotFound),
        ["POST /api/v1/projects/{id:guid}/approve"] = new(f => $"/api/v1/projects/{f.Project}/approve", _ => Json(new { version = 999, on = new DateOnly(Year, 6, 1), days = 7, contractor = "x", contractAmount = 1, acceptedBy = "x", result = "合格", percent = 10, documentNumber = "x" }), Ok, Forbidden, Forbidden, NotFound, NotFound),
        ["POST /api/v1/projects/{id:guid}/notice"] = new(f => $"/api/v1/projects/{f.Project}/notice", _ => Json(new { version = 999, on = new DateOnly(Year, 6, 1), days = 7, contractor = "x", contractAmount = 1, acceptedBy = "x", result = "合格", percent = 10, documentNumber = "x" }), Ok, Forbidden, Forbidden, NotFound, NotFound),
        ["POST /api/v1/projects/{id:guid}/tender"] = new(f => $"/api/v1/projects/{f.Project}/tender", _ => Json(new { version = 999, on = new DateOnly(Year, 6, 1), days = 7, contractor = "x", contractAmount = 1, acceptedBy = "x", result = "合格", percent = 10, documentNumber = "x" }), Ok, Forbidden, Forbidden, NotFound, NotFound),
        ["POST /api/v1/projects/{id:guid}/start"] = new(f => $"/api/v1/projects/{f.Project}/start", _ => Json(new { version = 999, on = new DateOnly(Year, 6, 1), days = 7, contractor = "x", contractAmount = 1, acceptedBy = "x", result = "合格", percent = 10, documentNumber = "x" }), Ok, Forbidden, Forbidden, NotFound, NotFound),
        ["POST /api/v1/projects/{id:guid}/progress"] = new(f => $"/api/v1/projects/{f.Project}/progress", _ => Json(new { version = 999, on = new DateOnly(Year, 6, 1), days = 7, contractor = "x", contractAmount = 1, acceptedBy = "x", result = "合格", percent = 10, documentNumber = "x" }), Ok, Forbidden, Forbidden, NotFound, NotFound),
        ["POST /api/v1/projects/{id:guid}/accept"] = new(f => $"/api/v1/projects/{f.Project}/accept", _ => Json(new { version = 999, on = new DateOnly(Year, 6, 1), days = 7, contractor = "x", contractAmount = 1, acceptedBy = "x", result = "合格", percent = 10, documentNumber = "x" }), Ok, Forbidden, Forbidden, NotFound, NotFound),
        ["POST /api/v1/projects/{id:guid}/reimburse"] = new(f => $"/api/v1/projects/{f.Project}/reimburse", _ => Json(new { version = 999, on = new DateOnly(Year, 6, 1), days = 7, contractor = "x", contractAmount = 1, acceptedBy = "x", result = "合格", percent = 10, documentNumber = "x" }), Ok, Forbidden, Forbidden, NotFound, NotFound),
        ["POST /api/v1/projects/{id:guid}/close"] = new(f => $"/api/v1/projects/{f.Project}/close", _ => Json(new { version = 999, on = new DateOnly(Year, 6, 1), days = 7, contractor = "x", contractAmount = 1, acceptedBy = "x", result = "合格", percent = 10, documentNumber = "x" }), Ok, Forbidden, Forbidden, NotFound, NotFound),
        ["POST /api/v1/projects/{id:guid}/flag"] = new(f => $"/api/v1/projects/{f.Project}/flag", _ => Json(new { version = 999, flagged = true, flagReason = "x" }), Ok, Ok, Forbidden, Forbidden, Forbidden),
        ["PUT /api/v1/projects/{id:guid}/beneficiaries"] = new(f => $"/api/v1/projects/{f.Project}/beneficiaries", f => Json(new { version = 999, households = new[] { f.Household } }), Ok, Forbidden, Forbidden, NotFound, NotFound),
        ["PUT /api/v1/projects/notice-days"] = new(_ => "/api/v1/projects/notice-days", _ => Json(new { days = 0 }), Ok, Forbidden, Forbidden, Forbidden, Forbidden),
        ["POST /api/v1/projects/import"] = new(_ => "/api/v1/projects/import", _ => Csv("项目名称,项目类别\r\n"), Ok, Forbidden, Ok, Ok, Forbidden),
        // A project's files: its readers read the list and the bytes; its owner (here the county) files them (ProjectDocumentTests).
        ["GET /api/v1/projects/{id:guid}/documents"] = new(f => $"/api/v1/projects/{f.Project}/documents", null, Ok, Ok, Ok, NotFound, NotFound),
        ["POST /api/v1/projects/{id:guid}/documents"] = new(f => $"/api/v1/projects/{f.Project}/documents?kind=Other", _ => Pdf("方案.pdf"), Ok, Forbidden, Forbidden, NotFound, NotFound),
        ["GET /api/v1/projects/documents/{documentId:guid}"] = new(f => $"/api/v1/projects/documents/{f.ProjectDocument}", null, Ok, Ok, Ok, NotFound, NotFound),
        ["POST /api/v1/assistance/monitoring/edge"] = new(_ => "/api/v1/assistance/monitoring/edge", f => Json(new { villageId = f.VillageId, kind = EdgeKind.SuddenHardship, incomePerHead = 3000, members = new[] { new { name = "边缘户主", relation = Relation.Head, residentId = Build.NewResidentId().Value } }, risk = MonitoringRisk.Disaster, reason = "房屋受灾" }), Ok, Forbidden, Forbidden, Refused, Refused),
        ["GET /api/v1/assistance/monitoring/edge/{id:guid}"] = new(f => $"/api/v1/assistance/monitoring/edge/{f.Edge}", null, Ok, Ok, Ok, NotFound, NotFound),
        ["POST /api/v1/assistance/monitoring/edge/{id:guid}/measures"] = new(f => $"/api/v1/assistance/monitoring/edge/{f.Edge}/measures", _ => Json(new { measure = new { year = Year, type = "education", content = "助学" } }), Ok, Forbidden, Forbidden, NotFound, NotFound),
        ["POST /api/v1/assistance/monitoring/{id:guid}/close"] = new(f => $"/api/v1/assistance/monitoring/{f.Case}/close", _ => Json(new { version = 999, closedOn = new DateOnly(2020, 1, 1), outcome = MonitoringOutcome.RiskRemoved, reason = "风险消除" }), Ok, Forbidden, Forbidden, NotFound, NotFound),
        ["GET /api/v1/assistance/training"] = new(_ => $"/api/v1/assistance/training?year={Year}", null, Ok, Ok, Ok, Ok, Ok),
        ["POST /api/v1/assistance/training/courses"] = new(_ => "/api/v1/assistance/training/courses", _ => Json(new { kind = TrainingKind.Yulu, name = "", organiser = "", startedOn = new DateOnly(Year, 3, 1), endedOn = new DateOnly(Year, 3, 2) }), Ok, Forbidden, Ok, Ok, Forbidden),
        ["PUT /api/v1/assistance/training/courses/{id:guid}"] = new(f => $"/api/v1/assistance/training/courses/{f.Course}", _ => Json(new { version = 999, kind = TrainingKind.Yulu, name = "x", organiser = "y", startedOn = new DateOnly(Year, 3, 1), endedOn = new DateOnly(Year, 3, 2) }), Ok, Forbidden, Ok, Ok, Forbidden),
        ["POST /api/v1/assistance/training/courses/{id:guid}/attendance"] = new(f => $"/api/v1/assistance/training/courses/{f.Course}/attendance", f => Json(new { attendees = new[] { new { memberId = (Guid?)f.Member, villageId = (Guid?)null, name = (string?)null, completed = true } } }), Ok, Forbidden, Forbidden, Ok, Ok),
        ["POST /api/v1/assistance/training/courses/{id:guid}/attendance/import"] = new(f => $"/api/v1/assistance/training/courses/{f.Course}/attendance/import", _ => Csv("姓名,村\r\n"), Ok, Forbidden, Forbidden, Ok, Ok),
        ["PUT /api/v1/assistance/teams/{id:guid}"] = new(_ => $"/api/v1/assistance/teams/{Guid.NewGuid()}", f => Json(new { version = 1, villageId = f.VillageId, stationedUnit = "县扶贫办", firstSecretary = "张三", startedOn = new DateOnly(Year, 3, 1) }), NotFound, Forbidden, Forbidden, Refused, Refused),
        // Industry: entities are the county's (offices and the agriculture department register); participation is the area's.
        ["GET /api/v1/industry/entities"] = new(f => $"/api/v1/industry/entities?villageId={f.VillageId}", null, Ok, Ok, Ok, Ok, Ok),
        ["POST /api/v1/industry/entities"] = new(_ => "/api/v1/industry/entities", _ => Json(new { kind = 2, name = "", registeredOn = new DateOnly(Year, 3, 1) }), Ok, Forbidden, Forbidden, Ok, Forbidden),
        ["PUT /api/v1/industry/entities/{id:guid}"] = new(_ => $"/api/v1/industry/entities/{Guid.NewGuid()}", _ => Json(new { kind = 2, name = "某合作社", registeredOn = new DateOnly(Year, 3, 1), version = 1 }), NotFound, Forbidden, Forbidden, NotFound, Forbidden),
        ["GET /api/v1/industry/participations"] = new(f => $"/api/v1/industry/participations?year={Year}", null, Ok, Ok, Ok, Ok, Ok),
        ["POST /api/v1/industry/participations"] = new(_ => "/api/v1/industry/participations", f => Json(new { householdId = f.Household, industryId = "vine_tea", year = Year, scale = 2, scaleFarmer = false, link = 1 }), Ok, Forbidden, Forbidden, NotFound, NotFound),
        ["POST /api/v1/industry/participations/{id:guid}/cancel"] = new(_ => $"/api/v1/industry/participations/{Guid.NewGuid()}/cancel", _ => Json(new { version = 1, reason = "录错" }), NotFound, Forbidden, Forbidden, NotFound, NotFound),
        ["POST /api/v1/industry/participations/import"] = new(_ => "/api/v1/industry/participations/import", _ => Csv("户编号,产业,年度,规模\r\n"), Ok, Forbidden, Forbidden, Ok, Ok),
        ["GET /api/v1/industry/progress"] = new(_ => $"/api/v1/industry/progress?year={Year}", null, Ok, Ok, Ok, Ok, Ok),
        ["GET /api/v1/industry/villages-121"] = new(_ => $"/api/v1/industry/villages-121?year={Year}", null, Ok, Ok, Ok, Ok, Ok),
        // Accounts: the county administrator only. Changes name an account that does not exist, so that the matrix ends no one's session.
        ["GET /api/v1/accounts/"] = new(_ => "/api/v1/accounts", null, Ok, Forbidden, Forbidden, Forbidden, Forbidden),
        ["POST /api/v1/accounts/"] = new(_ => "/api/v1/accounts", _ => Json(new { userName = "", role = Role.VillageOfficer }), Ok, Forbidden, Forbidden, Forbidden, Forbidden),
        ["PUT /api/v1/accounts/{user}"] = new(_ => "/api/v1/accounts/no-such-user", _ => Json(new { role = Role.Inspector }), NotFound, Forbidden, Forbidden, Forbidden, Forbidden),
        ["POST /api/v1/accounts/{user}/disable"] = new(_ => "/api/v1/accounts/no-such-user/disable", _ => Json(new { reason = "x" }), NotFound, Forbidden, Forbidden, Forbidden, Forbidden),
        ["POST /api/v1/accounts/{user}/enable"] = new(_ => "/api/v1/accounts/no-such-user/enable", _ => Json(new { reason = "x" }), NotFound, Forbidden, Forbidden, Forbidden, Forbidden),
        ["POST /api/v1/accounts/{user}/password-reset"] = new(_ => "/api/v1/accounts/no-such-user/password-reset", _ => Json(new { reason = "x" }), NotFound, Forbidden, Forbidden, Forbidden, Forbidden),
        // The API's description: the county's information group and the line departments' systems (Permissions.CanReadApiReference).
        ["GET /openapi/{documentName}.json"] = new(_ => "/openapi/v1.json", null, Ok, Forbidden, Ok, Forbidden, Forbidden),
        ["POST /logout"] = new(_ => "/logout", null, Ok, Ok, Ok, Ok, Ok),
        // The objections to the public notices: every role reads its own unit's; answering checks the objection's unit (NoticeObjectionTests).
        ["GET /api/v1/notices/objections"] = new(_ => "/api/v1/notices/objections", null, Ok, Ok, Ok, Ok, Ok),
        // 户受益公示: the county office alone publishes a village's list (BenefitNoticeTests).
        ["GET /api/v1/notices/benefit-lists"] = new(_ => $"/api/v1/notices/benefit-lists?year={Year}", null, Ok, Ok, Forbidden, Forbidden, Forbidden),
        ["POST /api/v1/notices/benefits"] = new(_ => "/api/v1/notices/benefits", f => Json(new { villageId = f.VillageId, year = Year, startsOn = new DateOnly(Year, 6, 1), days = 7 }), Ok, Forbidden, Forbidden, Forbidden, Forbidden),
        ["POST /api/v1/notices/objections/{id:guid}/answer"] = new(_ => $"/api/v1/notices/objections/{Guid.Empty}/answer", _ => Json(new { version = 0, answer = "x" }), NotFound, NotFound, NotFound, NotFound, NotFound),
    };

    /// <summary>
    /// Endpoints anyone may call: signing in, changing one's password with the current one, the language switch; and the
    /// public notices, the one exception the security rules allow (read and objected to without sign-in; NoticePageTests).
    /// </summary>
    private static readonly HashSet<string> Anonymous = ["POST /api/v1/auth/token", "POST /api/v1/auth/password", "GET /culture/{culture}",
        "GET /api/v1/notices/", "GET /api/v1/notices/projects/{id:guid}", "GET /api/v1/notices/exit/{villageId:guid}/{year:int}",
        "POST /api/v1/notices/projects/{id:guid}/objections", "POST /api/v1/notices/exit/{villageId:guid}/{year:int}/objections",
        "GET /api/v1/notices/benefits/{villageId:guid}/{year:int}", "POST /api/v1/notices/benefits/{villageId:guid}/{year:int}/objections"];

    /// <summary>The pages anyone may open: sign-in, and the public notices (their own layout, masked names; NoticePageTests).</summary>
    private static readonly string[] AnonymousPages = ["/login", "/notices", "/notices/benefits/{VillageId:guid}/{Year:int}", "/notices/exit/{VillageId:guid}/{Year:int}", "/notices/projects/{Id:guid}"];

    /// <summary>The pages and the roles that may open them (all signed-in roles unless listed).</summary>
    private static readonly Dictionary<string, Func<Fixture, string>> Pages = new()
    {
        ["/"] = _ => "/",
        ["/households"] = _ => "/households",
        ["/households/new"] = _ => "/households/new",
        ["/households/import"] = _ => "/households/import",
        ["/households/{Id:guid}"] = f => $"/households/{f.Household}",
        ["/assistance/monitoring/edge/{Id:guid}"] = f => $"/assistance/monitoring/edge/{f.Edge}",
        ["/housing/cases/{Id:guid}"] = f => $"/housing/cases/{f.Housing}",
        ["/households/{Id:guid}/edit"] = f => $"/households/{f.Household}/edit",
        ["/households/{HouseholdId:guid}/members/{MemberId:guid}/edit"] = f => $"/households/{f.Household}/members/{f.Member}/edit",
        ["/households/{HouseholdId:guid}/members/new"] = f => $"/households/{f.Household}/members/new",
        ["/households/{Id:guid}/procedure"] = f => $"/households/{f.Household}/procedure",
        ["/exit/areas/{Id:guid}"] = f => $"/exit/areas/{f.AreaExit}",
        ["/quality/{Rule}"] = _ => "/quality/resident_id",
        ["/credit/loans/{Id:guid}"] = f => $"/credit/loans/{f.Loan}",
        ["/projects/{Id:guid}"] = f => $"/projects/{f.Project}",
        ["/organisation/units/{Id:guid}"] = f => $"/organisation/units/{f.Unit}",
        ["/supervision/inspections/{Id:guid}"] = f => $"/supervision/inspections/{f.Inspection}",
        ["/supervision/findings/{Id:guid}"] = f => $"/supervision/findings/{f.Finding}",
        ["/accounts"] = _ => "/accounts",
        ["/account/password"] = _ => "/account/password",
        ["/forbidden"] = _ => "/forbidden",
    };

    [Fact]
    public async Task EveryEndpoint_AnswersEachRole_AndNeverShowsAnotherAreasRecords()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        var f = await FixtureAsync(county);
        await using var app = await RunningApp.StartAsync(county);
        var clients = new Dictionary<Caller, HttpClient>
        {
            [Caller.Anonymous] = app.AnonymousClient(),
            [Caller.Admin] = await app.ClientAsAsync(Role.CountyAdmin),
            [Caller.Inspector] = await app.ClientAsAsync(Role.Inspector),
            [Caller.Line] = await app.ClientAsAsync(Role.LineDepartment),
            [Caller.Township] = await app.ClientAsAsync(Role.TownshipOfficer, "翔凤镇"),
            [Caller.Village] = await app.ClientAsAsync(Role.VillageOfficer, "翔凤镇/老茶村"),
        };

        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var api = endpoints
            .Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is null && !IsStaticFile(e))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Key: $"{m} /{e.RoutePattern.RawText!.TrimStart('/')}", Endpoint: e)))
            .Where(x => !x.Key.Contains("/_blazor", StringComparison.Ordinal) && !x.Key.Contains("/api/reference", StringComparison.Ordinal))
            .ToList();
        var missing = api.Select(x => x.Key).Where(k => !Api.ContainsKey(k) && !Anonymous.Contains(k)).ToList();
        Assert.True(missing.Count == 0, "Endpoints without an expectation (add them to EndpointMatrixTests):\n" + string.Join("\n", missing.Select(m => $"[{m}]")));
        var stale = Api.Keys.Where(k => !api.Any(x => x.Key == k)).ToList();
        Assert.True(stale.Count == 0, "Expectations for endpoints that no longer exist:\n" + string.Join("\n", stale));
        // The anonymous ones say so in their metadata; every other one needs a sign-in.
        foreach (var (key, endpoint) in api)
            Assert.Equal(Anonymous.Contains(key), endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null);

        var failures = new List<string>();
        foreach (var (key, expect) in Api)
        {
            var method = new HttpMethod(key[..key.IndexOf(' ')]);
            foreach (var (caller, client) in clients)
            {
                var wanted = caller switch
                {
                    Caller.Anonymous => Answer.Unauthorized,
                    Caller.Admin => expect.Admin,
                    Caller.Inspector => expect.Inspector,
                    Caller.Line => expect.Line,
                    Caller.Township => expect.Township,
                    _ => expect.Village,
                };
                using var request = new HttpRequestMessage(method, expect.Path(f)) { Content = expect.Body?.Invoke(f) };
                using var response = await client.SendAsync(request);
                var body = Readable(await response.Content.ReadAsStringAsync());
                var got = (int)response.StatusCode;
                var ok = wanted switch
                {
                    Answer.Ok => got is >= 200 and < 400 or 400 or 409 or 422,
                    // The API answers 401; a page-side endpoint sends the browser to sign in.
                    Answer.Unauthorized => got == 401 || got == 302 && response.Headers.Location?.AbsolutePath == "/login" && !key.Contains(" /api/", StringComparison.Ordinal),
                    Answer.Forbidden => got == 403,
                    Answer.NotFound => got == 404,
                    _ => got is 400 or 403 or 404,
                };
                if (!ok) failures.Add($"{key} as {caller}: wanted {wanted}, got {got} {Short(body)}");
                if (caller is Caller.Township or Caller.Village && (body.Contains(HeadName, StringComparison.Ordinal) || body.Contains(f.Number, StringComparison.Ordinal)))
                    failures.Add($"{key} as {caller}: the answer shows 黄柏园村's household");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>What the officials above the county may call: their roll-up (and sign-out, the antiforgery token); every other endpoint answers 403.</summary>
    private static readonly HashSet<string> Regional = ["GET /api/v1/rollup", "GET /api/v1/rollup.xlsx", "GET /api/v1/auth/antiforgery", "POST /logout",
        // Going back to the roll-up alone (a new token without a county): harmless for an official reading none. Choosing a county needs the grant.
        "DELETE /api/v1/rollup/reading", "POST /rollup/leave"];

    [Fact]
    public async Task EveryEndpoint_RefusesThePrefecturesAndProvincesOfficials_ButTheirOwnRollup()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        var f = await FixtureAsync(county);
        var (province, enshi, yichang) = await county.QueryAsync(async db =>
        {
            var enshi = await db.Prefectures.SingleAsync(p => p.Code == "422800");
            var yichang = new Tuopin.Domain.Places.Prefecture { Id = Guid.CreateVersion7(), ProvinceId = enshi.ProvinceId, Code = "420500", Name = "宜昌市" };
            db.Prefectures.Add(yichang);
            await db.SaveChangesAsync();
            return (enshi.ProvinceId, enshi.Id, yichang.Id);
        });
        await using var app = await RunningApp.StartAsync(county);
        var clients = new Dictionary<string, HttpClient>
        {
            ["prefecture"] = await app.ClientAsAsync(Role.PrefectureOfficial, region: enshi),
            ["province"] = await app.ClientAsAsync(Role.ProvinceOfficial, region: province),
        };
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var keys = endpoints
            .Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is null && !IsStaticFile(e))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => $"{m} /{e.RoutePattern.RawText!.TrimStart('/')}"))
            .Where(k => !k.Contains("/_blazor", StringComparison.Ordinal) && !k.Contains("/api/reference", StringComparison.Ordinal) && !Anonymous.Contains(k))
            .ToList();
        var failures = new List<string>();
        foreach (var key in keys)
        {
            var expect = Api[key];
            var method = new HttpMethod(key[..key.IndexOf(' ')]);
            foreach (var (who, client) in clients)
            {
                using var request = new HttpRequestMessage(method, expect.Path(f)) { Content = expect.Body?.Invoke(f) };
                using var response = await client.SendAsync(request);
                var body = Readable(await response.Content.ReadAsStringAsync());
                var got = (int)response.StatusCode;
                var allowed = Regional.Contains(key);
                if (allowed ? got is not (>= 200 and < 400) : got != 403) failures.Add($"{key} as the {who}'s official: got {got} {Short(body)}");
                if (body.Contains(HeadName, StringComparison.Ordinal) || body.Contains(f.Number, StringComparison.Ordinal))
                    failures.Add($"{key} as the {who}'s official: the answer shows a household");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));

        // Their own roll-up: the prefecture's counties (来凤县), figures only; another prefecture's is refused, anonymous is not signed in.
        var own = await clients["prefecture"].GetAsync("/api/v1/rollup?year=2016");
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        var text = Readable(await own.Content.ReadAsStringAsync());
        Assert.Contains("恩施土家族苗族自治州", text, StringComparison.Ordinal);
        Assert.Contains("来凤县", text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await clients["prefecture"].GetAsync("/api/v1/rollup?area=420500")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await clients["prefecture"].GetAsync("/api/v1/rollup.xlsx?area=420000")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await clients["province"].GetAsync("/api/v1/rollup.xlsx?area=420500")).StatusCode);
        var other = await app.ClientAsAsync(Role.PrefectureOfficial, region: yichang);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync("/api/v1/rollup?area=422800")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.AnonymousClient().GetAsync("/api/v1/rollup")).StatusCode);

        // A bookmark to the county's home page takes them to their own, the roll-up.
        foreach (var (who, client) in clients)
        {
            using var home = await client.GetAsync("/");
            var landed = home.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found ? home.Headers.Location!.OriginalString : home.RequestMessage!.RequestUri!.AbsolutePath;
            Assert.True(landed == "/rollup", $"/ as the {who}'s official: {(int)home.StatusCode} {landed}");
        }
    }

    /// <summary>
    /// The endpoints called with POST, PUT or DELETE that change no record (<see cref="Tuopin.Web.Accounts.ChangesNoRecord"/>): an
    /// official above the county may call them; every other such endpoint refuses them at the policy.
    /// </summary>
    private static readonly HashSet<string> ChangeNoRecord = ["POST /api/v1/households/search", "POST /api/v1/exit/whatif", "POST /logout",
        "POST /api/v1/rollup/reading", "DELETE /api/v1/rollup/reading", "POST /rollup/counties/{code}/read", "POST /rollup/leave"];

    /// <summary>What the granted official reading a county gets beside the inspector's answers: their own roll-up and their way in and out.</summary>
    private static readonly HashSet<string> ReaderOwn = ["GET /api/v1/rollup", "GET /api/v1/rollup.xlsx", "POST /api/v1/rollup/reading", "DELETE /api/v1/rollup/reading",
        "POST /rollup/counties/{code}/read", "POST /rollup/leave"];

    /// <summary>
    /// A prefecture's official granted the counties' records (ADR 0016), reading 来凤县 of their prefecture: every endpoint the
    /// county's inspector reads answers them as it answers the inspector; every endpoint that writes refuses them (403, at the
    /// policy: their roles' write rule), even those the inspector may call; no answer shows a full resident ID or phone number.
    /// </summary>
    [Fact]
    public async Task EveryEndpoint_AnswersAGrantedPrefectureOfficialReadingACountyOfTheirPrefecture_AsItsInspector_WithoutWritesOrPersonalData()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        var f = await FixtureAsync(county);
        // A second household with a phone, whose number no answer may show in full.
        var phoned = Build.Member(name: "黄柏园乙户主");
        var withPhone = await county.As<CreateHousehold>(county.Admin).HandleAsync(new CreateHousehold.Request(
            Build.Household(county.Villages[Village].Id) with { Phone = "13912345678" }, [phoned], RegisteredOn: new DateOnly(2014, 10, 1)));
        var enshi = await county.QueryAsync(db => db.Prefectures.Where(p => p.Code == "422800").Select(p => p.Id).SingleAsync());
        await using var app = await RunningApp.StartAsync(county);
        var reader = await app.ClientAsAsync(Role.PrefectureOfficial, region: enshi, countyRecords: true);
        // Granted, but reading no county yet: the roll-up alone.
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.GetAsync("/api/v1/households")).StatusCode);
        await ReadCountyAsync(reader, "422827");
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync("/api/v1/households")).StatusCode);

        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var api = endpoints
            .Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is null && !IsStaticFile(e))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Key: $"{m} /{e.RoutePattern.RawText!.TrimStart('/')}", Endpoint: e)))
            .Where(x => !x.Key.Contains("/_blazor", StringComparison.Ordinal) && !x.Key.Contains("/api/reference", StringComparison.Ordinal) && !Anonymous.Contains(x.Key))
            .ToList();
        // The endpoints marked as changing no record are exactly those named here (a new one must say so).
        Assert.Equal(ChangeNoRecord.Order(StringComparer.Ordinal),
            api.Where(x => x.Endpoint.Metadata.GetMetadata<Tuopin.Web.Accounts.ChangesNoRecord>() is not null).Select(x => x.Key).Order(StringComparer.Ordinal));

        string[] secrets = [f.HeadId, phoned.ResidentId!, "13912345678"];
        var failures = new List<string>();
        var reads = 0;
        foreach (var (key, _) in api)
        {
            var expect = Api[key];
            var method = new HttpMethod(key[..key.IndexOf(' ')]);
            var read = method == HttpMethod.Get || ChangeNoRecord.Contains(key);
            // The county's audit log too: its entries carry their county, and the official reads the county's alone (ADR 0010).
            var wanted = ReaderOwn.Contains(key) ? Answer.Ok : read ? expect.Inspector : Answer.Forbidden;
            using var request = new HttpRequestMessage(method, expect.Path(f)) { Content = expect.Body?.Invoke(f) };
            using var response = await reader.SendAsync(request);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            var body = Readable(Encoding.UTF8.GetString(bytes));
            // A workbook, a document, a zip of papers: read inside, where a number would be.
            if (bytes.Length > 4 && bytes[0] == 'P' && bytes[1] == 'K') body += Unzipped(bytes);
            var got = (int)response.StatusCode;
            var ok = wanted switch
            {
                Answer.Ok => got is >= 200 and < 400 or 400 or 409 or 422,
                Answer.Forbidden => got == 403,
                Answer.NotFound => got == 404,
                _ => got is 400 or 403 or 404,
            };
            if (!ok) failures.Add($"{key} as the reading official: wanted {wanted}, got {got} {Short(Readable(Encoding.UTF8.GetString(bytes)))}");
            // A write is refused by the policy itself (an empty 403), before any use case runs: not left to each use case's own check.
            if (!read && !ReaderOwn.Contains(key) && got == 403 && body.Length > 0) failures.Add($"{key} as the reading official: refused past the policy ({Short(body)})");
            if (read && wanted == Answer.Ok && got is >= 200 and < 300) reads++;
            foreach (var secret in secrets)
                if (body.Contains(secret, StringComparison.Ordinal)) failures.Add($"{key} as the reading official: the answer shows {secret}");
            // Choosing, leaving and signing out answer with a new token (or none): the client keeps reading with its own.
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.True(reads > 60, $"only {reads} reads answered");

        // What they read is the county's, masked: the household's numbers as the inspector sees them.
        var detail = Readable(await reader.GetStringAsync($"/api/v1/households/{withPhone}"));
        Assert.Contains("422827************", detail, StringComparison.Ordinal);
        Assert.Contains("139****5678", detail, StringComparison.Ordinal);
        Assert.Contains("黄柏园乙户主", Readable(await reader.GetStringAsync("/api/v1/households")), StringComparison.Ordinal);
        // And the files read inside (what the secrets' check above reads): the workbook names the household, masked.
        var workbook = Unzipped(await reader.GetByteArrayAsync("/api/v1/registry/export?format=xlsx"));
        Assert.Contains("黄柏园乙户主", workbook, StringComparison.Ordinal);
        Assert.Contains("422827************", workbook, StringComparison.Ordinal);
        var card = Unzipped(await reader.GetByteArrayAsync($"/api/v1/registry/papers/registration-form?household={withPhone}"));
        Assert.Contains("黄柏园乙户主", card, StringComparison.Ordinal);
        Assert.DoesNotContain(phoned.ResidentId!, card, StringComparison.Ordinal);
        // Their own roll-up is still the prefecture's; the home page is now the county's overview.
        Assert.Contains("恩施土家族苗族自治州", Readable(await reader.GetStringAsync("/api/v1/rollup")), StringComparison.Ordinal);
        using var home = await reader.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
    }

    /// <summary>The text of every entry of a zip (an .xlsx, a .docx, a .zip of papers), as it is stored.</summary>
    private static string Unzipped(byte[] bytes)
    {
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(bytes));
        var text = new StringBuilder();
        foreach (var entry in zip.Entries)
        {
            using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
            text.Append(reader.ReadToEnd());
        }
        return Readable(text.ToString());
    }

    /// <summary>Chooses the county the client's official reads; with a bearer token the answer is the new token, which the client uses from then on.</summary>
    internal static async Task ReadCountyAsync(HttpClient client, string code)
    {
        using var chosen = await client.PostAsJsonAsync("/api/v1/rollup/reading", new { county = code });
        Assert.True(chosen.StatusCode == HttpStatusCode.OK, $"choosing {code}: {(int)chosen.StatusCode} {await chosen.Content.ReadAsStringAsync()}");
        var token = (await chosen.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
    }

    [Fact]
    public async Task EveryPage_NeedsASignIn_RefusesTheRolesItIsNotFor_AndNeverShowsAnotherAreasRecords()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        var f = await FixtureAsync(county);
        await using var app = await RunningApp.StartAsync(county);

        var pages = typeof(Tuopin.Web.Program).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes(typeof(RouteAttribute), false).Cast<RouteAttribute>().Select(r => (r.Template, Type: t)))
            .ToList();
        var anonymous = pages.Where(p => p.Type.GetCustomAttributes(typeof(AllowAnonymousAttribute), true).Length > 0).Select(p => p.Template).ToList();
        Assert.Equal(AnonymousPages, anonymous.Order(StringComparer.Ordinal));
        foreach (var (template, type) in pages.Where(p => !AnonymousPages.Contains(p.Template)))
            Assert.True(type.GetCustomAttributes(typeof(AuthorizeAttribute), true).Length > 0, $"{template} declares no authorization");

        var browsers = new Dictionary<Role, HttpClient>();
        foreach (var (role, area) in new (Role, string?)[] { (Role.CountyAdmin, null), (Role.Inspector, null), (Role.LineDepartment, null), (Role.TownshipOfficer, "翔凤镇"), (Role.VillageOfficer, "翔凤镇/老茶村") })
        {
            var name = $"page-{role}";
            var password = await app.AddUserAsync(name, role, area);
            var browser = app.AnonymousClient();
            await RunningApp.SignInWithFormAsync(browser, name, password);
            browsers[role] = browser;
        }

        var failures = new List<string>();
        foreach (var (template, type) in pages.Where(p => !AnonymousPages.Contains(p.Template)))
        {
            var path = Pages.TryGetValue(template, out var make) ? make(f) : template.Contains('{', StringComparison.Ordinal) ? null : template;
            if (path is null)
            {
                failures.Add($"{template}: no path for its parameters (add it to Pages)");
                continue;
            }
            var anonymousAnswer = await app.AnonymousClient().GetAsync(path);
            if (anonymousAnswer.StatusCode != HttpStatusCode.Redirect || anonymousAnswer.Headers.Location?.AbsolutePath != "/login")
                failures.Add($"{template} anonymous: {anonymousAnswer.StatusCode} {anonymousAnswer.Headers.Location}");
            var policy = type.GetCustomAttributes(typeof(AuthorizeAttribute), true).Cast<AuthorizeAttribute>().Select(a => a.Policy).FirstOrDefault();
            foreach (var (role, browser) in browsers)
            {
                var response = await browser.GetAsync(path);
                var body = Readable(await response.Content.ReadAsStringAsync());
                var allowed = Hosting.WebApp.Policies.Allows(policy, role);
                // The refused-page answer itself is a 403 (the next check asks that a refused page is sent there).
                if (template == "/forbidden" && response.StatusCode != HttpStatusCode.Forbidden)
                    failures.Add($"{template} as {role}: {response.StatusCode}, not 403");
                else if (allowed && template != "/forbidden" && response.StatusCode != HttpStatusCode.OK)
                    failures.Add($"{template} as {role}: {response.StatusCode} {response.Headers.Location}");
                if (!allowed && (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.AbsolutePath != "/forbidden"))
                    failures.Add($"{template} as {role}: refused page answered {response.StatusCode} {response.Headers.Location}");
                if (role is Role.TownshipOfficer or Role.VillageOfficer && (body.Contains(HeadName, StringComparison.Ordinal) || body.Contains(f.Number, StringComparison.Ordinal)))
                    failures.Add($"{template} as {role}: the page shows 黄柏园村's household");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        // A refused page ends on the app's own 403 page, with the menu and a way back.
        var refused = await browsers[Role.Inspector].GetAsync("/forbidden?ReturnUrl=%2Faccounts");
        var text = Readable(await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("您的角色无权访问此页面", text, StringComparison.Ordinal);
        Assert.Contains("/accounts", text, StringComparison.Ordinal);
        Assert.Contains("督查人员", text, StringComparison.Ordinal);
        Assert.Contains("返回上一页", text, StringComparison.Ordinal);
        Assert.Contains("app-sider", text, StringComparison.Ordinal);
        // The API reference is a page: a role without it is sent to the same 403 page, not given a bare status.
        var reference = await browsers[Role.VillageOfficer].GetAsync("/api/reference");
        Assert.Equal(HttpStatusCode.Redirect, reference.StatusCode);
        Assert.Equal("/forbidden", reference.Headers.Location?.AbsolutePath);
        var allowedReference = await browsers[Role.CountyAdmin].GetAsync("/api/reference/");
        Assert.Equal(HttpStatusCode.OK, allowedReference.StatusCode);
        var html = await allowedReference.Content.ReadAsStringAsync();
        // Offline: no fonts or scripts from a CDN.
        Assert.DoesNotContain("cdn.jsdelivr", html, StringComparison.Ordinal);
        Assert.DoesNotContain("fonts.scalar", html, StringComparison.Ordinal);
    }

    /// <summary>The app's and the frameworks' static files (served to anyone, with nothing of the county's in them).</summary>
    private static bool IsStaticFile(RouteEndpoint e) =>
        e.Metadata.Any(m => m.GetType().Name.Contains("StaticAsset", StringComparison.Ordinal))
        || e.RoutePattern.RawText?.TrimStart('/') is { } raw && (raw.StartsWith("_framework/", StringComparison.Ordinal) || raw.StartsWith("_content/", StringComparison.Ordinal)
            || raw.Contains(":file}", StringComparison.Ordinal));

    /// <summary>The text as a reader sees it: JSON's \u escapes and HTML's character references undone.</summary>
    private static string Readable(string body) =>
        WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(body, @"\\u([0-9a-fA-F]{4})", m => ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString()));

    private static string Short(string body) => body.Length > 200 ? body[..200] : body;

    /// <summary>A household of 黄柏园村 in its exit procedure with a paper, and the village's own exit with a document.</summary>
    private static async Task<Fixture> FixtureAsync(TestCounty county)
    {
        var head = Build.Member(name: HeadName);
        var household = await county.AddHouseholdAsync(Village, head);
        var officer = county.VillageOfficer(Village);
        var proposed = await county.As<ProposeExits>(officer).HandleAsync(new ProposeExits.Request(county.Villages[Village].Id, Year, new DateOnly(Year, 9, 1), [household], null));
        await county.As<RecordProcedureStep>(officer).HandleAsync(new RecordProcedureStep.Request(proposed.ProcedureIds, ProcedureStep.DemocraticReview, new DateOnly(Year, 9, 5), null));
        var detail = await county.As<GetHousehold>(county.Admin).HandleAsync(household);
        var step = (await county.As<GetHouseholdProcedure>(officer).HandleAsync(household)).Single().Steps.Single(s => s.Step == ProcedureStep.DemocraticReview);
        var paper = await county.As<AttachFile>(officer).HandleAsync(new AttachFile.Request(step.Id, "评议记录.pdf", new MemoryStream("%PDF-1.4\n%%EOF\n"u8.ToArray())));
        await county.QueryAsync(db => db.Villages.ExecuteUpdateAsync(s => s.SetProperty(v => v.RegisteredPopulation, 100)));
        await county.QueryAsync(db => Tuopin.Application.Plan.LoadPlan.EnsureBuiltInAsync(db));
        var areaExit = await county.As<OpenAreaExit>(officer).HandleAsync(new OpenAreaExit.Request(AreaExitLevel.Village, county.Villages[Village].Id, Year));
        var evidence = await county.As<AttachAreaEvidence>(officer).HandleAsync(new AttachAreaEvidence.Request(areaExit, "village_application", "申请.pdf", new MemoryStream("%PDF-1.4\n%%EOF\n"u8.ToArray())));
        var cadre = await county.As<RegisterCadre>(county.Admin).HandleAsync(new RegisterCadre.Request("结对干部", "县扶贫办", Phone: "13800001111"));
        var measure = await county.As<RecordMeasure>(officer).HandleAsync(new RecordMeasure.Request(household, new RecordMeasure.Fields(Year, MeasureType.Industry, "发展茶叶3亩")));
        var watched = await county.As<EnrollForMonitoring>(officer).HandleAsync(new EnrollForMonitoring.Request(household, MonitoringRisk.IllnessOrDisability, "户主住院"));
        var edge = await county.As<EnrollEdgeHousehold>(officer).HandleAsync(new EnrollEdgeHousehold.Request(county.Villages[Village].Id, EdgeKind.SuddenHardship, 3_000m,
            [new EdgeHouseholds.MemberInput("边缘户主", Relation.Head, Build.NewResidentId().Value)], MonitoringRisk.Disaster, "房屋受灾"));
        var course = await county.As<RecordTrainingCourse>(county.Admin).HandleAsync(new RecordTrainingCourse.Request(TrainingKind.VillageCadres, "村干部培训", "县委组织部", new DateOnly(Year, 5, 1), new DateOnly(Year, 5, 3)));
        await county.QueryAsync(db => db.Households.Where(h => h.Id == household).ExecuteUpdateAsync(s => s.SetProperty(h => h.Housing, HousingSafety.DangerC)));
        var housing = await county.As<Tuopin.Application.Housing.ApplyForHousing>(officer).HandleAsync(new(household, Tuopin.Domain.Housing.HousingCaseKind.Renovation));
        var loan = await county.As<Tuopin.Application.Credit.IssueLoan>(officer).HandleAsync(new Tuopin.Application.Credit.IssueLoan.Request(household,
            new Tuopin.Application.Credit.IssueLoan.Fields("来凤农商行", "M-1", 30_000m, new DateOnly(Year, 3, 1), 36, "发展藤茶")));
        var project = await county.As<Tuopin.Application.Projects.PlanProject>(county.Admin).HandleAsync(new Tuopin.Application.Projects.PlanProject.Request(new(
            "黄柏园村通组公路", Tuopin.Domain.Projects.ProjectCategory.Road, Year, [county.Villages[Village].Id], county.Villages[Village].TownshipId, null, 500_000m, 2m, "公里")));
        var projectDocument = await county.As<Tuopin.Application.Projects.AttachProjectDocument>(county.Admin).HandleAsync(new Tuopin.Application.Projects.AttachProjectDocument.Request(
            project.Id, Tuopin.Domain.Projects.ProjectStep.Planned, Tuopin.Domain.Projects.ProjectDocumentKind.Other, "项目方案.pdf", new MemoryStream("%PDF-1.4\n%%EOF\n"u8.ToArray())));
        // 黄柏园村's team, with a person named as the household's head: no answer to 翔凤镇 or 老茶村 may show it.
        var unit = await county.As<Tuopin.Application.Organisation.SaveUnit>(county.Admin).HandleAsync(new Tuopin.Application.Organisation.SaveUnit.Request(new(
            Tuopin.Domain.Organisation.UnitKind.VillageTeam, "黄柏园村脱贫责任组", TownshipId: county.Villages[Village].TownshipId, VillageId: county.Villages[Village].Id)));
        await county.As<Tuopin.Application.Organisation.SaveUnitPerson>(county.Admin).HandleAsync(new(unit.Id, new(HeadName, "村支部书记", true, true)));
        // An inspection of 黄柏园村 with a finding on the village, the inspector's evidence, and a case of accountability of its team.
        var inspection = await county.As<Tuopin.Application.Supervision.RecordInspection>(county.Inspector).HandleAsync(new(Tuopin.Domain.Supervision.InspectionKind.Unannounced, Year,
            "黄柏园村帮扶暗访", null, null, county.Villages[Village].Id, new DateOnly(Year, 5, 1), new DateOnly(Year, 5, 2), "督查员"));
        var finding = await county.As<Tuopin.Application.Supervision.RecordFinding>(county.Inspector).HandleAsync(new(inspection.Id, Tuopin.Domain.Supervision.FindingCategory.Assistance,
            "帮扶措施未落实", unit.Id, new DateOnly(Year, 6, 30), Tuopin.Domain.Supervision.FindingTarget.Village, county.Villages[Village].Id));
        var findingEvidence = await county.As<Tuopin.Application.Supervision.AttachFindingEvidence>(county.Inspector).HandleAsync(new(finding.Id, false, "暗访照片.pdf", new MemoryStream("%PDF-1.4\n%%EOF\n"u8.ToArray())));
        var accountability = await county.As<Tuopin.Application.Supervision.RecordAccountabilityCase>(county.Inspector).HandleAsync(new(Year, unit.Id, null, "帮扶不到位",
            Tuopin.Domain.Supervision.AccountabilityMeasure.Reminder, new DateOnly(Year, 7, 1), FindingId: finding.Id));
        return new Fixture(household, detail.Members[0].Id, proposed.ProcedureIds[0], step.Id, paper.Id, areaExit, evidence.Id,
            county.Villages[Village].Id, county.Villages[Village].TownshipId, head.ResidentId!, detail.Number, cadre.Id, measure.Id, watched, course.Id, edge.EdgeHouseholdId, housing.Id) { Loan = loan.Id, Project = project.Id, ProjectDocument = projectDocument.Id, Unit = unit.Id, Inspection = inspection.Id, Finding = finding.Id, FindingEvidence = findingEvidence.Id, AccountabilityCase = accountability.Id };
    }
}
