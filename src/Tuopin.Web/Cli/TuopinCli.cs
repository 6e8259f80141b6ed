using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Accounts;
using Tuopin.Application.Common;
using Tuopin.Application.Demo;
using Tuopin.Application.Places;
using Tuopin.Application.Storage;
using Tuopin.Web.Hosting;

namespace Tuopin.Web.Cli;

/// <summary>
/// The <c>tuopin</c> command. With no verb it serves the web UI and API. Verbs print text for people,
/// or JSON with <c>--format json</c>; they exit 0 on success, 1 when the input was refused (with the
/// reasons), 2 on a usage error.
/// </summary>
public static partial class TuopinCli
{
    public const int Ok = 0, Refused = 1, Usage = 2;

    private static readonly Option<string?> Db = new("--db") { Description = "SQLite file or PostgreSQL connection string (also TUOPIN_DB); default ./data/tuopin.db", Recursive = true };
    private static readonly Option<string?> DataDir = new("--data-dir") { Description = "Folder of the personal-data key and web keys (also TUOPIN_DATA_DIR); default ./data", Recursive = true };
    private static readonly Option<string> Format = new("--format") { Description = "text or json", DefaultValueFactory = _ => "text", Recursive = true };

    public static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static async Task<int> RunAsync(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        CliTimings.Mark("main");
        output ??= Console.Out;
        error ??= Console.Error;
        Format.AcceptOnlyFromAmong("text", "json");
        var root = new RootCommand("Tuopin 脱贫 — 精准扶贫管理系统 (poverty-alleviation management)");
        root.Options.Add(Db);
        root.Options.Add(DataDir);
        root.Options.Add(Format);

        var demoOption = new Option<bool>("--demo") { Description = "Load the Laifeng demo data set into an empty database first" };
        var urls = new Option<string?>("--urls") { Description = "Addresses to listen on, e.g. http://127.0.0.1:5000" };
        var serve = new Command("serve", "Serve the web UI and HTTP API") { demoOption, urls };
        serve.SetAction((parse, ct) => ServeAsync(parse.GetValue(Db), parse.GetValue(DataDir), parse.GetValue(demoOption), parse.GetValue(urls), output, ct));
        root.Subcommands.Add(serve);
        root.SetAction((parse, ct) => ServeAsync(parse.GetValue(Db), parse.GetValue(DataDir), false, null, output, ct));

        var migrate = new Command("migrate", "Create or upgrade the database schema");
        migrate.SetAction((parse, ct) => WithServices(parse, output, error, async (sp, _) =>
        {
            await sp.GetRequiredService<MigrateDatabase>().HandleAsync(ct);
            await output.WriteLineAsync($"数据库已是最新结构：{sp.GetRequiredService<DbTarget>().Display}");
            return Ok;
        }));
        root.Subcommands.Add(migrate);

        var seed = new Option<int>("--seed") { Description = "Seed of the generator; the same seed gives the same data set", DefaultValueFactory = _ => LoadDemo.DefaultSeed };
        var counties = new Option<int?>("--counties") { Description = $"Instead of Laifeng: N synthetic counties shaped like it (样例县001…, codes 99PPCC), for a province-sized database" };
        var householdsPerCounty = new Option<int>("--households-per-county") { Description = "With --counties: households per county (default the plan's 21,897)", DefaultValueFactory = _ => DemoPlan.Households };
        var demo = new Command("demo", "Build the Laifeng demo data set (illustrative, synthetic people) in an empty database, or synthetic counties") { seed, counties, householdsPerCounty };
        demo.SetAction((parse, ct) => WithServices(parse, output, error, async (sp, json) =>
        {
            await sp.GetRequiredService<MigrateDatabase>().HandleAsync(ct);
            if (parse.GetValue(counties) is { } n)
                return await SyntheticCountiesAsync(sp, n, parse.GetValue(seed), parse.GetValue(householdsPerCounty), json, output, ct);
            var result = await sp.GetRequiredService<LoadDemo>().HandleAsync(parse.GetValue(seed), ct);
            if (json) await output.WriteLineAsync(JsonSerializer.Serialize(result, Json));
            else await output.WriteLineAsync($"已载入来凤县演示数据：{result.Households:N0} 户、{result.People:N0} 人，{result.Villages} 个村（其中贫困村 {result.PoorVillages} 个），用时 {result.Elapsed.TotalSeconds:F1} 秒。");
            return Ok;
        }));
        root.Subcommands.Add(demo);

        var places = new Command("places", "A county's townships, villages and zones");
        var placesFile = new Option<string?>("--file") { Description = "The county's data file (JSON); default: the built-in Laifeng data" };
        var load = new Command("load", "Load a county's places into the database") { placesFile };
        load.SetAction((parse, ct) => WithServices(parse, output, error, async (sp, json) =>
        {
            await sp.GetRequiredService<MigrateDatabase>().HandleAsync(ct);
            var file = parse.GetValue(placesFile);
            var set = file is null ? CountyDataSet.Laifeng() : CountyDataSet.FromFile(file);
            var result = await sp.GetRequiredService<LoadCountyPlaces>().HandleAsync(set, ct);
            if (json) await output.WriteLineAsync(JsonSerializer.Serialize(new { county = result.County.Name, result.Townships, result.Villages, result.PoorVillages, result.Zones }, Json));
            else await output.WriteLineAsync($"已载入{result.County.Name}：{result.Townships} 个乡镇，{result.Villages} 个村（社区），其中贫困村 {result.PoorVillages} 个，{result.Zones} 个片区。");
            return Ok;
        }));
        places.Subcommands.Add(load);
        root.Subcommands.Add(places);

        root.Subcommands.Add(UsersCommand(output, error));
        root.Subcommands.Add(RegistryCommand(output, error));
        root.Subcommands.Add(QualityCommand(output, error));
        root.Subcommands.Add(SettingsCommand(output, error));
        root.Subcommands.Add(ImportCommand(output, error));
        root.Subcommands.Add(ExportCommand(output, error));
        root.Subcommands.Add(ConditionsCommand(output, error));
        root.Subcommands.Add(PlanCommand(output, error));
        root.Subcommands.Add(RollupCommand(output, error));
        root.Subcommands.Add(ProgressCommand(output, error));
        root.Subcommands.Add(ExitCommand(output, error));
        root.Subcommands.Add(SummaryCommand(output, error));
        root.Subcommands.Add(AssistanceCommand(output, error));
        root.Subcommands.Add(HousingCommand(output, error));
        root.Subcommands.Add(IndustryCommand(output, error));
        root.Subcommands.Add(CreditCommand(output, error));
        root.Subcommands.Add(FundsCommand(output, error));
        root.Subcommands.Add(ProjectsCommand(output, error));
        root.Subcommands.Add(OrganisationCommand(output, error));
        root.Subcommands.Add(SupervisionCommand(output, error));
        root.Subcommands.Add(AssessmentCommand(output, error));
        root.Subcommands.Add(AuditCommand(output, error));
        root.Subcommands.Add(ReportCommand(output, error));
        root.Subcommands.Add(BackupCommand(output, error));
        root.Subcommands.Add(RestoreCommand(output, error));
        root.Subcommands.Add(CopyCommand(output, error));

        CliTimings.Mark("commands built");
        var parsed = root.Parse(args);
        CliTimings.Mark("parsed");
        if (parsed.Errors.Count > 0)
        {
            foreach (var e in parsed.Errors) await error.WriteLineAsync(e.Message);
            await error.WriteLineAsync("用法见 tuopin --help");
            return Usage;
        }
        var code = await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        CliTimings.Mark("done");
        return code;
    }


