using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using Tuopin.Application.Storage;
using Tuopin.Domain.Registry;

namespace Tuopin.Bench;

/// <summary>
/// The baselines of the query measurements: what the use cases compute, as hand-written SQL through
/// plain ADO.NET, a pooled connection opened per call as the use cases do. Restricted to the county,
/// as the county administrator's scope restricts the use cases.
/// </summary>
public sealed class RawQueries(DbTarget target, IPersonalDataProtector protector, Guid countyId)
{
    public sealed record Overview(int Households, int People, int Townships, int Villages, int PoorVillages, string County, int WorkYear);

    public sealed record ListPage(int Total, IReadOnlyList<string> Numbers);

    private bool Sqlite => target.Provider == DbProvider.Sqlite;

    private async Task<DbConnection> OpenAsync()
    {
        DbConnection connection = Sqlite ? new SqliteConnection(target.ConnectionString) : new NpgsqlConnection(target.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private object Id(Guid id) => Sqlite ? id.ToString().ToUpperInvariant() : id;

    private static DbCommand Command(DbConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    private static int? NullableInt(DbDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetInt32(i);

    /// <summary>CountyOverview's figures: households and present people by township, status and exit year, and the places.</summary>
    public async Task<Overview> OverviewAsync()
    {
        await using var connection = await OpenAsync();
        var county = ("@county", Id(countyId));
        // The same one grouped query as the use case: people are each household's stored size.
        var households = new Dictionary<(Guid, int, int?), long>();
        var people = new Dictionary<(Guid, int, int?), long>();
        await using (var command = Command(connection,
            "SELECT township_id, status, exit_year, COUNT(*), SUM(size) FROM households WHERE county_id = @county GROUP BY township_id, status, exit_year", county))
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync())
            {
                var key = (reader.GetGuid(0), reader.GetInt32(1), NullableInt(reader, 2));
                households[key] = reader.GetInt64(3);
                people[key] = reader.GetInt64(4);
            }

        var townships = new List<(Guid Id, string Name, int? Year)>();
        await using (var command = Command(connection, "SELECT id, name, planned_exit_year FROM townships WHERE county_id = @county ORDER BY code", county))
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                townships.Add((reader.GetGuid(0), reader.GetString(1), NullableInt(reader, 2)));

        int villages = 0, poor = 0;
        await using (var command = Command(connection,
            "SELECT township_id, COUNT(*), SUM(CASE WHEN is_poor THEN 1 ELSE 0 END) FROM villages WHERE county_id = @county GROUP BY township_id", county))
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync())
            {
                villages += (int)reader.GetInt64(1);
                poor += (int)reader.GetInt64(2);
            }

        string name;
        await using (var command = Command(connection, "SELECT name FROM counties WHERE id = @county", county))
            name = (string)(await command.ExecuteScalarAsync())!;
        int workYear;
        await using (var command = Command(connection, "SELECT value FROM settings WHERE key = 'work_year'"))
            workYear = int.Parse((string)(await command.ExecuteScalarAsync())!, System.Globalization.CultureInfo.InvariantCulture);

        return new Overview((int)households.Values.Sum(), (int)people.Values.Sum(), townships.Count, villages, poor, name, workYear);
    }

    /// <summary>ListHouseholds's three queries: the count, the page (head and size by subqueries), and the page's place names.</summary>
    public async Task<ListPage> ListAsync(Guid? townshipId, HouseholdStatus? status, int? exitYear, string? name, int page, int pageSize)
    {
        await using var connection = await OpenAsync();
        var where = "h.county_id = @county";
        var parameters = new List<(string, object)> { ("@county", Id(countyId)) };
        if (townshipId is { } t) { where += " AND h.township_id = @township"; parameters.Add(("@township", Id(t))); }
        if (status is { } s) { where += " AND h.status = @status"; parameters.Add(("@status", (int)s)); }
        if (exitYear is { } y) { where += " AND h.exit_year = @year"; parameters.Add(("@year", y)); }
        if (name is not null)
        {
            where += " AND h.id IN (SELECT m.household_id FROM members m WHERE m.county_id = @county AND m.name LIKE @name)";
            parameters.Add(("@name", $"%{name}%"));
        }

        int total;
        await using (var command = Command(connection, $"SELECT COUNT(*) FROM households h WHERE {where}", [.. parameters]))
            total = Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);

        var rows = new List<(Guid Id, string Number, Guid Village, string? Head, string? Cipher, long Size)>();
        const string head = "FROM members m WHERE m.household_id = h.id AND m.relation = 1 AND m.status = 1 LIMIT 1";
        await using (var command = Command(connection,
            $"SELECT h.id, h.number, h.township_id, h.village_id, (SELECT m.name {head}), (SELECT m.resident_id_cipher {head}), " +
            "h.size, h.attribute, h.main_cause, h.status, h.exit_year " +
            $"FROM households h WHERE {where} ORDER BY h.number LIMIT @take OFFSET @skip",
            [.. parameters, ("@take", pageSize), ("@skip", (page - 1) * pageSize)]))
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                rows.Add((reader.GetGuid(0), reader.GetString(1), reader.GetGuid(3), reader.IsDBNull(4) ? null : reader.GetString(4),
                    reader.IsDBNull(5) ? null : reader.GetString(5), Convert.ToInt64(reader.GetValue(6), System.Globalization.CultureInfo.InvariantCulture)));

        var villageIds = rows.Select(r => r.Village).Distinct().ToList();
        var places = new Dictionary<Guid, (string Village, string Township)>();
        if (villageIds.Count > 0)
        {
            await using var command = Command(connection,
                $"SELECT v.id, v.name, t.name FROM villages v JOIN townships t ON t.id = v.township_id WHERE v.id IN ({string.Join(", ", villageIds.Select((_, i) => $"@v{i}"))})",
                [.. villageIds.Select((id, i) => ($"@v{i}", Id(id)))]);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) places[reader.GetGuid(0)] = (reader.GetString(1), reader.GetString(2));
        }
        // The county administrator sees resident IDs in full: decrypt them, as the use case does.
        foreach (var row in rows)
            if (row.Cipher is not null) _ = protector.Unprotect(row.Cipher);
        return new ListPage(total, [.. rows.Select(r => r.Number)]);
    }
}
