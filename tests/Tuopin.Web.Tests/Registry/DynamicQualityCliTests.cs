using System.Text.Json;
using Tuopin.Testing;

using static Tuopin.Web.Tests.CliRun;

namespace Tuopin.Web.Tests.Registry;

public sealed class DynamicQualityCliTests
{
    [Fact]
    public async Task DemoRegistry_AsOfDates_AndQualityCheck()
    {
        var directory = TestDirectories.New("cli-dynamic");
        var db = Path.Combine(directory, "laifeng.db");
        var (demoExit, _, demoError) = await RunAsync("demo", "--db", db, "--data-dir", directory);
        Assert.True(demoExit == 0, demoError);

        // The demo's events agree with its registry: yesterday (read from the events) equals today (read from the columns).
        var yesterday = TimeProvider.System.GetLocalNow().Date.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);  // the shell's clock, as the CLI reads it
        var (_, today, _) = await RunAsync("registry", "stats", "--db", db, "--data-dir", directory, "--format", "json");
        var (_, before, _) = await RunAsync("registry", "stats", "--db", db, "--data-dir", directory, "--format", "json", "--as-of", yesterday);
        static string Counts(string json)
        {
            var root = JsonDocument.Parse(json).RootElement;
            return $"{root.GetProperty("households")}/{root.GetProperty("people")}/{root.GetProperty("exits")}/{root.GetProperty("remaining")}";
        }
        Assert.Equal(Counts(today), Counts(before));

        // At the end of 2015 only the 2014 and 2015 exits had happened; everything registered in 2014 was there.
        var (exit, output, _) = await RunAsync("registry", "stats", "--db", db, "--data-dir", directory, "--format", "json", "--as-of", "2015-12-31");
        Assert.Equal(0, exit);
        var root = JsonDocument.Parse(output).RootElement;
        Assert.Equal("2015-12-31", root.GetProperty("asOf").GetString());
        Assert.Equal(21_897, root.GetProperty("households").GetInt32());
        Assert.Equal([2014, 2015], root.GetProperty("exits").EnumerateArray().Select(e => e.GetProperty("year").GetInt32()).ToList());
        Assert.Equal(21_897 - 4_160 - 11_163, root.GetProperty("remaining").GetProperty("households").GetInt32());
        var (usage, _, usageError) = await RunAsync("registry", "stats", "--db", db, "--data-dir", directory, "--as-of", "2015/12/31");
        Assert.Equal(2, usage);
        Assert.Contains("yyyy-MM-dd", usageError, StringComparison.Ordinal);

        // The quality check lists every rule; exit 1 exactly when findings are open.
        var (qualityExit, quality, _) = await RunAsync("quality", "check", "--db", db, "--data-dir", directory, "--format", "json");
        var q = JsonDocument.Parse(quality).RootElement;
        Assert.Equal(17, q.GetProperty("rules").GetArrayLength());
        Assert.Equal(q.GetProperty("open").GetInt32() > 0 ? 1 : 0, qualityExit);
        Assert.All(q.GetProperty("rules").EnumerateArray(), r => Assert.False(string.IsNullOrEmpty(r.GetProperty("explanation").GetString())));

        // The adjustment window is set from the shell and refuses a bad value with exit 1.
        var (setExit, set, _) = await RunAsync("settings", "adjustment-window", "09-01..11-30", "--db", db, "--data-dir", directory);
        Assert.Equal(0, setExit);
        Assert.Contains("09-01..11-30", set, StringComparison.Ordinal);
        var (badExit, _, _) = await RunAsync("settings", "adjustment-window", "九月", "--db", db, "--data-dir", directory);
        Assert.Equal(1, badExit);
    }
}
