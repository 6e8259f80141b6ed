using System.Collections.Concurrent;

namespace Tuopin.Web.Accounts;

/// <summary>
/// Slows down password guessing without letting anyone lock an official out. Failures are counted per
/// user name <em>and</em> client address: after <see cref="MaxFailures"/> wrong passwords within
/// <see cref="Window"/>, that name is refused from that address until the window has passed, while the
/// real user signing in from their own office is not affected. A client that fails across many names
/// (<see cref="MaxClientFailures"/>) is refused for every name. Unknown names are counted exactly like
/// known ones, so that the answers never tell which accounts exist.
/// </summary>
public sealed class SignInThrottle(TimeProvider clock)
{
    public const int MaxFailures = 5;
    public const int MaxClientFailures = 30;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private sealed class Failures
    {
        public readonly Queue<DateTimeOffset> Times = new();
    }

    private readonly ConcurrentDictionary<string, Failures> _byNameAndClient = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Failures> _byClient = new(StringComparer.Ordinal);

    /// <summary>Whether attempts for this name from this client are refused for now.</summary>
    public bool IsBlocked(string userName, string client) =>
        Count(_byNameAndClient, Key(userName, client)) >= MaxFailures || Count(_byClient, client) >= MaxClientFailures;

    public void Failed(string userName, string client)
    {
        Add(_byNameAndClient, Key(userName, client));
        Add(_byClient, client);
        if (_byNameAndClient.Count > 50_000) Prune(_byNameAndClient);
        if (_byClient.Count > 50_000) Prune(_byClient);
    }

    /// <summary>A right password clears the name's failures from this client (not the client's across names).</summary>
    public void Succeeded(string userName, string client) => _byNameAndClient.TryRemove(Key(userName, client), out _);

    private static string Key(string userName, string client) => $"{userName.Trim().ToUpperInvariant()}\n{client}";

    private int Count(ConcurrentDictionary<string, Failures> map, string key)
    {
        if (!map.TryGetValue(key, out var failures)) return 0;
        lock (failures)
        {
            Expire(failures);
            return failures.Times.Count;
        }
    }

    private void Add(ConcurrentDictionary<string, Failures> map, string key)
    {
        var failures = map.GetOrAdd(key, _ => new Failures());
        lock (failures)
        {
            Expire(failures);
            failures.Times.Enqueue(clock.GetUtcNow());
        }
    }

    private void Expire(Failures failures)
    {
        var since = clock.GetUtcNow() - Window;
        while (failures.Times.Count > 0 && failures.Times.Peek() < since) failures.Times.Dequeue();
    }

    private void Prune(ConcurrentDictionary<string, Failures> map)
    {
        foreach (var (key, failures) in map)
        {
            lock (failures)
            {
                Expire(failures);
                if (failures.Times.Count == 0) map.TryRemove(key, out _);
            }
        }
    }
}
