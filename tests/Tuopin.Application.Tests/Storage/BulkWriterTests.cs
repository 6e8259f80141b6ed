using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Registry;
using Tuopin.Testing;

namespace Tuopin.Application.Tests.Storage;

/// <summary>The bulk path writes rows that the ordinary path reads back unchanged, on both databases.</summary>
public sealed class BulkWriterTests
{
    [Theory, BothDatabases]
    public async Task RowsWrittenInBulk_ReadBackExactly(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var (villageId, townshipId) = county.Villages["三胡乡/黄柏园村"];
        var created = new DateTime(2026, 11, 29, 8, 30, 15, 123, DateTimeKind.Utc);
        var household = new Household
        {
            Id = Guid.NewGuid(), Number = "4228272022099999", CountyId = county.CountyId, TownshipId = townshipId, VillageId = villageId,
            RegistrationYear = 2014, MainCause = PovertyCause.Illness, OtherCause1 = PovertyCause.LackOfSkills, HousingArea = 72.5m,
            DistanceToMainRoadKm = 1.25m, EntryRoad = EntryRoad.Gravel, Status = HouseholdStatus.Exited, ExitYear = 2015,
            CreatedAt = created, UpdatedAt = created, PhoneCipher = null,
        };
        var member = new Member
        {
            Id = Guid.NewGuid(), HouseholdId = household.Id, Name = "冉秀珍", Sex = Sex.Female, BirthDate = new DateOnly(1951, 2, 28),
            ResidentIdCipher = "cipher", ResidentIdIndex = "index-1", Relation = Relation.Head, EthnicityCode = "06",
            Health = Health.Disabled, DisabilityGrade = 2, MigrantWork = null, CreatedAt = created, UpdatedAt = created,
        };
        var income = new HouseholdIncome
        {
            Id = Guid.NewGuid(), HouseholdId = household.Id, Year = 2015, HouseholdSize = 1, Wage = new Money(123_456_789_01L),
            ProductionExpense = new Money(1),
        };

        await using (var db = county.Factory.CreateForOperator("bulk"))
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await BulkWriter.InsertAsync(db, [household]);
            await BulkWriter.InsertAsync(db, [member]);
            await BulkWriter.InsertAsync(db, [income]);
            await transaction.CommitAsync();
        }

