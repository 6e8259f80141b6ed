using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Registry;
using Tuopin.Application.Storage;
using Tuopin.Domain.Registry;
using Tuopin.Testing;

namespace Tuopin.Application.Tests.Registry;

public sealed class EditingTests
{
    private const string Village = "三胡乡/黄柏园村";

    [Theory, BothDatabases]
    public async Task UpdateMember_RecordsWhoWhenAndBeforeAndAfter(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var id = await county.AddHouseholdAsync(Village, Build.Member(name: "田大成"));
        var officer = county.VillageOfficer(Village);
        var h = await county.As<GetHousehold>(officer).HandleAsync(id);
        var member = h.Members[0];
        var fields = MemberFieldsOf(member) with { Name = "田达成", Education = Education.SeniorHigh };

        var version = await county.As<UpdateMember>(officer).HandleAsync(new UpdateMember.Request(id, member.Id, h.Version, fields, "户口簿核对更正"));

        Assert.Equal(h.Version + 1, version);
        var history = await county.As<GetHouseholdHistory>(officer).HandleAsync(id);
        var entry = history.First(e => e.EntityType == "Member" && e.Action == "Update");
        Assert.Equal(officer.UserName, entry.UserName);
        Assert.Equal("户口簿核对更正", entry.Reason);
        using var changes = JsonDocument.Parse(entry.Changes);
        Assert.Equal("田大成", changes.RootElement.GetProperty("name").GetProperty("old").GetString());
        Assert.Equal("田达成", changes.RootElement.GetProperty("name").GetProperty("new").GetString());
        Assert.Equal("JuniorHigh", changes.RootElement.GetProperty("education").GetProperty("old").GetString());
        Assert.False(changes.RootElement.TryGetProperty("sex", out _));
    }

    [Theory, BothDatabases]
    public async Task SecondSaveFromAStaleCopy_IsRefused_NamingWhoChangedIt(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var id = await county.AddHouseholdAsync(Village);
        var first = county.VillageOfficer(Village);
        var second = county.TownshipOfficer("三胡乡");
        var copyA = await county.As<GetHousehold>(first).HandleAsync(id);
        var copyB = await county.As<GetHousehold>(second).HandleAsync(id);

        await county.As<UpdateHousehold>(first).HandleAsync(new UpdateHousehold.Request(id, copyA.Version, copyA.Fields with { Attribute = HouseholdAttribute.Dibao }));
        var error = await Assert.ThrowsAsync<ConflictException>(() => county.As<UpdateHousehold>(second).HandleAsync(
            new UpdateHousehold.Request(id, copyB.Version, copyB.Fields with { Attribute = HouseholdAttribute.Wubao })));

        Assert.Contains(first.UserName, error.Text.Zh, StringComparison.Ordinal);
        var stored = await county.As<GetHousehold>(county.Admin).HandleAsync(id);
        Assert.Equal(HouseholdAttribute.Dibao, stored.Fields.Attribute);
    }

    [Theory, BothDatabases]
    public async Task AMemberEdit_MakesOtherCopiesOfTheHouseholdStale(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var id = await county.AddHouseholdAsync(Village);
        var copy = await county.As<GetHousehold>(county.Admin).HandleAsync(id);

        await county.As<AddMember>(county.Admin).HandleAsync(new AddMember.Request(id, copy.Version, Build.Member(Relation.Son, name: "田小明")));

        await Assert.ThrowsAsync<ConflictException>(() => county.As<UpdateMember>(county.Admin).HandleAsync(
            new UpdateMember.Request(id, copy.Members[0].Id, copy.Version, MemberFieldsOf(copy.Members[0]) with { Name = "别名" })));
    }

