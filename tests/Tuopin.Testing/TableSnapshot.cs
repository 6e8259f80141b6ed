using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;
using Tuopin.Application.Storage;

namespace Tuopin.Testing;

/// <summary>
/// Every table of a database as rows and a checksum of their contents (every column of every row, in
/// an order that does not depend on how the rows are stored), read through a plain connection. Two
/// snapshots are equal when the databases hold the same rows.
/// </summary>
public sealed record TableSnapshot(IReadOnlyDictionary<string, (long Rows, string Sha256)> Tables)
{
    /// <summary>Reads every table; <paramref name="where"/> may narrow a table (by name) to the rows to compare.</summary>
    public static async Task<TableSnapshot> ReadAsync(DbTarget target, Func<string, string?>? where = null)
    {
        await using DbConnection connection = target.Provider == DbProvider.Sqlite
            ? new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target.SqliteFile, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString())
            : new NpgsqlConnection(new NpgsqlConnectionStringBuilder(target.ConnectionString) { Pooling = false }.ToString());
        await connection.OpenAsync();
        var names = new List<string>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = target.Provider == DbProvider.Sqlite
                ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'"
                : "SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = 'public'";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) names.Add(reader.GetString(0));
        }
        var tables = new SortedDictionary<string, (long, string)>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{name}\"" + (where?.Invoke(name) is { } condition ? " WHERE " + condition : "");
            await using var reader = await command.ExecuteReaderAsync();
            var rows = new List<string>();
            var line = new StringBuilder();
            while (await reader.ReadAsync())
            {
                line.Clear();
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    if (i > 0) line.Append('\u001f');
                    line.Append(reader.IsDBNull(i) ? "\u2400" : reader.GetValue(i) switch
                    {
                        byte[] bytes => Convert.ToBase64String(bytes),
                        DateTime t => t.ToString("O", CultureInfo.InvariantCulture),
                        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                        var v => v.ToString(),
                    });
                }
                rows.Add(line.ToString());
            }
            rows.Sort(StringComparer.Ordinal);
            var sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', rows))));
            tables[name] = (rows.Count, sha);
        }
        return new TableSnapshot(tables);
    }

    public long Rows(string table) => Tables[table].Rows;

    /// <summary>The same tables with the same rows.</summary>
    public bool Matches(TableSnapshot other) => Tables.Count == other.Tables.Count && Tables.All(t => other.Tables.TryGetValue(t.Key, out var o) && o == t.Value);

    /// <summary>The tables whose rows differ, for an assertion message.</summary>
    public IEnumerable<string> Differences(TableSnapshot other) =>
        Tables.Keys.Union(other.Tables.Keys)
            .Where(t => !Tables.TryGetValue(t, out var a) || !other.Tables.TryGetValue(t, out var b) || a != b)
            .Select(t => $"{t}: {(Tables.TryGetValue(t, out var a) ? a.Rows.ToString(CultureInfo.InvariantCulture) : "-")} rows vs {(other.Tables.TryGetValue(t, out var b) ? b.Rows.ToString(CultureInfo.InvariantCulture) : "-")}");
}
