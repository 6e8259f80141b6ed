using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

// Issue 18's load client (bench/README.md). Loopback only, bounded in time and count; started by bench/mixed.sh.
//   mixed    --base URL --token T [--clients 200] [--seconds 60] [--server-pid PID]
//   circuits --base URL --user NAME --password P [--pages 100] [--step 25] [--server-pid PID] [--chromium PATH]
var options = Options.Parse(args);
var baseUri = new Uri(options.Get("base", "http://127.0.0.1:5791"));
if (!IPAddress.TryParse(baseUri.Host, out var host) || !IPAddress.IsLoopback(host))
{
    Console.Error.WriteLine($"loopback only: {baseUri.Host}");
    return 2;
}
var serverPid = options.Int("server-pid", 0);
return options.Command switch
{
    "mixed" => await Mixed.RunAsync(baseUri, options.Get("token", ""), options.Int("clients", 200), options.Int("seconds", 60), serverPid, options.Int("writes", 5)),
    "circuits" => await Circuits.RunAsync(baseUri, options.Get("user", "admin"), options.Get("password", ""), options.Int("pages", 100),
        options.Int("step", 25), serverPid, options.Get("chromium", Environment.GetEnvironmentVariable("TUOPIN_CHROMIUM") ?? "/usr/bin/chromium")),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Tuopin.Load mixed --base URL --token T [--clients 200] [--seconds 60] [--server-pid PID]");
    Console.Error.WriteLine("       Tuopin.Load circuits --base URL --user NAME --password P [--pages 100] [--step 25] [--server-pid PID]");
    return 2;
}

internal sealed class Options
{
    private readonly Dictionary<string, string> _values = [];

    public string Command { get; private init; } = "";

    public static Options Parse(string[] args)
    {
        var options = new Options { Command = args.Length > 0 ? args[0] : "" };
        for (var i = 1; i + 1 < args.Length; i += 2)
            options._values[args[i].TrimStart('-')] = args[i + 1];
        return options;
    }

    public string Get(string name, string fallback) => _values.GetValueOrDefault(name, fallback);

    public int Int(string name, int fallback) => _values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
}

/// <summary>The server's memory as the kernel counts it (/proc/PID/status): resident now and its peak.</summary>
internal static class ServerMemory
{
    public static string Describe(int pid)
    {
        if (pid <= 0) return "server memory: no --server-pid";
        var status = File.ReadAllLines($"/proc/{pid}/status");
        string Field(string name) => status.FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.Ordinal))?[(name.Length + 1)..].Trim() ?? "?";
        return $"server VmRSS {Mb(Field("VmRSS"))} MB (anonymous {Mb(Field("RssAnon"))}, files {Mb(Field("RssFile"))}, shared {Mb(Field("RssShmem"))}, mostly the JIT's code mapped twice), peak VmHWM {Mb(Field("VmHWM"))} MB, threads {Field("Threads")}";
    }

    public static long RssKb(int pid) =>
        pid <= 0 ? 0 : long.Parse(File.ReadAllLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);

    private static string Mb(string kb) =>
        long.TryParse(kb.Split(' ')[0], CultureInfo.InvariantCulture, out var k) ? (k / 1024).ToString(CultureInfo.InvariantCulture) : kb;
}

/// <summary>
/// N clients, each sending one request about once a second (a random pause of 0.5–1.5 s between the start of one and the
/// next, so the server sees N requests/s on average), for a bounded time: the overview, a list page, a household's page,
/// a name search and, one request in twenty, a write (a year's income of the client's own household, so that clients do
/// not overwrite each other; a 409 is counted as an error). Timeout 5 s. Prints p50/p95/p99 per kind and overall.
/// </summary>
internal static class Mixed
{
    private static readonly string[] Names = ["田", "向", "彭", "冉", "田云", "向春", "彭金", "田大", "向秀英", "田春花", "彭金俊", "冉光"];

    private sealed record Sample(string Kind, double Ms, int Status, bool TimedOut)
    {
        /// <summary>When the request was sent, in seconds since the first client started.</summary>
        public double At { get; init; }
    }

