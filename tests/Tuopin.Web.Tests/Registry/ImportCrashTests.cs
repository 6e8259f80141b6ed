using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Npgsql;
using Tuopin.Application.Storage;
using Tuopin.Testing;
using Xunit.Abstractions;

using static Tuopin.Web.Tests.CliRun;

namespace Tuopin.Web.Tests.Registry;

/// <summary>
/// Crash safety of the import: the real <c>tuopin</c> program, killed with SIGKILL while its one
/// transaction holds several written batches, leaves every table exactly as it was, and the same file
/// imports afterwards.
/// </summary>
public sealed partial class ImportCrashTests(ITestOutputHelper log)
{
    // 8,000 households of four: 32,000 rows, written in checked batches of 1,000 households inside the
    // import's one transaction. The kill comes once 15,000 rows have been read: by then the first three
    // batches have been checked and the writer has finished at least the first two (each batch's lookups
    // wait for the write before it), and half the file is still to come before the commit.
    private const int Households = 8_000;
    private const int KillAfterRows = 15_000;

    [Theory, BothDatabases]
    public async Task ImportKilledMidTransaction_LeavesEveryTableAsBefore_AndTheSameFileImportsAfterwards(DbProvider provider)
    {
        var watch = Stopwatch.StartNew();
        var work = TestDirectories.New("crash");
        var target = await TestDatabases.CreateAsync(provider);
        try
        {
            string[] db = ["--db", Backup.BackupCommandTests.Db(target), "--data-dir", work];
            var (placed, _, placeError) = await RunAsync(["places", "load", .. db]);
            Assert.True(placed == 0, placeError);
            var earlier = Path.Combine(work, "earlier.csv");
            CountyFile.Write(earlier, 100, firstNumber: 1);
            var (first, _, firstError) = await RunAsync(["import", earlier, .. db]);
            Assert.True(first == 0, firstError);
            var file = Path.Combine(work, "county.csv");
            var rows = CountyFile.Write(file, Households, firstNumber: 1_000);
            var before = await TableSnapshot.ReadAsync(target);
            var sizeBefore = await MembersSizeAsync(target);
            var setUp = watch.Elapsed;

            using var process = StartTuopin(work, ["import", file, .. db]);
            var lines = new ConcurrentQueue<string>();
            var midway = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is null)
                {
                    midway.TrySetResult(-1);
                    return;
                }
                lines.Enqueue(e.Data);
                if (RowsRead(e.Data) is { } n && n >= KillAfterRows) midway.TrySetResult(n);
            };
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is not null) lines.Enqueue(e.Data);
            };
            process.BeginErrorReadLine();
            process.BeginOutputReadLine();
            var read = await midway.Task.WaitAsync(TimeSpan.FromMinutes(3));
            Assert.True(read >= KillAfterRows, "The import ended before it could be killed:\n" + string.Join("\n", lines));

            // Mid-transaction, as the database sees it, just before the kill.
            var inFlight = await InFlightAsync(target, before, sizeBefore);
            Assert.False(process.HasExited, "The import ended before it could be killed:\n" + string.Join("\n", lines));
            process.Kill(); // SIGKILL on Linux: no handler, no rollback of its own
            await process.WaitForExitAsync();
            var killedAt = watch.Elapsed;
            Assert.Equal(137, process.ExitCode); // 128 + SIGKILL
            Assert.DoesNotContain(lines, l => l.Contains("已导入", StringComparison.Ordinal));

            var after = await TableSnapshot.ReadAsync(target);
            Assert.True(before.Matches(after), "Changed by the killed import: " + string.Join("; ", before.Differences(after)));

            var (again, text, againError) = await RunAsync(["import", file, .. db]);
            Assert.True(again == 0, againError);
            Assert.Contains($"{Households:N0} 户", text, StringComparison.Ordinal);
            var imported = await TableSnapshot.ReadAsync(target);
            Assert.Equal(before.Rows("households") + Households, imported.Rows("households"));
            Assert.Equal(before.Rows("members") + rows, imported.Rows("members"));
            Assert.Equal(before.Rows("audit_entries") + 1, imported.Rows("audit_entries"));
            log.WriteLine($"{provider}: set up {setUp.TotalSeconds:F1} s; killed at {read:N0} of {rows:N0} rows read ({inFlight}) at {killedAt.TotalSeconds:F1} s; " +
                $"second import done at {watch.Elapsed.TotalSeconds:F1} s");
        }
        finally
        {
            await TestDatabases.DropAsync(target);
        }
    }

    /// <summary>
    /// What shows the import's transaction open and written to, and nothing of it visible: on PostgreSQL a
    /// client session with a transaction id (given at its first write; autovacuum's ANALYZE of the tables the
    /// first import filled also takes one, so only client backends are counted) and the members table grown on disk while
    /// its count is unchanged; on SQLite the write lock held (another writer is refused) while the
    /// count is unchanged (SQLite keeps the uncommitted pages in the writer's cache).
    /// </summary>
    private static async Task<string> InFlightAsync(DbTarget target, TableSnapshot before, long sizeBefore)
    {
        if (target.Provider == DbProvider.Postgres)
        {
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(target.ConnectionString) { Pooling = false }.ToString());
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("""
                SELECT (SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend' AND backend_xid IS NOT NULL),
                       pg_relation_size('public.members'), (SELECT count(*) FROM public.members)
                """, connection);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            var (writers, size, members) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
            Assert.Equal(1, writers);
            Assert.Equal(before.Rows("members"), members);
            Assert.True(size > sizeBefore + (1 << 20), $"members grew only from {sizeBefore} to {size} bytes");
            return $"one writing transaction, members {sizeBefore / 1024:N0} → {size / 1024:N0} KiB on disk, {members:N0} rows visible";
        }
        await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target.SqliteFile, Mode = SqliteOpenMode.ReadWrite, Pooling = false, DefaultTimeout = 1 }.ToString()))
        {
            await connection.OpenAsync();
            await using var count = connection.CreateCommand();
            count.CommandText = "SELECT count(*) FROM members";
            Assert.Equal(before.Rows("members"), (long)(await count.ExecuteScalarAsync())!);
            // Another writer is refused (SQLITE_BUSY, after the connection's one-second retry): a write transaction is open.
            var busy = Assert.Throws<SqliteException>(() => connection.BeginTransaction(deferred: false).Dispose());
            Assert.Equal(5, busy.SqliteErrorCode); // SQLITE_BUSY: a write transaction is open
        }
        return "write lock held, members unchanged";
    }

    private static async Task<long> MembersSizeAsync(DbTarget target)
    {
        if (target.Provider != DbProvider.Postgres) return 0;
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(target.ConnectionString) { Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_relation_size('public.members')", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The built program, <c>tuopin.dll</c> beside the tests, run by the same dotnet host.</summary>
    private static Process StartTuopin(string directory, string[] arguments)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "tuopin.dll"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        return Process.Start(start)!;
    }

    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host)) return host;
        if (Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet") return path;
        return "dotnet";
    }

    /// <summary>The rows a progress line of <c>tuopin import</c> says were read ("已读 15,000 行……").</summary>
    private static int? RowsRead(string line) =>
        ProgressLine().Match(line) is { Success: true } m ? int.Parse(new string(m.Groups[1].Value.Where(char.IsAsciiDigit).ToArray()), System.Globalization.CultureInfo.InvariantCulture) : null;

    [GeneratedRegex(@"已读 ([\d,.\u00a0 ]+) 行")]
    private static partial Regex ProgressLine();
}
