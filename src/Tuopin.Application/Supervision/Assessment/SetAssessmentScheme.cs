using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Supervision;

namespace Tuopin.Application.Supervision;

/// <summary>
/// Sets the county's annual assessment scheme (the county administrator): the whole list of indicators, validated
/// (<see cref="AssessmentScheme.Validate"/>: weights of each set sum to 100, floors differ from full values, known sources …),
/// all or nothing, stored as the setting <see cref="AssessmentScheme.Key"/> and audited with the reason. Nothing is stored
/// on a refusal. <see cref="Request.Reset"/> returns to the default scheme.
/// </summary>
public sealed class SetAssessmentScheme(Database database)
{
    public sealed record Request(IReadOnlyList<AssessmentIndicator>? Indicators, string? Reason = null, bool Reset = false);

    public async Task<GetAssessmentScheme.Result> HandleAsync(Request request, CancellationToken ct = default)
    {
        AssessmentAccess.RequireSetter(database.Actor);
        var scheme = request.Reset ? AssessmentScheme.Default : new AssessmentScheme(request.Indicators ?? []);
        var problems = scheme.Validate();
        if (problems.Count > 0) throw new InvalidRequestException(problems);
        await using var db = database.Open();
        await StoredSettings.PutAsync(db, AssessmentScheme.Key, AssessmentAccess.Write(scheme), ct);
        db.ChangeReason = request.Reason;
        await db.SaveChangesAsync(ct);
        return await GetAssessmentScheme.ReadAsync(db, database.Actor, ct);
    }
}
