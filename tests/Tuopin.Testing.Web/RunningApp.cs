using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tuopin.Application.Accounts;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Web.Hosting;

namespace Tuopin.Testing.Web;

/// <summary>
/// The real web application on a real Kestrel port over a <see cref="TestCounty"/>'s database: the
/// whole HTTP pipeline, for API tests and browsers alike. Everything it logs is kept for inspection.
/// </summary>
public sealed class RunningApp : IAsyncDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private readonly WebApplication _app;

    private RunningApp(WebApplication app, TestCounty county, LogSink logs)
    {
        _app = app;
        County = county;
        Logs = logs;
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
        BaseAddress = new Uri(addresses.Addresses.First());
    }

    public TestCounty County { get; }

    public Uri BaseAddress { get; }

    public LogSink Logs { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Starts the app over the county's database; <paramref name="settings"/> adds configuration, e.g. Tuopin:BehindProxy.</summary>
    public static async Task<RunningApp> StartAsync(TestCounty county, string? culture = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var logs = new LogSink();
        var configuration = new Dictionary<string, string?>
        {
            ["Tuopin:DataDirectory"] = county.Settings.DataDirectory,
            ["Tuopin:PersonalDataKey"] = TestCounty.PersonalDataKey,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) configuration[key] = value;
        var app = WebApp.Build(
            ["--urls", "http://127.0.0.1:0", "--environment", "Production"],
            county.Target.Provider == DbProvider.Sqlite ? county.Target.SqliteFile : county.Target.ConnectionString,
            configuration,
            builder =>
            {
                builder.Logging.ClearProviders();
                builder.Logging.SetMinimumLevel(LogLevel.Trace);
                builder.Logging.AddFilter(_ => true);
                builder.Logging.AddProvider(logs);
            });
        await app.StartAsync();
        return new RunningApp(app, county, logs);
    }

    /// <summary>
    /// Creates an account and returns its password; <paramref name="countyRecords"/>: a regional official granted the records of their
    /// counties (ADR 0016); <paramref name="countyId"/>: a county-wide account of another county than the test county's (a database of several).
    /// </summary>
    public async Task<string> AddUserAsync(string userName, Role role, string? area = null, bool mustChangePassword = false, Department? department = null, string? displayName = null, Guid? region = null,
        bool countyRecords = false, Guid? countyId = null)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var password = "Test-" + CreateUser.NewPassword();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var county = County;
        var user = new User
        {
            Id = Guid.CreateVersion7(),
            UserName = userName,
            DisplayName = displayName ?? userName,
            Role = role,
            // An official above the county (a prefecture's or province's, region = its id) belongs to no county.
            CountyId = Permissions.IsRegional(role) ? Guid.Empty : countyId ?? county.CountyId,
            RegionId = Permissions.IsRegional(role) ? region : null,
            ReadsCountyRecords = countyRecords,
            TownshipId = role == Role.TownshipOfficer ? county.Townships[area!] : role == Role.VillageOfficer ? county.Villages[area!].TownshipId : null,
            VillageId = role == Role.VillageOfficer ? county.Villages[area!].Id : null,
            CreatedAt = _app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime,
            MustChangePassword = mustChangePassword,
            Department = role == Role.LineDepartment ? department ?? Department.Water : null,
        };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        return password;
    }

    /// <summary>A client holding a bearer token of a new account with this role and area (<paramref name="countyId"/>: of another county, as <see cref="AddUserAsync"/>).</summary>
    public async Task<HttpClient> ClientAsAsync(Role role, string? area = null, string? culture = null, Department? department = null, Guid? region = null, bool countyRecords = false,
        Guid? countyId = null)
    {
        // The role's name, a dash and 8 random characters (a cut at 20 left PrefectureOfficial one, and two collided).
        var name = $"{role}-{Guid.NewGuid():N}"[..(role.ToString().Length + 9)];
        var password = await AddUserAsync(name, role, area, department: department, region: region, countyRecords: countyRecords, countyId: countyId);
        var client = AnonymousClient(culture);
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = name, password });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<JsonElement>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        return client;
    }

    /// <summary>A bearer token for the account, or the failed answer.</summary>
    public async Task<(HttpResponseMessage Response, string? Token)> TokenAsync(string userName, string password, HttpClient? client = null)
    {
        var response = await (client ?? AnonymousClient()).PostAsJsonAsync("/api/v1/auth/token", new { userName, password });
        if (!response.IsSuccessStatusCode) return (response, null);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (response, body.GetProperty("accessToken").GetString());
    }

    /// <summary>A client carrying this bearer token.</summary>
    public HttpClient BearerClient(string token, string? culture = null)
    {
        var client = AnonymousClient(culture);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Signs in through the sign-in page's form, as a browser does; the client keeps the cookie.</summary>
    public static async Task<HttpResponseMessage> SignInWithFormAsync(HttpClient browser, string userName, string password, string? returnUrl = null)
    {
        var page = "/login" + (returnUrl is null ? "" : "?returnUrl=" + Uri.EscapeDataString(returnUrl));
        var form = await browser.GetStringAsync(page);
        var fields = System.Text.RegularExpressions.Regex.Matches(form, "<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\"")
            .ToDictionary(m => System.Net.WebUtility.HtmlDecode(m.Groups["name"].Value), m => System.Net.WebUtility.HtmlDecode(m.Groups["value"].Value));
        fields["Input.UserName"] = userName;
        fields["Input.Password"] = password;
        return await browser.PostAsync(page, new FormUrlEncodedContent(fields));
    }

    public HttpClient AnonymousClient(string? culture = null)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true }) { BaseAddress = BaseAddress };
        if (culture is not null) client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(culture);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>Keeps every log message the application writes, at every level.</summary>
public sealed class LogSink : ILoggerProvider
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _messages = new();

    public IReadOnlyCollection<string> Messages => _messages;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _messages);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, System.Collections.Concurrent.ConcurrentQueue<string> messages) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            messages.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
