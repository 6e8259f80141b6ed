using System.Text.Json;
using Tuopin.Testing;

using static Tuopin.Web.Tests.CliRun;

namespace Tuopin.Web.Tests.Exit;

public sealed class ExitCommandTests
{
    [Fact]
    public async Task ExitAssess_PrintsUnitsAndFailingConditions_AsJson_WithExitCodes()
    {
        var directory = TestDirectories.New("cli-exit");
        string[] db = ["--db", Path.Combine(directory, "exit.db"), "--data-dir", directory];
        Assert.Equal(0, (await RunAsync(["places", "load", .. db])).Exit);

        // No populations are recorded yet: every poor village is "not yet judged", so not ready (exit 1).
        var (villages, json, _) = await RunAsync(["exit", "assess", .. db, "--year", "2016", "--level", "village", "--format", "json"]);
        // 2017 has no poverty line: refused with the reason (exit 1, errors in JSON).
        var (refused, refusal, _) = await RunAsync(["exit", "assess", .. db, "--year", "2017", "--level", "household", "--format", "json"]);
        var (text, _, textError) = await RunAsync(["exit", "assess", .. db, "--year", "2017"]);
        var (set, _, setError) = await RunAsync(["exit", "line", "set", .. db, "--year", "2017", "--amount", "3335", "--source", "测试"]);
        // With the line set and no household registered, every (no) household is ready: exit 0.
        var (households, householdText, _) = await RunAsync(["exit", "assess", .. db, "--year", "2017", "--level", "household"]);
        var (badLevel, _, _) = await RunAsync(["exit", "assess", .. db, "--year", "2016", "--level", "province"]);
        var (noYear, _, _) = await RunAsync(["exit", "assess", .. db]);

        Assert.Equal(1, villages);
        using (var doc = JsonDocument.Parse(json))
        {
            var root = doc.RootElement;
            Assert.Equal(2016, root.GetProperty("year").GetInt32());
            Assert.Equal(2952m, root.GetProperty("povertyLine").GetDecimal());
            Assert.Equal(46, root.GetProperty("units").GetArrayLength());
            var first = root.GetProperty("units")[0];
            Assert.False(first.GetProperty("ready").GetBoolean());
            var condition = first.GetProperty("conditions")[0];
            Assert.Equal("village_incidence", condition.GetProperty("rule").GetString());
            Assert.Equal("notEvaluated", condition.GetProperty("state").GetString());
        }
        Assert.Equal(1, refused);
        using (var doc = JsonDocument.Parse(refusal))
            Assert.Equal("exit.poverty_line_not_set", doc.RootElement.GetProperty("errors")[0].GetProperty("code").GetString());
        Assert.Equal(1, text);
        Assert.Contains("2017 年的国家扶贫标准尚未设置", textError, StringComparison.Ordinal);
        Assert.True(set == 0, setError);
        Assert.Equal(0, households);
        Assert.Contains("国家扶贫标准 3,335 元", householdText, StringComparison.Ordinal);
        Assert.Equal(2, badLevel);
        Assert.Equal(2, noYear);
    }
}
