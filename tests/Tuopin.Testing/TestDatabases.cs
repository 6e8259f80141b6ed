using Npgsql;
using Tuopin.Application.Security;
using Tuopin.Application.Storage;

namespace Tuopin.Testing;

/// <summary>
/// Fresh, migrated databases for tests: a copy of a SQLite file, or a PostgreSQL database cloned from
/// a template. The template is migrated once per test run. PostgreSQL is required: without a
/// reachable server the tests fail, they are never skipped.
/// </summary>
public static class TestDatabases
{
    /// <summary>The PostgreSQL server tests use: TUOPIN_TEST_PG, else the local server .ci/run starts.</summary>
    public static string PostgresServer =>
        Environment.GetEnvironmentVariable("TUOPIN_TEST_PG") ?? "Host=127.0.0.1;Port=5432;Username=tuopin;Password=tuopin";

    private static readonly string RunId = $"{DateTime.UtcNow:MMddHHmmss}_{Environment.ProcessId}";
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _sqliteTemplate;
    private static string? _postgresTemplate;
    private static int _counter;

    public static async Task<DbTarget> CreateAsync(DbProvider provider)
    {
        var n = Interlocked.Increment(ref _counter);
        if (provider == DbProvider.Sqlite)
        {
            var template = await SqliteTemplateAsync();
            var file = Path.Combine(TestDirectories.Root, $"db-{n}.db");
            File.Copy(template, file, overwrite: true);
            return DbTarget.Parse(file);
        }
        var templateName = await PostgresTemplateAsync();
        var name = $"tuopin_t_{RunId}_{n}";
        await ExecuteAsync($"CREATE DATABASE \"{name}\" TEMPLATE \"{templateName}\"");
        return DbTarget.Parse(new NpgsqlConnectionStringBuilder(PostgresServer) { Database = name, Pooling = true, MaxPoolSize = 20 }.ToString());
    }

    public static async Task DropAsync(DbTarget target)
    {
        if (target.Provider == DbProvider.Sqlite)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                try { File.Delete(target.SqliteFile + suffix); } catch (IOException) { }
            }
            return;
        }
        var database = new NpgsqlConnectionStringBuilder(target.ConnectionString).Database;
        NpgsqlConnection.ClearAllPools();
        // An autovacuum worker that has just started on the database runs as no role, and FORCE may not
        // terminate it without pg_signal_backend (42501); it ends on its own, so try again (for up to 30 s: after the bench's bulk
        // load of 750 MB the 5 s waited before were not enough).
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ExecuteAsync($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege && attempt < 120)
            {
                await Task.Delay(250);
            }
        }
    }

    private static async Task<string> SqliteTemplateAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_sqliteTemplate is not null) return _sqliteTemplate;
            var file = Path.Combine(TestDirectories.Root, "template.db");
            var target = DbTarget.Parse(file);
            await MigrateAsync(target);
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            // Fold the WAL into the file so that a plain copy is complete.
            await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection(target.ConnectionString))
            {
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE;";
                await command.ExecuteNonQueryAsync();
            }
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            return _sqliteTemplate = file;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<string> PostgresTemplateAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_postgresTemplate is not null) return _postgresTemplate;
            var name = $"tuopin_tpl_{RunId}";
            await ExecuteAsync($"CREATE DATABASE \"{name}\"");
            var target = DbTarget.Parse(new NpgsqlConnectionStringBuilder(PostgresServer) { Database = name, Pooling = false }.ToString());
            await MigrateAsync(target);
            AppDomain.CurrentDomain.ProcessExit += (_, _) => ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)").GetAwaiter().GetResult();
            return _postgresTemplate = name;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task MigrateAsync(DbTarget target)
    {
        var protector = new PersonalDataProtector(PersonalDataKey.Load(TestCounty.PersonalDataKey, "unused.key"));
        await new MigrateDatabase(new TuopinDbFactory(target, protector, TimeProvider.System)).HandleAsync();
    }

    private static async Task ExecuteAsync(string sql)
    {
        var server = new NpgsqlConnectionStringBuilder(PostgresServer) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(server.ToString());
        try
        {
            await connection.OpenAsync();
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException)
        {
            throw new InvalidOperationException(
                $"PostgreSQL is required by the tests and could not be reached at '{server.Host}:{server.Port}' as '{server.Username}'. " +
                "Start it (bash .ci/run does) or set TUOPIN_TEST_PG to a connection string of a role that may create databases.", e);
        }
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}

public static class TestDirectories
{
    private static readonly Lazy<string> RootDirectory = new(() =>
    {
        var path = Path.Combine(Path.GetTempPath(), "tuopin-tests", $"{Environment.ProcessId}");
        Directory.CreateDirectory(path);
        return path;
    });

    public static string Root => RootDirectory.Value;

    public static string New(string name)
    {
        var path = Path.Combine(Root, $"{name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }
}
