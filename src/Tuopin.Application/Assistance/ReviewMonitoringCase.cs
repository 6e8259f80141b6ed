using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Assistance;
using Tuopin.Domain.Common;

namespace Tuopin.Application.Assistance;

/// <summary>
/// Records a review visit of a watched household (回访): the day, what was found, and the day of the next review.
/// </summary>
public sealed class ReviewMonitoringCase(Database database)
{
    public sealed record Request(Guid CaseId, int Version, DateOnly ReviewedOn, string Note, DateOnly NextReview);

    public async Task<int> HandleAsync(Request request, CancellationToken ct = default)
    {
        AssistanceAccess.RequireWriter(database.Actor);
        var today = database.Clock.Today();
        await using var db = database.Open();
        var c = await MonitoringCases.OpenAsync(db, request.CaseId, request.Version, ct);
        var problems = new List<Problem>();
        if (Monitoring.CheckDay(c, request.ReviewedOn, today, "reviewedOn") is { } day) problems.Add(day);
        if (string.IsNullOrWhiteSpace(request.Note)) problems.Add(new Problem("note", "monitoring.note", new LocalText("请填写回访情况", "Say what the review found")));
        else if (request.Note.Trim().Length > 500) problems.Add(new Problem("note", "monitoring.note", new LocalText("回访情况不能超过500个字", "A review note has at most 500 characters")));
        if (request.NextReview <= request.ReviewedOn)
            problems.Add(new Problem("nextReview", "monitoring.review_due", new LocalText("下次回访日期须晚于本次回访", "The next review must come after this one")));
        if (problems.Count > 0) throw new InvalidRequestException(problems);
        c.LastReviewedOn = request.ReviewedOn;
        c.LastReviewNote = request.Note.Trim();
        c.ReviewDue = request.NextReview;
        c.Reviews++;
        c.Version++;
        db.ChangeReason = request.Note;
        await db.SaveChangesAsync(ct);
        return c.Version;
    }
}

internal static class MonitoringCases
{
    /// <summary>The day a case's review is overdue against: the working day (today in the working year, else its last day), never after today.</summary>
    public static async Task<DateOnly> WatchDayAsync(TuopinDb db, TimeProvider clock, CancellationToken ct)
    {
        var today = clock.Today();
        var workingDay = AssistanceRules.DayOf(await WorkYear.GetAsync(db, clock, ct), today);
        return workingDay < today ? workingDay : today;
    }

    public static async Task<MonitoringCase> OpenAsync(TuopinDb db, Guid id, int version, CancellationToken ct)
    {
        var c = await db.MonitoringCases.FirstOrDefaultAsync(x => x.Id == id, ct)
            ?? throw new NotFoundException(new LocalText("找不到该监测记录", "No such monitoring case"));
        if (!c.IsOpen)
            throw new InvalidRequestException([new Problem("caseId", "monitoring.closed", new LocalText($"该监测已于 {c.ClosedOn:yyyy-MM-dd} 结案", $"The case was closed on {c.ClosedOn:yyyy-MM-dd}"))]);
        if (c.Version != version)
            throw new ConflictException(new LocalText("该监测记录已被他人修改，请重新打开后再保存", "Someone else changed this case; reopen and save again"));
        db.Entry(c).Property(x => x.Version).OriginalValue = c.Version;
        return c;
    }
}
