using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Tuopin.Application.Accounts;
using Tuopin.Application.Registry;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Testing;

namespace Tuopin.Application.Tests.Storage;

/// <summary>
/// Dashboards and reports read from a streaming replica when one is configured, except that a user whose own last write the
/// replica has not replayed yet reads the primary (read-your-writes). The rule, with positions the test sets.
/// </summary>
public sealed class ReadYourWritesTests
{
    /// <summary>WAL positions the test moves by hand: a replica that lags until told otherwise.</summary>
    private sealed class TestPositions : IWalPositions
    {
        public long Primary { get; set; } = 1_000;
        public long Replayed { get; set; }
        public bool ReplicaDown { get; set; }
        public int ReplicaAsked { get; private set; }

        public Task<long> PrimaryAsync(CancellationToken ct = default) => Task.FromResult(Primary);

        public Task<long> ReplicaReplayedAsync(CancellationToken ct = default)
        {
            ReplicaAsked++;
            if (ReplicaDown) throw new NpgsqlException("the replica does not answer");
            return Task.FromResult(Replayed);
        }
    }

    [Theory]
    [InlineData(false, null, null, ReadFrom.Primary)]
    [InlineData(false, 100L, 200L, ReadFrom.Primary)]
    [InlineData(true, null, null, ReadFrom.Replica)]
    [InlineData(true, 100L, 99L, ReadFrom.Primary)]
    [InlineData(true, 100L, 100L, ReadFrom.Replica)]
    [InlineData(true, 100L, 101L, ReadFrom.Replica)]
    [InlineData(true, 100L, null, ReadFrom.Primary)]
    public void TheRule_ReadsTheReplica_OnlyWhenItHasReplayedWhatTheUserWaitsFor(bool hasReplica, long? waitFor, long? replayed, ReadFrom expected) =>
        Assert.Equal(expected, ReadYourWrites.Choose(hasReplica, waitFor, replayed));

    [Fact]
    public async Task WithoutAReplica_EveryReadGoesToThePrimary()
    {
        var reads = new ReadYourWrites(null);
        Assert.Equal(ReadFrom.Primary, await reads.RouteAsync("甲"));
        await reads.WroteAsync("甲");
        Assert.Equal(ReadFrom.Primary, await reads.RouteAsync("甲"));
        Assert.Equal(ReadFrom.Primary, await reads.RouteAsync("乙"));
    }

    [Fact]
    public async Task AWriter_ReadsThePrimary_WhileTheReplicaLags_AndAnotherUserReadsTheReplica()
    {
        var positions = new TestPositions { Primary = 5_000, Replayed = 4_000 };
        var reads = new ReadYourWrites(positions);
        Assert.Equal(ReadFrom.Replica, await reads.RouteAsync("甲"));
        Assert.Equal(0, positions.ReplicaAsked); // nobody waits: the replica's position is not even asked

        await reads.WroteAsync("甲");
        Assert.Equal(ReadFrom.Primary, await reads.RouteAsync("甲"));
        Assert.Equal(ReadFrom.Replica, await reads.RouteAsync("乙"));
        Assert.False(await reads.ReplicaHasEveryWriteAsync());

        // Caught up: the writer reads the replica again, and is forgotten (no more questions to the replica).
        positions.Replayed = 5_000;
        Assert.Equal(ReadFrom.Replica, await reads.RouteAsync("甲"));
        Assert.True(await reads.ReplicaHasEveryWriteAsync());
        var asked = positions.ReplicaAsked;
        Assert.Equal(ReadFrom.Replica, await reads.RouteAsync("甲"));
        Assert.Equal(asked, positions.ReplicaAsked);
    }

    [Fact]
    public async Task ANewerWrite_IsWaitedFor_AndAReplicaThatDoesNotAnswer_SendsTheWriterToThePrimary()
    {
        var positions = new TestPositions { Primary = 100, Replayed = 0 };
        var reads = new ReadYourWrites(positions);
        await reads.WroteAsync("甲");
        positions.Primary = 300;
        await reads.WroteAsync("甲");
        positions.Replayed = 200; // past the first write, not the second
        Assert.Equal(ReadFrom.Primary, await reads.RouteAsync("甲"));
        positions.ReplicaDown = true;
        positions.Replayed = 300;
        Assert.Equal(ReadFrom.Primary, await reads.RouteAsync("甲"));
        Assert.Equal(ReadFrom.Replica, await reads.RouteAsync("乙"));
        positions.ReplicaDown = false;
        Assert.Equal(ReadFrom.Replica, await reads.RouteAsync("甲"));
    }

