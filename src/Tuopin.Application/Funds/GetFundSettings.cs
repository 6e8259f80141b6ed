using Tuopin.Application.Accounts;
using Tuopin.Application.Notices;
using Tuopin.Application.Projects;
using Tuopin.Application.Storage;

namespace Tuopin.Application.Funds;

/// <summary>The county's settings of projects and funds as they stand (their defaults where unset), and whether this user sets them.</summary>
public sealed class GetFundSettings(Database database)
{
    public sealed record Result(int NoticeMinDays, string Schedule, int IdleDays, int NotStartedDays, int NoticeKeepDays, bool CanSet);

    public async Task<Result> HandleAsync(CancellationToken ct = default)
    {
        FundsAccess.RequireLedgerReader(database.Actor);
        await using var db = database.Open();
        return await ReadAsync(db, database.Actor, ct);
    }

    internal static async Task<Result> ReadAsync(TuopinDb db, Actor actor, CancellationToken ct)
    {
        var thresholds = await FundsAccess.ThresholdsAsync(db, ct);
        return new Result(await ProjectAccess.MinimumNoticeDaysAsync(db, ct), (await FundsAccess.ScheduleAsync(db, ct)).ToString(),
            thresholds.IdleDays, thresholds.NotStartedDays, await NoticeSettings.KeepDaysAsync(db, ct), FundsAccess.CanManage(actor));
    }
}