        var read = await county.QueryAsync(db => db.Households.Include(h => h.Members).Include(h => h.Incomes).SingleAsync(h => h.Id == household.Id));
        Assert.Equal(household.Number, read.Number);
        Assert.Equal(PovertyCause.LackOfSkills, read.OtherCause1);
        Assert.Null(read.OtherCause2);
        Assert.Equal(72.5m, read.HousingArea);
        Assert.Equal(1.25m, read.DistanceToMainRoadKm);
        Assert.Equal(created, read.CreatedAt);
        Assert.Equal(DateTimeKind.Utc, read.CreatedAt.Kind);
        var m = Assert.Single(read.Members);
        Assert.Equal(new DateOnly(1951, 2, 28), m.BirthDate);
        Assert.Equal("冉秀珍", m.Name);
        Assert.Equal(2, m.DisabilityGrade);
        Assert.Null(m.MigrantWork);
        var i = Assert.Single(read.Incomes);
        Assert.Equal(123_456_789_01L, i.Wage.Fen);
        // Queries on the bulk-written keys find them: GUIDs were stored the way EF Core stores them.
        Assert.True(await county.QueryAsync(db => db.Members.AnyAsync(x => x.Id == member.Id && x.HouseholdId == household.Id)));
    }

    /// <summary>
    /// On SQLite the bulk path binds values itself (<c>SqliteRaw</c>): each column of a row written in bulk is stored with the
    /// same type and the same text as the ordinary save stores it — GUIDs, dates, times, decimals, booleans, enums, nulls.
    /// </summary>
    [Fact]
    public async Task OnSqlite_ARowWrittenInBulk_IsStoredExactlyAsTheOrdinarySaveStoresIt()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Sqlite);
        var (villageId, townshipId) = county.Villages["三胡乡/黄柏园村"];
        var created = new DateTime(2026, 11, 29, 8, 30, 15, 123, DateTimeKind.Utc).AddTicks(4567);
        Household Make(string number) => new()
        {
            Id = Guid.NewGuid(), Number = number, CountyId = county.CountyId, TownshipId = townshipId, VillageId = villageId,
            RegistrationYear = 2014, MainCause = PovertyCause.Illness, OtherCause1 = PovertyCause.LackOfSkills, HousingArea = 72.50m,
            DistanceToMainRoadKm = 0.125m, EntryRoad = EntryRoad.Gravel, Status = HouseholdStatus.Exited, ExitYear = 2015,
            IsAdobeHouse = true, CreatedAt = created, UpdatedAt = created, PhoneCipher = county.Protector.Protect("13907181234"), BatchId = Guid.NewGuid(),
        };
        Member Of(Household h, string index) => new()
        {
            Id = Guid.NewGuid(), HouseholdId = h.Id, Name = "冉秀珍", Sex = Sex.Female, BirthDate = new DateOnly(1951, 2, 28),
            ResidentIdCipher = county.Protector.Protect("422827195102281224"), ResidentIdIndex = index, Relation = Relation.Head, EthnicityCode = "06",
            Health = Health.Disabled, DisabilityGrade = 2, MigrantWork = null, CreatedAt = created, UpdatedAt = created,
        };
        var saved = Make("4228272022099991");
        var bulk = Make("4228272022099992");
        var savedMember = Of(saved, "index-1");
        var bulkMember = Of(bulk, "index-2");
        saved.Members.Add(savedMember);
        bulk.Adopt(bulkMember);

        await using (var db = county.Factory.CreateForOperator("save"))
        {
            db.Households.Add(saved);
            await db.SaveChangesAsync();
        }
        await using (var db = county.Factory.CreateForOperator("bulk"))
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await BulkWriter.InsertAsync(db, [bulk]);
            await BulkWriter.InsertAsync(db, [bulkMember]);
            await transaction.CommitAsync();
        }

        foreach (var (table, a, b) in new[] { ("households", saved.Id, bulk.Id), ("members", savedMember.Id, bulkMember.Id) })
        {
            var stored = await county.QueryAsync(async db =>
            {
                var connection = (Microsoft.Data.Sqlite.SqliteConnection)db.Database.GetDbConnection();
                await db.Database.OpenConnectionAsync();
                var columns = new List<string>();
                await using (var info = connection.CreateCommand())
                {
                    info.CommandText = $"SELECT name FROM pragma_table_info('{table}')";
                    await using var r = await info.ExecuteReaderAsync();
                    while (await r.ReadAsync()) columns.Add(r.GetString(0));
                }
                var rows = new List<Dictionary<string, string>>();
                foreach (var id in new[] { a, b })
                {
                    await using var command = connection.CreateCommand();
                    command.CommandText = $"SELECT {string.Join(", ", columns.Select(c => $"typeof(\"{c}\") || ':' || quote(\"{c}\")"))} FROM \"{table}\" WHERE id = $id";
                    command.Parameters.AddWithValue("$id", id.ToString().ToUpperInvariant());
                    await using var r = await command.ExecuteReaderAsync();
                    Assert.True(await r.ReadAsync(), $"{table} {id} not found by its upper-case text");
                    rows.Add(columns.Select((c, i) => (c, r.GetString(i))).ToDictionary(x => x.c, x => x.Item2));
                }
                return (columns, rows);
            });
            var (names, values) = stored;
            foreach (var column in names.Except(["id", "number", "household_id", "resident_id_index", "batch_id", "phone_cipher", "resident_id_cipher", "created_at", "updated_at"]))
                Assert.True(values[0][column] == values[1][column], $"{table}.{column}: saved {values[0][column]}, bulk {values[1][column]}");
            // Keys and ciphers differ by value, not by kind; the save stamps its own times, in the same text form.
            foreach (var column in names.Intersect(["id", "household_id", "batch_id", "phone_cipher", "resident_id_cipher", "created_at", "updated_at"]))
                Assert.Equal(values[0][column].Split(':')[0], values[1][column].Split(':')[0]);
            foreach (var column in names.Intersect(["id", "household_id", "batch_id"]))
                Assert.All(values, v => Assert.Matches("^text:'[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}'$", v[column]));
            foreach (var column in names.Intersect(["created_at", "updated_at"]))
                Assert.All(values, v => Assert.Matches(@"^text:'\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{1,7})?'$", v[column]));
        }
    }
}
