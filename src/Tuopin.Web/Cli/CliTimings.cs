using System.Diagnostics;
using System.Runtime;

namespace Tuopin.Web.Cli;

/// <summary>
/// Where a verb's start-up time goes, on standard error when <c>TUOPIN_TIMINGS=1</c>: each step's wall time since the
/// process started, with the methods the JIT compiled and the time it took so far (<see cref="JitInfo"/>).
/// </summary>
internal static class CliTimings
{
    public static readonly bool On = Environment.GetEnvironmentVariable("TUOPIN_TIMINGS") == "1";

    private static readonly DateTime Started = On ? Process.GetCurrentProcess().StartTime.ToUniversalTime() : default;

    public static void Mark(string step)
    {
        if (!On) return;
        var since = (DateTime.UtcNow - Started).TotalMilliseconds;
        Console.Error.WriteLine($"[timings] {since,7:F0} ms  {step,-24} jit {JitInfo.GetCompiledMethodCount(),6} methods {JitInfo.GetCompilationTime().TotalMilliseconds,6:F0} ms");
    }

    /// <summary>A use case's own stopwatches (an import's phases), one line each.</summary>
    public static void Phases(IEnumerable<(string Name, TimeSpan Time)>? phases)
    {
        if (!On || phases is null) return;
        foreach (var (name, time) in phases) Console.Error.WriteLine($"[timings]            part: {name,-24} {time.TotalMilliseconds,7:F0} ms");
    }
}
