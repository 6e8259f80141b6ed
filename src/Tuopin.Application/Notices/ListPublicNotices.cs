using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Storage;
using Tuopin.Domain.Notices;
using Tuopin.Domain.Projects;
using Tuopin.Application.Common;

namespace Tuopin.Application.Notices;

/// <summary>
/// The county's current and recent public notices, for anyone (公告公示, no sign-in): project notices and the villages'
/// exit lists and household-benefit lists whose period has started and ended no more than the county's keep-days ago. Running ones first.
/// </summary>
public sealed class ListPublicNotices(Database database, TuopinDbFactory factory)
{
    public sealed record Item(NoticeKind Kind, Guid TargetId, int Year, Domain.Common.LocalText Title, string Place, DateOnly StartsOn, DateOnly EndsOn, int DaysLeft, bool Running, string Path);

    public async Task<IReadOnlyList<Item>> HandleAsync(CancellationToken ct = default)
    {
        await using var db = PublicReader.Open(factory, database.Actor.Client);
        var today = database.Clock.Today();
        var keep = await NoticeSettings.KeepDaysAsync(db, ct);
        var since = today.AddDays(-keep);
        var items = new List<Item>();

        var projects = await db.Projects.AsNoTracking()
            .Where(p => p.NoticeStartsOn != null && p.NoticeEndsOn != null && p.NoticeStartsOn <= today && p.NoticeEndsOn >= since)
            .Select(p => new { p.Id, p.Name, p.Year, p.Category, Starts = p.NoticeStartsOn!.Value, Ends = p.NoticeEndsOn!.Value })
            .ToListAsync(ct);
        var places = await PublicNotices.ProjectPlacesAsync(db, projects.Select(p => p.Id).ToList(), ct);
        foreach (var p in projects.Where(p => NoticeRules.IsShown(p.Starts, p.Ends, today, keep)))
            items.Add(new Item(NoticeKind.Project, p.Id, p.Year, new Domain.Common.LocalText($"{ProjectCategories.Codes.Name(p.Category).Zh}｜{p.Name}", $"{ProjectCategories.Codes.Name(p.Category).En} | {p.Name}"), PublicNotices.PlaceText(places.GetValueOrDefault(p.Id) ?? []),
                p.Starts, p.Ends, NoticeRules.DaysLeft(p.Ends, today), NoticeRules.IsRunning(p.Starts, p.Ends, today), $"/notices/projects/{p.Id}"));

        foreach (var list in await PublicNotices.ExitListsAsync(db, null, null, since, today, ct))
        {
            if (!NoticeRules.IsShown(list.StartsOn, list.EndsOn, today, keep)) continue;
            items.Add(new Item(NoticeKind.ExitList, list.VillageId, list.Year, new Domain.Common.LocalText($"{list.Year}年拟退出贫困户名单（{list.Households}户）", $"Households proposed to exit in {list.Year} ({list.Households})"), $"{list.Township}{list.Village}",
                list.StartsOn, list.EndsOn, NoticeRules.DaysLeft(list.EndsOn, today), NoticeRules.IsRunning(list.StartsOn, list.EndsOn, today), $"/notices/exit/{list.VillageId}/{list.Year}"));
        }
        foreach (var list in await PublicNotices.BenefitListsAsync(db, since, today, ct))
        {
            if (!NoticeRules.IsShown(list.StartsOn, list.EndsOn, today, keep)) continue;
            items.Add(new Item(NoticeKind.BenefitList, list.VillageId, list.Year, new Domain.Common.LocalText($"{list.Year}年扶贫资金到户受益名单（{list.Households}户）", $"Household benefits paid in {list.Year} ({list.Households} households)"), $"{list.Township}{list.Village}",
                list.StartsOn, list.EndsOn, NoticeRules.DaysLeft(list.EndsOn, today), NoticeRules.IsRunning(list.StartsOn, list.EndsOn, today), $"/notices/benefits/{list.VillageId}/{list.Year}"));
        }
        return items.OrderByDescending(i => i.Running).ThenByDescending(i => i.StartsOn).ThenBy(i => i.Title.Zh, StringComparer.Ordinal).ToList();
    }
}
