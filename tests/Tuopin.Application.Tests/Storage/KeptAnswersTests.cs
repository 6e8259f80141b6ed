using Tuopin.Application.Storage;

namespace Tuopin.Application.Tests.Storage;

/// <summary>Kept answers are counted once for many who ask at once, and never older than a write committed before asking.</summary>
public sealed class KeptAnswersTests
{
    [Fact]
    public async Task ManyAskingAtOnce_WaitForOneCount_AndTheAnswerIsKeptUntilTheNextWrite()
    {
        var kept = new KeptAnswers<string, int>(16);
        long writes = 1;
        var counts = 0;
        var release = new TaskCompletionSource();
        async Task<(int, bool)> Count(CancellationToken ct)
        {
            var n = Interlocked.Increment(ref counts);
            await release.Task;
            return (n * 10, true);
        }

        var asking = Enumerable.Range(0, 20).Select(_ => kept.GetAsync("county", () => Interlocked.Read(ref writes), Count, default)).ToList();
        await Task.Delay(50);
        Assert.Equal(1, counts);
        release.SetResult();
        Assert.All(await Task.WhenAll(asking), a => Assert.Equal(10, a));
        // Kept: nothing was written since.
        Assert.Equal(10, await kept.GetAsync("county", () => Interlocked.Read(ref writes), Count, default));
        Assert.Equal(1, counts);
        // Another key is its own.
        Assert.Equal(20, await kept.GetAsync("township", () => Interlocked.Read(ref writes), Count, default));

        // A write: the next asker counts again.
        Interlocked.Increment(ref writes);
        Assert.Equal(30, await kept.GetAsync("county", () => Interlocked.Read(ref writes), Count, default));
    }

    [Fact]
    public async Task AnAskerAfterAWrite_DoesNotJoinACountStartedBeforeIt()
    {
        var kept = new KeptAnswers<string, long>(16);
        long writes = 1;
        var first = new TaskCompletionSource();
        var started = 0;
        async Task<(long, bool)> Count(CancellationToken ct)
        {
            // What the count saw: the write count when it started.
            var seen = Interlocked.Read(ref writes);
            if (Interlocked.Increment(ref started) == 1) await first.Task;
            return (seen, true);
        }

        var early = kept.GetAsync("county", () => Interlocked.Read(ref writes), Count, default);
        await Task.Delay(20);
        Interlocked.Increment(ref writes);
        // Asked after the write: its own count, which sees the write, not the one under way since before it.
        var late = await kept.GetAsync("county", () => Interlocked.Read(ref writes), Count, default);
        Assert.Equal(2, late);
        first.SetResult();
        Assert.Equal(1, await early);
        // The older count did not replace the newer answer.
        Assert.Equal(2, await kept.GetAsync("county", () => Interlocked.Read(ref writes), Count, default));
        Assert.Equal(2, started);
    }

    [Fact]
    public async Task ACountNotToKeep_IsCountedAgainForEachWaiter_AndNotKept()
    {
        var kept = new KeptAnswers<string, int>(16);
        var counts = 0;
        var release = new TaskCompletionSource();
        async Task<(int, bool)> Count(CancellationToken ct)
        {
            var n = Interlocked.Increment(ref counts);
            if (n == 1) await release.Task;
            return (n, false);
        }

        var first = kept.GetAsync("county", () => 1, Count, default);
        await Task.Delay(20);
        var second = kept.GetAsync("county", () => 1, Count, default);
        release.SetResult();
        Assert.Equal(1, await first);
        Assert.Equal(2, await second);
        Assert.Equal(3, await kept.GetAsync("county", () => 1, Count, default));
    }

    [Fact]
    public async Task AFailedCount_FailsItsWaiters_AndTheNextAskerCountsAgain()
    {
        var kept = new KeptAnswers<string, int>(16);
        var fail = true;
        Task<(int, bool)> Count(CancellationToken ct) => fail ? Task.FromException<(int, bool)>(new InvalidOperationException("down")) : Task.FromResult((7, true));
        await Assert.ThrowsAsync<InvalidOperationException>(() => kept.GetAsync("county", () => 1, Count, default));
        fail = false;
        Assert.Equal(7, await kept.GetAsync("county", () => 1, Count, default));
    }
}