    private static async Task<int> SyntheticCountiesAsync(IServiceProvider sp, int count, int seed, int householdsPerCounty, bool json, TextWriter output, CancellationToken ct)
    {
        var progress = json ? null : new SynchronousProgress<LoadSyntheticCounties.CountyResult>(c =>
            output.WriteLine($"  {c.Name}（{c.Code}，{c.PrefectureCode}）：{c.Households:N0} 户、{c.People:N0} 人，{c.Villages} 个村（社区），{c.Elapsed.TotalSeconds:F1} 秒"));
        var result = await sp.GetRequiredService<LoadSyntheticCounties>().HandleAsync(count, seed, householdsPerCounty, progress, ct);
        if (json) await output.WriteLineAsync(JsonSerializer.Serialize(new { result.Counties, result.Households, result.People, result.Rows, seconds = result.Elapsed.TotalSeconds, result.RowsPerSecond }, Json));
        else await output.WriteLineAsync($"已载入 {result.Counties} 个样例县（合成数据）：{result.Households:N0} 户、{result.People:N0} 人，共 {result.Rows:N0} 行，用时 {result.Elapsed.TotalSeconds:F1} 秒（{result.RowsPerSecond:N0} 行/秒）。");
        return Ok;
    }

    /// <summary>Reports on the caller's thread at once (Progress&lt;T&gt; posts to the thread pool, out of order with the output).</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }

