using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Tuopin.Application.Storage;

/// <summary>
/// Inserts many rows at once for demo data and imports, bypassing change tracking: prepared
/// statements on SQLite, binary COPY on PostgreSQL. Tables, columns and value conversions come from
/// the EF Core model, so the bulk path and the ordinary path write exactly the same rows.
/// Runs inside the caller's transaction; the caller audits the batch.
/// </summary>
public static class BulkWriter
{
    public static Task InsertAsync<T>(TuopinDb db, IReadOnlyCollection<T> rows, CancellationToken ct = default) where T : class =>
        InsertAsync(db, rows, null, ct);

    /// <summary>As above; <paramref name="lap"/> is called with each table's name as soon as its rows are written (a member's name grams are a table of their own), for a caller that times the parts.</summary>
    public static async Task InsertAsync<T>(TuopinDb db, IReadOnlyCollection<T> rows, Action<string>? lap, CancellationToken ct = default) where T : class
    {
        if (rows.Count == 0) return;
        // The bulk path passes no save guard: an official above the county writes nothing here either (ADR 0016), but for the
        // roll-up's own tallies, which their reading recounts.
        if (db.Actor.WritesNothing && typeof(T) != typeof(Plan.CountyTally)) throw Audit.AuditRecorder.ReadOnlyRefused();
        var entityType = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model");
        var table = entityType.GetTableName()!;
        var store = StoreObjectIdentifier.Table(table, entityType.GetSchema());
        var columns = entityType.GetProperties()
            .Where(p => p.GetColumnName(store) is not null)
            .Select(p => new Column(p, p.GetColumnName(store)!, p.GetRelationalTypeMapping()))
            .ToList();
        var connection = db.Database.GetDbConnection();
        if (connection.State != ConnectionState.Open) await db.Database.OpenConnectionAsync(ct);
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();

        if (connection is NpgsqlConnection npgsql)
            await CopyAsync(npgsql, table, columns, rows, ct);
        else if (connection is SqliteConnection sqlite && columns.All(c => SqliteRaw.Binds(c.ProviderType)))
            SqliteRaw.Insert(sqlite, table, [.. columns.Select(c => c.Name)], rows, [.. columns.Select(c => (Func<object, object?>)c.ProviderValue)], ct);
        else
            await InsertPreparedAsync(connection, transaction, table, columns, rows, ct);
        lap?.Invoke(table);
        // Members' names go into the name search's index in the same transaction.
        if (rows is IReadOnlyCollection<Domain.Registry.Member> members)
        {
            var grams = Registry.NameIndex.RowsOf(members);
            lap?.Invoke("member_name_grams (made)");
            await InsertAsync(db, grams, lap, ct);
        }
        // Households written in bulk (an import, the demo) make their counties' roll-up tallies out of date, in the caller's transaction.
        if (rows is IReadOnlyCollection<Domain.Registry.Household> households) await Plan.CountyTallies.StampAsync(db, households.Select(h => h.CountyId), ct);
        if (rows is IReadOnlyCollection<Domain.Places.Village> villages) await Plan.CountyTallies.StampAsync(db, villages.Select(v => v.CountyId), ct);
        if (typeof(T) != typeof(Registry.MemberNameGram)) await WriteCounter.WroteAsync(db, ct);
    }

    private sealed record Column(IProperty Property, string Name, RelationalTypeMapping Mapping)
    {
        public object? ProviderValue(object entity)
        {
            var value = Property.GetGetter().GetClrValueUsingContainingEntity(entity);
            var converter = Mapping.Converter;
            return value is null ? null : converter is null ? value : converter.ConvertToProvider(value);
        }

        public Type ProviderType => Nullable.GetUnderlyingType(Mapping.Converter?.ProviderClrType ?? Property.ClrType) ?? Mapping.Converter?.ProviderClrType ?? Property.ClrType;
    }

    private static async Task InsertPreparedAsync<T>(DbConnection connection, DbTransaction? transaction, string table, List<Column> columns, IReadOnlyCollection<T> rows, CancellationToken ct) where T : class
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"@p{i}"))})";
        var parameters = columns.Select((c, i) => c.Mapping.CreateParameter(command, $"@p{i}", null, c.Property.IsNullable)).ToArray();
        command.Parameters.AddRange(parameters);
        await command.PrepareAsync(ct);
        foreach (var row in rows)
        {
            for (var i = 0; i < columns.Count; i++)
                parameters[i].Value = SqliteValue(columns[i].ProviderValue(row)) ?? DBNull.Value;
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    // SQLite keeps what EF Core's SQLite provider keeps: GUIDs as upper-case text, dates and times as ISO text.
    private static object? SqliteValue(object? value) => value switch
    {
        Guid g => g.ToString().ToUpperInvariant(),
        DateOnly d => d.ToString(SqliteRaw.DateFormat, System.Globalization.CultureInfo.InvariantCulture),
        DateTime t => t.ToString(SqliteRaw.DateTimeFormat, System.Globalization.CultureInfo.InvariantCulture),
        decimal m => m.ToString(SqliteRaw.DecimalFormat, System.Globalization.CultureInfo.InvariantCulture),
        _ => value,
    };

    private static async Task CopyAsync<T>(NpgsqlConnection connection, string table, List<Column> columns, IReadOnlyCollection<T> rows, CancellationToken ct) where T : class
    {
        var types = columns.Select(c => StoreType(c.Mapping.StoreType)).ToArray();
        await using var writer = await connection.BeginBinaryImportAsync(
            $"COPY \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) FROM STDIN (FORMAT BINARY)", ct);
        foreach (var row in rows)
        {
            await writer.StartRowAsync(ct);
            for (var i = 0; i < columns.Count; i++)
            {
                var value = columns[i].ProviderValue(row);
                if (value is null) await writer.WriteNullAsync(ct);
                else await writer.WriteAsync(value, types[i], ct);
            }
        }
        await writer.CompleteAsync(ct);
    }

    // "character varying(50)" → "character varying": COPY wants the type, not its modifiers.
    private static string StoreType(string storeType)
    {
        var paren = storeType.IndexOf('(', StringComparison.Ordinal);
        return paren < 0 ? storeType : storeType[..paren].Trim();
    }
}
