using System.Collections.Concurrent;

namespace Tuopin.Web.Api;

/// <summary>
/// Limits how many objections one client address may raise on the public notices (the one thing anyone may write):
/// at most <see cref="Limit"/> within <see cref="Window"/>, the form and the API counted together. The limit is
/// configuration (<c>Tuopin:ObjectionsPerHour</c>, default <see cref="DefaultLimit"/>).
/// </summary>
public sealed class ObjectionThrottle(TimeProvider clock, IConfiguration configuration)
{
    public const int DefaultLimit = 5;
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    public int Limit { get; } = configuration.GetValue<int?>("Tuopin:ObjectionsPerHour") is int n && n > 0 ? n : DefaultLimit;

    private readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> _byClient = new(StringComparer.Ordinal);

    public static readonly Domain.Common.LocalText RefusedText = new(
        "提交过于频繁，请稍后再试，或拨打公示上的监督电话", "Too many objections from your connection; try again later, or call the number on the notice");

    /// <summary>Counts one objection for the client and says whether it may go ahead (false: the limit is reached, nothing is counted).</summary>
    public bool TryTake(string client)
    {
        var times = _byClient.GetOrAdd(client, _ => new Queue<DateTimeOffset>());
        bool taken;
        lock (times)
        {
            var now = clock.GetUtcNow();
            while (times.Count > 0 && times.Peek() <= now - Window) times.Dequeue();
            taken = times.Count < Limit;
            if (taken) times.Enqueue(now);
        }
        if (_byClient.Count > 50_000) Prune();
        return taken;
    }

    private void Prune()
    {
        var since = clock.GetUtcNow() - Window;
        foreach (var (key, times) in _byClient)
        {
            lock (times)
            {
                while (times.Count > 0 && times.Peek() <= since) times.Dequeue();
                if (times.Count == 0) _byClient.TryRemove(key, out _);
            }
        }
    }
}
