using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Projects;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Common;
using Tuopin.Domain.Funds;

namespace Tuopin.Application.Notices;

/// <summary>
/// The villages whose households were paid from the fund ledger in a year, each with its households and amount and its
/// household-benefit notice (户受益公示) where one is published: what the county office publishes from. The county office
/// and the inspectors read it; only the county office publishes (<see cref="PublishBenefitNotice"/>). Four queries, whatever
/// the number of villages: the year's household payments (village, household, amount), and the year's notices.
/// </summary>
public sealed class ListBenefitNotices(Database database)
{
    public sealed record Row(Guid VillageId, string Township, string Village, int Households, decimal Amount,
        Guid? NoticeId, DateOnly? StartsOn, DateOnly? EndsOn, int? Version, string? PublishedBy);

    public sealed record Result(int Year, IReadOnlyList<int> Years, DateOnly Today, int MinimumDays, bool CanPublish, IReadOnlyList<Row> Rows);

    /// <summary>The villages paid in <paramref name="year"/>; without one, the latest year with household payments (else the county's work year).</summary>
    public async Task<Result> HandleAsync(int? year = null, CancellationToken ct = default)
    {
        var actor = database.Actor;
        if (!Permissions.CanReadBenefitNotices(actor.Role, actor.Scope.Level))
            throw new ForbiddenException(new LocalText("户受益公示由县扶贫办发布，督查人员可以查看", "The county office publishes household-benefit lists; inspectors read them"));
        if (year is < 2000 or > 2100)
            throw new InvalidRequestException([new Problem("year", "benefit_notice.year", new LocalText("年度不正确", "The year is not valid"))]);
        await using var db = database.Open();
        var years = await db.Disbursements.AsNoTracking().Where(d => d.PayeeKind == PayeeKind.Household).Select(d => d.PaidOn.Year).Distinct().OrderBy(y => y).ToListAsync(ct);
        year ??= years.Count > 0 ? years[^1] : await WorkYear.GetAsync(db, database.Clock, ct);
        var first = new DateOnly(year.Value, 1, 1);
        var next = first.AddYears(1);
        // Money is a converted type that SQL cannot sum: the year's household payments come as three columns and are summed here.
        var paid = (await db.Disbursements.AsNoTracking()
                .Where(d => d.PayeeKind == PayeeKind.Household && d.VillageId != null && d.PaidOn >= first && d.PaidOn < next)
                .Select(d => new { VillageId = d.VillageId!.Value, d.HouseholdId, d.Amount }).ToListAsync(ct))
            .GroupBy(d => d.VillageId)
            .Select(g => new { VillageId = g.Key, Households = g.Select(d => d.HouseholdId).Distinct().Count(), Fen = g.Sum(d => d.Amount.Fen) })
            .ToList();
        var villageIds = paid.Select(p => p.VillageId).ToList();
        var names = await (from v in db.Villages.AsNoTracking()
                           where villageIds.Contains(v.Id)
                           join t in db.Townships on v.TownshipId equals t.Id
                           select new { v.Id, Village = v.Name, Township = t.Name, TownshipCode = t.Code, v.Code }).ToDictionaryAsync(v => v.Id, ct);
        var notices = await db.BenefitNotices.AsNoTracking().Where(n => n.Year == year).ToDictionaryAsync(n => n.VillageId, ct);
        var rows = paid.Where(p => names.ContainsKey(p.VillageId))
            .OrderBy(p => names[p.VillageId].TownshipCode, StringComparer.Ordinal).ThenBy(p => names[p.VillageId].Code, StringComparer.Ordinal)
            .Select(p =>
            {
                var n = notices.GetValueOrDefault(p.VillageId);
                return new Row(p.VillageId, names[p.VillageId].Township, names[p.VillageId].Village, p.Households, new Money(p.Fen).Yuan,
                    n?.Id, n?.StartsOn, n?.EndsOn, n?.Version, n?.PublishedBy);
            }).ToList();
        return new Result(year.Value, years, database.Clock.Today(), await ProjectAccess.MinimumNoticeDaysAsync(db, ct), actor.Role == Role.CountyAdmin, rows);
    }
}
