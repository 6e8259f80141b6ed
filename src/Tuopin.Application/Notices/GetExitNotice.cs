using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Notices;

namespace Tuopin.Application.Notices;

/// <summary>
/// A village's list of households proposed to exit in a year, as the exit procedure's notice step posts it (村内公示),
/// for anyone: the heads' masked names, village groups and household sizes, and the period. The households whose notice
/// has not been posted yet, or was withdrawn, are not on it; a list with nobody on it is not found.
/// </summary>
public sealed class GetExitNotice(Database database, TuopinDbFactory factory)
{
    public sealed record Line(string Name, string? Group, int Size, DateOnly Posted, DateOnly EndsOn);

    public sealed record Notice(Guid VillageId, int Year, string Township, string Village, DateOnly StartsOn, DateOnly EndsOn, int DaysLeft, bool Running,
        string ObjectionPhone, string ObjectionAddress, IReadOnlyList<Line> Households);

    public async Task<Notice> HandleAsync(Guid villageId, int year, CancellationToken ct = default)
    {
        await using var db = PublicReader.Open(factory, database.Actor.Client);
        var today = database.Clock.Today();
        var keep = await NoticeSettings.KeepDaysAsync(db, ct);
        var households = await PublicNotices.ExitHouseholdsAsync(db, villageId, year, today.AddDays(-keep), today, ct);
        var list = (await PublicNotices.ExitListsAsync(db, villageId, year, today.AddDays(-keep), today, ct)).SingleOrDefault();
        if (list is null || households.Count == 0 || !NoticeRules.IsShown(list.StartsOn, list.EndsOn, today, keep))
            throw new NotFoundException(new LocalText("没有这个公示，或公示尚未开始、已过期", "No such notice, or it has not started or is no longer shown"));
        var lines = await PublicNotices.HouseholdLinesAsync(db, households.Select(h => h.HouseholdId).ToList(), ct);
        var channel = await NoticeSettings.ChannelAsync(db, ct);
        return new Notice(villageId, year, list.Township, list.Village, list.StartsOn, list.EndsOn, NoticeRules.DaysLeft(list.EndsOn, today),
            NoticeRules.IsRunning(list.StartsOn, list.EndsOn, today), channel.Phone, channel.Address,
            households.Select(h => new Line(lines[h.HouseholdId].Name, lines[h.HouseholdId].Group, lines[h.HouseholdId].Size, h.Posted, h.Ends))
                .OrderBy(l => l.Group, StringComparer.Ordinal).ThenBy(l => l.Name, StringComparer.Ordinal).ToList());
    }
}
