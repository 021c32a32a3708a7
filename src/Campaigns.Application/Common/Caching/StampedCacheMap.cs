using System.Collections.Concurrent;

namespace Campaigns.Application.Common.Caching;

/// <summary>
/// A <see cref="StampedCache{T}"/> per key (an experiment and the options it is read with), for figures that many
/// users read at once and that change only when their stamp moves. Bounded: past <see cref="Capacity"/> keys it starts
/// afresh rather than growing with every combination of options anyone ever asked for.
/// </summary>
public sealed class StampedCacheMap<TKey, T> where TKey : notnull
{
    public const int Capacity = 512;

    private readonly ConcurrentDictionary<TKey, StampedCache<T>> _entries = new();

    /// <inheritdoc cref="StampedCache{T}.GetAsync"/>
    public Task<T> GetAsync(TKey key, string stamp, Func<CancellationToken, Task<T>> compute, CancellationToken ct = default, string lagging = "",
        bool mayLag = false)
    {
        if (_entries.Count >= Capacity && !_entries.ContainsKey(key)) _entries.Clear();
        return _entries.GetOrAdd(key, _ => new StampedCache<T>()).GetAsync(stamp, compute, ct, lagging, mayLag);
    }
}
