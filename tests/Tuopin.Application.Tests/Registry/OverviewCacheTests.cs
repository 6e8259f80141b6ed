using System.Text;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Registry;
using Tuopin.Application.Storage;
using Tuopin.Domain.Registry;
using Tuopin.Testing;

namespace Tuopin.Application.Tests.Registry;

/// <summary>The overview is kept between views, and never shown stale after a write: every committed write ends the kept answers.</summary>
public sealed class OverviewCacheTests
{
    private const string Village = "三胡乡/黄柏园村";

    [Theory, BothDatabases]
    public async Task AChange_ShowsInTheNextOverview_AtOnce_ForEveryAreaAndEveryWayOfWriting(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var id = await county.AddHouseholdAsync(Village, Build.Member(), Build.Member(Relation.Spouse, Sex.Female));
        var sanhu = county.TownshipOfficer("三胡乡");
        var first = await county.As<CountyOverview>(county.Admin).HandleAsync();
        var township = await county.As<CountyOverview>(sanhu).HandleAsync();
        Assert.Equal((1, 2), (first.Registered.Households, first.Registered.People));
        Assert.Equal((1, 2), (township.Registered.Households, township.Registered.People));

        // Kept: nothing was written in between.
        Assert.Same(first, await county.As<CountyOverview>(county.Admin).HandleAsync());
        // Reading a household writes only the audit log (who saw whose data): the answer is still current.
        await county.As<GetHousehold>(county.Admin).HandleAsync(id);
        Assert.Same(first, await county.As<CountyOverview>(county.Admin).HandleAsync());

        // A household exits (an ordinary save): the county's and the township's next overview show it, whoever wrote it.
        var h = await county.As<GetHousehold>(county.Admin).HandleAsync(id);
        await county.As<ChangeHouseholdStatus>(county.Admin).HandleAsync(new ChangeHouseholdStatus.Request(id, h.Version, HouseholdStatus.Exited, 2016, new DateOnly(2016, 12, 15), "测试"));
        var exited = await county.As<CountyOverview>(county.Admin).HandleAsync();
        Assert.Equal([(2016, 1, 2)], exited.Exits.Select(e => (e.Year, e.Households, e.People)).ToList());
        Assert.Equal((0, 0), (exited.Remaining.Households, exited.Remaining.People));
        Assert.Equal([(2016, 1, 2)], (await county.As<CountyOverview>(sanhu).HandleAsync()).Exits.Select(e => (e.Year, e.Households, e.People)).ToList());
        // An earlier date's answer is kept apart from today's, and also follows the write.
        Assert.Empty((await county.As<CountyOverview>(county.Admin).HandleAsync(new DateOnly(2015, 12, 31))).Exits);

        // A member added: one more person.
        h = await county.As<GetHousehold>(county.Admin).HandleAsync(id);
        await county.As<AddMember>(county.Admin).HandleAsync(new AddMember.Request(id, h.Version, Build.Member(Relation.Son)));
        Assert.Equal(3, (await county.As<CountyOverview>(sanhu).HandleAsync()).Registered.People);

        // An import (bulk writes inside its own transaction): counted when it commits.
        var csv = "户编号,乡镇,行政村,村民小组,识别年度,主要致贫原因,贫困户属性,姓名,证件号码,性别,出生日期,与户主关系,民族\r\n" +
            $"4228279999990001,三胡乡,黄柏园村,一组,2014,因病,一般贫困户,田茶花,{Build.NewResidentId(Sex.Female, new DateOnly(1955, 3, 12)).Value},,,户主,土家族\r\n";
        var imported = await county.As<ImportRegistry>(county.Admin).HandleAsync(new MemoryStream(new UTF8Encoding(false).GetBytes(csv)), "registry.csv", new ImportRegistry.Options());
        Assert.True(imported.Ok, string.Join("\n", imported.Errors));
        Assert.Equal(2, (await county.As<CountyOverview>(county.Admin).HandleAsync()).Registered.Households);

        // A statement outside any transaction (here by hand): counted when it runs.
        await county.QueryAsync(db => db.Households.Where(x => x.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Size, 7)));
        Assert.Equal(8, (await county.As<CountyOverview>(county.Admin).HandleAsync()).Registered.People);
    }

    [Theory, BothDatabases]
    public async Task AWriteThatIsRolledBack_LeavesTheAnswerAsItWas_AndAnotherDatabaseIsNotConfused(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        await using var other = await TestCounty.CreateAsync(provider);
        await county.AddHouseholdAsync(Village);
        Assert.Equal(1, (await county.As<CountyOverview>(county.Admin).HandleAsync()).Registered.Households);
        // Same area and date in another database: its own answer, not the first one's.
        Assert.Equal(0, (await other.As<CountyOverview>(other.Admin).HandleAsync()).Registered.Households);

        await using (var db = county.Factory.CreateForOperator("tests"))
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.Households.ExecuteUpdateAsync(s => s.SetProperty(h => h.Size, 9));
            await transaction.RollbackAsync();
        }
        Assert.Equal(1, (await county.As<CountyOverview>(county.Admin).HandleAsync()).Registered.People);
    }

    [Theory, BothDatabases]
    public async Task AnIncomeOrAnotherConcernsRecord_LeavesTheKeptAnswers_AndAStatusChangeEndsThem(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var id = await county.AddHouseholdAsync(Village, Build.Member(name: "田春花"), Build.Member(Relation.Spouse, Sex.Female));
        var first = await county.As<CountyOverview>(county.Admin).HandleAsync();
        var search = new ListHouseholds.Query { Name = "田" };
        var found = await county.As<ListHouseholds>(county.Admin).HandleAsync(search);
        Assert.Equal(1, found.Total);

        // A year's income (the household row changes only its version and time): nothing the overview or a search shows.
        var h = await county.As<GetHousehold>(county.Admin).HandleAsync(id);
        var registry = county.Factory.Writes.Registry;
        var all = county.Factory.Writes.Current;
        async Task<long> Stamp()
        {
            await using var db = county.Factory.CreateForOperator("tests");
            return await db.CountyTallyStamps.Where(s => s.CountyId == county.CountyId).Select(s => s.Writes).SingleAsync();
        }
        var stamp = await Stamp();
        await county.As<RecordIncome>(county.Admin).HandleAsync(new RecordIncome.Request(id, h.Version, Build.Income(2016)));
        Assert.True(county.Factory.Writes.Current > all);
        Assert.Equal(registry, county.Factory.Writes.Registry);
        Assert.Same(first, await county.As<CountyOverview>(county.Admin).HandleAsync());
        // Nor the roll-up's tally: the county's stamp, which every writer of the county waits for, is not taken.
        Assert.Equal(stamp, await Stamp());

        // A household's change that the overview shows (its status) ends the kept answers at once.
        h = await county.As<GetHousehold>(county.Admin).HandleAsync(id);
        await county.As<ChangeHouseholdStatus>(county.Admin).HandleAsync(new ChangeHouseholdStatus.Request(id, h.Version, HouseholdStatus.Exited, 2016, new DateOnly(2016, 12, 15), "测试"));
        Assert.True(county.Factory.Writes.Registry > registry);
        Assert.True(await Stamp() > stamp);
        var exited = await county.As<CountyOverview>(county.Admin).HandleAsync();
        Assert.NotSame(first, exited);
        Assert.Equal(1, exited.Exits.Single().Households);

        // A household registered: the search's kept households follow at once.
        await county.AddHouseholdAsync(Village, Build.Member(name: "田大成"));
        Assert.Equal(2, (await county.As<ListHouseholds>(county.Admin).HandleAsync(search)).Total);
    }
}
