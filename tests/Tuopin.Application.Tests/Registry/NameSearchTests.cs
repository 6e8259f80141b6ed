using System.Text;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Registry;
using Tuopin.Application.Storage;
using Tuopin.Domain.Registry;
using Tuopin.Testing;

namespace Tuopin.Application.Tests.Registry;

/// <summary>
/// The name search reads its own index (single characters and adjacent pairs of every member's name) and answers
/// exactly what the scan of every name (m.Name.Contains) answered; the index follows every write of a name.
/// </summary>
public sealed class NameSearchTests
{
    private const string Village = "三胡乡/黄柏园村";
    private const string Elsewhere = "翔凤镇/老茶村";

    // 1-, 2- and 3-character searches, some matching inside a name, some nothing, one a character outside the BMP.
    private static readonly string[] Searches =
        ["田", "桂", "花", "大", "𠮷", "A", "田大", "桂花", "大发", "覃桂", "花田", "田𠮷", "田大发", "覃桂兰", "向秀英", "大发财", "田 大", "阿依·", "ann"];

    [Theory, BothDatabases]
    public async Task Search_AnswersExactlyWhatTheScanAnswered_ForOneTwoAndThreeCharacters_InEveryArea(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        await county.AddHouseholdAsync(Village, Build.Member(name: "田大发"), Build.Member(Relation.Spouse, Sex.Female, "覃桂花"), Build.Member(Relation.Son, name: "田𠮷"));
        await county.AddHouseholdAsync(Village, Build.Member(Relation.Head, Sex.Female, "覃桂兰"));
        await county.AddHouseholdAsync(Village, Build.Member(name: "大田发"), Build.Member(Relation.Spouse, Sex.Female, "阿依·古丽"));
        await county.AddHouseholdAsync(Elsewhere, Build.Member(name: "田大发财"), Build.Member(Relation.Spouse, Sex.Female, "向秀英"));
        await county.AddHouseholdAsync(Elsewhere, Build.Member(name: "Ann田"), Build.Member(Relation.Son, name: "ANN"));

        foreach (var actor in new[] { county.Admin, county.Inspector, county.VillageOfficer(Village), county.TownshipOfficer("翔凤镇") })
        {
            foreach (var search in Searches)
            {
                var found = await county.As<ListHouseholds>(actor).HandleAsync(new ListHouseholds.Query { Name = search, PageSize = ListHouseholds.MaxPageSize });
                // Today's answer, as the list computed it before the index: a scan of every name the actor may see.
                await using var db = county.Factory.Create(actor);
                var scanned = await db.Households.Where(h => db.Members.Where(m => m.Name.Contains(search)).Select(m => m.HouseholdId).Contains(h.Id))
                    .Select(h => h.Id).ToListAsync();
                Assert.True(scanned.Order().SequenceEqual(found.Items.Select(i => i.Id).Order()), $"{actor.UserName} searching '{search}'");
                Assert.Equal(scanned.Count, found.Total);
            }
        }
        // Spot checks of the fixture, so that the comparison above compares something.
        var all = county.As<ListHouseholds>(county.Admin);
        Assert.Equal(4, (await all.HandleAsync(new ListHouseholds.Query { Name = "田" })).Total);
        Assert.Equal(2, (await all.HandleAsync(new ListHouseholds.Query { Name = "田大" })).Total);
        Assert.Equal(1, (await all.HandleAsync(new ListHouseholds.Query { Name = "𠮷" })).Total);
        Assert.Equal(1, (await all.HandleAsync(new ListHouseholds.Query { Name = "Ann" })).Total);
        Assert.Equal(0, (await county.As<ListHouseholds>(county.VillageOfficer(Village)).HandleAsync(new ListHouseholds.Query { Name = "向秀英" })).Total);
    }

