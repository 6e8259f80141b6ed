using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using Tuopin.Application.Demo;

namespace Tuopin.Bench;

/// <summary>
/// The baseline of the demo load: the generator's rows written by hand with plain ADO.NET, every
/// table and column spelled out here (not taken from the EF Core model), in one transaction.
/// Also writes the villages' populations, the work-year setting and the batch's audit entry, so that
/// it leaves the same rows LoadDemo does.
/// </summary>
public static class RawDemoWriter
{
    public const string WorkYearKey = "work_year";

    // ---- SQLite: prepared INSERT statements, values stored as EF Core's SQLite provider stores them ----

    public static async Task<Laps> WriteSqliteAsync(string connectionString, DemoGenerator.Data data, Guid batch, DateTime now)
    {
        var laps = new Laps();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        using (var pragma = connection.CreateCommand())
        {
            // The same pragmas the application sets on each connection.
            pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;";
            pragma.ExecuteNonQuery();
        }
        using var transaction = connection.BeginTransaction();
        laps.Lap("open, begin");

        SqliteInsert(connection, transaction, "village_groups", ["id", "village_id", "number", "name"], data.Groups,
            (g, p) => { p[0].Value = G(g.Id); p[1].Value = G(g.VillageId); p[2].Value = g.Number; p[3].Value = g.Name; });
        laps.Lap("village_groups");

        SqliteInsert(connection, transaction, "households",
            ["id", "number", "county_id", "township_id", "village_id", "group_id", "registration_year", "standard", "attribute",
             "main_cause", "other_cause1", "other_cause2", "housing", "housing_area", "is_adobe_house", "has_living_power",
             "has_production_power", "drinking_water_difficult", "drinking_water_safe", "has_sanitary_toilet",
             "distance_to_main_road_km", "entry_road", "main_fuel", "in_cooperative", "phone_cipher", "status", "exit_year",
             "batch_id", "version", "created_at", "updated_at", "size"],
            data.Households,
            (h, p) =>
            {
                p[0].Value = G(h.Id); p[1].Value = h.Number; p[2].Value = G(h.CountyId); p[3].Value = G(h.TownshipId);
                p[4].Value = G(h.VillageId); p[5].Value = h.GroupId is { } g ? G(g) : DBNull.Value; p[6].Value = h.RegistrationYear;
                p[7].Value = (int)h.Standard; p[8].Value = (int)h.Attribute; p[9].Value = (int)h.MainCause;
                p[10].Value = N((int?)h.OtherCause1); p[11].Value = N((int?)h.OtherCause2); p[12].Value = (int)h.Housing;
                p[13].Value = Dec(h.HousingArea); p[14].Value = B(h.IsAdobeHouse); p[15].Value = B(h.HasLivingPower);
                p[16].Value = B(h.HasProductionPower); p[17].Value = B(h.DrinkingWaterDifficult); p[18].Value = B(h.DrinkingWaterSafe);
                p[19].Value = B(h.HasSanitaryToilet); p[20].Value = Dec(h.DistanceToMainRoadKm); p[21].Value = N((int?)h.EntryRoad);
                p[22].Value = N((int?)h.MainFuel); p[23].Value = B(h.InCooperative); p[24].Value = (object?)h.PhoneCipher ?? DBNull.Value;
                p[25].Value = (int)h.Status; p[26].Value = N(h.ExitYear); p[27].Value = h.BatchId is { } b ? G(b) : DBNull.Value;
                p[28].Value = h.Version; p[29].Value = T(h.CreatedAt); p[30].Value = T(h.UpdatedAt); p[31].Value = h.Size;
            });
        laps.Lap("households");

        SqliteInsert(connection, transaction, "members",
            ["id", "household_id", "name", "sex", "birth_date", "resident_id_cipher", "resident_id_index", "relation",
             "ethnicity_code", "education", "schooling", "health", "disability_grade", "labour", "migrant_work", "migrant_months",
             "medical_insurance", "pension_insurance", "status", "created_at", "updated_at", "county_id", "township_id", "village_id"],
            data.Members,
            (m, p) =>
            {
                p[0].Value = G(m.Id); p[1].Value = G(m.HouseholdId); p[2].Value = m.Name; p[3].Value = (int)m.Sex;
                p[4].Value = D(m.BirthDate); p[5].Value = m.ResidentIdCipher; p[6].Value = m.ResidentIdIndex; p[7].Value = (int)m.Relation;
                p[8].Value = m.EthnicityCode; p[9].Value = (int)m.Education; p[10].Value = (int)m.Schooling; p[11].Value = (int)m.Health;
                p[12].Value = N(m.DisabilityGrade); p[13].Value = (int)m.Labour; p[14].Value = N((int?)m.MigrantWork);
                p[15].Value = N(m.MigrantMonths); p[16].Value = B(m.MedicalInsurance); p[17].Value = B(m.PensionInsurance);
                p[18].Value = (int)m.Status; p[19].Value = T(m.CreatedAt); p[20].Value = T(m.UpdatedAt);
                p[21].Value = G(m.CountyId); p[22].Value = G(m.TownshipId); p[23].Value = G(m.VillageId);
            });
        laps.Lap("members");

        SqliteInsert(connection, transaction, "household_incomes",
            ["id", "household_id", "year", "household_size", "wage", "production", "property", "family_planning", "dibao", "wubao",
             "pension", "eco_compensation", "other_transfer", "production_expense"],
            data.Incomes,
            (i, p) =>
            {
                p[0].Value = G(i.Id); p[1].Value = G(i.HouseholdId); p[2].Value = i.Year; p[3].Value = i.HouseholdSize;
                p[4].Value = i.Wage.Fen; p[5].Value = i.Production.Fen; p[6].Value = i.Property.Fen; p[7].Value = i.FamilyPlanning.Fen;
                p[8].Value = i.Dibao.Fen; p[9].Value = i.Wubao.Fen; p[10].Value = i.Pension.Fen; p[11].Value = i.EcoCompensation.Fen;
                p[12].Value = i.OtherTransfer.Fen; p[13].Value = i.ProductionExpense.Fen;
            });
        laps.Lap("household_incomes");

        SqliteInsert(connection, transaction, "household_status_changes",
            ["id", "household_id", "date", "from", "to", "year", "reason", "recorded_by", "recorded_at", "kind", "sequence", "size_after", "closed"],
            data.StatusChanges,
            (c, p) =>
            {
                p[0].Value = G(c.Id); p[1].Value = G(c.HouseholdId); p[2].Value = D(c.Date); p[3].Value = N((int?)c.From);
                p[4].Value = (int)c.To; p[5].Value = N(c.Year); p[6].Value = c.Reason; p[7].Value = c.RecordedBy; p[8].Value = T(c.RecordedAt);
                p[9].Value = (int)c.Kind; p[10].Value = c.Sequence; p[11].Value = c.SizeAfter; p[12].Value = c.Closed;
            });
        laps.Lap("household_status_changes");

        SqliteInsert(connection, transaction, "villages", ["registered_population", "id"], data.Populations.ToList(),
            (v, p) => { p[0].Value = v.Value; p[1].Value = G(v.Key); },
            sql: "UPDATE \"villages\" SET \"registered_population\" = $p0 WHERE \"id\" = $p1");

        SqliteInsert(connection, transaction, "settings", ["key", "value"], Settings(),
            (s, p) => { p[0].Value = s.Key; p[1].Value = s.Value; });
        SqliteInsert(connection, transaction, "audit_entries",
            ["id", "at", "user_id", "user_name", "action", "entity_type", "entity_id", "household_id", "changes", "reason", "correlation_id"],
            [batch],
            (id, p) =>
            {
                p[0].Value = G(id); p[1].Value = T(now); p[2].Value = DBNull.Value; p[3].Value = "bench"; p[4].Value = 4;
                p[5].Value = "Household"; p[6].Value = G(id); p[7].Value = DBNull.Value; p[8].Value = AuditChanges(data);
                p[9].Value = "基准测试：手写 ADO.NET 载入演示数据"; p[10].Value = G(id);
            });

        transaction.Commit();
        laps.Lap("populations, setting, audit, commit");
        return laps;
    }

