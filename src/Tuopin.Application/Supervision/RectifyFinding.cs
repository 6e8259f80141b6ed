using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Supervision;

namespace Tuopin.Application.Supervision;

/// <summary>
/// The responsible area (the township or village officer, the responsible department, or the county office) records the
/// measures taken (整改措施) — the finding is then 整改中 — or submits them (提交) for the inspector to close. Audited.
/// </summary>
public sealed class RectifyFinding(Database database)
{
    public sealed record Request(Guid FindingId, int Version, string Measures, bool Submit);

    public async Task<int> HandleAsync(Request request, CancellationToken ct = default)
    {
        var action = request.Submit ? FindingAction.Submit : FindingAction.Rectify;
        await using var db = database.Open();
        var f = await FindingSteps.OpenAsync(db, database.Actor, request.FindingId, request.Version, action, ct);
        var problems = SupervisionRules.Check(action, request.Measures, null);
        if (problems.Count > 0) throw new InvalidRequestException(problems);
        f.Measures = request.Measures.Trim();
        if (request.Submit)
        {
            f.SubmittedOn = database.Clock.Today();
            f.SubmittedBy = database.Actor.UserName;
        }
        return await FindingSteps.SaveAsync(db, f, action, request.Submit ? "提交整改" : "记录整改措施", ct);
    }
}
