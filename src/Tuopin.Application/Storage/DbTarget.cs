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
            return new DbTarget(DbProvider.Postgres, WithDefaults(FromUri(new Uri(value))));
        if (value.Contains("Host=", StringComparison.OrdinalIgnoreCase) || value.Contains("Server=", StringComparison.OrdinalIgnoreCase))
            return new DbTarget(DbProvider.Postgres, WithDefaults(value));
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
    /// What a PostgreSQL connection string gets unless it says otherwise. <b>At most <see cref="DefaultMaxPoolSize"/>
    /// connections:</b> Npgsql's own default pool (100 connections) is exactly PostgreSQL's default <c>max_connections</c>:
    /// under 200 clients one server took every slot, and the requests beyond it, and any other process (a shell command, a
    /// backup), failed with "remaining connection slots are reserved" (bench/mixed.sh --postgres). A smaller pool makes
    /// requests wait for a connection instead; a 2-core database server gains nothing from more concurrent queries.
    /// <b>No TLS to a server on this machine</b> (127.0.0.1, ::1, localhost): Npgsql's default (SSL Mode=Prefer) negotiates
    /// TLS whenever the server offers it, and setting up .NET's TLS cost every shell verb about 0.1 s of its 0.5 s (ADR 0017);
    /// traffic that never leaves the machine gains nothing from it. A connection string that names its own pool size or SSL
    /// mode keeps it (a server whose pg_hba.conf takes loopback only over <c>hostssl</c> needs <c>SSL Mode=Require</c>).
    /// </summary>
    private static string WithDefaults(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Says(connectionString, @"max(imum)?\s*pool\s*size")) builder.MaxPoolSize = DefaultMaxPoolSize;
        if (!Says(connectionString, @"ssl\s*mode") && IsLoopback(builder.Host)) builder.SslMode = SslMode.Disable;
        return builder.ConnectionString;
    }

    private static bool Says(string connectionString, string keyword) =>
        System.Text.RegularExpressions.Regex.IsMatch(connectionString, $@"(^|;)\s*{keyword}\s*=", System.Text.RegularExpressions.RegexOptions.IgnoreCase);

    /// <summary>Every host named is this machine (a list of hosts is comma-separated; a port may follow a colon).</summary>
    internal static bool IsLoopback(string? hosts) =>
        !string.IsNullOrWhiteSpace(hosts) && hosts.Split(',').All(h =>
        {
            var host = h.Trim();
            if (host.StartsWith('[')) host = host[1..host.IndexOf(']')];
            else if (host.Count(c => c == ':') == 1) host = host[..host.IndexOf(':')];
            return host is "127.0.0.1" or "::1" || host.Equals("localhost", StringComparison.OrdinalIgnoreCase);
        });

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
