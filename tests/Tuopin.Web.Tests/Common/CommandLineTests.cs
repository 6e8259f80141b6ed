using System.Text.Json;
using Tuopin.Testing;

using static Tuopin.Web.Tests.CliRun;

namespace Tuopin.Web.Tests.Common;

public sealed class CommandLineTests
{
    [Fact]
    public async Task RegistryStats_PrintsThePlansFigures_AsJson()
    {
        var directory = TestDirectories.New("cli");
        var db = Path.Combine(directory, "laifeng.db");

        var (demoExit, _, demoError) = await RunAsync("demo", "--db", db, "--data-dir", directory);
        var (exit, output, _) = await RunAsync("registry", "stats", "--db", db, "--data-dir", directory, "--format", "json");

        Assert.True(demoExit == 0, demoError);
        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(21_897, root.GetProperty("households").GetInt32());
        Assert.Equal(78_913, root.GetProperty("people").GetInt32());
        Assert.Equal(8, root.GetProperty("townships").GetInt32());
        Assert.Equal(196, root.GetProperty("villages").GetInt32());
        Assert.Equal(46, root.GetProperty("poorVillages").GetInt32());
        var exits = root.GetProperty("exits").EnumerateArray().Select(e => (e.GetProperty("year").GetInt32(), e.GetProperty("households").GetInt32(), e.GetProperty("people").GetInt32())).ToList();
        Assert.Equal([(2014, 4_160, 15_000), (2015, 11_163, 40_184), (2016, 5_217, 18_865), (2017, 1_355, 4_861)], exits);
        Assert.Equal(2, root.GetProperty("remaining").GetProperty("households").GetInt32());
        Assert.Equal(3, root.GetProperty("remaining").GetProperty("people").GetInt32());

        // The key was made on first use, in the data folder given.
        Assert.True(File.Exists(Path.Combine(directory, "personal-data.key")));
        // A second load into the same database is refused and changes nothing.
        var (again, _, againError) = await RunAsync("demo", "--db", db, "--data-dir", directory);
        Assert.Equal(1, again);
        Assert.Contains("空数据库", againError, StringComparison.Ordinal);
    }

    /// <summary>
    /// A SQLite file in another journal mode (the sqlite3 shell's default, or a copied file) migrates: the
    /// check that the database exists opens it read-only, where it cannot be turned to WAL.
    /// </summary>
    [Fact]
    public async Task Migrate_TakesASqliteFileInRollbackJournalMode_AndTurnsItToWal()
    {
        var directory = TestDirectories.New("cli-journal");
        var db = Path.Combine(directory, "tuopin.db");
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=DELETE; CREATE TABLE notes (text TEXT);";
            await command.ExecuteNonQueryAsync();
        }

        var (migrated, _, error) = await RunAsync("migrate", "--db", db, "--data-dir", directory);
        var (again, _, againError) = await RunAsync("migrate", "--db", db, "--data-dir", directory);

        Assert.True(migrated == 0, error);
        Assert.True(again == 0, againError);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode;";
            Assert.Equal("wal", await command.ExecuteScalarAsync());
        }
    }

    [Fact]
    public async Task UsageErrors_ExitWith2()
    {
        var (unknownVerb, _, _) = await RunAsync("frobnicate");
        var (badFormat, _, error) = await RunAsync("registry", "stats", "--format", "xml");
        var (missingRole, _, _) = await RunAsync("users", "add", "--name", "x");

        Assert.Equal(2, unknownVerb);
        Assert.Equal(2, badFormat);
        Assert.Contains("xml", error, StringComparison.Ordinal);
        Assert.Equal(2, missingRole);
    }

    [Fact]
    public async Task UsersAdd_CreatesATownshipAccount_WithAGeneratedPassword_AndRefusesAnUnknownArea()
    {
        var directory = TestDirectories.New("cli-users");
        var db = Path.Combine(directory, "users.db");
        Assert.Equal(0, (await RunAsync("places", "load", "--db", db, "--data-dir", directory)).Exit);

        var (exit, output, _) = await RunAsync("users", "add", "--db", db, "--data-dir", directory, "--name", "sanhu", "--role", "township", "--area", "三胡乡");
        var (unknown, _, error) = await RunAsync("users", "add", "--db", db, "--data-dir", directory, "--name", "nobody", "--role", "village", "--area", "不存在村");
        var (_, list, _) = await RunAsync("users", "list", "--db", db, "--data-dir", directory);

        Assert.Equal(0, exit);
        Assert.Matches("初始密码：[A-Za-z0-9]{14}", output);
        Assert.Equal(1, unknown);
        Assert.Contains("不存在村", error, StringComparison.Ordinal);
        Assert.Contains("sanhu", list, StringComparison.Ordinal);
        Assert.Contains("三胡乡", list, StringComparison.Ordinal);
        Assert.DoesNotContain("nobody", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADatabaseThatRefusesTheConnection_IsNamedInOneLine_AndExitsOne()
    {
        // Nothing listens on port 1: Npgsql fails to connect, and EF Core wraps that in "a transient failure".
        var data = Directory.CreateTempSubdirectory("tuopin-cli-");
        try
        {
            var (exit, output, error) = await RunAsync("users", "list", "--db", "Host=127.0.0.1;Port=1;Database=nowhere;Username=u;Password=secret-word", "--data-dir", data.FullName);

            Assert.Equal(1, exit);
            Assert.Equal("", output);
            Assert.StartsWith("NpgsqlException: Failed to connect to 127.0.0.1:1", error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
            Assert.DoesNotContain("secret-word", error, StringComparison.Ordinal);
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }
}
