using System.Text.Json;
using Tuopin.Application.Plan;
using Tuopin.Testing;

using static Tuopin.Web.Tests.CliRun;

namespace Tuopin.Web.Tests.Plan;

public sealed class PlanCommandTests
{
    [Fact]
    public async Task PlanCheck_OnLaifengsPlan_Exits1_WithTheHouseholdsFinding_AsJson()
    {
        var (exit, output, _) = await RunAsync("plan", "check", "--format", "json");

        Assert.Equal(1, exit);
        using var json = JsonDocument.Parse(output);
        Assert.False(json.RootElement.GetProperty("consistent").GetBoolean());
        var finding = Assert.Single(json.RootElement.GetProperty("findings").EnumerateArray().ToList());
        Assert.Equal("plan.years_households_total", finding.GetProperty("code").GetString());
        Assert.Contains("21,895", finding.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains("21,897", finding.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("2 / 2(1)", finding.GetProperty("section").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlanCheck_OnAConsistentFile_Exits0_AndOnAMissingFile_Exits2()
    {
        var directory = TestDirectories.New("cli-plan");
        var plan = PlanDocument.BuiltIn();
        plan.Totals.Households = 21_895;
        var file = Path.Combine(directory, "consistent-plan.json");
        await File.WriteAllTextAsync(file, plan.ToJson());
        var faulty = PlanDocument.BuiltIn();
        faulty.Totals.Households = 21_895;
        faulty.Deadlines[0].Date = new DateOnly(2018, 1, 10);
        var faultyFile = Path.Combine(directory, "faulty-plan.json");
        await File.WriteAllTextAsync(faultyFile, faulty.ToJson());

        var (ok, okOutput, _) = await RunAsync("plan", "check", file);
        var (bad, badOutput, _) = await RunAsync("plan", "check", faultyFile);
        var (missing, _, missingError) = await RunAsync("plan", "check", Path.Combine(directory, "nope.json"));

        Assert.Equal(0, ok);
        Assert.Contains("没有发现问题", okOutput, StringComparison.Ordinal);
        Assert.Equal(1, bad);
        Assert.Contains("plan.deadline_after_year", badOutput, StringComparison.Ordinal);
        Assert.Contains("[4(7)]", badOutput, StringComparison.Ordinal);
        Assert.Equal(2, missing);
        Assert.Contains("nope.json", missingError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlanLoad_AndProgress_OnPlacesWithoutHouseholds_PrintTargetsByUnit_AsJson()
    {
        var directory = TestDirectories.New("cli-progress");
        var db = Path.Combine(directory, "plan.db");
        Assert.Equal(0, (await RunAsync("places", "load", "--db", db, "--data-dir", directory)).Exit);

        var (noPlan, _, noPlanError) = await RunAsync("progress", "--db", db, "--data-dir", directory, "--year", "2016");
        var (load, loadOutput, _) = await RunAsync("plan", "load", "--db", db, "--data-dir", directory);
        var (again, againOutput, _) = await RunAsync("plan", "load", "--db", db, "--data-dir", directory);
        var xlsx = Path.Combine(directory, "progress.xlsx");
        var (exit, output, error) = await RunAsync("progress", "--db", db, "--data-dir", directory, "--year", "2016", "--format", "json", "--xlsx", xlsx);
        var (badYear, _, _) = await RunAsync("progress", "--db", db, "--data-dir", directory, "--year", "abc");

        Assert.Equal(1, noPlan);
        Assert.Contains("plan load", noPlanError, StringComparison.Ordinal);
        Assert.Equal(0, load);
        Assert.Contains("第1版", loadOutput, StringComparison.Ordinal);
        Assert.Equal(0, again);
        Assert.Contains("未新增版本", againOutput, StringComparison.Ordinal);
        Assert.True(exit == 0, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(2016, root.GetProperty("year").GetInt32());
        Assert.Equal(8, root.GetProperty("townships").GetArrayLength());
        Assert.Equal(10, root.GetProperty("zones").GetArrayLength());
        var y2016 = root.GetProperty("years").EnumerateArray().Single(y => y.GetProperty("year").GetInt32() == 2016);
        Assert.Equal(5_217, y2016.GetProperty("target").GetProperty("households").GetInt32());
        Assert.Equal(0, y2016.GetProperty("actual").GetProperty("households").GetInt32());
        Assert.True(y2016.GetProperty("behind").GetBoolean());
        Assert.Contains(root.GetProperty("alerts").EnumerateArray(), a => a.GetProperty("kind").GetString() == "year_behind");
        Assert.True(new FileInfo(xlsx).Length > 1000);
        Assert.Equal(2, badYear);
    }

    [Fact]
    public async Task PlanYear_ShowsTheWorkingYearAndWhatItLacks_AndSetsIt()
    {
        var directory = TestDirectories.New("cli-year");
        var db = Path.Combine(directory, "year.db");
        Assert.Equal(0, (await RunAsync("places", "load", "--db", db, "--data-dir", directory)).Exit);

        var (shown, shownOutput, _) = await RunAsync("plan", "year", "--db", db, "--data-dir", directory);
        var (set, setOutput, setError) = await RunAsync("plan", "year", "2017", "--db", db, "--data-dir", directory);
        var (refused, _, refusedError) = await RunAsync("plan", "year", "1999", "--db", db, "--data-dir", directory);
        var (json, jsonOutput, _) = await RunAsync("plan", "year", "--db", db, "--data-dir", directory, "--format", "json");

        Assert.Equal(0, shown);
        Assert.Contains("未设置，按日历年", shownOutput, StringComparison.Ordinal);
        Assert.True(set == 0, setError);
        Assert.Contains("工作年度：2017", setOutput, StringComparison.Ordinal);
        // The data set has poverty lines to 2016, and no plan is loaded: both are named, with where to fix them.
        Assert.Contains("2017 年国家扶贫标准未设置", setOutput, StringComparison.Ordinal);
        Assert.Contains("/exit/standards", setOutput, StringComparison.Ordinal);
        Assert.Contains("尚未载入减贫方案", setOutput, StringComparison.Ordinal);
        Assert.NotEqual(0, refused);
        Assert.Contains("1999", refusedError, StringComparison.Ordinal);
        Assert.Equal(0, json);
        using var doc = JsonDocument.Parse(jsonOutput);
        Assert.Equal(2017, doc.RootElement.GetProperty("year").GetInt32());
        Assert.True(doc.RootElement.GetProperty("yearSet").GetBoolean());
    }
}