    [Theory, BothDatabases]
    public async Task Search_PagesInTheOrderOfNumbers_AndARepeatedSearchSeesEveryWrite(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var first = await county.AddHouseholdAsync(Village, Build.Member(name: "田大发"));
        await county.AddHouseholdAsync(Elsewhere, Build.Member(name: "田小花"), Build.Member(Relation.Spouse, Sex.Female, "田桂兰"));
        await county.AddHouseholdAsync(Village, Build.Member(name: "向田生"));
        await county.AddHouseholdAsync(Village, Build.Member(name: "覃大发"));
        var list = county.As<ListHouseholds>(county.Admin);

        // One at a time, every page: the scan's households in the order of their numbers, the total on every page.
        foreach (var search in new[] { "田", "大发", "田大发" })
        {
            await using var db = county.Factory.Create(county.Admin);
            var scanned = await db.Households.Where(h => db.Members.Where(m => m.Name.Contains(search)).Select(m => m.HouseholdId).Contains(h.Id))
                .OrderBy(h => h.Number).Select(h => h.Id).ToListAsync();
            var paged = new List<Guid>();
            for (var page = 1; page <= scanned.Count + 1; page++)
            {
                var found = await list.HandleAsync(new ListHouseholds.Query { Name = search, Page = page, PageSize = 1 });
                Assert.Equal(scanned.Count, found.Total);
                paged.AddRange(found.Items.Select(i => i.Id));
            }
            Assert.Equal(scanned, paged);
        }
        Assert.Equal(3, (await list.HandleAsync(new ListHouseholds.Query { Name = "田" })).Total);

        // The same search again after a write: a new member, then a changed name, are found at once.
        var h = await county.As<GetHousehold>(county.Admin).HandleAsync(first);
        await county.As<AddMember>(county.Admin).HandleAsync(new AddMember.Request(first, h.Version, Build.Member(Relation.Son, name: "田小明")));
        Assert.Equal(2, (await list.HandleAsync(new ListHouseholds.Query { Name = "小" })).Total);
        var other = await county.AddHouseholdAsync(Elsewhere, Build.Member(name: "彭金俊"));
        Assert.Equal(3, (await list.HandleAsync(new ListHouseholds.Query { Name = "田" })).Total);
        h = await county.As<GetHousehold>(county.Admin).HandleAsync(other);
        await county.As<UpdateMember>(county.Admin).HandleAsync(
            new UpdateMember.Request(other, h.Members[0].Id, h.Version, MemberFields.From(h.Members[0]) with { Name = "田金俊" }, "户口簿核对更正"));
        var after = await list.HandleAsync(new ListHouseholds.Query { Name = "田" });
        Assert.Equal(4, after.Total);
        Assert.Contains(after.Items, i => i.Id == other);
        // Another area asking the same: its own households only.
        Assert.Equal(2, (await county.As<ListHouseholds>(county.VillageOfficer(Village)).HandleAsync(new ListHouseholds.Query { Name = "田" })).Total);
    }

    [Fact]
    public void Pieces_AreSingleCharactersAndAdjacentPairs_ByCodePoint()
    {
        Assert.Equal(["田", "田大", "大", "大发", "发"], NameIndex.Grams("田大发").ToList());
        Assert.Equal(["田", "田𠮷", "𠮷"], NameIndex.Grams("田𠮷").ToList());
        Assert.Equal(["田", "田田"], NameIndex.Grams("田田田").ToList());
        Assert.Equal("田𠮷", NameIndex.Probe("田𠮷发"));
        Assert.Equal("𠮷", NameIndex.Probe("𠮷"));
    }

