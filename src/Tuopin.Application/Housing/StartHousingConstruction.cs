using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Housing;
using Tuopin.Application.Common;

namespace Tuopin.Application.Housing;

/// <summary>The village records that the work on an approved case has started (开工).</summary>
public sealed class StartHousingConstruction(Database database)
{
    public sealed record Request(Guid CaseId, int Version, DateOnly StartedOn);

    public async Task<int> HandleAsync(Request request, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var c = await HousingCaseSteps.OpenAsync(db, database.Actor, request.CaseId, request.Version, HousingAction.StartConstruction, ct);
        var problems = new List<Problem>();
        if (HousingCases.CheckDay(c, request.StartedOn, database.Clock.Today(), "startedOn") is { } day) problems.Add(day);
        HousingCaseSteps.ThrowIf(problems);
        c.StartedOn = request.StartedOn;
        return await HousingCaseSteps.SaveAsync(db, c, HousingStep.UnderConstruction, "住房项目开工", ct);
    }
}
