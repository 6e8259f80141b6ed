using Tuopin.Application.Common;
using Tuopin.Application.Registry;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Assistance;
using Tuopin.Domain.Common;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Assistance;

/// <summary>
/// Closes a monitoring case (结案): the risk is removed (风险消除), or the household returned to poverty (返贫). A return
/// is the registry's event and the county's decision: it is recorded as the household's status change (to 返贫, with
/// the day and reason, under the registry's rules) in the same save as the closing, and only the county administrator
/// may do it.
/// </summary>
public sealed class CloseMonitoringCase(Database database)
{
    public sealed record Request(Guid CaseId, int Version, DateOnly ClosedOn, MonitoringOutcome Outcome, string Reason);

    public async Task HandleAsync(Request request, CancellationToken ct = default)
    {
        var actor = database.Actor;
        AssistanceAccess.RequireWriter(actor);
        if (request.Outcome == MonitoringOutcome.ReturnedToPoverty && !Permissions.CanApproveStatusChange(actor.Role))
            throw new ForbiddenException(new LocalText("返贫由县级审定：请报县扶贫办结案", "A return to poverty is the county's decision: ask the county office to close the case"));
        var today = DateOnly.FromDateTime(database.Clock.GetLocalNow().DateTime);
        await using var db = database.Open();
        var c = await MonitoringCases.OpenAsync(db, request.CaseId, request.Version, ct);
        var problems = new List<Problem>();
        if (!Enum.IsDefined(request.Outcome)) problems.Add(new Problem("outcome", "monitoring.outcome", new LocalText("请选择结案方式", "Choose how the case ends")));
        if (Monitoring.CheckDay(c, request.ClosedOn, today, "closedOn") is { } day) problems.Add(day);
        if (string.IsNullOrWhiteSpace(request.Reason)) problems.Add(new Problem("reason", "monitoring.close_reason", new LocalText("请填写结案理由", "Say why the case is closed")));
        else if (request.Reason.Trim().Length > 500) problems.Add(new Problem("reason", "monitoring.close_reason", new LocalText("理由不能超过500个字", "A reason has at most 500 characters")));
        if (problems.Count > 0) throw new InvalidRequestException(problems);
        if (request.Outcome == MonitoringOutcome.ReturnedToPoverty)
        {
            var household = await db.Households.FindAsync([c.HouseholdId], ct) ?? throw RegistryMapping.HouseholdNotFound();
            var status = await ChangeHouseholdStatus.ApplyAsync(db, household,
                new ChangeHouseholdStatus.Request(household.Id, household.Version, HouseholdStatus.Returned, household.ExitYear, request.ClosedOn, request.Reason.Trim()), today, ct);
            if (status.Count > 0) throw new InvalidRequestException(status.Select(p => p with { Field = p.Field == "date" ? "closedOn" : p.Field }).ToList());
            household.Version++;
        }
        c.ClosedOn = request.ClosedOn;
        c.Outcome = request.Outcome;
        c.CloseReason = request.Reason.Trim();
        c.Version++;
        db.ChangeReason = request.Reason;
        await db.SaveChangesAsync(ct);
    }
}
