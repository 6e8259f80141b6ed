using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Audit;
using Tuopin.Application.Common;
using Tuopin.Application.Registry;
using Tuopin.Application.Storage;
using Tuopin.Domain.Registry;
using Tuopin.Testing;

namespace Tuopin.Application.Tests.Registry;

public sealed class CreateHouseholdTests
{
    private const string Village = "三胡乡/黄柏园村";

    [Theory, BothDatabases]
    public async Task Create_StoresHouseholdMembersStatusAndAudit_InOneGo(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var head = Build.Member(Relation.Head, Sex.Male, "田大成");
        var wife = Build.Member(Relation.Spouse, Sex.Female, "向秀英");

        var id = await county.AddHouseholdAsync(Village, head, wife);

        var household = await county.QueryAsync(db => db.Households.Include(h => h.Members).Include(h => h.StatusChanges).SingleAsync(h => h.Id == id));
        Assert.Equal(2, household.Members.Count);
        Assert.Equal(HouseholdStatus.NotExited, household.Status);
        Assert.StartsWith("422827202", household.Number, StringComparison.Ordinal);
        Assert.Equal(16, household.Number.Length);
        Assert.Single(household.StatusChanges);
        var audit = await county.QueryAsync(db => db.AuditEntries.Where(a => a.HouseholdId == id).ToListAsync());
        Assert.Contains(audit, a => a.EntityType == "Household" && a.Action == AuditAction.Insert && a.UserName == "县管理员");
        Assert.Equal(2, audit.Count(a => a.EntityType == "Member" && a.Action == AuditAction.Insert));
        Assert.Single(audit.Select(a => a.CorrelationId).Distinct());
    }

    [Theory, BothDatabases]
    public async Task Create_NumbersHouseholdsInTheVillageInSequence(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var first = await county.AddHouseholdAsync(Village);
        var second = await county.AddHouseholdAsync(Village);
        var numbers = await county.QueryAsync(db => db.Households.Where(h => h.Id == first || h.Id == second).OrderBy(h => h.Number).Select(h => h.Number).ToListAsync());
        Assert.Equal(["4228272022090001", "4228272022090002"], numbers);
    }

    [Theory, BothDatabases]
    public async Task Create_IsRefused_WhenResidentIdInvalid_AndNothingIsStored(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var member = Build.Member() with { ResidentId = "360426199101010072" };

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => county.AddHouseholdAsync(Village, member));

        var problem = Assert.Single(error.Problems);
        Assert.Equal("members[0].residentId", problem.Field);
        Assert.Contains("校验位", problem.Message.Zh, StringComparison.Ordinal);
        Assert.Equal(0, await county.QueryAsync(db => db.Households.CountAsync()));
        Assert.Equal(0, await county.QueryAsync(db => db.Members.CountAsync()));
        Assert.Equal(0, await county.QueryAsync(db => db.AuditEntries.CountAsync(a => a.EntityType != "County" && a.EntityType != "Township" && a.EntityType != "Village" && a.EntityType != "Zone")));
    }

    [Theory, BothDatabases]
    public async Task Create_IsRefused_WhenResidentIdIsRegisteredInAnotherTownship(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var person = Build.Member();
        await county.AddHouseholdAsync(Village, person);
        var officer = county.TownshipOfficer("翔凤镇");
        var request = new CreateHousehold.Request(Build.Household(county.Villages["翔凤镇/老茶村"].Id), [person with { Name = "另一人" }]);

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<CreateHousehold>(officer).HandleAsync(request));

        var problem = Assert.Single(error.Problems);
        Assert.Equal("member.duplicate_resident_id", problem.Code);
        // The refusal says the number is taken, not where: the other township's household stays unseen.
        Assert.DoesNotContain("三胡", problem.Message.Zh, StringComparison.Ordinal);
        Assert.DoesNotContain("黄柏园", problem.Message.Zh, StringComparison.Ordinal);
        Assert.Equal(1, await county.QueryAsync(db => db.Households.CountAsync()));
    }

    [Theory, BothDatabases]
    public async Task Create_IsRefused_WhenTheSameIdIsGivenTwice(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var head = Build.Member();
        var twin = head with { Relation = Relation.Son, Name = "田二" };

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => county.AddHouseholdAsync(Village, head, twin));

        Assert.Contains(error.Problems, p => p.Field == "members[1].residentId" && p.Code == "member.duplicate_in_request");
    }

    [Theory, BothDatabases]
    public async Task Create_IsRefused_WithoutExactlyOneHead(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);

        var none = await Assert.ThrowsAsync<InvalidRequestException>(() => county.AddHouseholdAsync(Village, Build.Member(Relation.Son)));
        var two = await Assert.ThrowsAsync<InvalidRequestException>(() => county.AddHouseholdAsync(Village, Build.Member(), Build.Member()));

        Assert.Contains(none.Problems, p => p.Code == "household.no_head" && p.Field == "members");
        Assert.Contains(two.Problems, p => p.Code == "household.several_heads");
        Assert.Equal(0, await county.QueryAsync(db => db.Households.CountAsync()));
    }

    [Theory, BothDatabases]
    public async Task Create_IsRefused_WhenStatedSexOrBirthContradictTheId(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var member = Build.Member(Relation.Head, Sex.Male);
        var wrong = member with { Sex = Sex.Female, BirthDate = member.BirthDate.AddDays(1) };

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => county.AddHouseholdAsync(Village, wrong));

        Assert.Contains(error.Problems, p => p.Field == "members[0].sex" && p.Code == "member.sex_mismatch");
        Assert.Contains(error.Problems, p => p.Field == "members[0].birthDate" && p.Code == "member.birth_mismatch");
    }

    [Theory, BothDatabases]
    public async Task Create_IsRefused_ForAnUnknownVillage_OrOneOutsideTheArea(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var unknown = new CreateHousehold.Request(Build.Household(Guid.NewGuid()), [Build.Member()]);
        var elsewhere = new CreateHousehold.Request(Build.Household(county.Villages["大河镇/白果树村"].Id), [Build.Member()]);

        var e1 = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<CreateHousehold>(county.Admin).HandleAsync(unknown));
        var e2 = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<CreateHousehold>(county.VillageOfficer(Village)).HandleAsync(elsewhere));

        Assert.Equal("villageId", Assert.Single(e1.Problems).Field);
        Assert.Equal("villageId", Assert.Single(e2.Problems).Field);
        Assert.Equal(0, await county.QueryAsync(db => db.Households.CountAsync()));
    }

    [Theory, BothDatabases]
    public async Task Create_IsRefused_ForANegativeIncome(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var request = new CreateHousehold.Request(Build.Household(county.Villages[Village].Id), [Build.Member()], [Build.Income(2014, wage: -1m)]);

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => county.As<CreateHousehold>(county.Admin).HandleAsync(request));

        var problem = Assert.Single(error.Problems);
        Assert.Equal("incomes[0].wage", problem.Field);
        Assert.Equal("income.negative", problem.Code);
    }

    [Theory, BothDatabases]
    public async Task Create_IsRefused_ForAReadOnlyRole(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var request = new CreateHousehold.Request(Build.Household(county.Villages[Village].Id), [Build.Member()]);

        await Assert.ThrowsAsync<ForbiddenException>(() => county.As<CreateHousehold>(county.Inspector).HandleAsync(request));
    }
}
