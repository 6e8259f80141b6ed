using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Tuopin.Application.Common;
using Tuopin.Application.Registry;
using Tuopin.Application.Storage;
using Tuopin.Testing;

namespace Tuopin.Bench;

/// <summary>
/// Issue 18, cold figures: <c>scripts/tuopin</c> (the published ReadyToRun program) run from the
/// shell as a new process each time, as an operator runs it. Its start (<c>--version</c>, and <c>users list</c> on the
/// database) and the import of the whole county's CSV into an empty migrated county with its places, beside what the
/// database's own shell does with the same file in the same run: <c>sqlite3 .import</c> into a plain table, or
/// <c>psql \copy</c> on PostgreSQL.
/// </summary>
public sealed class ColdBench(BenchOptions options, Report report, byte[] key)
{
    private static readonly TimeSpan StartTarget = TimeSpan.FromSeconds(0.5);
    private const double ImportTarget = 3.0;

    public async Task RunAsync(BenchDatabase demo, DbProvider provider)
    {
        var name = DemoLoadBench.Name(provider);
        var tuopin = await ScriptAsync();
        var directory = TestDirectories.New("cold-bench");
        var environment = new Dictionary<string, string>
        {
            ["TUOPIN_PERSONAL_DATA_KEY"] = Convert.ToBase64String(key),
            ["TUOPIN_DATA_DIR"] = Path.Combine(directory, "data"),
        };
        var runs = options.Quick ? 3 : 7;

        // Start: a verb that needs nothing, then one that opens the database (EF's model, one query).
        Report.Progress($"{name}: tuopin --version, {runs} times …");
        var version = await RunManyAsync(runs, tuopin, ["--version"], environment);
        report.Add(new Row("cold: tuopin --version", name, Times(version), Target: "< 0.5 s", Met: Median(version) < StartTarget,
            Note: $"new process each time; process CPU {CpuNote(version)}"));

        Report.Progress($"{name}: tuopin users list, {runs} times …");
        var list = await RunManyAsync(runs, tuopin, ["users", "list", "--db", demo.Target.ConnectionString], environment);
        var (shell, shellArgs, shellEnv) = provider == DbProvider.Sqlite
            ? ("sqlite3", new[] { demo.Target.SqliteFile!, "SELECT user_name FROM users" }, new Dictionary<string, string>())
            : ("psql", new[] { "-X", "-q", "-c", "SELECT user_name FROM users" }, PgEnvironment(demo.Target));
        var shellList = await RunManyAsync(runs, shell, shellArgs, shellEnv);
        report.Add(new Row("cold: tuopin users list", name, Times(list), $"{Times(shellList)} {shell}, the same SELECT", Median(list) / Median(shellList),
            "< 0.5 s", Median(list) < StartTarget, $"process CPU {CpuNote(list)}"));

        // The whole county's CSV, as the import bench writes it.
        var csv = Path.Combine(directory, "laifeng.csv");
        Report.Progress($"{name}: exporting the demo registry to {Path.GetFileName(csv)} …");
        await ImportBench.ExportAsync(demo, SheetFormat.Csv, csv);
        var lines = File.ReadLines(csv).Count() - 1;

        var imports = new List<Timed>();
        var baselines = new List<Timed>();
        var floors = new List<Timed>();
        for (var round = 0; round < (options.Quick ? 1 : 2); round++)
        {
            baselines.Add(await RawImportAsync(provider, csv, directory));
            var (timed, floor) = await ImportAsync(provider, tuopin, csv, environment, directory);
            imports.Add(timed);
            floors.Add(floor);
        }
        var import = imports.MinBy(t => t.Wall)!;
        var baseline = baselines.MinBy(t => t.Wall)!;
        var least = floors.MinBy(t => t.Wall)!;
        var ratio = import.Wall / baseline.Wall;
        report.Add(new Row($"cold: tuopin import .csv ({lines:N0} rows)", name, Report.Seconds(import.Wall),
            $"{Report.Seconds(baseline.Wall)} {(provider == DbProvider.Sqlite ? "sqlite3 .import" : "psql \\copy")} into a plain table", ratio,
            $"≤ {ImportTarget:0} ×", ratio <= ImportTarget,
            $"best of {imports.Count}: {string.Join(", ", imports.Select(t => Report.Seconds(t.Wall)))} (baseline {string.Join(", ", baselines.Select(t => Report.Seconds(t.Wall)))}); " +
            $"process CPU {Cpu(import)} (baseline {Cpu(baseline)}); validation, encryption, indexes, name search, audit included"));
        report.Add(new Row("  the same: beside the database's shell writing the import's rows into the same tables", name, Report.Seconds(import.Wall),
            $"{Report.Seconds(least.Wall)} {(provider == DbProvider.Sqlite ? "sqlite3 INSERT … SELECT" : "psql \\copy")} of the {FloorTables.Length} tables' rows", import.Wall / least.Wall,
            Note: $"the floor: the rows the import wrote ({string.Join(", ", FloorTables)}), copied by the shell into an empty county with the same places, " +
                  $"indexes and {(provider == DbProvider.Sqlite ? "foreign keys" : "constraints")}, one transaction — no reading, checks or encryption; best of {floors.Count}: " +
                  $"{string.Join(", ", floors.Select(t => Report.Seconds(t.Wall)))}"));
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
    }

