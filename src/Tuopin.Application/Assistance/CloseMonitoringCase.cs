using Microsoft.EntityFrameworkCore;
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
/// may do it. An edge household's case (边缘户) ends with the risk removed, or with its registration as poor
/// (识别为贫困户): the household is first registered in the registry (新识别, under the registry's rules), and the closing
/// names its number; a member of the edge household must be a member of that registered household.
/// </summary>
public sealed class CloseMonitoringCase(Database database)
{
    public sealed record Request(Guid CaseId, int Version, DateOnly ClosedOn, MonitoringOutcome Outcome, string Reason, string? HouseholdNumber = null);

    public async Task HandleAsync(Request request, CancellationToken ct = default)
    {
        var actor = database.Actor;
        AssistanceAccess.RequireWriter(actor);
        if (request.Outcome is MonitoringOutcome.ReturnedToPoverty or MonitoringOutcome.RegisteredAsPoor && !Permissions.CanApproveStatusChange(actor.Role))
            throw new ForbiddenException(new LocalText("返贫或识别为贫困户由县级审定：请报县扶贫办结案", "A return to or registration as poverty is the county's decision: ask the county office to close the case"));
        var today = database.Clock.Today();
        await using var db = database.Open();
        var c = await MonitoringCases.OpenAsync(db, request.CaseId, request.Version, ct);
        var problems = new List<Problem>();
        if (!Enum.IsDefined(request.Outcome)) problems.Add(new Problem("outcome", "monitoring.outcome", new LocalText("请选择结案方式", "Choose how the case ends")));
        else if (!Monitoring.Fits(request.Outcome, c.EdgeHouseholdId is not null))
            problems.Add(new Problem("outcome", "monitoring.outcome", c.EdgeHouseholdId is not null
                ? new LocalText("监测户不在建档立卡系统中，不能“返贫”：请选择风险消除或识别为贫困户", "A watched edge household is not in the registry and cannot return to poverty: choose risk removed or registered as poor")
                : new LocalText("建档立卡户返贫请选择“返贫”", "A registered household that is poor again returns to poverty")));
        if (Monitoring.CheckDay(c, request.ClosedOn, today, "closedOn") is { } day) problems.Add(day);
        if (string.IsNullOrWhiteSpace(request.Reason)) problems.Add(new Problem("reason", "monitoring.close_reason", new LocalText("请填写结案理由", "Say why the case is closed")));
        else if (request.Reason.Trim().Length > 500) problems.Add(new Problem("reason", "monitoring.close_reason", new LocalText("理由不能超过500个字", "A reason has at most 500 characters")));
        if (problems.Count > 0) throw new InvalidRequestException(problems);
        if (request.Outcome == MonitoringOutcome.RegisteredAsPoor)
        {
            var number = request.HouseholdNumber?.Trim();
            var household = string.IsNullOrEmpty(number) ? null
                : await db.Households.AsNoTracking().Where(h => h.Number == number && h.Status != HouseholdStatus.Removed).Select(h => new { h.Id }).FirstOrDefaultAsync(ct);
            var same = household is not null && await (from m in db.Members
                                                        join e in db.EdgeMembers on m.ResidentIdIndex equals e.ResidentIdIndex
                                                        where m.HouseholdId == household.Id && e.EdgeHouseholdId == c.EdgeHouseholdId
                                                        select m.Id).AnyAsync(ct);
            if (!same)
                throw new InvalidRequestException([new Problem("householdNumber", "monitoring.registered", string.IsNullOrEmpty(number)
                    ? new LocalText("请填写该户在建档立卡系统中的户编号（先在建档立卡中新识别登记该户）", "Give the household's number in the registry (register it there first)")
                    : new LocalText($"您管辖范围内的建档立卡户 {number} 中没有本监测户的成员", $"No member of this watched household is in registered household {number} in your area"))]);
        }
        if (request.Outcome == MonitoringOutcome.ReturnedToPoverty)
        {
            var household = await db.Households.FindAsync([c.HouseholdId!.Value], ct) ?? throw RegistryMapping.HouseholdNotFound();
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
