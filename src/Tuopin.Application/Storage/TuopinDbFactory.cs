using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Accounts;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Storage;

/// <summary>Creates short-lived contexts, each bound to an actor. One per operation, as Blazor circuits need.</summary>
public sealed class TuopinDbFactory
{
    private readonly DbContextOptions<TuopinDb> _options;
    private readonly DbContextOptions<TuopinDb>? _replicaOptions;
    // The same options on the compiled model, for the contexts of the scope without filters (OperatorModel); made at first use.
    private readonly Lazy<DbContextOptions<TuopinDb>> _everythingOptions;
    private readonly Lazy<DbContextOptions<TuopinDb>>? _everythingReplicaOptions;

    // replica: a streaming read replica for dashboards and reports (PostgreSQL only), or null.
    // positions: where the replica's lag is read (tests give their own); by default the two servers themselves.
    public TuopinDbFactory(DbTarget target, IPersonalDataProtector protector, TimeProvider clock, Security.IdProbes? probes = null,
        ReplicaTarget? replica = null, IWalPositions? positions = null)
    {
        Target = target;
        Protector = protector;
        Clock = clock;
        Probes = probes;
        var builder = new DbContextOptionsBuilder<TuopinDb>();
        target.Configure(builder);
        builder.AddInterceptors(WriteCounterInterceptor.Instance);
        _options = builder.Options;
        _everythingOptions = new(() => OperatorModel.Use(_options, target.Provider));
        Writes = WriteCounter.For(target);
        if (replica is not null)
        {
            var replicaBuilder = new DbContextOptionsBuilder<TuopinDb>();
            replica.Target.Configure(replicaBuilder);
            var replicaOptions = _replicaOptions = replicaBuilder.Options;
            _everythingReplicaOptions = new(() => OperatorModel.Use(replicaOptions, replica.Target.Provider));
        }
        Reads = ReadYourWrites.For(target, replica, replica is null ? null : positions ?? new PostgresWalPositions(target, replica.Target));
    }

    public DbTarget Target { get; }

    public IPersonalDataProtector Protector { get; }

    public TimeProvider Clock { get; }

    public Security.IdProbes? Probes { get; }

    /// <summary>The committed writes to this database in this process.</summary>
    public WriteCounter Writes { get; }

    /// <summary>Where dashboard and report reads go (read-your-writes); every read goes to the primary without a replica.</summary>
    public ReadYourWrites Reads { get; }

    public TuopinDb Create(Actor actor) => new(Unfiltered(actor) ? _everythingOptions.Value : _options) { Actor = actor, Protector = Protector, Clock = Clock, Probes = Probes, Writes = Writes, Reads = Reads };

    /// <summary>
    /// A context for a dashboard or report read: on the replica when one is configured and has replayed the actor's
    /// own last write, else on the primary (<see cref="ReadYourWrites"/>). Nothing written through it reaches a
    /// database: the replica's sessions are read-only.
    /// </summary>
    public async Task<TuopinDb> CreateForReadingAsync(Actor actor, CancellationToken ct = default)
    {
        if (_replicaOptions is null || await Reads.RouteAsync(ReaderKey(actor), ct) == ReadFrom.Primary) return Create(actor);
        return new TuopinDb(Unfiltered(actor) ? _everythingReplicaOptions!.Value : _replicaOptions) { Actor = actor, Protector = Protector, Clock = Clock, Probes = Probes, ReadsFrom = ReadFrom.Replica };
    }

    /// <summary>An actor of the scope without area filters: its contexts use the compiled model (<see cref="OperatorModel"/>).</summary>
    private static bool Unfiltered(Actor actor) => actor.Scope.Level == AreaLevel.Everything;

    /// <summary>Whose writes a read must see: the account, or the operator's name at a shell.</summary>
    internal static string ReaderKey(Actor actor) => actor.UserId?.ToString() ?? actor.UserName;

    /// <summary>A context for the operator of the database: migrations, demo data, shell commands.</summary>
    public TuopinDb CreateForOperator(string name = "operator") => Create(Actor.Operator(name));
}

/// <summary>The contexts of the current request or circuit, bound to its signed-in actor.</summary>
public sealed class Database(TuopinDbFactory factory, ICurrentActor current)
{
    public Actor Actor => current.Actor ?? TuopinDb.Nobody;

    public TuopinDb Open() => factory.Create(Actor);

    /// <summary>A context for a dashboard or report: the read replica when configured and caught up with the actor's own writes.</summary>
    public Task<TuopinDb> OpenForReadingAsync(CancellationToken ct = default) => factory.CreateForReadingAsync(Actor, ct);

    public ReadYourWrites Reads => factory.Reads;

    public IPersonalDataProtector Protector => factory.Protector;

    public TimeProvider Clock => factory.Clock;

    public WriteCounter Writes => factory.Writes;
}