    /// <summary>The tables an import writes in bulk, in the order it writes them (the import's own list).</summary>
    private static readonly string[] FloorTables = ImportWriter.Tables;

    /// <summary>
    /// The import from the shell into an empty migrated county with its places (loaded first, untimed); and its floor: the rows
    /// it wrote, copied by the database's own shell into a copy of that empty county taken before the import (same ids, same
    /// indexes and constraints), timed alone.
    /// </summary>
    private static async Task<(Timed Import, Timed Floor)> ImportAsync(DbProvider provider, string tuopin, string csv, Dictionary<string, string> environment, string directory)
    {
        var target = await TestDatabases.CreateAsync(provider);
        DbTarget? empty = null;
        try
        {
            await RunAsync(tuopin, ["places", "load", "--db", target.ConnectionString], environment, check: true);
            empty = await CopyAsync(target, directory);
            Report.Progress($"{DemoLoadBench.Name(provider)}: tuopin import {Path.GetFileName(csv)} …");
            var import = await RunAsync(tuopin, ["import", csv, "--db", target.ConnectionString], environment, check: true);
            Report.Progress($"{DemoLoadBench.Name(provider)}: the floor: the shell copies the import's rows into the empty county …");
            return (import, await FloorAsync(target, empty, directory));
        }
        finally
        {
            await TestDatabases.DropAsync(target);
            if (empty is not null) await TestDatabases.DropAsync(empty);
        }
    }

