using System.Collections.Concurrent;
using Npgsql;

namespace Tuopin.Application.Storage;

/// <summary>Which server answers a read.</summary>
public enum ReadFrom { Primary, Replica }

/// <summary>
/// The write-ahead log positions a read's routing compares (PostgreSQL LSNs as byte offsets): the primary's
/// current position after a commit, and how far a streaming replica has replayed.
/// </summary>
public interface IWalPositions
{
    /// <summary>The primary's current WAL position: asked after a commit, it is at or past that commit.</summary>
    Task<long> PrimaryAsync(CancellationToken ct = default);

    /// <summary>How far the replica has replayed the primary's WAL.</summary>
    Task<long> ReplicaReplayedAsync(CancellationToken ct = default);
}

/// <summary>
/// A streaming read replica for the dashboards and reports (<c>ConnectionStrings:Replica</c>, PostgreSQL only).
/// Writes always go to the primary; nothing opened on the replica can write (its sessions are read-only).
/// </summary>
public sealed record ReplicaTarget(DbTarget Target)
{
    public static ReplicaTarget? Parse(string? text, DbTarget primary)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var target = DbTarget.Parse(text);
        if (target.Provider != DbProvider.Postgres || primary.Provider != DbProvider.Postgres)
            throw new InvalidOperationException("A read replica (ConnectionStrings:Replica) needs PostgreSQL for both the database and the replica.");
        // A hot standby refuses writes anyway; the session's own setting makes the rule hold even when the
        // "replica" is a server that would accept them.
        var builder = new NpgsqlConnectionStringBuilder(target.ConnectionString) { Options = "-c default_transaction_read_only=on" };
        return new ReplicaTarget(target with { ConnectionString = builder.ToString() });
    }
}

/// <summary>
/// Read-your-writes across a primary and its replica, the one place the rule is written: a read that may come from the
/// replica comes from it, except for a user whose last write (the primary's WAL position after its commit) the replica
/// has not replayed yet — that user's reads go to the primary until it has. Other users read the replica at once:
/// what they see may lag by the replication delay (normally well under a second), never a user's own change.
/// One per database and replica per process (like <see cref="WriteCounter"/>).
/// </summary>
public sealed class ReadYourWrites
{
    private static readonly ConcurrentDictionary<string, ReadYourWrites> Instances = new(StringComparer.Ordinal);

    private readonly IWalPositions? _positions;
    private readonly ConcurrentDictionary<string, long> _waitFor = new(StringComparer.Ordinal);
    private long _latest;

    /// <param name="positions">The WAL positions; null when no replica is configured (every read goes to the primary).</param>
    public ReadYourWrites(IWalPositions? positions) => _positions = positions;

    /// <summary>The instance for a database and its replica: the first factory of the process on the pair fixes its positions.</summary>
    public static ReadYourWrites For(DbTarget primary, ReplicaTarget? replica, IWalPositions? positions) =>
        Instances.GetOrAdd(primary.ConnectionString + "\n" + replica?.Target.ConnectionString, _ => new ReadYourWrites(positions));

    public bool HasReplica => _positions is not null;

    /// <summary>The rule itself: where a read goes, given the position the user waits for and the replica's.</summary>
    public static ReadFrom Choose(bool hasReplica, long? waitFor, long? replicaReplayed) =>
        !hasReplica ? ReadFrom.Primary
        : waitFor is null ? ReadFrom.Replica
        : replicaReplayed is { } replayed && replayed >= waitFor ? ReadFrom.Replica
        : ReadFrom.Primary;

    /// <summary>A user's write has committed: remember the primary's position for them.</summary>
    public async Task WroteAsync(string user, CancellationToken ct = default)
    {
        if (_positions is null) return;
        var position = await _positions.PrimaryAsync(ct);
        _waitFor.AddOrUpdate(user, position, (_, old) => Math.Max(old, position));
        long seen;
        while ((seen = Interlocked.Read(ref _latest)) < position && Interlocked.CompareExchange(ref _latest, position, seen) != seen) { }
    }

    /// <summary>Where this user's next dashboard or report read goes.</summary>
    public async Task<ReadFrom> RouteAsync(string user, CancellationToken ct = default)
    {
        if (_positions is null) return ReadFrom.Primary;
        if (!_waitFor.TryGetValue(user, out var waitFor)) return ReadFrom.Replica;
        var replayed = await ReplayedAsync(ct);
        var route = Choose(true, waitFor, replayed);
        // Caught up: forget the position (only if no newer write came meanwhile).
        if (route == ReadFrom.Replica) _waitFor.TryRemove(new KeyValuePair<string, long>(user, waitFor));
        return route;
    }

    /// <summary>
    /// The replica has replayed every write this process made: an answer computed there may be kept as current
    /// as the primary's (the county overview's cache).
    /// </summary>
    public async Task<bool> ReplicaHasEveryWriteAsync(CancellationToken ct = default)
    {
        if (_positions is null) return true;
        var latest = Interlocked.Read(ref _latest);
        if (latest == 0) return true;
        return Choose(true, latest, await ReplayedAsync(ct)) == ReadFrom.Replica;
    }

    // A replica that cannot be asked is treated as lagging: the read goes to the primary.
    private async Task<long?> ReplayedAsync(CancellationToken ct)
    {
        try
        {
            return await _positions!.ReplicaReplayedAsync(ct);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return null;
        }
    }
}

/// <summary>The positions as PostgreSQL reports them: <c>pg_current_wal_lsn()</c> and <c>pg_last_wal_replay_lsn()</c>.</summary>
public sealed class PostgresWalPositions(DbTarget primary, DbTarget replica) : IWalPositions
{
    public Task<long> PrimaryAsync(CancellationToken ct = default) =>
        ScalarAsync(primary, "SELECT (pg_current_wal_lsn() - '0/0'::pg_lsn)::bigint", ct);

    // A "replica" that is not in recovery (pointed at a primary) is as current as that server's own position.
    public Task<long> ReplicaReplayedAsync(CancellationToken ct = default) =>
        ScalarAsync(replica, "SELECT (CASE WHEN pg_is_in_recovery() THEN coalesce(pg_last_wal_replay_lsn(), '0/0'::pg_lsn) ELSE pg_current_wal_lsn() END - '0/0'::pg_lsn)::bigint", ct);

    private static async Task<long> ScalarAsync(DbTarget target, string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(target.ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }
}
