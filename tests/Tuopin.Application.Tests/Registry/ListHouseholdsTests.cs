using Tuopin.Application.Common;
using Tuopin.Application.Registry;
using Tuopin.Domain.Registry;
using Tuopin.Application.Storage;
using Tuopin.Testing;

namespace Tuopin.Application.Tests.Registry;

/// <summary>The household list says which member a search matched: the head is not always the one searched for.</summary>
public sealed class ListHouseholdsTests
{
    [Theory, BothDatabases]
    public async Task ANameOrIdSearch_NamesTheMatchedMembers(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var wife = Build.Member(Relation.Spouse, Sex.Female, "覃桂花");
        var first = await county.AddHouseholdAsync("三胡乡/黄柏园村", Build.Member(name: "田大发"), wife);
        var second = await county.AddHouseholdAsync("三胡乡/黄柏园村", Build.Member(Relation.Head, Sex.Female, "覃桂兰"));
        var list = county.As<ListHouseholds>(county.Admin);

        var byName = await list.HandleAsync(new ListHouseholds.Query { Name = "覃桂" });
        Assert.Equal(2, byName.Total);
        var wifeMatch = Assert.Single(byName.Items.Single(h => h.Id == first).Matched!);
        Assert.Equal(("覃桂花", Relation.Spouse, MemberStatus.Present), (wifeMatch.Name, wifeMatch.Relation, wifeMatch.Status));
        Assert.Equal("田大发", byName.Items.Single(h => h.Id == first).HeadName);
        Assert.Equal("覃桂兰", Assert.Single(byName.Items.Single(h => h.Id == second).Matched!).Name);

        var byId = await list.HandleAsync(new ListHouseholds.Query { ResidentId = wife.ResidentId });
        Assert.Equal("覃桂花", Assert.Single(Assert.Single(byId.Items).Matched!).Name);

        // Without a search there is nothing to explain.
        Assert.All((await list.HandleAsync(new ListHouseholds.Query())).Items, h => Assert.Null(h.Matched));
        // A village officer elsewhere finds nothing, matched or not.
        Assert.Empty((await county.As<ListHouseholds>(county.VillageOfficer("翔凤镇/老茶村")).HandleAsync(new ListHouseholds.Query { Name = "覃桂" })).Items);
        // A malformed number is refused, not answered with an empty or stale list.
        await Assert.ThrowsAsync<InvalidRequestException>(() => list.HandleAsync(new ListHouseholds.Query { ResidentId = "12345" }));
    }
}
