using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Accounts;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;
using Tuopin.Domain.Funds;
using Tuopin.Domain.Projects;

namespace Tuopin.Application.Funds;

/// <summary>
/// Who does what in the fund ledger ("supervision follows funds"): the county (a county administrator) registers sources,
/// allocates and reallocates; the unit responsible for a project — its township's officers, or its line department —
/// records the project's payments and refunds (the county administrator may too); inspectors, line departments and
/// township officers read the ledger, its check and its traces; a village officer reads only the household payments of
/// their own village (a household's trace). The save-time guard (Audit) refuses the same again. Sources, allocations and
/// payments are the county's (<see cref="ICountyBound"/>): the query filter keeps each county's to its own users (the ledger's
/// reads add no county condition of their own), and the guard refuses a write of another county's.
/// </summary>
public static class FundsAccess
{
    public static bool IsCounty(Actor actor) => actor.Scope.Level is AreaLevel.Everything or AreaLevel.County;

    public static bool CanManage(Actor actor) => actor.Role == Role.CountyAdmin && IsCounty(actor);

    /// <summary>Whether the role may record payments at all (the project decides which ones).</summary>
    public static bool CanDisburseAny(Actor actor) =>
        CanManage(actor) || actor.Role == Role.TownshipOfficer || (actor.Role == Role.LineDepartment && actor.Department is not null);

    /// <summary>The project's responsible unit (or the county administrator) records its payments.</summary>
    public static bool CanDisburse(Actor actor, Project project) =>
        CanManage(actor)
        || (actor.Role == Role.TownshipOfficer && project.ResponsibleTownshipId is { } t && t == actor.Scope.TownshipId)
        || (actor.Role == Role.LineDepartment && project.ResponsibleDepartment is { } d && d == actor.Department);

    public static bool CanReadLedger(Actor actor) =>
        actor.Role is Role.CountyAdmin or Role.Inspector or Role.LineDepartment or Role.TownshipOfficer;

    public static void RequireManager(Actor actor)
    {
        if (!CanManage(actor))
            throw new ForbiddenException(new LocalText("只有县级管理员可以登记资金来源、分配和调整资金", "Only a county administrator registers sources, allocates and reallocates funds"));
    }

    public static void RequireDisburser(Actor actor, Project project)
    {
        if (!CanDisburse(actor, project))
            throw new ForbiddenException(new LocalText("只有项目的责任单位（实施乡镇或行业部门）可以录入该项目的资金支付", "Only the project's responsible unit (its township or line department) records its payments"));
    }

    public static void RequireLedgerReader(Actor actor)
    {
        if (!CanReadLedger(actor))
            throw new ForbiddenException(new LocalText("资金台账由县、乡镇、行业部门和督查人员查看；村级只查看本村农户的资金", "The ledger is read by the county, townships, departments and inspectors; a village reads its own households' payments"));
    }

    public static NotFoundException SourceNotFound() => new(new LocalText("找不到该资金来源", "No such fund source"));

    public static NotFoundException AllocationNotFound() => new(new LocalText("找不到该笔资金分配", "No such allocation"));

    public static NotFoundException ProjectNotFound() => new(new LocalText("找不到该项目", "No such project"));

    public static NotFoundException DisbursementNotFound() => new(new LocalText("找不到该笔支付", "No such payment"));

    public static NotFoundException HouseholdNotFound() => new(new LocalText("找不到该户", "No such household"));

    public static ConflictException Raced(Exception inner) => new(new LocalText(
        "该笔资金刚被他人同时支付或调整，本次未保存；请重新打开查看余额后再录入", "Someone paid or moved money of the same allocation at the same moment: nothing was saved; reopen it to see the balance and record again"), inner);

    /// <summary>The county a county-level actor works for (the operator's: the one county of the deployment).</summary>
    public static async Task<Guid> CountyIdAsync(TuopinDb db, Actor actor, CancellationToken ct) =>
        actor.Scope.Level == AreaLevel.Everything
            ? await db.Counties.AsNoTracking().OrderBy(c => c.Code).Select(c => c.Id).FirstOrDefaultAsync(ct)
            : actor.Scope.CountyId;

    public static async Task<SpendingSchedule> ScheduleAsync(TuopinDb db, CancellationToken ct) =>
        SpendingSchedule.Parse(await StoredSettings.GetAsync(db, SpendingSchedule.Key, ct)) ?? SpendingSchedule.Default;

    public static async Task<FundThresholds> ThresholdsAsync(TuopinDb db, CancellationToken ct)
    {
        var idle = await StoredSettings.GetAsync(db, FundThresholds.IdleDaysKey, ct);
        var notStarted = await StoredSettings.GetAsync(db, FundThresholds.NotStartedDaysKey, ct);
        return new FundThresholds(
            int.TryParse(idle, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i > 0 ? i : FundThresholds.Default.IdleDays,
            int.TryParse(notStarted, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : FundThresholds.Default.NotStartedDays);
    }

    /// <summary>The day as of which the alerts count: today, or the end of the working year when that is earlier.</summary>
    public static async Task<DateOnly> AsOfAsync(TuopinDb db, TimeProvider clock, DateOnly? asOf, CancellationToken ct)
    {
        if (asOf is { } given) return given;
        var today = clock.Today();
        var year = await WorkYear.GetAsync(db, clock, ct);
        var end = new DateOnly(year, 12, 31);
        return today < end ? today : end;
    }

    /// <summary>An amount given in yuan, refused unless positive whole fen.</summary>
    public static Money Amount(decimal yuan, string field = "amount") =>
        FundRules.CheckAmount(yuan, field) is { } problem ? throw new InvalidRequestException([problem]) : Money.FromYuan(yuan);

    public static string? Trim(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
