using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Registry;
using Tuopin.Application.Storage;
using Tuopin.Domain.Registry;
using Tuopin.Testing;

namespace Tuopin.Application.Tests.Registry;

/// <summary>One township, or one village, cannot read or change another's records.</summary>
public sealed class AreaScopeTests
{
    [Theory, BothDatabases]
    public async Task TownshipOfficer_ListsOnlyTheirTownship(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        await county.AddHouseholdAsync("三胡乡/黄柏园村");
        await county.AddHouseholdAsync("三胡乡/石桥村");
        await county.AddHouseholdAsync("翔凤镇/老茶村");

        var sanhu = await county.As<ListHouseholds>(county.TownshipOfficer("三胡乡")).HandleAsync(new ListHouseholds.Query());
        var xiangfeng = await county.As<ListHouseholds>(county.TownshipOfficer("翔凤镇")).HandleAsync(new ListHouseholds.Query());
        var village = await county.As<ListHouseholds>(county.VillageOfficer("三胡乡/石桥村")).HandleAsync(new ListHouseholds.Query());
        var all = await county.As<ListHouseholds>(county.Admin).HandleAsync(new ListHouseholds.Query());

        Assert.Equal(2, sanhu.Total);
        Assert.Equal(2, sanhu.Items.Count);
        Assert.All(sanhu.Items, h => Assert.Equal("三胡乡", h.Township));
        Assert.Equal(1, xiangfeng.Total);
        Assert.Equal("石桥村", Assert.Single(village.Items).Village);
        Assert.Equal(3, all.Total);
    }

    [Theory, BothDatabases]
    public async Task TownshipOfficer_CannotReadAnotherTownshipsHousehold(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var id = await county.AddHouseholdAsync("翔凤镇/老茶村");
        var officer = county.TownshipOfficer("三胡乡");

        await Assert.ThrowsAsync<NotFoundException>(() => county.As<GetHousehold>(officer).HandleAsync(id));
        await Assert.ThrowsAsync<NotFoundException>(() => county.As<GetHouseholdHistory>(officer).HandleAsync(id));
        var byFilter = await county.As<ListHouseholds>(officer).HandleAsync(new ListHouseholds.Query { TownshipId = county.Townships["翔凤镇"] });
        Assert.Equal(0, byFilter.Total);
    }

    [Theory, BothDatabases]
    public async Task TownshipOfficer_CannotChangeAnotherTownshipsHousehold(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var id = await county.AddHouseholdAsync("翔凤镇/老茶村");
        var before = await county.As<GetHousehold>(county.Admin).HandleAsync(id);
        var officer = county.TownshipOfficer("三胡乡");
        var member = before.Members[0];

        await Assert.ThrowsAsync<NotFoundException>(() => county.As<UpdateHousehold>(officer).HandleAsync(
            new UpdateHousehold.Request(id, before.Version, before.Fields with { Attribute = HouseholdAttribute.Dibao })));
        await Assert.ThrowsAsync<NotFoundException>(() => county.As<UpdateMember>(officer).HandleAsync(
            new UpdateMember.Request(id, member.Id, before.Version, Build.Member() with { Name = "改名" })));
        await Assert.ThrowsAsync<NotFoundException>(() => county.As<AddMember>(officer).HandleAsync(
            new AddMember.Request(id, before.Version, Build.Member(Relation.Son))));
        await Assert.ThrowsAsync<NotFoundException>(() => county.As<RecordIncome>(officer).HandleAsync(
            new RecordIncome.Request(id, before.Version, Build.Income(2015))));

        var after = await county.As<GetHousehold>(county.Admin).HandleAsync(id);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(HouseholdAttribute.General, after.Fields.Attribute);
        Assert.Single(after.Members);
        Assert.Empty(after.Incomes);
    }

    [Theory, BothDatabases]
    public async Task TownshipOfficer_CannotMoveAHouseholdOutOfTheirTownship(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var id = await county.AddHouseholdAsync("三胡乡/黄柏园村");
        var officer = county.TownshipOfficer("三胡乡");
        var h = await county.As<GetHousehold>(officer).HandleAsync(id);

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<UpdateHousehold>(officer).HandleAsync(
            new UpdateHousehold.Request(id, h.Version, h.Fields with { VillageId = county.Villages["翔凤镇/老茶村"].Id })));

        Assert.Equal("villageId", Assert.Single(error.Problems).Field);
        var after = await county.QueryAsync(db => db.Households.SingleAsync(x => x.Id == id));
        Assert.Equal(county.Townships["三胡乡"], after.TownshipId);
    }

    [Theory, BothDatabases]
    public async Task Inspector_ReadsTheCounty_WithMaskedIds_AndCannotWrite(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var head = Build.Member();
        var id = await county.AddHouseholdAsync("三胡乡/黄柏园村", head);

        var seen = await county.As<GetHousehold>(county.Inspector).HandleAsync(id);
        var officerSees = await county.As<GetHousehold>(county.TownshipOfficer("三胡乡")).HandleAsync(id);
        var list = await county.As<ListHouseholds>(county.Inspector).HandleAsync(new ListHouseholds.Query());

        Assert.True(seen.Members[0].ResidentId.Masked);
        Assert.Equal(head.ResidentId![..6] + "************", seen.Members[0].ResidentId.Text);
        Assert.True(seen.Phone!.Masked);
        Assert.Equal("138****1234", seen.Phone.Text);
        Assert.Null(seen.Fields.Phone);
        Assert.False(officerSees.Members[0].ResidentId.Masked);
        Assert.Equal(head.ResidentId, officerSees.Members[0].ResidentId.Text);
        Assert.True(list.Items[0].HeadResidentId!.Masked);
        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<UpdateHousehold>(county.Inspector).HandleAsync(
            new UpdateHousehold.Request(id, seen.Version, Build.Household(county.Villages["三胡乡/黄柏园村"].Id))));
    }

    [Theory, BothDatabases]
    public async Task TheLastLine_RefusesAWriteOutsideTheArea_EvenWithoutTheUseCasesChecks(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var officer = county.TownshipOfficer("三胡乡");
        await using var db = county.Factory.Create(officer);
        var (villageId, townshipId) = county.Villages["翔凤镇/老茶村"];
        db.Households.Add(new Household { Id = Guid.NewGuid(), Number = "9999", CountyId = county.CountyId, TownshipId = townshipId, VillageId = villageId, RegistrationYear = 2014 });

        await Assert.ThrowsAsync<ForbiddenException>(() => db.SaveChangesAsync());
    }
}
