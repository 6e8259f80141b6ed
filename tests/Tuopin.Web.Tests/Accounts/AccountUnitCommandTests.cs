using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Organisation;
using Tuopin.Application.Storage;
using Tuopin.Domain.Organisation;
using Tuopin.Testing;
using static Tuopin.Web.Tests.CliRun;

namespace Tuopin.Web.Tests.Accounts;

/// <summary>The unit an account works for, from the shell: named by its name or alias, refused when it does not fit, removed.</summary>
public sealed class AccountUnitCommandTests
{
    [Fact]
    public async Task TheOperator_NamesAnAccountsUnit_ByNameOrAlias_AndAUnitThatDoesNotFitIsRefused()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        var save = county.As<SaveUnit>(county.Admin);
        var group = await save.HandleAsync(new SaveUnit.Request(new SaveUnit.Fields(UnitKind.WorkingGroup, "执纪问责组")));
        var jiwei = await save.HandleAsync(new SaveUnit.Request(new SaveUnit.Fields(UnitKind.Department, "县纪委", Aliases: "县纪委监察局", ParentId: group.Id)));
        string[] db = ["--db", county.Target.SqliteFile!, "--data-dir", TestDirectories.New("account-units")];

        var (added, addText, addError) = await RunAsync(["users", "add", "--name", "jiwei", "--role", "line-department", "--unit", "县纪委监察局", .. db]);
        Assert.True(added == 0, addError);
        Assert.Contains("县纪委", addText, StringComparison.Ordinal);
        Assert.Equal(jiwei.Id, await county.QueryAsync(d => d.Users.Where(u => u.UserName == "jiwei").Select(u => u.UnitId).SingleAsync()));
        Assert.Contains("单位：县纪委", (await RunAsync(["users", "list", .. db])).Output, StringComparison.Ordinal);

        var (refused, _, refusedError) = await RunAsync(["users", "add", "--name", "sanhu", "--role", "township", "--area", "三胡乡", "--unit", "县纪委", .. db]);
        Assert.Equal(Tuopin.Web.Cli.TuopinCli.Refused, refused);
        Assert.Contains("乡镇账号只能属于本乡镇的扶贫开发办", refusedError, StringComparison.Ordinal);
        Assert.False(await county.QueryAsync(d => d.Users.AnyAsync(u => u.UserName == "sanhu")));
        Assert.Equal(Tuopin.Web.Cli.TuopinCli.Refused, (await RunAsync(["users", "add", "--name", "x", "--role", "inspector", "--unit", "没有这个单位", .. db])).Exit);

        Assert.Equal(0, (await RunAsync(["users", "change", "--name", "jiwei", "--remove-unit", "--department", "water", .. db])).Exit);
        Assert.Null(await county.QueryAsync(d => d.Users.Where(u => u.UserName == "jiwei").Select(u => u.UnitId).SingleAsync()));
    }
}
