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
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = App.BaseAddress.ToString(), Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        if (App is not null) await App.DisposeAsync();
        if (County is not null) await County.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
