using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Registry;

/// <summary>
/// Records a change of a household's poverty status with its date and reason. The history keeps
/// every change; the household shows the latest. Only the county approves a status change, and only the
/// changes <see cref="HouseholdStatusRules.CheckTransition"/> allows.
/// </summary>
public sealed class ChangeHouseholdStatus(Database database)
{
    public sealed record Request(Guid HouseholdId, int Version, HouseholdStatus To, int? Year, DateOnly Date, string Reason);

    public async Task<int> HandleAsync(Request request, CancellationToken ct = default)
    {
        if (!Permissions.CanApproveStatusChange(database.Actor.Role))
            throw new ForbiddenException(new LocalText("脱贫状态的变更由县级审定", "Only the county approves a change of poverty status"));
        await using var db = database.Open();
        var household = await RegistryMapping.HouseholdForChangeAsync(db, request.HouseholdId, request.Version, ct);
        var today = database.Clock.Today();
        var problems = await ApplyAsync(db, household, request, today, ct);
        if (problems.Count > 0) throw new InvalidRequestException(problems);
        db.ChangeReason = request.Reason;
        await RegistryMapping.SaveAsync(db, household.Id, ct);
        return household.Version;
    }

    /// <summary>
    /// Checks a status change of a tracked household and, when it is allowed, applies it and appends its event
    /// without saving, so that a caller (the exit procedure's announcement) can save it with its own records.
    /// </summary>
    internal static async Task<List<Problem>> ApplyAsync(TuopinDb db, Household household, Request request, DateOnly today, CancellationToken ct)
    {
        var problems = new List<Problem>();
        if (string.IsNullOrWhiteSpace(request.Reason))
            problems.Add(new Problem("reason", "status.reason_required", new LocalText("请说明变更原因", "Say why the status changes")));
        if (request.To == household.Status && request.Year == household.ExitYear)
            problems.Add(new Problem("to", "status.unchanged", new LocalText("状态没有变化", "The status is unchanged")));
        else if (HouseholdStatusRules.CheckTransition(household.Status, request.To) is { } refused)
            problems.Add(refused);
        var from = household.Status;
        household.Status = request.To;
        household.ExitYear = request.To == HouseholdStatus.Exited ? request.Year : request.To == HouseholdStatus.NotExited ? null : household.ExitYear;
        problems.AddRange(RegistryRules.CheckHousehold(household).Where(p => p.Field is "status" or "exitYear"));
        if (request.To == HouseholdStatus.Exited && request.Year is { } y && request.Date.Year < y)
            problems.Add(new Problem("date", "status.date_before_year", new LocalText($"变更日期早于脱贫年度{y}", $"The date is before the exit year {y}")));
        var last = await HouseholdEvents.LastAsync(db, household.Id, ct);
        if (request.Date > today)
            problems.Add(new Problem("date", "status.date_future", new LocalText("变更日期不能晚于今天", "The date cannot be in the future")));
        else if (last is { } previous && request.Date < previous.Date)
            problems.Add(new Problem("date", "status.date_before_previous", new LocalText($"变更日期早于上一次状态变化（{previous.Date:yyyy-MM-dd}）", $"The date is before the previous change of status ({previous.Date:yyyy-MM-dd})")));
        var kind = HouseholdStatusRules.EventKindOf(request.To);
        if ((await AdjustmentWindow.GetAsync(db, ct)).Check(kind, request.Date) is { } outside) problems.Add(outside);
        if (household.ClosedOn is not null)
            problems.Add(new Problem("to", "event.household_closed", new LocalText("该户已合并到其他户", "The household was merged into another")));
        if (problems.Count == 0) HouseholdEvents.Append(db, household, last, kind, request.Date, from, request.Reason);
        return problems;
    }
}
