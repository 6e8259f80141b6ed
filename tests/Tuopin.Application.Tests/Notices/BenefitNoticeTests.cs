using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Notices;
using Tuopin.Application.Storage;
using Tuopin.Domain.Notices;
using Tuopin.Testing;

namespace Tuopin.Application.Tests.Notices;

/// <summary>
/// 户受益公示 on both databases: nothing is public until the county publishes a village's list for a year; then anyone reads
/// the household payments of the ledger in that village and year by masked name, group, project, subsidy and amount (net of
/// refunds) — no ID, phone, birth date or registry number — during the period and the keep-days, and may object while it runs.
/// </summary>
public sealed class BenefitNoticeTests
{
    private const string Village = "三胡乡/黄柏园村", Other = "翔凤镇/老茶村";

    private static GetBenefitNotice Public(TestCounty county) => county.As<GetBenefitNotice>(TuopinDb.Nobody);

    [Theory, BothDatabases]
    public async Task AList_IsPublicOnlyOncePublished_ShowsMaskedNamesAndNetAmounts_AndNoIdOrPhone(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var (_, _, year) = await NoticeFixtures.BenefitPaymentsAsync(county, Village);
        var villageId = county.Villages[Village].Id;

        // Not published: not found, and not listed.
        await Assert.ThrowsAsync<NotFoundException>(() => Public(county).HandleAsync(villageId, year));
        Assert.DoesNotContain(await county.As<ListPublicNotices>(TuopinDb.Nobody).HandleAsync(), i => i.Kind == NoticeKind.BenefitList);

        var published = await county.As<PublishBenefitNotice>(county.Admin).HandleAsync(new PublishBenefitNotice.Request(villageId, year, county.Today.AddDays(-1), 7));
        Assert.Equal((1, 2, county.Today.AddDays(5)), (published.Version, published.Households, published.EndsOn));

        var notice = await Public(county).HandleAsync(villageId, year);
        Assert.True(notice.Running);
        Assert.Equal((2, 2_200m), (notice.Households, notice.Total));
        Assert.Equal(
            [("张*丰", "产业奖补", 1_200m), ("张*丰", "危房改造补助", 500m), ("李*", "产业奖补", 500m)],
            notice.Lines.Select(l => (l.Name, l.Subsidy, l.Amount)).OrderBy(x => x.Name, StringComparer.Ordinal).ThenBy(x => x.Subsidy, StringComparer.Ordinal).ToList());
        Assert.All(notice.Lines, l => Assert.Equal("黄柏园村产业奖补", l.Project));

        var json = JsonSerializer.Serialize(notice);
        var people = await county.QueryAsync(db => db.Members.AsNoTracking().Where(m => m.VillageId == villageId).Select(m => new { m.Name, m.BirthDate }).ToListAsync());
        Assert.DoesNotContain("张三丰", json, StringComparison.Ordinal);
        Assert.DoesNotContain("李四", json, StringComparison.Ordinal);
        var numbers = await county.QueryAsync(db => db.Households.AsNoTracking().Where(h => h.VillageId == villageId).Select(h => h.Number).ToListAsync());
        Assert.All(numbers, n => Assert.DoesNotContain(n, json, StringComparison.Ordinal));
        Assert.All(people, p => Assert.DoesNotContain(p.BirthDate.ToString("yyyy-MM-dd"), json, StringComparison.Ordinal));

        var listed = Assert.Single(await county.As<ListPublicNotices>(TuopinDb.Nobody).HandleAsync(), i => i.Kind == NoticeKind.BenefitList);
        Assert.Equal($"/notices/benefits/{villageId}/{year}", listed.Path);

        // The public may object while it runs; the village's township answers it.
        var objection = await county.As<RaiseObjection>(TuopinDb.Nobody).HandleAsync(new RaiseObjection.Request(NoticeKind.BenefitList, villageId, year, "张某家的补助金额不对"));
        var stored = await county.QueryAsync(db => db.NoticeObjections.AsNoTracking().SingleAsync(o => o.Id == objection));
        Assert.Equal((county.Villages[Village].TownshipId, villageId, year), (stored.TownshipId, stored.VillageId, stored.Year));
    }

