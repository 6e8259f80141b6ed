using Microsoft.Extensions.DependencyInjection;
using Tuopin.Application;
using Tuopin.Application.Accounts;
using Tuopin.Application.Security;
using Tuopin.Application.Storage;
using Tuopin.Testing;

namespace Tuopin.Bench;

/// <summary>
/// A fresh, migrated, empty database (SQLite file copied from a migrated template, or a PostgreSQL
/// database cloned from one, through <see cref="TestDatabases"/>), with an operator's context factory
/// and use cases for any actor. All share one personal-data key, so what one writes the others read.
/// </summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    private readonly List<ServiceProvider> _providers = [];
    private readonly TuopinSettings _settings;

    private BenchDatabase(DbTarget target, byte[] key)
    {
        Target = target;
        Key = key;
        Factory = new TuopinDbFactory(target, new PersonalDataProtector(key), TimeProvider.System);
        var directory = TestDirectories.New("bench");
        _settings = new TuopinSettings(directory, target, Convert.ToBase64String(key), Path.Combine(directory, "unused.key"));
    }

    public DbTarget Target { get; }

    public byte[] Key { get; }

    public TuopinDbFactory Factory { get; }

    /// <summary>Leave the database when disposed (its name is printed), for a look at it afterwards.</summary>
    public bool Keep { get; set; }

    public static async Task<BenchDatabase> CreateAsync(DbProvider provider, byte[] key) =>
        new(await TestDatabases.CreateAsync(provider), key);

    /// <summary>The use cases as the given actor calls them, each scope a request.</summary>
    public IServiceProvider Services(Actor actor)
    {
        var provider = new ServiceCollection().AddLogging().AddTuopinApplication(_settings, actor).BuildServiceProvider();
        _providers.Add(provider);
        return provider;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var provider in _providers) await provider.DisposeAsync();
        if (Keep) Report.Progress($"database kept: {Target.ConnectionString.Split(';').FirstOrDefault(p => p.StartsWith("Database=", StringComparison.OrdinalIgnoreCase))}");
        else await TestDatabases.DropAsync(Target);
    }
}
