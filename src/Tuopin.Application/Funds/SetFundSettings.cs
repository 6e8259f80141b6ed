using System.Globalization;
using Tuopin.Application.Common;
using Tuopin.Application.Notices;
using Tuopin.Application.Projects;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Funds;

namespace Tuopin.Application.Funds;

/// <summary>
/// The county's settings of projects and funds (项目资金设置), set together by the county administrator as settings (audited,
/// with the reason): the projects' minimum notice period (projects.notice.min_days), the spending schedule (funds.schedule),
/// the idle-balance and not-started thresholds (funds.idle_days, funds.not_started_days) and how long an ended public notice
/// stays readable (notices.keep_days). A value left out keeps its setting; all or nothing.
/// </summary>
public sealed class SetFundSettings(Database database)
{
    public sealed record Request(int? NoticeMinDays = null, string? Schedule = null, int? IdleDays = null, int? NotStartedDays = null, int? NoticeKeepDays = null, string? Reason = null);

    public async Task<GetFundSettings.Result> HandleAsync(Request request, CancellationToken ct = default)
    {
        FundsAccess.RequireManager(database.Actor);
        var problems = new List<Problem>();
        if (request.NoticeMinDays is { } min && SetProjectNoticeDays.Check(min) is { } bad) problems.Add(bad with { Field = "noticeMinDays" });
        SpendingSchedule? schedule = null;
        if (request.Schedule is { } text && (schedule = SpendingSchedule.Parse(text)) is null)
            problems.Add(new Problem("schedule", "funds.schedule", new LocalText(
                $"支出进度须为逐月递增的“月:百分比”，如 3:25,6:50,9:75,12:100；填写的是 {text}", $"The schedule is rising month:percent pairs, e.g. 3:25,6:50,9:75,12:100: {text}")));
        if (request.IdleDays is { } idle && idle is < 1 or > 3650)
            problems.Add(new Problem("idleDays", "funds.idle_days", new LocalText($"闲置天数须在1至3650天之间，填写的是 {idle}", $"The idle days are 1 to 3,650: {idle}")));
        if (request.NotStartedDays is { } notStarted && notStarted is < 1 or > 3650)
            problems.Add(new Problem("notStartedDays", "funds.not_started_days", new LocalText($"未开工天数须在1至3650天之间，填写的是 {notStarted}", $"The not-started days are 1 to 3,650: {notStarted}")));
        if (request.NoticeKeepDays is { } keep && keep is < 0 or > 3650)
            problems.Add(new Problem("noticeKeepDays", "notices.keep_days", new LocalText($"公示保留天数须在0至3650天之间，填写的是 {keep}", $"The days a notice stays readable are 0 to 3,650: {keep}")));
        if (problems.Count > 0) throw new InvalidRequestException(problems);
        await using var db = database.Open();
        if (request.NoticeMinDays is { } days) await StoredSettings.PutAsync(db, Domain.Projects.ProjectRules.MinimumNoticeDaysKey, Text(days), ct);
        if (schedule is not null) await StoredSettings.PutAsync(db, SpendingSchedule.Key, schedule.ToString(), ct);
        if (request.IdleDays is { } i) await StoredSettings.PutAsync(db, FundThresholds.IdleDaysKey, Text(i), ct);
        if (request.NotStartedDays is { } n) await StoredSettings.PutAsync(db, FundThresholds.NotStartedDaysKey, Text(n), ct);
        if (request.NoticeKeepDays is { } k) await StoredSettings.PutAsync(db, NoticeSettings.KeepDaysKey, Text(k), ct);
        db.ChangeReason = request.Reason;
        await db.SaveChangesAsync(ct);
        return await GetFundSettings.ReadAsync(db, database.Actor, ct);
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