    [Fact]
    public void AReplica_IsRefused_ForSQLite()
    {
        var postgres = DbTarget.Parse("Host=127.0.0.1;Database=x");
        Assert.Throws<InvalidOperationException>(() => ReplicaTarget.Parse("Host=127.0.0.1;Port=5433;Database=x", DbTarget.Parse("county.db")));
        Assert.Throws<InvalidOperationException>(() => ReplicaTarget.Parse("replica.db", postgres));
        Assert.Null(ReplicaTarget.Parse("", postgres));
        var replica = ReplicaTarget.Parse("Host=127.0.0.1;Port=5433;Database=x", postgres)!;
        Assert.Contains("default_transaction_read_only=on", new NpgsqlConnectionStringBuilder(replica.Target.ConnectionString).Options);
    }

    /// <summary>
    /// On PostgreSQL, with a "replica" that is a copy of the county taken before a write (a replica that has not replayed it)
    /// and positions that say it lags: the writer's overview counts the write, another official's comes from the copy; once
    /// the replica has caught up the writer reads it too; nothing can be written through it.
    /// </summary>
    [Fact]
    public async Task OnPostgres_TheWriterSeesTheirWrite_AnotherUserReadsTheLaggingReplica_UntilItCatchesUp()
    {
        await using var county = await TestCounty.CreateAsync(DbProvider.Postgres);
        await county.AddHouseholdAsync("三胡乡/黄柏园村");
        var primaryName = new NpgsqlConnectionStringBuilder(county.Target.ConnectionString).Database!;
        var copyName = primaryName + "_replica";
        NpgsqlConnection.ClearAllPools();
        await ServerAsync($"CREATE DATABASE \"{copyName}\" TEMPLATE \"{primaryName}\"");
        try
        {
            var positions = new TestPositions { Primary = 7_000, Replayed = 6_000 };
            var replica = ReplicaTarget.Parse(new NpgsqlConnectionStringBuilder(county.Target.ConnectionString) { Database = copyName }.ToString(), county.Target)!;
            var settings = county.Settings with { Replica = replica };
            var writer = new Actor(Guid.NewGuid(), "县管理员甲", Role.CountyAdmin, AreaScope.County(county.CountyId));
            var other = new Actor(Guid.NewGuid(), "县管理员乙", Role.CountyAdmin, AreaScope.County(county.CountyId));
            await using var writerServices = Services(settings, writer, positions);
            await using var otherServices = Services(settings, other, positions);

            var fields = Build.Household(county.Villages["三胡乡/黄柏园村"].Id);
            await writerServices.CreateScope().ServiceProvider.GetRequiredService<CreateHousehold>()
                .HandleAsync(new CreateHousehold.Request(fields, [Build.Member()], RegisteredOn: new DateOnly(2014, 10, 1)));

            // The other official first: the lagging replica answers (one household), and that answer is not kept.
            Assert.Equal(1, (await Overview(otherServices)).Registered.Households);
            // The writer: the primary, with their household.
            Assert.Equal(2, (await Overview(writerServices)).Registered.Households);
            var factory = writerServices.GetRequiredService<TuopinDbFactory>();
            await using (var db = await factory.CreateForReadingAsync(writer))
                Assert.Equal(ReadFrom.Primary, db.ReadsFrom);
            await using (var db = await factory.CreateForReadingAsync(other))
            {
                Assert.Equal(ReadFrom.Replica, db.ReadsFrom);
                Assert.Equal(1, await db.Households.CountAsync());
                // Writes never: the replica's sessions are read-only.
                await db.Database.OpenConnectionAsync();
                var refused = await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync("UPDATE households SET size = size + 1"));
                Assert.Equal(PostgresErrorCodes.ReadOnlySqlTransaction, refused.SqlState);
            }

            // Caught up: the writer reads the replica too.
            positions.Replayed = 7_000;
            await using (var db = await factory.CreateForReadingAsync(writer))
            {
                Assert.Equal(ReadFrom.Replica, db.ReadsFrom);
                Assert.Equal(1, await db.Households.CountAsync()); // the copy itself: it never got the write
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ServerAsync($"DROP DATABASE IF EXISTS \"{copyName}\" WITH (FORCE)");
        }
    }

    private static ServiceProvider Services(TuopinSettings settings, Actor actor, IWalPositions positions) =>
        new ServiceCollection().AddLogging().AddSingleton(positions).AddTuopinApplication(settings, actor).BuildServiceProvider();

    private static Task<CountyOverview.Result> Overview(IServiceProvider services) =>
        services.CreateScope().ServiceProvider.GetRequiredService<CountyOverview>().HandleAsync();

    private static async Task ServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(TestDatabases.PostgresServer) { Database = "postgres", Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
