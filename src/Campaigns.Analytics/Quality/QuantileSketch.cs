namespace Campaigns.Analytics;

// DDSketch: Masson, Rim & Lee, "DDSketch: a fast and fully-mergeable quantile sketch with relative-error guarantees", VLDB 2019.
// Logarithmic buckets of ratio γ = (1 + α)/(1 − α) give every quantile within relative error α, in memory logarithmic in the range.
public sealed class QuantileSketch
{
    private readonly double _gamma;
    private readonly double _logGamma;
    private readonly SortedDictionary<int, long> _positive = new();
    private readonly SortedDictionary<int, long> _negative = new();
    private long _zeros;

    public QuantileSketch(double relativeAccuracy = 0.01)
    {
        if (relativeAccuracy is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(relativeAccuracy));
        RelativeAccuracy = relativeAccuracy;
        _gamma = (1 + relativeAccuracy) / (1 - relativeAccuracy);
        _logGamma = Math.Log(_gamma);
    }

    public double RelativeAccuracy { get; }
    public long Count { get; private set; }

    /// <summary>Adds a value; NaN and infinities are ignored (they have no bucket).</summary>
    public void Add(double value, long count = 1)
    {
        if (!double.IsFinite(value) || count <= 0) return;
        Count += count;
        if (Math.Abs(value) < 1e-300) { _zeros += count; return; }
        var store = value > 0 ? _positive : _negative;
        var key = (int)Math.Ceiling(Math.Log(Math.Abs(value)) / _logGamma);
        store[key] = store.GetValueOrDefault(key) + count;
    }

    public void Merge(QuantileSketch other)
    {
        if (other.RelativeAccuracy != RelativeAccuracy) throw new ArgumentException("Sketches must share their accuracy to merge.");
        foreach (var (k, c) in other._positive) _positive[k] = _positive.GetValueOrDefault(k) + c;
        foreach (var (k, c) in other._negative) _negative[k] = _negative.GetValueOrDefault(k) + c;
        _zeros += other._zeros;
        Count += other.Count;
    }

    /// <summary>The q-quantile (0 ≤ q ≤ 1) within relative error α; 0 for an empty sketch.</summary>
    public double Quantile(double q)
    {
        if (Count == 0) return 0;
        var rank = (long)Math.Floor(Math.Clamp(q, 0, 1) * (Count - 1));
        long seen = 0;
        foreach (var (k, c) in _negative.Reverse())
        {
            seen += c;
            if (seen > rank) return -Representative(k);
        }
        seen += _zeros;
        if (seen > rank) return 0;
        foreach (var (k, c) in _positive)
        {
            seen += c;
            if (seen > rank) return Representative(k);
        }
        return Representative(_positive.Keys.Last());
    }

    // The bucket (γ^(k−1), γ^k] is represented by 2γ^k/(γ + 1), within α of every value in it.
    private double Representative(int key) => 2 * Math.Pow(_gamma, key) / (_gamma + 1);
}
