namespace Campaigns.Application.Audiences;

/// <summary>
/// The eligible customers of one build, kept compactly (an id and a few small codes each), so a million
/// customers can be profiled and cut into cells after scoring without holding their full rows.
/// </summary>
internal sealed class EligibleRows(int capacity)
{
    private readonly List<byte> _region = new(capacity), _device = new(capacity), _orders = new(capacity), _recency = new(capacity);
    private readonly List<string> _regions = [];

    public List<Guid> Ids { get; } = new(capacity);
    public List<bool> InRandomCell { get; } = new(capacity);
    public int Count => Ids.Count;

    private static readonly string[] OrderBuckets = ["No orders", "1 order", "2–3 orders", "4–9 orders", "10+ orders"];
    private static readonly string[] RecencyBuckets = ["Never bought", "Within 30 days", "31–90 days", "91–365 days", "Over a year"];

    public int Add(CustomerRow row, bool randomCell)
    {
        var s = row.Snapshot;
        var region = _regions.IndexOf(s.Region);
        if (region < 0) { _regions.Add(s.Region); region = _regions.Count - 1; }
        _region.Add((byte)Math.Min(region, byte.MaxValue));
        _device.Add((byte)s.Device);
        _orders.Add((byte)(s.Orders switch { 0 => 0, 1 => 1, <= 3 => 2, <= 9 => 3, _ => 4 }));
        var days = s.LastOrderAt is { } last ? (s.AsOf - last).TotalDays : double.NaN;
        _recency.Add((byte)(double.IsNaN(days) ? 0 : days <= 30 ? 1 : days <= 90 ? 2 : days <= 365 ? 3 : 4));
        Ids.Add(row.Id);
        InRandomCell.Add(randomCell);
        return Ids.Count - 1;
    }

    /// <summary>How the selected customers compare with the eligible ones on the attributes marketers reason about.</summary>
    public IReadOnlyList<AttributeProfile> Profile(IReadOnlyCollection<int> selected) =>
    [
        Of("Region", _region, _regions.ToArray(), selected),
        Of("Device", _device, Enum.GetNames<Domain.Customers.Device>(), selected),
        Of("Orders", _orders, OrderBuckets, selected),
        Of("Last order", _recency, RecencyBuckets, selected),
    ];

    private static AttributeProfile Of(string name, List<byte> codes, string[] labels, IReadOnlyCollection<int> selected)
    {
        var eligible = new int[labels.Length];
        var chosen = new int[labels.Length];
        foreach (var c in codes) eligible[c]++;
        foreach (var i in selected) chosen[codes[i]]++;
        return new AttributeProfile(name, labels.Select((l, i) => new ProfileShare(l, eligible[i], chosen[i])).Where(s => s.Eligible > 0).ToList());
    }
}
