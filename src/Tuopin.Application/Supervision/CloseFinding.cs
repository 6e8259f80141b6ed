using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Supervision;

namespace Tuopin.Application.Supervision;

/// <summary>An inspector or the county office closes (销号) a submitted rectification, on a day not after today. Audited.</summary>
public sealed class CloseFinding(Database database)
{
    public sealed record Request(Guid FindingId, int Version, DateOnly? ClosedOn = null);

    public async Task<int> HandleAsync(Request request, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var f = await FindingSteps.OpenAsync(db, database.Actor, request.FindingId, request.Version, FindingAction.Close, ct);
        var today = database.Clock.Today();
        var day = request.ClosedOn ?? today;
        if (day > today || (f.SubmittedOn is { } submitted && day < submitted))
            throw new InvalidRequestException([new Problem("closedOn", "finding.closed_on", new LocalText("销号日期应在提交整改之后、不晚于今天", "The day of closing is after the submission and not after today"))]);
        f.ClosedOn = day;
        f.ClosedBy = database.Actor.UserName;
        return await FindingSteps.SaveAsync(db, f, FindingAction.Close, "整改销号", ct);
    }
}
