using System.Collections.Concurrent;

namespace Tuopin.Application.Storage;

/// <summary>
/// Answers of a computed read (the county overview, a name search's households) kept per key until the next committed write
/// that may change them (<see cref="WriteCounter.Registry"/>), and counted once when many ask at the same time: a request
/// that finds its answer out of date joins a count already under way if that count started at the present write count or
/// later (so it sees every write committed before the request), else starts one. An answer is never older than the last
/// write committed before it was asked for.
/// </summary>
public sealed class KeptAnswers<TKey, T>(int capacity) where TKey : notnull
{
    private sealed class Entry
    {
        public long Writes = -1;
        public T? Answer;
        public Task<(T Answer, bool Keep)>? Counting;
        public long CountingFrom;
    }

    private readonly ConcurrentDictionary<TKey, Entry> _entries = new();

    /// <summary>
    /// The answer at <paramref name="writes"/> (the count read before asking). <paramref name="count"/> counts it and says
    /// whether it may be kept for others (false: it was read where not every write of this process is seen yet, e.g. a replica).
    /// </summary>
    public async Task<T> GetAsync(TKey key, Func<long> writes, Func<CancellationToken, Task<(T Answer, bool Keep)>> count, CancellationToken ct)
    {
        if (_entries.Count > capacity) _entries.Clear();
        var entry = _entries.GetOrAdd(key, _ => new Entry());
        Task<(T Answer, bool Keep)> counting;
        TaskCompletionSource<(T, bool)>? mine = null;
        long from;
        lock (entry)
        {
            from = writes();
            if (entry.Writes == from) return entry.Answer!;
            if (entry.Counting is { } running && entry.CountingFrom >= from) counting = running;
            else
            {
                mine = new TaskCompletionSource<(T, bool)>(TaskCreationOptions.RunContinuationsAsynchronously);
                counting = entry.Counting = mine.Task;
                entry.CountingFrom = from;
            }
        }
        if (mine is null)
        {
            var (answer, keep) = await counting.WaitAsync(ct);
            // Counted where this request's own writes may not be seen: counted again for it.
            return keep ? answer : (await count(ct)).Answer;
        }
        try
        {
            // Not cancelled with this request: others may be waiting for the same count.
            var counted = await count(CancellationToken.None);
            lock (entry)
            {
                if (counted.Keep && from > entry.Writes) (entry.Writes, entry.Answer) = (from, counted.Answer);
                if (entry.Counting == mine.Task) entry.Counting = null;
            }
            mine.SetResult(counted);
            return counted.Answer;
        }
        catch (Exception e)
        {
            lock (entry)
            {
                if (entry.Counting == mine.Task) entry.Counting = null;
            }
            mine.SetException(e);
            throw;
        }
    }
}
