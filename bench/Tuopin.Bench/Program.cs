using System.Runtime;
using Tuopin.Application.Security;
using Tuopin.Application.Storage;
using Tuopin.Bench;
using Tuopin.Testing;

var options = BenchOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine(BenchOptions.Usage);
    return args.Any(a => a is "-h" or "--help") ? 0 : 2;
}

var report = new Report();
using var commands = new EfCommands();
var key = PersonalDataProtector.NewMasterKey();
var queries = new QueryBench(options, report, commands);
var exit = new ExitBench(options, report);
var started = DateTime.Now; // the report's date; the run's length is a stopwatch's
var elapsed = System.Diagnostics.Stopwatch.StartNew();
var loadBefore = LoadAverage();
DbProvider[] providers = options.Only == "counties" ? [DbProvider.Postgres] : options.Postgres ? [DbProvider.Sqlite, DbProvider.Postgres] : [DbProvider.Sqlite];
try
{
    await WarmUpAsync();
    if (options.Only == "counties") await new CountiesBench(options, report, key).RunAsync();
    else foreach (var provider in providers)
    {
        await using var demo = await new DemoLoadBench(options, report, key).RunAsync(provider);
        if (options.Includes("queries")) await queries.RunAsync(demo, provider);
        if (options.Includes("import")) await new ImportBench(report, key).RunAsync(demo, provider);
        if (options.Includes("progress")) await new ProgressBench(options, report).RunAsync(demo, provider);
        if (options.Includes("dashboard")) await new DashboardBench(options, report).RunAsync(demo, provider);
        if (options.Includes("exit")) await exit.RunAsync(demo, provider);
        if (options.Includes("quality")) await new QualityBench(options, report).RunAsync(demo, provider);
        if (options.Includes("assistance")) await new AssistanceBench(options, report, commands, queries.Sql).RunAsync(demo, provider);
        if (options.Includes("industry")) await new IndustryBench(options, report).RunAsync(demo, provider);
        if (options.Includes("credit")) await new CreditBench(options, report).RunAsync(demo, provider);
        if (options.Includes("funds")) await new FundsBench(options, report, commands, queries.Sql).RunAsync(demo, provider);
        if (options.Includes("reports")) await new ReportsBench(options, report).RunAsync(demo, provider);
        if (options.Includes("summary")) await new SummaryBench(options, report).RunAsync(demo, provider);
        if (options.Includes("assessment")) await new AssessmentBench(options, report).RunAsync(demo, provider);
        if (options.Includes("cold")) await new ColdBench(options, report, key).RunAsync(demo, provider);
    }
}
catch (InvalidOperationException e) when (e.Message.Contains("PostgreSQL is required", StringComparison.Ordinal))
{
    Console.Error.WriteLine($"PostgreSQL could not be reached: {e.Message}");
    Console.Error.WriteLine("Start it (pg_ctlcluster 15 main start) or set TUOPIN_TEST_PG, or run without --postgres.");
    return 3;
}
finally
{
    try { Directory.Delete(TestDirectories.Root, recursive: true); } catch (IOException) { }
}

Console.WriteLine();
Console.WriteLine($"Tuopin benchmark, {started:yyyy-MM-dd HH:mm}, .NET {Environment.Version}, {Environment.ProcessorCount} CPUs, " +
    $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC, {(options.Quick ? "quick" : "full")} run, {elapsed.Elapsed.TotalMinutes:0.0} min");
var loadAfter = LoadAverage();
Console.WriteLine($"load average (1/5/15 min) at start {loadBefore}, at end {loadAfter}" +
    (Busy(loadBefore) || Busy(loadAfter) ? $": above the {Environment.ProcessorCount} CPUs, other processes share the machine and the times here are inflated" : ""));
Console.WriteLine("ratio = measurement / baseline (lower is better; 1.00 = as fast as the hand-written code)");
Console.WriteLine();
report.Print(Console.Out);

if (options.ShowSql)
{
    foreach (var (title, list) in queries.Sql)
    {
        Console.WriteLine();
        Console.WriteLine($"== {title}: {list.Count} commands");
        foreach (var c in list)
        {
            Console.WriteLine($"-- {Report.Ms(c.Duration.TotalMilliseconds)}");
            Console.WriteLine(c.Sql);
        }
    }
}
return 0;

// Migrated templates for every engine measured, as `tuopin demo` migrates before it loads: the
// first load then starts where the CLI's does, with everything else cold.
async Task WarmUpAsync()
{
    Report.Progress("migrating template databases …");
    foreach (var provider in providers)
    {
        await using var database = await BenchDatabase.CreateAsync(provider, key);
    }
}

static bool Busy(string loadAverage) =>
    double.TryParse(loadAverage.Split(' ')[0], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var load) &&
    load > Environment.ProcessorCount;

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