    [Theory, BothDatabases]
    public async Task PersonalData_NeverAppearsInTheAuditInClear(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var head = Build.Member();
        var id = await county.AddHouseholdAsync(Village, head);
        var h = await county.As<GetHousehold>(county.Admin).HandleAsync(id);
        var newId = Build.NewResidentId();
        await county.As<UpdateMember>(county.Admin).HandleAsync(new UpdateMember.Request(id, h.Members[0].Id, h.Version,
            MemberFieldsOf(h.Members[0]) with { ResidentId = newId.Value, BirthDate = newId.BirthDate, Sex = newId.Sex }));

        var audit = await county.QueryAsync(db => db.AuditEntries.Where(a => a.HouseholdId == id).Select(a => a.Changes).ToListAsync());
        var all = string.Join("\n", audit);
        Assert.DoesNotContain(head.ResidentId!, all, StringComparison.Ordinal);
        Assert.DoesNotContain(newId.Value, all, StringComparison.Ordinal);
        Assert.DoesNotContain("13800001234", all, StringComparison.Ordinal);
        Assert.Contains(ResidentId.Mask(newId.Value), all, StringComparison.Ordinal);
        Assert.Contains("138****1234", all, StringComparison.Ordinal);
    }

    [Theory, BothDatabases]
    public async Task RecordIncome_KeepsExactAmounts_AndComputesPerCapitaAgainstTheLine(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var id = await county.AddHouseholdAsync(Village, Build.Member(), Build.Member(Relation.Spouse, Sex.Female), Build.Member(Relation.Son));
        var h = await county.As<GetHousehold>(county.Admin).HandleAsync(id);

        await county.As<RecordIncome>(county.Admin).HandleAsync(new RecordIncome.Request(id, h.Version, new IncomeFields
        {
            Year = 2015, Wage = 5000.10m, Production = 3000.20m, Dibao = 0.01m, ProductionExpense = 1000.30m,
        }));

        var income = Assert.Single((await county.As<GetHousehold>(county.Admin).HandleAsync(id)).Incomes);
        Assert.Equal(8000.31m, income.Total);
        Assert.Equal(7000.01m, income.Net);
        Assert.Equal(3, income.HouseholdSize);
        Assert.Equal(2333.34m, income.PerCapitaNet);
        Assert.Equal(2855m, income.PovertyLine);
        // The database itself sums the stored fen exactly.
        var fen = await county.QueryAsync(db => db.Database.SqlQueryRaw<long>("SELECT SUM(wage + production + dibao - production_expense) AS \"Value\" FROM household_incomes").SingleAsync());
        Assert.Equal(700001L, fen);
    }

    [Theory, BothDatabases]
    public async Task RecordIncome_RefusesMoreThanTwoDecimals(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var id = await county.AddHouseholdAsync(Village);
        var h = await county.As<GetHousehold>(county.Admin).HandleAsync(id);

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<RecordIncome>(county.Admin).HandleAsync(
            new RecordIncome.Request(id, h.Version, Build.Income(2015) with { Property = 1.005m })));

