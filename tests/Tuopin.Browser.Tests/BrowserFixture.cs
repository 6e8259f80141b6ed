using Microsoft.Playwright;
using Tuopin.Application.Registry;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Registry;
using Tuopin.Testing;

namespace Tuopin.Browser.Tests;

/// <summary>
/// One running application (SQLite, a few households) and one headless Chromium for all browser
/// tests. Chromium is Debian's (/usr/bin/chromium, or TUOPIN_CHROMIUM): nothing is downloaded.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string Village = "三胡乡/黄柏园村";

    private readonly List<IBrowserContext> _open = [];

    private IPlaywright? _playwright;

    public TestCounty County { get; private set; } = default!;

    public RunningApp App { get; private set; } = default!;

    public IBrowser Browser { get; private set; } = default!;

    /// <summary>The household the journeys look for, its head, and the village officer who edits it.</summary>
    public MemberFields Head { get; } = Build.Member(Relation.Head, Sex.Male, "彭志勇");

    public MemberFields Wife { get; } = Build.Member(Relation.Spouse, Sex.Female, "覃桂花");

    public Guid HouseholdId { get; private set; }

    public string OfficerName => "sanhu_huangbaiyuan";

    public string OfficerPassword { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        County = await TestCounty.CreateAsync(DbProvider.Sqlite);
        HouseholdId = await County.AddHouseholdAsync(Village, Head, Wife);
        await County.AddHouseholdAsync(Village, Build.Member(name: "田国平"));
        await County.AddHouseholdAsync("翔凤镇/老茶村", Build.Member(name: "向明"));
        // Open pages check their sign-in every second, so that a disabled account's page ends within the test's wait.
        App = await RunningApp.StartAsync(County, settings: new Dictionary<string, string?> { ["Tuopin:SessionRevalidationSeconds"] = "1" });
        OfficerPassword = await App.AddUserAsync(OfficerName, Role.VillageOfficer, Village);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("TUOPIN_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await NewContextAsync(new BrowserNewContextOptions { BaseURL = App.BaseAddress.ToString(), Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// A browser context the fixture closes when the test that opened it ends (<see cref="BrowserTest"/>).
    /// An open page keeps its Blazor circuit on the server, and the circuit checks its sign-in every second:
    /// left open, every earlier test's pages would go on loading the server for the rest of the run.
    /// </summary>
    public async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions options)
    {
        var context = await Browser.NewContextAsync(options);
        lock (_open) _open.Add(context);
        return context;
    }

    /// <summary>Closes every context opened since the last call; the number closed, for the test that checks this.</summary>
    public async Task<int> CloseOpenContextsAsync()
    {
        IBrowserContext[] open;
        lock (_open)
        {
            open = [.. _open];
            _open.Clear();
        }
        foreach (var context in open)
        {
            // A test may have closed its own context already; closing twice is harmless.
            await context.CloseAsync();
        }
        return open.Length;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        if (App is not null) await App.DisposeAsync();
        if (County is not null) await County.DisposeAsync();
    }
}

/// <summary>
/// The base of every browser test: when a test ends, the pages it opened are closed, so that their circuits
/// stop working on the server before the next test starts.
/// </summary>
public abstract class BrowserTest(BrowserFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => fixture.CloseOpenContextsAsync();
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
