using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Registry;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;

namespace Tuopin.Application.Quality;

/// <summary>
/// An officer marks a finding explained or fixed, with a reason. Only for households of the officer's
/// area; the review is audited. Marking a finding fixed does not hide it: if the rule still fails, it
/// is open again.
/// </summary>
public sealed class ReviewFinding(Database database)
{
    public sealed record Request(string Rule, Guid HouseholdId, Guid SubjectId, ReviewResolution Resolution, string Reason);

    public async Task HandleAsync(Request request, CancellationToken ct = default)
    {
        RegistryMapping.RequireWriter(database.Actor);
        var rule = QualityRules.Find(request.Rule) ?? throw new NotFoundException(new LocalText($"没有名为“{request.Rule}”的校验规则", $"No rule named \"{request.Rule}\""));
        var problems = new List<Problem>();
        if (string.IsNullOrWhiteSpace(request.Reason))
            problems.Add(new Problem("reason", "review.reason_required", new LocalText("请说明理由：为什么这条数据是对的，或做了什么修改", "Give the reason: why the data is right, or what was corrected")));
        if (!Enum.IsDefined(request.Resolution))
            problems.Add(new Problem("resolution", "review.resolution", new LocalText("请选择“已说明”或“已修正”", "Choose explained or fixed")));
        await using var db = database.Open();
        var household = await db.Households.AsNoTracking().Where(h => h.Id == request.HouseholdId)
            .Select(h => new { h.Id, h.CountyId, h.TownshipId, h.VillageId }).FirstOrDefaultAsync(ct) ?? throw RegistryMapping.HouseholdNotFound();
        var subjectOk = rule.MemberRule
            ? await db.Members.AnyAsync(m => m.Id == request.SubjectId && m.HouseholdId == household.Id, ct)
            : request.SubjectId == household.Id;
        if (!subjectOk)
            problems.Add(new Problem("subjectId", "review.subject", new LocalText("该条问题不属于此户", "The finding is not about this household")));
        if (problems.Count > 0) throw new InvalidRequestException(problems);

        var review = await db.QualityReviews.FirstOrDefaultAsync(r => r.RuleCode == rule.Code && r.SubjectId == request.SubjectId, ct);
        if (review is null)
        {
            review = new QualityReview { Id = Guid.CreateVersion7(), RuleCode = rule.Code, SubjectId = request.SubjectId, Reason = string.Empty, ReviewedBy = string.Empty };
            db.QualityReviews.Add(review);
        }
        review.HouseholdId = household.Id;
        review.CountyId = household.CountyId;
        review.TownshipId = household.TownshipId;
        review.VillageId = household.VillageId;
        review.Resolution = request.Resolution;
        review.Reason = request.Reason.Trim();
        review.ReviewedBy = db.Actor.UserName;
        review.ReviewedAt = database.Clock.GetUtcNow().UtcDateTime;
        db.ChangeReason = review.Reason;
        await db.SaveChangesAsync(ct);
    }
}