    /// <summary>Runs a verb with the core services, as the database's operator, mapping refusals to exit 1.</summary>
    private static async Task<int> WithServices(ParseResult parse, TextWriter output, TextWriter error, Func<IServiceProvider, bool, Task<int>> action)
    {
        var json = parse.GetValue(Format) == "json";
        var settings = SettingsOf(parse);
        var services = new ServiceCollection()
            .AddLogging(b => b.AddFilter("Microsoft", LogLevel.Warning))
            .AddTuopinCore(settings, Actor.Operator(OperatorName))
            .BuildServiceProvider();
        CliTimings.Mark("services built");
        await using var scope = services.CreateAsyncScope();
        if (CliTimings.On)
        {
            await using (var db = scope.ServiceProvider.GetRequiredService<Tuopin.Application.Storage.TuopinDbFactory>().CreateForOperator())
                _ = db.Model;
            CliTimings.Mark("EF model built");
        }
        return await Guarded(json, output, error, () => action(scope.ServiceProvider, json));
    }

    /// <summary>Who runs a verb, as the audit names them.</summary>
    private static string OperatorName => Environment.UserName is { Length: > 0 } user ? $"{user}（命令行）" : "operator";

    /// <summary>Where the data lives for this command line: --db and --data-dir over configuration.</summary>
    private static TuopinSettings SettingsOf(ParseResult parse)
    {
        var builder = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables();
        if (parse.GetValue(DataDir) is { } dataDir) builder.AddInMemoryCollection([new("TUOPIN_DATA_DIR", dataDir)]);
        return TuopinSettings.From(builder.Build(), parse.GetValue(Db));
    }

    /// <summary>Runs a verb's work, mapping refusals (and database and file errors) to exit 1 with the reasons.</summary>
    private static async Task<int> Guarded(bool json, TextWriter output, TextWriter error, Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (UseCaseException e)
        {
            if (json)
            {
                var problems = e is InvalidRequestException invalid
                    ? invalid.Problems.Select(p => new { field = p.Field, code = p.Code, message = p.Message.Current }).ToList<object>()
                    : [new { field = (string?)null, code = e.GetType().Name, message = e.Text.Current }];
                await output.WriteLineAsync(JsonSerializer.Serialize(new { errors = problems }, Json));
            }
            else
            {
                await error.WriteLineAsync(e.Text.Current);
                if (e is InvalidRequestException invalid && invalid.Problems.Count > 1)
                    foreach (var p in invalid.Problems) await error.WriteLineAsync($"  {p.Field}: {p.Message.Current}");
            }
            return Refused;
        }
        catch (Exception e) when (e is DbUpdateException or Npgsql.NpgsqlException or Microsoft.Data.Sqlite.SqliteException or InvalidDataException or IOException)
        {
            await error.WriteLineAsync($"{e.GetType().Name}: {e.Message}");
            return Refused;
        }
        // EF Core wraps a database error it takes for transient (a server that refuses the connection, or has no slot left:
        // 53300) in "An exception has been raised that is likely due to a transient failure": the database's own words say why.
        catch (InvalidOperationException e) when (e.InnerException is Npgsql.NpgsqlException or Microsoft.Data.Sqlite.SqliteException)
        {
            await error.WriteLineAsync($"{e.InnerException.GetType().Name}: {e.InnerException.Message}");
            return Refused;
        }
    }

    private static async Task<int> ServeAsync(string? db, string? dataDir, bool demo, string? urls, TextWriter output, CancellationToken ct)
    {
        var args = urls is null ? Array.Empty<string>() : new[] { "--urls", urls };
        var app = WebApp.Build(args, db, dataDir is null ? null : new Dictionary<string, string?> { ["TUOPIN_DATA_DIR"] = dataDir });
        await Bootstrap.PrepareAsync(app.Services, demo, output, ct);
        // The scopes' models built while the server starts listening, not during the first users' requests.
        _ = Task.Run(async () =>
        {
            try { await ModelWarmUp.RunAsync(app.Services.GetRequiredService<TuopinDbFactory>(), ct); }
            catch (Exception e) when (e is not OutOfMemoryException) { await Console.Error.WriteLineAsync($"warm-up: {e.GetType().Name}: {e.Message}"); }
        }, ct);
        await app.RunAsync(ct);
        return Ok;
    }
}
