namespace Campaigns.Application.Common.Caching;

/// <summary>
/// One value kept with the <see cref="StoreStamp"/> it was computed at: a read whose stamp differs computes it again,
/// so a change made through any instance is seen by the next read on every instance. One computation at a time: reads
/// arriving while it runs wait for it rather than each starting their own, except a read allowed to lag (behind a burst
/// of events) when only the lagging part of its stamp moved (the rollup's watermark): it takes the value before at once,
/// so under steady ingestion one read recomputes and the others do not queue behind it.
/// </summary>
public sealed class StampedCache<T>
{
    private readonly SemaphoreSlim _computing = new(1, 1);
    private (string Stamp, string Lagging, T Value)? _entry;

    /// <param name="stamp">What the value must be computed at: a read never gets a value from another.</param>
    /// <param name="lagging">What the value is computed at besides, which it may lag when <paramref name="mayLag"/>.</param>
    public async Task<T> GetAsync(string stamp, Func<CancellationToken, Task<T>> compute, CancellationToken ct = default, string lagging = "",
        bool mayLag = false)
    {
        if (_entry is { } hit && hit.Stamp == stamp && hit.Lagging == lagging) return hit.Value;
        if (!_computing.Wait(0))
        {
            if (mayLag && _entry is { } recent && recent.Stamp == stamp) return recent.Value;
            await _computing.WaitAsync(ct);
        }
        try
        {
            if (_entry is { } fresh && fresh.Stamp == stamp && fresh.Lagging == lagging) return fresh.Value;
            var value = await compute(ct);
            _entry = (stamp, lagging, value);
            return value;
        }
        finally
        {
            _computing.Release();
        }
    }
}
