using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Housing;
using Tuopin.Application.Common;

namespace Tuopin.Application.Housing;

/// <summary>
/// The township or county office approves an application (审批), with the approval document's number (审批文号): the
/// subsidy becomes the county's amount for the case's category on that day, and the measure is in progress. A county
/// that has set no amount for the category cannot approve yet.
/// </summary>
public sealed class ApproveHousingCase(Database database)
{
    public sealed record Request(Guid CaseId, int Version, DateOnly ApprovedOn, string Document);

    public async Task<int> HandleAsync(Request request, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var c = await HousingCaseSteps.OpenAsync(db, database.Actor, request.CaseId, request.Version, HousingAction.Approve, ct);
        var problems = new List<Problem>();
        if (HousingCases.CheckDay(c, request.ApprovedOn, database.Clock.Today(), "approvedOn") is { } day) problems.Add(day);
        if (HousingCases.CheckText(request.Document, "document", new LocalText("审批文号", "approval document number"), required: true, max: 100) is { } doc) problems.Add(doc);
        var amount = await AssessHousingEligibility.AmountAsync(db, c.Category, ct);
        if (amount is not { } yuan || yuan <= 0)
            problems.Add(new Problem("amount", "housing.amount", new LocalText($"县里尚未设定“{HousingSubsidies.Categories.Name(c.Category).Zh}”的补助标准，不能审批",
                $"The county has set no amount for the {HousingSubsidies.Categories.Name(c.Category).En.ToLowerInvariant()}: the case cannot be approved")));
        HousingCaseSteps.ThrowIf(problems);
        c.ApprovedOn = request.ApprovedOn;
        c.ApprovedBy = database.Actor.UserName;
        c.ApprovalDocument = request.Document.Trim();
        c.Amount = Money.FromYuan(amount!.Value);
        return await HousingCaseSteps.SaveAsync(db, c, HousingStep.Approved, $"住房项目审批：{c.ApprovalDocument}", ct);
    }
}