    [Theory, BothDatabases]
    public async Task Index_FollowsEveryWriteOfAName_AddEditImportAndDelete(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var id = await county.AddHouseholdAsync(Village, Build.Member(name: "田大成"));
        await AssertIndexMatchesNamesAsync(county);

        var h = await county.As<GetHousehold>(county.Admin).HandleAsync(id);
        var version = await county.As<UpdateMember>(county.Admin).HandleAsync(
            new UpdateMember.Request(id, h.Members[0].Id, h.Version, MemberFields.From(h.Members[0]) with { Name = "向达成" }, "户口簿核对更正"));
        await AssertIndexMatchesNamesAsync(county);
        var list = county.As<ListHouseholds>(county.Admin);
        Assert.Equal(0, (await list.HandleAsync(new ListHouseholds.Query { Name = "田" })).Total);
        Assert.Equal(1, (await list.HandleAsync(new ListHouseholds.Query { Name = "向达" })).Total);

        await county.As<AddMember>(county.Admin).HandleAsync(new AddMember.Request(id, version, Build.Member(Relation.Son, name: "覃小明")));
        await AssertIndexMatchesNamesAsync(county);
        Assert.Equal(1, (await list.HandleAsync(new ListHouseholds.Query { Name = "小" })).Total);

        // An edit that leaves the name as it was writes no pieces and removes none.
        h = await county.As<GetHousehold>(county.Admin).HandleAsync(id);
        var son = h.Members.Single(m => m.Name == "覃小明");
        await county.As<UpdateMember>(county.Admin).HandleAsync(
            new UpdateMember.Request(id, son.Id, h.Version, MemberFields.From(son) with { Education = Education.SeniorHigh }, "学历更正"));
        await AssertIndexMatchesNamesAsync(county);

        var csv = "户编号,乡镇,行政村,村民小组,识别年度,主要致贫原因,贫困户属性,姓名,证件号码,性别,出生日期,与户主关系,民族\r\n" +
            $"4228279999990001,三胡乡,黄柏园村,一组,2014,因病,一般贫困户,田茶花,{Build.NewResidentId(Sex.Female, new DateOnly(1955, 3, 12)).Value},,,户主,土家族\r\n" +
            $"4228279999990001,三胡乡,黄柏园村,一组,2014,因病,一般贫困户,杨𠮷,{Build.NewResidentId(Sex.Male, new DateOnly(1957, 3, 12)).Value},,,配偶,土家族\r\n";
        var imported = await county.As<ImportRegistry>(county.Admin).HandleAsync(new MemoryStream(new UTF8Encoding(false).GetBytes(csv)), "registry.csv", new ImportRegistry.Options());
        Assert.True(imported.Ok, string.Join("\n", imported.Errors));
        await AssertIndexMatchesNamesAsync(county);
        Assert.Equal(1, (await list.HandleAsync(new ListHouseholds.Query { Name = "茶花" })).Total);
        Assert.Equal(1, (await list.HandleAsync(new ListHouseholds.Query { Name = "杨𠮷" })).Total);

        // No use case deletes a member (they leave, or move with a split or merge); a deletion in the database takes its pieces along.
        await using (var db = county.Factory.CreateForOperator("tests"))
        {
            var member = await db.Members.SingleAsync(m => m.Name == "杨𠮷");
            db.Members.Remove(member);
            await db.SaveChangesAsync();
        }
        await AssertIndexMatchesNamesAsync(county);
        Assert.Equal(0, (await list.HandleAsync(new ListHouseholds.Query { Name = "𠮷" })).Total);
    }

    [Theory, BothDatabases]
    public async Task DemoData_IsIndexed_AndAnOlderDatabaseIsFilledWhenMigrated(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider, demo: true);
        await AssertIndexMatchesNamesAsync(county);
        var admin = county.As<ListHouseholds>(county.Admin);
        foreach (var search in new[] { "田", "秀", "田大", "向秀英" })
        {
            var found = await admin.HandleAsync(new ListHouseholds.Query { Name = search });
            var scanned = await county.QueryAsync(db => db.Households.CountAsync(h => db.Members.Any(m => m.HouseholdId == h.Id && m.Name.Contains(search))));
            Assert.Equal(scanned, found.Total);
        }
        Assert.True((await admin.HandleAsync(new ListHouseholds.Query { Name = "田" })).Total > 100);

        // A database from before the index: its members, none of their pieces. Migrating fills it.
        await county.QueryAsync(db => db.MemberNameGrams.ExecuteDeleteAsync());
        await new MigrateDatabase(county.Factory).HandleAsync();
        await AssertIndexMatchesNamesAsync(county);
    }

    private static async Task AssertIndexMatchesNamesAsync(TestCounty county)
    {
        var (members, grams) = await county.QueryAsync(async db => (
            await db.Members.IgnoreQueryFilters().Select(m => new Member { Id = m.Id, HouseholdId = m.HouseholdId, Name = m.Name, ResidentIdCipher = "", ResidentIdIndex = "" }).ToListAsync(),
            await db.MemberNameGrams.Select(g => new { g.Gram, g.MemberId, g.HouseholdId }).ToListAsync()));
        var expected = NameIndex.RowsOf(members).Select(g => (g.Gram, g.MemberId, g.HouseholdId)).OrderBy(g => g.Gram, StringComparer.Ordinal).ThenBy(g => g.MemberId).ToList();
        var stored = grams.Select(g => (g.Gram, g.MemberId, g.HouseholdId)).OrderBy(g => g.Gram, StringComparer.Ordinal).ThenBy(g => g.MemberId).ToList();
        Assert.Equal(expected.Count, stored.Count);
        Assert.True(expected.SequenceEqual(stored), "the index holds exactly the pieces of every member's name");
    }
}
