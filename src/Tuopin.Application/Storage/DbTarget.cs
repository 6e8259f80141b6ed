using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Tuopin.Application.Storage;

public enum DbProvider { Sqlite, Postgres }

/// <summary>
/// What <c>--db</c> (or TUOPIN_DB) names: a SQLite file path, or a PostgreSQL connection string
/// (Host=…; or postgres://…). Knows how to configure EF Core for it.
/// </summary>
public sealed record DbTarget(DbProvider Provider, string ConnectionString)
{
    public const string SqliteMigrations = "Tuopin.Migrations.Sqlite";
    public const string PostgresMigrations = "Tuopin.Migrations.Postgres";

    public static DbTarget Parse(string text)
    {
        var value = text.Trim();
        if (value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
            return new DbTarget(DbProvider.Postgres, WithPoolLimit(FromUri(new Uri(value))));
        if (value.Contains("Host=", StringComparison.OrdinalIgnoreCase) || value.Contains("Server=", StringComparison.OrdinalIgnoreCase))
            return new DbTarget(DbProvider.Postgres, WithPoolLimit(value));
        var path = value.StartsWith("Data Source=", StringComparison.OrdinalIgnoreCase) ? new SqliteConnectionStringBuilder(value).DataSource : value;
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Pooling = true,
            ForeignKeys = true,
            DefaultTimeout = 30,
        };
        return new DbTarget(DbProvider.Sqlite, builder.ToString());
    }

    /// <summary>The SQLite file, for creating its folder; null for PostgreSQL.</summary>
    public string? SqliteFile => Provider == DbProvider.Sqlite ? new SqliteConnectionStringBuilder(ConnectionString).DataSource : null;

    /// <summary>What can be shown or logged: never a password.</summary>
    public string Display => Provider == DbProvider.Sqlite
        ? $"SQLite {SqliteFile}"
        : $"PostgreSQL {new NpgsqlConnectionStringBuilder(ConnectionString) { Password = null }.Host}/{new NpgsqlConnectionStringBuilder(ConnectionString).Database}";

    public void Configure(DbContextOptionsBuilder options)
    {
        if (Provider == DbProvider.Sqlite)
        {
            var file = SqliteFile;
            if (!string.IsNullOrEmpty(file) && file != ":memory:")
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
            options.UseSqlite(ConnectionString, o => o.MigrationsAssembly(SqliteMigrations));
            options.AddInterceptors(SqlitePragmas.Instance);
        }
        else
        {
            options.UseNpgsql(ConnectionString, o => o.MigrationsAssembly(PostgresMigrations));
        }
        options.UseSnakeCaseNamingConvention();
    }

    /// <summary>The most connections one process opens to a PostgreSQL server unless the connection string says otherwise.</summary>
    public const int DefaultMaxPoolSize = 40;

    /// <summary>
    /// Npgsql's own default pool (100 connections) is exactly PostgreSQL's default <c>max_connections</c>: under 200 clients
    /// one server took every slot, and the requests beyond it, and any other process (a shell command, a backup), failed with
    /// "remaining connection slots are reserved" (bench/mixed.sh --postgres). A smaller pool makes requests wait for a
    /// connection instead; a 2-core database server gains nothing from more concurrent queries. A connection string that
    /// names its own pool size keeps it.
    /// </summary>
    private static string WithPoolLimit(string connectionString) =>
        System.Text.RegularExpressions.Regex.IsMatch(connectionString, @"(^|;)\s*max(imum)?\s*pool\s*size\s*=", System.Text.RegularExpressions.RegexOptions.IgnoreCase)
            ? connectionString
            : new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = DefaultMaxPoolSize }.ConnectionString;

    private static string FromUri(Uri uri)
    {
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port,
            Database = uri.AbsolutePath.Trim('/'),
        };
        var userInfo = uri.UserInfo.Split(':', 2);
        if (userInfo[0].Length > 0) builder.Username = Uri.UnescapeDataString(userInfo[0]);
        if (userInfo.Length > 1) builder.Password = Uri.UnescapeDataString(userInfo[1]);
        return builder.ToString();
    }
}

/// <summary>WAL and a busy timeout on every SQLite connection: readers do not block the writer.</summary>
internal sealed class SqlitePragmas : Microsoft.EntityFrameworkCore.Diagnostics.DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();

    public override void ConnectionOpened(System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    /// <summary>
    /// The page cache of each connection, KiB: 16 MiB by default (SQLite's own is 2 MiB), or TUOPIN_SQLITE_CACHE_MB. The hot
    /// pages of a county's registry stay, the rest comes from the system's file cache. Each pooled connection keeps its own:
    /// at 64 MiB a server's busy connections held some 300 MB after 200 clients (bench/mixed.sh, issue 18).
    /// </summary>
    internal static readonly int CacheKib =
        int.TryParse(Environment.GetEnvironmentVariable("TUOPIN_SQLITE_CACHE_MB"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var mb) && mb is > 0 and <= 4096
            ? mb * 1024 : 16 * 1024;

    private static void Apply(System.Data.Common.DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000; PRAGMA cache_size=-{CacheKib};";
        // Turning a database to WAL writes its header: not on a read-only connection, such as the one EF
        // opens to see whether the database exists before migrating (a file in another journal mode, e.g.
        // one made by the sqlite3 shell, would fail there with "attempt to write a readonly database").
        if (new SqliteConnectionStringBuilder(connection.ConnectionString).Mode != SqliteOpenMode.ReadOnly)
            command.CommandText = "PRAGMA journal_mode=WAL; " + command.CommandText;
        command.ExecuteNonQuery();
    }
}
