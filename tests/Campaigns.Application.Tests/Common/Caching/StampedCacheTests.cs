using Campaigns.Application.Common.Caching;

namespace Campaigns.Application.Tests.Common.Caching;

public sealed class StampedCacheTests
{
    [Fact]
    public async Task Computes_once_per_stamp_and_again_when_the_stamp_moves()
    {
        var cache = new StampedCache<int>();
        var computed = 0;
        Task<int> Compute(CancellationToken _) => Task.FromResult(++computed);

        Assert.Equal(1, await cache.GetAsync("a", Compute));
        Assert.Equal(1, await cache.GetAsync("a", Compute));
        Assert.Equal(2, await cache.GetAsync("b", Compute));
        Assert.Equal(3, await cache.GetAsync("a", Compute));
    }

    [Fact]
    public async Task Reads_arriving_while_a_computation_runs_share_it()
    {
        var cache = new StampedCache<int>();
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var computed = 0;
        Task<int> Compute(CancellationToken _)
        {
            computed++;
            return release.Task;
        }

        var reads = Enumerable.Range(0, 5).Select(_ => cache.GetAsync("a", Compute)).ToList();
        release.SetResult(42);
        Assert.All(await Task.WhenAll(reads), v => Assert.Equal(42, v));
        Assert.Equal(1, computed);
    }

    [Fact]
    public async Task While_a_recomputation_runs_a_read_that_may_lag_takes_the_value_before_if_only_its_lagging_part_moved()
    {
        var cache = new StampedCache<int>();
        Assert.Equal(1, await cache.GetAsync("a", _ => Task.FromResult(1), lagging: "events-1"));
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var recomputing = cache.GetAsync("a", _ => release.Task, lagging: "events-2");

        // Behind a burst, new events only: the value before, at once.
        var lagged = cache.GetAsync("a", _ => Task.FromResult(-1), lagging: "events-3", mayLag: true);
        Assert.True(lagged.IsCompleted);
        Assert.Equal(1, await lagged);
        // Not behind a burst, or anything else moved (a decision, an import): the read waits for its own value.
        var quiet = cache.GetAsync("a", _ => Task.FromResult(3), lagging: "events-3");
        var moved = cache.GetAsync("b", _ => Task.FromResult(4), lagging: "events-3", mayLag: true);
        Assert.False(quiet.IsCompleted);
        Assert.False(moved.IsCompleted);

        release.SetResult(2);
        Assert.Equal(2, await recomputing);
        Assert.Equal(3, await quiet);
        Assert.Equal(4, await moved);
    }

    [Fact]
    public async Task A_failed_computation_is_not_kept()
    {
        var cache = new StampedCache<int>();
        await Assert.ThrowsAsync<InvalidOperationException>(() => cache.GetAsync("a", _ => throw new InvalidOperationException("down")));
        Assert.Equal(7, await cache.GetAsync("a", _ => Task.FromResult(7)));
    }
}
