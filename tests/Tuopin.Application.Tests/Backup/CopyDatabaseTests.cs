using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tuopin.Application.Audit;
using Tuopin.Application.Backup;
using Tuopin.Application.Registry;
using Tuopin.Application.Storage;
using Tuopin.Testing;

namespace Tuopin.Application.Tests.Backup;

/// <summary>A county moves between SQLite and PostgreSQL with <c>tuopin copy</c>: every table, the same answers, the audit chain intact.</summary>
public sealed class CopyDatabaseTests
{
    [Theory, BothDatabases]
    public async Task TheDemoCounty_CopiedToTheOtherDatabase_HasTheSameRowsInEveryTable_AndTheSameOverviewAndHousehold(DbProvider from)
    {
        await using var county = await TestCounty.CreateAsync(from, demo: true);
        var to = await TestDatabases.CreateAsync(from == DbProvider.Sqlite ? DbProvider.Postgres : DbProvider.Sqlite);
        try
        {
            var result = await new CopyDatabase(county.Protector, TimeProvider.System).HandleAsync(county.Target, to);

            // The roll-up's counts are derived and not copied: the target recounts them on its first roll-up read (below).
            string[] derived = ["county_tallies", "county_tally_stamps"];
            var source = (await CountsAsync(county.Target)).Where(t => !derived.Contains(t.Key)).ToDictionary();
            var copied = (await CountsAsync(to)).Where(t => !derived.Contains(t.Key)).ToDictionary();
            Assert.Equal(source, copied);
            Assert.True(source["households"] > 10_000, $"{source["households"]} households: not the demo county");
            Assert.True(source["member_name_grams"] > 0);
            Assert.Equal(source.Where(t => !t.Key.StartsWith("__EF", StringComparison.Ordinal)).Sum(t => t.Value), result.Rows);

            await using var services = new ServiceCollection().AddLogging().AddTuopinApplication(county.Settings with { Db = to }, county.Admin).BuildServiceProvider();
            T On<T>() where T : notnull => services.CreateScope().ServiceProvider.GetRequiredService<T>();
            var overview = await county.As<CountyOverview>(county.Admin).HandleAsync();
            Assert.Equal(Json(overview), Json(await On<CountyOverview>().HandleAsync()));
            var rollup = await county.As<Tuopin.Application.Plan.GetRollup>(county.Admin).HandleAsync(new Tuopin.Application.Plan.GetRollup.Query());
            var rolledOnCopy = await On<Tuopin.Application.Plan.GetRollup>().HandleAsync(new Tuopin.Application.Plan.GetRollup.Query());
            Assert.Equal(Json(rollup.Total), Json(rolledOnCopy.Total));
            Assert.Equal(overview.Registered.Households, rolledOnCopy.Total.Registered.Households);
            var someone = await county.QueryAsync(db => db.Households.OrderBy(h => h.Number).Select(h => h.Id).Skip(1234).FirstAsync());
            Assert.Equal(Json(await county.As<GetHousehold>(county.Admin).HandleAsync(someone)), Json(await On<GetHousehold>().HandleAsync(someone)));

            // The copy goes on where the source stopped: a new household is written and chained after the copied entries.
            var fields = Build.Household(county.Villages["三胡乡/黄柏园村"].Id);
            await On<CreateHousehold>().HandleAsync(new CreateHousehold.Request(fields, [Build.Member()], RegisteredOn: new DateOnly(2014, 10, 1)));
            var factory = services.GetRequiredService<TuopinDbFactory>();
            await using (var db = factory.CreateForOperator("tests"))
            {
                var chain = await AuditChain.VerifyAsync(db);
                Assert.True(chain.Intact, string.Join("\n", chain.Breaks.Select(b => b.Problem)));
                Assert.True(chain.Entries > source["audit_entries"]);
                Assert.Equal(source["households"] + 1, await db.Households.IgnoreQueryFilters().CountAsync());
            }

            // A second copy into a database that now holds the county is refused, and changes nothing.
            var refused = await Assert.ThrowsAsync<BackupRefusedException>(() => new CopyDatabase(county.Protector, TimeProvider.System).HandleAsync(county.Target, to));
            Assert.Contains("households", refused.Message);
            Assert.Equal(source["households"] + 1, (await CountsAsync(to))["households"]);
        }
        finally
        {
            await TestDatabases.DropAsync(to);
        }
    }

    // The same number, written the same: PostgreSQL's numeric keeps its column's scale (1.40), SQLite's text does not (1.4);
    // and PostgreSQL's timestamps keep microseconds, SQLite's text the 100 ns ticks (a copy to PostgreSQL drops the last digit).
    private static string Json<T>(T value) => JsonSerializer.Serialize(value, new JsonSerializerOptions { Converters = { new SameDecimals(), new SameTimes() } });

    private sealed class SameTimes : System.Text.Json.Serialization.JsonConverter<DateTime>
    {
        public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDateTime();

        public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
            writer.WriteStringValue(new DateTime(value.Ticks - value.Ticks % 10, value.Kind));
    }

    private sealed class SameDecimals : System.Text.Json.Serialization.JsonConverter<decimal>
    {
        public override decimal Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.GetDecimal();

        public override void Write(Utf8JsonWriter writer, decimal value, JsonSerializerOptions options) =>
            writer.WriteRawValue(value.ToString("G29", System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task<Dictionary<string, long>> CountsAsync(DbTarget target)
    {
        var factory = new TuopinDbFactory(target, new Security.PersonalDataProtector(Security.PersonalDataKey.Load(TestCounty.PersonalDataKey, "unused.key")), TimeProvider.System);
        await using var db = factory.CreateForOperator("tests");
        await db.Database.OpenConnectionAsync();
        return (await DatabaseInventory.CountAsync(db.Database.GetDbConnection(), target.Provider, null, default))
            .Where(t => !DatabaseInventory.IsBookkeeping(t.Name))
            .ToDictionary(t => t.Name, t => t.Rows);
    }
}
