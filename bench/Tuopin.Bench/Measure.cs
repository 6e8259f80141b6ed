using System.Diagnostics;

namespace Tuopin.Bench;

/// <summary>Timings of repeated runs: median and 95th percentile (nearest rank), in milliseconds.</summary>
public sealed record Samples(IReadOnlyList<double> Milliseconds, IReadOnlyList<double> CpuMilliseconds)
{
    /// <summary>This process's CPU time per run (user and kernel, all threads): less sensitive than wall time to other load on the machine.</summary>
    public double CpuMean => CpuMilliseconds.Average();

    public double Median => Percentile(0.50);

    public double P95 => Percentile(0.95);

    public double Min => Milliseconds.Min();

    private double Percentile(double p)
    {
        var sorted = Milliseconds.Order().ToArray();
        var rank = (int)Math.Ceiling(p * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}

public static class Measure
{
    public static async Task<TimeSpan> TimeAsync(Func<Task> action)
    {
        var watch = Stopwatch.StartNew();
        await action();
        return watch.Elapsed;
    }

    public static async Task<(T Value, TimeSpan Elapsed)> TimeAsync<T>(Func<Task<T>> action)
    {
        var watch = Stopwatch.StartNew();
        var value = await action();
        return (value, watch.Elapsed);
    }

    /// <summary>
    /// Warms both up, then runs them alternately (subject, baseline, subject, …) so that drift of the
    /// machine (caches, other load) falls on both alike.
    /// </summary>
    public static async Task<(Samples Subject, Samples Baseline)> PairAsync(Func<Task> subject, Func<Task> baseline, int warmups, int runs)
    {
        for (var i = 0; i < warmups; i++)
        {
            await subject();
            await baseline();
        }
        List<double> a = [], aCpu = [], b = [], bCpu = [];
        for (var i = 0; i < runs; i++)
        {
            await RunAsync(subject, a, aCpu);
            await RunAsync(baseline, b, bCpu);
        }
        return (new Samples(a, aCpu), new Samples(b, bCpu));
    }

    private static async Task RunAsync(Func<Task> action, List<double> wall, List<double> cpu)
    {
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var watch = Stopwatch.StartNew();
        await action();
        wall.Add(watch.Elapsed.TotalMilliseconds);
        cpu.Add((Environment.CpuUsage.TotalTime - cpuBefore).TotalMilliseconds);
    }
}

/// <summary>
/// Resources of one phase: bytes allocated by the GC, the peak working set of the process during it,
/// and the process's CPU time (all threads; a database server's own CPU is not in it).
/// </summary>
public sealed record MemoryUse(long AllocatedBytes, long WorkingSetBefore, long PeakWorkingSet, bool PeakIsPhaseOnly, TimeSpan Cpu)
{
    /// <summary>
    /// The largest managed heap seen right after a garbage collection during the phase (heap size
    /// less fragmentation, sampled every 50 ms): what the code keeps alive, without the garbage that
    /// the working set also counts. Only measured by probes started with <c>sampleHeap</c>.
    /// </summary>
    public long PeakLiveHeap { get; init; }

    public static MemoryProbe Start(bool sampleHeap = false) => new(sampleHeap);
}

/// <summary>
/// What a phase keeps alive, exactly: a full, blocking garbage collection every 100 ms and the heap
/// left after it. Its growth is the largest such heap less the smallest (objects of earlier phases that
/// die during this one, such as pooled connections of a dropped database, would otherwise hide some of
/// it). The collections slow the phase down, so it is run apart from the timed runs.
/// </summary>
public sealed class LiveHeapProbe
{
    private readonly Timer _sampler;
    private readonly Lock _lock = new();
    private long _peak;
    private long _floor;

    public LiveHeapProbe()
    {
        _peak = _floor = GC.GetTotalMemory(forceFullCollection: true);
        _sampler = new Timer(_ => Sample(), null, 100, 100);
    }

    /// <summary>The largest live heap seen.</summary>
    public long Peak { get { lock (_lock) return _peak; } }

    /// <summary>The smallest live heap seen (before the phase or during it).</summary>
    public long Floor { get { lock (_lock) return _floor; } }

    private void Sample()
    {
        var live = GC.GetTotalMemory(forceFullCollection: true);
        lock (_lock)
        {
            _peak = Math.Max(_peak, live);
            _floor = Math.Min(_floor, live);
        }
    }

    /// <summary>Stops sampling; returns the phase's growth: the largest live heap less the smallest.</summary>
    public long Stop()
    {
        _sampler.Dispose();
        Thread.Sleep(150); // a sample in flight ends
        return Peak - Floor;
    }
}

public sealed class MemoryProbe
{
    private readonly long _allocated;
    private readonly long _workingSet;
    private readonly bool _peakReset;
    private readonly TimeSpan _cpu;
    private readonly Timer? _sampler;
    private long _peakLive;

    public MemoryProbe(bool sampleHeap = false)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        _peakReset = ResetPeak();
        using var process = Process.GetCurrentProcess();
        _workingSet = process.WorkingSet64;
        _allocated = GC.GetTotalAllocatedBytes(true);
        _cpu = Environment.CpuUsage.TotalTime;
        if (sampleHeap)
        {
            _peakLive = LiveHeap();
            _sampler = new Timer(_ => Sample(), null, 50, 50);
        }
    }

    private static long LiveHeap()
    {
        var info = GC.GetGCMemoryInfo(GCKind.Any);
        return info.HeapSizeBytes - info.FragmentedBytes;
    }

    private void Sample()
    {
        var live = LiveHeap();
        long peak;
        while (live > (peak = Interlocked.Read(ref _peakLive)) && Interlocked.CompareExchange(ref _peakLive, live, peak) != peak) { }
    }

    public MemoryUse Stop()
    {
        _sampler?.Dispose();
        if (_sampler is not null) Sample();
        var cpu = Environment.CpuUsage.TotalTime - _cpu;
        var allocated = GC.GetTotalAllocatedBytes(true) - _allocated;
        using var process = Process.GetCurrentProcess();
        return new MemoryUse(allocated, _workingSet, process.PeakWorkingSet64, _peakReset, cpu) { PeakLiveHeap = Interlocked.Read(ref _peakLive) };
    }

    /// <summary>
    /// Linux keeps the peak resident set of the process since its start; writing 5 to clear_refs
    /// resets it, so that the peak read after a phase belongs to that phase. Elsewhere the peak
    /// stays the process's since start.
    /// </summary>
    private static bool ResetPeak()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}

/// <summary>Named laps of one stopwatch: the phases of a run, each timed from the end of the one before.</summary>
public sealed class Laps
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();

    public List<(string Name, TimeSpan Elapsed)> Items { get; } = [];

    public TimeSpan Total => Items.Aggregate(TimeSpan.Zero, (sum, item) => sum + item.Elapsed);

    public TimeSpan this[string name] => Items.FirstOrDefault(i => i.Name == name).Elapsed;

    public void Lap(string name)
    {
        Items.Add((name, _watch.Elapsed));
        _watch.Restart();
    }
}
