using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Projects;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;
using Tuopin.Domain.Funds;
using Tuopin.Domain.Notices;

namespace Tuopin.Application.Notices;

/// <summary>
/// 户受益公示: the county office publishes a village's household-benefit list for a year — the household payments of the fund
/// ledger in that village that year — from a day for a number of days (at least the county's minimum notice period, as for
/// projects). Until it is published nothing of it is public. Publishing again (with the version seen) moves the period.
/// A village with no household payment that year has no list to publish.
/// </summary>
public sealed class PublishBenefitNotice(Database database)
{
    public sealed record Request(Guid VillageId, int Year, DateOnly StartsOn, int Days, int? Version = null, string? Reason = null);

    public sealed record Published(Guid Id, int Version, Guid VillageId, int Year, DateOnly StartsOn, DateOnly EndsOn, int Households);

    public async Task<Published> HandleAsync(Request request, CancellationToken ct = default)
    {
        var actor = database.Actor;
        if (actor.Role != Role.CountyAdmin)
            throw new ForbiddenException(new LocalText("户受益公示由县扶贫办发布", "The county office publishes household-benefit lists"));
        await using var db = database.Open();
        var village = await db.Villages.AsNoTracking().Where(v => v.Id == request.VillageId)
            .Select(v => new { v.Id, v.TownshipId, CountyId = db.Townships.Where(t => t.Id == v.TownshipId).Select(t => t.CountyId).First() })
            .FirstOrDefaultAsync(ct) ?? throw new NotFoundException(new LocalText("没有这个村", "No such village"));
        var minimum = await ProjectAccess.MinimumNoticeDaysAsync(db, ct);
        var problems = new List<Problem>();
        if (request.Days < minimum || request.Days > 90)
            problems.Add(new Problem("days", "benefit_notice.days", new LocalText($"公示期应为 {minimum}–90 天", $"The notice runs {minimum} to 90 days")));
        if (request.Year is < 2000 or > 2100)
            problems.Add(new Problem("year", "benefit_notice.year", new LocalText("年度不正确", "The year is not valid")));
        var first = new DateOnly(Math.Clamp(request.Year, 2000, 2100), 1, 1);
        var households = await db.Disbursements.AsNoTracking()
            .Where(d => d.PayeeKind == PayeeKind.Household && d.VillageId == village.Id && d.PaidOn >= first && d.PaidOn < first.AddYears(1) && d.HouseholdId != null)
            .Select(d => d.HouseholdId).Distinct().CountAsync(ct);
        if (households == 0)
            problems.Add(new Problem("year", "benefit_notice.empty", new LocalText($"该村 {request.Year} 年没有发放到户的资金，没有可公示的名单", $"No household payments in the village in {request.Year}: there is no list to publish")));
        if (problems.Count > 0) throw new InvalidRequestException(problems);

        var now = database.Clock.GetUtcNow().UtcDateTime;
        var notice = await db.BenefitNotices.FirstOrDefaultAsync(n => n.VillageId == village.Id && n.Year == request.Year, ct);
        if (notice is null)
        {
            notice = new BenefitNotice
            {
                Id = Guid.CreateVersion7(), CountyId = village.CountyId, TownshipId = village.TownshipId, VillageId = village.Id, Year = request.Year,
                PublishedBy = actor.UserName, PublishedAt = now, Version = 1,
            };
            db.BenefitNotices.Add(notice);
        }
        else
        {
            if (request.Version != notice.Version)
                throw new ConflictException(new LocalText("该公示已被他人发布或修改，请刷新后再办理", "Someone else published or changed this notice; reload and try again"));
            db.Entry(notice).Property(n => n.Version).OriginalValue = notice.Version;
            notice.Version++;
            notice.PublishedBy = actor.UserName;
            notice.PublishedAt = now;
        }
        notice.StartsOn = request.StartsOn;
        notice.EndsOn = request.StartsOn.AddDays(request.Days - 1);
        db.ChangeReason = request.Reason;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (ConflictException ex) when (ex.LostRace)
        {
            throw new ConflictException(new LocalText("该公示刚被他人发布或修改，请刷新后再办理", "Someone else published or changed this notice just now; reload and try again"), ex);
        }
        return new Published(notice.Id, notice.Version, notice.VillageId, notice.Year, notice.StartsOn, notice.EndsOn, households);
    }
}
