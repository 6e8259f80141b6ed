using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Housing;
using Tuopin.Application.Common;

namespace Tuopin.Application.Housing;

/// <summary>
/// The township or county office records the acceptance of the finished house (竣工验收): the day, who inspected, and
/// whether it passed. A failed acceptance leaves the case under construction, with what to redo, until a new one passes.
/// </summary>
public sealed class AcceptHousingCase(Database database)
{
    public sealed record Request(Guid CaseId, int Version, DateOnly AcceptedOn, string AcceptedBy, AcceptanceResult Result, string? Note = null);

    public async Task<int> HandleAsync(Request request, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var c = await HousingCaseSteps.OpenAsync(db, database.Actor, request.CaseId, request.Version, HousingAction.Accept, ct);
        var problems = new List<Problem>();
        if (HousingCases.CheckDay(c, request.AcceptedOn, database.Clock.Today(), "acceptedOn") is { } day) problems.Add(day);
        if (HousingCases.CheckText(request.AcceptedBy, "acceptedBy", new LocalText("验收人", "inspector"), required: true, max: 100) is { } by) problems.Add(by);
        if (!Enum.IsDefined(request.Result)) problems.Add(new Problem("result", "housing.result", new LocalText("请选择验收结果", "Choose the result")));
        if (HousingCases.CheckText(request.Note, "note", new LocalText("整改要求", "what to redo"), required: request.Result == AcceptanceResult.Fail, max: 500) is { } note) problems.Add(note);
        HousingCaseSteps.ThrowIf(problems);
        if (c.AcceptanceResult == AcceptanceResult.Fail) c.FailedAcceptances++;
        c.AcceptedOn = request.AcceptedOn;
        c.AcceptedBy = request.AcceptedBy.Trim();
        c.AcceptanceResult = request.Result;
        c.AcceptanceNote = HousingCaseSteps.Clean(request.Note);
        var result = HousingCases.Results.Name(request.Result).Zh;
        return await HousingCaseSteps.SaveAsync(db, c, HousingCases.After(c.Step, HousingAction.Accept, request.Result), $"住房项目验收：{result}", ct);
    }
}
