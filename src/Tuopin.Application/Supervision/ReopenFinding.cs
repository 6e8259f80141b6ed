using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Supervision;

namespace Tuopin.Application.Supervision;

/// <summary>An inspector or the county office sends a submitted (or closed) rectification back (退回), with the reason: it is to be rectified again. Audited.</summary>
public sealed class ReopenFinding(Database database)
{
    public sealed record Request(Guid FindingId, int Version, string Reason);

    public async Task<int> HandleAsync(Request request, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var f = await FindingSteps.OpenAsync(db, database.Actor, request.FindingId, request.Version, FindingAction.Reopen, ct);
        var problems = SupervisionRules.Check(FindingAction.Reopen, null, request.Reason);
        if (problems.Count > 0) throw new InvalidRequestException(problems);
        f.ReopenReason = request.Reason.Trim();
        f.Reopened++;
        f.ClosedOn = null;
        f.ClosedBy = null;
        return await FindingSteps.SaveAsync(db, f, FindingAction.Reopen, $"整改退回：{f.ReopenReason}", ct);
    }
}