    private static void SqliteInsert<T>(SqliteConnection connection, SqliteTransaction transaction, string table, string[] columns,
        IReadOnlyList<T> rows, Action<T, SqliteParameter[]> bind, string? sql = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql ?? $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})";
        var parameters = columns.Select((_, i) => command.Parameters.Add(new SqliteParameter($"$p{i}", DBNull.Value))).ToArray();
        command.Prepare();
        foreach (var row in rows)
        {
            bind(row, parameters);
            command.ExecuteNonQuery();
        }
    }

    // EF Core's SQLite provider keeps GUIDs as upper-case text, dates and times as ISO text, decimals as text.
    private static string G(Guid g) => g.ToString().ToUpperInvariant();
    private static string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private static string T(DateTime t) => t.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
    private static object Dec(decimal? m) => m is { } v ? v.ToString("0.0###########################", CultureInfo.InvariantCulture) : DBNull.Value;
    private static long B(bool b) => b ? 1 : 0;
    private static object N(int? i) => i is { } v ? v : DBNull.Value;

    // The same settings LoadDemo writes: the work year, and the mark that the data set is the illustrative demo.
    private static (string Key, string Value)[] Settings() =>
        [(WorkYearKey, DemoPlan.WorkYear.ToString(CultureInfo.InvariantCulture)), (LoadDemo.DataSetKey, "laifeng-demo (bench baseline)")];

    private static string AuditChanges(DemoGenerator.Data data) =>
        $"{{\"source\":\"bench raw ADO.NET baseline\",\"households\":{data.Households.Count},\"members\":{data.Members.Count}}}";

    // ---- PostgreSQL: binary COPY with typed values, or prepared INSERT statements ----

    public static async Task<Laps> WritePostgresCopyAsync(string connectionString, DemoGenerator.Data data, Guid batch, DateTime now)
    {
        var laps = new Laps();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        laps.Lap("open, begin");

        using (var w = await connection.BeginBinaryImportAsync("COPY village_groups (id, village_id, number, name) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var g in data.Groups)
            {
                w.StartRow();
                w.Write(g.Id, NpgsqlDbType.Uuid); w.Write(g.VillageId, NpgsqlDbType.Uuid); w.Write(g.Number, NpgsqlDbType.Integer); w.Write(g.Name, NpgsqlDbType.Varchar);
            }
            await w.CompleteAsync();
        }
        laps.Lap("village_groups");

        using (var w = await connection.BeginBinaryImportAsync(
            "COPY households (id, number, county_id, township_id, village_id, group_id, registration_year, standard, attribute, " +
            "main_cause, other_cause1, other_cause2, housing, housing_area, is_adobe_house, has_living_power, has_production_power, " +
            "drinking_water_difficult, drinking_water_safe, has_sanitary_toilet, distance_to_main_road_km, entry_road, main_fuel, " +
            "in_cooperative, phone_cipher, status, exit_year, batch_id, version, created_at, updated_at, size) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var h in data.Households)
            {
                w.StartRow();
                w.Write(h.Id, NpgsqlDbType.Uuid); w.Write(h.Number, NpgsqlDbType.Varchar); w.Write(h.CountyId, NpgsqlDbType.Uuid);
                w.Write(h.TownshipId, NpgsqlDbType.Uuid); w.Write(h.VillageId, NpgsqlDbType.Uuid); Nullable(w, h.GroupId, NpgsqlDbType.Uuid);
                w.Write(h.RegistrationYear, NpgsqlDbType.Integer); w.Write((int)h.Standard, NpgsqlDbType.Integer);
                w.Write((int)h.Attribute, NpgsqlDbType.Integer); w.Write((int)h.MainCause, NpgsqlDbType.Integer);
                Nullable(w, (int?)h.OtherCause1, NpgsqlDbType.Integer); Nullable(w, (int?)h.OtherCause2, NpgsqlDbType.Integer);
                w.Write((int)h.Housing, NpgsqlDbType.Integer); Nullable(w, h.HousingArea, NpgsqlDbType.Numeric);
                w.Write(h.IsAdobeHouse, NpgsqlDbType.Boolean); w.Write(h.HasLivingPower, NpgsqlDbType.Boolean);
                w.Write(h.HasProductionPower, NpgsqlDbType.Boolean); w.Write(h.DrinkingWaterDifficult, NpgsqlDbType.Boolean);
                w.Write(h.DrinkingWaterSafe, NpgsqlDbType.Boolean); w.Write(h.HasSanitaryToilet, NpgsqlDbType.Boolean);
                Nullable(w, h.DistanceToMainRoadKm, NpgsqlDbType.Numeric); Nullable(w, (int?)h.EntryRoad, NpgsqlDbType.Integer);
                Nullable(w, (int?)h.MainFuel, NpgsqlDbType.Integer); w.Write(h.InCooperative, NpgsqlDbType.Boolean);
                if (h.PhoneCipher is null) w.WriteNull(); else w.Write(h.PhoneCipher, NpgsqlDbType.Varchar);
                w.Write((int)h.Status, NpgsqlDbType.Integer); Nullable(w, h.ExitYear, NpgsqlDbType.Integer); Nullable(w, h.BatchId, NpgsqlDbType.Uuid);
                w.Write(h.Version, NpgsqlDbType.Integer); w.Write(h.CreatedAt, NpgsqlDbType.TimestampTz); w.Write(h.UpdatedAt, NpgsqlDbType.TimestampTz);
                w.Write(h.Size, NpgsqlDbType.Integer);
            }
            await w.CompleteAsync();
        }
        laps.Lap("households");

        using (var w = await connection.BeginBinaryImportAsync(
            "COPY members (id, household_id, name, sex, birth_date, resident_id_cipher, resident_id_index, relation, ethnicity_code, " +
            "education, schooling, health, disability_grade, labour, migrant_work, migrant_months, medical_insurance, pension_insurance, " +
            "status, created_at, updated_at, county_id, township_id, village_id) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var m in data.Members)
            {
                w.StartRow();
                w.Write(m.Id, NpgsqlDbType.Uuid); w.Write(m.HouseholdId, NpgsqlDbType.Uuid); w.Write(m.Name, NpgsqlDbType.Varchar);
                w.Write((int)m.Sex, NpgsqlDbType.Integer); w.Write(m.BirthDate, NpgsqlDbType.Date); w.Write(m.ResidentIdCipher, NpgsqlDbType.Varchar);
                w.Write(m.ResidentIdIndex, NpgsqlDbType.Varchar); w.Write((int)m.Relation, NpgsqlDbType.Integer); w.Write(m.EthnicityCode, NpgsqlDbType.Varchar);
                w.Write((int)m.Education, NpgsqlDbType.Integer); w.Write((int)m.Schooling, NpgsqlDbType.Integer); w.Write((int)m.Health, NpgsqlDbType.Integer);
                Nullable(w, m.DisabilityGrade, NpgsqlDbType.Integer); w.Write((int)m.Labour, NpgsqlDbType.Integer);
                Nullable(w, (int?)m.MigrantWork, NpgsqlDbType.Integer); Nullable(w, m.MigrantMonths, NpgsqlDbType.Integer);
                w.Write(m.MedicalInsurance, NpgsqlDbType.Boolean); w.Write(m.PensionInsurance, NpgsqlDbType.Boolean);
                w.Write((int)m.Status, NpgsqlDbType.Integer); w.Write(m.CreatedAt, NpgsqlDbType.TimestampTz); w.Write(m.UpdatedAt, NpgsqlDbType.TimestampTz);
                w.Write(m.CountyId, NpgsqlDbType.Uuid); w.Write(m.TownshipId, NpgsqlDbType.Uuid); w.Write(m.VillageId, NpgsqlDbType.Uuid);
            }
            await w.CompleteAsync();
        }
        laps.Lap("members");

        using (var w = await connection.BeginBinaryImportAsync(
            "COPY household_incomes (id, household_id, year, household_size, wage, production, property, family_planning, dibao, wubao, " +
            "pension, eco_compensation, other_transfer, production_expense) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var i in data.Incomes)
            {
                w.StartRow();
                w.Write(i.Id, NpgsqlDbType.Uuid); w.Write(i.HouseholdId, NpgsqlDbType.Uuid); w.Write(i.Year, NpgsqlDbType.Integer);
                w.Write(i.HouseholdSize, NpgsqlDbType.Integer); w.Write(i.Wage.Fen, NpgsqlDbType.Bigint); w.Write(i.Production.Fen, NpgsqlDbType.Bigint);
                w.Write(i.Property.Fen, NpgsqlDbType.Bigint); w.Write(i.FamilyPlanning.Fen, NpgsqlDbType.Bigint); w.Write(i.Dibao.Fen, NpgsqlDbType.Bigint);
                w.Write(i.Wubao.Fen, NpgsqlDbType.Bigint); w.Write(i.Pension.Fen, NpgsqlDbType.Bigint); w.Write(i.EcoCompensation.Fen, NpgsqlDbType.Bigint);
                w.Write(i.OtherTransfer.Fen, NpgsqlDbType.Bigint); w.Write(i.ProductionExpense.Fen, NpgsqlDbType.Bigint);
            }
            await w.CompleteAsync();
        }
        laps.Lap("household_incomes");

        using (var w = await connection.BeginBinaryImportAsync(
            "COPY household_status_changes (id, household_id, date, \"from\", \"to\", year, reason, recorded_by, recorded_at, kind, sequence, size_after, closed) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var c in data.StatusChanges)
            {
                w.StartRow();
                w.Write(c.Id, NpgsqlDbType.Uuid); w.Write(c.HouseholdId, NpgsqlDbType.Uuid); w.Write(c.Date, NpgsqlDbType.Date);
                Nullable(w, (int?)c.From, NpgsqlDbType.Integer); w.Write((int)c.To, NpgsqlDbType.Integer); Nullable(w, c.Year, NpgsqlDbType.Integer);
                w.Write(c.Reason, NpgsqlDbType.Varchar); w.Write(c.RecordedBy, NpgsqlDbType.Varchar); w.Write(c.RecordedAt, NpgsqlDbType.TimestampTz);
                w.Write((int)c.Kind, NpgsqlDbType.Integer); w.Write(c.Sequence, NpgsqlDbType.Integer); w.Write(c.SizeAfter, NpgsqlDbType.Integer); w.Write(c.Closed, NpgsqlDbType.Boolean);
            }
            await w.CompleteAsync();
        }
        laps.Lap("household_status_changes");

        await PostgresTailAsync(connection, transaction, data, batch, now);
        await transaction.CommitAsync();
        laps.Lap("populations, setting, audit, commit");
        return laps;
    }

    private static void Nullable<T>(NpgsqlBinaryImporter w, T? value, NpgsqlDbType type) where T : struct
    {
        if (value is { } v) w.Write(v, type);
        else w.WriteNull();
    }

    public static async Task<Laps> WritePostgresInsertsAsync(string connectionString, DemoGenerator.Data data, Guid batch, DateTime now)
    {
        var laps = new Laps();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        laps.Lap("open, begin");

        await PgInsertAsync(connection, transaction, "village_groups", [("id", NpgsqlDbType.Uuid), ("village_id", NpgsqlDbType.Uuid), ("number", NpgsqlDbType.Integer), ("name", NpgsqlDbType.Varchar)],
            data.Groups, (g, p) => { p[0].Value = g.Id; p[1].Value = g.VillageId; p[2].Value = g.Number; p[3].Value = g.Name; });
        laps.Lap("village_groups");

        await PgInsertAsync(connection, transaction, "households",
            [("id", NpgsqlDbType.Uuid), ("number", NpgsqlDbType.Varchar), ("county_id", NpgsqlDbType.Uuid), ("township_id", NpgsqlDbType.Uuid),
             ("village_id", NpgsqlDbType.Uuid), ("group_id", NpgsqlDbType.Uuid), ("registration_year", NpgsqlDbType.Integer), ("standard", NpgsqlDbType.Integer),
             ("attribute", NpgsqlDbType.Integer), ("main_cause", NpgsqlDbType.Integer), ("other_cause1", NpgsqlDbType.Integer), ("other_cause2", NpgsqlDbType.Integer),
             ("housing", NpgsqlDbType.Integer), ("housing_area", NpgsqlDbType.Numeric), ("is_adobe_house", NpgsqlDbType.Boolean), ("has_living_power", NpgsqlDbType.Boolean),
             ("has_production_power", NpgsqlDbType.Boolean), ("drinking_water_difficult", NpgsqlDbType.Boolean), ("drinking_water_safe", NpgsqlDbType.Boolean),
             ("has_sanitary_toilet", NpgsqlDbType.Boolean), ("distance_to_main_road_km", NpgsqlDbType.Numeric), ("entry_road", NpgsqlDbType.Integer),
             ("main_fuel", NpgsqlDbType.Integer), ("in_cooperative", NpgsqlDbType.Boolean), ("phone_cipher", NpgsqlDbType.Varchar), ("status", NpgsqlDbType.Integer),
             ("exit_year", NpgsqlDbType.Integer), ("batch_id", NpgsqlDbType.Uuid), ("version", NpgsqlDbType.Integer), ("created_at", NpgsqlDbType.TimestampTz),
             ("updated_at", NpgsqlDbType.TimestampTz), ("size", NpgsqlDbType.Integer)],
            data.Households,
            (h, p) =>
            {
                p[0].Value = h.Id; p[1].Value = h.Number; p[2].Value = h.CountyId; p[3].Value = h.TownshipId; p[4].Value = h.VillageId;
                p[5].Value = (object?)h.GroupId ?? DBNull.Value; p[6].Value = h.RegistrationYear; p[7].Value = (int)h.Standard; p[8].Value = (int)h.Attribute;
                p[9].Value = (int)h.MainCause; p[10].Value = N((int?)h.OtherCause1); p[11].Value = N((int?)h.OtherCause2); p[12].Value = (int)h.Housing;
                p[13].Value = (object?)h.HousingArea ?? DBNull.Value; p[14].Value = h.IsAdobeHouse; p[15].Value = h.HasLivingPower;
                p[16].Value = h.HasProductionPower; p[17].Value = h.DrinkingWaterDifficult; p[18].Value = h.DrinkingWaterSafe; p[19].Value = h.HasSanitaryToilet;
                p[20].Value = (object?)h.DistanceToMainRoadKm ?? DBNull.Value; p[21].Value = N((int?)h.EntryRoad); p[22].Value = N((int?)h.MainFuel);
                p[23].Value = h.InCooperative; p[24].Value = (object?)h.PhoneCipher ?? DBNull.Value; p[25].Value = (int)h.Status; p[26].Value = N(h.ExitYear);
                p[27].Value = (object?)h.BatchId ?? DBNull.Value; p[28].Value = h.Version; p[29].Value = h.CreatedAt; p[30].Value = h.UpdatedAt;
                p[31].Value = h.Size;
            });
        laps.Lap("households");

        await PgInsertAsync(connection, transaction, "members",
            [("id", NpgsqlDbType.Uuid), ("household_id", NpgsqlDbType.Uuid), ("name", NpgsqlDbType.Varchar), ("sex", NpgsqlDbType.Integer),
             ("birth_date", NpgsqlDbType.Date), ("resident_id_cipher", NpgsqlDbType.Varchar), ("resident_id_index", NpgsqlDbType.Varchar),
             ("relation", NpgsqlDbType.Integer), ("ethnicity_code", NpgsqlDbType.Varchar), ("education", NpgsqlDbType.Integer), ("schooling", NpgsqlDbType.Integer),
             ("health", NpgsqlDbType.Integer), ("disability_grade", NpgsqlDbType.Integer), ("labour", NpgsqlDbType.Integer), ("migrant_work", NpgsqlDbType.Integer),
             ("migrant_months", NpgsqlDbType.Integer), ("medical_insurance", NpgsqlDbType.Boolean), ("pension_insurance", NpgsqlDbType.Boolean),
             ("status", NpgsqlDbType.Integer), ("created_at", NpgsqlDbType.TimestampTz), ("updated_at", NpgsqlDbType.TimestampTz),
             ("county_id", NpgsqlDbType.Uuid), ("township_id", NpgsqlDbType.Uuid), ("village_id", NpgsqlDbType.Uuid)],
            data.Members,
            (m, p) =>
            {
                p[0].Value = m.Id; p[1].Value = m.HouseholdId; p[2].Value = m.Name; p[3].Value = (int)m.Sex; p[4].Value = m.BirthDate;
                p[5].Value = m.ResidentIdCipher; p[6].Value = m.ResidentIdIndex; p[7].Value = (int)m.Relation; p[8].Value = m.EthnicityCode;
                p[9].Value = (int)m.Education; p[10].Value = (int)m.Schooling; p[11].Value = (int)m.Health; p[12].Value = N(m.DisabilityGrade);
                p[13].Value = (int)m.Labour; p[14].Value = N((int?)m.MigrantWork); p[15].Value = N(m.MigrantMonths); p[16].Value = m.MedicalInsurance;
                p[17].Value = m.PensionInsurance; p[18].Value = (int)m.Status; p[19].Value = m.CreatedAt; p[20].Value = m.UpdatedAt;
                p[21].Value = m.CountyId; p[22].Value = m.TownshipId; p[23].Value = m.VillageId;
            });
        laps.Lap("members");

        await PgInsertAsync(connection, transaction, "household_incomes",
            [("id", NpgsqlDbType.Uuid), ("household_id", NpgsqlDbType.Uuid), ("year", NpgsqlDbType.Integer), ("household_size", NpgsqlDbType.Integer),
             ("wage", NpgsqlDbType.Bigint), ("production", NpgsqlDbType.Bigint), ("property", NpgsqlDbType.Bigint), ("family_planning", NpgsqlDbType.Bigint),
             ("dibao", NpgsqlDbType.Bigint), ("wubao", NpgsqlDbType.Bigint), ("pension", NpgsqlDbType.Bigint), ("eco_compensation", NpgsqlDbType.Bigint),
             ("other_transfer", NpgsqlDbType.Bigint), ("production_expense", NpgsqlDbType.Bigint)],
            data.Incomes,
            (i, p) =>
            {
                p[0].Value = i.Id; p[1].Value = i.HouseholdId; p[2].Value = i.Year; p[3].Value = i.HouseholdSize; p[4].Value = i.Wage.Fen;
                p[5].Value = i.Production.Fen; p[6].Value = i.Property.Fen; p[7].Value = i.FamilyPlanning.Fen; p[8].Value = i.Dibao.Fen;
                p[9].Value = i.Wubao.Fen; p[10].Value = i.Pension.Fen; p[11].Value = i.EcoCompensation.Fen; p[12].Value = i.OtherTransfer.Fen;
                p[13].Value = i.ProductionExpense.Fen;
            });
        laps.Lap("household_incomes");

        await PgInsertAsync(connection, transaction, "household_status_changes",
            [("id", NpgsqlDbType.Uuid), ("household_id", NpgsqlDbType.Uuid), ("date", NpgsqlDbType.Date), ("from", NpgsqlDbType.Integer),
             ("to", NpgsqlDbType.Integer), ("year", NpgsqlDbType.Integer), ("reason", NpgsqlDbType.Varchar), ("recorded_by", NpgsqlDbType.Varchar),
             ("recorded_at", NpgsqlDbType.TimestampTz), ("kind", NpgsqlDbType.Integer), ("sequence", NpgsqlDbType.Integer),
             ("size_after", NpgsqlDbType.Integer), ("closed", NpgsqlDbType.Boolean)],
            data.StatusChanges,
            (c, p) =>
            {
                p[0].Value = c.Id; p[1].Value = c.HouseholdId; p[2].Value = c.Date; p[3].Value = N((int?)c.From); p[4].Value = (int)c.To;
                p[5].Value = N(c.Year); p[6].Value = c.Reason; p[7].Value = c.RecordedBy; p[8].Value = c.RecordedAt;
                p[9].Value = (int)c.Kind; p[10].Value = c.Sequence; p[11].Value = c.SizeAfter; p[12].Value = c.Closed;
            });
        laps.Lap("household_status_changes");

        await PostgresTailAsync(connection, transaction, data, batch, now);
        await transaction.CommitAsync();
        laps.Lap("populations, setting, audit, commit");
        return laps;
    }

    private static async Task PgInsertAsync<T>(NpgsqlConnection connection, NpgsqlTransaction transaction, string table,
        (string Name, NpgsqlDbType Type)[] columns, IReadOnlyList<T> rows, Action<T, NpgsqlParameter[]> bind)
    {
        await using var command = new NpgsqlCommand(
            $"INSERT INTO {table} ({string.Join(", ", columns.Select(c => $"\"{c.Name}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"${i + 1}"))})",
            connection, transaction);
        var parameters = columns.Select(c => command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = c.Type })).ToArray();
        await command.PrepareAsync();
        foreach (var row in rows)
        {
            bind(row, parameters);
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Populations, the work-year setting and the batch's audit entry: a few hundred statements.</summary>
    private static async Task PostgresTailAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, DemoGenerator.Data data, Guid batch, DateTime now)
    {
        await using (var update = new NpgsqlCommand("UPDATE villages SET registered_population = $1 WHERE id = $2", connection, transaction))
        {
            var population = update.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Integer });
            var id = update.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Uuid });
            await update.PrepareAsync();
            foreach (var (villageId, people) in data.Populations)
            {
                population.Value = people;
                id.Value = villageId;
                await update.ExecuteNonQueryAsync();
            }
        }
        foreach (var (key, value) in Settings())
        {
            await using var setting = new NpgsqlCommand("INSERT INTO settings (key, value) VALUES ($1, $2)", connection, transaction);
            setting.Parameters.Add(new NpgsqlParameter { Value = key });
            setting.Parameters.Add(new NpgsqlParameter { Value = value });
            await setting.ExecuteNonQueryAsync();
        }
        await using var audit = new NpgsqlCommand(
            "INSERT INTO audit_entries (id, at, user_id, user_name, action, entity_type, entity_id, household_id, changes, reason, correlation_id) " +
            "VALUES ($1, $2, NULL, 'bench', 4, 'Household', $1, NULL, $3, $4, $1)", connection, transaction);
        audit.Parameters.Add(new NpgsqlParameter { Value = batch });
        audit.Parameters.Add(new NpgsqlParameter { Value = now, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        audit.Parameters.Add(new NpgsqlParameter { Value = AuditChanges(data) });
        audit.Parameters.Add(new NpgsqlParameter { Value = "基准测试：手写 ADO.NET 载入演示数据" });
        await audit.ExecuteNonQueryAsync();
    }
}
