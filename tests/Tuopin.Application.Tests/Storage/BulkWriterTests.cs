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
}
