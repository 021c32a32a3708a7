namespace Campaigns.Application.Models;

/// <summary>
/// Loaded model versions by id, keeping the most recently used few. Versions never change, so any copy is good; but an
/// instance that lives through months of nightly retraining must not keep every version it ever served.
/// </summary>
internal sealed class RecentVersions<T>(int capacity) where T : class
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, (T Value, long Used)> _items = [];
    private long _clock;

    public bool TryGetValue(Guid id, out T value)
    {
        lock (_lock)
        {
            if (_items.TryGetValue(id, out var item))
            {
                _items[id] = (item.Value, ++_clock);
                value = item.Value;
                return true;
            }
            value = null!;
            return false;
        }
    }

    /// <summary>
    /// The copy kept for <paramref name="id"/>: an earlier one if another request loaded it first, else <paramref name="value"/>.
    /// An evicted version is only dropped, never disposed: a request may still be using it. The collector frees it after
    /// (a copy generator's TorchSharp tensors through their finalizers; the native memory is a few MB and the GC does not
    /// see it, so eviction bounds it by count rather than promptly).
    /// </summary>
    public T GetOrAdd(Guid id, T value)
    {
        lock (_lock)
        {
            if (_items.TryGetValue(id, out var kept)) value = kept.Value;
            _items[id] = (value, ++_clock);
            if (_items.Count > capacity) _items.Remove(_items.MinBy(i => i.Value.Used).Key);
            return value;
        }
    }
}