        Assert.Equal("property", Assert.Single(error.Problems).Field);
    }

    [Theory, BothDatabases]
    public async Task StatusChange_IsKeptAsHistory_AndOnlyTheCountyApprovesIt(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var id = await county.AddHouseholdAsync(Village);
        var h = await county.As<GetHousehold>(county.Admin).HandleAsync(id);
        var request = new ChangeHouseholdStatus.Request(id, h.Version, HouseholdStatus.Exited, 2016, new DateOnly(2016, 12, 20), "经民主评议、公示后脱贫");

        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<ChangeHouseholdStatus>(county.TownshipOfficer("三胡乡")).HandleAsync(request));
        await county.As<ChangeHouseholdStatus>(county.Admin).HandleAsync(request);

        var after = await county.As<GetHousehold>(county.Admin).HandleAsync(id);
        Assert.Equal(HouseholdStatus.Exited, after.Status);
        Assert.Equal(2016, after.ExitYear);
        Assert.Equal(2, after.StatusChanges.Count);
        Assert.Equal(HouseholdStatus.NotExited, after.StatusChanges[1].From);
        Assert.Equal("经民主评议、公示后脱贫", after.StatusChanges[1].Reason);
    }

    [Theory, BothDatabases]
    public async Task TheHouseholdsSize_FollowsItsPresentMembers(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var id = await county.AddHouseholdAsync(Village, Build.Member(), Build.Member(Relation.Spouse, Sex.Female));
        var h = await county.As<GetHousehold>(county.Admin).HandleAsync(id);
        var added = await county.As<AddMember>(county.Admin).HandleAsync(new AddMember.Request(id, h.Version, Build.Member(Relation.Son)));
        h = await county.As<GetHousehold>(county.Admin).HandleAsync(id);
        var wife = h.Members.Single(m => m.Relation == Relation.Spouse);

        await county.As<UpdateMember>(county.Admin).HandleAsync(new UpdateMember.Request(id, wife.Id, added.Version, MemberFieldsOf(wife) with { Status = MemberStatus.Deceased }, "病故"));

        var size = await county.QueryAsync(db => db.Households.Where(x => x.Id == id).Select(x => x.Size).SingleAsync());
        Assert.Equal(2, size);
        var overview = await county.As<CountyOverview>(county.Admin).HandleAsync();
        Assert.Equal((1, 2), (overview.Registered.Households, overview.Registered.People));
    }

    [Theory, BothDatabases]
    public async Task MovingAHousehold_MovesItsMembersIntoTheNewVillagesArea(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var id = await county.AddHouseholdAsync(Village, Build.Member(name: "迁户主"));
        var h = await county.As<GetHousehold>(county.Admin).HandleAsync(id);

        await county.As<UpdateHousehold>(county.Admin).HandleAsync(new UpdateHousehold.Request(id, h.Version, h.Fields with { VillageId = county.Villages["翔凤镇/老茶村"].Id }, "整户迁移"));

        var byName = await county.As<ListHouseholds>(county.TownshipOfficer("翔凤镇")).HandleAsync(new ListHouseholds.Query { Name = "迁户主" });
        var old = await county.As<ListHouseholds>(county.TownshipOfficer("三胡乡")).HandleAsync(new ListHouseholds.Query { Name = "迁户主" });
        Assert.Equal(id, Assert.Single(byName.Items).Id);
        Assert.Equal("迁户主", byName.Items[0].HeadName);
        Assert.Equal(0, old.Total);
    }

    [Theory, BothDatabases]
    public async Task AddMember_IsRefused_WhenItWouldMakeASecondHead(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var id = await county.AddHouseholdAsync(Village);
        var h = await county.As<GetHousehold>(county.Admin).HandleAsync(id);

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<AddMember>(county.Admin).HandleAsync(new AddMember.Request(id, h.Version, Build.Member(Relation.Head))));

        Assert.Contains(error.Problems, p => p.Code == "household.several_heads" && p.Field == "relation");
        Assert.Equal(1, await county.QueryAsync(db => db.Members.CountAsync()));
    }

    [Theory, BothDatabases]
    public async Task Search_FindsAHouseholdByExactResidentId_OrByPartOfAName(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var wife = Build.Member(Relation.Spouse, Sex.Female, "覃桂花");
        var target = await county.AddHouseholdAsync(Village, Build.Member(name: "彭志勇"), wife);
        await county.AddHouseholdAsync(Village, Build.Member(name: "田国平"));
        var list = county.As<ListHouseholds>(county.Admin);

        var byId = await list.HandleAsync(new ListHouseholds.Query { ResidentId = " " + wife.ResidentId!.ToLowerInvariant() + " " });
        var byName = await list.HandleAsync(new ListHouseholds.Query { Name = "桂花" });
        var invalid = await Assert.ThrowsAsync<InvalidRequestException>(() => list.HandleAsync(new ListHouseholds.Query { ResidentId = "4228271" }));

        Assert.Equal(target, Assert.Single(byId.Items).Id);
        Assert.Equal("彭志勇", byId.Items[0].HeadName);
        Assert.Equal(target, Assert.Single(byName.Items).Id);
        Assert.Equal("residentId", Assert.Single(invalid.Problems).Field);
    }

    private static MemberFields MemberFieldsOf(MemberView m) => MemberFields.From(m);
}
