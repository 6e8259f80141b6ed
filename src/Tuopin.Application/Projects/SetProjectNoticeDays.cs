using System.Globalization;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;
using Tuopin.Domain.Projects;

namespace Tuopin.Application.Projects;

/// <summary>The county's minimum notice period for projects (公示期, days; 7 unless set), set by the county administrator.</summary>
public sealed class SetProjectNoticeDays(Database database)
{
    public async Task<int> HandleAsync(int days, string? reason = null, CancellationToken ct = default)
    {
        if (database.Actor.Role != Role.CountyAdmin)
            throw new ForbiddenException(new LocalText("只有县级管理员可以设置公示期", "Only a county administrator sets the notice period"));
        if (Check(days) is { } problem) throw new InvalidRequestException([problem]);
        await using var db = database.Open();
        await StoredSettings.PutAsync(db, ProjectRules.MinimumNoticeDaysKey, days.ToString(CultureInfo.InvariantCulture), ct);
        db.ChangeReason = reason;
        await db.SaveChangesAsync(ct);
        return days;
    }

    /// <summary>The minimum notice period is 1 to 90 days; the problem otherwise.</summary>
    public static Problem? Check(int days) =>
        days is < 1 or > 90 ? new Problem("days", "project.notice_days", new LocalText("公示期须在1至90天之间", "The notice period is 1 to 90 days")) : null;
}