    public static async Task<int> RunAsync(Uri baseUri, string token, int clients, int seconds, int serverPid, int writes = 5)
    {
        if (string.IsNullOrEmpty(token)) { Console.Error.WriteLine("--token is required"); return 2; }
        if (clients is < 1 or > 1000 || seconds is < 1 or > 300) { Console.Error.WriteLine("at most 1000 clients and 300 s"); return 2; }
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
        using var http = new HttpClient(handler) { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(5) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        // The households the clients read and write: the first pages of the list, one own household per client for writes.
        var ids = new List<Guid>();
        for (var page = 1; ids.Count < Math.Max(clients * 2, 400); page++)
        {
            var json = await http.GetFromJsonAsync<JsonObject>($"/api/v1/households?page={page}&pageSize=200");
            var items = json!["items"]!.AsArray();
            if (items.Count == 0) break;
            ids.AddRange(items.Select(i => Guid.Parse((string)i!["id"]!)));
        }
        if (ids.Count < clients) { Console.Error.WriteLine($"only {ids.Count} households for {clients} clients"); return 1; }
        var pages = Math.Max(1, ids.Count / 20);

        Console.Error.WriteLine($"{clients} clients for {seconds} s against {baseUri} ...");
        var samples = new System.Collections.Concurrent.ConcurrentBag<Sample>();
        var end = Stopwatch.GetTimestamp() + (long)(seconds * (double)Stopwatch.Frequency);
        var cpuBefore = ServerCpu(serverPid);
        var wall = Stopwatch.StartNew();
        var tasks = Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            var random = new Random(c * 7919 + 17);
            var own = ids[c];
            int? version = null;
            // Spread the clients' first requests over the first second.
            await Task.Delay(random.Next(1000));
            while (Stopwatch.GetTimestamp() < end)
            {
                var started = Stopwatch.GetTimestamp();
                // Reads share what the writes leave evenly (overview, list, household page a quarter each of 95, search the rest).
                var roll = random.Next(100) is var r && r >= 100 - writes ? 100 : r * 95 / Math.Max(1, 100 - writes);
                var (kind, send) = roll switch
                {
                    < 25 => ("overview", (Func<Task<HttpResponseMessage>>)(() => http.GetAsync("/api/v1/overview"))),
                    < 50 => ("list", () => http.GetAsync($"/api/v1/households?page={random.Next(1, pages + 1)}&pageSize=20")),
                    < 75 => ("household", () => http.GetAsync($"/api/v1/households/{ids[random.Next(ids.Count)]}")),
                    < 95 => ("search", () => http.GetAsync($"/api/v1/households?name={Uri.EscapeDataString(Names[random.Next(Names.Length)])}")),
                    _ => ("write", () => WriteAsync(http, own, version, random, v => version = v)),
                };
                samples.Add(await TimeAsync(kind, send) with { At = wall.Elapsed.TotalSeconds - Stopwatch.GetElapsedTime(started).TotalSeconds });
                var pause = TimeSpan.FromMilliseconds(500 + random.Next(1000)) - Stopwatch.GetElapsedTime(started);
                if (pause > TimeSpan.Zero) await Task.Delay(pause);
            }
        })).ToList();
        await Task.WhenAll(tasks);
        wall.Stop();
        var cpu = ServerCpu(serverPid) - cpuBefore;

        var all = samples.ToList();
        Console.WriteLine($"{"kind",-10} {"requests",9} {"p50 ms",9} {"p95 ms",9} {"p99 ms",9} {"max ms",9} {"errors",7} {"time-outs",9}");
        foreach (var group in all.GroupBy(s => s.Kind).OrderBy(g => g.Key, StringComparer.Ordinal).Append(all.GroupBy(_ => "all").Single()))
            Line(group.Key, group.ToList());
        // The same over time: a server just started is still compiling its code (JIT) in the first seconds.
        Console.WriteLine($"{"seconds",-10} {"requests",9} {"p50 ms",9} {"p95 ms",9} {"p99 ms",9} {"max ms",9} {"errors",7} {"time-outs",9}");
        foreach (var window in all.GroupBy(s => (int)(s.At / 10)).OrderBy(g => g.Key))
            Line($"{window.Key * 10}-{window.Key * 10 + 10}", window.ToList());
        Console.WriteLine($"{all.Count} requests in {wall.Elapsed.TotalSeconds:F1} s = {all.Count / wall.Elapsed.TotalSeconds:F1}/s; " +
            (serverPid > 0 ? $"server CPU {cpu:F1} s ({cpu / wall.Elapsed.TotalSeconds * 100:F0}% of one core)" : ""));
        foreach (var failed in all.Where(s => s.Status is < 200 or >= 300 && !s.TimedOut).GroupBy(s => (s.Kind, s.Status)).Take(10))
            Console.WriteLine($"  {failed.Key.Kind}: HTTP {failed.Key.Status} × {failed.Count()}");
        Console.WriteLine(ServerMemory.Describe(serverPid));
        return 0;
    }

    private static void Line(string kind, List<Sample> samples)
    {
        var ms = samples.Select(s => s.Ms).Order().ToList();
        double P(double q) => ms.Count == 0 ? 0 : ms[Math.Min(ms.Count - 1, (int)Math.Ceiling(q * ms.Count) - 1)];
        var errors = samples.Count(s => !s.TimedOut && s.Status is < 200 or >= 300);
        Console.WriteLine($"{kind,-10} {samples.Count,9} {P(0.50),9:F1} {P(0.95),9:F1} {P(0.99),9:F1} {ms.LastOrDefault(),9:F1} {errors,7} {samples.Count(s => s.TimedOut),9}");
    }

    private static async Task<Sample> TimeAsync(string kind, Func<Task<HttpResponseMessage>> send)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await send();
            // The whole answer, as a client reads it.
            await response.Content.ReadAsByteArrayAsync();
            return new Sample(kind, Stopwatch.GetElapsedTime(started).TotalMilliseconds, (int)response.StatusCode, false);
        }
        catch (TaskCanceledException)
        {
            return new Sample(kind, Stopwatch.GetElapsedTime(started).TotalMilliseconds, 0, true);
        }
        catch (HttpRequestException)
        {
            return new Sample(kind, Stopwatch.GetElapsedTime(started).TotalMilliseconds, 0, false);
        }
    }

    /// <summary>Records the household's 2017 income again with a changed wage (reading its version first, once).</summary>
    private static async Task<HttpResponseMessage> WriteAsync(HttpClient http, Guid household, int? version, Random random, Action<int> saved)
    {
        if (version is null)
        {
            var detail = await http.GetFromJsonAsync<JsonObject>($"/api/v1/households/{household}");
            version = (int)detail!["version"]!;
        }
        var body = new
        {
            version,
            income = new { wage = 800 + random.Next(400), production = 4300, property = 125, pension = 840, productionExpense = 1050 },
            reason = "负载测试（bench/mixed.sh）",
        };
        var response = await http.PutAsJsonAsync($"/api/v1/households/{household}/incomes/2017", body);
        if (response.IsSuccessStatusCode)
        {
            var answer = await response.Content.ReadFromJsonAsync<JsonObject>();
            saved((int)answer!["version"]!);
            // The caller reads the content again: give it a fresh copy of an answer already read.
            var copy = new HttpResponseMessage(response.StatusCode) { Content = new StringContent(answer.ToJsonString()) };
            response.Dispose();
            return copy;
        }
        return response;
    }

    /// <summary>The server process's CPU seconds (user + system) from /proc/PID/stat.</summary>
    private static double ServerCpu(int pid)
    {
        if (pid <= 0) return 0;
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name; in clock ticks (100 a second).
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }
}

