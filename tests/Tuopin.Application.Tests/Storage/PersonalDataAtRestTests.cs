using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Storage;
using Tuopin.Testing;

namespace Tuopin.Application.Tests.Storage;

public sealed class PersonalDataAtRestTests
{
    [Theory, BothDatabases]
    public async Task ResidentIdsAndPhones_AreEncrypted_WithABlindIndexForExactSearch(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var member = Build.Member();
        await county.AddHouseholdAsync("三胡乡/黄柏园村", member);

        var rows = await county.QueryAsync(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT m.resident_id_cipher, m.resident_id_index, h.phone_cipher FROM members m JOIN households h ON h.id = m.household_id";
            await using var reader = await command.ExecuteReaderAsync();
            var list = new List<(string Cipher, string Index, string Phone)>();
            while (await reader.ReadAsync()) list.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            return list;
        });

        var (cipher, index, phone) = Assert.Single(rows);
        Assert.DoesNotContain(member.ResidentId!, cipher, StringComparison.Ordinal);
        Assert.DoesNotContain(member.ResidentId![6..14], cipher, StringComparison.Ordinal);
        Assert.DoesNotContain("13800001234", phone, StringComparison.Ordinal);
        Assert.Equal(member.ResidentId, county.Protector.Unprotect(cipher));
        Assert.Equal(county.Protector.Index(member.ResidentId!), index);
        // The same number encrypts differently each time; only the keyed index is stable.
        Assert.NotEqual(county.Protector.Protect(member.ResidentId!), county.Protector.Protect(member.ResidentId!));
    }

    [Theory, BothDatabases]
    public async Task TheDatabaseItself_RefusesTheSamePersonTwice(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var member = Build.Member();
        var householdId = await county.AddHouseholdAsync("三胡乡/黄柏园村", member);
        await using var db = county.Factory.Create(county.Admin);
        var (villageId, townshipId) = county.Villages["三胡乡/黄柏园村"];
        db.Members.Add(new Domain.Registry.Member
        {
            Id = Guid.NewGuid(), HouseholdId = householdId, CountyId = county.CountyId, TownshipId = townshipId, VillageId = villageId, Name = "重复", ResidentIdCipher = county.Protector.Protect(member.ResidentId!),
            ResidentIdIndex = county.Protector.Index(member.ResidentId!), Relation = Domain.Registry.Relation.Son,
        });

        // The unique index refuses it; the save reports the lost race as a conflict that carries the database's refusal.
        var conflict = await Assert.ThrowsAsync<Tuopin.Application.Common.ConflictException>(() => db.SaveChangesAsync());
        Assert.IsAssignableFrom<DbException>(Assert.IsAssignableFrom<DbUpdateException>(conflict.InnerException).InnerException);
        Assert.True(SaveConflicts.IsUniqueViolation(conflict.InnerException));
    }
}
