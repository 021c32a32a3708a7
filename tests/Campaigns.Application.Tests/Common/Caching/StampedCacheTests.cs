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
    public async Task A_failed_computation_is_not_kept()
    {
        var cache = new StampedCache<int>();
        await Assert.ThrowsAsync<InvalidOperationException>(() => cache.GetAsync("a", _ => throw new InvalidOperationException("down")));
        Assert.Equal(7, await cache.GetAsync("a", _ => Task.FromResult(7)));
    }
}
