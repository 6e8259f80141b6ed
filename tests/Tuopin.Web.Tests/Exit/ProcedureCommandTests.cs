using System.Text.Json;
using Tuopin.Application.Exit;
using Tuopin.Application.Storage;
using Tuopin.Domain.Exit;
using Tuopin.Testing;
using Tuopin.Web.Cli;

namespace Tuopin.Web.Tests.Exit;

public sealed class ProcedureCommandTests
{
    [Fact]
    public async Task ExitProcedures_ListsWhereEachHouseholdStands()
    {
        const string village = "三胡乡/黄柏园村";
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        var a = await county.AddHouseholdAsync(village, Build.Member(name: "滕光明"));
        var b = await county.AddHouseholdAsync(village, Build.Member(name: "向大福"));
        var today = county.Today;
        var proposed = await county.As<ProposeExits>(county.VillageOfficer(village)).HandleAsync(
            new ProposeExits.Request(county.Villages[village].Id, today.Year, today.AddDays(-10), [a, b], "拟退出户名单"));
        await county.As<RecordProcedureStep>(county.VillageOfficer(village)).HandleAsync(
            new RecordProcedureStep.Request([proposed.ProcedureIds[0]], ProcedureStep.DemocraticReview, today.AddDays(-5), null));
        string[] db = ["--db", county.Target.SqliteFile!, "--data-dir", county.Settings.DataDirectory];

        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await TuopinCli.RunAsync(["exit", "procedures", .. db, "--year", today.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), "--township", "三胡乡"], output, error);
        var json = new StringWriter();
        var jsonExit = await TuopinCli.RunAsync(["exit", "procedures", .. db, "--year", today.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), "--format", "json"], json, error);

        Assert.True(exit == 0, error.ToString());
        var text = output.ToString();
        Assert.Contains($"{today.Year} 年退出程序：2 户", text, StringComparison.Ordinal);
        Assert.Contains("滕光明：村两委民主评议", text, StringComparison.Ordinal);
        Assert.Contains("向大福：提名拟退出", text, StringComparison.Ordinal);
        Assert.Contains("下一步 村委会和驻村工作队核实", text, StringComparison.Ordinal);
        Assert.Equal(0, jsonExit);
        using var doc = JsonDocument.Parse(json.ToString());
        Assert.Equal(2, doc.RootElement.GetProperty("rows").GetArrayLength());
    }
}
