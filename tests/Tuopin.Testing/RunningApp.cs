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

namespace Tuopin.Testing;

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

    public static async Task<RunningApp> StartAsync(TestCounty county, string? culture = null)
    {
        var logs = new LogSink();
        var app = WebApp.Build(
            ["--urls", "http://127.0.0.1:0", "--environment", "Production"],
            county.Target.Provider == DbProvider.Sqlite ? county.Target.SqliteFile : county.Target.ConnectionString,
            new Dictionary<string, string?>
            {
                ["Tuopin:DataDirectory"] = county.Settings.DataDirectory,
                ["Tuopin:PersonalDataKey"] = TestCounty.PersonalDataKey,
            },
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

    /// <summary>Creates an account and returns its password.</summary>
    public async Task<string> AddUserAsync(string userName, Role role, string? area = null, bool mustChangePassword = false, Department? department = null)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var password = "Test-" + CreateUser.NewPassword();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<User>>();
        var county = County;
        var user = new User
        {
            Id = Guid.CreateVersion7(),
            UserName = userName,
            DisplayName = userName,
            Role = role,
            CountyId = county.CountyId,
            TownshipId = role == Role.TownshipOfficer ? county.Townships[area!] : role == Role.VillageOfficer ? county.Villages[area!].TownshipId : null,
            VillageId = role == Role.VillageOfficer ? county.Villages[area!].Id : null,
            CreatedAt = DateTime.UtcNow,
            MustChangePassword = mustChangePassword,
            Department = role == Role.LineDepartment ? department ?? Department.Water : null,
        };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        return password;
    }

    /// <summary>A client holding a bearer token of a new account with this role and area.</summary>
    public async Task<HttpClient> ClientAsAsync(Role role, string? area = null, string? culture = null, Department? department = null)
    {
        var name = $"{role}-{Guid.NewGuid():N}"[..20];
        var password = await AddUserAsync(name, role, area, department: department);
        var client = AnonymousClient(culture);
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { userName = name, password });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<JsonElement>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        return client;
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
