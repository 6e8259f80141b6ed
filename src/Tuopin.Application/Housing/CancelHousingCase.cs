using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Housing;
using Tuopin.Application.Common;

namespace Tuopin.Application.Housing;

/// <summary>
/// Cancels a case not yet paid (取消), with the reason: its measure is cancelled with it, and the household may apply
/// again. An application not yet approved may be withdrawn by the village; a later case only by the township or county.
/// </summary>
public sealed class CancelHousingCase(Database database)
{
    public sealed record Request(Guid CaseId, int Version, string Reason, DateOnly? CancelledOn = null);

    public async Task<int> HandleAsync(Request request, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var c = await HousingCaseSteps.OpenAsync(db, database.Actor, request.CaseId, request.Version, HousingAction.Cancel, ct);
        var today = database.Clock.Today();
        var on = request.CancelledOn ?? (today < c.LastDay ? c.LastDay : today);
        var problems = new List<Problem>();
        if (HousingCases.CheckDay(c, on, today < c.LastDay ? c.LastDay : today, "cancelledOn") is { } day) problems.Add(day);
        if (HousingCases.CheckText(request.Reason, "reason", new LocalText("取消原因", "reason"), required: true, max: 500) is { } reason) problems.Add(reason);
        HousingCaseSteps.ThrowIf(problems);
        c.CancelledOn = on;
        c.CancelReason = request.Reason.Trim();
        return await HousingCaseSteps.SaveAsync(db, c, HousingStep.Cancelled, c.CancelReason, ct);
    }
}