    /// <summary>A copy of a database as it is now: the SQLite file copied, or a PostgreSQL database made from it as a template.</summary>
    private static async Task<DbTarget> CopyAsync(DbTarget target, string directory)
    {
        if (target.Provider == DbProvider.Sqlite)
        {
            var file = Path.Combine(directory, $"empty-{Guid.NewGuid():N}.db");
            await RunAsync("sqlite3", [target.SqliteFile!, $".backup '{file}'"], [], check: true);
            return DbTarget.Parse(file);
        }
        NpgsqlConnection.ClearAllPools();
        var builder = new NpgsqlConnectionStringBuilder(target.ConnectionString);
        var name = $"{builder.Database}_empty";
        var env = PgEnvironment(target);
        env["PGDATABASE"] = "postgres";
        await RunAsync("psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", $"CREATE DATABASE \"{name}\" TEMPLATE \"{builder.Database}\""], env, check: true);
        builder.Database = name;
        return DbTarget.Parse(builder.ConnectionString);
    }

    /// <summary>The floor's copy, timed: SQLite's shell inserts from the imported file attached; PostgreSQL's \copy loads what it wrote out first (untimed).</summary>
    private static async Task<Timed> FloorAsync(DbTarget imported, DbTarget empty, string directory)
    {
        if (imported.Provider == DbProvider.Sqlite)
        {
            var sql = "PRAGMA foreign_keys=ON; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; " +
                      $"ATTACH '{imported.SqliteFile}' AS src; BEGIN; " +
                      string.Concat(FloorTables.Select(t => $"INSERT INTO main.\"{t}\" SELECT * FROM src.\"{t}\"; ")) + "COMMIT;";
            return await RunAsync("sqlite3", [empty.SqliteFile!, sql], [], check: true);
        }
        var files = FloorTables.ToDictionary(t => t, t => Path.Combine(directory, $"{t}.copy"));
        var env = PgEnvironment(imported);
        foreach (var (table, file) in files)
            await RunAsync("psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", $"\\copy \"{table}\" TO '{file}'"], env, check: true);
        var script = Path.Combine(directory, "floor.sql");
        await File.WriteAllLinesAsync(script, files.Select(f => $"\\copy \"{f.Key}\" FROM '{f.Value}'"));
        try
        {
            return await RunAsync("psql", ["-X", "-q", "-1", "-v", "ON_ERROR_STOP=1", "-f", script], PgEnvironment(empty), check: true);
        }
        finally
        {
            foreach (var file in files.Values) File.Delete(file);
        }
    }

    /// <summary>The database shell's own import of the same file into a plain table of text columns, no checks, no indexes.</summary>
    private static async Task<Timed> RawImportAsync(DbProvider provider, string csv, string directory)
    {
        Report.Progress($"{DemoLoadBench.Name(provider)}: baseline: {(provider == DbProvider.Sqlite ? "sqlite3 .import" : "psql \\copy")} …");
        if (provider == DbProvider.Sqlite)
        {
            var file = Path.Combine(directory, "raw.db");
            File.Delete(file);
            var timed = await RunAsync("sqlite3", [file, ".mode csv", $".import '{csv}' raw"], [], check: true);
            File.Delete(file);
            return timed;
        }
        var target = await TestDatabases.CreateAsync(provider);
        try
        {
            var columns = File.ReadLines(csv).First().Split(',').Length;
            var env = PgEnvironment(target);
            await RunAsync("psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-c",
                $"CREATE TABLE raw ({string.Join(", ", Enumerable.Range(1, columns).Select(i => $"c{i} text"))})"], env, check: true);
            return await RunAsync("psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", $"\\copy raw FROM '{csv}' WITH (FORMAT csv, HEADER true)"], env, check: true);
        }
        finally
        {
            await TestDatabases.DropAsync(target);
        }
    }

    /// <summary>
    /// <c>scripts/tuopin</c>, as an operator runs it: it publishes the program (ReadyToRun) when it is missing or older
    /// than the sources (done here once, untimed), then runs it, without tiered PGO for verbs other than serve.
    /// </summary>
    private static async Task<string> ScriptAsync()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Tuopin.slnx"))) root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("The repository's root (Tuopin.slnx) was not found above the bench.");
        Report.Progress("publishing (or locating) the ReadyToRun tuopin: scripts/tuopin --version …");
        var script = Path.Combine(root, "scripts", "tuopin");
        await RunAsync(script, ["--version"], [], check: true);
        return script;
    }

    private static Dictionary<string, string> PgEnvironment(DbTarget target)
    {
        var b = new NpgsqlConnectionStringBuilder(target.ConnectionString);
        return new()
        {
            ["PGHOST"] = b.Host ?? "127.0.0.1",
            ["PGPORT"] = b.Port.ToString(CultureInfo.InvariantCulture),
            ["PGUSER"] = b.Username ?? "",
            ["PGPASSWORD"] = b.Password ?? "",
            ["PGDATABASE"] = b.Database ?? "",
        };
    }

    private sealed record Timed(TimeSpan Wall, TimeSpan? Cpu);

    private static async Task<List<Timed>> RunManyAsync(int runs, string program, string[] args, Dictionary<string, string> environment)
    {
        var list = new List<Timed>();
        for (var i = 0; i < runs; i++) list.Add(await RunAsync(program, args, environment, check: true));
        return list;
    }

    /// <summary>
    /// Runs a program to its end, its output thrown away; wall time, and the process's CPU (user + system, its
    /// children's included) through /usr/bin/time when the machine has it.
    /// </summary>
    private static async Task<Timed> RunAsync(string program, string[] args, Dictionary<string, string> environment, bool check)
    {
        var cpuFile = File.Exists("/usr/bin/time") ? Path.GetTempFileName() : null;
        var start = new ProcessStartInfo(cpuFile is null ? program : "/usr/bin/time")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (cpuFile is not null) foreach (var a in new[] { "-f", "%U %S", "-o", cpuFile, program }) start.ArgumentList.Add(a);
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment.Remove("TUOPIN_TIMINGS");
        foreach (var (k, v) in environment) start.Environment[k] = v;
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} could not be started");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var wall = watch.Elapsed;
        var (_, error) = (await stdout, await stderr);
        if (check && process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited with {process.ExitCode}: {error}");
        TimeSpan? cpu = null;
        if (cpuFile is not null)
        {
            var parts = File.ReadAllText(cpuFile).Trim().Split('\n')[^1].Split(' ');
            if (parts.Length == 2 && double.TryParse(parts[0], CultureInfo.InvariantCulture, out var user) && double.TryParse(parts[1], CultureInfo.InvariantCulture, out var system))
                cpu = TimeSpan.FromSeconds(user + system);
            File.Delete(cpuFile);
        }
        return new Timed(wall, cpu);
    }

    private static TimeSpan Median(List<Timed> runs)
    {
        var sorted = runs.Select(r => r.Wall).Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Times(List<Timed> runs) => $"med {Report.Seconds(Median(runs))} of {runs.Count}";

    private static string CpuNote(List<Timed> runs) =>
        runs.All(r => r.Cpu is not null) ? $"med {Report.Seconds(runs.Select(r => r.Cpu!.Value).Order().ElementAt(runs.Count / 2))}; wall {string.Join(", ", runs.Select(r => Report.Seconds(r.Wall)))}" : "n/a";

    private static string Cpu(Timed t) => t.Cpu is { } c ? Report.Seconds(c) : "n/a";
}
