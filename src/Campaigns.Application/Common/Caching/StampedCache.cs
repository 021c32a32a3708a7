namespace Campaigns.Application.Common.Caching;

/// <summary>
/// One value kept with the <see cref="StoreStamp"/> it was computed at: a read whose stamp differs computes it again,
/// so a change made through any instance is seen by the next read on every instance. One computation at a time: reads
/// arriving while it runs wait for it rather than each starting their own.
/// </summary>
public sealed class StampedCache<T>
{
    private readonly SemaphoreSlim _computing = new(1, 1);
    private (string Stamp, T Value)? _entry;

    public async Task<T> GetAsync(string stamp, Func<CancellationToken, Task<T>> compute, CancellationToken ct = default)
    {
        if (_entry is { } hit && hit.Stamp == stamp) return hit.Value;
        await _computing.WaitAsync(ct);
        try
        {
            if (_entry is { } fresh && fresh.Stamp == stamp) return fresh.Value;
            var value = await compute(ct);
            _entry = (stamp, value);
            return value;
        }
        finally
        {
            _computing.Release();
        }
    }
}
