using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tuopin.Application;
using Tuopin.Application.Accounts;
using Tuopin.Application.Places;
using Tuopin.Application.Registry;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Registry;
using Tuopin.Application.Common;

namespace Tuopin.Testing;

/// <summary>
/// A fresh database holding Laifeng's places (and, if asked, its demo data), with the use cases
/// as any actor would call them.
/// </summary>
public sealed class TestCounty : IAsyncDisposable
{
    /// <summary>A fixed key, so that tests can compare blind indexes.</summary>
    public const string PersonalDataKey = "dHVvcGluLXRlc3RzLXBlcnNvbmFsLWRhdGEta2V5ISE=";

    private readonly ConcurrentDictionary<Actor, ServiceProvider> _providers = new();

    private TestCounty(DbTarget target, TuopinSettings settings)
    {
        Target = target;
        Settings = settings;
        Services = Provider(Actor.Operator("tests"));
    }

    public DbTarget Target { get; }

    public TuopinSettings Settings { get; }

    public IServiceProvider Services { get; }

    /// <summary>The clock the county's use cases read: tests take "today" from it, never from DateTime.Now.</summary>
    public TimeProvider Clock => Services.GetRequiredService<TimeProvider>();

    /// <summary>Today by the county's clock (local time, as the use cases date their records).</summary>
    public DateOnly Today => Clock.Today();

    public TuopinDbFactory Factory => Services.GetRequiredService<TuopinDbFactory>();

    public IPersonalDataProtector Protector => Services.GetRequiredService<IPersonalDataProtector>();

    public Guid CountyId { get; private set; }

    public Dictionary<string, Guid> Townships { get; } = [];

    /// <summary>Villages by "township/village", e.g. "三胡乡/黄柏园村".</summary>
    public Dictionary<string, (Guid Id, Guid TownshipId)> Villages { get; } = [];

    public static async Task<TestCounty> CreateAsync(DbProvider provider, bool demo = false)
    {
        var target = await TestDatabases.CreateAsync(provider);
        var directory = TestDirectories.New("county");
        var settings = new TuopinSettings(directory, target, PersonalDataKey, Path.Combine(directory, "unused.key"));
        var county = new TestCounty(target, settings);
        if (demo)
        {
            await Application.Demo.LoadDemo.RunAsync(county.Factory);
            await Application.Conditions.LoadDemoConditions.RunAsync(county.Factory);
            await Application.Assistance.LoadDemoAssistance.RunAsync(county.Factory);
            await Application.Credit.LoadDemoCredit.RunAsync(county.Factory);
            await Application.Housing.LoadDemoHousing.RunAsync(county.Factory);
            await Application.Projects.LoadDemoProjects.RunAsync(county.Factory);
            await using var db = county.Factory.CreateForOperator("tests");
            await Application.Plan.LoadPlan.EnsureBuiltInAsync(db);
        }
        else
        {
            await using var db = county.Factory.CreateForOperator("tests");
            await LoadCountyPlaces.RunAsync(db, CountyDataSet.Laifeng());
        }
        await county.LoadPlacesAsync();
        return county;
    }

    private async Task LoadPlacesAsync()
    {
        await using var db = Factory.CreateForOperator("tests");
        CountyId = await db.Counties.Select(c => c.Id).SingleAsync();
        foreach (var t in await db.Townships.ToListAsync()) Townships[t.Name] = t.Id;
        foreach (var v in await db.Villages.Include(v => v.Township).ToListAsync())
            Villages[$"{v.Township!.Name}/{v.Name}"] = (v.Id, v.TownshipId);
    }

    private readonly ConcurrentDictionary<string, Actor> _actors = new();

    public Actor Admin => _actors.GetOrAdd("admin", _ => new(Guid.NewGuid(), "县管理员", Role.CountyAdmin, AreaScope.County(CountyId)));

    public Actor Inspector => _actors.GetOrAdd("inspector", _ => new(Guid.NewGuid(), "督查员", Role.Inspector, AreaScope.County(CountyId)));

    public Actor TownshipOfficer(string township) => _actors.GetOrAdd("t:" + township, _ =>
        new(Guid.NewGuid(), $"{township}专干", Role.TownshipOfficer, AreaScope.Township(CountyId, Townships[township])));

    public Actor VillageOfficer(string village) => _actors.GetOrAdd("v:" + village, _ =>
    {
        var (id, township) = Villages[village];
        return new(Guid.NewGuid(), $"{village}信息员", Role.VillageOfficer, AreaScope.Village(CountyId, township, id));
    });

    /// <summary>A use case as the given actor calls it.</summary>
    public T As<T>(Actor actor) where T : notnull => Provider(actor).CreateScope().ServiceProvider.GetRequiredService<T>();

    public async Task<Guid> AddHouseholdAsync(string village, params MemberFields[] members)
    {
        var fields = Build.Household(Villages[village].Id);
        return await As<CreateHousehold>(Admin).HandleAsync(new CreateHousehold.Request(fields, members.Length == 0 ? [Build.Member()] : members, RegisteredOn: new DateOnly(2014, 10, 1)));
    }

    public async Task<T> QueryAsync<T>(Func<TuopinDb, Task<T>> query)
    {
        await using var db = Factory.CreateForOperator("tests");
        return await query(db);
    }

    private ServiceProvider Provider(Actor actor) => _providers.GetOrAdd(actor, a =>
        new ServiceCollection().AddLogging().AddTuopinApplication(Settings, a).BuildServiceProvider());

    public async ValueTask DisposeAsync()
    {
        foreach (var provider in _providers.Values) await provider.DisposeAsync();
        await TestDatabases.DropAsync(Target);
    }
}
