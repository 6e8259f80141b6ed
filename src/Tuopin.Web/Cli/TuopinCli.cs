using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Accounts;
using Tuopin.Application.Common;
using Tuopin.Application.Demo;
using Tuopin.Application.Places;
using Tuopin.Application.Registry;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
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
            await Bootstrap.MigrateAsync(sp.GetRequiredService<TuopinDbFactory>(), ct);
            await output.WriteLineAsync($"数据库已是最新结构：{sp.GetRequiredService<DbTarget>().Display}");
            return Ok;
        }));
        root.Subcommands.Add(migrate);

        var seed = new Option<int>("--seed") { Description = "Seed of the generator; the same seed gives the same data set", DefaultValueFactory = _ => LoadDemo.DefaultSeed };
        var demo = new Command("demo", "Build the Laifeng demo data set (illustrative, synthetic people) in an empty database") { seed };
        demo.SetAction((parse, ct) => WithServices(parse, output, error, async (sp, json) =>
        {
            var factory = sp.GetRequiredService<TuopinDbFactory>();
            await Bootstrap.MigrateAsync(factory, ct);
            var result = await LoadDemo.RunAsync(factory, parse.GetValue(seed), ct);
            await using (var planDb = factory.CreateForOperator("demo")) await Application.Plans.LoadPlan.EnsureBuiltInAsync(planDb, ct);
            await Application.Conditions.LoadDemoConditions.RunAsync(factory, parse.GetValue(seed), ct);
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
            var factory = sp.GetRequiredService<TuopinDbFactory>();
            await Bootstrap.MigrateAsync(factory, ct);
            var file = parse.GetValue(placesFile);
            var set = file is null ? CountyDataSet.Laifeng() : CountyDataSet.FromFile(file);
            await using var db = factory.CreateForOperator(Environment.UserName);
            var result = await LoadCountyPlaces.RunAsync(db, set, ct);
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
        root.Subcommands.Add(ProgressCommand(output, error));
        root.Subcommands.Add(ExitCommand(output, error));
        root.Subcommands.Add(AuditCommand(output, error));
        root.Subcommands.Add(BackupCommand(output, error));
        root.Subcommands.Add(RestoreCommand(output, error));

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var e in parsed.Errors) await error.WriteLineAsync(e.Message);
            await error.WriteLineAsync("用法见 tuopin --help");
            return Usage;
        }
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
    }

    private static Command UsersCommand(TextWriter output, TextWriter error)
    {
        var users = new Command("users", "Officials' accounts");
        var name = new Option<string>("--name") { Description = "Login name", Required = true };
        var display = new Option<string?>("--display-name") { Description = "The name shown in the UI and the audit" };
        var role = new Option<string>("--role") { Description = "county-admin, township, village, line-department or inspector", Required = true };
        role.AcceptOnlyFromAmong(RoleNames.Keys.ToArray());
        var area = new Option<string?>("--area") { Description = "Township (9-digit code or name) or village (12-digit code or township/village name)" };
        var password = new Option<string?>("--password") { Description = "Omit to generate one, printed once" };
        var department = new Option<string?>("--department") { Description = "A line department's department: " + string.Join(", ", Enum.GetValues<Department>().Select(Departments.Code)) };
        department.AcceptOnlyFromAmong(Enum.GetValues<Department>().Select(Departments.Code).ToArray());
        var add = new Command("add", "Create an account") { name, display, role, area, password, department };
        add.SetAction((parse, ct) => WithServices(parse, output, error, async (sp, json) =>
        {
            await Bootstrap.MigrateAsync(sp.GetRequiredService<TuopinDbFactory>(), ct);
            var result = await sp.GetRequiredService<CreateUser>().HandleAsync(
                new CreateUser.Request(parse.GetValue(name)!, parse.GetValue(display), RoleNames[parse.GetValue(role)!], parse.GetValue(area), parse.GetValue(password), Departments.FromCode(parse.GetValue(department))), ct);
            if (json) await output.WriteLineAsync(JsonSerializer.Serialize(result, Json));
            else
            {
                await output.WriteLineAsync($"已创建账号 {result.UserName}（{parse.GetValue(role)}，{result.AreaName}）。");
                if (result.GeneratedPassword is not null)
                    await output.WriteLineAsync($"初始密码：{result.GeneratedPassword}（只显示这一次，请首次登录后修改）");
            }
            return Ok;
        }));
        var list = new Command("list", "List accounts: role, area, last sign-in, disabled");
        list.SetAction((parse, ct) => WithServices(parse, output, error, async (sp, json) =>
        {
            var items = await sp.GetRequiredService<ListUsers>().HandleAsync(ct);
            if (json) await output.WriteLineAsync(JsonSerializer.Serialize(items, Json));
            else
            {
                foreach (var u in items)
                {
                    var last = u.LastSignInAt is { } at ? at.ToLocalTime().ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) : "从未登录";
                    var state = u.Disabled ? "已停用" : u.MustChangePassword ? "须改密码" : "正常";
                    var department = u.Department is { } d ? "（" + Departments.Name(d).Zh + "）" : "";
                    await output.WriteLineAsync($"{u.UserName,-16} {RoleNames.First(r => r.Value == u.Role).Key,-16} {state,-6} 上次登录 {last,-16} {u.Area}{department} {u.DisplayName}");
                }
            }
            return Ok;
        }));
        users.Subcommands.Add(add);
        users.Subcommands.Add(list);

        var who = new Option<string>("--name") { Description = "The account's login name", Required = true };
        var reason = new Option<string?>("--reason") { Description = "Why (kept in the audit)" };
        var disable = new Command("disable", "Disable an account: it cannot sign in; its sessions and tokens end") { who, reason };
        disable.SetAction((parse, ct) => WithServices(parse, output, error, async (sp, json) =>
        {
            await sp.GetRequiredService<DisableUser>().HandleAsync(new DisableUser.Request(parse.GetValue(who)!, parse.GetValue(reason)), ct);
            await output.WriteLineAsync(json ? JsonSerializer.Serialize(new { userName = parse.GetValue(who), disabled = true }, Json) : $"已停用账号 {parse.GetValue(who)}，其登录已全部失效。");
            return Ok;
        }));
        var enable = new Command("enable", "Enable a disabled account") { who, reason };
        enable.SetAction((parse, ct) => WithServices(parse, output, error, async (sp, json) =>
        {
            await sp.GetRequiredService<EnableUser>().HandleAsync(new EnableUser.Request(parse.GetValue(who)!, parse.GetValue(reason)), ct);
            await output.WriteLineAsync(json ? JsonSerializer.Serialize(new { userName = parse.GetValue(who), disabled = false }, Json) : $"已启用账号 {parse.GetValue(who)}。");
            return Ok;
        }));
        var reset = new Command("reset-password", "Give an account a new generated password (printed once; to be changed at the next sign-in)") { who, reason };
        reset.SetAction((parse, ct) => WithServices(parse, output, error, async (sp, json) =>
        {
            var result = await sp.GetRequiredService<ResetPassword>().HandleAsync(new ResetPassword.Request(parse.GetValue(who)!, parse.GetValue(reason)), ct);
            if (json) await output.WriteLineAsync(JsonSerializer.Serialize(result, Json));
            else
            {
                await output.WriteLineAsync($"已重置 {result.UserName} 的密码，原有登录已全部失效。");
                await output.WriteLineAsync($"新密码：{result.Password}（只显示这一次，请转交本人；登录后须修改）");
            }
            return Ok;
        }));
        var newRole = new Option<string?>("--role") { Description = "The new role: " + string.Join(", ", RoleNames.Keys) };
        newRole.AcceptOnlyFromAmong(RoleNames.Keys.ToArray());
        var newArea = new Option<string?>("--area") { Description = "The new township or village (code or name)" };
        var newDepartment = new Option<string?>("--department") { Description = "The new department of a line-department account" };
        newDepartment.AcceptOnlyFromAmong(Enum.GetValues<Department>().Select(Departments.Code).ToArray());
        var newName = new Option<string?>("--display-name") { Description = "The name shown in the UI and the audit" };
        var change = new Command("change", "Change an account's role, area, department or shown name; its sessions end") { who, newRole, newArea, newDepartment, newName, reason };
        change.SetAction((parse, ct) => WithServices(parse, output, error, async (sp, json) =>
        {
            var role = parse.GetValue(newRole) is { } r ? RoleNames[r] : (Role?)null;
            await sp.GetRequiredService<ChangeUserRole>().HandleAsync(new ChangeUserRole.Request(parse.GetValue(who)!, role, parse.GetValue(newArea),
                Departments.FromCode(parse.GetValue(newDepartment)), parse.GetValue(newName), parse.GetValue(reason)), ct);
            await output.WriteLineAsync(json ? JsonSerializer.Serialize(new { userName = parse.GetValue(who), changed = true }, Json) : $"已修改账号 {parse.GetValue(who)}；新的权限在下次登录时生效。");
            return Ok;
        }));
        users.Subcommands.Add(disable);
        users.Subcommands.Add(enable);
        users.Subcommands.Add(reset);
        users.Subcommands.Add(change);
        return users;
    }

    public static readonly Dictionary<string, Role> RoleNames = new()
    {
        ["county-admin"] = Role.CountyAdmin,
        ["township"] = Role.TownshipOfficer,
        ["village"] = Role.VillageOfficer,
        ["line-department"] = Role.LineDepartment,
        ["inspector"] = Role.Inspector,
    };

    private static Command RegistryCommand(TextWriter output, TextWriter error)
    {
        var registry = new Command("registry", "The registry of poor households");
        var asOfOption = new Option<string?>("--as-of") { Description = "Read the registry as of this date (yyyy-MM-dd); default today" };
        var stats = new Command("stats", "Households, people, places and exits by year") { asOfOption };
        stats.SetAction((parse, ct) => WithServices(parse, output, error, async (sp, json) =>
        {
            DateOnly? asOf = null;
            if (parse.GetValue(asOfOption) is { } text)
            {
                if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var parsed))
                {
                    await error.WriteLineAsync($"--as-of 的日期格式是 yyyy-MM-dd，填写的是“{text}”");
                    return Usage;
                }
                asOf = parsed;
            }
            var overview = await sp.GetRequiredService<CountyOverview>().HandleAsync(asOf, ct);
            var result = new
            {
                asOf = overview.AsOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                households = overview.Registered.Households,
                people = overview.Registered.People,
                townships = overview.Townships,
                villages = overview.Villages,
                poorVillages = overview.PoorVillages,
                exits = overview.Exits.Select(e => new { year = e.Year, households = e.Households, people = e.People }),
                remaining = new { households = overview.Remaining.Households, people = overview.Remaining.People },
                removed = new { households = overview.Removed.Households, people = overview.Removed.People },
            };
            if (json)
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(result, Json));
                return Ok;
            }
            await output.WriteLineAsync($"截至 {result.asOf}");
            await output.WriteLineAsync($"{overview.AreaName}：{result.townships} 个乡镇，{result.villages} 个村（社区），贫困村 {result.poorVillages} 个");
            await output.WriteLineAsync($"建档立卡 {result.households:N0} 户 {result.people:N0} 人");
            foreach (var e in overview.Exits) await output.WriteLineAsync($"  {e.Year} 年脱贫 {e.Households,7:N0} 户 {e.People,7:N0} 人");
            await output.WriteLineAsync($"  未脱贫   {result.remaining.households,7:N0} 户 {result.remaining.people,7:N0} 人");
            return Ok;
        }));
        registry.Subcommands.Add(stats);
        return registry;
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
        await using var scope = services.CreateAsyncScope();
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
    }

    private static async Task<int> ServeAsync(string? db, string? dataDir, bool demo, string? urls, TextWriter output, CancellationToken ct)
    {
        var args = urls is null ? Array.Empty<string>() : new[] { "--urls", urls };
        var app = WebApp.Build(args, db, dataDir is null ? null : new Dictionary<string, string?> { ["TUOPIN_DATA_DIR"] = dataDir });
        await Bootstrap.PrepareAsync(app.Services, demo, output, ct);
        await app.RunAsync(ct);
        return Ok;
    }
}