/// <summary>
/// Blazor pages held open: signs in once in Debian's headless Chromium, then opens the overview page in new tabs of that
/// session, a step at a time, each tab one circuit (its own WebSocket). After each step it waits until the tabs' circuits
/// are connected, lets the server settle, and prints the server's resident memory and the WebSockets the server holds
/// (established connections to its port, from /proc/net/tcp), and the memory per circuit since before the first tab.
/// </summary>
internal static class Circuits
{
    public static async Task<int> RunAsync(Uri baseUri, string user, string password, int pages, int step, int serverPid, string chromium)
    {
        if (pages is < 1 or > 500) { Console.Error.WriteLine("--pages is 1 to 500"); return 2; }
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true, Args = ["--disable-gpu", "--renderer-process-limit=8"] });
        var context = await browser.NewContextAsync(new() { BaseURL = baseUri.ToString().TrimEnd('/') });
        var login = await context.NewPageAsync();
        await login.GotoAsync("/login");
        await login.GetByLabel("登录名").FillAsync(user);
        await login.GetByLabel("密码").FillAsync(password);
        await login.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await login.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
        await login.CloseAsync();
        await Task.Delay(3000);

        var before = ServerMemory.RssKb(serverPid);
        Console.WriteLine($"{"tabs",5} {"websockets",10} {"server RSS MB",13} {"KB per circuit",14} {"open s",7}");
        Console.WriteLine($"{0,5} {WebSockets(baseUri.Port),10} {before / 1024,13} {"",14} {"",7}");
        var open = new List<IPage>();
        while (open.Count < pages)
        {
            var watch = Stopwatch.StartNew();
            var target = Math.Min(pages, open.Count + step);
            while (open.Count < target)
            {
                var page = await context.NewPageAsync();
                await page.GotoAsync("/");
                // Interactive: Blazor has started its circuit (the page's own script sets up Blazor's reconnect handler).
                await page.WaitForFunctionAsync("() => window.Blazor !== undefined && document.querySelector('h1') !== null", null, new() { Timeout = 60_000 });
                open.Add(page);
            }
            var opened = watch.Elapsed.TotalSeconds;
            await Task.Delay(5000);
            var rss = ServerMemory.RssKb(serverPid);
            Console.WriteLine($"{open.Count,5} {WebSockets(baseUri.Port),10} {rss / 1024,13} {(rss - before) / open.Count,14} {opened,7:F1}");
        }
        Console.WriteLine(ServerMemory.Describe(serverPid));
        // Closing the tabs ends their circuits; the server keeps a closed circuit's memory until its collection.
        foreach (var page in open) await page.CloseAsync();
        await Task.Delay(5000);
        Console.WriteLine($"after closing every tab: {WebSockets(baseUri.Port)} websockets; {ServerMemory.Describe(serverPid)}");
        return 0;
    }

    /// <summary>Established TCP connections whose local port is the server's (the server's side of each connection).</summary>
    private static int WebSockets(int port)
    {
        var hex = port.ToString("X4", CultureInfo.InvariantCulture);
        var count = 0;
        foreach (var file in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(file)) continue;
            foreach (var line in File.ReadLines(file).Skip(1))
            {
                var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                // local_address is "IP:PORT"; state 01 is ESTABLISHED.
                if (f[1].EndsWith(":" + hex, StringComparison.Ordinal) && f[3] == "01") count++;
            }
        }
        return count;
    }
}
