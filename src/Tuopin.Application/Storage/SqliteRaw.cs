using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Tuopin.Application.Storage;

/// <summary>
/// The bulk writer's SQLite path: one statement prepared on the connection's own handle, each row's values bound by position
/// and stepped, inside the transaction the connection has open. Microsoft.Data.Sqlite's command looks every parameter up by
/// name and allocates for each execution; for an import's half-million rows that was most of the write (issue 18, ADR 0005).
/// Values are stored exactly as EF Core's SQLite provider stores them: GUIDs as upper-case text, dates and times as ISO text,
/// decimals as text, booleans as 0 and 1.
/// </summary>
internal static class SqliteRaw
{
    /// <summary>The text forms EF Core's SQLite provider stores dates, times and decimals in (also the command path's, <see cref="BulkWriter"/>).</summary>
    public const string DateFormat = "yyyy-MM-dd", DateTimeFormat = "yyyy-MM-dd HH:mm:ss.FFFFFFF", DecimalFormat = "0.0###########################";

    private static readonly HashSet<Type> Bound =
        [typeof(string), typeof(int), typeof(long), typeof(short), typeof(byte), typeof(bool), typeof(double), typeof(float),
         typeof(byte[]), typeof(Guid), typeof(DateTime), typeof(DateOnly), typeof(decimal)];

    /// <summary>Whether a column of this provider type is bound here (a table with any other goes through the command).</summary>
    public static bool Binds(Type providerType) => Bound.Contains(providerType);

    public static void Insert<T>(SqliteConnection connection, string table, IReadOnlyList<string> columns, IReadOnlyCollection<T> rows,
        IReadOnlyList<Func<object, object?>> values, CancellationToken ct) where T : class
    {
        var db = connection.Handle ?? throw new InvalidOperationException("the SQLite connection is not open");
        var sql = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"?{i + 1}"))})";
        var rc = raw.sqlite3_prepare_v2(db, sql, out var statement);
        if (rc != raw.SQLITE_OK) SqliteException.ThrowExceptionForRC(rc, db);
        using (statement)
        {
            Span<char> text = stackalloc char[64];
            var n = 0;
            foreach (var row in rows)
            {
                for (var i = 0; i < values.Count; i++) Bind(statement, i + 1, values[i](row), text);
                rc = raw.sqlite3_step(statement);
                if (rc != raw.SQLITE_DONE)
                {
                    raw.sqlite3_reset(statement);
                    SqliteException.ThrowExceptionForRC(rc, db);
                }
                raw.sqlite3_reset(statement);
                if (++n % 4096 == 0) ct.ThrowIfCancellationRequested();
            }
        }
    }

    private static void Bind(sqlite3_stmt statement, int index, object? value, Span<char> text)
    {
        var rc = value switch
        {
            null => raw.sqlite3_bind_null(statement, index),
            string s => raw.sqlite3_bind_text16(statement, index, s.AsSpan()),
            int i => raw.sqlite3_bind_int64(statement, index, i),
            long l => raw.sqlite3_bind_int64(statement, index, l),
            bool b => raw.sqlite3_bind_int64(statement, index, b ? 1 : 0),
            short h => raw.sqlite3_bind_int64(statement, index, h),
            byte y => raw.sqlite3_bind_int64(statement, index, y),
            double d => raw.sqlite3_bind_double(statement, index, d),
            float f => raw.sqlite3_bind_double(statement, index, f),
            byte[] bytes => raw.sqlite3_bind_blob(statement, index, bytes),
            Guid g => raw.sqlite3_bind_text16(statement, index, Upper(text, g)),
            DateOnly d => raw.sqlite3_bind_text16(statement, index, Format(text, d.TryFormat(text, out var w, DateFormat, CultureInfo.InvariantCulture), w)),
            DateTime t => raw.sqlite3_bind_text16(statement, index, Format(text, t.TryFormat(text, out var w, DateTimeFormat, CultureInfo.InvariantCulture), w)),
            decimal m => raw.sqlite3_bind_text16(statement, index, m.ToString(DecimalFormat, CultureInfo.InvariantCulture).AsSpan()),
            _ => throw new NotSupportedException($"SqliteRaw does not bind {value.GetType().Name}"),
        };
        if (rc != raw.SQLITE_OK) throw new SqliteException($"binding parameter {index}: SQLite error {rc}", rc);
    }

    private static ReadOnlySpan<char> Upper(Span<char> text, Guid g)
    {
        g.TryFormat(text, out var written);
        var span = text[..written];
        for (var i = 0; i < span.Length; i++)
            if (span[i] is >= 'a' and <= 'f') span[i] = (char)(span[i] - 32);
        return span;
    }

    private static ReadOnlySpan<char> Format(Span<char> text, bool done, int written) =>
        done ? text[..written] : throw new InvalidOperationException("a date did not fit its buffer");
}