    [Theory, BothDatabases]
    public async Task AList_IsNotFound_BeforeItsPeriod_OrPastTheKeepDays_AndOnlyTheCountyPublishesIt(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var (_, _, year) = await NoticeFixtures.BenefitPaymentsAsync(county, Village);
        var villageId = county.Villages[Village].Id;

        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<PublishBenefitNotice>(county.TownshipOfficer("三胡乡")).HandleAsync(new PublishBenefitNotice.Request(villageId, year, county.Today, 7)));
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<PublishBenefitNotice>(county.Inspector).HandleAsync(new PublishBenefitNotice.Request(villageId, year, county.Today, 7)));
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<PublishBenefitNotice>(county.VillageOfficer(Village)).HandleAsync(new PublishBenefitNotice.Request(villageId, year, county.Today, 7)));
        // Too short a period, and a village with nothing paid, are refused with the reason.
        Assert.Equal("benefit_notice.days", (await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<PublishBenefitNotice>(county.Admin).HandleAsync(new PublishBenefitNotice.Request(villageId, year, county.Today, 3)))).Problems.Single().Code);
        Assert.Equal("benefit_notice.empty", (await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<PublishBenefitNotice>(county.Admin).HandleAsync(new PublishBenefitNotice.Request(county.Villages[Other].Id, year, county.Today, 7)))).Problems.Single().Code);
        Assert.Equal(0, await county.QueryAsync(db => db.BenefitNotices.CountAsync()));

        // Published to start tomorrow: not yet public, and no objection is taken.
        var future = await county.As<PublishBenefitNotice>(county.Admin).HandleAsync(new PublishBenefitNotice.Request(villageId, year, county.Today.AddDays(1), 7));
        await Assert.ThrowsAsync<NotFoundException>(() => Public(county).HandleAsync(villageId, year));
        await Assert.ThrowsAsync<NotFoundException>(() => county.As<RaiseObjection>(TuopinDb.Nobody).HandleAsync(new RaiseObjection.Request(NoticeKind.BenefitList, villageId, year, "异议")));

        // Moved back so that it ended longer ago than the keep-days: gone again. A stale version is a conflict.
        await Assert.ThrowsAsync<ConflictException>(() => county.As<PublishBenefitNotice>(county.Admin).HandleAsync(new PublishBenefitNotice.Request(villageId, year, county.Today.AddDays(-100), 7, Version: 99)));
        await county.As<PublishBenefitNotice>(county.Admin).HandleAsync(new PublishBenefitNotice.Request(villageId, year, county.Today.AddDays(-(NoticeRules.DefaultKeepDays + 10)), 7, future.Version));
        await Assert.ThrowsAsync<NotFoundException>(() => Public(county).HandleAsync(villageId, year));
        // Ended but within the keep-days: shown, no longer running, objections refused.
        await county.As<PublishBenefitNotice>(county.Admin).HandleAsync(new PublishBenefitNotice.Request(villageId, year, county.Today.AddDays(-10), 7, future.Version + 1));
        Assert.False((await Public(county).HandleAsync(villageId, year)).Running);
        await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<RaiseObjection>(TuopinDb.Nobody).HandleAsync(new RaiseObjection.Request(NoticeKind.BenefitList, villageId, year, "异议")));
    }

    [Theory, BothDatabases]
    public async Task TheDemo_PublishesTheListOfAVillagePaid_RunningToday_Once(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var (_, _, year) = await NoticeFixtures.BenefitPaymentsAsync(county, Village);

        var result = await LoadDemoNotices.RunAsync(county.Factory);

        Assert.Equal(1, result.BenefitLists);
        var listed = Assert.Single(await county.As<ListPublicNotices>(TuopinDb.Nobody).HandleAsync(), i => i.Kind == NoticeKind.BenefitList);
        Assert.Equal((county.Villages[Village].Id, year, true), (listed.TargetId, listed.Year, listed.Running));
        Assert.Equal(2, (await Public(county).HandleAsync(county.Villages[Village].Id, year)).Households);
        Assert.Equal(0, (await LoadDemoNotices.RunAsync(county.Factory)).BenefitLists);
        Assert.Equal(1, await county.QueryAsync(db => db.BenefitNotices.CountAsync()));
    }

    [Theory, BothDatabases]
    public async Task TheCountysListOfVillagesPaid_CountsHouseholdsAndNetAmounts_ShowsEachNotice_AndIsTheCountysAndTheInspectorsOnly(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var (_, _, year) = await NoticeFixtures.BenefitPaymentsAsync(county, Village);
        var villageId = county.Villages[Village].Id;

        // Without a year: the latest year with household payments.
        var list = await county.As<ListBenefitNotices>(county.Admin).HandleAsync();
        Assert.Equal((year, true), (list.Year, list.CanPublish));
        Assert.Equal([year], list.Years);
        var row = Assert.Single(list.Rows);
        Assert.Equal((villageId, "三胡乡", "黄柏园村", 2, 2_200m, (Guid?)null), (row.VillageId, row.Township, row.Village, row.Households, row.Amount, row.NoticeId));
        Assert.Empty((await county.As<ListBenefitNotices>(county.Admin).HandleAsync(year - 1)).Rows);

        var published = await county.As<PublishBenefitNotice>(county.Admin).HandleAsync(new PublishBenefitNotice.Request(villageId, year, county.Today, 10));
        var seen = Assert.Single((await county.As<ListBenefitNotices>(county.Inspector).HandleAsync(year)).Rows);
        Assert.Equal((published.Id, county.Today, county.Today.AddDays(9), 1), (seen.NoticeId, seen.StartsOn, seen.EndsOn, seen.Version));
        Assert.False((await county.As<ListBenefitNotices>(county.Inspector).HandleAsync(year)).CanPublish);

        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<ListBenefitNotices>(county.TownshipOfficer("三胡乡")).HandleAsync(year));
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<ListBenefitNotices>(county.VillageOfficer(Village)).HandleAsync(year));
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<ListBenefitNotices>(TuopinDb.Nobody).HandleAsync(year));
        Assert.Equal("benefit_notice.year", (await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<ListBenefitNotices>(county.Admin).HandleAsync(1900))).Problems.Single().Code);
    }
}

