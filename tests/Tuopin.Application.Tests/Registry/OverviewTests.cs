using Tuopin.Application.Registry;
using Tuopin.Application.Storage;
using Tuopin.Domain.Registry;
using Tuopin.Testing;

namespace Tuopin.Application.Tests.Registry;

public sealed class OverviewTests
{
    [Theory, BothDatabases]
    public async Task Overview_CountsHouseholdsAndPeople_ByTownshipAndExitYear(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        // Hand-counted fixture: 三胡乡 has a household of 3 that exits in 2015 and one of 1 that stays poor;
        // 翔凤镇 has a household of 2 that exits in 2016.
        var a = await county.AddHouseholdAsync("三胡乡/黄柏园村", Build.Member(), Build.Member(Relation.Spouse, Sex.Female), Build.Member(Relation.Son));
        await county.AddHouseholdAsync("三胡乡/石桥村", Build.Member());
        var c = await county.AddHouseholdAsync("翔凤镇/老茶村", Build.Member(), Build.Member(Relation.Daughter, Sex.Female));
        await ExitAsync(county, a, 2015);
        await ExitAsync(county, c, 2016);

        var all = await county.As<CountyOverview>(county.Admin).HandleAsync();
        var sanhu = await county.As<CountyOverview>(county.TownshipOfficer("三胡乡")).HandleAsync();

        Assert.Equal((3, 6), (all.Registered.Households, all.Registered.People));
        Assert.Equal([(2015, 1, 3), (2016, 1, 2)], all.Exits.Select(e => (e.Year, e.Households, e.People)).ToList());
        Assert.Equal((1, 1), (all.Remaining.Households, all.Remaining.People));
        var sanhuRow = all.ByTownship.Single(t => t.Name == "三胡乡");
        Assert.Equal((2, 4), (sanhuRow.Registered.Households, sanhuRow.Registered.People));
        Assert.Equal(2016, sanhuRow.PlannedExitYear);
        Assert.Equal(3, sanhuRow.PoorVillages);
        Assert.Equal("来凤县", all.AreaName);
        Assert.False(all.IllustrativeData);

        Assert.Equal("三胡乡", sanhu.AreaName);
        Assert.Equal((2, 4), (sanhu.Registered.Households, sanhu.Registered.People));
        Assert.Equal("三胡乡", Assert.Single(sanhu.ByTownship).Name);
    }

    private static async Task ExitAsync(TestCounty county, Guid id, int year)
    {
        var h = await county.As<GetHousehold>(county.Admin).HandleAsync(id);
        await county.As<ChangeHouseholdStatus>(county.Admin).HandleAsync(new ChangeHouseholdStatus.Request(id, h.Version, HouseholdStatus.Exited, year, new DateOnly(year, 12, 15), "测试"));
    }
}
