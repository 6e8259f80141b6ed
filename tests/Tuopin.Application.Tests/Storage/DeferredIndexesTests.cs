using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Demo;
using Tuopin.Application.Storage;
using Tuopin.Testing;

namespace Tuopin.Application.Tests.Storage;

/// <summary>
/// The synthetic counties' load into an empty registry builds the registry's plain indexes at its end (ADR 0005): every
/// index is back afterwards, a load that stopped half-way leaves them written down and the next load builds them, and a
/// registry with a household in it keeps its indexes.
/// </summary>
public sealed class DeferredIndexesTests
{
    [Theory, BothDatabases]
    public async Task EmptyRegistry_IndexesDroppedForTheLoad_AndAllBuiltAgain(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var before = await IndexesAsync(county);

        var result = await LoadSyntheticCounties.RunAsync(county.Factory, SyntheticCounties.Describe(2, seed: 21, householdsPerCounty: 100), seed: 21);

        Assert.Equal(provider == DbProvider.Postgres ? 15 : 0, result.DeferredIndexes);
        Assert.Equal(before, await IndexesAsync(county));
        Assert.False(await county.QueryAsync(db => db.Settings.AnyAsync(s => s.Key == DeferredIndexes.SettingKey)));

        // Now the registry holds households: a second load keeps the indexes.
        var second = await LoadSyntheticCounties.RunAsync(county.Factory, SyntheticCounties.Describe(3, seed: 21, householdsPerCounty: 100).Skip(2).ToList(), seed: 21);
        Assert.Equal(0, second.DeferredIndexes);
        Assert.Equal(before, await IndexesAsync(county));
    }

    [Fact]
    public async Task ALoadThatStopped_LeavesTheIndexesWrittenDown_AndTheNextLoadBuildsThemFirst()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Postgres);
        var before = await IndexesAsync(county);

        // As a load killed after dropping them: the indexes are gone and written down.
        await using (var db = county.Factory.CreateForOperator("tests"))
            Assert.Equal(15, await DeferredIndexes.DropIfEmptyAsync(db));
        var dropped = await IndexesAsync(county);
        Assert.Equal(before.Count - 15, dropped.Count);
        Assert.DoesNotContain("ix_members_name", dropped);
        Assert.Contains("ix_members_resident_id_index", dropped);
        Assert.Contains("pk_member_name_grams", dropped);
        Assert.True(await county.QueryAsync(db => db.Settings.AnyAsync(s => s.Key == DeferredIndexes.SettingKey)));

        // The next load builds them before anything else (and, the registry being empty still, defers them again for itself).
        var result = await LoadSyntheticCounties.RunAsync(county.Factory, SyntheticCounties.Describe(1, seed: 22, householdsPerCounty: 100), seed: 22);
        Assert.Equal(15, result.DeferredIndexes);
        Assert.Equal(before, await IndexesAsync(county));
        Assert.False(await county.QueryAsync(db => db.Settings.AnyAsync(s => s.Key == DeferredIndexes.SettingKey)));
    }

    private static Task<List<string>> IndexesAsync(TestCounty county) => county.QueryAsync(db =>
        db.Database.GetDbConnection() is Npgsql.NpgsqlConnection
            ? db.Database.SqlQueryRaw<string>("SELECT indexname AS \"Value\" FROM pg_indexes WHERE schemaname = current_schema() ORDER BY 1").ToListAsync()
            : db.Database.SqlQueryRaw<string>("SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'index' ORDER BY 1").ToListAsync());
}
