using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Notices;

namespace Tuopin.Application.Notices;

/// <summary>
/// A village's household-benefit list of a year (户受益公示), for anyone, once the county has published it and while it is
/// shown: each household's head by masked name, the village group, and what reached it — the project, the subsidy type or
/// the measure paid, the amount (net of refunds) — and the period and objection channel. No ID, phone, birth date or
/// registry number. A list not published, not yet started or past the keep-days is not found.
/// </summary>
public sealed class GetBenefitNotice(Database database, TuopinDbFactory factory)
{
    public sealed record Line(string Name, string? Group, string Project, string Subsidy, decimal Amount, DateOnly PaidOn);

    public sealed record Notice(Guid VillageId, int Year, string Township, string Village, DateOnly StartsOn, DateOnly EndsOn, int DaysLeft, bool Running,
        string ObjectionPhone, string ObjectionAddress, int Households, decimal Total, IReadOnlyList<Line> Lines);

    public async Task<Notice> HandleAsync(Guid villageId, int year, CancellationToken ct = default)
    {
        await using var db = PublicReader.Open(factory, database.Actor.Client);
        var today = database.Clock.Today();
        var keep = await NoticeSettings.KeepDaysAsync(db, ct);
        var notice = await db.BenefitNotices.AsNoTracking().FirstOrDefaultAsync(n => n.VillageId == villageId && n.Year == year, ct);
        if (notice is null || !NoticeRules.IsShown(notice.StartsOn, notice.EndsOn, today, keep))
            throw new NotFoundException(new LocalText("没有这个公示，或公示尚未开始、已过期", "No such notice, or it has not started or is no longer shown"));
        var place = await (from v in db.Villages.AsNoTracking()
                           join t in db.Townships on v.TownshipId equals t.Id
                           where v.Id == villageId
                           select new { Village = v.Name, Township = t.Name }).FirstAsync(ct);
        var benefits = await PublicNotices.BenefitsAsync(db, villageId, year, ct);
        var heads = await PublicNotices.HouseholdLinesAsync(db, benefits.Select(b => b.HouseholdId).Distinct().ToList(), ct);
        var channel = await NoticeSettings.ChannelAsync(db, ct);
        var lines = benefits.Select(b => new Line(heads.TryGetValue(b.HouseholdId, out var h) ? h.Name : "*", heads.TryGetValue(b.HouseholdId, out var g) ? g.Group : null,
                b.Project, b.Subsidy, b.Amount.Yuan, b.PaidOn))
            .OrderBy(l => l.Group, StringComparer.Ordinal).ThenBy(l => l.Name, StringComparer.Ordinal).ThenBy(l => l.PaidOn).ThenBy(l => l.Project, StringComparer.Ordinal).ToList();
        return new Notice(villageId, year, place.Township, place.Village, notice.StartsOn, notice.EndsOn, NoticeRules.DaysLeft(notice.EndsOn, today),
            NoticeRules.IsRunning(notice.StartsOn, notice.EndsOn, today), channel.Phone, channel.Address,
            benefits.Select(b => b.HouseholdId).Distinct().Count(), new Money(benefits.Sum(b => b.Amount.Fen)).Yuan, lines);
    }
}
