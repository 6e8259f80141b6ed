using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Tuopin.Application.Backup;

/// <summary>
/// PostgreSQL's own client programs (<c>pg_dump</c>, <c>psql</c>): where they are, and how they are
/// started for a connection string. The connection goes to them through the libpq environment
/// (PGHOST, PGPASSWORD, …), never on the command line, where any user of the machine could read it.
/// </summary>
internal static class PostgresTools
{
    /// <summary>
    /// The program: in TUOPIN_PG_BIN if set, else in the newest /usr/lib/postgresql/N/bin (Debian's
    /// layout; a newer pg_dump dumps older servers, never the other way round), else on PATH.
    /// </summary>
    public static string Find(string tool)
    {
        var candidates = new List<string>();
        if (Environment.GetEnvironmentVariable("TUOPIN_PG_BIN") is { Length: > 0 } configured)
            candidates.Add(Path.Combine(configured, tool));
        const string debian = "/usr/lib/postgresql";
        if (Directory.Exists(debian))
        {
            candidates.AddRange(Directory.GetDirectories(debian)
                .Select(d => (Dir: d, Version: int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1))
                .Where(d => d.Version > 0)
                .OrderByDescending(d => d.Version)
                .Select(d => Path.Combine(d.Dir, "bin", tool)));
        }
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            candidates.Add(Path.Combine(dir, tool));
        return candidates.FirstOrDefault(File.Exists) ?? throw BackupManifest.Refused(
            $"找不到 PostgreSQL 的 {tool}：请安装 PostgreSQL 客户端（Debian：apt-get install postgresql-client），或用 TUOPIN_PG_BIN 指明其所在目录",
            $"PostgreSQL's {tool} was not found: install the PostgreSQL client (Debian: apt-get install postgresql-client) or name its folder in TUOPIN_PG_BIN");
    }

    /// <summary>How to start a tool against the database of a connection string; the password only in the environment.</summary>
    public static ProcessStartInfo Start(string tool, string connectionString, IEnumerable<string> arguments)
    {
        var c = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(Find(tool))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        var env = start.Environment;
        // None of the caller's own libpq settings may point the tool at another database (a password
        // file, PGPASSFILE, is still read when the connection string has no password, as Npgsql reads it).
        foreach (var name in new[] { "PGHOST", "PGHOSTADDR", "PGPORT", "PGDATABASE", "PGUSER", "PGPASSWORD", "PGSERVICE", "PGSERVICEFILE", "PGOPTIONS" })
            env.Remove(name);
        if (!string.IsNullOrEmpty(c.Host)) env["PGHOST"] = c.Host;
        env["PGPORT"] = c.Port.ToString(CultureInfo.InvariantCulture);
        if (!string.IsNullOrEmpty(c.Username)) env["PGUSER"] = c.Username;
        if (!string.IsNullOrEmpty(c.Database)) env["PGDATABASE"] = c.Database;
        if (!string.IsNullOrEmpty(c.Password)) env["PGPASSWORD"] = c.Password;
        env["PGSSLMODE"] = c.SslMode switch
        {
            SslMode.Disable => "disable",
            SslMode.Allow => "allow",
            SslMode.Require => "require",
            SslMode.VerifyCA => "verify-ca",
            SslMode.VerifyFull => "verify-full",
            _ => "prefer",
        };
        env["PGAPPNAME"] = "tuopin " + tool;
        env["PGCONNECT_TIMEOUT"] = Math.Max(c.Timeout, 1).ToString(CultureInfo.InvariantCulture);
        return start;
    }

    /// <summary>What a tool said on standard error, as one line for a message (the password is never in it).</summary>
    public static string Summary(string stderr)
    {
        var text = string.Join(" ", stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return text.Length > 600 ? text[..600] + "…" : text;
    }
}
