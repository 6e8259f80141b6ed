using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Accounts;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Storage;

/// <summary>Creates short-lived contexts, each bound to an actor. One per operation, as Blazor circuits need.</summary>
public sealed class TuopinDbFactory
{
    private readonly DbContextOptions<TuopinDb> _options;

    public TuopinDbFactory(DbTarget target, IPersonalDataProtector protector, TimeProvider clock, Security.IdProbes? probes = null)
    {
        Target = target;
        Protector = protector;
        Clock = clock;
        Probes = probes;
        var builder = new DbContextOptionsBuilder<TuopinDb>();
        target.Configure(builder);
        builder.AddInterceptors(WriteCounterInterceptor.Instance);
        _options = builder.Options;
        Writes = WriteCounter.For(target);
    }

    public DbTarget Target { get; }

    public IPersonalDataProtector Protector { get; }

    public TimeProvider Clock { get; }

    public Security.IdProbes? Probes { get; }

    /// <summary>The committed writes to this database in this process.</summary>
    public WriteCounter Writes { get; }

    public TuopinDb Create(Actor actor) => new(_options) { Actor = actor, Protector = Protector, Clock = Clock, Probes = Probes, Writes = Writes };

    /// <summary>A context for the operator of the database: migrations, demo data, shell commands.</summary>
    public TuopinDb CreateForOperator(string name = "operator") => Create(Actor.Operator(name));
}

/// <summary>The contexts of the current request or circuit, bound to its signed-in actor.</summary>
public sealed class Database(TuopinDbFactory factory, ICurrentActor current)
{
    public Actor Actor => current.Actor ?? TuopinDb.Nobody;

    public TuopinDb Open() => factory.Create(Actor);

    public IPersonalDataProtector Protector => factory.Protector;

    public TimeProvider Clock => factory.Clock;

    public WriteCounter Writes => factory.Writes;
}
